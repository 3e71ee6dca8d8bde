#!/usr/bin/env bash
# Installs what is missing, starts PostgreSQL, Redis and Kafka, builds Klang, applies migrations, creates the
# demo users and starts the service in the background. Idempotent: a running service is left as it is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh

export KLANG_LISTEN="${KLANG_LISTEN:-127.0.0.1:8080}"
# The web app's origins may call /auth/* (docs/api/auth.md).
export KLANG_ALLOWED_ORIGINS="${KLANG_ALLOWED_ORIGINS:-http://localhost:3000,http://127.0.0.1:3000}"
export NEXT_TELEMETRY_DISABLED=1
url="http://${KLANG_LISTEN}"
web_port="${KLANG_WEB_PORT:-3000}"
web_url="http://localhost:${web_port}"
web_pid_file="$KLANG_STATE_DIR/web.pid"
web_log_file="$KLANG_STATE_DIR/web.log"
pid_file="$KLANG_STATE_DIR/klang.pid"
log_file="$KLANG_STATE_DIR/klang.log"

scripts/infra/up.sh
require_rust
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null && curl -fsS "$url/readyz" >/dev/null 2>&1; then
  echo "Klang is already running (pid $(cat "$pid_file"))."
else
  echo "Building klang (the first build takes a few minutes)..."
  cargo build --quiet --bin klang
  binary="$CARGO_TARGET_DIR/debug/klang"
  "$binary" migrate >>"$log_file" 2>&1
  "$binary" seed >>"$log_file" 2>&1
  nohup "$binary" serve >>"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 300); do
    curl -fsS "$url/readyz" >/dev/null 2>&1 && break
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "klang exited; last log lines:" >&2
      tail -20 "$log_file" >&2
      exit 1
    fi
    sleep 0.2
  done
fi

if [ -f "$web_pid_file" ] && kill -0 "$(cat "$web_pid_file")" 2>/dev/null && curl -fsS "$web_url/sign-in" >/dev/null 2>&1; then
  echo "The web app is already running (pid $(cat "$web_pid_file"))."
else
  echo "Building the web app..."
  scripts/web/install.sh >>"$web_log_file" 2>&1
  (cd web && KLANG_API_URL="$url" npx next build) >>"$web_log_file" 2>&1
  (cd web && exec nohup ./node_modules/.bin/next start -p "$web_port") >>"$web_log_file" 2>&1 &
  echo $! >"$web_pid_file"
  for _ in $(seq 1 300); do
    curl -fsS "$web_url/sign-in" >/dev/null 2>&1 && break
    if ! kill -0 "$(cat "$web_pid_file")" 2>/dev/null; then
      echo "the web app exited; last log lines:" >&2
      tail -20 "$web_log_file" >&2
      exit 1
    fi
    sleep 0.2
  done
fi

cat <<INFO

Klang is up.
  Web app:   $web_url   (logs: $web_log_file)
  GraphiQL:  $url/graphql   (set the header {"Authorization": "Bearer <accessToken>"} in GraphiQL's Headers tab)
  Health:    $url/healthz   $url/readyz   Metrics: $url/metrics
  Logs:      $log_file      Stop: scripts/stop.sh

Demo accounts (password: Klang-demo-2026):
  admin@klang.local       ADMIN
  manager@klang.local     MANAGER
  staff@klang.local       WAREHOUSE_STAFF
  dispatcher@klang.local  DISPATCHER
  viewer@klang.local      VIEWER

Sign in from GraphiQL:
  mutation { signIn(input: {email: "admin@klang.local", password: "Klang-demo-2026"}) { accessToken user { displayName roles } } }
INFO
