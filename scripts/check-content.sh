#!/usr/bin/env bash
# What CI runs on a change to the council's content: every listing and draft
# passes `check`, the site builds from the real content as of today (UK
# date), and the built site passes the accessibility and quality gate.
# A few minutes; the product's own tests are scripts/test.sh.
# Usage: ./scripts/check-content.sh [OUTPUT_FOLDER]   (default: output)
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-output}"
bash scripts/setup.sh
bash scripts/browser-deps.sh
.venv/bin/python -m yamllint -c .yamllint.yaml content/
.venv/bin/python build.py check
# The template staff copy on GitHub must list what this council's policy asks for.
if ! .venv/bin/python build.py new "Provider name" --stdout | diff -u docs/listing-template.yaml -; then
  echo "docs/listing-template.yaml no longer matches the policy: run" >&2
  echo "  .venv/bin/python build.py new \"Provider name\" --stdout > docs/listing-template.yaml" >&2
  exit 1
fi
.venv/bin/python build.py --output "$output"
.venv/bin/python build.py gate "$output"
