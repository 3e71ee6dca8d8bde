#!/usr/bin/env bash
# Checks every non-merge commit message in a Git range with commit-msg.sh (the same rule as the local hook
# .githooks/commit-msg, except that fixup!/squash! commits are refused here).
#
#   scripts/delivery/check-commits.sh origin/develop..HEAD
# Prints one line per commit and "commits: N passed, N failed"; exit 1 when any message is refused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
range="${1:?usage: check-commits.sh RANGE (e.g. origin/develop..HEAD)}"
passed=0
failed=0
message="$(mktemp)"
trap 'rm -f "$message"' EXIT
while read -r commit; do
  [ -n "$commit" ] || continue
  git log -1 --format=%B "$commit" >"$message"
  if "$here/commit-msg.sh" "$message" 2>"$message.err"; then
    passed=$((passed + 1))
    echo "ok   $(git log -1 --format='%h %s' "$commit")"
  else
    failed=$((failed + 1))
    echo "FAIL $(git log -1 --format='%h %s' "$commit")"
    sed 's/^/     /' "$message.err"
  fi
  rm -f "$message.err"
done < <(git rev-list --no-merges "$range")
echo "commits: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
