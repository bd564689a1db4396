#!/usr/bin/env bash
# make test: start a throwaway PostgreSQL + PostGIS cluster on a free port,
# run every test against it, and remove it afterwards, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${THRESHOLD_TEST_PGPORT:-}
if [ -z "$port" ]; then
  for p in $(seq 55440 55499); do
    if ! (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
  done
fi
[ -n "$port" ] || { echo "no free port in 55440-55499 for the test database" >&2; exit 1; }
dir=$(mktemp -u "${TMPDIR:-/tmp}/threshold-test-pg.XXXXXX")

cleanup() { bin/threshold db stop --dir "$dir" --port "$port" --remove >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

# DATABASE_URL would make db start a no-op: the test cluster is our own.
env -u DATABASE_URL bin/threshold db start --dir "$dir" --port "$port" >/dev/null
export THRESHOLD_TEST_ADMIN_URL="postgres://postgres@127.0.0.1:$port/threshold?sslmode=disable"
export THRESHOLD_REQUIRE_DB=1
unset DATABASE_URL

echo "test database: 127.0.0.1:$port ($dir)"
go test -count=1 ${GOTESTFLAGS:-} ${TEST_PKGS:-./...}

# The web map in headless Chromium, against a server on a database of its
# own on the same cluster (THRESHOLD_SKIP_BROWSER=1 skips it).
if [ "${THRESHOLD_SKIP_BROWSER:-}" != 1 ]; then
  scripts/browser-test.sh
fi
