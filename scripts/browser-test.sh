#!/usr/bin/env bash
# Browser tests of the web map: Debian's Chromium driven by playwright-core
# (web/test/*.test.mjs) against bin/threshold serving a fresh database with
# the Isle of Wight loaded. Every request that would leave localhost is
# blocked and fails the tests; screenshots go to test-artifacts/browser/.
#
# THRESHOLD_TEST_ADMIN_URL names a superuser connection to the test cluster
# (scripts/test.sh sets it); without it this script starts a throwaway
# cluster of its own, as scripts/test.sh does. The database it creates is
# dropped afterwards, pass or fail. Needs bin/threshold built with the map
# (`make build` builds web/ first), npm, psql and curl; installs Debian's
# chromium with apt when it is missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
region=${THRESHOLD_BROWSER_REGION:-geodata/isle-of-wight}
artefacts=${THRESHOLD_ARTIFACTS:-$PWD/test-artifacts/browser}
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}

say() { echo "browser-test: $*"; }
die() { echo "browser-test: $*" >&2; exit 1; }

# --- tools ---------------------------------------------------------------
for tool in npm node psql curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: apt-get install -y nodejs npm postgresql-client curl)"
done
bin=${THRESHOLD_BIN:-bin/threshold}
[ -x "$bin" ] || die "$bin is missing: run make build first"
if [ ! -x "$chromium" ]; then
  [ "$(id -u)" = 0 ] || die "Chromium is not installed at $chromium: run as root, or apt-get install -y chromium"
  say "installing Debian's chromium with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; } ||
    die "apt-get install chromium failed"
  [ -x "$chromium" ] || die "apt installed chromium but $chromium is not there"
fi
if [ ! -d web/node_modules/playwright-core ]; then
  (cd web && npm ci --no-audit --no-fund >/dev/null) || die "npm ci in web/ failed"
fi
(cd web && npx --no-install tsc --noEmit -p .) || die "the web sources do not type-check"

# --- database ------------------------------------------------------------
own_dir="" own_port=""
admin=${THRESHOLD_TEST_ADMIN_URL:-}
if [ -z "$admin" ]; then
  for p in $(seq 55500 55559); do
    if ! (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then own_port=$p; break; fi
  done
  [ -n "$own_port" ] || die "no free port in 55500-55559 for a test database"
  own_dir=$(mktemp -u "${TMPDIR:-/tmp}/threshold-browser-pg.XXXXXX")
  env -u DATABASE_URL "$bin" db start --dir "$own_dir" --port "$own_port" >/dev/null
  admin="postgres://postgres@127.0.0.1:$own_port/threshold?sslmode=disable"
fi

# URLs: same host and query as the admin URL, another role and database.
base=${admin%%\?*}
query=${admin#"$base"}
hostport=${base#*://}
hostport=${hostport#*@}
hostport=${hostport%%/*}
db="browser_$(date +%s)_$$"
admin_db="${base%/*}/$db$query"
url_as() { echo "postgres://$1@$hostport/$db$query"; }

server_pid=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  psql "$admin" -qXc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "$own_dir" ]; then env -u DATABASE_URL "$bin" db stop --dir "$own_dir" --port "$own_port" --remove >/dev/null 2>&1 || true; fi
  exit $rc
}
trap cleanup EXIT INT TERM

mkdir -p "$artefacts"
rm -f "$artefacts"/*.png
log="$artefacts/server.log"
psql "$admin" -qX -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE $db TEMPLATE template0 OWNER threshold_owner" \
  -c "GRANT CONNECT ON DATABASE $db TO threshold_importer, threshold_api" >/dev/null
psql "$admin_db" -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION postgis" -c "ALTER SCHEMA public OWNER TO threshold_owner" >/dev/null
export DATABASE_URL THRESHOLD_API_DATABASE_URL THRESHOLD_IMPORT_DATABASE_URL
DATABASE_URL=$(url_as threshold_owner)
THRESHOLD_API_DATABASE_URL=$(url_as threshold_api)
THRESHOLD_IMPORT_DATABASE_URL=$(url_as threshold_importer)
"$bin" migrate up > "$artefacts/load.log" 2>&1 || { cat "$artefacts/load.log" >&2; die "migrate failed"; }
"$bin" load "$region" >> "$artefacts/load.log" 2>&1 || { cat "$artefacts/load.log" >&2; die "load $region failed"; }
say "database $db loaded with $region in $(( $(date +%s) - started )) s"

# --- server --------------------------------------------------------------
"$bin" serve --addr 127.0.0.1:0 > "$log" 2>&1 &
server_pid=$!
addr=""
for _ in $(seq 1 300); do
  addr=$(grep -o '"msg":"serving","addr":"[^"]*"' "$log" 2>/dev/null | sed 's/.*"addr":"\([^"]*\)"/\1/' || true)
  [ -n "$addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "the server stopped"; }
  sleep 0.1
done
[ -n "$addr" ] || { cat "$log" >&2; die "the server did not say where it listens"; }
url="http://$addr"
# ready: the database answers, and the routing snapshot is loaded (the
# planner answers 503 until then); a point in Ryde, sent in the body.
ready=""
for _ in $(seq 1 300); do
  if curl -fsS "$url/readyz" >/dev/null 2>&1 &&
     curl -fsS -X POST -H 'Content-Type: application/json' \
       -d '{"origin":{"lat":50.7296,"lon":-1.1619},"profile":"walker","days":1}' \
       "$url/api/v1/reachability" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "the server stopped"; }
  sleep 0.1
done
[ -n "$ready" ] || { tail -20 "$log" >&2; die "the server at $url never became ready"; }
curl -fsS "$url/" | grep -q 'assets/app.js' ||
  die "bin/threshold serves the placeholder page, not the map: run make build (it builds web/ first)"
say "server at $url ready after $(( $(date +%s) - started )) s"

# --- tests ---------------------------------------------------------------
rc=0
(cd web && THRESHOLD_URL="$url" THRESHOLD_ARTIFACTS="$artefacts" CHROMIUM_PATH="$chromium" \
  node --test --test-concurrency=1 --test-reporter=spec test/*.test.mjs) || rc=$?
say "done in $(( $(date +%s) - started )) s; screenshots in ${artefacts#"$PWD"/}"
exit $rc
