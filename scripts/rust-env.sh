# shellcheck shell=bash
# Sourced by the build and test scripts: where cargo builds, and how the sqlx macros find their data.
# The target directory lives outside the clone so a fresh clone (CI) reuses earlier builds on this machine.
export KLANG_CACHE_DIR="${KLANG_CACHE_DIR:-${HOME}/.cache/klang}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${KLANG_CACHE_DIR}/target}"
# Builds use the committed .sqlx/ query data; scripts/sqlx-prepare.sh regenerates it from a live database.
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
export KLANG_REPORTS_DIR="${KLANG_REPORTS_DIR:-reports}"

# Fails early with a clear message when the Rust toolchain is missing.
require_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo not found: install Rust 1.95+ (rustup) first" >&2
    exit 1
  fi
  local component
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
      rustup component add "$component"
    fi
  done
}
