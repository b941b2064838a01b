#!/usr/bin/env bash
# The test command of the README and of CI: the Swift test suite, then every integration check in scripts/checks/
# (a browser test of the playground, the HTTP API against its OpenAPI document, the fuzz smoke run, ...), each a
# script of its own that exits non-zero on failure. Run after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

swift test

failed=0
for check in scripts/checks/*.sh; do
  [ -e "$check" ] || continue
  echo "== $check"
  start=$(date +%s)
  if bash "$check"; then
    echo "== $check: ok ($(( $(date +%s) - start )) s)"
  else
    echo "== $check: FAILED ($(( $(date +%s) - start )) s)"
    failed=1
  fi
done
exit "$failed"
