# Sourced by the HTTP benchmarks. measure URL... runs wrk and prints "req/s p50 p99 non-2xx"
# (latencies in ms). Needs $threads, $conns and $secs.
measure() {
  wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$@" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad + 0 }'
}

# serve_signed_in DB: adds a commissioner account to DB, starts `$bin serve` on it in the
# background (server_pid) and signs in: sets base (http://127.0.0.1:PORT), cookie and csrf.
serve_signed_in() {
  printf 'bench-password-1\n' | "$bin" user add bench@example.org --role commissioner --db "$1" >/dev/null
  "$bin" serve --db "$1" --port 0 --threads "$threads" >server.out 2>server.log &
  server_pid=$!
  for _ in $(seq 50); do grep -q serving server.out 2>/dev/null && break; sleep 0.1; done
  base=$(sed -n 's/^unlock: serving \(http:[^ ]*\)\/$/\1/p' server.out)
  [ -n "$base" ] || { echo "server did not start" >&2; cat server.log >&2; exit 1; }
  csrf=$(curl -s -c jar -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.org","password":"bench-password-1"}' "$base/api/v1/session" |
    sed -n 's/.*"csrf_token": *"\([^"]*\)".*/\1/p')
  cookie=$(awk '$6 == "unlock_session" {print $7}' jar)
  [ -n "$cookie" ] || { echo "could not sign in" >&2; exit 1; }
}
