#!/usr/bin/env bash
# Make sure the services the test suite needs are installed and running:
# Debian's chromium (browser tests), and a PostgreSQL server on 127.0.0.1 with
# role and database `countylines_test`.
# Prints `COUNTYLINES_TEST_POSTGRES_URL=...` on success; exits 0 without
# printing it when PostgreSQL cannot be had (tests then skip the PostgreSQL
# runs, unless COUNTYLINES_REQUIRE_POSTGRES=1, which makes them fail).
set -euo pipefail

log() { echo "test-services: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

# Debian's chromium for the browser tests (Playwright drives it; no browser download)
if ! command -v chromium >/dev/null 2>&1; then
  log "installing chromium (Debian package) for the browser tests"
  { as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
    || log "could not install chromium; browser tests will be skipped"
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing PostgreSQL (Debian package postgresql)"
  if ! { as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
    log "could not install PostgreSQL; PostgreSQL tests will be skipped"
    exit 0
  fi
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -q "^$version main$"; then
  as_root pg_createcluster "$version" main >/dev/null || true
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster "$version" main start || { log "could not start PostgreSQL"; exit 0; }
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

psql_admin() { (cd / && as_root su postgres -c "psql -p $port -qtAX -c \"$1\""); }
for _ in 1 2 3 4 5 6 7 8 9 10; do psql_admin "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'countylines_test'")" != 1 ]; then
  psql_admin "CREATE ROLE countylines_test LOGIN PASSWORD 'countylines_test'" >/dev/null
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = 'countylines_test'")" != 1 ]; then
  psql_admin "CREATE DATABASE countylines_test OWNER countylines_test" >/dev/null
else
  psql_admin "ALTER DATABASE countylines_test OWNER TO countylines_test" >/dev/null
fi
# a throwaway local test role and password, not a secret: the server listens on loopback only
echo "COUNTYLINES_TEST_POSTGRES_URL=postgresql+psycopg://countylines_test:countylines_test@127.0.0.1:$port/countylines_test"
