#!/bin/bash
# Regenerates po/POTFILES.in from the tracked files that hold translatable strings.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# Files with translatable strings; regenerate with build-aux/update-potfiles.sh"
  echo "# (tests/check-potfiles.sh fails when this list is out of date)."
  printf '%s\n' data/io.github.orgdesk.Orgdesk.desktop.in data/io.github.orgdesk.Orgdesk.gschema.xml \
                data/io.github.orgdesk.Orgdesk.metainfo.xml.in
  { git ls-files -- 'src/*.c' | xargs grep -l -E '\b(N_|_|C_|NC_|g_dngettext|ngettext)\("' || true
    git ls-files -- 'resources/*.ui' | xargs grep -l 'translatable="yes"' || true; } | sort
} > po/POTFILES.in
