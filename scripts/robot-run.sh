#!/usr/bin/env bash
# Starts a service of its own on a fresh database (with demo data), runs the Robot Framework suites against it,
# and stops it. Prints `robot: N passed, N failed` (from scripts/robot.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh

port="${KLANG_ROBOT_PORT:-18090}"
database="klang_robot"
base="${DATABASE_URL%/*}"
psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" 2>/dev/null
psql -q "$DATABASE_URL" -c "CREATE DATABASE ${database}"
cargo build --quiet --bin klang

export DATABASE_URL="${base}/${database}"
export KLANG_LISTEN="127.0.0.1:${port}"
export REDIS_KEY_PREFIX="robot:$(date +%s):"
export KAFKA_TOPIC_PREFIX="robot$(date +%s)."
mkdir -p "$KLANG_REPORTS_DIR"
"$CARGO_TARGET_DIR/debug/klang" seed --users-only >"$KLANG_REPORTS_DIR/robot-service.log" 2>&1
"$CARGO_TARGET_DIR/debug/klang" serve >>"$KLANG_REPORTS_DIR/robot-service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null; wait "$service" 2>/dev/null' EXIT
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:${port}/readyz" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$service" 2>/dev/null; then
    echo "the service exited; see $KLANG_REPORTS_DIR/robot-service.log" >&2
    tail -20 "$KLANG_REPORTS_DIR/robot-service.log" >&2
    exit 1
  fi
  sleep 0.2
done
scripts/robot.sh "http://127.0.0.1:${port}"
