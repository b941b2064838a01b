#!/usr/bin/env bash
# `reglament rules --explain ID` for every analysis rule: a complete example regulation that triggers it (with the
# finding it gives) and one that does not, in both languages and as JSON.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product reglament >/dev/null
bin=.build/debug/reglament
ids=$("$bin" rules --format json | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin) if r["analysis"]))')
[ -n "$ids" ]
for id in $ids; do
  out=$("$bin" rules --explain "$id" --lang en)
  grep -q '^triggers:' <<<"$out" && grep -q '^does not trigger:' <<<"$out" || { echo "$id: examples missing"; exit 1; }
  [ "$(grep -c '^reglament: 1' <<<"$out")" -ge 2 ] || [ "$id" = deadline-infeasible ] || { echo "$id: not complete regulations"; exit 1; }
  grep -q "  → " <<<"$out" || { echo "$id: no finding shown"; exit 1; }
  "$bin" rules --explain "$id" --lang ru | grep -q '^срабатывает:' || { echo "$id: no Russian"; exit 1; }
  "$bin" rules --explain "$id" --format json | python3 -c '
import json,sys
r=json.load(sys.stdin)
assert r["triggering"] and r["passing"], r["id"]
assert all(e["findings"] for e in r["triggering"]), r["id"]+": a triggering example gives no finding"
assert not any(e["findings"] for e in r["passing"]), r["id"]+": a passing example gives a finding"'
done
echo "rule examples: ok ($(wc -w <<<"$ids") rules)"
