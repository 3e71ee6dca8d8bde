#!/usr/bin/env bash
# Installs the npm packages of frontend-codegen/ and web/ with `npm ci` (cache in ~/.npm), skipping a folder
# whose node_modules was installed from its current lockfile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
for folder in frontend-codegen web; do
  stamp="$(sha256sum "$root/$folder/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$root/$folder/node_modules/.klang-lock" 2>/dev/null)" != "$stamp" ]; then
    (cd "$root/$folder" && npm ci --prefer-offline --no-audit --no-fund)
    echo "$stamp" >"$root/$folder/node_modules/.klang-lock"
  fi
done
