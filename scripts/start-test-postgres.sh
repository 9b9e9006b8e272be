#!/usr/bin/env bash
# Starts the local PostgreSQL 15 server (Debian's postgresql package, installed by
# install-deps.sh), creates the test role and database if missing, and prints the libpq
# connection string the hub's PostgreSQL tests read from KIOSK_TEST_PG. Loopback only.
#   KIOSK_TEST_PG="$(scripts/start-test-postgres.sh)" && export KIOSK_TEST_PG
# (not `export KIOSK_TEST_PG="$(...)"`, whose exit status hides a failure). Exits non-zero with
# the reason on stderr when the server does not start or the test login does not work.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
as_postgres() { $SUDO runuser -u postgres -- "$@"; }

if ! pg_lsclusters -h | grep -q '^15 main'; then $SUDO pg_createcluster 15 main >&2; fi
$SUDO pg_ctlcluster 15 main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p 5432; then break; fi
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start" >&2; exit 1; }
if ! as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='kiosk_test'" | grep -q 1; then
  as_postgres psql -qc "CREATE ROLE kiosk_test LOGIN PASSWORD 'kiosk_test'" >&2
fi
if ! as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname='kiosk_test'" | grep -q 1; then
  as_postgres createdb -O kiosk_test kiosk_test >&2
fi
conn="postgresql://kiosk_test:kiosk_test@127.0.0.1:5432/kiosk_test"
# The tests log in as kiosk_test over TCP: check that exact login before handing it out.
if ! psql "$conn" -qtAc "SELECT 1" | grep -q 1; then
  echo "PostgreSQL is running but $conn does not log in" >&2
  exit 1
fi
echo "$conn"
