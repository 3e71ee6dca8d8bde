#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local PostgreSQL for development and tests.
#
#   postgres.sh start    init the cluster once, start it, ensure role/db/extensions
#   postgres.sh stop
#   postgres.sh status   exit 0 only when the server answers
#
# Layout under $KLANG_STATE_DIR/postgres: data/, socket/, postgres.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"

mkdir -p "$KLANG_STATE_DIR/postgres"
base="$(cd "$KLANG_STATE_DIR/postgres" && pwd)"
data="$base/data"
socket="$base/socket"
log="$base/postgres.log"
port="$KLANG_PG_PORT"

# Server binaries: KLANG_PG_BIN, else the version the data folder was made
# with, else the newest installed (Debian keeps them in /usr/lib/postgresql/<major>/bin).
if [ -n "${KLANG_PG_BIN:-}" ]; then
  bin="$KLANG_PG_BIN"
elif [ -f "$data/PG_VERSION" ]; then
  bin="/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin"
else
  bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)"
fi
if [ ! -x "$bin/initdb" ]; then
  echo "postgres: no PostgreSQL server binaries found (run install.sh or set KLANG_PG_BIN)" >&2
  exit 1
fi

# root may not run the server: run server-side commands as the postgres OS user,
# from a working folder it can read.
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner() { (cd / && runuser -u postgres -- "$@"); }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

# The owner must be able to reach $base, e.g. under /root (mode 700): give
# other users search permission (x, not read) on any parent folder that lacks it.
allow_traverse() {
  local path="" part parts
  IFS=/ read -ra parts <<<"${base#/}"
  for part in "${parts[@]}"; do
    path="$path/$part"
    if ! as_owner test -x "$path"; then
      echo "postgres: chmod o+x $path so that $owner can reach $base"
      chmod o+x "$path"
    fi
  done
}

is_running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

is_ready() {
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1
}

init_cluster() {
  [ -f "$data/PG_VERSION" ] && return 0
  if [ "$owner" = postgres ]; then chown postgres:postgres "$base"; fi
  allow_traverse
  echo "postgres: initdb in $data"
  # A UTF-8 locale is required: under LC_CTYPE=C pg_trgm makes no trigrams from Thai.
  as_owner "$bin/initdb" -D "$data" --locale=C.UTF-8 --encoding=UTF8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$base/initdb.log"
  echo "include = 'klang.conf'" >>"$data/postgresql.conf"
}

# Written on every start so that a changed port or state folder applies.
write_conf() {
  as_owner mkdir -p "$socket"
  cat >"$data/klang.conf" <<CONF
# Written by scripts/infra/postgres.sh on each start: edit that script instead.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket'
max_connections = 300
# Faster tests without risking data corruption (unlike fsync = off): a crash
# may lose the last few commits only.
synchronous_commit = off
# Per-statement counts: tests assert that nested reads cost a constant number of statements.
shared_preload_libraries = 'pg_stat_statements'
CONF
  chown "$owner" "$data/klang.conf"
}

# Role and database of the application. Tests create one database per test, so
# the role gets CREATEDB, and the extensions live in template1 so that every new
# database has them.
# Runs as superuser over the unix socket (peer authentication).
ensure_objects() {
  as_owner env PGOPTIONS='-c client_min_messages=warning' "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket" -p "$port" -d postgres \
    -v user="$KLANG_PG_USER" -v password="$KLANG_PG_PASSWORD" -v db="$KLANG_PG_DB" <<'SQL'
SELECT format('CREATE ROLE %I', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'password') \gexec
\c template1
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
\c :"db"
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SQL
}

# Whether the running server was started with the settings write_conf writes (a cluster started by an older
# version of this script lacks pg_stat_statements until it restarts).
has_current_settings() {
  [ "$(as_owner "$bin/psql" -X -At -h "$socket" -p "$port" -d postgres -c 'SHOW shared_preload_libraries' 2>/dev/null)" \
    = pg_stat_statements ]
}

start() {
  if is_running && is_ready && ! has_current_settings; then
    echo "postgres: restarting to apply the current settings"
    write_conf
    as_owner "$bin/pg_ctl" restart -D "$data" -l "$log" -w -t 60 -m fast >/dev/null
  fi
  if is_running && is_ready; then
    echo "postgres: already running on 127.0.0.1:$port"
  else
    init_cluster
    write_conf
    echo "postgres: starting on 127.0.0.1:$port (log: $log)"
    as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 >/dev/null
  fi
  local i
  for i in $(seq 1 30); do
    is_ready && break
    [ "$i" -eq 30 ] && { echo "postgres: not ready, see $log" >&2; exit 1; }
    sleep 1
  done
  ensure_objects
  echo "postgres: ready, $DATABASE_URL"
}

stop() {
  if is_running; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null
    echo "postgres: stopped"
  else
    echo "postgres: not running"
  fi
}

status() {
  if is_running && is_ready; then
    echo "postgres: running on 127.0.0.1:$port"
  else
    echo "postgres: not running"
    return 1
  fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
