#!/usr/bin/env bash
# Builds the release bundle that deploy.sh uploads to S3 and the instances install:
#   klang-<version>.tar.gz = release.json (version, image by digest, commit, build time) + migrations/
# The image is referenced by digest, so every environment runs exactly the bytes that were scanned.
#
#   scripts/delivery/package-release.sh --version 1.4.0 --image <registry>/klang/service@sha256:... [--out DIR]
# (default DIR: reports/dist; the Jenkinsfile passes --out dist and stashes it)
set -euo pipefail
# shellcheck source=scripts/delivery/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

version="" image="" out="${KLANG_REPORTS_DIR}/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --image) image="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[ -n "$version" ] || die "--version is required"
[[ "$image" == *@sha256:* ]] || die "--image must be pinned by digest (repository@sha256:...)"
commit="$(git -C "$KLANG_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "${KLANG_ROOT}/migrations" "${work}/migrations"
jq -n --arg version "$version" --arg image "$image" --arg commit "$commit" \
  --arg built "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  '{version: $version, image: $image, commit: $commit, built_at: $built}' >"${work}/release.json"
mkdir -p "$out"
tar -czf "${out}/klang-${version}.tar.gz" -C "$work" release.json migrations
echo "${out}/klang-${version}.tar.gz"
