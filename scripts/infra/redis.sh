#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local Redis for development and tests.
#
#   redis.sh start | stop | status
#
# Data, pid file and log live in $KLANG_STATE_DIR/redis.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"

mkdir -p "$KLANG_STATE_DIR/redis"
dir="$(cd "$KLANG_STATE_DIR/redis" && pwd)"
port="$KLANG_REDIS_PORT"
pidfile="$dir/redis.pid"
log="$dir/redis.log"

is_ready() {
  [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]
}

start() {
  if is_ready; then
    echo "redis: already running on 127.0.0.1:$port"
    return 0
  fi
  echo "redis: starting on 127.0.0.1:$port (log: $log)"
  # Default persistence (RDB snapshots) into $dir.
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes \
    --dir "$dir" --pidfile "$pidfile" --logfile "$log"

  for _ in $(seq 1 50); do
    if is_ready; then
      echo "redis: ready, $REDIS_URL"
      return 0
    fi
    sleep 0.2
  done
  echo "redis: not answering PING, see $log" >&2
  exit 1
}

stop() {
  if ! is_ready; then
    echo "redis: not running"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  redis-cli -h 127.0.0.1 -p "$port" shutdown >/dev/null 2>&1 || true
  # Wait for the process to be gone, not only for the port to close.
  for _ in $(seq 1 100); do
    if ! { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; } && ! is_ready; then
      echo "redis: stopped"
      return 0
    fi
    sleep 0.1
  done
  echo "redis: still running after SHUTDOWN" >&2
  exit 1
}

status() {
  if is_ready; then
    echo "redis: running on 127.0.0.1:$port"
  else
    echo "redis: not running"
    return 1
  fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
