#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1, stopped and removed after.
# Usage: scripts/with-postgres.sh COMMAND...   (exports TEST_DATABASE_URL for the command)
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=$(mktemp -d); PGSOCK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$PGDATA" "$PGSOCK"; su postgres -s /bin/sh -c "cd /tmp && $*"
  else sh -c "cd /tmp && $*"; fi
}
cleanup() {
  as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$PGDATA" "$PGSOCK"
}
trap cleanup EXIT INT TERM
as_pg "$PGBIN/initdb -D $PGDATA -U postgres -A trust -E UTF8 --locale=C.UTF-8 -N" >/dev/null
as_pg "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/log -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -k $PGSOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres comptoir_test
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/comptoir_test"
"$@"
