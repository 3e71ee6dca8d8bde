#!/usr/bin/env bash
# Pushes klang/service:<tag> to the ECR repository (its URI from SSM /klang/shared/service-repository-uri),
# waits for ECR's scan-on-push and refuses CRITICAL findings, and prints IMAGE=<repository>@sha256:<digest>,
# the reference every environment deploys (immutable tags, pinned digest).
#
#   scripts/delivery/push-image.sh --tag 1.4.0-rc.7 [--dry-run] > image.env
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
repository="$(klang_aws ssm get-parameter --name /klang/shared/service-repository-uri --query Parameter.Value \
  --output text)"
registry="${repository%%/*}"
name="${repository#*/}"
if [ "$DRY_RUN" = 1 ]; then
  echo "DRY-RUN aws ecr get-login-password | docker login --username AWS --password-stdin ${registry}" >&2
  echo "DRY-RUN docker tag klang/service:${tag} ${repository}:${tag} && docker push ${repository}:${tag}" >&2
  echo "DRY-RUN aws ecr wait image-scan-complete --repository-name ${name} --image-id imageTag=${tag}" >&2
  echo "IMAGE=${repository}@sha256:dry-run"
  exit 0
fi
klang_aws ecr get-login-password | docker login --username AWS --password-stdin "$registry" >&2
docker tag "klang/service:${tag}" "${repository}:${tag}"
docker push "${repository}:${tag}" >&2
digest="$(klang_aws ecr describe-images --repository-name "$name" --image-ids "imageTag=${tag}" \
  --query 'imageDetails[0].imageDigest' --output text)"
klang_aws ecr wait image-scan-complete --repository-name "$name" --image-id "imageDigest=${digest}"
critical="$(klang_aws ecr describe-image-scan-findings --repository-name "$name" --image-id "imageDigest=${digest}" \
  --query 'imageScanFindings.findingSeverityCounts.CRITICAL' --output text)"
if [ "$critical" != None ] && [ "$critical" -gt 0 ]; then
  die "ECR scan found ${critical} CRITICAL vulnerabilities in ${repository}@${digest}"
fi
echo "IMAGE=${repository}@${digest}"
