#!/usr/bin/env bash
# API throughput of `unlock serve` on each back end, SQLite and PostgreSQL, in the same run
# on this machine: the same demo in both, the same requests. Bounded (a few seconds a case),
# loopback only; PostgreSQL is a private server on a Unix socket (scripts/with-test-postgres).
# Appends a dated section to bench/RESULTS.md.
#
#   bench/backends.sh [SECONDS]      (needs wrk: apt-get install wrk)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${UNLOCK_TEST_PG:-}" ]; then
  exec "$root/scripts/with-test-postgres" "$0" "$@"
fi
secs=${1:-5}
conns=32
threads=2
command -v wrk >/dev/null || { echo "bench/backends.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
make -C "$root" --no-print-directory build/unlock >/dev/null
bin=$root/build/unlock
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
. "$root/bench/lib.sh"
export UNLOCK_RX_STORE=$work/rx

psql -q -h "$UNLOCK_TEST_PG" -U postgres -c 'CREATE DATABASE bench' postgres
pg_url="postgres:///bench?host=$UNLOCK_TEST_PG&user=postgres"
paths=("/api/v1/indicators/ABX/spc?org=X81017" "/api/v1/organisations/RNV/indicators"
       "/api/v1/conversations?q=frailty")

rows=""
loads=""
for url in "$work/d.db" "$pg_url"; do
  name=$([ "$url" = "$pg_url" ] && echo PostgreSQL || echo SQLite)
  start=$(date +%s.%N)
  "$bin" demo --no-prescribing --db "$url" >/dev/null
  load=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  serve_signed_in "$url"
  for p in "${paths[@]}"; do
    read -r rps p50 p99 bad < <(measure -H "Cookie: unlock_session=$cookie" "$base$p")
    rows+="| $name | GET $p | $rps | $p50 | $p99 | $bad |"$'\n'
  done
  read -r rps p50 p99 bad < <(COOKIE=$cookie CSRF=$csrf measure -s "$root/bench/create_sites.lua" "$base")
  rows+="| $name | POST /api/v1/sites (a new site each) | $rps | $p50 | $p99 | $bad |"$'\n'

  loads+="$name ${load} s; "
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
done

cpu=$(awk -F: '/model name/ { gsub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)
{
  echo
  echo "## API throughput by back end: SQLite vs PostgreSQL ($(date -u +%Y-%m-%d), ${secs}s a case)"
  echo
  echo "Machine: $(nproc) cores, ${cpu}; wrk -t$threads -c$conns; unlock --threads $threads;"
  echo "PostgreSQL $(psql -At -h "$UNLOCK_TEST_PG" -U postgres -c 'SHOW server_version' postgres)"
  echo "on a Unix socket, fsync off (the test server). Same run, same demo, loopback."
  echo
  echo "| back end | case | req/s | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|---|"
  printf '%s' "$rows"
  echo
  echo "Loading the demo (\`unlock demo --no-prescribing\`): ${loads% }"
} | tee -a "$root/bench/RESULTS.md"
