#!/usr/bin/env bash
# A local n8n 2.8.4 (npm, on Node 20) for the ops alert check: the repository's workflows (deploy/n8n/workflows)
# imported, published and served on their production webhook URLs (POST /webhook/<path>).
#
#   n8n.sh install                                 install n8n into $KLANG_CACHE_DIR/n8n (once; again only when
#                                                  scripts/ops/n8n/package.json or package-lock.json change)
#   n8n.sh prepare <dir> <workflow.json>...        import and publish the workflows into a fresh n8n user folder
#                                                  <dir> (their ids kept in <dir>/workflow-ids)
#   n8n.sh serve <dir> <port> <broker port>        start n8n of <dir> on 127.0.0.1:<port> (its task broker on
#                                                  <broker port>), wait until every prepared workflow is active.
#                                                  KLANG_WEBHOOK_SECRET, when set, reaches the workflows' Code
#                                                  nodes as $env.KLANG_WEBHOOK_SECRET (klang-events.json)
#   n8n.sh start <dir> <port> <broker port> <workflow.json>...
#                                                  prepare, then serve
#   n8n.sh stop <dir>                              stop that n8n (and its task runner)
#
# The install lives outside the clone (~2.3 GB, ~5-7 min on 2 cores the first time, under `nice`): npm ci of the
# pinned lock file, whose `overrides` entry points `xlsx` at the npm registry's 0.18.5 (n8n's own dependency points
# at a CDN that does not answer here). Node 24-only n8n releases do not install on Node 20: keep 2.8.x.
# n8n runs without diagnostics, version notifications, templates or the Python runner; its data (SQLite database,
# executions) stays in <dir>. Code nodes may require `crypto` and read $env (the Klang webhook workflow verifies
# Klang-Signature with the secret in KLANG_WEBHOOK_SECRET).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/infra/env.sh
. "$root/scripts/infra/env.sh"

sources=("$root/scripts/ops/n8n/package.json" "$root/scripts/ops/n8n/package-lock.json")
install_dir="$KLANG_CACHE_DIR/n8n"
n8n_bin="$install_dir/node_modules/.bin/n8n"

usage() {
  echo "usage: $0 install | prepare <dir> <workflow.json>... | serve <dir> <port> <broker port> |" \
    "start <dir> <port> <broker port> <workflow.json>... | stop <dir>" >&2
  exit 2
}

sources_sum() {
  cat "${sources[@]}" | sha256sum | cut -d' ' -f1
}

# Runs in a subshell holding a lock, as concurrent checks may share the cache.
install() (
  mkdir -p "$KLANG_CACHE_DIR"
  exec 9>"$install_dir.lock"
  flock 9
  [ -x "$n8n_bin" ] && [ "$(cat "$install_dir/.sources.sha256" 2>/dev/null)" = "$(sources_sum)" ] && return 0
  # n8n 2.8.4 wants Node >= 20.19 (<= 24); the machine's Node (NodeSource 20 here) is used as it is.
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
    { echo "n8n: Node $(node --version) is too old: n8n 2.8.4 needs Node >= 20.19" >&2; exit 1; }
  echo "n8n: npm ci of scripts/ops/n8n into $install_dir (the first time takes minutes)"
  rm -rf "$install_dir.tmp"
  mkdir -p "$install_dir.tmp"
  cp "${sources[@]}" "$install_dir.tmp/"
  (cd "$install_dir.tmp" && nice -n 10 npm ci --no-audit --no-fund --loglevel=error) >"$install_dir.log" 2>&1 ||
    { tail -30 "$install_dir.log" >&2; exit 1; }
  sources_sum >"$install_dir.tmp/.sources.sha256"
  rm -rf "$install_dir"
  mv "$install_dir.tmp" "$install_dir"
)

# n8n's settings for a local, offline instance in <dir> (sets the array n8n_vars, for `env`). `env` keeps the
# caller's environment: KLANG_WEBHOOK_SECRET passes through.
n8n_settings() {
  local dir="$1" port="${2:-5678}" broker_port="${3:-5679}"
  n8n_vars=(
    N8N_USER_FOLDER="$dir" N8N_PORT="$port" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1
    WEBHOOK_URL="http://127.0.0.1:$port/" N8N_RUNNERS_BROKER_PORT="$broker_port"
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1 N8N_ENCRYPTION_KEY="$(cat "$dir/encryption-key")"
    N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
    N8N_PERSONALIZATION_ENABLED=false N8N_PYTHON_ENABLED=false GENERIC_TIMEZONE=Asia/Bangkok N8N_LOG_LEVEL=info
    NODE_FUNCTION_ALLOW_BUILTIN=crypto N8N_BLOCK_ENV_ACCESS_IN_NODE=false
  )
}

prepare() {
  local dir="$1" workflow id ids=() n8n_vars=()
  shift
  [ "$#" -gt 0 ] || usage
  install
  if [ -f "$dir/n8n.pid" ] && kill -0 "$(cat "$dir/n8n.pid")" 2>/dev/null; then
    echo "n8n: already running (pid $(cat "$dir/n8n.pid"))" >&2
    return 1
  fi
  mkdir -p "$dir/import"
  [ -s "$dir/encryption-key" ] || head -c 24 /dev/urandom | base64 >"$dir/encryption-key"
  n8n_settings "$dir"
  for workflow in "$@"; do
    id="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id || ""' "$workflow")"
    [ -n "$id" ] || { echo "n8n: $workflow has no id (needed to publish it)" >&2; return 1; }
    ids+=("$id")
    cp "$workflow" "$dir/import/$id.json"
  done
  # One import of all (an import by id is an upsert); n8n 2 imports workflows unpublished: publish each by its id.
  env "${n8n_vars[@]}" "$n8n_bin" import:workflow --separate --input="$dir/import" >>"$dir/setup.log" 2>&1 ||
    { tail -20 "$dir/setup.log" >&2; return 1; }
  for id in "${ids[@]}"; do
    env "${n8n_vars[@]}" "$n8n_bin" publish:workflow --id="$id" >>"$dir/setup.log" 2>&1 ||
      { tail -20 "$dir/setup.log" >&2; return 1; }
  done
  printf '%s\n' "${ids[@]}" >"$dir/workflow-ids"
  echo "n8n: workflows ${ids[*]} imported and published into $dir"
}

serve() {
  local dir="$1" port="$2" broker_port="$3" pid ids=() n8n_vars=() _
  [ -s "$dir/workflow-ids" ] || { echo "n8n: nothing prepared in $dir (n8n.sh prepare)" >&2; return 1; }
  mapfile -t ids <"$dir/workflow-ids"
  n8n_settings "$dir" "$port" "$broker_port"
  # Its own session (setsid, nohup and env exec one another: $! is n8n's pid and its process group), so a stop
  # reaches the task runner it starts, too.
  setsid nohup env "${n8n_vars[@]}" "$n8n_bin" start >"$dir/n8n.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/n8n.pid"
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$dir/n8n.log" >&2; echo "n8n: exited during start" >&2; return 1; }
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz/readiness" 2>/dev/null &&
      [ "$(grep -c '^Activated workflow' "$dir/n8n.log")" -ge "${#ids[@]}" ]; then
      echo "n8n: $("$n8n_bin" --version 2>/dev/null | tail -1) (pid $pid) on 127.0.0.1:$port, workflows ${ids[*]} active"
      return 0
    fi
    sleep 0.5
  done
  tail -20 "$dir/n8n.log" >&2
  echo "n8n: not ready with ${#ids[@]} active workflow(s) within 120 s" >&2
  return 1
}

start() {
  local dir="$1" port="$2" broker_port="$3"
  shift 3
  [ "$#" -gt 0 ] || usage
  prepare "$dir" "$@" && serve "$dir" "$port" "$broker_port"
}

stop() {
  local dir="$1" pid _
  [ -f "$dir/n8n.pid" ] || return 0
  pid="$(cat "$dir/n8n.pid")"
  # The whole session (n8n and its task runner); n8n shuts down gracefully on SIGTERM.
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 -- "-$pid" 2>/dev/null || true
  rm -f "$dir/n8n.pid"
}

case "${1:-}" in
  install) [ "$#" = 1 ] || usage; install ;;
  prepare) [ "$#" -ge 3 ] || usage; prepare "${@:2}" ;;
  serve) [ "$#" = 4 ] || usage; serve "${@:2}" ;;
  start) [ "$#" -ge 5 ] || usage; start "${@:2}" ;;
  stop) [ "$#" = 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
