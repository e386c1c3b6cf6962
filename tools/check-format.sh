#!/usr/bin/env bash
# Fails when a C++ file in the repository is not clang-format clean (STYLE.md §12).
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not clang-formatted: $f"
    bad=1
  fi
done < <(git ls-files '*.h' '*.cpp')
[ "$bad" = 0 ] && echo "format: clean"
exit $bad
