#!/usr/bin/env bash
# Checks the operations artefacts (deploy/*, docker-compose.yml, Dockerfiles) with the real tools that run on this
# machine kind, and proves on the real service: a real Prometheus scrapes it, a real Alertmanager routes its alert
# to a webhook, and its log file reaches a real Elasticsearch-API store (OpenSearch) through a real shipper
# (rsyslog). Installs what it needs: Debian prometheus, prometheus-alertmanager, rsyslog, rsyslog-elasticsearch,
# nginx-light, shellcheck (only when missing), a Python venv ($KLANG_CACHE_DIR/ops-venv, from
# scripts/ops/requirements.txt), npm packages ($KLANG_CACHE_DIR/ops-node, from scripts/ops/grafana-check/package*.json),
# the OpenSearch jars ($KLANG_CACHE_DIR/opensearch-libs, from scripts/ops/opensearch/pom.xml) and n8n
# ($KLANG_CACHE_DIR/n8n, from scripts/ops/n8n/package*.json: ~2.3 GB, ~5-7 min the first time), each re-installed
# only when its pinned files change. The alert also reaches a real n8n running deploy/n8n/workflows/alerts.json.
#
# Prints one line per check and ends with exactly one line `ops: N passed, N failed`; exits non-zero when a check
# failed. Logs: reports/ops/<check>.log. Idempotent; stops what it started, also on failure or Ctrl-C.
# Not run here, because it cannot be: Grafana, Logstash and Kibana servers, and Docker (no images are built, pulled
# or started).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh

venv="$KLANG_CACHE_DIR/ops-venv"
node_dir="$KLANG_CACHE_DIR/ops-node"
logs="$root/$KLANG_REPORTS_DIR/ops"
work="$(mktemp -d "${TMPDIR:-/tmp}/klang-ops-check.XXXXXX")"
live_pid=""
passed=0
failed=0
mkdir -p "$logs"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$live_pid" ] && kill -0 "$live_pid" 2>/dev/null; then
    kill "$live_pid" 2>/dev/null || true
    wait "$live_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- setup (not counted as checks: a failed setup shows up as failed checks) -----------------------------------

setup_apt() {
  local missing=() package
  for package in prometheus prometheus-alertmanager shellcheck rsyslog rsyslog-elasticsearch nginx-light; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  command -v npm >/dev/null || missing+=(nodejs npm)
  command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  [ "${#missing[@]}" = 0 ] && return 0
  echo "setup: apt-get install ${missing[*]}"
  # Debian's daemons never start by themselves here: the checks start their own instances on their own ports.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
}

setup_venv() {
  local stamp
  stamp="$(sha256sum scripts/ops/requirements.txt | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  echo "setup: Python venv $venv (scripts/ops/requirements.txt changed or venv missing)"
  rm -rf "$venv"
  python3 -m venv "$venv" 2>/dev/null || {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv "$venv"
  }
  "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/ops/requirements.txt
  echo "$stamp" >"$venv/.requirements.sha256"
}

setup_node() {
  local stamp
  stamp="$(cat scripts/ops/grafana-check/package.json scripts/ops/grafana-check/package-lock.json | sha256sum | cut -d' ' -f1)"
  if [ -x "$node_dir/node_modules/.bin/tsc" ] && [ "$(cat "$node_dir/.lock.sha256" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  echo "setup: npm packages in $node_dir (scripts/ops/grafana-check/package*.json changed or missing)"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  cp scripts/ops/grafana-check/package.json scripts/ops/grafana-check/package-lock.json "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$stamp" >"$node_dir/.lock.sha256"
}

setup_opensearch() {
  scripts/ops/opensearch.sh fetch
}

setup_n8n() {
  scripts/ops/n8n.sh install
}

setup_started=$SECONDS
for step in setup_apt setup_venv setup_node setup_opensearch setup_n8n; do
  "$step" >"$logs/$step.log" 2>&1 || { echo "setup: $step FAILED (log: $logs/$step.log)"; tail -15 "$logs/$step.log"; }
  grep '^setup:' "$logs/$step.log" || true
done
echo "setup done in $((SECONDS - setup_started)) s"

# --- checks --------------------------------------------------------------------------------------------------

# Runs one named check with its output in reports/ops/<name>.log; prints the log's last line as the detail.
# (Inside `if`, bash ignores `set -e`: the check functions below end each step with `|| return 1`.)
check() {
  local name="$1" started=$SECONDS detail
  shift
  if "$@" >"$logs/$name.log" 2>&1; then
    passed=$((passed + 1))
    detail="$(grep -v '^\s*$' "$logs/$name.log" | tail -1 | cut -c1-220)"
    printf 'ok    %-22s %3ss  %s\n' "$name" "$((SECONDS - started))" "$detail"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-22s %3ss  (log: %s)\n' "$name" "$((SECONDS - started))" "$logs/$name.log"
    grep -v '^\s*$' "$logs/$name.log" | tail -15 | sed 's/^/      /'
  fi
}

promtool_check_config() {
  promtool check config deploy/prometheus/prometheus.yml || return 1
  echo "$(promtool --version 2>&1 | head -1 | cut -d' ' -f1-3): prometheus.yml and its rule files are valid"
}

promtool_check_rules() {
  promtool check rules deploy/prometheus/rules/*.yml || return 1
  echo "$(grep -c '^      - \(alert\|record\):' deploy/prometheus/rules/*.yml | awk -F: '{s += $2} END {print s}') rules valid"
}

promtool_test_rules() {
  promtool test rules deploy/prometheus/tests/*.yml || return 1
  local tests
  tests="$(grep -c '^  - name:' deploy/prometheus/tests/*.yml | awk -F: '{s += $2} END {print s}')"
  echo "$tests rule unit tests in $(find deploy/prometheus/tests -name '*.yml' | wc -l) files passed"
}

amtool_check() {
  local config=deploy/alertmanager/alertmanager.yml
  amtool check-config "$config" || return 1
  # Severity routing, as deploy/prometheus/rules/alerts.yml labels its alerts.
  amtool config routes test --config.file="$config" --verify.receivers=n8n-critical severity=critical \
    alertname=KlangServiceDown || return 1
  amtool config routes test --config.file="$config" --verify.receivers=n8n-warning severity=warning \
    alertname=KlangTargetDown || return 1
  amtool config routes test --config.file="$config" --verify.receivers=n8n-warning alertname=Unlabelled || return 1
  amtool config routes test --config.file="$config" --verify.receivers=n8n-warehouse severity=warning \
    alertname=KlangLowStockCrossings || return 1
  amtool config routes test --config.file="$config" --verify.receivers=n8n-critical severity=critical \
    alertname=KlangDependencyDown dependency=kafka || return 1
  echo "$(amtool --version 2>&1 | head -1 | cut -d' ' -f1-3): config valid; critical -> n8n-critical, warning and unlabelled -> n8n-warning, low stock -> n8n-warehouse"
}

dashboard_types() {
  node scripts/ops/grafana-check/gen-types-check.mjs deploy/grafana/dashboards "$node_dir/work" "$node_dir" || return 1
  cp scripts/ops/grafana-check/tsconfig.json "$node_dir/work/tsconfig.json" || return 1
  "$node_dir/node_modules/.bin/tsc" -p "$node_dir/work/tsconfig.json" || return 1
  echo "$(find deploy/grafana/dashboards -name '*.json' | wc -l) dashboard(s) satisfy Dashboard of @grafana/schema $(node -p "require('$node_dir/node_modules/@grafana/schema/package.json').version") (tsc $("$node_dir/node_modules/.bin/tsc" --version | cut -d' ' -f2) --noEmit); Grafana itself is not run here"
}

hadolint_all() {
  local files=()
  mapfile -t files < <(find . -path ./node_modules -prune -o -path ./target -prune -o -path ./web/node_modules -prune \
    -o -type f \( -name Dockerfile -o -name 'Dockerfile.*' -o -name '*.Dockerfile' \) -print | sort)
  [ "${#files[@]}" -gt 0 ] || { echo "no Dockerfile found"; return 1; }
  "$venv/bin/hadolint" --config .hadolint.yaml "${files[@]}" || return 1
  echo "hadolint $("$venv/bin/hadolint" --version | grep -o '[0-9][0-9.]*' | head -1): ${files[*]} clean (not built here: no Docker engine)"
}

shellcheck_ops() {
  shellcheck -x scripts/ops/*.sh || return 1
  echo "shellcheck: scripts/ops/*.sh clean"
}

nginx_config() {
  # nginx -t resolves upstream names: klang/web only exist on the Compose network, so they point at localhost here.
  mkdir -p "$work/nginx"
  sed 's/server klang:8080/server 127.0.0.1:8080/; s/server web:3000/server 127.0.0.1:3000/' deploy/nginx/nginx.conf \
    >"$work/nginx/nginx.conf"
  nginx -t -q -c "$work/nginx/nginx.conf" || return 1
  echo "$(nginx -v 2>&1 | cut -d' ' -f3): deploy/nginx/nginx.conf valid (nginx -t; upstream hosts mapped to 127.0.0.1)"
}

# The result of one live check from the results file of live-scrape.sh or live-logs.sh (<script> names both).
live_result() {
  local script="$1" name="$2" line
  line="$(grep "^$name " "$work/$script.results" 2>/dev/null | head -1)"
  case "$line" in
    "$name ok "*) echo "${line#"$name ok "}" ;;
    "") echo "no result: see $logs/$script.log"; cat "$logs/$script.log"; return 1 ;;
    *) cat "$logs/$script.log"; echo "${line#"$name "}"; return 1 ;;
  esac
}

# Runs one live script in the background (so Ctrl-C reaches the trap at once) with its log in reports/ops.
live_run() {
  local script="$1" started=$SECONDS
  "scripts/ops/$script.sh" "$work/$script.results" >"$logs/$script.log" 2>&1 &
  live_pid=$!
  wait "$live_pid" || true
  live_pid=""
  echo "$script took $((SECONDS - started)) s (log: $logs/$script.log)"
}

echo "== static checks"
check promtool-check-config promtool_check_config
check promtool-check-rules promtool_check_rules
check promtool-test-rules promtool_test_rules
check rules-lint "$venv/bin/python" scripts/ops/ops_lint.py rules "$root"
check amtool amtool_check
check dashboard-types dashboard_types
check grafana-provisioning "$venv/bin/python" scripts/ops/ops_lint.py grafana "$root"
check n8n-workflow "$venv/bin/python" scripts/ops/ops_lint.py n8n "$root"
check logs-artifacts "$venv/bin/python" scripts/ops/ops_lint.py logs "$root"
check compose-config "$venv/bin/python" scripts/ops/compose_check.py "$root" "$venv/bin/docker-compose"
check nginx-config nginx_config
check hadolint hadolint_all
check shellcheck shellcheck_ops

echo "== real scrape and alerting (klang + Prometheus + Alertmanager + n8n + webhook receiver started here, stopped at the end)"
live_run live-scrape
check scrape live_result live-scrape scrape
check dashboard-promql live_result live-scrape dashboard-promql
check alert-routing live_result live-scrape alert-routing
check n8n live_result live-scrape n8n
check webhooks live_result live-scrape webhooks

echo "== real logs (klang + rsyslog + OpenSearch started here, stopped at the end)"
live_run live-logs
check logs-e2e live_result live-logs logs-e2e
check saved-searches live_result live-logs saved-searches
check grafana-log-queries live_result live-logs grafana-log-queries

echo "run for real here: klang, Prometheus, Alertmanager, n8n (the alert and Klang events workflows), OpenSearch, rsyslog"
echo "not run here: Grafana, Logstash and Kibana servers (no registry ships them: dashboards are type-checked and their queries run against the real Prometheus; Logstash's parsing runs as the equivalent ingest pipeline in a real OpenSearch; Kibana's saved searches are validated and run there); Docker (no engine: images not built, pulled or started; Compose validated with docker-compose config)"
echo "ops: $passed passed, $failed failed"
[ "$failed" = 0 ]
