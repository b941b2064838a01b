#!/usr/bin/env bash
# `reglament diff` end to end: the exit codes of the CLI contract (0 nothing changed, 1 changed, 2 bad usage), the
# three formats, and git-revision mode on a throwaway repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product reglament >/dev/null
bin=.build/debug/reglament
fx=Tests/RegulationAnalysisTests/Fixtures/diff
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() { # expected-status command...
  local want=$1; shift
  set +e; "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?; set -e
  if [ "$got" != "$want" ]; then
    echo "expected exit $want, got $got: $*"; cat "$tmp/out" "$tmp/err"; exit 1
  fi
}

expect 1 "$bin" diff "$fx/amount.old.yaml" "$fx/amount.new.yaml" --lang en
grep -q '`deadline.amount`: «4» → «6»' "$tmp/out"
expect 1 "$bin" diff "$fx/rename.old.yaml" "$fx/rename.new.yaml" --format json --lang ru
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["changed"] and d["summary"]["findings_appeared"]==1, d["summary"]' "$tmp/out"
expect 1 "$bin" diff "$fx/rename.old.yaml" "$fx/rename.new.yaml" --format markdown --lang ru
grep -q '^| Элемент | Пункт | Изменение |' "$tmp/out"
(cat "$fx/amount.old.yaml"; echo "# только комментарий") > "$tmp/same.yaml"
expect 0 "$bin" diff "$fx/amount.old.yaml" "$tmp/same.yaml"
expect 2 "$bin" diff "$fx/amount.old.yaml"
expect 2 "$bin" diff "$fx/amount.old.yaml" "$tmp/missing.yaml"
expect 2 "$bin" diff "$fx/amount.old.yaml" "$fx/amount.new.yaml" --lang fr
expect 2 "$bin" diff "$fx/amount.old.yaml" "$fx/amount.new.yaml" --format html

git -C "$tmp" init -q
mkdir -p "$tmp/acts"
cp "$fx/amount.old.yaml" "$tmp/acts/act.yaml"
git -C "$tmp" add . && git -C "$tmp" -c user.name=t -c user.email=t@example.org commit -qm old
cp "$fx/amount.new.yaml" "$tmp/acts/act.yaml"
expect 1 "$bin" diff "$tmp/acts/act.yaml" --from HEAD
git -C "$tmp" -c user.name=t -c user.email=t@example.org commit -qam new
expect 1 "$bin" diff "$tmp/acts/act.yaml" --from HEAD~1 --to HEAD --format json
expect 0 "$bin" diff "$tmp/acts/act.yaml" --from HEAD --to HEAD
expect 2 "$bin" diff "$tmp/acts/act.yaml" --from no-such-revision
echo "diff: ok"
