#!/usr/bin/env bash
# CI: ./course grade on a learner's copy with some exercises solved reports exactly those as solved.
# The "learner" is a clone of this repository with two session-01 exercises answered by the reference solutions.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/learner"
for class in AdLogParser TopCampaigns; do
  cp "session01-overview/src/solution/java/dev/kafkacourse/session01/$class.java" \
     "$work/learner/session01-overview/src/exercise/java/dev/kafkacourse/session01/"
done
before=$(git -C "$work/learner" status --porcelain | sort)
./course grade "$work/learner" --sessions 01 --out "$work/report"
solved=$(grep -o '^- ✓ `[a-z0-9-]*`' "$work/report/report.md" | sed 's/.*`\(.*\)`/\1/' | sort | tr '\n' ' ')
if [ "$solved" != "log-parser top-campaigns " ]; then
  echo "✗ grade reported as solved: '$solved', expected exactly: 'log-parser top-campaigns '" >&2
  exit 1
fi
if [ "$(git -C "$work/learner" status --porcelain | sort)" != "$before" ]; then
  echo "✗ grade changed the learner's tree" >&2
  exit 1
fi
echo "✓ grade reports exactly the solved exercises (log-parser, top-campaigns) and leaves the learner's tree alone"
