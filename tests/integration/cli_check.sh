#!/usr/bin/env bash
# `manrs check` through the command line on the real samples:
#  - M7IRR / M7RPKI of 8 real ASes (2002 RIB, 2017 ROAs, RIPE-NONAUTH route objects) equal
#    check_m7_oracle.py, an independent implementation (bgpdump's decoding, a naive RFC 6811);
#  - a data directory found by content (../shared/data) gives a full report in text, JSON and
#    HTML; the data directory is not written to; the history keeps one row per AS and month
#    and the trend shows them;
#  - `--all`: a table with the Observatory export's columns (CSV and JSON), one row per AS seen
#    by --min-peers peers, consistent with single-AS reports;
#  - usage errors: exit 2 with the field named.
# Usage: cli_check.sh MANRS SHARED_DIR WORKDIR
set -uo pipefail
manrs=$1
shared=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
D=$shared/data
[ -f "$D/mrt/bview.20020722.2337.gz" ] || { echo "skip: shared data absent ($D)"; exit 77; }
rib=$D/mrt/bview.20020722.2337.gz
roas=$D/vrp/roalist-authenticated-2017-05-25T053325Z.txt
routes=("$D/rpsl/ripe-nonauth.db.route.gz" "$D/rpsl/ripe-nonauth.db.route6.half-a.gz")

# ---- M7 against the independent oracle
python3 "$here/check_m7_oracle.py" --bgpdump "$D/mrt/expected/bview.20020722.2337.gz.bgp.gz" \
  --roas "$roas" --rpsl "${routes[@]}" --top 8 > oracle.json
check "oracle computed 8 ASes" $([ "$(python3 -c 'import json; print(len(json.load(open("oracle.json"))))')" = 8 ]; echo $?)
for asn in $(python3 -c 'import json; print(" ".join(json.load(open("oracle.json"))))'); do
  "$manrs" check "AS$asn" --mrt "$rib" --vrps "$roas" --rpsl "${routes[@]}" --no-history -q \
    --format json -o "m7-$asn.json"
  rc=$?
  python3 - "$asn" <<'P'
import json, sys
asn = sys.argv[1]
o = json.load(open("oracle.json"))[asn]
r = json.load(open(f"m7-{asn}.json"))
ri = r["routing"]
got = {"routes": ri["routes_total"], "irr_covered": ri["irr_covered"], "valid": ri["rpki_valid"],
       "invalid": ri["rpki_invalid"], "not_found": ri["rpki_not_found"]}
want = {k: o[k] for k in got}
assert got == want, (asn, got, want)
for key, metric in (("irr", "m7irr"), ("rpki", "m7rpki")):
    p = r["actions"][key]["percent"]
    assert abs(p - o[metric]) < 1e-6, (asn, key, p, o[metric])
P
  check "AS$asn: M7IRR and M7RPKI equal the oracle (exit $rc)" $([ $rc = 0 ] && [ $? = 0 ]; echo $?)
done

# ---- a data directory found by content, every output, history
state=$work/state
before=$(find "$D" -type f | wc -l)
"$manrs" check AS3333 --data "$D" --month 2015-11 --state "$state" --color never > as3333.txt \
  2> as3333.err
rc=$?
# The shared data holds damaged MRT fixtures: exit 1 (damaged records skipped, report complete).
check "data dir: exit 1, damaged records reported ($rc)" $([ $rc = 1 ] && grep -q 'warning: .*@' as3333.err; echo $?)
grep -q 'skipped .*stayrtr-slurm.json' as3333.err
check "a broken file found in the data directory is skipped with a warning naming it" $?
for a in Filtering Anti-spoofing Coordination IRR RPKI; do
  grep -q "$a" as3333.txt
  check "text report shows $a" $?
done
after=$(find "$D" -type f | wc -l)
check "the data directory is not written to" $([ "$before" = "$after" ]; echo $?)
"$manrs" check AS3333 --data "$D" --month 2015-11 --state "$state" -q --format json -o as3333.json \
  --html as3333.html 2>/dev/null
check "json + html written" $([ -s as3333.json ] && [ -s as3333.html ]; echo $?)
python3 - <<'P'
import json
r = json.load(open("as3333.json"))
assert r["schema_version"] == 1 and r["asn"] == 3333, r["asn"]
assert r["window"]["month"] == "2015-11"
assert set(r["actions"]) == {"filtering", "anti-spoofing", "coordination", "irr", "rpki"}
# PeeringDB has AS3333 (RIPE NCC) with irr_as_set AS-RIPENCC: coordination has data.
assert r["coordination"]["have_peeringdb"], r["coordination"]
assert r["actions"]["coordination"]["percent"] is not None
# No Spoofer data in the shared folder: no data, never a made-up score.
assert r["actions"]["anti-spoofing"]["percent"] is None
assert r["actions"]["anti-spoofing"]["readiness"] == "no-data"
kinds = {i["kind"] for i in r["inputs"]}
for k in ("rpsl", "vrps", "peeringdb", "mrt-rib", "mrt-updates", "as-rel"):
    assert k in kinds, (k, kinds)
P
check "JSON report: schema, window, actions, inputs found by content" $?
grep -q '<svg' as3333.html && ! grep -q 'src="http' as3333.html && ! grep -q 'href="http' as3333.html
check "HTML page has SVG charts and no external resource" $?
"$manrs" check AS3333 --data "$D" --month 2015-12 --state "$state" -q --format json -o as3333-dec.json \
  2>/dev/null
python3 -c '
import json
r = json.load(open("as3333-dec.json"))
months = [h["month"] for h in r["history"]]
assert months == ["2015-11", "2015-12"], months
'
check "history: two months stored, the trend shows both" $?
check "history in the state directory" $([ -f "$state/manrs.sqlite" ]; echo $?)

# ---- --all (the 2002 dump is a merged table: most prefixes come from one peer, so every
# origin is scored with --min-peers 1; --min-peers 5 keeps only the widely seen ones)
"$manrs" check --all --mrt "$rib" --no-history -q --min-peers 5 --format csv -o all5.csv
check "--min-peers 5 scores fewer ASes" $([ "$(wc -l < all5.csv)" -lt 100 ] && [ "$(wc -l < all5.csv)" -gt 2 ]; echo $?)
"$manrs" check --all --mrt "$rib" --vrps "$roas" --rpsl "${routes[@]}" --min-peers 1 \
  --no-history -q --format csv -o all.csv
rc=$?
check "--all: exit 0 ($rc)" $([ $rc = 0 ]; echo $?)
head -1 all.csv | grep -q '^ASN,Holder,Country,RIR,Filtering,Anti-spoofing,Coordination,IRR,RPKI'
check "--all CSV has the Observatory export's columns" $?
"$manrs" check --all --mrt "$rib" --vrps "$roas" --rpsl "${routes[@]}" --min-peers 1 \
  --no-history -q --format json -o all.json
python3 - "$rib" <<'P'
import csv, json, subprocess, sys
rows = list(csv.DictReader(open("all.csv")))
js = json.load(open("all.json"))
jrows = js["networks"]
assert len(rows) == len(jrows) > 1000, (len(rows), len(jrows))
o = json.load(open("oracle.json"))
byasn = {r["ASN"]: r for r in rows}
assert [str(j["asn"]) for j in jrows] == [r["ASN"] for r in rows]
for asn, v in o.items():
    if asn in byasn:
        assert abs(float(byasn[asn]["IRR"]) - v["m7irr"]) < 0.051, (asn, byasn[asn]["IRR"], v)
        assert abs(float(byasn[asn]["RPKI"]) - v["m7rpki"]) < 0.051, (asn, byasn[asn]["RPKI"], v)
P
check "--all JSON and CSV agree; IRR/RPKI columns equal the oracle" $?

# ---- usage errors
"$manrs" check ASX --no-history -q 2>err.txt
check "bad ASN: exit 2" $([ $? = 2 ] && grep -q 'want an ASN' err.txt; echo $?)
"$manrs" check AS1 --month 2015-13 --no-history -q 2>err.txt
check "bad month: exit 2 naming --month" $([ $? = 2 ] && grep -q -- '--month' err.txt; echo $?)
"$manrs" check AS1 --mrt nowhere.mrt --no-history -q 2>err.txt
check "missing file: exit 2 naming it" $([ $? = 2 ] && grep -q 'nowhere.mrt' err.txt; echo $?)
"$manrs" check --no-history -q 2>/dev/null
check "no ASN and no --all: exit 2" $([ $? = 2 ]; echo $?)
summary
