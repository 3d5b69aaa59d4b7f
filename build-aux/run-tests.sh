#!/bin/bash
# Sets everything up on a fresh Debian 12 machine and runs every test headlessly:
# Xvfb, a private D-Bus session, an unlocked gnome-keyring and the AT-SPI bus (tests/headless.sh);
# then the same tests (but the AT-SPI ones) again in an AddressSanitizer + UBSan build; then a short
# libFuzzer run of each fuzz target in a clang build (tests/fuzz/run-fuzz.sh, 10 s each).
# ORGDESK_SKIP_SANITIZERS=1 skips the second pass, ORGDESK_SKIP_FUZZ=1 the third.
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

if [ -z "${ORGDESK_SKIP_SANITIZERS:-}" ]; then
  asan="$builddir-asan"
  [ -d "$asan" ] || meson setup "$asan" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  meson compile -C "$asan"
  tests/headless.sh meson test -C "$asan" --setup=asan --print-errorlogs "$@"
fi

if [ -z "${ORGDESK_SKIP_FUZZ:-}" ]; then
  FUZZ_BUILDDIR="$builddir-fuzz" tests/fuzz/run-fuzz.sh "${ORGDESK_FUZZ_SECONDS:-10}"
fi
