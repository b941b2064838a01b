#!/usr/bin/env bash
# Audit (issue 10): python3 with PM4Py (writes XES) and openpyxl (writes XLSX) for the conformance tests, and
# libxml2 for Foundation's XMLParser. Idempotent: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v python3 >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3 python3-pip >/dev/null
fi
if ! ldconfig -p 2>/dev/null | grep -q 'libxml2\.so\.2'; then
  apt-get update -qq && apt-get install -y -qq libxml2 >/dev/null
fi
if ! python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("pm4py") and u.find_spec("openpyxl") else 1)'; then
  python3 -m pip install --quiet -r requirements-audit.txt
fi
