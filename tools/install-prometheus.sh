#!/usr/bin/env bash
# tools/install-prometheus.sh: Debian's prometheus (the server and promtool) for session 14 (monitoring).
#
# Idempotent: does nothing when both `prometheus` and `promtool` are on the PATH. Otherwise installs the Debian
# package `prometheus` with apt (needs root, or sudo). The package's own service is stopped and disabled at once:
# the course runs Prometheus as a child process of `./course monitoring up` and of session 14's tests, on ports and
# data folders of its own, and never needs the system service.
#
#   tools/install-prometheus.sh          install if missing, then print the versions
#   tools/install-prometheus.sh check    exit 0 if installed, 1 if not (installs nothing)
set -euo pipefail

installed() { command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; }

if [ "${1:-}" = check ]; then
  installed
  exit $?
fi

if ! installed; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "install-prometheus: installing Debian's prometheus package (server + promtool)"
  # policy-rc.d 101: the package's postinst must not start a system Prometheus on port 9090.
  POLICY=/usr/sbin/policy-rc.d
  created_policy=""
  if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod +x "$POLICY" && created_policy=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus >/dev/null ||
    { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus >/dev/null; }
  [ -z "$created_policy" ] || $SUDO rm -f "$POLICY"
  # In case a service manager started it anyway: the course's Prometheus runs as a child process only.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
fi

installed || { echo "install-prometheus: prometheus/promtool still missing after apt-get" >&2; exit 1; }
prometheus --version 2>&1 | head -n1
promtool --version 2>&1 | head -n1
