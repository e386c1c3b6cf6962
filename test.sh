#!/usr/bin/env bash
# The whole test suite: install dependencies, build with ASan+UBSan, run every test (unit,
# oracle against bgpdump, CLI end to end, hostile inputs, fuzz-corpus replay), then check
# formatting. Exit status 0 only if everything passed.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j2
tools/check-format.sh
