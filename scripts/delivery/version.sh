#!/usr/bin/env bash
# Prints the build's delivery variables as KEY=VALUE lines (the Jenkinsfile's Prepare stage reads them):
#   IMAGE_TAG     image tag and release version: 1.4.0 (tag v1.4.0), 1.4.0-rc.<build> (release/1.4.0,
#                 hotfix/1.4.1), <cargo version>-main.<sha> (main), develop.<build>.<sha> (develop),
#                 <cargo version>-dev.<sha> (anything else)
#   COMMIT_RANGE  commits whose messages check-commits.sh checks: the pull request's, or the branch's since develop
#                 (since main for hotfix/*), or the last commit
# Inputs: Jenkins' BRANCH_NAME, TAG_NAME, CHANGE_ID, CHANGE_TARGET, BUILD_NUMBER (defaults for a local run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
branch="${BRANCH_NAME:-$(git -C "$root" rev-parse --abbrev-ref HEAD)}"
tag="${TAG_NAME:-}"
build="${BUILD_NUMBER:-0}"
sha="$(git -C "$root" rev-parse --short=8 HEAD)"
cargo_version="$(sed -nE '/^\[package\]/,/^\[/ s/^version = "([^"]+)"/\1/p' "$root/Cargo.toml" | head -1)"

if [ -n "$tag" ]; then
  [[ "$tag" =~ ^v([0-9]+\.[0-9]+\.[0-9]+)$ ]] || { echo "tag $tag is not vMAJOR.MINOR.PATCH" >&2; exit 1; }
  image_tag="${BASH_REMATCH[1]}"
elif [[ "$branch" =~ ^(release|hotfix)/([0-9]+\.[0-9]+\.[0-9]+)$ ]]; then
  image_tag="${BASH_REMATCH[2]}-rc.${build}"
elif [ "$branch" = main ]; then
  image_tag="${cargo_version}-main.${sha}"
elif [ "$branch" = develop ]; then
  image_tag="${cargo_version}-develop.${build}.${sha}"
else
  image_tag="${cargo_version}-dev.${sha}"
fi

base_ref() {
  if git -C "$root" rev-parse --verify --quiet "$1" >/dev/null; then echo "$1"; fi
}
if [ -n "${CHANGE_ID:-}" ] && [ -n "${CHANGE_TARGET:-}" ]; then
  range="origin/${CHANGE_TARGET}..HEAD"
elif [[ "$branch" == hotfix/* ]] && [ -n "$(base_ref origin/main)" ]; then
  range="origin/main..HEAD"
elif [[ "$branch" =~ ^(feature|bugfix|release)/ ]] && [ -n "$(base_ref origin/develop)" ]; then
  range="origin/develop..HEAD"
else
  range="HEAD~1..HEAD"
  git -C "$root" rev-parse --verify --quiet HEAD~1 >/dev/null || range="HEAD"
fi
printf 'IMAGE_TAG=%s\nCOMMIT_RANGE=%s\n' "$image_tag" "$range"
