#!/usr/bin/env bash
# Checks one commit message against Conventional Commits 1.0 as this team uses it:
#   <type>(<scope>)!: <subject>        scope and ! are optional
#   type     feat fix perf refactor docs test build ci chore style revert
#   scope    lower-case words: users, auth, inventory, shipping, deploy, ...
#   subject  1-72 characters in total on the header line, no trailing period (Thai is fine)
#   body     separated from the header by one blank line; "BREAKING CHANGE: ..." footer allowed
# Git's own merge and revert headers are accepted; fixup!/squash! only with --allow-fixup (local hook).
#
#   scripts/delivery/commit-msg.sh [--allow-fixup] FILE      (FILE as git passes it to commit-msg)
# Exit 0 when valid, 1 with the reason on stderr when not.
set -euo pipefail

allow_fixup=0
if [ "${1:-}" = --allow-fixup ]; then allow_fixup=1; shift; fi
[ $# -eq 1 ] || { echo "usage: commit-msg.sh [--allow-fixup] FILE" >&2; exit 2; }

# Drop comment lines (git's template) and trailing blank lines.
message="$(grep -v '^#' "$1" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' || true)"
header="$(printf '%s\n' "$message" | head -n 1)"
second="$(printf '%s\n' "$message" | sed -n 2p)"

fail() {
  printf 'commit message rejected: %s\n  header: %s\n' "$1" "$header" >&2
  printf '  expected e.g. "feat(inventory): reserve stock for delivery orders" (docs/process/git-flow.md)\n' >&2
  exit 1
}

[ -n "$header" ] || fail "empty message"
if [[ "$header" =~ ^Merge\ (branch|pull\ request|remote-tracking\ branch|tag)\  ]] ||
  [[ "$header" =~ ^Revert\ \" ]]; then
  exit 0
fi
if [[ "$header" =~ ^(fixup|squash|amend)!\  ]]; then
  [ "$allow_fixup" = 1 ] && exit 0
  fail "fixup!/squash! commits must be squashed before merging (git rebase -i --autosquash)"
fi

types='feat|fix|perf|refactor|docs|test|build|ci|chore|style|revert'
pattern="^(${types})(\(([a-z0-9][a-z0-9._/-]*)\))?(!)?: (.+)$"
if ! [[ "$header" =~ $pattern ]]; then
  if [[ "$header" =~ ^([A-Za-z]+)(\(.*\))?!?:\  ]]; then
    type="${BASH_REMATCH[1]}"
    [[ "$type" =~ ^(${types})$ ]] || fail "unknown type '${type}' (use one of: ${types//|/ })"
  fi
  fail "header must be '<type>(<scope>): <subject>'"
fi
subject="${BASH_REMATCH[5]}"
length="$(printf '%s' "$header" | wc -m)"
[ "$length" -le 72 ] || fail "header is ${length} characters (at most 72)"
[[ "$subject" =~ ^[[:space:]] ]] && fail "subject starts with a space"
[[ "$subject" =~ \.$ ]] && fail "subject ends with a period"
[ -z "$second" ] || fail "leave one blank line between the header and the body"
exit 0
