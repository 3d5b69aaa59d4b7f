#!/bin/bash
# Sets everything up on a fresh Debian 12 machine, builds Orgdesk, makes sure the default database
# ($XDG_DATA_HOME/orgdesk/orgdesk.db) holds the demo organization, and starts the app on it.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/setup-debian.sh
builddir=${BUILDDIR:-build}
[ -d "$builddir" ] || meson setup "$builddir" >/dev/null
meson compile -C "$builddir"

# Run from the build tree: use the schema compiled there.
export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"

if ! "$builddir/src/orgdeskctl" org list --json | grep -q '"slug" : "northwind-labs"'; then
  "$builddir/src/orgdeskctl" demo --members=250 --teams=12 --updates=40 >/dev/null
fi
exec "$builddir/src/orgdesk" "$@"
