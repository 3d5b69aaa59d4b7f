#!/bin/bash
# Every source file with a translatable string must be listed in po/POTFILES.in, and every listed
# file must exist.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( (grep -rl --include='*.c' -E '\b(N_|_|C_|NC_|g_dngettext|ngettext)\("' src; grep -rl --include='*.ui' 'translatable="yes"' resources) | sort)
for f in $found; do
  if ! grep -qx "$f" <<<"$listed"; then echo "not in po/POTFILES.in: $f"; status=1; fi
done
for f in $listed; do
  [ -e "$f" ] || [ -e "$f.in" ] || { echo "listed in po/POTFILES.in but missing: $f"; status=1; }
done
[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(wc -w <<<"$found") files with translatable strings"
exit $status
