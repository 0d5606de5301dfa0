#!/usr/bin/env bash
# Open a GitHub issue about a failed scheduled job, or add a comment to the
# one already open, so a failure is seen by people rather than sitting in
# the Actions tab. Needs the gh command and GH_TOKEN with issues: write.
# Usage: scripts/report-failure.sh TITLE BODY_FILE
set -euo pipefail
title="$1"
body="$2"
label="directory-alert"
gh label create "$label" --color B60205 --description "The daily build or the live site needs attention" --force >/dev/null
number="$(gh issue list --state open --label "$label" --search "in:title \"$title\"" --json number --jq '.[0].number // empty')"
if [ -n "$number" ]; then
  gh issue comment "$number" --body-file "$body"
else
  gh issue create --title "$title" --label "$label" --body-file "$body"
fi
