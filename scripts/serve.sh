#!/usr/bin/env bash
# Set up, build the sample directory into output/ and serve it on
# http://localhost:8000/ (extra arguments go to `build.py serve`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python build.py serve "$@"
