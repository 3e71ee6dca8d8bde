#!/usr/bin/env bash
# Logs end to end, for real: an OpenSearch 2.19 node from Maven jars (scripts/ops/opensearch.sh) set up by
# deploy/elasticsearch/setup.sh (ingest pipeline, index template, data stream), the real klang writing its ECS JSON
# log to a file, and rsyslog shipping that file with deploy/rsyslog/klang-shipper.conf (validated first with
# `rsyslogd -N1`). scripts/ops/log_checks.py then sends requests with known request ids and finds them, field by
# field, in the store, and validates and runs the Kibana saved searches and the Grafana log panels' queries. Stops everything it started (also on
# failure or Ctrl-C) and drops its database. Logstash and Kibana are not run: no registry ships them here.
#
# Usage: scripts/ops/live-logs.sh [results file]      (one "<check> ok|FAIL <detail>" line per check)
# Needs: PostgreSQL, Redis and Kafka of scripts/infra (started, and stopped again, if they were not running),
# Java 17 + Maven, rsyslog + rsyslog-elasticsearch, the ops venv of scripts/ops/check.sh.
# Ports: KLANG_OPS_LOGS_KLANG_PORT (18291), KLANG_OPS_OPENSEARCH_PORT (19200) and that port + 100 (transport).
# State: $KLANG_STATE_DIR/ops-logs (emptied at every start; the node's, rsyslog's and klang's logs stay there).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh
# shellcheck source=scripts/ops/lib-live.sh
. scripts/ops/lib-live.sh

klang_port="${KLANG_OPS_LOGS_KLANG_PORT:-18291}"
store_port="${KLANG_OPS_OPENSEARCH_PORT:-19200}"
python="${KLANG_OPS_PYTHON:-$KLANG_CACHE_DIR/ops-venv/bin/python}"
state="$KLANG_STATE_DIR/ops-logs"
results="${1:-}"
work="$(mktemp -d "${TMPDIR:-/tmp}/klang-ops-logs.XXXXXX")"
checks_pid=""

# Runs from the EXIT trap only, which shellcheck cannot see.
# shellcheck disable=SC2317
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$checks_pid"
  live_cleanup
  if [ "$status" != 0 ]; then
    for log in klang.log rsyslog.log opensearch/opensearch.log shipper/bulk-errors.json; do
      [ -s "$state/$log" ] && { echo "--- last lines of $state/$log" >&2; tail -15 "$state/$log" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "live-logs: $*" >&2
  if [ -n "$results" ]; then
    printf 'logs-e2e FAIL %s\nsaved-searches FAIL not run: %s\ngrafana-log-queries FAIL not run: %s\n' \
      "$*" "$*" "$*" >"$results"
  fi
  exit 1
}

# One run at a time: the ports, the state folder and the database name are fixed.
mkdir -p "$KLANG_STATE_DIR"
exec 9>"$KLANG_STATE_DIR/ops-live-logs.lock"
flock -w 600 9 || fail "another live log check holds $KLANG_STATE_DIR/ops-live-logs.lock"

command -v rsyslogd >/dev/null || fail "rsyslogd is not installed (scripts/ops/check.sh installs it)"
[ -x "$python" ] || fail "$python missing (scripts/ops/check.sh creates the venv)"
# A run killed without its trap (kill -9) leaves its node (it runs in its own session) and maybe rsyslog: stop
# them by their pid files before checking the ports.
scripts/ops/opensearch.sh stop "$state/opensearch"
leftover="$(cat "$state/shipper/rsyslogd.pid" 2>/dev/null || true)"
if [ -n "$leftover" ] && [ "$(ps -o comm= -p "$leftover" 2>/dev/null)" = rsyslogd ]; then
  stop_pid "$leftover"
fi
for port in "$store_port" "$((store_port + 100))"; do
  port_in_use "$port" && fail "port $port is in use"
done
rm -rf "$state"
mkdir -p "$state/shipper"
: >"$state/klang.log"

# The shipper's configuration is the repository's file, read with this run's values.
export KLANG_LOG_FILE="$state/klang.log" KLANG_SHIPPER_STATE="$state/shipper" KLANG_LOG_STORE_HOST=127.0.0.1 \
  KLANG_LOG_STORE_PORT="$store_port"
rsyslogd -N1 -f deploy/rsyslog/klang-shipper.conf >"$state/rsyslog-validate.log" 2>&1 ||
  { cat "$state/rsyslog-validate.log" >&2; fail "rsyslogd -N1 refuses deploy/rsyslog/klang-shipper.conf"; }
echo "rsyslogd -N1: deploy/rsyslog/klang-shipper.conf valid"

scripts/ops/opensearch.sh start "$state/opensearch" "$store_port" "$((store_port + 100))" ||
  fail "OpenSearch did not start (log: $state/opensearch/opensearch.log)"
live_track "$(cat "$state/opensearch/opensearch.pid")"
store="http://127.0.0.1:$store_port"
deploy/elasticsearch/setup.sh "$store" >"$state/setup.log" 2>&1 ||
  { cat "$state/setup.log" >&2; fail "deploy/elasticsearch/setup.sh failed against OpenSearch"; }
echo "OpenSearch $(curl -fsS "$store" | "$python" -c 'import json, sys; print(json.load(sys.stdin)["version"]["number"])') on :$store_port set up by deploy/elasticsearch/setup.sh"

rsyslogd -n -f deploy/rsyslog/klang-shipper.conf -i "$state/shipper/rsyslogd.pid" >"$state/rsyslog.log" 2>&1 &
live_track "$!"

live_ensure_infra
live_start_klang "$klang_port" klang_ops_logs "$state/klang.log" klang-ops-logs
echo "klang (pid $klang_pid) on :$klang_port writing $state/klang.log, shipped by rsyslog $(rsyslogd -v | awk 'NR == 1 {print $2}')"

# In the background, so that a signal reaches the trap at once (bash runs traps only between commands).
"$python" scripts/ops/log_checks.py run "http://127.0.0.1:$klang_port" "$store" "$state/klang.log" \
  deploy/kibana/saved-objects.ndjson deploy/grafana/dashboards "$work/results" &
checks_pid=$!
wait "$checks_pid" || status=$?
checks_pid=""
[ -z "$results" ] || cp "$work/results" "$results"
exit "${status:-0}"
