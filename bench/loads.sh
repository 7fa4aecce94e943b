#!/usr/bin/env bash
# bench/loads.sh: bulk loading before and after, in the same run: this tree's unlock against
# BASE's (default: the last commit before bulk loading, built in a worktree of its own,
# BASE_DIR=/tmp/wt-base, kept for the next run), on one generated EPD month (`unlock gen-epd`):
#   import:   `unlock import prescribing`, and `unlock import list-sizes`, each into a new
#             SQLite file and into a new PostgreSQL database
#   copy-db:  `unlock copy-db` of the demo with that month (a SQLite file) into a new
#             PostgreSQL database
# PostgreSQL is a private server on a Unix socket (scripts/with-test-postgres: fsync off).
# Before and after run in turn, so that a busy moment of a shared machine falls on both; best
# of 3 runs, or 1 where a run takes 5 s or more (the whole bench stays under three minutes on
# 2 cores). Appends a dated section to bench/RESULTS.md.
#
#   ROWS=1000000 BASE=COMMIT BASE_DIR=/tmp/wt-base bench/loads.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${UNLOCK_TEST_PG:-}" ]; then
  exec "$root/scripts/with-test-postgres" "$0" "$@"
fi
ROWS=${ROWS:-1000000}
# Before: unless told, the last commit without bulk loading (the parent of the one that added
# src/db/bulk.c), whose loads are an INSERT a row.
BASE=${BASE:-$(git -C "$root" log --diff-filter=A --format=%H -1 -- src/db/bulk.c)^}
base_dir=${BASE_DIR:-/tmp/wt-base}

make -C "$root" --no-print-directory build/unlock >/dev/null
new_bin=$root/build/unlock
new_commit=$(git -C "$root" rev-parse --short HEAD)
[ -z "$(git -C "$root" status --porcelain -- src)" ] || new_commit="$new_commit+changes"
base_commit=$(git -C "$root" rev-parse "$BASE")
if [ "$(git -C "$base_dir" rev-parse HEAD 2>/dev/null)" != "$base_commit" ] ||
   [ ! -x "$base_dir/build/unlock" ]; then
  if [ -d "$base_dir" ]; then
    git -C "$base_dir" checkout -q --detach "$base_commit"
  else
    git -C "$root" worktree add -q --detach "$base_dir" "$base_commit"
  fi
  echo "building $(git -C "$root" rev-parse --short "$base_commit") in $base_dir..."
  nice make -C "$base_dir" -j2 --no-print-directory build/unlock >/dev/null
fi
base_bin=$base_dir/build/unlock

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export UNLOCK_RX_STORE=$work/rx
"$new_bin" gen-epd --rows "$ROWS" --seed 1 --month 202401 --out epd.csv --list-sizes ls.csv
lsrows=$(($(wc -l < ls.csv) - 1))
"$new_bin" demo --no-prescribing --db source.db >/dev/null
"$new_bin" import prescribing epd.csv --quiet --db source.db >/dev/null
"$new_bin" import list-sizes ls.csv --db source.db >/dev/null

export PGOPTIONS="-c client_min_messages=warning"
pg() { psql -qAt -h "$UNLOCK_TEST_PG" -U postgres "$@"; }
url_of() { case $1 in *.db) echo "$1" ;; *) echo "postgres:///$1?host=$UNLOCK_TEST_PG&user=postgres" ;; esac; }
# fresh TARGET: TARGET (a SQLite file, else a PostgreSQL database name) new, migrated, empty.
fresh() {
  case $1 in
    *.db) rm -rf "$1" "$1"-wal "$1"-shm "$1".rx ;;
    *) pg -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" postgres && rm -rf "$UNLOCK_RX_STORE/$1.rx" ;;
  esac
  "$bin" init --db "$(url_of "$1")" >/dev/null
}
# seconds CMD...: runs CMD (its output to last.out) and prints the wall time in seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >last.out 2>last.err || { cat last.err >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }

# pair CASE TARGET ARGS...: times `unlock ARGS` (TARGET's URL in place of an @) on a fresh
# TARGET, before and after, in 3 rounds (a run of 5 s or more is not repeated). Sets
# t[base,CASE] and t[new,CASE] to the best.
declare -A t
load=$(cut -d' ' -f1-3 /proc/loadavg)
pair() {
  local case=$1 target=$2 s which round arg args=()
  shift 2
  for arg in "$@"; do [ "$arg" = @ ] && args+=("$(url_of "$target")") || args+=("$arg"); done
  t[base,$case]=""
  t[new,$case]=""
  for round in 1 2 3; do
    # Each goes first in turn: the second of a pair meets the first's writes still in flight.
    for which in $([ "$round" = 2 ] && echo new base || echo base new); do
      # A side whose run takes 5 s or more has had its say (and its time) in round 1.
      [ "$round" -gt 1 ] && awk -v s="${t[$which,$case]}" 'BEGIN { exit !(s >= 5) }' && continue
      bin=$([ "$which" = base ] && echo "$base_bin" || echo "$new_bin")
      fresh "$target"
      s=$(seconds "$bin" "${args[@]}")
      t[$which,$case]=$(min "$s" "${t[$which,$case]}")
    done
  done
  echo "  $case: before ${t[base,$case]} s, after ${t[new,$case]} s"
}

for be in sqlite postgres; do
  target=$([ "$be" = sqlite ] && echo "$work/rx.db" || echo "rx")
  pair "$be,rx" "$target" import prescribing epd.csv --quiet --db @
  pair "$be,ls" "$target" import list-sizes ls.csv --db @
done
pair copy copy copy-db --from source.db --to @ --json
"$new_bin" import prescribing epd.csv --quiet --db "$(url_of rx)" >/dev/null
db_rows=$(pg -c "SELECT (SELECT COUNT(*) FROM rx_chemical_totals) + (SELECT COUNT(*) FROM rx_orgs)" rx)
copied=$("$new_bin" copy-db --from source.db --to "$(url_of copy)" --replace --json 2>/dev/null |
  sed -n 's/.*"rows": *\([0-9]*\).*/\1/p' | tail -1)

row() { # label, rows, base seconds, new seconds
  printf '| %s | %s | %s | %s | %s | %s | %sx |\n' "$1" "$2" "$3" "$(per_s "$2" "$3")" "$4" \
    "$(per_s "$2" "$4")" "$(awk -v a="$3" -v b="$4" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
}
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
{
  echo
  echo "## Bulk loads: INSERT per row vs COPY ($(date -u +%Y-%m-%d))"
  echo
  echo "Machine: $(nproc) cores, ${cpu}. PostgreSQL $(pg -c 'SHOW server_version' postgres) on a"
  echo "Unix socket, fsync off (the test server); SQLite $(sqlite3 --version | cut -d' ' -f1), a file."
  echo "Before: $(git -C "$root" rev-parse --short "$base_commit"); after: $new_commit. Load average at the start: $load. Before and after run in"
  echo "turn, each on a fresh database, best of 3 runs (1 where a run takes 5 s or more). Data:"
  echo "\`unlock gen-epd --rows $ROWS --seed 1\` ($(du -m epd.csv | cut -f1) MB), whose import writes $db_rows"
  echo "rows of totals and organisations to the database (the prescriptions go to month files)."
  echo "rows/s counts CSV rows for the imports and table rows for copy-db."
  echo
  echo "| load | rows | before s | before rows/s | after s | after rows/s | speed-up |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for be in sqlite postgres; do
    name=$([ "$be" = sqlite ] && echo SQLite || echo PostgreSQL)
    row "import prescribing, $name" "$ROWS" "${t[base,$be,rx]}" "${t[new,$be,rx]}"
    row "import list-sizes, $name" "$lsrows" "${t[base,$be,ls]}" "${t[new,$be,ls]}"
  done
  row "copy-db demo + month, SQLite to PostgreSQL" "$copied" "${t[base,copy]}" "${t[new,copy]}"
} | tee -a "$root/bench/RESULTS.md"
