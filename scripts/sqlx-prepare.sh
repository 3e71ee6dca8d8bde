#!/usr/bin/env bash
# Regenerates .sqlx/, the query metadata that lets the crate build with SQLX_OFFLINE=true (no database at
# compile time). With --check, regenerates into a temporary folder and fails when .sqlx/ is stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh

mode="${1:-write}"
url="$(scripts/sqlx-db.sh)"
if [ "$mode" = "--check" ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
else
  out="$root/.sqlx"
  rm -rf "$out"
  mkdir -p "$out"
fi
# The macros run again only when the crate is recompiled.
touch src/lib.rs
SQLX_OFFLINE=false DATABASE_URL="$url" SQLX_OFFLINE_DIR="$out" cargo check --lib --quiet
if [ "$mode" = "--check" ]; then
  if ! diff -r "$root/.sqlx" "$out" >/dev/null; then
    echo ".sqlx/ is stale: run scripts/sqlx-prepare.sh and commit the result" >&2
    diff -r "$root/.sqlx" "$out" | head -20 >&2
    exit 1
  fi
  echo ".sqlx/ is current ($(find "$out" -name 'query-*.json' | wc -l) queries)"
else
  echo "wrote $(find "$out" -name 'query-*.json' | wc -l) queries to .sqlx/"
fi
