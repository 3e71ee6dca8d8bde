#!/usr/bin/env bash
# The web app's test run: installs what it needs, checks that generated GraphQL code is current, type-checks,
# lints, runs the Vitest unit tests, builds, then starts its own API (own database, seeded, short access-token
# lifetime, only persisted documents unless KLANG_WEB_PERSISTED=0) and `next start`, and runs the Playwright
# end-to-end tests on Debian's Chromium.
# Ends with one line `web: N passed, N failed` (Vitest and Playwright tests; a failed step counts as a failure).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh
# shellcheck source=scripts/web/services.sh
. scripts/web/services.sh

export NEXT_TELEMETRY_DISABLED=1
# Production mode by default: the app sends only persisted hashes and the API refuses anything else.
persisted="${KLANG_WEB_PERSISTED:-1}"
api_port="${KLANG_WEB_API_PORT:-18091}"
web_port="${KLANG_WEB_PORT:-13091}"
database="klang_web"
mkdir -p "$KLANG_REPORTS_DIR/web"
reports="$(cd "$KLANG_REPORTS_DIR" && pwd)"
work="$(mktemp -d)"
passed=0
failed=0
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# Runs one preparatory step; a failure counts as one failed test and is shown.
step() {
  local name="$1"
  shift
  echo "== web: $name"
  if ! "$@" >"$reports/web/$name.log" 2>&1; then
    failed=$((failed + 1))
    echo "   FAILED (log: $reports/web/$name.log)"
    tail -30 "$reports/web/$name.log"
    return 1
  fi
}

install_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
}

start_api_for_tests() {
  start_api "$database" "$api_port" "$web_port" "$reports/web/api.log" "$persisted"
}

start_web_for_tests() {
  start_web .next-check "$web_port" "$reports/web/next.log"
}

build() {
  build_web .next-check "$api_port" "$persisted"
}

# Reads a count out of a JSON report with node (0 when the report is missing).
count() {
  node -e 'try { const r = require(process.argv[1]); console.log(eval(process.argv[2]) || 0); } catch { console.log(0); }' "$1" "$2"
}

ready=1
step install scripts/web/install.sh || ready=0
step chromium install_chromium || ready=0
if [ "$ready" = 1 ]; then
  step codegen-drift frontend-codegen/check.sh
  step typecheck bash -c "cd web && npx tsc --noEmit"
  step lint bash -c "cd web && npx eslint --max-warnings 0 ."

  echo "== web: vitest"
  (cd web && npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/web/vitest.json") >"$reports/web/vitest.log" 2>&1
  tail -6 "$reports/web/vitest.log"
  vitest_total=$(count "$reports/web/vitest.json" "r.numTotalTests")
  passed=$((passed + $(count "$reports/web/vitest.json" "r.numPassedTests")))
  failed=$((failed + $(count "$reports/web/vitest.json" "r.numFailedTests")))
  [ "$vitest_total" -gt 0 ] || failed=$((failed + 1))

  if step build build && step api start_api_for_tests && step next-start start_web_for_tests; then
    echo "== web: playwright"
    (cd web && KLANG_WEB_URL="http://127.0.0.1:${web_port}" KLANG_REPORTS_DIR="$reports" \
      KLANG_PLAYWRIGHT_JSON="$reports/web/playwright.json" npx playwright test) >"$reports/web/playwright.log" 2>&1
    grep -vE 'unexpected operator' "$reports/web/playwright.log" | tail -40
    e2e_total=$(count "$reports/web/playwright.json" "r.stats.expected + r.stats.unexpected + r.stats.flaky")
    passed=$((passed + $(count "$reports/web/playwright.json" "r.stats.expected + r.stats.flaky")))
    failed=$((failed + $(count "$reports/web/playwright.json" "r.stats.unexpected")))
    [ "$e2e_total" -gt 0 ] || failed=$((failed + 1))
  fi
fi
echo "web: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
