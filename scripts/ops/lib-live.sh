# shellcheck shell=bash
# The caller sets `work` (its temporary folder) before sourcing.
# shellcheck disable=SC2154
# Shared by the live ops checks (live-scrape.sh, live-logs.sh): start the real klang on a fresh database of its
# own, wait for HTTP answers, and stop everything again. Source it after scripts/infra/env.sh; the caller defines
# `fail <message>` (report and exit 1) and calls `live_cleanup` from its EXIT trap.
#
# live_start_klang <port> <database> <log file> <prefix> [VAR=value...]
#     creates the database (dropped again by live_cleanup), migrates it, seeds the demo users and starts
#     `klang serve` with stdout and stderr appended to <log file>; waits for /readyz. Sets klang_pid.
#     <prefix> names the run's Redis keys and Kafka topics. Binary: $KLANG_BIN or the shared debug build.
# live_track <pid>          stop this process in live_cleanup (in reverse order of tracking)
# live_ensure_infra         start PostgreSQL, Redis and Kafka of scripts/infra when they do not answer (and stop
#                           them again in live_cleanup)

live_pids=()
live_databases=()
live_started_infra=0
klang_pid=""
# No NOTICE lines from DROP DATABASE IF EXISTS.
export PGOPTIONS="--client-min-messages=warning"

stop_pid() {
  local pid="$1" _
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_http() {
  local url="$1" pid="$2" what="$3" _
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "$what exited during start"
    sleep 0.25
  done
  fail "$what did not answer $url within 60 s"
}

live_track() {
  live_pids+=("$1")
}

live_ensure_infra() {
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$KLANG_PG_PORT" &&
    command -v redis-cli >/dev/null && [ "$(redis-cli -p "$KLANG_REDIS_PORT" ping 2>/dev/null)" = PONG ] &&
    port_in_use "$KLANG_KAFKA_PORT"; then
    return 0
  fi
  echo "starting PostgreSQL, Redis and Kafka (scripts/infra/up.sh); they are stopped again at the end"
  live_started_infra=1
  scripts/infra/up.sh >"$work/infra.log" 2>&1 || { tail -20 "$work/infra.log" >&2; fail "infrastructure did not start"; }
}

live_start_klang() {
  local port="$1" database="$2" log="$3" prefix="$4" bin="${KLANG_BIN:-$CARGO_TARGET_DIR/debug/klang}"
  shift 4
  port_in_use "$port" && fail "port $port is in use"
  if [ ! -x "$bin" ]; then
    echo "building klang (missing: $bin)"
    require_rust
    cargo build --quiet --bin klang
  fi
  psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
  psql -q "$DATABASE_URL" -c "CREATE DATABASE $database" >/dev/null
  live_databases+=("$database")
  # The service runs in the temporary folder, so a developer's .env in the repository changes nothing. A Redis key
  # prefix per run: the sign-in rate limiter (10 per account in 5 minutes, successes included) starts afresh, and
  # its keys expire by themselves. No S3 (scripts/infra/env.sh names one): product images go to a folder in $work.
  local env=(
    env -u S3_ENDPOINT KLANG_ENV=development "KLANG_LISTEN=127.0.0.1:$port" "DATABASE_URL=${DATABASE_URL%/*}/$database"
    "REDIS_URL=$REDIS_URL" "REDIS_KEY_PREFIX=$prefix-${work##*.}:" "KAFKA_BROKERS=$KAFKA_BROKERS"
    "KAFKA_TOPIC_PREFIX=$prefix." RUST_LOG=info "$@"
  )
  (cd "$work" && "${env[@]}" "$bin" migrate && "${env[@]}" "$bin" seed --users-only) >>"$log" 2>&1 ||
    fail "klang migrate/seed failed (log: $log)"
  (cd "$work" && exec "${env[@]}" "$bin" serve) >>"$log" 2>&1 &
  klang_pid=$!
  live_track "$klang_pid"
  wait_http "http://127.0.0.1:$port/readyz" "$klang_pid" klang
}

# Stops what was tracked (last first), drops the databases, stops the infrastructure if this run started it.
live_cleanup() {
  local index database
  for ((index = ${#live_pids[@]} - 1; index >= 0; index--)); do
    stop_pid "${live_pids[$index]}"
  done
  for database in "${live_databases[@]}"; do
    psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 ||
      echo "warning: could not drop database $database" >&2
  done
  if [ "$live_started_infra" = 1 ]; then
    scripts/infra/down.sh >/dev/null 2>&1 || echo "warning: scripts/infra/down.sh failed" >&2
  fi
}
