#!/bin/sh
# Imports saved-objects.ndjson into Kibana (data view "logs-klang-*", saved searches "Klang: errors by operation"
# and "Klang: a request end to end", a visualization and the dashboard "Klang logs"); idempotent (overwrite=true).
#
# Usage: setup.sh <Kibana URL>     Environment: ELASTIC_PASSWORD (basic auth as `elastic`).
# NOT RUN on the project's machines: no registry ships Kibana there. There, scripts/ops/kibana_objects.py checks the
# file's structure and references against deploy/elasticsearch/index-template.json, and scripts/ops/live-logs.sh
# validates the saved searches' queries with _validate/query and runs them against a real store.
# Runs in the curl image of docker-compose.yml (service kibana-setup).
set -eu
url="${1:?usage: setup.sh <Kibana URL>}"
here="$(cd "$(dirname "$0")" && pwd)"
curl -fsS -u "elastic:${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is required}" -H 'kbn-xsrf: klang-setup' \
  -X POST "$url/api/saved_objects/_import?overwrite=true" --form "file=@$here/saved-objects.ndjson"
echo
echo "setup: Kibana saved objects imported into $url"
