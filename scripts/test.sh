#!/usr/bin/env bash
# Set up and run the whole test suite, browser tests included
# (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/browser-deps.sh

exec .venv/bin/python -m pytest "$@"
