#!/usr/bin/env bash
# Runs the Robot Framework API suites (robot/suites) against a running Klang service.
#
#   scripts/robot.sh BASE_URL [robot options...]     e.g. scripts/robot.sh http://127.0.0.1:8080
#
# The Python venv lives outside the clone, in ${KLANG_CACHE_DIR:-$HOME/.cache/klang}/robot-venv, and is
# rebuilt only when robot/requirements.txt changes (its checksum is kept in the venv). output.xml, log.html
# and report.html go to ${KLANG_REPORTS_DIR:-reports}/robot (a relative path is taken from the repository
# root). Extra arguments go to robot before the suites, e.g. --include auth or --test "Sign In*".
# The last line printed is `robot: N passed, N failed`, counted from output.xml; the exit status is
# non-zero when a test failed or Robot itself failed.
set -euo pipefail

if [ "$#" -lt 1 ] || [ -z "$1" ]; then
  echo "usage: $0 BASE_URL [robot options...]   (e.g. $0 http://127.0.0.1:8080)" >&2
  exit 2
fi
base_url="$1"
shift

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

requirements="robot/requirements.txt"
cache_dir="${KLANG_CACHE_DIR:-${HOME}/.cache/klang}"
venv="${cache_dir}/robot-venv"
stamp="${venv}/.requirements.sha256"
out_dir="${KLANG_REPORTS_DIR:-reports}/robot"

mkdir -p "$cache_dir"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
# One installer at a time: concurrent runs wait for the venv instead of rebuilding it under each other.
exec 9>"${cache_dir}/robot-venv.lock"
flock 9
if [ ! -x "${venv}/bin/robot" ] || [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]; then
  echo "robot.sh: installing ${requirements} into ${venv}" >&2
  python3 -m venv --clear "$venv"
  "${venv}/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  echo "$wanted" >"$stamp"
fi
flock -u 9

mkdir -p "$out_dir"
# A stale output.xml must never be counted as this run's result.
rm -f "${out_dir}/output.xml"

status=0
"${venv}/bin/robot" --outputdir "$out_dir" --variable "BASE_URL:${base_url}" "$@" robot/suites || status=$?

if [ ! -s "${out_dir}/output.xml" ]; then
  echo "robot.sh: robot wrote no ${out_dir}/output.xml (exit status ${status})" >&2
  exit $((status == 0 ? 1 : status))
fi

counts="$("${venv}/bin/python" - "${out_dir}/output.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET

total = ET.parse(sys.argv[1]).getroot().find("./statistics/total/stat")
if total is None:
    sys.exit("robot.sh: output.xml has no statistics total")
print(int(total.get("pass", 0)), int(total.get("fail", 0)))
PY
)"
read -r passed failed <<<"$counts"

echo "robot: ${passed} passed, ${failed} failed"
if [ "$failed" -gt 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "robot.sh: no test ran" >&2
  exit 1
fi
exit "$status"
