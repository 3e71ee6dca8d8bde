#!/usr/bin/env bash
# The delivery checks in one command (the Jenkinsfile's "Delivery checks" stage runs it too):
#   shell scripts     shellcheck on every delivery shell script, scripts/release.sh, scripts/coverage.sh and the Git hook
#   groovy-lint       npm-groovy-lint --noserver on the Jenkinsfile (Groovy syntax only)
#   jenkinsfile       our structure check: stages per Git-flow branch, approval before production, post, timeouts
#   git-flow          commit-message rule (script, hook, range check) and scripts/release.sh on temporary repos
#   pipeline-scripts  Jenkinsfile check catches broken pipelines, version names, webhook notification, arguments
#   dockerignore      both image build contexts: .dockerignore present, big/private paths out, COPY sources in
#   images            deploy/images.lock in step with the Compose and Dockerfile images; pin-images.sh --write and
#                     --verify end to end with a stand-in docker on a copy (tests/test_images.py)
#   cfn-lint          every CloudFormation template in deploy/aws
#   checkov           the same templates against checkov's AWS policies
#   aws-emulator      the stacks deployed to a local AWS emulator (moto server on 127.0.0.1, port below 32768)
#                     with assertions on what it created, and deploy.sh / rollback.sh run end to end against it
# Not run here (no Jenkins, no Docker engine, no real AWS): see docs/cicd/jenkins.md, docs/cicd/docker.md and docs/cicd/aws.md.
#
# Tools are installed once into ~/.cache/klang/delivery-venv (PyPI, pinned by requirements.txt + .lock) and
# ~/.cache/klang/delivery-node (npm, pinned by package.json + package-lock.json), and reinstalled only when those
# files change. Prints one line per check and ends with "delivery: N passed, N failed"; exit 1 if any failed.
# Logs and a JUnit file: reports/delivery/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/delivery/lib.sh
. "$here/lib.sh"
cd "$KLANG_ROOT"

reports="${KLANG_REPORTS_DIR}/delivery"
mkdir -p "$reports" "$KLANG_CACHE_DIR"
venv="$KLANG_DELIVERY_VENV"
node_dir="$KLANG_DELIVERY_NODE"
moto_pid=""
moto_port=""

child=""

# Stops what this script started, even when it fails or is interrupted: the running check's whole process
# group (it may have started deploy.sh and aws processes) and the emulator.
cleanup() {
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    kill -TERM -- "-$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  child=""
  if [ -n "$moto_pid" ] && kill -0 "$moto_pid" 2>/dev/null; then
    kill "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
  fi
  moto_pid=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
junit_cases=()

record() {
  local name="$1" status="$2" seconds="$3" log="$4" case
  case="    <testcase classname=\"delivery\" name=\"${name}\" time=\"${seconds}\">"
  if [ "$status" = ok ]; then
    passed=$((passed + 1))
    printf 'ok   %-17s (%ss)\n' "$name" "$seconds"
  else
    failed=$((failed + 1))
    printf 'FAIL %-17s (%ss, log: %s)\n' "$name" "$seconds" "${log#"$KLANG_ROOT"/}"
    tail -n 25 "$log" | sed 's/^/     | /'
    case+="<failure message=\"see ${log##*/}\"/>"
  fi
  junit_cases+=("${case}</testcase>")
}

# check NAME COMMAND...: one line per check, full output in reports/delivery/NAME.log. The command runs in its
# own session (process group) in the background, so that a signal reaches the trap at once and cleanup can stop
# the command with everything it started.
check() {
  local name="$1" start status=ok
  shift
  local log="${reports}/${name}.log"
  start=$SECONDS
  setsid timeout 900 "$@" >"$log" 2>&1 &
  child=$!
  wait "$child" || status=fail
  child=""
  record "$name" "$status" "$((SECONDS - start))" "$log"
}

stamp_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

install_python_tools() {
  local stamp
  stamp="$(stamp_of "$here/requirements.txt" "$here/requirements.lock" <(python3 --version))"
  if [ -f "$venv/.klang-stamp" ] && [ "$(cat "$venv/.klang-stamp")" = "$stamp" ]; then return 0; fi
  echo "installing the Python tools into ${venv}"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" -c "$here/requirements.lock"
  echo "$stamp" >"$venv/.klang-stamp"
}

install_node_tools() {
  local stamp
  stamp="$(stamp_of "$here/package.json" "$here/package-lock.json" <(node --version))"
  if [ -f "$node_dir/.klang-stamp" ] && [ "$(cat "$node_dir/.klang-stamp")" = "$stamp" ]; then return 0; fi
  echo "installing the Node tools into ${node_dir}"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$stamp" >"$node_dir/.klang-stamp"
}

# Serialise installs between concurrent runs on one machine (two Jenkins executors, a developer).
install_tools() {
  (
    flock -w 900 9 || { echo "could not lock ${KLANG_CACHE_DIR}/delivery-install.lock"; exit 1; }
    install_python_tools
    install_node_tools
  ) 9>"${KLANG_CACHE_DIR}/delivery-install.lock"
}

start=$SECONDS
if ! install_tools >"${reports}/install.log" 2>&1; then
  record install fail "$((SECONDS - start))" "${reports}/install.log"
  echo "delivery: ${passed} passed, ${failed} failed"
  exit 1
fi
echo "tools ready ($((SECONDS - start))s): ${venv#"$HOME"/}, ${node_dir#"$HOME"/}"
export PATH="$venv/bin:$PATH"

shell_scripts=("$here"/*.sh "$KLANG_ROOT/scripts/release.sh" "$KLANG_ROOT/scripts/coverage.sh" "$KLANG_ROOT/.githooks/commit-msg")
check shellcheck "$venv/bin/shellcheck" -x "${shell_scripts[@]}"
check groovy-lint "$node_dir/node_modules/.bin/npm-groovy-lint" --noserver --failon warning \
  --config "$here/.groovylintrc.json" --output txt "$KLANG_ROOT/Jenkinsfile"
check jenkinsfile "$venv/bin/python" "$here/check_jenkinsfile.py" "$KLANG_ROOT/Jenkinsfile"
check git-flow "$venv/bin/python" -m unittest -v "$here/tests/test_git_flow.py"
check pipeline-scripts "$venv/bin/python" -m unittest -v "$here/tests/test_pipeline.py"
check dockerignore "$venv/bin/python" "$here/check_dockerignore.py" "$KLANG_ROOT"
check images "$venv/bin/python" -m unittest -v "$here/tests/test_images.py"
check cfn-lint "$venv/bin/cfn-lint" "$KLANG_ROOT"/deploy/aws/*.yaml
check checkov "$venv/bin/checkov" --directory "$KLANG_ROOT/deploy/aws" --framework cloudformation --compact \
  --quiet --skip-download

# ------------------------------------------------------------------ AWS emulator (state lives in its memory)
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
start_moto() {
  local port
  for port in $(seq "${KLANG_MOTO_PORT:-15000}" "$((${KLANG_MOTO_PORT:-15000} + 20))"); do
    if port_free "$port"; then moto_port="$port"; break; fi
  done
  [ -n "$moto_port" ] || { echo "no free port for the emulator"; return 1; }
  "$venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >"${reports}/moto-server.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 60); do
    if curl -fsS -o /dev/null "http://127.0.0.1:${moto_port}/moto-api/"; then return 0; fi
    kill -0 "$moto_pid" 2>/dev/null || { echo "moto server exited"; return 1; }
    sleep 0.5
  done
  echo "moto server did not answer on port ${moto_port}"
  return 1
}

start=$SECONDS
if start_moto >"${reports}/moto-start.log" 2>&1; then
  # Only the emulator: fake credentials, no profile or config of the machine, no real AWS reachable by mistake.
  check aws-emulator env -u AWS_PROFILE -u AWS_SESSION_TOKEN -u AWS_DEFAULT_PROFILE \
    AWS_ENDPOINT_URL="http://127.0.0.1:${moto_port}" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
    AWS_DEFAULT_REGION=ap-southeast-1 AWS_REGION=ap-southeast-1 AWS_CONFIG_FILE=/dev/null \
    AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
    "$venv/bin/python" -m unittest -v "$here/tests/test_aws_emulator.py"
else
  record aws-emulator fail "$((SECONDS - start))" "${reports}/moto-start.log"
fi
cleanup

{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuite name=\"delivery\" tests=\"$((passed + failed))\" failures=\"${failed}\">"
  printf '%s\n' "${junit_cases[@]}"
  echo '</testsuite>'
} >"${reports}/junit-delivery.xml"

echo "delivery: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
