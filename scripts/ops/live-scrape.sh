#!/usr/bin/env bash
# The real scrape: starts klang on a fresh database, Debian's Prometheus (1 s scrape and rule evaluation, the
# repository's rule files) pointed at it, a real n8n (npm, scripts/ops/n8n.sh) serving the repository's alert
# workflow (deploy/n8n/workflows/alerts.json) and Debian's Alertmanager (the repository's routing tree, notifying
# both a local webhook receiver and that n8n at the workflow's production webhook URLs); drives a little traffic,
# and checks through Prometheus' HTTP API that the service is scraped, the key series and labels exist, every
# recording rule produces series, only the expected alert fires, and every dashboard query runs and returns data
# (scripts/ops/live_checks.py); then that the alert reaches its webhook, Alertmanager routes, groups and inhibits
# as configured, and n8n received and processed every notification into its Thai messages
# (scripts/ops/alert_checks.py). n8n is also Klang's first webhook subscriber: the run registers the Klang events
# workflow (deploy/n8n/workflows/klang-events.json) through GraphQL before n8n starts with the secret that returned,
# and checks that the stock movements reach it as verified, signed events turned into Thai messages, that forged
# requests are refused, and that Klang records them DELIVERED (scripts/ops/webhook_checks.py). Then stops everything
# it started (also on failure or Ctrl-C) and drops its database.
#
# Usage: scripts/ops/live-scrape.sh [results file]     (one "<check> ok|FAIL <detail>" line per check)
# Needs: PostgreSQL, Redis and Kafka of scripts/infra (started, and stopped again, if they were not running),
# the ops venv of scripts/ops/check.sh, prometheus and prometheus-alertmanager on PATH, n8n installed by
# `scripts/ops/n8n.sh install` (without it the other checks still run and the n8n check fails). Ports:
# KLANG_OPS_KLANG_PORT (18290), KLANG_OPS_PROMETHEUS_PORT (19090), KLANG_OPS_ALERTMANAGER_PORT (19193; its receiver:
# that port + 1), KLANG_OPS_N8N_PORT (15678; its task broker: that port + 1), all below 32768 (19093 is Kafka's
# controller).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh
# shellcheck source=scripts/ops/lib-live.sh
. scripts/ops/lib-live.sh

klang_port="${KLANG_OPS_KLANG_PORT:-18290}"
prometheus_port="${KLANG_OPS_PROMETHEUS_PORT:-19090}"
alertmanager_port="${KLANG_OPS_ALERTMANAGER_PORT:-19193}"
receiver_port="$((alertmanager_port + 1))"
n8n_port="${KLANG_OPS_N8N_PORT:-15678}"
python="${KLANG_OPS_PYTHON:-$KLANG_CACHE_DIR/ops-venv/bin/python}"
results="${1:-}"

work="$(mktemp -d "${TMPDIR:-/tmp}/klang-ops-scrape.XXXXXX")"
prometheus_pid=""
checks_pid=""
n8n_start_pid=""
n8n_started=0

# Runs from the EXIT trap only, which shellcheck cannot see.
# shellcheck disable=SC2317
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$checks_pid"
  stop_pid "$n8n_start_pid"
  scripts/ops/n8n.sh stop "$work/n8n" || true
  live_cleanup
  if [ "$status" != 0 ]; then
    for log in klang.log prometheus.log alertmanager.log n8n/n8n.log; do
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
    printf 'scrape FAIL %s\ndashboard-promql FAIL not run: %s\nalert-routing FAIL not run: %s\nn8n FAIL not run: %s\n' \
      "$*" "$*" "$*" "$*" >"$results"
    printf 'webhooks FAIL not run: %s\n' "$*" >>"$results"
  fi
  exit 1
}

# One run at a time: the ports and the database name are fixed.
mkdir -p "$KLANG_STATE_DIR"
exec 9>"$KLANG_STATE_DIR/ops-live-scrape.lock"
flock -w 600 9 || fail "another live scrape holds $KLANG_STATE_DIR/ops-live-scrape.lock"

command -v prometheus >/dev/null || fail "prometheus is not installed (scripts/ops/check.sh installs it)"
command -v prometheus-alertmanager >/dev/null ||
  fail "prometheus-alertmanager is not installed (scripts/ops/check.sh installs it)"
[ -x "$python" ] || fail "$python missing (scripts/ops/check.sh creates the venv)"
for port in "$prometheus_port" "$alertmanager_port" "$receiver_port" "$n8n_port" "$((n8n_port + 1))"; do
  port_in_use "$port" && fail "port $port is in use"
done

# n8n imports and publishes its workflows while klang starts; it starts once the Klang webhook is registered (n8n
# reads KLANG_WEBHOOK_SECRET, the secret createWebhook returns once, at start).
scripts/ops/n8n.sh prepare "$work/n8n" deploy/n8n/workflows/alerts.json deploy/n8n/workflows/klang-events.json \
  >"$work/n8n-start.log" 2>&1 &
n8n_start_pid=$!

live_ensure_infra
live_start_klang "$klang_port" klang_ops_check "$work/klang.log" klang-ops-check OUTBOX_POLL_MS=500 \
  WEBHOOK_RETRY_BASE_MS=1000
registered=0
"$python" scripts/ops/webhook_checks.py register "http://127.0.0.1:$klang_port" \
  "http://127.0.0.1:$n8n_port/webhook/klang-events" "$work/webhook.json" && registered=1

"$python" scripts/ops/webhook_receiver.py "$receiver_port" "$work/notifications.jsonl" &
live_track "$!"
n8n_url=""
if wait "$n8n_start_pid"; then
  secret=""
  [ "$registered" = 0 ] || secret="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["secret"])' \
    "$work/webhook.json")"
  if KLANG_WEBHOOK_SECRET="$secret" scripts/ops/n8n.sh serve "$work/n8n" "$n8n_port" "$((n8n_port + 1))" \
    >>"$work/n8n-start.log" 2>&1; then
    n8n_started=1
    n8n_url="http://127.0.0.1:$n8n_port"
  fi
  unset secret
fi
n8n_start_pid=""
cat "$work/n8n-start.log"
"$python" scripts/ops/alert_checks.py config deploy/alertmanager/alertmanager.yml "$receiver_port" \
  "$work/alertmanager.yml" ${n8n_url:+"$n8n_url"}
# A single Alertmanager: no gossip (--cluster.listen-address=).
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/alertmanager" \
  --web.listen-address="127.0.0.1:$alertmanager_port" --cluster.listen-address= --log.level=warn \
  >"$work/alertmanager.log" 2>&1 &
alertmanager_pid=$!
live_track "$alertmanager_pid"
wait_http "http://127.0.0.1:$alertmanager_port/-/ready" "$alertmanager_pid" alertmanager

"$python" scripts/ops/live_checks.py config deploy/prometheus/prometheus.yml deploy/prometheus/rules \
  "127.0.0.1:$klang_port" "$work/prometheus.yml" "127.0.0.1:$alertmanager_port"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
live_track "$prometheus_pid"
wait_http "http://127.0.0.1:$prometheus_port/-/ready" "$prometheus_pid" prometheus
echo "klang (pid $klang_pid) on :$klang_port, prometheus $(prometheus --version 2>&1 | head -1 | cut -d' ' -f3) (pid $prometheus_pid) on :$prometheus_port, alertmanager $(prometheus-alertmanager --version 2>&1 | head -1 | cut -d' ' -f3) (pid $alertmanager_pid) on :$alertmanager_port"

# In the background, so that a signal reaches the trap at once (bash runs traps only between commands).
"$python" scripts/ops/live_checks.py run "http://127.0.0.1:$klang_port" "http://127.0.0.1:$prometheus_port" \
  deploy/grafana/dashboards "$work/results" &
checks_pid=$!
wait "$checks_pid" || status=$?
"$python" scripts/ops/alert_checks.py run "http://127.0.0.1:$alertmanager_port" "$work/notifications.jsonl" \
  "$work/results" &
checks_pid=$!
wait "$checks_pid" || status=$?
if [ "$n8n_started" = 1 ]; then
  "$python" scripts/ops/alert_checks.py n8n "http://127.0.0.1:$alertmanager_port" "$n8n_url" \
    "$work/n8n/.n8n/database.sqlite" "$work/notifications.jsonl" "$work/results" &
  checks_pid=$!
  wait "$checks_pid" || status=$?
else
  echo "n8n FAIL n8n did not start: $(tail -1 "$work/n8n-start.log")" >>"$work/results"
  status=1
fi
if [ "$n8n_started" = 1 ] && [ "$registered" = 1 ]; then
  "$python" scripts/ops/webhook_checks.py run "http://127.0.0.1:$klang_port" "$n8n_url" \
    "http://127.0.0.1:$prometheus_port" "$work/n8n/.n8n/database.sqlite" "$work/webhook.json" "$work/results" &
  checks_pid=$!
  wait "$checks_pid" || status=$?
else
  echo "webhooks FAIL not run: $([ "$registered" = 1 ] && echo "n8n did not start" || echo "createWebhook failed (see the log)")" \
    >>"$work/results"
  status=1
fi
checks_pid=""
[ -z "$results" ] || cp "$work/results" "$results"
exit "${status:-0}"
