"""Runs schemathesis against a real `reglament serve` on loopback with docs/openapi.yaml.

Usage: python3 tests/browser/check_openapi.py PATH/TO/reglament [--max-examples N]
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from reglament_server import ROOT, ReglamentServer  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--max-examples", default="40")
args = parser.parse_args()

with ReglamentServer(os.path.abspath(args.binary), extra=["--quiet"]) as server:
    command = ["st", "--config-file", os.path.join(ROOT, "tests", "browser", "schemathesis.toml"), "run",
               os.path.join(ROOT, "docs", "openapi.yaml"), "--url", server.url,
               "--max-examples", args.max_examples, "--seed", "1", "--request-timeout", "20"]
    result = subprocess.run(command, cwd=ROOT, timeout=540)
    code = server.stop()
    if code != 0:
        print(f"reglament serve did not stop gracefully on SIGTERM (exit {code})")
        sys.exit(1)
sys.exit(result.returncode)
