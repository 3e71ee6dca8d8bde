#!/usr/bin/env bash
# Runs the benchmark (examples/bench) and writes its results into docs/performance.md.
#
# Starts the local infrastructure when needed, builds the service and the benchmark in release mode (in a
# target directory of their own), creates a database for the service (seeded with `klang seed`) and one for
# pgbench, starts the service on its own port, Redis key prefix and Kafka topics, runs the baselines and the
# scenarios, then stops the service, drops both databases and removes the Redis keys. Infrastructure that
# was already running stays running; what this script started, it stops.
#
# Settings (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (32),
# BENCH_WRITE_CONCURRENCY (64), BENCH_ONLY (comma-separated scenario ids), BENCH_OUTPUT (docs/performance.md),
# BENCH_PGBENCH_SCALE (10), BENCH_RUST_LOG (info), KLANG_BENCH_PORT (18095), BENCH_KEEP_INFRA (0),
# BENCH_IDLE_LOAD (1.0) and BENCH_IDLE_WAIT (300 s): how quiet the machine should be, and how long to wait for it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# A target directory of its own: a release build here never disturbs the debug builds of the test runs.
export CARGO_TARGET_DIR="${KLANG_BENCH_TARGET_DIR:-${KLANG_CACHE_DIR}/target-bench}"
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh

port="${KLANG_BENCH_PORT:-18095}"
database="klang_bench"
pgbench_database="klang_bench_pgbench"
base="${DATABASE_URL%/*}"
output="${BENCH_OUTPUT:-docs/performance.md}"
mkdir -p "$KLANG_REPORTS_DIR" "$KLANG_STATE_DIR"
service_log="$KLANG_REPORTS_DIR/bench-service.log"

# One benchmark at a time: two would share the port, the databases and the two cores.
exec 9>"$KLANG_STATE_DIR/bench.lock"
if ! flock -n 9; then
  echo "another scripts/bench.sh is running" >&2
  exit 1
fi

port_open() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
infra_was_up=true
for infra_port in "$KLANG_PG_PORT" "$KLANG_REDIS_PORT" "$KLANG_KAFKA_PORT"; do
  port_open "$infra_port" || infra_was_up=false
done
if port_open "$port"; then
  echo "port $port is taken: set KLANG_BENCH_PORT" >&2
  exit 1
fi

scripts/infra/up.sh >"$KLANG_REPORTS_DIR/bench-infra.log"
require_rust
echo "bench: building klang and the benchmark (release; the first build takes several minutes)..."
cargo build --release --quiet --bin klang --example bench

# Two cores shared with whatever else runs: wait (a while) for other work to finish before measuring. The
# load average at the start and the end goes into the report, so a disturbed run shows.
idle_load="${BENCH_IDLE_LOAD:-1.0}"
waited=0
while awk -v limit="$idle_load" '{ exit !($1 > limit) }' /proc/loadavg && [ "$waited" -lt "${BENCH_IDLE_WAIT:-300}" ]; do
  [ "$waited" -eq 0 ] && echo "bench: waiting for the machine to quieten (load $(cut -d' ' -f1 /proc/loadavg) > ${idle_load}; BENCH_IDLE_WAIT=${BENCH_IDLE_WAIT:-300} s)..."
  sleep 10
  waited=$((waited + 10))
done
if awk -v limit="$idle_load" '{ exit !($1 > limit) }' /proc/loadavg; then
  echo "bench: warning: the machine is busy (load $(cut -d' ' -f1 /proc/loadavg)); the figures will be lower than usual" >&2
fi

redis_cli() { redis-cli -h 127.0.0.1 -p "$KLANG_REDIS_PORT" "$@"; }
drop_bench_keys() { redis_cli --scan --pattern 'bench:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 -p "$KLANG_REDIS_PORT" del >/dev/null; }

service=""
cleanup() {
  if [ -n "$service" ]; then
    kill "$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
  fi
  psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" 2>/dev/null || true
  psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS ${pgbench_database} WITH (FORCE)" 2>/dev/null || true
  drop_bench_keys 2>/dev/null || true
  if [ "$infra_was_up" = false ] && [ "${BENCH_KEEP_INFRA:-0}" != 1 ]; then
    scripts/infra/down.sh >/dev/null || true
  fi
}
trap cleanup EXIT

echo "bench: creating databases ${database} and ${pgbench_database}..."
for db in "$database" "$pgbench_database"; do
  psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)"
  psql -q "$base/postgres" -c "CREATE DATABASE ${db}"
done
pgbench -i -q -s "${BENCH_PGBENCH_SCALE:-10}" "$base/$pgbench_database" 2>>"$KLANG_REPORTS_DIR/bench-infra.log"
drop_bench_keys

export DATABASE_URL="$base/$database"
export KLANG_LISTEN="127.0.0.1:${port}"
export REDIS_KEY_PREFIX="bench:"
# Fixed names: each run reuses the same topics instead of leaving new ones behind.
export KAFKA_TOPIC_PREFIX="bench."
# The whole run must fit in one access token's lifetime.
export ACCESS_TOKEN_TTL_SECONDS=3600
# One user sends thousands of requests a second here: budgets far above that keep the accounting (a Redis
# counter per request) in the measured path without refusing anything. Capacity is measured, not the budget.
export GRAPHQL_COST_BUDGET_PER_USER=1000000000000
export GRAPHQL_COST_BUDGET_PER_ADDRESS=1000000000000
export RUST_LOG="${BENCH_RUST_LOG:-info}"
binary="$CARGO_TARGET_DIR/release/klang"
echo "bench: seeding demo data..."
"$binary" migrate >"$service_log" 2>&1
"$binary" seed >>"$service_log" 2>&1
"$binary" serve >>"$service_log" 2>&1 &
service=$!
for _ in $(seq 1 300); do
  if curl -fsS "http://${KLANG_LISTEN}/readyz" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$service" 2>/dev/null; then
    echo "the service exited; see $service_log" >&2
    tail -20 "$service_log" >&2
    exit 1
  fi
  sleep 0.2
done

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$commit" != unknown ] && ! git diff --quiet HEAD -- src migrations Cargo.toml Cargo.lock; then
  commit="$commit + uncommitted changes"
fi
export BENCH_GIT_COMMIT="$commit"
export BENCH_SERVICE="release build, KLANG_ENV=${KLANG_ENV:-development}, RUST_LOG=${RUST_LOG}, DATABASE_MAX_CONNECTIONS=${DATABASE_MAX_CONNECTIONS:-20}, cost budgets 10^12 per minute, Redis + Kafka, client on the same machine"
export BENCH_KLANG_URL="http://${KLANG_LISTEN}"
export BENCH_PGBENCH_DB="$base/$pgbench_database"
export BENCH_OUTPUT="$output"
"$CARGO_TARGET_DIR/release/examples/bench"
