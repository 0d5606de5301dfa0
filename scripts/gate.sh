#!/usr/bin/env bash
# Run the accessibility and quality gate on a built site folder (default:
# output/): axe-core, the Nu HTML Checker, links, reflow and keyboard.
# Usage: ./scripts/gate.sh [FOLDER] [--base-path /directory/]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/browser-deps.sh
exec .venv/bin/python build.py gate "$@"
