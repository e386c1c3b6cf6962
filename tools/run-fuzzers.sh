#!/usr/bin/env bash
# Builds the `fuzz` preset (clang + libFuzzer + ASan/UBSan) and runs every fuzz_* target for
# SECONDS seconds (default 60) over its corpus, one target after the other on one core
# (STYLE.md T5).
#
#   tools/run-fuzzers.sh [SECONDS] [TARGET...]     e.g. tools/run-fuzzers.sh 600 fuzz_mrt
#
# New coverage goes to build/fuzz/corpus-work/<name>/ (fuzz/corpus/<name>/ is only read);
# crashes, leaks and timeouts go to build/fuzz/artifacts/. Minimize a crasher with
#   build/fuzz/fuzz/fuzz_<name> -minimize_crash=1 -runs=100000 CRASH
# fix the decoder, and add the minimized input to fuzz/corpus/<name>/ so ctest replays it.
# Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
if ! [[ $seconds =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [SECONDS] [TARGET...]" >&2
  exit 2
fi

cmake --preset fuzz >/dev/null
build=build/fuzz
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(sed -n 's/^manrs_fuzzer(NAME \([a-z0-9_]*\).*/fuzz_\1/p' fuzz/CMakeLists.txt)
fi
cmake --build "$build" -j1 --target "${targets[@]}"

mkdir -p "$build/artifacts"
status=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  work="$build/corpus-work/$name"
  mkdir -p "$work"
  log="$build/artifacts/$target.log"
  echo "== $target: ${seconds}s over fuzz/corpus/$name (log: $log)"
  if "$build/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=70000 \
      -timeout=25 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
      "$work" "fuzz/corpus/$name" >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' "$log" || true
  else
    status=1
    echo "!! $target found a problem:" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -20 "$log" >&2
  fi
done
exit $status
