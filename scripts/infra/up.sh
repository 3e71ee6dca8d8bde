#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Installs and starts the local infrastructure: PostgreSQL, Redis, Kafka, the S3 server.
# Idempotent: services that already run and answer are left alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"

"$here/install.sh"
"$here/postgres.sh" start
"$here/redis.sh" start
"$here/kafka.sh" fetch
"$here/kafka.sh" start
"$here/s3.sh" start

cat <<SUMMARY

Local infrastructure is up (state: $KLANG_STATE_DIR, stop with scripts/infra/down.sh):
  DATABASE_URL=$DATABASE_URL
  REDIS_URL=$REDIS_URL
  KAFKA_BROKERS=$KAFKA_BROKERS
  S3_ENDPOINT=$S3_ENDPOINT (bucket $S3_BUCKET)
Load these into a shell with: . scripts/infra/env.sh
SUMMARY
