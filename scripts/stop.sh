#!/usr/bin/env bash
# Stops the service started by scripts/start.sh, then the local infrastructure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/infra/env.sh
. "$root/scripts/infra/env.sh"
web_pid_file="$KLANG_STATE_DIR/web.pid"
if [ -f "$web_pid_file" ] && kill -0 "$(cat "$web_pid_file")" 2>/dev/null; then
  kill "$(cat "$web_pid_file")"
  echo "web app stopped"
fi
rm -f "$web_pid_file"
pid_file="$KLANG_STATE_DIR/klang.pid"
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  kill "$(cat "$pid_file")"
  echo "klang stopped"
fi
rm -f "$pid_file"
"$root/scripts/infra/down.sh"
