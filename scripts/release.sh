#!/usr/bin/env bash
# Cuts a release of the repository in the current directory (Git flow: run it on release/X.Y.Z or hotfix/X.Y.Z,
# or on main right after merging one):
#   1. reads the Conventional Commits since the last vX.Y.Z tag;
#   2. picks the next version (auto: breaking -> major, feat -> minor, otherwise patch; while 0.x a breaking
#      change bumps the minor) or takes the one given;
#   3. sets it in Cargo.toml and in Cargo.lock's klang entry (no cargo needed);
#   4. adds a section to CHANGELOG.md (breaking changes, features, fixes, performance, other);
#   5. commits "chore(release): vX.Y.Z" and creates the annotated tag vX.Y.Z (push it yourself).
#
#   scripts/release.sh [--dry-run] [auto|major|minor|patch|X.Y.Z]
# --dry-run prints the version, the changelog section and the commands, and changes nothing.
set -euo pipefail

dry_run=0
bump=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=1; shift ;;
    auto | major | minor | patch) bump="$1"; shift ;;
    [0-9]*.[0-9]*.[0-9]*) bump="$1"; shift ;;
    -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

root="$(git rev-parse --show-toplevel)"
cd "$root"
[ -f Cargo.toml ] || { echo "no Cargo.toml in $root" >&2; exit 1; }
if [ "$dry_run" = 0 ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "the work tree has uncommitted changes: commit or stash them first" >&2
  exit 1
fi

current="$(sed -nE '/^\[package\]/,/^\[/ s/^version = "([0-9]+\.[0-9]+\.[0-9]+)"/\1/p' Cargo.toml | head -1)"
[ -n "$current" ] || { echo "no [package] version in Cargo.toml" >&2; exit 1; }
last_tag="$(git describe --tags --abbrev=0 --match 'v[0-9]*.[0-9]*.[0-9]*' --exclude '*-*' 2>/dev/null || true)"
if [ -n "$last_tag" ]; then range="${last_tag}..HEAD"; else range="HEAD"; fi

# One record per commit: hash, header, body (unit/record separators keep multi-line bodies intact).
breaking=() features=() fixes=() performance=() other=()
kind="patch"
while IFS=$'\x1f' read -r -d $'\x1e' hash header body; do
  hash="${hash#$'\n'}"
  [ -n "$hash" ] || continue
  short="${hash:0:8}"
  if [[ "$header" =~ ^([a-z]+)(\(([^\)]+)\))?(!)?:\ (.+)$ ]]; then
    type="${BASH_REMATCH[1]}" scope="${BASH_REMATCH[3]}" bang="${BASH_REMATCH[4]}" subject="${BASH_REMATCH[5]}"
    entry="${subject} (${short})"
    [ -n "$scope" ] && entry="**${scope}:** ${entry}"
    if [ -n "$bang" ] || grep -q '^BREAKING[ -]CHANGE:' <<<"$body"; then
      note="$(sed -n 's/^BREAKING[ -]CHANGE: *//p' <<<"$body" | head -1)"
      breaking+=("${note:-$subject} (${short})")
      kind=major
    fi
    case "$type" in
      feat) features+=("$entry"); [ "$kind" = patch ] && kind=minor ;;
      fix) fixes+=("$entry") ;;
      perf) performance+=("$entry") ;;
      chore) [[ "$subject" == release:* || "$scope" == release ]] || other+=("${type}: ${entry}") ;;
      *) other+=("${type}: ${entry}") ;;
    esac
  else
    other+=("${header} (${short})")
  fi
done < <(git log --no-merges --format='%H%x1f%s%x1f%b%x1e' "$range")

total=$((${#breaking[@]} + ${#features[@]} + ${#fixes[@]} + ${#performance[@]} + ${#other[@]}))
[ "$total" -gt 0 ] || { echo "nothing to release since ${last_tag:-the first commit}" >&2; exit 1; }

IFS=. read -r major minor patch <<<"$current"
if [ -n "$last_tag" ] && [ "${last_tag#v}" != "$current" ]; then
  echo "note: Cargo.toml says ${current}, the last tag is ${last_tag}; bumping from Cargo.toml" >&2
fi
[ "$bump" = auto ] && bump="$kind"
[ "$bump" = major ] && [ "$major" = 0 ] && bump=minor
case "$bump" in
  major) next="$((major + 1)).0.0" ;;
  minor) next="${major}.$((minor + 1)).0" ;;
  patch) next="${major}.${minor}.$((patch + 1))" ;;
  *) next="$bump" ;;
esac
git rev-parse -q --verify "refs/tags/v${next}" >/dev/null && { echo "tag v${next} already exists" >&2; exit 1; }

section="$(mktemp)"
trap 'rm -f "$section"' EXIT
{
  printf '## [%s] - %s\n' "$next" "$(date -u +%Y-%m-%d)"
  list() {
    local title="$1"
    shift
    [ $# -gt 0 ] || return 0
    printf '\n### %s\n\n' "$title"
    printf -- '- %s\n' "$@"
  }
  list "BREAKING CHANGES" "${breaking[@]+"${breaking[@]}"}"
  list "Features" "${features[@]+"${features[@]}"}"
  list "Bug fixes" "${fixes[@]+"${fixes[@]}"}"
  list "Performance" "${performance[@]+"${performance[@]}"}"
  list "Other changes" "${other[@]+"${other[@]}"}"
} >"$section"

echo "release: ${current} -> ${next} (${bump}; ${total} commits since ${last_tag:-the first commit})"
if [ "$dry_run" = 1 ]; then
  echo "--- CHANGELOG.md section"
  cat "$section"
  echo "--- would run"
  echo "set version ${next} in Cargo.toml and Cargo.lock"
  echo "git commit -m 'chore(release): v${next}' Cargo.toml Cargo.lock CHANGELOG.md"
  echo "git tag -a v${next} -m 'klang ${next}'"
  echo "dry run: nothing changed"
  exit 0
fi

sed -i -E "/^\[package\]/,/^\[/ s/^version = \"${current}\"/version = \"${next}\"/" Cargo.toml
if [ -f Cargo.lock ]; then
  sed -i -E "/^name = \"klang\"$/{n;s/^version = \".*\"/version = \"${next}\"/}" Cargo.lock
fi
if [ ! -f CHANGELOG.md ]; then
  printf '# Changelog\n\nAll notable changes, written by scripts/release.sh from Conventional Commits.\n' >CHANGELOG.md
fi
# Insert the new section before the first existing release section (or at the end).
awk -v file="$section" '
  !done && /^## / { while ((getline line < file) > 0) print line; print ""; done = 1 }
  { print }
  END { if (!done) { print ""; while ((getline line < file) > 0) print line } }
' CHANGELOG.md >CHANGELOG.md.new
mv CHANGELOG.md.new CHANGELOG.md
files=(Cargo.toml CHANGELOG.md)
[ -f Cargo.lock ] && files+=(Cargo.lock)
git add "${files[@]}"
git commit -q -m "chore(release): v${next}" -- "${files[@]}"
git tag -a "v${next}" -m "klang ${next}"
echo "tagged v${next}: push with  git push origin HEAD --follow-tags"
