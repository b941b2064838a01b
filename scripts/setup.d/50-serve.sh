#!/usr/bin/env bash
# What the playground's checks need: headless Chromium and its driver, wrk (Debian), selenium and schemathesis (PyPI).
# Safe to run again; quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Reinstall only when a pinned version is missing.
if ! python3 - <<'PY' 2>/dev/null
import importlib.metadata as m, re
for line in open("requirements-serve.txt"):
    pin = re.match(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", line)
    if pin and m.version(pin.group(1)) != pin.group(2):
        raise SystemExit(1)
PY
then
  python3 -m pip install --quiet --disable-pip-version-check -r requirements-serve.txt
fi
