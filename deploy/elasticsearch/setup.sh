#!/bin/sh
# Puts the Klang log artefacts of this folder into the log store, idempotently (every call is a PUT):
#   ilm-policy.json         -> _ilm/policy/klang-logs                    (Elasticsearch only)
#   lifecycle-component.json-> _component_template/klang-logs-lifecycle  (OpenSearch: an empty one, it has no ILM)
#   ingest-pipeline.json    -> _ingest/pipeline/klang-logs
#   index-template.json     -> _index_template/klang-logs                (data stream logs-klang-*)
# and, on Elasticsearch with security on, the kibana_system user's password (KIBANA_SYSTEM_PASSWORD).
#
# Usage: setup.sh <store URL>      e.g. setup.sh http://elasticsearch:9200
# Environment: ELASTIC_PASSWORD (basic auth as `elastic` when set), KIBANA_SYSTEM_PASSWORD (optional).
# POSIX sh + curl: it runs in the curl image of docker-compose.yml (service elasticsearch-setup, not run here: no
# Docker) and, for real, against an OpenSearch 2.19 node in scripts/ops/live-logs.sh.
set -eu
url="${1:?usage: setup.sh <store URL>}"
here="$(cd "$(dirname "$0")" && pwd)"

call() {
  method="$1" path="$2" body="$3"
  if [ -n "${ELASTIC_PASSWORD:-}" ]; then
    curl -fsS -u "elastic:$ELASTIC_PASSWORD" -X "$method" -H 'content-type: application/json' --data-binary "$body" "$url$path"
  else
    curl -fsS -X "$method" -H 'content-type: application/json' --data-binary "$body" "$url$path"
  fi
  echo
}

about=""
for _ in $(seq 1 60); do
  if [ -n "${ELASTIC_PASSWORD:-}" ]; then
    about="$(curl -fsS -u "elastic:$ELASTIC_PASSWORD" "$url/" 2>/dev/null)" && break
  else
    about="$(curl -fsS "$url/" 2>/dev/null)" && break
  fi
  sleep 2
done
[ -n "$about" ] || { echo "setup: no answer from $url" >&2; exit 1; }

if echo "$about" | grep -q '"distribution" *: *"opensearch"'; then
  echo "setup: OpenSearch: no ILM (use ISM); empty lifecycle component"
  call PUT /_component_template/klang-logs-lifecycle '{"template":{"settings":{}}}'
else
  call PUT /_ilm/policy/klang-logs "@$here/ilm-policy.json"
  call PUT /_component_template/klang-logs-lifecycle "@$here/lifecycle-component.json"
fi
call PUT /_ingest/pipeline/klang-logs "@$here/ingest-pipeline.json"
call PUT /_index_template/klang-logs "@$here/index-template.json"
if [ -n "${ELASTIC_PASSWORD:-}" ] && [ -n "${KIBANA_SYSTEM_PASSWORD:-}" ]; then
  call POST /_security/user/kibana_system/_password "{\"password\":\"$KIBANA_SYSTEM_PASSWORD\"}"
fi
echo "setup: klang log store ready at $url"
