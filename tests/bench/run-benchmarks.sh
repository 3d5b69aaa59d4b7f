#!/bin/bash
# Orgdesk's benchmarks, each against a baseline measured in the same run.
#   tests/bench/run-benchmarks.sh BUILDDIR [--million]
# Needs a display for the start-up figures: run it inside tests/headless.sh (build-aux/run-benchmarks.sh
# does both). Figures go to standard output; tests/bench/README.md records a run.
set -euo pipefail
build=$(realpath "${1:?usage: run-benchmarks.sh BUILDDIR [--million]}")
million=${2:-}
ctl="$build/src/orgdeskctl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GSETTINGS_SCHEMA_DIR="$build/data" GSK_RENDERER=${GSK_RENDERER:-cairo}

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "== sqlite $(sqlite3 --version | cut -d' ' -f1), GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1)"

# 1. Demo data: orgdeskctl demo vs sqlite3 inserting the same number of rows from a script.
db="$work/big.db"
t=$(now); "$ctl" --database="$db" demo --members=100000 --teams=2000 --updates=50000 >/dev/null; demo_s=$(elapsed "$t")
python3 - "$work/rows.sql" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("PRAGMA journal_mode=WAL; CREATE TABLE m (id INTEGER PRIMARY KEY, org INTEGER, email TEXT, key TEXT, name TEXT,"
            " role INTEGER, joined INTEGER, active INTEGER, UNIQUE (org, key));"
            "CREATE INDEX m_name ON m (org, name COLLATE NOCASE, key); BEGIN;\n")
    for i in range(100000):
        f.write(f"INSERT INTO m VALUES ({i}, 1, 'user{i}@x.example', 'user{i}@x.example', 'User {i}', 2, {i}, {i});\n")
    f.write("COMMIT;\n")
PY
t=$(now); sqlite3 "$work/bare.db" < "$work/rows.sql" >/dev/null; bare_s=$(elapsed "$t")
printf '== demo 100,000 members / 2,000 teams / 50,000 updates: %.2f s, %s; bare sqlite3 100,000 member rows: %.2f s\n' \
  "$demo_s" "$(du -h "$db" | cut -f1)" "$bare_s"

# 2. A search keystroke over 100,000 members: the lazy model vs the bare query.
echo "== search keystroke, 100,000 members (best of 5 each)"
"$build/tests/bench/bench-search" "$db" northwind-labs

# 3. Start-up to the first frame, and resident memory then: orgdesk on the big organization vs a
#    bare libadwaita window. Median of 5 runs each.
if [ -n "${DISPLAY:-}" ]; then
  run_probe() { ORGDESK_BENCH_FIRST_FRAME=1 "$@" 2>&1 >/dev/null | grep -o 'first-frame-ms=[0-9.]* rss-kb=[0-9]*' ; }
  bare_ms=(); bare_kb=(); app_ms=(); app_kb=()
  for _ in 1 2 3 4 5; do
    read -r ms kb < <(run_probe "$build/tests/bench/bench-bare-window" | sed 's/[a-z-]*=//g')
    bare_ms+=("$ms"); bare_kb+=("$kb")
    read -r ms kb < <(run_probe "$build/src/orgdesk" --database="$db" | sed 's/[a-z-]*=//g')
    app_ms+=("$ms"); app_kb+=("$kb")
  done
  bm=$(printf '%s\n' "${bare_ms[@]}" | median); am=$(printf '%s\n' "${app_ms[@]}" | median)
  bk=$(printf '%s\n' "${bare_kb[@]}" | median); ak=$(printf '%s\n' "${app_kb[@]}" | median)
  printf '== first frame: orgdesk %.1f ms vs bare window %.1f ms (ratio %.2f)\n' "$am" "$bm" "$(echo "$am / $bm" | bc -l)"
  printf '== resident memory at first frame: orgdesk %.1f MB vs bare window %.1f MB (+%.1f MB)\n' \
    "$(echo "$ak / 1024" | bc -l)" "$(echo "$bk / 1024" | bc -l)" "$(echo "($ak - $bk) / 1024" | bc -l)"
  # 4. Scrolling the Members page top to bottom vs a bare GtkListView of as many rows.
  "$build/tests/bench/bench-scroll" "$db" 2>/dev/null
else
  echo "== first frame, memory and scrolling: skipped (no display; run inside tests/headless.sh)"
fi

# 5. The stretch goal: 1,000,000 members.
if [ "$million" = "--million" ]; then
  big="$work/million.db"
  t=$(now); "$ctl" --database="$big" demo --members=1000000 --teams=2000 --updates=50000 >/dev/null
  printf '== demo 1,000,000 members: %.1f s, %s\n' "$(elapsed "$t")" "$(du -h "$big" | cut -f1)"
  echo "== search keystroke, 1,000,000 members (best of 5 each)"
  "$build/tests/bench/bench-search" "$big" northwind-labs
fi
