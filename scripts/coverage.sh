#!/usr/bin/env bash
# Rust test coverage: every Rust test target (unit and API tests, as in scripts/test.sh) on real PostgreSQL, Redis
# and Kafka, measured with cargo-tarpaulin's LLVM engine (rustc's -C instrument-coverage; the profiles are read by
# tarpaulin itself, so no llvm-tools are needed).
#
#   scripts/coverage.sh            reports in reports/coverage/ (or $KLANG_REPORTS_DIR/coverage):
#                                    cobertura.xml        Cobertura XML (Jenkins: recordCoverage)
#                                    lcov.info            lcov (editors, genhtml)
#                                    tarpaulin-report.html one-file HTML report
#                                    summary.txt          the line coverage figure
#   KLANG_COVERAGE_FAIL_UNDER=60 scripts/coverage.sh      also fails below 60 % of lines
#
# Run by the Jenkins pipeline (stage Coverage), not by scripts/test.sh or .ci/run: an instrumented build of the
# whole project plus the full test run does not fit CI's time budget.
# cargo-tarpaulin is installed once (pinned version, from crates.io) into $KLANG_CACHE_DIR/cargo-tools, outside
# the clone. The instrumented build has a target directory of its own ($KLANG_CACHE_DIR/target-coverage): the
# RUSTFLAGS differ, so sharing the normal one would rebuild it from scratch on every switch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export KLANG_CACHE_DIR="${KLANG_CACHE_DIR:-${HOME}/.cache/klang}"
# Set before scripts/rust-env.sh, which only supplies a default.
export CARGO_TARGET_DIR="${KLANG_COVERAGE_TARGET_DIR:-${KLANG_CACHE_DIR}/target-coverage}"
# shellcheck source=scripts/rust-env.sh
. scripts/rust-env.sh
# shellcheck source=scripts/infra/env.sh
. scripts/infra/env.sh

TARPAULIN_VERSION=0.37.5
tools_dir="${KLANG_CARGO_TOOLS_DIR:-${KLANG_CACHE_DIR}/cargo-tools}"
tarpaulin="${tools_dir}/bin/cargo-tarpaulin"
case "$KLANG_REPORTS_DIR" in
  /*) out="${KLANG_REPORTS_DIR}/coverage" ;;
  *) out="${root}/${KLANG_REPORTS_DIR}/coverage" ;;
esac

installed() { [ -x "$tarpaulin" ] && "$tarpaulin" tarpaulin --version 2>/dev/null | grep -q "${TARPAULIN_VERSION}\$"; }

# One install at a time per machine (two Jenkins executors, a developer); without default features (Coveralls
# upload, which pulls in libgit2 and OpenSSL) the build is smaller and needs no system libraries.
install_tarpaulin() {
  installed && return 0
  mkdir -p "$tools_dir"
  (
    flock -w 1800 9 || { echo "could not lock ${tools_dir}/.install.lock"; exit 1; }
    installed && exit 0
    echo "installing cargo-tarpaulin ${TARPAULIN_VERSION} into ${tools_dir}"
    CARGO_TARGET_DIR="${tools_dir}/build" cargo install cargo-tarpaulin --version "$TARPAULIN_VERSION" --locked \
      --no-default-features --root "$tools_dir"
    rm -rf "${tools_dir}/build"
  ) 9>"${tools_dir}/.install.lock"
}

require_rust
install_tarpaulin
scripts/infra/up.sh

rm -rf "$out"
mkdir -p "$out"
started=$SECONDS
fail_under=()
[ -n "${KLANG_COVERAGE_FAIL_UNDER:-}" ] && fail_under=(--fail-under "$KLANG_COVERAGE_FAIL_UNDER")
status=0
# --exclude-files: the API test crates under tests/ are test code, not code under test.
"$tarpaulin" tarpaulin --engine llvm --workspace --all-targets --no-fail-fast --skip-clean \
  --target-dir "$CARGO_TARGET_DIR" --timeout 600 --exclude-files 'tests/*' --color never \
  --out Xml --out Lcov --out Html --output-dir "$out" "${fail_under[@]}" 2>&1 | tee "$out/tarpaulin.log" ||
  status=$?
# tarpaulin's LLVM engine leaves raw profiles where the tests ran; they are inputs, not reports.
find "$root" -maxdepth 2 -name '*.profraw' -newer "$out/tarpaulin.log" -delete 2>/dev/null || true

if [ -f "$out/cobertura.xml" ]; then
  python3 - "$out/cobertura.xml" "$((SECONDS - started))" >"$out/summary.txt" <<'EOF'
import sys
import xml.etree.ElementTree as ET

coverage = ET.parse(sys.argv[1]).getroot()
covered, valid = int(coverage.get("lines-covered")), int(coverage.get("lines-valid"))
files = len(coverage.findall(".//class"))
print(f"coverage: {100 * covered / max(valid, 1):.2f}% of lines ({covered}/{valid}) in {files} files, "
      f"cargo-tarpaulin LLVM engine, {int(sys.argv[2]) // 60} min")
EOF
  cat "$out/summary.txt"
else
  echo "coverage: no cobertura.xml written (see $out/tarpaulin.log)"
  [ "$status" = 0 ] && status=1
fi
grep -E '^test result:' "$out/tarpaulin.log" | awk '{ p += $4; f += $6 } END { printf "tests under coverage: %d passed, %d failed\n", p, f }'
exit "$status"
