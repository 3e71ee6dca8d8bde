#!/usr/bin/env bash
# A local OpenSearch 2.19 node (an Elasticsearch-API store) run from Maven Central jars, for the ops log test.
#
#   opensearch.sh fetch                                    resolve the jars and compile the launcher (once)
#   opensearch.sh start <dir> <http port> <transport port> start a node with its data in <dir>; waits until it
#                                                          answers on 127.0.0.1:<http port>
#   opensearch.sh stop <dir>                               stop that node
#
# The jars come from scripts/ops/opensearch/pom.xml (Maven repository $KLANG_CACHE_DIR/m2, shared with Kafka) into
# $KLANG_CACHE_DIR/opensearch-libs, with the compiled scripts/ops/opensearch/EmbeddedNode.java beside them; both
# are redone only when one of the two files changes. Needs Java 17 and Maven.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/infra/env.sh
. "$root/scripts/infra/env.sh"

sources=("$root/scripts/ops/opensearch/pom.xml" "$root/scripts/ops/opensearch/EmbeddedNode.java")
libs="$KLANG_CACHE_DIR/opensearch-libs"

usage() {
  echo "usage: $0 fetch | start <dir> <http port> <transport port> | stop <dir>" >&2
  exit 2
}

sources_sum() {
  cat "${sources[@]}" | sha256sum | cut -d' ' -f1
}

# Runs in a subshell holding a lock, as concurrent checks may share the cache.
fetch() (
  mkdir -p "$KLANG_CACHE_DIR"
  exec 9>"$libs.lock"
  flock 9
  [ "$(cat "$libs/.sources.sha256" 2>/dev/null)" = "$(sources_sum)" ] && return 0
  echo "opensearch: resolving jars with Maven into $libs"
  rm -rf "$libs.tmp"
  mvn -q -B -f "$root/scripts/ops/opensearch/pom.xml" -Dmaven.repo.local="$KLANG_CACHE_DIR/m2" \
    dependency:copy-dependencies -DoutputDirectory="$libs.tmp" >"$libs.log" 2>&1 || { cat "$libs.log" >&2; exit 1; }
  javac -cp "$libs.tmp/*" -d "$libs.tmp/classes" "$root/scripts/ops/opensearch/EmbeddedNode.java"
  sources_sum >"$libs.tmp/.sources.sha256"
  rm -rf "$libs"
  mv "$libs.tmp" "$libs"
)

start() {
  local dir="$1" http_port="$2" transport_port="$3" pid _
  fetch
  mkdir -p "$dir"
  if [ -f "$dir/opensearch.pid" ] && kill -0 "$(cat "$dir/opensearch.pid")" 2>/dev/null; then
    echo "opensearch: already running (pid $(cat "$dir/opensearch.pid"))" >&2
    return 1
  fi
  # The heap fits a few thousand log lines; the JVM's default (a quarter of the RAM) would not be frugal.
  setsid nohup java -Xms256m -Xmx384m -XX:+UseSerialGC -cp "$libs/*:$libs/classes" EmbeddedNode \
    "$dir/home" "$http_port" "$transport_port" >"$dir/opensearch.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/opensearch.pid"
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$http_port/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null &&
      return 0
    kill -0 "$pid" 2>/dev/null || { tail -20 "$dir/opensearch.log" >&2; return 1; }
    sleep 0.5
  done
  echo "opensearch: no answer on :$http_port within 60 s" >&2
  return 1
}

stop() {
  local dir="$1" pid _
  pid="$(cat "$dir/opensearch.pid" 2>/dev/null)" || return 0
  rm -f "$dir/opensearch.pid"
  # Only our node: a pid file left by a killed run may name a process that reused the number.
  ps -o args= -p "$pid" 2>/dev/null | grep -q 'EmbeddedNode' || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  fetch) [ $# = 1 ] || usage; fetch ;;
  start) [ $# = 4 ] || usage; start "$2" "$3" "$4" ;;
  stop) [ $# = 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
