#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts for the browser tests (Playwright drives
# /usr/bin/chromium; no browser is ever downloaded by Playwright). Idempotent: does nothing when
# both are already there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
/usr/bin/chromium --version
