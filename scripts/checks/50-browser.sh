#!/usr/bin/env bash
# The playground in a real browser: builds reglament, starts `reglament serve` on 127.0.0.1 (a free port), drives
# headless Chromium with selenium through it (tests/browser/test_playground.py), stops it with SIGTERM.
# Needs scripts/setup.d/50-serve.sh. Bounded: the whole run is killed after 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build --product reglament 2>&1 | tail -1
bin="$(swift build --show-bin-path)/reglament"
timeout --kill-after=10 600 python3 tests/browser/test_playground.py "$bin" ${SCREENSHOTS:+--screenshots "$SCREENSHOTS"}
