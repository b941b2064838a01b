#!/usr/bin/env bash
# Installs what Reglament needs beyond Swift 6.3: libyaml (the YAML parser, Debian libyaml-dev) and the Python
# packages the tests use as independent oracles. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists yaml-0.1 2>/dev/null && [ ! -f /usr/include/yaml.h ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev pkg-config
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev pkg-config
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# Further set-up of each part (browsers, fuzzing runtime, peers' libraries), one script each.
for part in scripts/setup.d/*.sh; do
  [ -e "$part" ] || continue
  bash "$part"
done
