# shellcheck shell=bash
# Shared settings for the local infrastructure scripts (PostgreSQL, Redis, Kafka, S3).
#
# Source it:   . scripts/infra/env.sh
# Every value is a default: set the variable in the environment to override it.
# This file is sourced, so it must not change the caller's shell options.

# Long-lived caches (Maven repository, resolved Kafka jars).
export KLANG_CACHE_DIR="${KLANG_CACHE_DIR:-${HOME}/.cache/klang}"
# Data folders, logs and pid files of the running services.
export KLANG_STATE_DIR="${KLANG_STATE_DIR:-${HOME}/.local/state/klang}"

# Ports stay below 32768: Linux hands out 32768-60999 as source ports of
# outgoing connections, which can make a listen fail with "Address already in use".
export KLANG_PG_PORT="${KLANG_PG_PORT:-15432}"
export KLANG_REDIS_PORT="${KLANG_REDIS_PORT:-16379}"
export KLANG_KAFKA_PORT="${KLANG_KAFKA_PORT:-19092}"
export KLANG_KAFKA_CONTROLLER_PORT="${KLANG_KAFKA_CONTROLLER_PORT:-19093}"
export KLANG_S3_PORT="${KLANG_S3_PORT:-19000}"

export KLANG_PG_USER="${KLANG_PG_USER:-klang}"
export KLANG_PG_PASSWORD="${KLANG_PG_PASSWORD:-klang}"
export KLANG_PG_DB="${KLANG_PG_DB:-klang}"

# Connection URLs for the application and the tests.
export DATABASE_URL="${DATABASE_URL:-postgres://${KLANG_PG_USER}:${KLANG_PG_PASSWORD}@127.0.0.1:${KLANG_PG_PORT}/${KLANG_PG_DB}}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${KLANG_REDIS_PORT}}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KLANG_KAFKA_PORT}}"
# The S3-compatible store for product images (moto's server; any S3 works with real credentials).
export S3_ENDPOINT="${S3_ENDPOINT:-http://127.0.0.1:${KLANG_S3_PORT}}"
export S3_BUCKET="${S3_BUCKET:-klang-product-images}"
export S3_REGION="${S3_REGION:-ap-southeast-1}"
export S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-klang-local}"
export S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-klang-local-secret}"
