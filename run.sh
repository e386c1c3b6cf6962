#!/usr/bin/env bash
# The main job: install dependencies, build (release), and run `manrs check` — the MANRS
# readiness report of an AS (AS3333 by default, ASN=... picks another; MONTH=YYYY-MM the month)
# on the data directory ../shared/data, every file recognised by its content (RIBs and updates,
# ROA lists, RPSL dumps, PeeringDB pages, as-rel, delegated stats, bogon lists). It prints the
# text report and writes the HTML page and the JSON report under build/, then the `--all` score
# table of the 2002 RIB. After it, the earlier jobs: `manrs mrt stats` and `manrs rov --summary`
# over a real RIB (pass your own MRT files as arguments instead; VRPS=file picks another VRP
# set), the IRR report of a real as-set (AS3320:AS-DTAG, SET=name picks another) and its
# customer filter (IRR minus RPKI-invalid, Junos) with the start of its explanation.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
manrs=build/release/src/manrs/app/manrs
data=../shared/data
if [ -d "$data" ]; then
  # Exit status 1 = some damaged MRT records were skipped (the shared data holds robustness
  # fixtures); the report is complete for the rest.
  "$manrs" check "${ASN:-AS3333}" --data "$data" --month "${MONTH:-2015-11}" \
    --state build/manrs-state --html "build/check-${ASN:-AS3333}.html" \
    --json "build/check-${ASN:-AS3333}.json" || [ $? = 1 ]
  echo "HTML page: build/check-${ASN:-AS3333}.html"
  echo
  # Every AS of the 2002 table. That dump is a merged table (most prefixes from one peer), so
  # --min-peers 1 (the Observatory's rule, the default, is 5 peers); holders from the AS-name
  # list, countries from the RIPE NCC delegated stats.
  "$manrs" check --all -q --mrt "$data/mrt/bview.20020722.2337.gz" \
    --vrps "$data/vrp/roalist-authenticated-2017-05-25T053325Z.txt" \
    --rpsl "$data/rpsl/ripe-nonauth.db.route.gz" --as-names "$data/misc/pyasn-asnames.json.gz" \
    --delegated "$data/misc/rir-delegated/delegated-ripencc-extended-20130418.gz" \
    --min-peers 1 --no-history --format csv -o build/check-all-2002-07.csv
  echo "--all: $(($(wc -l < build/check-all-2002-07.csv) - 1)) ASes scored -> build/check-all-2002-07.csv"
  head -4 build/check-all-2002-07.csv
  echo
fi
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(../shared/data/mrt/bview.20020722.2337.gz)
fi
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
