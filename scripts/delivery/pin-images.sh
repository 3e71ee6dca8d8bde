#!/usr/bin/env bash
# Pins every third-party image by digest (deploy/images.lock; format and rules in scripts/delivery/images.py).
#
#   scripts/delivery/pin-images.sh --write    resolve each name:tag on the registry (needs Docker), record the
#                                             digests in deploy/images.lock and write name:tag@sha256:... into
#                                             docker-compose*.yml and the Dockerfiles; then commit the result
#   scripts/delivery/pin-images.sh --verify   the release gate (Jenkins stage `Pinned images`): fails when any
#                                             digest is missing or a file lacks it; with Docker present it also
#                                             asks the registry that every name:tag@digest exists
# Options: --root DIR (default: this repository; the tests use a copy), --refresh (with --write: resolve again
# even where a digest is recorded, e.g. to take a base image's security rebuild).
# Our own machines have no Docker engine and reach no registry: there --write refuses and --verify fails on the
# pending digests, which is the point. scripts/delivery/tests/test_images.py runs both with a stand-in `docker`.
set -euo pipefail
# shellcheck source=scripts/delivery/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode="" root="$KLANG_ROOT" refresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --write) mode="write"; shift ;;
    --verify) mode="verify"; shift ;;
    --root) root="$2"; shift 2 ;;
    --refresh) refresh=1; shift ;;
    *) die "unknown argument: $1" ;;
  esac
done
[ -n "$mode" ] || die "--write or --verify is required"
images=(python3 "${KLANG_ROOT}/scripts/delivery/images.py" --root "$root")
lock="${root}/deploy/images.lock"

# The digest a registry serves for a reference: the multi-platform index when there is one (what `docker pull`
# of the tag records), so every platform of the image stays pinned.
resolve() {
  local reference="$1" digest
  digest="$(docker buildx imagetools inspect "$reference" --format '{{json .Manifest.Digest}}' 2>/dev/null |
    tr -d '"' || true)"
  if [ -z "$digest" ]; then
    docker pull --quiet "$reference" >/dev/null || return 1
    digest="$(docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$reference" |
      sed -n "s|^${reference%%:*}@||p" | head -n 1)"
  fi
  [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || return 1
  printf '%s\n' "$digest"
}

# A docker client alone (some machines have one without an engine) is not enough: ask the engine.
docker_ready() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

locked() { awk -v ref="$1" '$1 == ref { print $2 }' "$lock"; }

if [ "$mode" = write ]; then
  docker_ready || die "no Docker engine here: run --write on a machine with Docker (see deploy/images.lock)"
  "${images[@]}" check >/dev/null || { "${images[@]}" check; die "deploy/images.lock is out of step with the files"; }
  while read -r reference; do
    if [ "$refresh" = 0 ] && [ "$(locked "$reference")" != "-" ]; then
      log "kept     ${reference} $(locked "$reference")"
      continue
    fi
    digest="$(resolve "$reference")" || die "could not resolve ${reference} on its registry"
    "${images[@]}" set "$reference" "$digest"
    log "resolved ${reference} ${digest}"
  done < <("${images[@]}" list)
  "${images[@]}" apply
  "${images[@]}" check --require-digests
  exit 0
fi

# --verify
"${images[@]}" check --require-digests || die "images not pinned by digest: run scripts/delivery/pin-images.sh --write on a machine with Docker and commit"
if docker_ready; then
  while read -r reference; do
    digest="$(locked "$reference")"
    docker buildx imagetools inspect "${reference}@${digest}" >/dev/null ||
      die "${reference}@${digest} is not served by its registry"
    log "exists   ${reference}@${digest}"
  done < <("${images[@]}" list)
else
  log "no Docker engine here: digests checked for presence and format only, not against the registry"
fi
