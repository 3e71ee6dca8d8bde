#!/usr/bin/env bash
# Creates or updates the CloudFormation stacks of one environment, in dependency order, and waits for each:
#   klang-shared (once per account) -> klang-<env>-network -> klang-<env>-storage -> klang-<env>-app
#   [-> klang-<env>-data with --with-data: RDS, ElastiCache, MSK]
# Parameters: deploy/aws/environments/<env>.params (lines "stack.Key=Value"), then --param stack.Key=Value.
#
#   scripts/delivery/deploy-stacks.sh --env staging [--with-data] [--only app] [--param app.MinSize=1] [--dry-run]
#   scripts/delivery/deploy-stacks.sh --env staging --kafka-brokers   # after the data stack: KAFKA_BROKERS
#
# Uses create-stack / update-stack (not change sets) so the same commands run against the emulator.
set -euo pipefail
# shellcheck source=scripts/delivery/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

environment="" with_data=0 only="" kafka=0 overrides=()
DRY_RUN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --env) environment="$2"; shift 2 ;;
    --with-data) with_data=1; shift ;;
    --only) only="$2"; shift 2 ;;
    --param) overrides+=("$2"); shift 2 ;;
    --kafka-brokers) kafka=1; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    *) die "unknown argument: $1" ;;
  esac
done
case "$environment" in staging | rc | production) ;; *) die "--env must be staging, rc or production" ;; esac
templates="${KLANG_ROOT}/deploy/aws"

if [ "$kafka" = 1 ]; then
  arn="$(klang_aws cloudformation describe-stacks --stack-name "klang-${environment}-data" \
    --query "Stacks[0].Outputs[?OutputKey=='KafkaClusterArn'].OutputValue" --output text)"
  brokers="$(klang_aws kafka get-bootstrap-brokers --cluster-arn "$arn" \
    --query 'BootstrapBrokerStringTls || BootstrapBrokerString' --output text)"
  run klang_aws ssm put-parameter --name "/klang/${environment}/config/KAFKA_BROKERS" --type String \
    --overwrite --value "$brokers"
  exit 0
fi

# Parameters of one stack: EnvironmentName (not for shared), the file's lines, then the overrides.
parameters() {
  local stack="$1" line
  [ "$stack" != shared ] && echo "ParameterKey=EnvironmentName,ParameterValue=${environment}"
  {
    if [ -f "${templates}/environments/${environment}.params" ]; then
      grep -Ev '^\s*(#|$)' "${templates}/environments/${environment}.params"
    fi
    printf '%s\n' "${overrides[@]+"${overrides[@]}"}"
  } | while IFS= read -r line; do
    [ "${line%%.*}" = "$stack" ] || continue
    line="${line#*.}"
    echo "ParameterKey=${line%%=*},ParameterValue=${line#*=}"
  done
}

deploy_stack() {
  local stack="$1" name status params=()
  if [ "$stack" = shared ]; then name=klang-shared; else name="klang-${environment}-${stack}"; fi
  mapfile -t params < <(parameters "$stack")
  status="$(klang_aws cloudformation describe-stacks --stack-name "$name" --query 'Stacks[0].StackStatus' \
    --output text 2>/dev/null || echo NONE)"
  if [ "$status" = NONE ] || [ "$status" = REVIEW_IN_PROGRESS ]; then
    log "create ${name}"
    run klang_aws cloudformation create-stack --stack-name "$name" --template-body "file://${templates}/${stack}.yaml" \
      --capabilities CAPABILITY_NAMED_IAM --parameters "${params[@]}" --tags "Key=klang:environment,Value=${environment}" \
      --output text >/dev/null
    run klang_aws cloudformation wait stack-create-complete --stack-name "$name"
  else
    log "update ${name} (${status})"
    if ! out="$(run klang_aws cloudformation update-stack --stack-name "$name" \
      --template-body "file://${templates}/${stack}.yaml" --capabilities CAPABILITY_NAMED_IAM \
      --parameters "${params[@]}" --output text 2>&1)"; then
      if grep -q 'No updates are to be performed' <<<"$out"; then log "${name}: no changes"; return 0; fi
      printf '%s\n' "$out" >&2
      return 1
    fi
    run klang_aws cloudformation wait stack-update-complete --stack-name "$name"
  fi
  echo "STACK ${name} $(klang_aws cloudformation describe-stacks --stack-name "$name" \
    --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo planned)"
}

stacks=(shared network storage app)
[ "$with_data" = 1 ] && stacks+=(data)
for stack in "${stacks[@]}"; do
  if [ -n "$only" ] && [ "$only" != "$stack" ]; then continue; fi
  deploy_stack "$stack"
done
