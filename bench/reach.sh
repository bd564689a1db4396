#!/usr/bin/env bash
# bench/reach.sh: POST /api/v1/reachability under load on the Isle of
# Wight (part of `make bench`; runs alone too): wrk, 16 connections, 30 s
# (REACH_BENCH_CONNS, REACH_BENCH_SECS), one wrk thread so that the load
# generator takes as little as it can of the two cores it shares with the
# server and PostgreSQL. The request is a walker's week from Ryde — a
# town on a bus route with many sessions in walking distance, the
# heaviest of the hand-worked origins. Prints p50/p75/p90/p95/p99 and the
# goal, p95 <= 25 ms. Uses the local development database (`threshold db
# start`) and loads the Isle of Wight when needed. REACH_SERVE_ARGS adds
# flags to `threshold serve` (e.g. "--reach-concurrency 1") for A/B runs.
set -uo pipefail
cd "$(dirname "$0")/.."

secs=${REACH_BENCH_SECS:-30}
conns=${REACH_BENCH_CONNS:-16}
port=${REACH_BENCH_PORT:-18098}
bin=bin/threshold
work=$(mktemp -d "${TMPDIR:-/tmp}/threshold-reach-bench.XXXXXX")
die() { echo "bench/reach: $*" >&2; exit 1; }

command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)"
${GO:-go} build -o "$bin" ./cmd/threshold || die "build failed"
$bin db start >/dev/null || die "db start failed"
$bin migrate up >/dev/null || die "migrate up failed"
$bin load geodata/isle-of-wight >/dev/null || die "loading the Isle of Wight failed"

cat > "$work/reach.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"origin":{"lat":50.7296,"lon":-1.1619},"profile":"walker","start_date":"2026-12-07","days":7}'
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.0f %d", summary.requests, summary.requests / (summary.duration / 1e6), bad))
  for _, p in ipairs({50, 75, 90, 95, 99}) do
    io.write(string.format(" %.1f", latency:percentile(p) / 1000))
  end
  io.write("\n")
end
LUA

$bin serve --addr "127.0.0.1:$port" --poll 1h ${REACH_SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 150); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || die "the server did not become ready"
# Warm up (the routing snapshot loads in the background after /readyz).
for _ in $(seq 50); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary \
    '{"origin":{"lat":50.7296,"lon":-1.1619},"profile":"walker","start_date":"2026-12-07","days":7}' \
    "http://127.0.0.1:$port/api/v1/reachability")
  [ "$code" = 200 ] && break
  sleep 0.3
done
[ "$code" = 200 ] || die "the reachability endpoint answered $code"

read -r _ n rps bad p50 p75 p90 p95 p99 < <(wrk -t1 -c"$conns" -d"${secs}s" -s "$work/reach.lua" \
  "http://127.0.0.1:$port/api/v1/reachability" | grep '^RESULT')
printf '\n| reachability under load | figure | goal | met |\n|---|---|---|---|\n'
echo "| POST /api/v1/reachability, walker week from Ryde, wrk $conns connections $secs s | $n requests, $rps/s, $bad errors; p50 $p50 ms, p75 $p75, p90 $p90, p95 $p95, p99 $p99 | p95 <= 25 ms | $(awk -v p="$p95" -v b="$bad" 'BEGIN { print (p <= 25 && b == 0 ? "yes" : "NO") }') |"
