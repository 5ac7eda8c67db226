#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks use: Chromium and CJK fonts for the
# browser tests (Playwright drives /usr/bin/chromium; no browser is ever downloaded by
# Playwright), wrk, the HTTP load tool of `make bench`, and OpenLink Virtuoso's server and isql
# (virtuoso-opensource-7-bin: the binaries only; the virtuoso-opensource package would also
# install and start a system-wide server on ports 1111 and 8890, which nothing here uses: the
# tests and benchmarks run private instances, tests/virtuoso.py), and what makes a plan as
# researchers get it: LibreOffice (a DOCX to PDF), poppler-utils (pdftotext, the text copied out
# of a PDF) and unicode-data (the UCD file kg's normalisation table is checked against; tests/genre/
# renditions.py, tests/extract/test_glyphs.py). Idempotent: does nothing when all are already there.
set -euo pipefail
PACKAGES="chromium fonts-noto-cjk wrk virtuoso-opensource-7-bin libreoffice-writer-nogui poppler-utils unicode-data"
missing=
for package in $PACKAGES; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086  # the list is meant to split into package names
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
/usr/bin/chromium --version
wrk -v 2>&1 | head -1 || true
virtuoso-t --help 2>&1 | sed -n 2p || true  # --help exits non-zero
