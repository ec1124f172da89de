#!/usr/bin/env bash
# tools/provisioning-check.sh: installs what session 04's offline checks of its CloudFormation template and Terraform
# module need: node (Debian's nodejs, when missing) and the npm packages pinned in tools/provisioning-check/
# (HashiCorp's HCL parser, the hashicorp/aws provider schema, the AWS resource spec, a YAML parser, TypeScript's parser).
# Idempotent: does nothing when node_modules already matches package-lock.json. About 440 MB, ~20 s on a fresh machine.
# Without it, session04-msk's provisioning tests skip and say to run this script.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/provisioning-check" && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "provisioning-check: installing node and npm (apt)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

# A copy of the lock file is left in node_modules after a complete install: equal means nothing to do.
STAMP="$DIR/node_modules/.installed-package-lock.json"
if [ -f "$STAMP" ] && cmp -s "$STAMP" "$DIR/package-lock.json"; then
  echo "provisioning-check: up to date ($DIR/node_modules)"
  exit 0
fi
echo "provisioning-check: npm ci in $DIR"
(cd "$DIR" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
cp "$DIR/package-lock.json" "$STAMP"
echo "provisioning-check: installed ($(du -sh "$DIR/node_modules" | cut -f1))"
