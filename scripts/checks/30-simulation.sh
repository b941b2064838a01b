#!/usr/bin/env bash
# Integration check of `reglament simulate` through the built binary: every shipped scenario runs; JSON has the
# fields of ../shared/CLI.md; the output is byte-identical on 1 and 2 threads; the trace is the audit's CSV; the
# HTML report is self-contained; a bad scenario exits 2 with a located diagnostic; bad usage exits 2.
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build --product reglament >/dev/null
bin=.build/debug/reglament
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for scenario in scenarios/*.scenario.yaml; do
  regulation=$(sed -n 's/^regulation: *//p' "$scenario")
  regulation="scenarios/$regulation"
  "$bin" simulate "$regulation" --scenario "$scenario" --runs 2 --set horizon.days=21 --set horizon.warmup_days=2 \
    --format json > "$tmp/out.json"
  python3 - "$tmp/out.json" "$scenario" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for key in ["runs", "seed", "incidents", "late_share", "time_to_answer_minutes", "utilisation", "confidence"]:
    assert key in d, (sys.argv[2], key)
assert set(d["late_share"]) >= {"overall", "by_step"}, d["late_share"]
assert set(d["time_to_answer_minutes"]) >= {"p50", "p90", "p99"}
assert len(d["confidence"]["late_share_overall_95"]) == 2
assert d["incidents"] > 0, sys.argv[2]
for v in d.get("variants", []):
    assert "difference" in v and "late_share_overall_95" in v["difference"], v.keys()
print(sys.argv[2], "ok:", d["incidents"], "incidents, late", d["late_share"]["overall"], "variants", len(d.get("variants", [])))
PY
done

okha=(regulations/002-okha.yaml --scenario scenarios/002-okha.scenario.yaml --runs 4 --set horizon.days=21 --format json)
"$bin" simulate "${okha[@]}" --jobs 1 > "$tmp/one.json"
"$bin" simulate "${okha[@]}" --jobs 2 --trace "$tmp/trace.csv" --report "$tmp/report.html" > "$tmp/two.json"
cmp "$tmp/one.json" "$tmp/two.json"
head -1 "$tmp/trace.csv" | grep -qx 'case,step,time,actor,role,department,category,kind'
grep -Eq '^C[0-9]+,detected,[0-9-]{10}T[0-9:]{8}\+11:00,' "$tmp/trace.csv"
grep -q '<svg' "$tmp/report.html"
if grep -Eq '<script|https?://[^"]*\.(js|css)' "$tmp/report.html"; then echo "report is not self-contained"; exit 1; fi

# Text in both languages.
"$bin" simulate regulations/002-okha.yaml --scenario scenarios/002-okha.scenario.yaml --runs 2 --set horizon.days=14 --lang ru \
  | grep -q 'доля просроченных'
"$bin" simulate regulations/002-okha.yaml --scenario scenarios/002-okha.scenario.yaml --runs 2 --set horizon.days=14 --lang en \
  | grep -q 'late share'

# A bad scenario: exit 2, file:line:column and a suggestion.
sed 's/^  organ: {headcount: 6,/  orgn: {headcount: 6,/' scenarios/002-okha.scenario.yaml > "$tmp/bad.scenario.yaml"
set +e
"$bin" simulate regulations/002-okha.yaml --scenario "$tmp/bad.scenario.yaml" --lang en 2> "$tmp/err.txt"
code=$?
"$bin" simulate regulations/002-okha.yaml --scenario scenarios/002-okha.scenario.yaml --set nonsense 2>/dev/null
usage=$?
set -e
[ "$code" = 2 ] || { echo "bad scenario exited $code"; exit 1; }
grep -q 'bad.scenario.yaml:[0-9]*:3: error: unknown role `orgn`' "$tmp/err.txt" || { cat "$tmp/err.txt"; exit 1; }
grep -q 'did you mean `organ`' "$tmp/err.txt"
[ "$usage" = 2 ] || { echo "bad --set exited $usage"; exit 1; }
echo "simulate: ok"
