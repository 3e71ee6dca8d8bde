#!/usr/bin/env bash
# Runs the whole test suite on real PostgreSQL, Redis and Kafka, starting whatever is missing:
# format, lint, sqlx query data, Rust unit and API tests, the Robot Framework suites against a running
# service, the operations checks (Prometheus rules and a real scrape, Alertmanager, dashboards, Compose) and
# the delivery checks (Jenkinsfile structure, Git flow tooling, CloudFormation linted and deployed to an emulator). Ends with one line `N passed, N failed` and a non-zero exit code when anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh

passed=0
failed=0
failures=()
log_dir="$KLANG_REPORTS_DIR/logs"
mkdir -p "$log_dir"

# Runs one named check; a check counts as one test.
check() {
  local name="$1"
  shift
  echo "== $name"
  if "$@" >"$log_dir/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "   ok"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "   FAILED (log: $log_dir/$name.log)"
    tail -30 "$log_dir/$name.log"
  fi
}

scripts/infra/up.sh || { echo "infrastructure did not start"; echo "0 passed, 1 failed"; exit 1; }
# Every test app creates topics of its own and deletes them when it is dropped, but the last tests of a run exit
# before their deletion does: a long-lived broker still slowly collects partitions and, with thousands, slows to a
# crawl. Start from an empty broker when it holds too many (the outbox in PostgreSQL stays the source of truth).
partitions="$(find "$KLANG_STATE_DIR/kafka/data" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l)"
if [ "$partitions" -gt 1500 ]; then
  echo "kafka: ${partitions} partitions accumulated; starting from an empty broker"
  scripts/infra/kafka.sh stop
  rm -rf "$KLANG_STATE_DIR/kafka/data"
  scripts/infra/kafka.sh start || { echo "kafka did not restart"; echo "0 passed, 1 failed"; exit 1; }
fi
require_rust

check fmt cargo fmt --all -- --check
check clippy cargo clippy --all-targets --quiet -- -D warnings
check sqlx-data scripts/sqlx-prepare.sh --check

# Leftovers of earlier runs: test databases are per test and disposable.
psql -qtA "$DATABASE_URL" -c "SELECT datname FROM pg_database WHERE datname LIKE 'klang_test_%'" |
  while read -r database; do psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"; done

echo "== cargo test"
cargo test --all-targets --no-fail-fast 2>&1 | tee "$log_dir/cargo-test.log" | grep -E '^test |^test result|panicked' || true
while read -r ok bad; do
  passed=$((passed + ok))
  failed=$((failed + bad))
done < <(sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' "$log_dir/cargo-test.log")
if ! grep -q '^test result:' "$log_dir/cargo-test.log"; then
  failed=$((failed + 1))
  failures+=("cargo-test-build")
  tail -40 "$log_dir/cargo-test.log"
fi
grep -q 'FAILED' "$log_dir/cargo-test.log" && failures+=("cargo-test")

# Runs a suite script that ends with the line `NAME: N passed, N failed`, and adds its counts.
suite() {
  local name="$1"
  shift
  echo "== $name"
  local line
  line="$("$@" 2>&1 | tee "$log_dir/$name.log" | grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" | tail -1)"
  if [ -z "$line" ]; then
    failed=$((failed + 1))
    failures+=("$name-run")
    tail -40 "$log_dir/$name.log"
    return
  fi
  local suite_passed suite_failed
  read -r suite_passed suite_failed < <(echo "$line" | sed -E "s/^$name: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/")
  passed=$((passed + suite_passed))
  failed=$((failed + suite_failed))
  [ "$suite_failed" -gt 0 ] && failures+=("$name")
  echo "   $line"
}

suite robot scripts/robot-run.sh
suite web scripts/web/check.sh
suite ops scripts/ops/check.sh
suite delivery scripts/delivery/check.sh

if [ "${#failures[@]}" -gt 0 ]; then
  echo "failed: ${failures[*]}"
fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
