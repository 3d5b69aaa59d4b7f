#!/bin/bash
# Installs the Debian 12 packages Orgdesk needs to build, run and test (as root, or through sudo).
# Quiet and idempotent: it does nothing when everything is already there.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev libsecret-1-dev
  appstream desktop-file-utils xvfb xauth dbus gnome-keyring at-spi2-core
  python3-gi python3-pyatspi gir1.2-atspi-2.0 sqlite3 valgrind
  imagemagick x11-utils xdotool flatpak-builder bc
  clang clang-14 libclang-rt-14-dev llvm-14
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
