#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local Apache Kafka broker (single-node KRaft) run from Maven Central jars.
#
#   kafka.sh fetch     resolve the jars into $KLANG_CACHE_DIR/kafka-libs (once)
#   kafka.sh start [--port P] [--controller-port C] [--dir D]
#   kafka.sh stop [--dir D]
#   kafka.sh status [--dir D]
#
# The default instance uses the env.sh ports and $KLANG_STATE_DIR/kafka. A test
# can run a second, dedicated broker with its own --dir and ports, and stop and
# start it again on the same dir to simulate an outage. An instance remembers
# its ports, so `start --dir D` and `status --dir D` need no port options.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"

pom="$here/kafka/pom.xml"
libs="$KLANG_CACHE_DIR/kafka-libs"

usage() {
  echo "usage: $0 fetch | start [--port P] [--controller-port C] [--dir D] | stop [--dir D] | status [--dir D]" >&2
  exit 2
}

command="${1:-}"
[ $# -gt 0 ] && shift
dir="$KLANG_STATE_DIR/kafka"
port=""
controller_port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --controller-port) controller_port="${2:?--controller-port needs a value}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
    *) usage ;;
  esac
done
dir="$(realpath -m "$dir")"
pidfile="$dir/kafka.pid"
log="$dir/logs/server.log"

# Ports: options, else those the instance was last started with, else env.sh.
if [ -f "$dir/ports" ]; then
  read -r saved_port saved_controller_port <"$dir/ports"
fi
port="${port:-${saved_port:-$KLANG_KAFKA_PORT}}"
controller_port="${controller_port:-${saved_controller_port:-$KLANG_KAFKA_CONTROLLER_PORT}}"

pom_sum() {
  sha256sum <"$pom" | cut -d ' ' -f 1
}

# True when the jars were resolved from the current pom.xml.
jars_current() {
  [ "$(cat "$libs/.pom.sha256" 2>/dev/null)" = "$(pom_sum)" ]
}

# Resolves the broker jars with Maven; skipped while pom.xml is unchanged.
# Runs in a subshell holding a lock, as CI jobs may share the cache.
fetch() (
  mkdir -p "$KLANG_CACHE_DIR"
  exec 9>"$libs.lock"
  flock 9
  if jars_current; then
    echo "kafka: jars already in $libs"
    return 0
  fi
  echo "kafka: resolving jars with Maven into $libs"
  rm -rf "$libs.tmp"
  if ! mvn -q -B -f "$pom" -Dmaven.repo.local="$KLANG_CACHE_DIR/m2" \
    dependency:copy-dependencies -DoutputDirectory="$libs.tmp" >"$libs.log" 2>&1; then
    cat "$libs.log" >&2
    exit 1
  fi
  pom_sum >"$libs.tmp/.pom.sha256"
  rm -rf "$libs"
  mv "$libs.tmp" "$libs"
)

# JVM for short-lived Kafka tools, logging to stderr.
tool_java=(java -Xmx256m -XX:TieredStopAtLevel=1
  -Dlog4j2.configurationFile="$here/kafka/tools-log4j2.properties" -cp "$libs/*")

# Prints the broker's pid if this instance runs; checks the command line so
# that a reused pid is never taken for the broker.
broker_pid() {
  local pid
  pid="$(cat "$pidfile" 2>/dev/null)" || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $dir/server.properties" || return 1
  echo "$pid"
}

# A real protocol round trip: list the topics through the admin client.
answers() {
  timeout 30 "${tool_java[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" \
    --command-config "$here/kafka/admin.properties" --list >/dev/null 2>&1
}

write_config() {
  mkdir -p "$dir/data" "$dir/logs"
  echo "$port $controller_port" >"$dir/ports"
  cat >"$dir/server.properties" <<PROPS
# Written by scripts/infra/kafka.sh on each start: edit that script instead.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
# A single broker: every internal topic has one replica. Few partitions make
# the first consumer group join and the first transaction quicker.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=3
group.initial.rebalance.delay.ms=0
PROPS
  cat >"$dir/log4j2.properties" <<PROPS
# Written by scripts/infra/kafka.sh on each start. The previous run's log is
# kept as server.log.1.
status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = $log
appender.file.filePattern = $log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.startup.type = OnStartupTriggeringPolicy
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
PROPS
}

# Formats the KRaft storage once per dir, with a cluster id made here: 16 random
# bytes as unpadded base64url (22 characters), never starting with "-".
format_storage() {
  [ -f "$dir/data/meta.properties" ] && return 0
  local id
  until [ -n "${id:-}" ] && [ "${id:0:1}" != - ]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  echo "kafka: formatting storage in $dir/data (cluster id $id)"
  "${tool_java[@]}" kafka.tools.StorageTool format --standalone -t "$id" \
    -c "$dir/server.properties" >"$dir/logs/format.log"
}

launch() {
  echo "kafka: starting on 127.0.0.1:$port (controller $controller_port, log: $log)"
  setsid nohup java -Xmx512m -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$libs/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/logs/stdout.log" 2>&1 &
  echo $! >"$pidfile"
}

# Waits up to 60 s for the broker to answer; fails early if it died.
wait_ready() {
  local deadline=$((SECONDS + 60))
  until answers; do
    if ! broker_pid >/dev/null; then
      echo "kafka: broker exited during startup, errors from $log:" >&2
      grep -hE ' (ERROR|FATAL) ' "$log" "$dir/logs/stdout.log" 2>/dev/null | tail -n 5 >&2 || true
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "kafka: broker not answering after 60 s, see $log" >&2
      return 1
    fi
    sleep 1
  done
}

start() {
  if broker_pid >/dev/null && answers; then
    echo "kafka: already running on 127.0.0.1:$port"
    return 0
  fi
  if ! broker_pid >/dev/null; then
    local p
    for p in "$port" "$controller_port"; do
      if (: <"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        echo "kafka: port $p is already taken by another process" >&2
        exit 1
      fi
    done
    jars_current || fetch
    write_config
    format_storage
    launch
  fi
  if ! wait_ready; then
    # A port can be briefly taken (see env.sh): retry once.
    grep -qs "Address already in use" "$log" "$dir/logs/stdout.log" || exit 1
    echo "kafka: port in use, retrying once" >&2
    sleep 2
    launch
    wait_ready || exit 1
  fi
  echo "kafka: ready, 127.0.0.1:$port"
}

stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    echo "kafka: not running ($dir)"
    rm -f "$pidfile"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      echo "kafka: stopped ($dir)"
      return 0
    fi
    sleep 0.1
  done
  echo "kafka: still running after 30 s, killing $pid" >&2
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

status() {
  if ! broker_pid >/dev/null; then
    echo "kafka: not running ($dir)"
    return 1
  fi
  if ! answers; then
    echo "kafka: process runs but does not answer on 127.0.0.1:$port"
    return 1
  fi
  echo "kafka: running on 127.0.0.1:$port ($dir)"
}

case "$command" in
  fetch | start | stop | status) "$command" ;;
  *) usage ;;
esac
