#!/usr/bin/env bash
# Fails when the generated code in web/src/gql/ is stale: regenerates it and asks git whether anything changed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
npx graphql-codegen --config codegen.ts --silent
if ! git -C .. diff --exit-code --stat -- web/src/gql; then
  echo "web/src/gql is stale: run 'npm run generate' in frontend-codegen/ and commit the result" >&2
  exit 1
fi
untracked="$(git -C .. ls-files --others --exclude-standard -- web/src/gql)"
if [ -n "$untracked" ]; then
  echo "web/src/gql has files git does not track: $untracked" >&2
  exit 1
fi
