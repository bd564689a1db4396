#!/usr/bin/env bash
# bench/coverage.sh: the coverage endpoints against the raw database, in
# one run on this machine (part of `make bench`; runs alone too).
#  - coverage tiles: GET /tiles/coverage/walker/12/{x}/{y}.mvt through
#    `threshold serve`, against pgbench running the same ST_AsMVT query
#    on the same random tiles over the Isle of Wight, with the same
#    clients and seconds; target: the endpoint ≥ 0.7 × raw tiles/s.
#    The server caches rendered tiles, and the ~28 tiles repeat, so the
#    endpoint is timed twice: cold, every request sent with
#    "Cache-Control: no-cache" so that it skips the cache and draws the
#    tile from the database as pgbench does, and warm, through the cache
#    (its hit rate is printed). Each row says whether it meets the
#    target; the cold row is the one that says how fast tiles are drawn.
#    pgbench, cold and warm alternate for COVERAGE_BENCH_ROUNDS rounds,
#    so that the machine's other load falls on all three alike; the
#    figures are means over the rounds, the ratio's range the spread.
#  - GET /api/v1/coverage?profile=walker&res=8, one client: p50 and p99;
#    target: under 20 ms.
# It uses the local development database (`threshold db start`), loads the
# Isle of Wight (coverage included) when needed, and prints a small table.
set -uo pipefail
cd "$(dirname "$0")/.."

secs=${COVERAGE_BENCH_SECS:-6}
rounds=${COVERAGE_BENCH_ROUNDS:-3}
clients=${COVERAGE_BENCH_CLIENTS:-8}
port=${COVERAGE_BENCH_PORT:-18099}
bin=bin/threshold
work=$(mktemp -d "${TMPDIR:-/tmp}/threshold-coverage-bench.XXXXXX")
die() { echo "bench/coverage: $*" >&2; exit 1; }

command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)"
pgbench=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
[ -x "$pgbench" ] || die "pgbench is not installed (it comes with postgresql-15)"

${GO:-go} build -o "$bin" ./cmd/threshold || die "build failed"
$bin db start >/dev/null || die "db start failed"
$bin migrate up >/dev/null || die "migrate up failed"
$bin load geodata/isle-of-wight >/dev/null || die "loading the Isle of Wight failed"
api_url=$($bin db url --role api) || die "db url failed"

# The published walker run and the z12 tiles over the island
# (-1.59..-1.07 E, 50.57..50.77 N).
run=$(psql "$api_url" -Atc "SELECT id FROM coverage_run WHERE published AND profile_id = 'walker'") || die "no walker coverage"
tile() { awk -v lon="$1" -v lat="$2" -v z=12 'BEGIN { n = 2^z; pi = atan2(0, -1); r = lat * pi / 180;
  printf "%d %d\n", int((lon + 180) / 360 * n), int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / pi) / 2 * n) }'; }
read -r x0 y0 < <(tile -1.59 50.77)
read -r x1 y1 < <(tile -1.07 50.57)

cat > "$work/tile.sql" <<SQL
\set x random($x0, $x1)
\set y random($y0, $y1)


WITH env AS (SELECT ST_TileEnvelope(12, :x, :y) AS e),
feats AS (
  SELECT to_hex(c.cell) AS hex_id, c.activities, c.sessions_per_week, c.population, c.profile_population,
         c.unknown_share, c.assumed_share, c.ruc21, c.imd_decile,
         ST_AsMVTGeom(ST_Transform(c.geom, 3857), env.e, 4096, 64, true) AS geom
  FROM coverage_cell c, env
  WHERE c.run_id = $run AND c.res = 8 AND c.geom && ST_Transform(env.e, 4326)
  ORDER BY c.cell LIMIT 20000)
SELECT coalesce(ST_AsMVT(feats, 'coverage', 4096, 'geom'), '') FROM feats WHERE geom IS NOT NULL;

SQL
cat > "$work/tile.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format("/tiles/coverage/walker/12/%d/%d.mvt", math.random($x0, $x1), math.random($y0, $y1)))
end
LUA
# The warm run also counts the answers the cache gave (Tile-Cache: hit).
cat "$work/tile.lua" - > "$work/tile-count.lua" <<'LUA'
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() hits, answers = 0, 0 end
response = function(status, headers)
  answers = answers + 1
  if status == 200 and headers["Tile-Cache"] == "hit" then hits = hits + 1 end
end
done = function()
  local h, n = 0, 0
  for _, t in ipairs(threads) do h, n = h + t:get("hits"), n + t:get("answers") end
  io.write(string.format("Tile-Cache hits %d of %d\n", h, n))
end
LUA

$bin serve --addr "127.0.0.1:$port" --poll 1h >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || die "the server did not become ready"

curl -fs -o /dev/null -D "$work/h" -H 'Cache-Control: no-cache' "http://127.0.0.1:$port/tiles/coverage/walker/12/$x0/$y0.mvt" ||
  die "the tile endpoint failed"
grep -qi '^Tile-Cache: bypass' "$work/h" || echo "bench/coverage: the server has no tile cache (no Tile-Cache header): warm = cold" >&2
: > "$work/rounds"
for r in $(seq "$rounds"); do
  raw=$("$pgbench" "$api_url" -n -f "$work/tile.sql" -c "$clients" -j 2 -T "$secs" 2>/dev/null | awk '/^tps/ { print $3; exit }')
  cold=$(wrk -t2 -c"$clients" -d"${secs}s" -H 'Cache-Control: no-cache' -s "$work/tile.lua" "http://127.0.0.1:$port" |
    awk '/^Requests\/sec/ { print $2 }')
  warm=$(wrk -t2 -c"$clients" -d"${secs}s" -s "$work/tile-count.lua" "http://127.0.0.1:$port" |
    awk '/^Requests\/sec/ { rps = $2 } /^Tile-Cache hits/ { h = $3; n = $5 } END { print rps, h + 0, n + 0 }')
  echo "$r ${raw:-0} ${cold:-0} $warm" >> "$work/rounds"
done
json=$(wrk -t1 -c1 -d"${secs}s" --latency "http://127.0.0.1:$port/api/v1/coverage?profile=walker&res=8" |
  awk '/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } END { print p50, p99 }')
bytes=$(curl -fs "http://127.0.0.1:$port/api/v1/coverage?profile=walker&res=8" | wc -c)

printf '\n| coverage endpoint | figure | target | met |\n|---|---|---|---|\n'
awk -v c="$clients" -v s="$secs" '
  { raw += $2; cold += $3; warm += $4; hits += $5; answers += $6; n++
    if ($2 > 0) { rc = $3 / $2; rw = $4 / $2 } else { rc = rw = 0 }
    if (n == 1 || rc < cmin) cmin = rc; if (n == 1 || rc > cmax) cmax = rc
    if (n == 1 || rw < wmin) wmin = rw; if (n == 1 || rw > wmax) wmax = rw }
  END {
    raw /= n; cold /= n; warm /= n
    rc = (raw > 0 ? cold / raw : 0); rw = (raw > 0 ? warm / raw : 0)
    printf "| tiles z12 over the island, %d clients, %d rounds of %d s: raw ST_AsMVT (pgbench) | %.0f tiles/s | | |\n", c, n, s, raw
    printf "| the same tiles through GET /tiles/coverage, cold (no-cache: drawn by the database every time) | %.0f tiles/s (%.2f x raw; rounds %.2f-%.2f) | >= 0.7 x raw | %s |\n", cold, rc, cmin, cmax, (rc >= 0.7 ? "yes" : "NO")
    printf "| the same, warm (tile cache, %.2f%% hits) | %.0f tiles/s (%.2f x raw; rounds %.2f-%.2f) | >= 0.7 x raw | %s |\n", (answers > 0 ? 100 * hits / answers : 0), warm, rw, wmin, wmax, (rw >= 0.7 ? "yes" : "NO")
  }' "$work/rounds"
read -r p50 p99 <<<"$json"
echo "| GET /api/v1/coverage walker res 8 ($bytes bytes), one client | p50 $p50, p99 $p99 | < 20 ms | $(awk -v p="$p99" 'BEGIN { v = p + 0; if (p ~ /us$/) v /= 1000; else if (p ~ /s$/ && p !~ /ms$/) v *= 1000; print (v < 20 ? "yes" : "NO") }') |"
awk '{ printf "%s%.0f / %.0f / %.0f", (NR > 1 ? ", " : "\nTiles per second by round, raw / cold / warm: "), $2, $3, $4 } END { print "" }' "$work/rounds"
