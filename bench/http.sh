#!/usr/bin/env bash
# HTTP throughput of `unlock serve` beside nginx serving the same JSON bytes as a
# static file, on this machine in the same run. Bounded: a few seconds a case,
# loopback only. Appends a dated section to bench/RESULTS.md.
#
#   bench/http.sh [SECONDS]      (needs wrk and nginx: apt-get install wrk nginx-light)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-5}
conns=32
threads=2
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench/http.sh: needs $tool (apt-get install wrk nginx-light curl)" >&2; exit 1; }
done
make -C "$root" --no-print-directory build/unlock >/dev/null
bin=$root/build/unlock
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cd "$work"
. "$root/bench/lib.sh"
"$bin" demo --db d.db >/dev/null
serve_signed_in d.db

spc_path="/api/v1/indicators/ABX/spc?org=X81017"
org_path="/api/v1/organisations/RNV/indicators"
mkdir static
curl -s -b "unlock_session=$cookie" "$base$spc_path" >static/spc.json
bytes=$(wc -c <static/spc.json)

nginx_port=$(( (RANDOM % 20000) + 30000 ))
cat >nginx.conf <<CONF
worker_processes $threads;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 127.0.0.1:$nginx_port; root $work/static; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.3

read -r spc_rps spc_p50 spc_p99 spc_bad < <(measure -H "Cookie: unlock_session=$cookie" "$base$spc_path")
read -r org_rps org_p50 org_p99 org_bad < <(measure -H "Cookie: unlock_session=$cookie" "$base$org_path")
read -r ngx_rps ngx_p50 ngx_p99 ngx_bad < <(measure "http://127.0.0.1:$nginx_port/spc.json")

ratio=$(awk -v a="$spc_rps" -v b="$ngx_rps" 'BEGIN { printf "%.2f", a / b }')
cpu=$(awk -F: '/model name/ { gsub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)
{
  echo
  echo "## HTTP: unlock serve vs nginx static ($(date -u +%Y-%m-%d), ${secs}s a case)"
  echo
  echo "Machine: $(nproc) cores, ${cpu}; wrk -t$threads -c$conns; unlock --threads $threads;"
  echo "nginx worker_processes $threads. Same run, loopback. The SPC answer is $bytes bytes."
  echo
  echo "| case | req/s | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|"
  echo "| unlock GET $spc_path | $spc_rps | $spc_p50 | $spc_p99 | $spc_bad |"
  echo "| unlock GET $org_path | $org_rps | $org_p50 | $org_p99 | $org_bad |"
  echo "| nginx, the same SPC JSON as a static file | $ngx_rps | $ngx_p50 | $ngx_p99 | $ngx_bad |"
  echo
  echo "unlock's SPC throughput is **$ratio×** nginx's static throughput (target ≥ 0.5, p99 < 20 ms)."
} | tee -a "$root/bench/RESULTS.md"
