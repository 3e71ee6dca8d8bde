#!/usr/bin/env bash
# Stops the default local infrastructure instances started by up.sh.
# Data stays in $KLANG_STATE_DIR for the next up.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$here/s3.sh" stop
"$here/kafka.sh" stop
"$here/redis.sh" stop
"$here/postgres.sh" stop
