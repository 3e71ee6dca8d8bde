#!/usr/bin/env bash
# Rolls a release out to one environment, one instance at a time behind the load balancer.
#
#   scripts/delivery/deploy.sh --env staging --version 1.4.0 --bundle dist/klang-1.4.0.tar.gz [--dry-run]
#   scripts/delivery/deploy.sh --env production --version 1.3.2 --skip-upload --skip-migrations   # (rollback.sh)
#
# Steps (each is printed as "PLAN ..." first; --dry-run stops after printing the plan):
#   1. look up the environment in SSM Parameter Store (/klang/<env>/deploy/*, /klang/shared/artifacts-bucket,
#      /klang/<env>/release/version) and the InService instances of its Auto Scaling group;
#   2. upload the bundle and its .sha256 to s3://<artifacts>/klang/<version>/ and check the upload;
#   3. run the migrations ONCE, on the first instance (`klang-release migrate`, i.e. `klang migrate`);
#   4. for each instance in turn: Auto Scaling standby, deregister from the target group and wait for draining,
#      install the version (`klang-release install`, which restarts the unit and waits for its own /readyz),
#      register again and wait until the load balancer's /readyz health check says healthy (the health gate),
#      leave standby;
#   5. record /klang/<env>/release/version (new instances install it at boot) and .../previous.
# If any step of 4 fails, every instance already touched is put back on the previous version and the script
# exits non-zero. Migrations are forward-only and are not undone: see docs/cicd/aws.md (expand/contract).
#
# AWS credentials come from the environment (Jenkins binds them); AWS_ENDPOINT_URL points it at an emulator.
# Timeouts: KLANG_DEPLOY_COMMAND_TIMEOUT (s, default 600), KLANG_DEPLOY_HEALTH_TIMEOUT (s, default 300),
# KLANG_DEPLOY_POLL (s, default 5).
set -euo pipefail
# shellcheck source=scripts/delivery/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

environment="" version="" bundle="" skip_upload=0 skip_migrations=0
DRY_RUN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --env) environment="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --bundle) bundle="$2"; shift 2 ;;
    --skip-upload) skip_upload=1; shift ;;
    --skip-migrations) skip_migrations=1; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h | --help) usage ;;
    *) die "unknown argument: $1" ;;
  esac
done
case "$environment" in staging | rc | production) ;; *) die "--env must be staging, rc or production" ;; esac
[[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z.+-]*$ ]] || die "--version is missing or malformed: '$version'"
if [ "$skip_upload" = 0 ]; then
  if [ -z "$bundle" ] || [ ! -f "$bundle" ]; then die "--bundle FILE is required unless --skip-upload"; fi
fi

command_timeout="${KLANG_DEPLOY_COMMAND_TIMEOUT:-600}"
health_timeout="${KLANG_DEPLOY_HEALTH_TIMEOUT:-300}"
poll="${KLANG_DEPLOY_POLL:-5}"

param() { klang_aws ssm get-parameter --name "$1" --query Parameter.Value --output text; }
param_or() { param "$1" 2>/dev/null || printf '%s\n' "$2"; }

# ------------------------------------------------------------------ 1. look-ups (read-only, also in --dry-run)
artifacts_bucket="$(param /klang/shared/artifacts-bucket)"
asg="$(param "/klang/${environment}/deploy/auto-scaling-group")"
target_group="$(param "/klang/${environment}/deploy/target-group-arn")"
previous="$(param_or "/klang/${environment}/release/version" none)"
mapfile -t instances < <(klang_aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$asg" \
  --query "AutoScalingGroups[0].Instances[?LifecycleState=='InService'].InstanceId" --output text | tr '\t' '\n' |
  sed '/^$/d' | sort)
[ "${#instances[@]}" -gt 0 ] || die "no InService instance in Auto Scaling group $asg"
prefix="klang/${version}"
key="${prefix}/klang-${version}.tar.gz"

echo "PLAN environment=${environment} version=${version} previous=${previous} instances=${#instances[@]}"
if [ "$skip_upload" = 0 ]; then
  echo "PLAN upload $(basename "$bundle") to s3://${artifacts_bucket}/${key} (+ .sha256)"
else
  echo "PLAN reuse s3://${artifacts_bucket}/${key}"
fi
if [ "$skip_migrations" = 0 ]; then
  echo "PLAN migrate once on ${instances[0]}: klang-release migrate ${version}"
else
  echo "PLAN skip migrations"
fi
for instance in "${instances[@]}"; do
  echo "PLAN ${instance}: standby, deregister + drain, install ${version}, register, wait healthy (/readyz), leave standby"
done
echo "PLAN record /klang/${environment}/release/version=${version} (previous=${previous})"
echo "PLAN on failure: reinstall ${previous} on the instances already updated, then exit 1"
if [ "$DRY_RUN" = 1 ]; then
  echo "dry run: nothing changed"
  exit 0
fi

# ------------------------------------------------------------------ helpers that change things
# Runs a command on one instance through SSM Run Command and waits for its end; non-zero on failure/timeout.
remote() {
  local instance="$1" script="$2" command_id status waited=0
  command_id="$(klang_aws ssm send-command --instance-ids "$instance" --document-name AWS-RunShellScript \
    --comment "klang ${environment} ${version}" --timeout-seconds "$command_timeout" \
    --parameters "commands=[\"${script}\"]" --query Command.CommandId --output text)"
  while :; do
    status="$(klang_aws ssm get-command-invocation --command-id "$command_id" --instance-id "$instance" \
      --query Status --output text 2>/dev/null || echo Pending)"
    case "$status" in
      Success) return 0 ;;
      Failed | Cancelled | TimedOut | Cancelling)
        log "${instance}: '${script}' ended ${status}"
        klang_aws ssm get-command-invocation --command-id "$command_id" --instance-id "$instance" \
          --query StandardErrorContent --output text >&2 || true
        return 1 ;;
    esac
    [ "$waited" -ge "$command_timeout" ] && { log "${instance}: '${script}' timed out"; return 1; }
    sleep "$poll"
    waited=$((waited + poll))
  done
}

target_state() {
  klang_aws elbv2 describe-target-health --target-group-arn "$target_group" --targets "Id=$1" \
    --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text 2>/dev/null || echo unknown
}

# The health gate: the load balancer's own /readyz check must report the instance healthy.
wait_healthy() {
  local instance="$1" state waited=0
  while :; do
    state="$(target_state "$instance")"
    [ "$state" = healthy ] && return 0
    if [ "$waited" -ge "$health_timeout" ]; then
      log "${instance}: not healthy after ${health_timeout}s (state ${state})"
      return 1
    fi
    sleep "$poll"
    waited=$((waited + poll))
  done
}

wait_drained() {
  local instance="$1" state waited=0
  while :; do
    state="$(target_state "$instance")"
    case "$state" in unused | None | unknown) return 0 ;; esac
    klang_aws elbv2 describe-target-health --target-group-arn "$target_group" \
      --query "TargetHealthDescriptions[?Target.Id=='${instance}'] | length(@)" --output text | grep -qx 0 && return 0
    [ "$waited" -ge "$health_timeout" ] && { log "${instance}: still ${state} after ${health_timeout}s"; return 1; }
    sleep "$poll"
    waited=$((waited + poll))
  done
}

standby() {
  klang_aws autoscaling enter-standby --auto-scaling-group-name "$asg" --instance-ids "$1" \
    --should-decrement-desired-capacity >/dev/null
}

leave_standby() {
  klang_aws autoscaling exit-standby --auto-scaling-group-name "$asg" --instance-ids "$1" >/dev/null || true
}

# One instance: out of the load balancer, install, back in, gate on health.
roll_instance() {
  local instance="$1" target_version="$2"
  log "${instance}: standby and drain"
  standby "$instance"
  klang_aws elbv2 deregister-targets --target-group-arn "$target_group" --targets "Id=${instance}"
  wait_drained "$instance" || { leave_standby "$instance"; return 1; }
  log "${instance}: install ${target_version}"
  remote "$instance" "klang-release install ${target_version}" || { leave_standby "$instance"; return 1; }
  klang_aws elbv2 register-targets --target-group-arn "$target_group" --targets "Id=${instance}"
  log "${instance}: waiting for /readyz through the load balancer"
  wait_healthy "$instance" || { leave_standby "$instance"; return 1; }
  leave_standby "$instance"
  log "${instance}: healthy on ${target_version}"
}

# ------------------------------------------------------------------ 2. upload
if [ "$skip_upload" = 0 ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp "$bundle" "${work}/klang-${version}.tar.gz"
  (cd "$work" && sha256sum "klang-${version}.tar.gz" >"klang-${version}.tar.gz.sha256")
  log "upload s3://${artifacts_bucket}/${key}"
  klang_aws s3 cp --only-show-errors "${work}/klang-${version}.tar.gz" "s3://${artifacts_bucket}/${key}"
  klang_aws s3 cp --only-show-errors "${work}/klang-${version}.tar.gz.sha256" "s3://${artifacts_bucket}/${key}.sha256"
  uploaded="$(klang_aws s3api head-object --bucket "$artifacts_bucket" --key "$key" --query ContentLength --output text)"
  [ "$uploaded" = "$(stat -c %s "$bundle")" ] || die "uploaded size ${uploaded} differs from $(stat -c %s "$bundle")"
else
  klang_aws s3api head-object --bucket "$artifacts_bucket" --key "$key" >/dev/null ||
    die "s3://${artifacts_bucket}/${key} does not exist"
fi

# ------------------------------------------------------------------ 3. migrations, once
if [ "$skip_migrations" = 0 ]; then
  log "migrate on ${instances[0]}"
  remote "${instances[0]}" "klang-release migrate ${version}" || die "migrations failed: nothing was rolled out"
fi

# ------------------------------------------------------------------ 4. rollout with rollback
updated=()
failed_instance=""
for instance in "${instances[@]}"; do
  updated+=("$instance")
  if ! roll_instance "$instance" "$version"; then
    failed_instance="$instance"
    break
  fi
done

if [ -n "$failed_instance" ]; then
  log "rollout failed on ${failed_instance}: rolling back ${#updated[@]} instance(s) to ${previous}"
  echo "ROLLBACK ${updated[*]} to ${previous}"
  if [ "$previous" = none ]; then
    die "no previous version recorded: the environment is left as it is"
  fi
  rollback_failed=0
  for instance in "${updated[@]}"; do
    roll_instance "$instance" "$previous" || rollback_failed=1
  done
  if [ "$rollback_failed" = 0 ]; then
    echo "ROLLBACK complete: ${environment} is on ${previous}"
  else
    echo "ROLLBACK incomplete: check the instances above (Session Manager, /var/log/klang-bootstrap.log)"
  fi
  exit 1
fi

# ------------------------------------------------------------------ 5. record
klang_aws ssm put-parameter --name "/klang/${environment}/release/previous" --type String --overwrite \
  --value "$previous" >/dev/null
klang_aws ssm put-parameter --name "/klang/${environment}/release/version" --type String --overwrite \
  --value "$version" >/dev/null
echo "DEPLOYED ${environment} ${version} on ${#instances[@]} instance(s) (previous ${previous})"
