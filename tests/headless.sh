#!/bin/bash
# Runs a command inside Xvfb, a private D-Bus session bus, an unlocked gnome-keyring and a
# throw-away home, so that widget, keyring and AT-SPI tests work on a machine with no display.
#   tests/headless.sh meson test -C build --print-errorlogs
set -euo pipefail
if [ -z "${HEADLESS_INNER:-}" ]; then
  export HEADLESS_INNER=1
  exec xvfb-run -a -e /dev/stderr -s "-screen 0 1280x800x24 -noreset" dbus-run-session -- "$0" "$@"
fi
tmp=$(mktemp -d)
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
       XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run" GSETTINGS_BACKEND=memory GDK_BACKEND=x11
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"; mkdir -m 700 "$XDG_RUNTIME_DIR"
# Xvfb has no window manager, so a blinking cursor never hears it lost the focus and GTK warns
# "GtkText - did not receive a focus-out event"; tests fail on warnings, so do not blink.
mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
printf '[Settings]\ngtk-cursor-blink=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
printf '%s' test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
bus() { gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method "org.freedesktop.DBus.$1" "$2"; }
for _ in $(seq 100); do
  bus NameHasOwner org.freedesktop.secrets | grep -q true && break; sleep 0.05; done
kr_pid=$(bus GetConnectionUnixProcessID org.freedesktop.secrets | awk '{print $2}' | tr -dc 0-9)
rc=0; "$@" || rc=$?
kill "$kr_pid" 2>/dev/null || true
rm -rf "$tmp"; exit $rc
