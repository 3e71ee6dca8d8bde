#!/usr/bin/env bash
# Posts a build event to a webhook (the team's n8n workflow routes it to chat and e-mail):
#   {"event": "failure", "job": ..., "build": ..., "branch": ..., "commit": ..., "url": ..., "version": ...}
#
#   KLANG_NOTIFY_WEBHOOK_URL=https://n8n.example/webhook/klang-ci scripts/delivery/notify.sh failure|fixed|deployed
# Without KLANG_NOTIFY_WEBHOOK_URL it only prints the payload. A webhook that is down never fails the build.
set -euo pipefail
event="${1:?usage: notify.sh failure|fixed|deployed}"
payload="$(jq -cn --arg event "$event" --arg job "${JOB_NAME:-local}" --arg build "${BUILD_NUMBER:-0}" \
  --arg branch "${BRANCH_NAME:-$(git rev-parse --abbrev-ref HEAD 2>/dev/null || echo unknown)}" \
  --arg commit "${GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}" \
  --arg url "${BUILD_URL:-}" --arg version "${IMAGE_TAG:-}" \
  '{event: $event, job: $job, build: $build, branch: $branch, commit: $commit, url: $url, version: $version}')"
if [ -z "${KLANG_NOTIFY_WEBHOOK_URL:-}" ]; then
  echo "notify (no webhook configured): ${payload}"
  exit 0
fi
if curl -fsS --max-time 10 --retry 2 -H 'Content-Type: application/json' -d "$payload" \
  "$KLANG_NOTIFY_WEBHOOK_URL" >/dev/null; then
  echo "notified: ${event}"
else
  echo "warning: the notification webhook did not answer (${event})" >&2
fi
