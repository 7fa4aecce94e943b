#!/usr/bin/env bash
# A bounded soak of `unlock serve`: 200 connections for SECONDS (default 60) on loopback, mixing
# reads and writes (bench/soak_mix.lua), on SQLite. Checks that nothing but 2xx came back and
# that memory stays flat: the server's RSS at the end within 10% of its RSS after a warm-up of
# the same mix. Appends a dated section to bench/RESULTS.md; exits 1 when a check fails.
#
#   bench/soak.sh [SECONDS]      (needs wrk: apt-get install wrk)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
conns=200
threads=2
command -v wrk >/dev/null || { echo "bench/soak.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
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
"$bin" demo --db d.db >/dev/null
serve_signed_in d.db
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status"; }

mix() {
  # A slow answer is not an error (p99 says how slow): wrk's own 2 s limit would count one.
  PHASE=$2 COOKIE=$cookie CSRF=$csrf wrk -t"$threads" -c"$conns" -d"$1s" --timeout 10s --latency -s "$root/bench/soak_mix.lua" "$base" 2>&1
}
# The warm-up fills what is meant to fill (SQLite's page caches, one per worker's connection,
# the allocator's arenas, the response cache's slots), so that growth after it is a leak.
warm=$(( secs / 3 > 10 ? secs / 3 : 10 ))
mix "$warm" w >warmup.txt
rss_warm=$(rss_kb)
mix "$secs" s >soak.txt
rss_end=$(rss_kb)

read -r rps p50 p99 bad errors < <(awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /Requests\/sec/ { rps = $2 }
  $1 == "50%" { p50 = ms($2) }
  $1 == "99%" { p99 = ms($2) }
  /Non-2xx/ { bad = $NF }
  /Socket errors/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
  END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, bad + 0, errors + 0 }' soak.txt)
requests=$(awk '/requests in/ { print $1 }' soak.txt)
growth=$(awk -v a="$rss_warm" -v b="$rss_end" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
ok=yes
[ "$bad" -eq 0 ] && [ "$errors" -eq 0 ] || ok=no
awk -v g="$growth" 'BEGIN { exit !(g <= 10) }' || ok=no

cpu=$(awk -F: '/model name/ { gsub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)
{
  echo
  echo "## Soak: 200 connections, reads and writes, ${secs} s ($(date -u +%Y-%m-%d))"
  echo
  echo "Machine: $(nproc) cores, ${cpu}; wrk -t$threads -c$conns with bench/soak_mix.lua (nine reads"
  echo "of statistics, lists, search, pages to one new site); unlock serve on SQLite, the demo."
  echo
  echo "| requests | req/s | p50 ms | p99 ms | non-2xx | socket errors | RSS after ${warm} s warm-up | RSS at end | growth | passed |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  echo "| $requests | $rps | $p50 | $p99 | $bad | $errors | $((rss_warm / 1024)) MiB | $((rss_end / 1024)) MiB | ${growth}% | $ok |"
} | tee -a "$root/bench/RESULTS.md"
[ "$ok" = yes ]
