#!/usr/bin/env bash
# The web app's benchmark (not a test; not counted by CI): builds the production app, reports first-load
# JavaScript per route (the chunks listed in `.next-*/diagnostics/route-bundle-stats.json`, gzipped here, since
# Next 16 no longer prints it), then starts a seeded API and `next start` and runs Lighthouse 12.8.2 (npm) on
# Debian's Chromium against sign-in, dashboard and product list, mobile and desktop presets, reporting the
# performance score and LCP. Writes a Markdown section to $KLANG_REPORTS_DIR/web/measure.md (reports/web/).
#
#   scripts/web/measure.sh           KLANG_SKIP_BUILD=1 uses the existing API binary without cargo
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh
# shellcheck source=scripts/web/services.sh
. scripts/web/services.sh

export NEXT_TELEMETRY_DISABLED=1
api_port="${KLANG_MEASURE_API_PORT:-18092}"
web_port="${KLANG_MEASURE_WEB_PORT:-13092}"
dist=".next-measure"
mkdir -p "$KLANG_REPORTS_DIR/web/lighthouse"
reports="$(cd "$KLANG_REPORTS_DIR" && pwd)/web"
out="$reports/measure.md"
work="$(mktemp -d)"
pids=()
cleanup() {
  # `|| true`: under `set -e` the status of a killed server (143) would end the trap before the folder goes.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== measure: install"
scripts/web/install.sh >"$reports/measure-install.log" 2>&1
lighthouse_dir="$root/scripts/web/lighthouse"
stamp="$(sha256sum "$lighthouse_dir/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$lighthouse_dir/node_modules/.klang-lock" 2>/dev/null)" != "$stamp" ]; then
  (cd "$lighthouse_dir" && npm ci --prefer-offline --no-audit --no-fund) >>"$reports/measure-install.log" 2>&1
  echo "$stamp" >"$lighthouse_dir/node_modules/.klang-lock"
fi
[ -x /usr/bin/chromium ] || apt-get install -y chromium >>"$reports/measure-install.log" 2>&1

echo "== measure: next build ($dist)"
rm -rf "web/$dist"
build_web "$dist" "$api_port" 1 >"$reports/measure-build.log" 2>&1
first_load="$(node scripts/web/measure.mjs first-load web "web/$dist/diagnostics/route-bundle-stats.json")"

echo "== measure: API and next start"
# The normal access-token lifetime: Lighthouse measures a returning user, not token renewal.
ACCESS_TOKEN_TTL_SECONDS=900 start_api klang_measure "$api_port" "$web_port" "$reports/measure-api.log" 1
start_web "$dist" "$web_port" "$reports/measure-next.log"
base="http://127.0.0.1:${web_port}"

# The seed leaves thousands of outbox events (a month of movements) that the relay publishes over the first
# minute; each reaches the dashboard's live subscription and makes it refetch. Measure once they are out, as a
# user would see a running system.
echo "== measure: waiting for the relay to publish the seed's events"
for _ in $(seq 1 600); do
  pending="$(curl -fsS "http://127.0.0.1:${api_port}/metrics" | awk '$1 == "klang_outbox_pending_events" { print $2 }')"
  [ "$pending" = 0 ] && break
  sleep 1
done
[ "$pending" = 0 ] || { echo "the outbox did not drain (pending: ${pending:-unknown})" >&2; exit 1; }

# A fresh refresh cookie of the demo manager, signed in through the app's own persisted SignIn operation.
sign_in_hash="$(node -e '
  const manifest = require(process.argv[1]);
  const key = Object.keys(manifest).find((hash) => /^mutation SignIn\b/.test(manifest[hash]));
  console.log(key.replace(/^sha256:/, ""));' "$root/web/src/gql/persisted-documents.json")"
refresh_cookie() {
  curl -fsS -o /dev/null -c - "$base/graphql" -H 'Content-Type: application/json' \
    -d "{\"query\":\"\",\"variables\":{\"input\":{\"email\":\"manager@klang.local\",\"password\":\"Klang-demo-2026\"}},\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"${sign_in_hash}\"}}}" |
    awk '$6 == "klang_refresh" { print "klang_refresh=" $7 }'
}

chrome_flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run"
export CHROME_PATH=/usr/bin/chromium
rows=()
for preset in mobile desktop; do
  reports_of_preset=()
  for page in sign-in dashboard products; do
    case "$page" in
      sign-in) path="/sign-in"; headers="{}" ;;
      dashboard) path="/" ;;
      products) path="/products" ;;
    esac
    if [ "$page" != sign-in ]; then
      cookie="$(refresh_cookie)"
      [ -n "$cookie" ] || { echo "sign-in for Lighthouse failed" >&2; exit 1; }
      headers="{\"Cookie\":\"${cookie}\"}"
    fi
    report="$reports/lighthouse/${preset}-${page}.json"
    echo "== measure: lighthouse $preset $path"
    preset_flag=()
    [ "$preset" = desktop ] && preset_flag=(--preset=desktop)
    "$lighthouse_dir/node_modules/.bin/lighthouse" "$base$path" "${preset_flag[@]}" --only-categories=performance \
      --output=json --output-path="$report" --quiet --chrome-flags="$chrome_flags" --extra-headers="$headers" \
      2> >(grep -v 'unexpected operator' >&2)
    reports_of_preset+=("$report")
  done
  rows+=("$(node scripts/web/measure.mjs lighthouse "$preset" "${reports_of_preset[@]}")")
done

versions="next $(node -p 'require("./web/node_modules/next/package.json").version'), react $(node -p 'require("./web/node_modules/react/package.json").version'), lighthouse $(node -p 'require("./scripts/web/lighthouse/node_modules/lighthouse/package.json").version'), $(/usr/bin/chromium --version 2>/dev/null | grep -v 'unexpected operator' | head -1), node $(node --version)"
{
  echo "## Web app (measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/web/measure.sh\`)"
  echo
  echo "Production build (\`next build\`, persisted documents only), served by \`next start\` on this machine"
  echo "($(nproc) CPU cores, shared) against the real API with the seeded demo data, signed in as the demo manager."
  echo "Versions: ${versions}."
  echo
  echo "### First-load JavaScript per route"
  echo
  echo "The chunks \`.next/diagnostics/route-bundle-stats.json\` lists for each route, each gzipped (level 9) here;"
  echo "chunks shared by every route are counted in every row."
  echo
  echo "$first_load"
  echo
  echo "### Lighthouse (performance)"
  echo
  echo "One run per page and preset (\`mobile\`: Lighthouse's default Moto G Power emulation with simulated slow 4G"
  echo "and 4x CPU slowdown; \`desktop\`: \`--preset=desktop\`). Dashboard and product list open as a returning user"
  echo "(refresh cookie of a fresh sign-in sent as a header), so their LCP includes the cookie refresh and the"
  echo "GraphQL queries. Single runs vary by a few points; the JSON reports are in \`reports/web/lighthouse/\`."
  echo
  echo "| Preset | Page | Score | LCP | FCP | TBT | CLS | Warnings |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} >"$out"
echo "== measure: written to $out"
cat "$out"
