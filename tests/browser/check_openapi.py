"""Runs schemathesis against a real `reglament serve` on loopback with docs/openapi.yaml.

Usage: python3 tests/browser/check_openapi.py PATH/TO/reglament [--max-examples N]
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from reglament_server import ROOT, ReglamentServer  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--max-examples", default="40")
args = parser.parse_args()

# A debug build on a shared machine: a generous time limit (a 503 would count as a server error), and small simulation
# caps so that generated simulations stay quick (bigger ones are answered 422 simulation-too-large, as documented).
extra = ["--quiet", "--time-limit", "120", "--max-incidents", "5000", "--max-runs", "5"]
with ReglamentServer(os.path.abspath(args.binary), extra=extra) as server:
    command = ["st", "--config-file", os.path.join(ROOT, "tests", "browser", "schemathesis.toml"), "run",
               os.path.join(ROOT, "docs", "openapi.yaml"), "--url", server.url,
               "--max-examples", args.max_examples, "--seed", "1", "--request-timeout", "150"]
    # schemathesis keeps a cache folder where it runs: a temporary one, not the repository.
    with tempfile.TemporaryDirectory(prefix="reglament-st-") as scratch:
        result = subprocess.run(command, cwd=scratch, timeout=540)
    code = server.stop()
    if code != 0:
        print(f"reglament serve did not stop gracefully on SIGTERM (exit {code})")
        sys.exit(1)
sys.exit(result.returncode)
