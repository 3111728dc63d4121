#!/usr/bin/env bash
# The end-to-end test drives Debian's Chromium (never a browser that a test tool downloads,
# which this network cannot fetch). Installs the Debian package when it is missing and we
# are root; otherwise says what to do.
set -euo pipefail
chromium="${PLAYWRIGHT_CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium package" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "ensure-chromium: $chromium not found. Install it (sudo apt-get install chromium)" \
    "or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
fi
