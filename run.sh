#!/usr/bin/env bash
# The main job: install dependencies, build (release), and run manrs on real data.
# Until `manrs check` exists the main job is `manrs mrt stats` over a real RIB from
# ../shared/data/mrt (pass your own MRT files as arguments instead).
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(../shared/data/mrt/bview.20020722.2337.gz)
fi
exec build/release/src/manrs/app/manrs mrt stats "${files[@]}"
