#!/bin/sh
# bench/rx.sh: the prescribing engine against DuckDB and SQLite on one generated EPD month.
#
#   cold:  CSV -> every shipped measure at every level (unlock: import prescribing +
#          import list-sizes + measure --all --json; DuckDB via @duckdb/node-api and SQLite's CLI
#          run the same measures in SQL, bench/rx_sql.mjs)
#   warm:  unlock recomputing every measure from its stored month
#   floor: wc -l on the CSV
# Same thread count for DuckDB as the machine gives unlock (THREADS, default 2; unlock uses one).
# The CSV stays in the page cache for every run (nobody drops caches), so "cold" means "from
# the CSV", not "from disk". Each timing is the best of RUNS (default 3). Results are checked
# equal to DuckDB's and SQLite's to 1e-9 and a section is appended to bench/RESULTS.md.
#
#   ROWS=2000000 RUNS=3 THREADS=2 BENCH_DIR=/tmp/unlock-rx-bench bench/rx.sh
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROWS=${ROWS:-2000000}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
WORK=${BENCH_DIR:-/tmp/unlock-rx-bench}
B=$ROOT/build/unlock
M=$ROOT/data/measures

make --no-print-directory build/unlock >/dev/null
mkdir -p "$WORK"
cd "$WORK"
if [ ! -f epd.csv ] || [ "$(cat rows 2>/dev/null)" != "$ROWS" ]; then
  echo "generating $ROWS rows..."
  "$B" gen-epd --rows "$ROWS" --seed 1 --month 202401 --out epd.csv --list-sizes ls.csv
  echo "$ROWS" > rows
fi
MB=$(du -m epd.csv | cut -f1)

# DuckDB for Node, in a folder of the bench's own (not a project dependency).
if [ ! -d "$ROOT/bench/.node/node_modules/@duckdb/node-api" ]; then
  npm install --silent --prefix "$ROOT/bench/.node" @duckdb/node-api >/dev/null
fi
cp "$ROOT/bench/rx_duckdb.mjs" "$ROOT/bench/rx_sql.mjs" "$ROOT/bench/.node/"
DUCK_VERSION=$(node -e "console.log(require('$ROOT/bench/.node/node_modules/@duckdb/node-api/package.json').version)")
node "$ROOT/bench/rx_sqlite.mjs" epd.csv ls.csv "$M" sqlite.jsonl > sqlite.sql

# best_of NAME CMD: runs CMD RUNS times under GNU time; sets NAME_s (best wall seconds) and
# NAME_mb (peak RSS in MB of that run).
best_of() {
  name=$1; shift
  best=""; mem=""
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    /usr/bin/time -f "%e %M" -o time.out sh -c "$*" >/dev/null
    read -r s kb < time.out
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; mem=$((kb / 1024)); fi
    i=$((i + 1))
  done
  eval "${name}_s=$best; ${name}_mb=$mem"
  printf '  %-14s %8ss %8s MB\n' "$name" "$best" "$mem"
}

echo "EPD: $ROWS rows, $MB MB; $RUNS runs each, best kept"
best_of wc "wc -l epd.csv"
best_of unlock_cold "rm -rf u.db u.db.rx && $B import prescribing epd.csv --quiet --db u.db && $B import list-sizes ls.csv --db u.db && $B measure --all --month 202401 --json --measures $M --db u.db > unlock.json"
best_of unlock_warm "$B measure --all --month 202401 --measures $M --db u.db"
best_of unlock_warm_json "$B measure --all --month 202401 --json --measures $M --db u.db > unlock.json"
best_of duckdb "node $ROOT/bench/.node/rx_duckdb.mjs epd.csv ls.csv $M duckdb.jsonl $THREADS"
best_of sqlite "sqlite3 :memory: < sqlite.sql"

echo "checking results..."
node "$ROOT/bench/rx_compare.mjs" unlock.json duckdb.jsonl | tee compare_duckdb.txt
node "$ROOT/bench/rx_compare.mjs" unlock.json sqlite.jsonl | tee compare_sqlite.txt

ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
CPU=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/MemTotal/{printf "%.0f GB", $2 / 1048576}' /proc/meminfo)
NMEAS=$(ls "$M"/*.json | wc -l)
{
  echo
  echo "## Prescribing: $ROWS-row EPD month, every measure at every level ($(date -u +%Y-%m-%d))"
  echo
  echo "Machine: $CPU, $(nproc) CPUs, $MEM; $(uname -sr). DuckDB $DUCK_VERSION (node-api, $THREADS"
  echo "threads), SQLite $(sqlite3 --version | cut -d' ' -f1). File: $MB MB from \`unlock gen-epd --rows $ROWS"
  echo "--seed 1\`, in the page cache. $NMEAS measures x 4 levels. Best of $RUNS runs; peak RSS by GNU time."
  echo
  echo "| run | seconds | peak MB | time / unlock cold |"
  echo "|---|---:|---:|---:|"
  echo "| \`wc -l\` (floor) | $wc_s | $wc_mb | $(ratio "$wc_s" "$unlock_cold_s")x |"
  echo "| unlock cold (import + list sizes + all measures, JSON out) | $unlock_cold_s | $unlock_cold_mb | 1.0x |"
  echo "| unlock warm (all measures from the stored month) | $unlock_warm_s | $unlock_warm_mb | $(ratio "$unlock_warm_s" "$unlock_cold_s")x |"
  echo "| unlock warm, JSON out | $unlock_warm_json_s | $unlock_warm_json_mb | $(ratio "$unlock_warm_json_s" "$unlock_cold_s")x |"
  echo "| DuckDB cold (read_csv + the same SQL) | $duckdb_s | $duckdb_mb | $(ratio "$duckdb_s" "$unlock_cold_s")x |"
  echo "| SQLite CLI cold (.import + the same SQL) | $sqlite_s | $sqlite_mb | $(ratio "$sqlite_s" "$unlock_cold_s")x |"
  echo
  echo "unlock cold is $(ratio "$duckdb_s" "$unlock_cold_s")x faster than DuckDB and $(ratio "$sqlite_s" "$unlock_cold_s")x faster than"
  echo "SQLite, at $unlock_cold_mb MB peak against DuckDB's $duckdb_mb MB; \`wc -l\` reads the file in $wc_s s."
  echo
  echo "Equality: DuckDB $(cat compare_duckdb.txt); SQLite $(cat compare_sqlite.txt)."
} >> "$ROOT/bench/RESULTS.md"
echo "appended to bench/RESULTS.md"
