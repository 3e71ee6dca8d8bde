#!/usr/bin/env bash
# Puts an environment back on an earlier release that is already in S3, one instance at a time, with the same
# health gate as a deploy. No upload, no migrations (they are forward-only).
#
#   scripts/delivery/rollback.sh --env production                 # to /klang/production/release/previous
#   scripts/delivery/rollback.sh --env production --to 1.3.2 [--dry-run]
set -euo pipefail
# shellcheck source=scripts/delivery/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

environment="" target="" extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --env) environment="$2"; shift 2 ;;
    --to) target="$2"; shift 2 ;;
    --dry-run) extra+=(--dry-run); shift ;;
    *) die "unknown argument: $1" ;;
  esac
done
[ -n "$environment" ] || die "--env is required"
if [ -z "$target" ]; then
  target="$(klang_aws ssm get-parameter --name "/klang/${environment}/release/previous" \
    --query Parameter.Value --output text)"
fi
if [ -z "$target" ] || [ "$target" = none ]; then die "no earlier release recorded for ${environment}; pass --to VERSION"; fi
echo "ROLLBACK ${environment} to ${target}"
exec "$(dirname "${BASH_SOURCE[0]}")/deploy.sh" --env "$environment" --version "$target" --skip-upload \
  --skip-migrations "${extra[@]}"
