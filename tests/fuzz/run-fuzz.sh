#!/bin/bash
# Builds the fuzz targets with clang, libFuzzer, ASan and UBSan in a separate build folder and runs
# each for SECONDS (default 10) on a copy of its seed corpus and regressions. Fails when a target
# crashes, leaks, trips UBSan or an invariant, or hangs. tests/fuzz/README.md says more.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [TARGET…]     e.g. tests/fuzz/run-fuzz.sh 600 policy
#
# Environment: FUZZ_BUILDDIR (default build-fuzz), FUZZ_WORKDIR (default a temporary folder, removed
# afterwards unless a target failed; give one to keep the corpus that grows between runs),
# FUZZ_JOBS (parallel jobs per target, default 1).
set -euo pipefail

# One function, read whole before it runs: editing this file during a long run changes nothing.
main () {
  cd "$(dirname "$0")/../.."

  local seconds=${1:-10}
  shift || true
  local targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=(csv email website policy)
  local builddir=${FUZZ_BUILDDIR:-build-fuzz}
  local jobs=${FUZZ_JOBS:-1}

  if [ ! -d "$builddir" ]; then
    CC=clang CXX=clang++ meson setup "$builddir" -Dfuzzing=true -Datspi_tests=false \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  meson compile -C "$builddir" "${targets[@]/#/fuzz-}" >/dev/null

  local work=${FUZZ_WORKDIR:-$(mktemp -d)}
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
  local fuzzers
  fuzzers=$(cd "$builddir/tests/fuzz" && pwd)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
    export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
  fi
  export G_DEBUG=gc-friendly GSETTINGS_BACKEND=memory

  local failed=() t corpus args
  for t in "${targets[@]}"; do
    corpus="$work/corpus-$t"
    mkdir -p "$corpus" "$work/artifacts-$t"
    cp tests/fuzz/corpus/"$t"/* "$corpus"/
    find tests/fuzz/regressions/"$t" -type f ! -name '.*' -exec cp {} "$corpus"/ \;
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
          -artifact_prefix="$work/artifacts-$t/")
    if [ -f "tests/fuzz/$t.dict" ]; then
      args+=(-dict="$PWD/tests/fuzz/$t.dict")
    fi
    if [ "$jobs" -gt 1 ]; then   # libFuzzer then writes fuzz-N.log files into the current folder
      args+=(-jobs="$jobs" -workers="$jobs")
    fi
    if ! (cd "$work" && "$fuzzers/fuzz-$t" "${args[@]}" "$corpus") >"$work/fuzz-$t.log" 2>&1; then
      failed+=("$t")
      tail -n 60 "$work/fuzz-$t.log"
      echo "fuzz-$t FAILED; the input is in $work/artifacts-$t/ (keep it in tests/fuzz/regressions/$t/)"
    else
      echo "fuzz-$t: ${seconds} s, $(grep -m1 '^stat::number_of_executed_units' "$work/fuzz-$t.log" |
        awk '{print $2}') inputs, peak RSS $(grep -m1 '^stat::peak_rss_mb' "$work/fuzz-$t.log" | awk '{print $2}') MB"
    fi
  done

  if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz targets: $(( ${#targets[@]} - ${#failed[@]} )) passed, ${#failed[@]} failed (${failed[*]}; logs in $work)"
    return 1
  fi
  [ -n "${FUZZ_WORKDIR:-}" ] || rm -rf "$work"
  echo "fuzz targets: ${#targets[@]} passed, 0 failed"
}

main "$@"
exit
