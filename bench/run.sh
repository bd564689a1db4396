#!/usr/bin/env bash
# make bench: time Threshold's engines and the peers in one run on this
# machine, then print the table of figures, ratios and targets
# (bench/README.md). Peers are installed here, at bench time, into the
# git-ignored .local/bench/ and never committed. A peer that cannot be
# installed or fails is reported as such; our figures are still printed.
#
# Environment: GO (go), BENCH_DIR (.local/bench), BENCH_QUICK=1 for a short
# smoke run with few queries, BENCH_GOTEST=1 to also run the Go
# micro-benchmarks of the engine packages (go test -bench) at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
root=${BENCH_DIR:-.local/bench}
out=$root/out
tb=$root/bin/threshold-bench
pbf=geodata/rutland/osm/rutland-2022-07-20.osm.pbf
raptor_version=2.2.3

if [ "${BENCH_QUICK:-}" = 1 ]; then
  q400=(-pairs 40 -ranges 4 -reps 1); q25=(-pairs 20 -ranges 2 -reps 1); walkq=(-origins 50 -reps 2); pgsecs=3
else
  q400=(-pairs 400 -ranges 60 -reps 3); q25=(-pairs 200 -ranges 30 -reps 3); walkq=(-origins 200 -reps 10); pgsecs=10
fi

step() { printf '\n== %s (%s)\n' "$*" "$(date +%T)" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

mkdir -p "$root/bin" "$out" || die "cannot create $root"
rm -f "$out"/*

step "build threshold-bench"
$GO build -o "$tb" ./cmd/threshold-bench || die "build cmd/threshold-bench failed"

step "write the SYNTHETIC grid feeds"
"$tb" feeds -dir "$root/feeds" >&2 || die "writing the synthetic feeds failed"

step "ours: RAPTOR on the 400k feed"
"$tb" transit -feed "$root/feeds/grid-400k" -name 400k -out "$out" "${q400[@]}" || die "our 400k run failed"
step "ours: RAPTOR on the 2.5M feed"
"$tb" transit -feed "$root/feeds/grid-2.5m" -name 2.5m -out "$out" "${q25[@]}" || die "our 2.5M run failed"
step "ours: step-free isochrones on Rutland"
"$tb" walk -pbf "$pbf" -out "$out" "${walkq[@]}" || die "our Rutland run failed"

# raptor_fail writes why the JS peer has no figures for every feed.
raptor_fail() {
  for n in 400k 2.5m; do echo "$*" > "$out/peer-$n.error"; done
  echo "bench: raptor-journey-planner: $*" >&2
}

# raptor_peer installs raptor-journey-planner from npm (pinned) and times it
# on each feed with the same pairs.
raptor_peer() {
  command -v node >/dev/null || { raptor_fail "node is not installed"; return; }
  command -v npm >/dev/null || { raptor_fail "npm is not installed"; return; }
  local dir=$root/node pkg=$root/node/node_modules/raptor-journey-planner/package.json
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"private": true}' > "$dir/package.json"
  if ! grep -q "\"version\": \"$raptor_version\"" "$pkg" 2>/dev/null; then
    (cd "$dir" && npm install --no-audit --no-fund --save-exact "raptor-journey-planner@$raptor_version" >&2) ||
      { raptor_fail "npm install raptor-journey-planner@$raptor_version failed"; return; }
  fi
  for n in 400k 2.5m; do
    TZ=UTC timeout 600 node --expose-gc --max-old-space-size=8192 bench/raptor-peer.mjs \
      "$dir" "$root/feeds/grid-$n" "$out/pairs-$n.json" "$out/peer-$n.json" 2> "$out/peer-$n.stderr"
    local rc=$?
    if [ $rc -ne 0 ]; then
      rm -f "$out/peer-$n.json"
      echo "raptor-peer.mjs exited with status $rc$([ $rc = 124 ] && echo ' (timed out after 600 s)'): $(tail -n 1 "$out/peer-$n.stderr")" \
        > "$out/peer-$n.error"
      cat "$out/peer-$n.stderr" >&2
    fi
  done
}

pg_dir=""
pg_port=""
pg_cleanup() {
  if [ -n "$pg_dir" ]; then
    env -u DATABASE_URL "$root/bin/threshold" db stop --dir "$pg_dir" --port "$pg_port" --remove >/dev/null 2>&1 || true
    pg_dir=""
  fi
}
trap pg_cleanup EXIT INT TERM

pgr_fail() { echo "$*" > "$out/pgr.error"; echo "bench: pgRouting: $*" >&2; }

# pgrouting_peer installs pgRouting with apt when missing, starts a
# throwaway PostGIS cluster, loads our Rutland walk graph and times
# pgr_drivingDistance with pgbench from the same origins.
pgrouting_peer() {
  if [ ! -f /usr/share/postgresql/15/extension/pgrouting.control ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15-pgrouting >&2 ||
      { pgr_fail "apt-get install postgresql-15-pgrouting failed"; return; }
  fi
  command -v pgbench >/dev/null || { pgr_fail "pgbench is not installed"; return; }
  $GO build -o "$root/bin/threshold" ./cmd/threshold || { pgr_fail "building cmd/threshold (for db start) failed"; return; }
  for p in $(seq 55500 55599); do
    if ! (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then pg_port=$p; break; fi
  done
  [ -n "$pg_port" ] || { pgr_fail "no free port in 55500-55599"; return; }
  pg_dir=$(mktemp -u "${TMPDIR:-/tmp}/threshold-bench-pg.XXXXXX")
  env -u DATABASE_URL "$root/bin/threshold" db start --dir "$pg_dir" --port "$pg_port" >&2 ||
    { pgr_fail "threshold db start failed"; return; }
  local url="postgres://postgres@127.0.0.1:$pg_port/threshold?sslmode=disable"
  local psql=(env PGOPTIONS="-c client_min_messages=warning" psql "$url" -X -q -v ON_ERROR_STOP=1)
  { "${psql[@]}" -f bench/pgrouting-schema.sql &&
    "${psql[@]}" -c "\copy edges FROM '$out/edges.csv' WITH (FORMAT csv)" &&
    "${psql[@]}" -c "\copy bench_origins (i, node, lon, lat) FROM '$out/origins.csv' WITH (FORMAT csv)" &&
    "${psql[@]}" -f bench/pgrouting-prepare.sql; } || { pgr_fail "loading the walk graph failed"; return; }
  "${psql[@]}" -At -F, -f bench/pgrouting-check.sql > "$out/pgr-check.csv" ||
    { pgr_fail "pgr_drivingDistance check query failed"; return; }
  local n
  n=$(wc -l < "$out/origins.csv")
  pgbench -n -c 1 -j 1 -T "$pgsecs" -D norigins="$n" -f bench/pgrouting-iso.sql -l --log-prefix="$out/pgr" "$url" \
    > "$out/pgr-pgbench.txt" 2>&1 || { cat "$out/pgr-pgbench.txt" >&2; pgr_fail "pgbench failed: $(tail -n 1 "$out/pgr-pgbench.txt")"; return; }
  grep -E '^(tps|latency average|number of transactions actually)' "$out/pgr-pgbench.txt" >&2
}

step "peer: raptor-journey-planner $raptor_version (npm)"
raptor_peer
step "peer: pgRouting pgr_drivingDistance (apt postgresql-15-pgrouting)"
pgrouting_peer
pg_cleanup

step "report"
"$tb" report -dir "$out" -peer "raptor-journey-planner $raptor_version" | tee "$out/report.txt"

step "coverage endpoints: tiles against pgbench's raw ST_AsMVT, coverage JSON latency"
bench/coverage.sh | tee -a "$out/report.txt"

step "reachability under load: wrk against POST /api/v1/reachability"
bench/reach.sh | tee -a "$out/report.txt"

step "coverage computation: Porto Alegre and the SYNTHETIC grid city (go test -bench)"
if [ "${BENCH_QUICK:-}" = 1 ]; then covbench='CoveragePortoAlegre/walker'; else covbench='Coverage'; fi
$GO test -run '^$' -bench "$covbench" -benchtime 1x -timeout 60m ./cmd/threshold-bench | tee -a "$out/report.txt"

if [ "${BENCH_GOTEST:-}" = 1 ]; then
  step "Go micro-benchmarks"
  $GO test -run '^$' -bench . -benchmem -count 1 ./internal/transit/ ./internal/walk/ ./internal/osm/ ./internal/gtfs/
fi
