#!/usr/bin/env bash
# Simulation (issue 9): python3 with SimPy, the peer whose script (../shared/bench/simpy_bench.py) the test
# PeerModelTests runs as an independent oracle of the benchmark's model. Idempotent: nothing to do when installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("simpy") else 1)'; then
  python3 -m pip install --quiet -r requirements-simulation.txt
fi
