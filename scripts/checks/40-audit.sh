#!/usr/bin/env bash
# Audit (issue 10) integration check: the CLI contract of `reglament audit` end to end on a generated log and a
# hand-made bad log: exit codes (1 violations, 2 unreadable), the JSON fields of ../shared/CLI.md, rejected rows
# reported with their lines, the HTML report written. Uses the debug build (a minute when already built).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product reglament >/dev/null
bin=.build/debug/reglament
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" bench --what audit --audit-cases 2000 --audit-log "$tmp/log.csv" --audit-import-only >/dev/null
set +e
"$bin" audit regulations/003-lipetsk.yaml "$tmp/log.csv" --format json --report "$tmp/r.html" > "$tmp/out.json"
code=$?
set -e
[ "$code" = 1 ] || { echo "audit: expected exit 1 on a log with violations, got $code"; exit 1; }
python3 - "$tmp/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
for k in ("cases", "events", "rejected_rows", "violating_cases"):
    assert k in s, k
assert s["cases"] == 2000 and s["events"] > 12000 and s["violating_cases"] > 0, s
v = d["violations"][0]
for k in ("case", "step", "clause", "role", "department", "due", "actual", "late_by_seconds", "kind"):
    assert k in v, k
assert all(r.keys() >= {"department", "cases", "on_time_share"} for r in d["by_department"])
assert isinstance(d["rejected"], list)
PY
grep -q "<svg" "$tmp/r.html"

printf 'case;step;time\nA;detected;17.03.2026 10:00\nA;route;not a time\nA;route;17.03.2026 10:50\n' > "$tmp/bad.csv"
set +e
"$bin" audit regulations/003-lipetsk.yaml "$tmp/bad.csv" --format json --lang en > "$tmp/bad.json"
code=$?
set -e
[ "$code" = 1 ] || { echo "audit: expected exit 1 (route late), got $code"; exit 1; }
python3 -c "import json,sys; d=json.load(open('$tmp/bad.json')); assert d['summary']['rejected_rows']==1 and d['rejected'][0]['line']==3, d['rejected']"

printf 'id,status\nA,route\n' > "$tmp/nocols.csv"
set +e
"$bin" audit regulations/003-lipetsk.yaml "$tmp/nocols.csv" 2>/dev/null
code=$?
set -e
[ "$code" = 2 ] || { echo "audit: expected exit 2 on a log without case/step/time columns, got $code"; exit 1; }
echo "audit check: ok"
