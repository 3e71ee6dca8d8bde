#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# A local S3-compatible server (moto's server from PyPI) for product images in development and tests.
#
#   s3.sh start | stop | status
#
# The Python environment is cached in $KLANG_CACHE_DIR/s3-venv; pid file and log live in $KLANG_STATE_DIR/s3.
# moto keeps objects in memory: a restart empties every bucket (the service creates its bucket when missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"

venv="$KLANG_CACHE_DIR/s3-venv"
dir="$KLANG_STATE_DIR/s3"
port="$KLANG_S3_PORT"
pidfile="$dir/moto.pid"
log="$dir/moto.log"
mkdir -p "$dir"

is_ready() {
  curl -fsS -o /dev/null "http://127.0.0.1:${port}/moto-api/" 2>/dev/null
}

install() {
  if [ -x "$venv/bin/moto_server" ]; then
    return 0
  fi
  echo "s3: installing moto[server] into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==5.2.5"
}

start() {
  if is_ready; then
    echo "s3: already running on 127.0.0.1:$port"
    return 0
  fi
  install
  echo "s3: starting moto on 127.0.0.1:$port (log: $log)"
  nohup "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 100); do
    if is_ready; then
      echo "s3: ready, $S3_ENDPOINT"
      return 0
    fi
    sleep 0.2
  done
  echo "s3: not answering, see $log" >&2
  exit 1
}

stop() {
  local pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    echo "s3: stopped"
  else
    echo "s3: not running"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_ready; then echo "s3: running on 127.0.0.1:$port"; else echo "s3: not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
