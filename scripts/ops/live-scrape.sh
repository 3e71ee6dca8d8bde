#!/usr/bin/env bash
# The real scrape: starts klang on a fresh database and Debian's Prometheus (1 s scrape and rule evaluation, the
# repository's rule files) pointed at it, drives a little traffic, and checks through Prometheus' HTTP API that the
# service is scraped, the key series and labels exist, every recording rule produces series, no alert fires, and
# every dashboard query runs and returns data (scripts/ops/live_checks.py). Then stops everything it started (also
# on failure or Ctrl-C) and drops its database.
#
# Usage: scripts/ops/live-scrape.sh [results file]     (one "<check> ok|FAIL <detail>" line per check)
# Needs: PostgreSQL, Redis and Kafka of scripts/infra (started, and stopped again, if they were not running),
# the ops venv of scripts/ops/check.sh, prometheus on PATH. Ports: KLANG_OPS_KLANG_PORT (18290) and
# KLANG_OPS_PROMETHEUS_PORT (19090), both below 32768.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh
# No NOTICE lines from DROP DATABASE IF EXISTS.
export PGOPTIONS="--client-min-messages=warning"

klang_port="${KLANG_OPS_KLANG_PORT:-18290}"
prometheus_port="${KLANG_OPS_PROMETHEUS_PORT:-19090}"
python="${KLANG_OPS_PYTHON:-$KLANG_CACHE_DIR/ops-venv/bin/python}"
klang_bin="${KLANG_BIN:-$CARGO_TARGET_DIR/debug/klang}"
database="klang_ops_check"
database_url="${DATABASE_URL%/*}/$database"
results="${1:-}"

work="$(mktemp -d "${TMPDIR:-/tmp}/klang-ops-scrape.XXXXXX")"
klang_pid=""
prometheus_pid=""
checks_pid=""
started_infra=0
database_created=0

# Both functions run from the EXIT trap only, which shellcheck cannot see.
# shellcheck disable=SC2317
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

# shellcheck disable=SC2317
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$checks_pid"
  stop_pid "$prometheus_pid"
  stop_pid "$klang_pid"
  if [ "$database_created" = 1 ]; then
    psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 ||
      echo "warning: could not drop database $database" >&2
  fi
  if [ "$started_infra" = 1 ]; then
    scripts/infra/down.sh >/dev/null 2>&1 || echo "warning: scripts/infra/down.sh failed" >&2
  fi
  if [ "$status" != 0 ]; then
    for log in klang.log prometheus.log; do
      [ -s "$work/$log" ] && { echo "--- last lines of $log" >&2; tail -15 "$work/$log" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "live-scrape: $*" >&2
  if [ -n "$results" ]; then
    printf 'scrape FAIL %s\ndashboard-promql FAIL not run: %s\n' "$*" "$*" >"$results"
  fi
  exit 1
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

infra_answers() {
  command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$KLANG_PG_PORT" &&
    command -v redis-cli >/dev/null && [ "$(redis-cli -p "$KLANG_REDIS_PORT" ping 2>/dev/null)" = PONG ] &&
    port_in_use "$KLANG_KAFKA_PORT"
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

# One run at a time: the ports and the database name are fixed.
mkdir -p "$KLANG_STATE_DIR"
exec 9>"$KLANG_STATE_DIR/ops-live-scrape.lock"
flock -w 600 9 || fail "another live scrape holds $KLANG_STATE_DIR/ops-live-scrape.lock"

command -v prometheus >/dev/null || fail "prometheus is not installed (scripts/ops/check.sh installs it)"
[ -x "$python" ] || fail "$python missing (scripts/ops/check.sh creates the venv)"
for port in "$klang_port" "$prometheus_port"; do
  port_in_use "$port" && fail "port $port is in use"
done

if ! infra_answers; then
  echo "starting PostgreSQL, Redis and Kafka (scripts/infra/up.sh); they are stopped again at the end"
  started_infra=1
  scripts/infra/up.sh >"$work/infra.log" 2>&1 || { tail -20 "$work/infra.log" >&2; fail "infrastructure did not start"; }
fi

if [ ! -x "$klang_bin" ]; then
  echo "building klang (missing: $klang_bin)"
  require_rust
  cargo build --quiet --bin klang
fi

psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
psql -q "$DATABASE_URL" -c "CREATE DATABASE $database" >/dev/null
database_created=1

# The service runs in the temporary folder, so a developer's .env in the repository changes nothing. A Redis key
# prefix per run: the sign-in rate limiter (10 per account in 5 minutes, successes included) starts afresh, and
# its keys expire by themselves.
klang_env=(
  env KLANG_ENV=development "KLANG_LISTEN=127.0.0.1:$klang_port" "DATABASE_URL=$database_url"
  "REDIS_URL=$REDIS_URL" "REDIS_KEY_PREFIX=klang-ops-check-${work##*.}:" "KAFKA_BROKERS=$KAFKA_BROKERS"
  "KAFKA_TOPIC_PREFIX=klang-ops-check." RUST_LOG=info OUTBOX_POLL_MS=500
)
(cd "$work" && "${klang_env[@]}" "$klang_bin" migrate && "${klang_env[@]}" "$klang_bin" seed --users-only) >"$work/klang.log" 2>&1 ||
  fail "klang migrate/seed failed"
(cd "$work" && exec "${klang_env[@]}" "$klang_bin" serve) >>"$work/klang.log" 2>&1 &
klang_pid=$!
wait_http "http://127.0.0.1:$klang_port/readyz" "$klang_pid" klang

"$python" scripts/ops/live_checks.py config deploy/prometheus/prometheus.yml deploy/prometheus/rules \
  "127.0.0.1:$klang_port" "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
wait_http "http://127.0.0.1:$prometheus_port/-/ready" "$prometheus_pid" prometheus
echo "klang (pid $klang_pid) on :$klang_port, prometheus $(prometheus --version 2>&1 | head -1 | cut -d' ' -f3) (pid $prometheus_pid) on :$prometheus_port"

# In the background, so that a signal reaches the trap at once (bash runs traps only between commands).
"$python" scripts/ops/live_checks.py run "http://127.0.0.1:$klang_port" "http://127.0.0.1:$prometheus_port" \
  deploy/grafana/dashboards "$work/results" &
checks_pid=$!
wait "$checks_pid" || status=$?
checks_pid=""
[ -z "$results" ] || cp "$work/results" "$results"
exit "${status:-0}"
