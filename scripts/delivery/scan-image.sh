#!/usr/bin/env bash
# Scans the built image for known vulnerabilities before it may be pushed: Trivy (installed on the Docker
# agents) fails the build on HIGH or CRITICAL findings that have a fix. The JSON report goes to
# reports/delivery/trivy-<tag>.json (archived by Jenkins). ECR's own scan-on-push runs again after the push.
#
#   scripts/delivery/scan-image.sh --tag 1.4.0-rc.7 [--dry-run]
set -euo pipefail
# shellcheck source=scripts/delivery/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tag=""
DRY_RUN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    *) die "unknown argument: $1" ;;
  esac
done
[ -n "$tag" ] || die "--tag is required"
mkdir -p "${KLANG_REPORTS_DIR}/delivery"
if [ "$DRY_RUN" = 0 ] && ! command -v trivy >/dev/null; then
  die "trivy is not installed on this agent (see deploy/jenkins/README.md)"
fi
run trivy image --exit-code 1 --severity HIGH,CRITICAL --ignore-unfixed --no-progress \
  --format json --output "${KLANG_REPORTS_DIR}/delivery/trivy-${tag}.json" "klang/service:${tag}"
