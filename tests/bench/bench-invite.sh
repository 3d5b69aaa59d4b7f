#!/bin/bash
# bench-invite.sh — SPEC §9: "a 100,000-row CSV is validated and invited in about the time SQLite
# itself needs to import the same file". Times `orgdeskctl invite --csv --json` (start-up, reading,
# review, one transaction of inserts, the JSON report) against `sqlite3 .import` of the same file
# into an equivalent table (email, role; unique index on the lowered email; WAL like Orgdesk's),
# in the same run, and prints both times and their ratio.
#
#   tests/bench/bench-invite.sh BUILDDIR/src/orgdeskctl [ROWS] [RUNS]
#
# Each side runs RUNS times (default 3) on fresh files; the best time of each is compared.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

ctl=${1:?usage: bench-invite.sh ORGDESKCTL [ROWS] [RUNS]}
rows=${2:-100000}
runs=${3:-3}
command -v sqlite3 >/dev/null || { echo "bench-invite: sqlite3 is not installed" >&2; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csv=$tmp/invite.csv

awk -v n="$rows" 'BEGIN {
  split("read write admin", roles, " ")
  print "email,name,role"
  for (i = 0; i < n; i++)
    printf "Person.%d@Bench%d.example,\"Person %d, Bench\",%s\n", i, i % 97, i, roles[i % 3 + 1]
}' > "$csv"

now () { date +%s.%N; }
best_ctl=
best_sqlite=

for run in $(seq "$runs"); do
  db=$tmp/orgdesk-$run.db
  slug=$("$ctl" --database="$db" org create --name=Bench --owner-email=owner@bench.example --seats=200000)
  start=$(now)
  "$ctl" --database="$db" invite --org="$slug" --csv="$csv" --json > /dev/null
  end=$(now)
  invited=$(sqlite3 "$db" "SELECT count(*) FROM invitations")
  [ "$invited" = "$rows" ] || { echo "bench-invite: orgdeskctl invited $invited of $rows rows" >&2; exit 1; }
  t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  best_ctl=$(awk -v a="$t" -v b="${best_ctl:-$t}" 'BEGIN { print (a < b ? a : b) }')

  base=$tmp/baseline-$run.db
  sqlite3 "$base" "PRAGMA journal_mode = WAL;
                   CREATE TABLE t (email TEXT NOT NULL, name TEXT, role TEXT);
                   CREATE UNIQUE INDEX t_email ON t (lower(email));" > /dev/null
  start=$(now)
  sqlite3 "$base" ".import --csv --skip 1 $csv t"
  end=$(now)
  imported=$(sqlite3 "$base" "SELECT count(*) FROM t")
  [ "$imported" = "$rows" ] || { echo "bench-invite: sqlite3 imported $imported of $rows rows" >&2; exit 1; }
  t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  best_sqlite=$(awk -v a="$t" -v b="${best_sqlite:-$t}" 'BEGIN { print (a < b ? a : b) }')
done

awk -v rows="$rows" -v c="$best_ctl" -v s="$best_sqlite" 'BEGIN {
  printf "rows:                        %d\n", rows
  printf "orgdeskctl invite --csv:     %.3f s\n", c
  printf "sqlite3 .import:             %.3f s\n", s
  printf "ratio:                       %.2fx\n", c / s
}'
