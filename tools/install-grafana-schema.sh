#!/usr/bin/env bash
# tools/install-grafana-schema.sh: the npm packages session 14's DashboardSchemaTest uses to validate the Grafana
# dashboards in docker/grafana/dashboards/ offline against Grafana's own dashboard types (tools/grafana-schema:
# @grafana/schema, ts-json-schema-generator, ajv; versions pinned in its package-lock.json).
#
# Idempotent: `npm ci` only when node_modules is missing or older than package-lock.json. Needs node and npm
# (Debian: apt-get install nodejs npm). Without them the test skips and names this script.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/grafana-schema" && pwd)"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
  { echo "install-grafana-schema: node and npm are needed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
if [ ! -d "$DIR/node_modules" ] || [ "$DIR/package-lock.json" -nt "$DIR/node_modules" ]; then
  (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$DIR/node_modules"
fi
echo "install-grafana-schema: $(cd "$DIR" && node -e 'console.log(["@grafana/schema","ts-json-schema-generator","ajv"].map(p=>p+" "+require(p+"/package.json").version).join(", "))')"
