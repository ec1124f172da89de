#!/usr/bin/env bash
# tools/install-chromium.sh: Debian's chromium and chromium-driver, for session 20's dashboard test (a real headless
# browser driven by Selenium through /usr/bin/chromedriver; no browser download by Selenium Manager).
# Idempotent: does nothing when both are there. Without them the dashboard test skips and names this script.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n1) and chromedriver already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here; install chromium and its chromedriver with your package manager" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version
