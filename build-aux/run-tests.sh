#!/bin/bash
# Sets everything up on a fresh Debian 12 machine and runs every test headlessly:
# Xvfb, a private D-Bus session, an unlocked gnome-keyring and the AT-SPI bus (tests/headless.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/setup-debian.sh
builddir=${BUILDDIR:-build}
if [ -d "$builddir" ]; then
  meson setup --reconfigure "$builddir" >/dev/null
else
  meson setup "$builddir" >/dev/null
fi
meson compile -C "$builddir"
tests/headless.sh meson test -C "$builddir" --print-errorlogs "$@"
