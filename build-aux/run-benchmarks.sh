#!/bin/bash
# Builds Orgdesk and runs its benchmarks headlessly; pass --million for the 1,000,000-member figures.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/setup-debian.sh

builddir=${BUILDDIR:-build}
[ -d "$builddir" ] || meson setup "$builddir" >/dev/null
meson compile -C "$builddir"
tests/headless.sh tests/bench/run-benchmarks.sh "$builddir" "$@"
