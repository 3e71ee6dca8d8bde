#!/usr/bin/env bash
# Creates (afresh) the database the sqlx query macros check against at compile time, from migrations/.
# Prints its URL. Used by scripts/sqlx-prepare.sh and by developers building without SQLX_OFFLINE.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/infra/env.sh
. "$root/scripts/infra/env.sh"
db="klang_sqlx"
admin_url="postgres://${KLANG_PG_USER}:${KLANG_PG_PASSWORD}@127.0.0.1:${KLANG_PG_PORT}/${KLANG_PG_DB}"
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" >/dev/null
psql -q "$admin_url" -c "CREATE DATABASE ${db}" >/dev/null
url="postgres://${KLANG_PG_USER}:${KLANG_PG_PASSWORD}@127.0.0.1:${KLANG_PG_PORT}/${db}"
for migration in "$root"/migrations/*.sql; do
  psql -q -v ON_ERROR_STOP=1 --single-transaction "$url" -f "$migration" >/dev/null
done
echo "$url"
