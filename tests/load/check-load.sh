#!/usr/bin/env bash
# Load test of POST /api/check on loopback with wrk: a release build of `reglament serve`, a shipped regulation.
# Prints wrk's report (requests/s and latency percentiles, p99 among them). Bounded: DURATION seconds per run.
#   tests/load/check-load.sh [DURATION=20] [CONNECTIONS=32] [THREADS=2]
# Two runs: the regulation by name (`{"regulation": ...}`) and its full text pasted (what the playground sends),
# both answered from the server's cache after the first request; then one with the cache off (--cache 0).
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-20}"; connections="${2:-32}"; threads="${3:-2}"

swift build -c release --product reglament 2>&1 | tail -1
bin="$(swift build -c release --show-bin-path)/reglament"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
work="$(mktemp -d)"
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, sys
text = open("regulations/004-krasnoufimsk.yaml", encoding="utf-8").read()
for name, body in [("by-name", {"regulation": "004-krasnoufimsk.yaml", "lang": "ru"}),
                   ("pasted", {"text": text, "name": "004-krasnoufimsk.yaml", "lang": "ru"})]:
    payload = json.dumps(body, ensure_ascii=False)
    # A Lua long string: the JSON as it is, UTF-8 and all.
    lua = "wrk.method = 'POST'\nwrk.headers['Content-Type'] = 'application/json'\nwrk.body = [==[" + payload + "]==]\n"
    lua += "done = function(summary, latency, requests)\n  io.write(string.format('non-2xx-or-errors: %d\\n', summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\nend\n"
    open(f"{sys.argv[1]}/{name}.lua", "w", encoding="utf-8").write(lua)
PY

serve() {
  "$bin" serve --host 127.0.0.1 --port "$port" --quiet "$@" 2>"$work/serve.log" &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && return 0; sleep 0.1; done
  echo "server did not start"; cat "$work/serve.log"; exit 1
}
stop() { kill -TERM "$pid"; wait "$pid"; }

echo "== nproc: $(nproc); $(date -u +%FT%TZ)"
serve
for name in by-name pasted; do
  echo "== POST /api/check, $name, cached answers: wrk -t$threads -c$connections -d${duration}s --latency"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/$name.lua" "http://127.0.0.1:$port/api/check"
done
stop
serve --cache 0
echo "== POST /api/check, by-name, no cache (every request parses, analyses and runs the tests): wrk -t$threads -c8 -d${duration}s"
wrk -t"$threads" -c8 -d"${duration}s" --latency -s "$work/by-name.lua" "http://127.0.0.1:$port/api/check"
stop
