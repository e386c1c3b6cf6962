#!/usr/bin/env bash
# The main job: install dependencies, build (release), and run manrs on real data.
# Until `manrs check` exists the main job is `manrs mrt stats` and `manrs rov --summary` over a
# real RIB from ../shared/data/mrt against the 2017 global ROA list in ../shared/data/vrp (pass
# your own MRT files as arguments instead; VRPS=file picks another VRP set), then the IRR
# report of a real as-set (AS3320:AS-DTAG, SET=name picks another) from the RIPE dumps in
# ../shared/data/rpsl, its route objects checked against the same ROA list, and the customer
# filter of that set (IRR minus RPKI-invalid, Junos) with the start of its explanation.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(../shared/data/mrt/bview.20020722.2337.gz)
fi
manrs=build/release/src/manrs/app/manrs
"$manrs" mrt stats "${files[@]}"
echo
vrps=${VRPS:-../shared/data/vrp/roalist-authenticated-2017-05-25T053325Z.txt}
"$manrs" rov --vrps "$vrps" --summary "${files[@]}"
rpsl=../shared/data/rpsl
if [ -d "$rpsl" ]; then
  echo
  irr=(--rpsl "$rpsl/ripe.db.as-set.gz" --rpsl "$rpsl/ripe-nonauth.db.aut-num.gz"
       --rpsl "$rpsl/ripe-nonauth.db.route.gz" --rpsl "$rpsl/ripe-nonauth.db.route6.half-a.gz")
  "$manrs" irr stats -q "${irr[@]}" --vrps "$vrps"
  echo
  "$manrs" irr expand -q "${irr[@]}" --report -4 "${SET:-AS3320:AS-DTAG}"
fi
if [ -d "$rpsl" ]; then
  # The customer filter of the same set: IRR minus RPKI-invalid, aggregated, Juniper syntax
  # (written to build/filter-example.junos; the summary and warnings go to stderr), and the
  # first lines of its explanation.
  echo
  "$manrs" filter -q "${irr[@]}" --vrps "$vrps" -A -d junos --peer-as 3320 \
    -o build/filter-example.junos "${SET:-AS3320:AS-DTAG}"
  "$manrs" filter -q "${irr[@]}" --vrps "$vrps" --explain -o build/filter-example.explain \
    "${SET:-AS3320:AS-DTAG}" 2> /dev/null
  sed -n 1,12p build/filter-example.explain
  grep '^- ' build/filter-example.explain | sed -n 1,5p || true
fi
