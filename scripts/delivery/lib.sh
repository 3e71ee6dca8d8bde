# shellcheck shell=bash
# Shared helpers of the delivery scripts. Source it; it does not change the caller's shell options.

# The repository root, whichever folder the script was started from.
KLANG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export KLANG_ROOT
export KLANG_CACHE_DIR="${KLANG_CACHE_DIR:-${HOME}/.cache/klang}"
export KLANG_DELIVERY_VENV="${KLANG_DELIVERY_VENV:-${KLANG_CACHE_DIR}/delivery-venv}"
export KLANG_DELIVERY_NODE="${KLANG_DELIVERY_NODE:-${KLANG_CACHE_DIR}/delivery-node}"
export KLANG_REPORTS_DIR="${KLANG_REPORTS_DIR:-${KLANG_ROOT}/reports}"

# The AWS CLI: the one in the delivery venv when present (pinned), else the agent's.
klang_aws() {
  if [ -x "${KLANG_DELIVERY_VENV}/bin/aws" ]; then
    "${KLANG_DELIVERY_VENV}/bin/aws" "$@"
  else
    aws "$@"
  fi
}

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Prints a command instead of running it when DRY_RUN=1.
run() {
  if [ "${DRY_RUN:-0}" = 1 ]; then
    printf 'DRY-RUN %s\n' "$*"
  else
    "$@"
  fi
}
