#!/usr/bin/env bash
# bench/reach.sh: POST /api/v1/reachability under load on the Isle of
# Wight (part of `make bench`; runs alone too): wrk, 16 connections, 30 s
# (REACH_BENCH_CONNS, REACH_BENCH_SECS), one wrk thread so that the load
# generator takes as little as it can of the two cores it shares with the
# server and PostgreSQL. Two workloads, one after the other: "heaviest",
# a walker's week from Ryde — a town on a bus route with many sessions in
# walking distance, the heaviest of the hand-worked origins — sent again
# and again; and "mix", the week for each of the six standard profiles
# from each of the seven hand-worked origins (towns, villages, a place no
# bus serves), in turn. Prints p50/p75/p90/p95/p99 of each and the goal,
# p95 <= 25 ms. REACH_BENCH_WORKLOADS picks ("heaviest mix"). Uses the local development database (`threshold db
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
ryde='{"origin":{"lat":50.7296,"lon":-1.1619},"profile":"walker","start_date":"2026-12-07","days":7}'

cat > "$work/done.lua" <<'LUA'
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.0f %d", summary.requests, summary.requests / (summary.duration / 1e6), bad))
  for _, p in ipairs({50, 75, 90, 95, 99}) do
    io.write(string.format(" %.1f", latency:percentile(p) / 1000))
  end
  io.write("\n")
end
LUA
{
  echo 'wrk.method = "POST"'
  echo 'wrk.headers["Content-Type"] = "application/json"'
  echo "wrk.body = '$ryde'"
  cat "$work/done.lua"
} > "$work/heaviest.lua"
{
  echo 'local bodies = {}'
  for o in "50.63165,-1.179534" "50.7296,-1.1619" "50.6540,-1.1570" "50.7600,-1.2980" "50.6420,-1.3920" "50.7010,-1.2920" "50.71243,-1.192629"; do
    for p in walker bus-pass wheelchair no-money car rural-dial-a-ride; do
      echo "bodies[#bodies + 1] = '{\"origin\":{\"lat\":${o%,*},\"lon\":${o#*,}},\"profile\":\"$p\",\"start_date\":\"2026-12-07\",\"days\":7}'"
    done
  done
  echo 'local i = 0'
  echo 'request = function()'
  echo '  i = i + 1'
  echo '  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[i % #bodies + 1])'
  echo 'end'
  cat "$work/done.lua"
} > "$work/mix.lua"
$bin serve --addr "127.0.0.1:$port" --poll 1h ${REACH_SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 150); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || die "the server did not become ready"
# Warm up (the routing snapshot loads in the background after /readyz).
for _ in $(seq 50); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "$ryde" \
    "http://127.0.0.1:$port/api/v1/reachability")
  [ "$code" = 200 ] && break
  sleep 0.3
done
[ "$code" = 200 ] || die "the reachability endpoint answered $code"

printf '\n| reachability under load | figure | goal | met |\n|---|---|---|---|\n'
for w in ${REACH_BENCH_WORKLOADS:-heaviest mix}; do
  case $w in
  heaviest) what="walker week from Ryde (the heaviest)" ;;
  mix) what="mix: 6 standard profiles x 7 origins, a week each" ;;
  *) die "unknown workload $w (heaviest, mix)" ;;
  esac
  read -r _ n rps bad p50 p75 p90 p95 p99 < <(wrk -t1 -c"$conns" -d"${secs}s" -s "$work/$w.lua" \
    "http://127.0.0.1:$port/api/v1/reachability" | grep '^RESULT')
  echo "| POST /api/v1/reachability, $what, wrk $conns connections $secs s | $n requests, $rps/s, $bad errors; p50 $p50 ms, p75 $p75, p90 $p90, p95 $p95, p99 $p99 | p95 <= 25 ms | $(awk -v p="$p95" -v b="$bad" 'BEGIN { print (p <= 25 && b == 0 ? "yes" : "NO") }') |"
done
