#!/bin/bash
# Builds the fuzz targets with clang, libFuzzer, ASan and UBSan in a separate build folder and runs
# each for SECONDS (default 10) on a copy of its seed corpus and regressions. Fails when a target
# crashes, leaks, trips UBSan or an invariant, or hangs. tests/fuzz/README.md says more.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [TARGET…]     e.g. tests/fuzz/run-fuzz.sh 600 policy
#
# Environment: FUZZ_BUILDDIR (default build-fuzz), FUZZ_WORKDIR (default a temporary folder, removed
# afterwards unless a target failed), FUZZ_JOBS (parallel jobs per target, default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv email website policy)
builddir=${FUZZ_BUILDDIR:-build-fuzz}
jobs=${FUZZ_JOBS:-1}

if [ ! -d "$builddir" ]; then
  CC=clang CXX=clang++ meson setup "$builddir" -Dfuzzing=true -Datspi_tests=false \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
meson compile -C "$builddir" "${targets[@]/#/fuzz-}" >/dev/null

work=${FUZZ_WORKDIR:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
fuzzer_dir=$(cd "$builddir/tests/fuzz" && pwd)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export G_DEBUG=gc-friendly GSETTINGS_BACKEND=memory
failed=()
for t in "${targets[@]}"; do
  corpus="$work/corpus-$t"
  mkdir -p "$corpus" "$work/artifacts-$t"
  cp tests/fuzz/corpus/"$t"/* "$corpus"/
  find tests/fuzz/regressions/"$t" -type f ! -name '.*' -exec cp {} "$corpus"/ \;
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
        -artifact_prefix="$work/artifacts-$t/")
  [ -f "tests/fuzz/$t.dict" ] && args+=(-dict="$PWD/tests/fuzz/$t.dict")
  # More than one job: libFuzzer writes fuzz-N.log files into the current folder ($work).
  [ "$jobs" -gt 1 ] && args+=(-jobs="$jobs" -workers="$jobs")
  echo "fuzz-$t: ${seconds}s"
  if ! (cd "$work" && "$fuzzer_dir/fuzz-$t" "${args[@]}" "$corpus") >"$work/fuzz-$t.log" 2>&1; then
    failed+=("$t")
    tail -n 60 "$work/fuzz-$t.log"
    echo "fuzz-$t FAILED; the input is in $work/artifacts-$t/ (keep it in tests/fuzz/regressions/$t/)"
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov: ' "$work/fuzz-$t.log" | tail -n 3 || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]} (logs in $work)"
  exit 1
fi
[ -n "${FUZZ_WORKDIR:-}" ] || rm -rf "$work"
echo "fuzzing passed: ${targets[*]}"
