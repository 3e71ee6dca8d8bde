# shellcheck shell=bash
# Starts the API and the built web app for scripts/web/check.sh and scripts/web/measure.sh (sourced by both).
# Expects: $root, $work (a private temporary folder), a `pids` array (each started pid is added for cleanup),
# and scripts/rust-env.sh plus scripts/infra/env.sh already sourced.

# Waits until `url` answers, failing early when `pid` exits (its log `log` is shown).
wait_for() {
  local url="$1" pid="$2" log="$3"
  for _ in $(seq 1 300); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "exited before it was ready; see $log" >&2
      tail -20 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "not ready in time: $url" >&2
  return 1
}

# start_api <database> <api port> <web port> <log> <persisted 0|1>: a fresh seeded database and `klang serve`
# with a short access-token lifetime, allowing the web origin; only persisted documents when asked.
start_api() {
  local database="$1" api_port="$2" web_port="$3" log="$4" persisted="$5" stamp
  stamp="$(date +%s)"
  if [ "${KLANG_SKIP_BUILD:-0}" != 1 ]; then
    cargo build --quiet --bin klang || return 1
  fi
  # A private copy: the shared binary may be rebuilt while the tests run.
  cp "$CARGO_TARGET_DIR/debug/klang" "${work:?}/klang" || return 1
  local base="${DATABASE_URL%/*}"
  psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" 2>/dev/null
  psql -q "$DATABASE_URL" -c "CREATE DATABASE ${database}" || return 1
  export DATABASE_URL="${base}/${database}"
  export KLANG_LISTEN="127.0.0.1:${api_port}"
  export KLANG_ALLOWED_ORIGINS="http://127.0.0.1:${web_port}"
  export REDIS_KEY_PREFIX="${database}:${stamp}:"
  export KAFKA_TOPIC_PREFIX="${database}${stamp}."
  export ACCESS_TOKEN_TTL_SECONDS="${ACCESS_TOKEN_TTL_SECONDS:-20}"
  export SIGN_IN_LIMIT_PER_ACCOUNT=1000 SIGN_IN_LIMIT_PER_IP=1000
  if [ "$persisted" = 1 ]; then
    export GRAPHQL_TRUSTED_DOCUMENTS=required GRAPHQL_PERSISTED_DOCUMENTS="${root:?}/web/src/gql/persisted-documents.json"
  fi
  "$work/klang" seed >"$log" 2>&1 || return 1
  "$work/klang" serve >>"$log" 2>&1 &
  pids+=("$!")
  wait_for "http://127.0.0.1:${api_port}/readyz" "$!" "$log"
}

# build_web <dist dir> <api port> <persisted 0|1>: `next build` with the rewrites pointing at the API.
build_web() {
  (cd "$root/web" && KLANG_API_URL="http://127.0.0.1:$2" KLANG_WEB_DIST_DIR="$1" \
    NEXT_PUBLIC_KLANG_PERSISTED_DOCUMENTS="$3" npx next build)
}

# start_web <dist dir> <web port> <log>: `next start` of that build.
start_web() {
  (cd "$root/web" && KLANG_WEB_DIST_DIR="$1" exec ./node_modules/.bin/next start -p "$2" -H 127.0.0.1) >"$3" 2>&1 &
  pids+=("$!")
  wait_for "http://127.0.0.1:$2/sign-in" "$!" "$3"
}
