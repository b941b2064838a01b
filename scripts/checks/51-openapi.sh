#!/usr/bin/env bash
# docs/openapi.yaml against the running server: starts `reglament serve` on 127.0.0.1 (a free port), runs schemathesis
# (every check, bounded examples per operation), stops the server with SIGTERM. Needs scripts/setup.d/50-serve.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build --product reglament 2>&1 | tail -1
bin="$(swift build --show-bin-path)/reglament"
timeout --kill-after=10 600 python3 tests/browser/check_openapi.py "$bin"
