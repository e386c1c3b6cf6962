#!/usr/bin/env bash
# `manrs filter` / `manrs batch` through the command line: exit statuses (unknown set, empty,
# partial with --strict), --allow-empty as an explicit deny-all, --explain consistent with the
# config, the delta check (--previous refuses beyond --max-change, --force deploys), every
# dialect on a large real set with the header's counts equal to the entries, aggregation
# lossless, batch runs (written, unchanged, refused), RPKI-only without IRR.
# Usage: cli_filter.sh MANRS SHARED_DIR WORKDIR
set -uo pipefail
manrs=$1
shared=$2
work=$3
. "$(dirname "$0")/lib.sh"
pass=0
fail=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
rpsl=$shared/data/rpsl
[ -f "$rpsl/ripe.db.as-set.gz" ] || { echo "skip: shared data absent ($rpsl)"; exit 77; }

cat > t.rpsl <<'R'
as-set: AS200000:AS-CUSTOMERS
members: AS200001, AS200002
source: TEST

as-set: AS-PARTIAL
members: AS200001, AS-NOWHERE
source: TEST

as-set: AS-EMPTY
source: TEST

route: 185.10.0.0/22
origin: AS200001
source: TEST

route: 185.10.0.0/24
origin: AS200001
source: TEST

route: 185.20.0.0/16
origin: AS200002
source: TEST

route: 185.30.0.0/24
origin: AS200002
source: TEST

route: 10.0.0.0/8
origin: AS200001
source: TEST

route6: 2a0a:1::/32
origin: AS200001
source: TEST
R
printf 'ASN,IP Prefix,Max Length\nAS3333,185.30.0.0/24,24\nAS200001,185.10.0.0/22,24\nAS200002,185.60.0.0/23,23\n' > v.csv
F=("$manrs" filter --rpsl t.rpsl -q)

# ---- exit statuses
"${F[@]}" AS-NOT-THERE > out.txt 2> err.txt; rc=$?
check "unknown set: exit 2 with 'not found'" $([ $rc = 2 ] && grep -q "not found" err.txt; echo $?)
"${F[@]}" AS-EMPTY > out.txt 2> err.txt; rc=$?
check "empty set: exit 2, refusing" $([ $rc = 2 ] && grep -q "empty result" err.txt; echo $?)
"${F[@]}" AS-EMPTY --allow-empty -d cisco > out.txt 2> err.txt; rc=$?
check "--allow-empty: exit 0 and an explicit deny-all" \
  $([ $rc = 0 ] && grep -q "deny 0.0.0.0/0" out.txt && ! grep -q permit out.txt; echo $?)
"${F[@]}" AS-PARTIAL > out.txt 2> err.txt; rc=$?
check "partial set: exit 0 with a warning naming the missing set" \
  $([ $rc = 0 ] && grep -q "AS-NOWHERE" err.txt; echo $?)
"${F[@]}" AS-PARTIAL --strict > out.txt 2> err.txt; rc=$?
check "partial set with --strict: exit 1" $([ $rc = 1 ]; echo $?)
"${F[@]}" AS200000:AS-CUSTOMERS -d nosuch > out.txt 2> err.txt; rc=$?
check "unknown dialect: exit 2 listing the dialects" $([ $rc = 2 ] && grep -q "junos" err.txt; echo $?)
"${F[@]}" AS200000:AS-CUSTOMERS --mode irr-rpki > out.txt 2> err.txt; rc=$?
check "irr-rpki without --vrps: exit 2" $([ $rc = 2 ] && grep -q "needs VRPs" err.txt; echo $?)

# ---- modes and --explain
"${F[@]}" AS200000:AS-CUSTOMERS --vrps v.csv -d plain --no-header > plain.txt 2> err.txt
check "irr-rpki (default with --vrps): the invalid /24 and the bogon are out" \
  $(diff <(grep -v '^#' plain.txt | sort) <(printf '185.10.0.0/22\n185.10.0.0/24\n185.20.0.0/16\n2a0a:1::/32\n' | sort) >/dev/null; echo $?)
"${F[@]}" AS200000:AS-CUSTOMERS --vrps v.csv --explain > explain.txt
check "--explain: one + line per entry, with evidence" \
  $([ "$(grep -c '^+ ' explain.txt)" = 4 ] && grep -q '^+ 185.10.0.0/22 .*route 185.10.0.0/22 AS200001 (TEST, rpki valid)' explain.txt; echo $?)
check "--explain: the excluded with their reasons" \
  $(grep -q '^- 185.30.0.0/24 .*rpki-invalid: .*AS3333' explain.txt && grep -q '^- 10.0.0.0/8 .*bogon: inside 10.0.0.0/8 Private-use (RFC 1918)' explain.txt; echo $?)
"${F[@]}" AS200000:AS-CUSTOMERS --vrps v.csv --mode irr+roa -d plain --no-header -4 > roa.txt
check "irr+roa: ROA ranges added and absorbing what they cover" \
  $(diff <(grep -v '^#' roa.txt | sort) <(printf '185.10.0.0/22{22,24}\n185.20.0.0/16\n185.60.0.0/23\n' | sort) >/dev/null; echo $?)
"$manrs" filter AS200002 --vrps v.csv --mode rpki -d plain --no-header -q > rpki.txt 2> err.txt; rc=$?
check "rpki only, an ASN, no IRR" $([ $rc = 0 ] && [ "$(grep -v '^#' rpki.txt)" = "185.60.0.0/23" ]; echo $?)

# ---- delta check
"${F[@]}" AS200000:AS-CUSTOMERS -d cisco -o deployed.cfg 2> /dev/null
"${F[@]}" AS200000:AS-CUSTOMERS -d cisco --previous deployed.cfg > /dev/null 2> err.txt; rc=$?
check "same list again: 0% change, exit 0" $([ $rc = 0 ]; echo $?)
grep -v "185.20.0.0\|185.30.0.0" t.rpsl | awk 'BEGIN{RS="";ORS="\n\n"} /route/ && !/origin/ {next} {print}' > t2.rpsl
"$manrs" filter --rpsl t2.rpsl -q AS200000:AS-CUSTOMERS -d cisco --previous deployed.cfg > out.txt 2> err.txt; rc=$?
check "two of five entries gone (40% > 20%): refused, exit 2, nothing printed" \
  $([ $rc = 2 ] && grep -q "delta check failed" err.txt && [ ! -s out.txt ]; echo $?)
"$manrs" filter --rpsl t2.rpsl -q AS200000:AS-CUSTOMERS -d cisco --previous deployed.cfg --max-change 50 > out.txt 2> err.txt; rc=$?
check "the same within --max-change 50: exit 0" $([ $rc = 0 ] && [ -s out.txt ]; echo $?)
"$manrs" filter --rpsl t2.rpsl -q AS200000:AS-CUSTOMERS -d junos --previous deployed.cfg --force > out.txt 2> err.txt; rc=$?
check "--force deploys, previous list read from another dialect" $([ $rc = 0 ] && [ -s out.txt ]; echo $?)

# ---- every dialect on a large real set: header counts = entries, deterministic
R=(--rpsl "$rpsl/ripe.db.as-set.gz" --rpsl "$rpsl/ripe-nonauth.db.route.gz" --rpsl "$rpsl/ripe-nonauth.db.route6.half-a.gz")
"$manrs" filter AS3320:AS-DTAG "${R[@]}" -q -d plain --no-header > dtag.plain 2> /dev/null
n=$(grep -vc '^#' dtag.plain)
check "AS3320:AS-DTAG: a large list ($n entries)" $([ "$n" -gt 10000 ]; echo $?)
dialects="cisco iosxr junos arista nokia nokia-md huawei mikrotik bird frr openbgpd json plain"
{
  echo 'output_dir = "all"'
  printf '[[customer]]\nname = "dtag"\ntarget = "AS3320:AS-DTAG"\nsessions = [\n'
  for d in $dialects; do printf '  { router = "%s", dialect = "%s", peer_as = 3320 },\n' "$d" "$d"; done
  echo ']'
} > all.toml
"$manrs" batch all.toml "${R[@]}" -q > all1.txt 2> err.txt; rc1=$?
"$manrs" batch all.toml "${R[@]}" -q > all2.txt 2> err.txt; rc2=$?
check "13 dialects of AS3320:AS-DTAG in one batch run; a second run changes nothing (deterministic)" \
  $([ $rc1 = 0 ] && [ $rc2 = 0 ] && [ "$(grep -c ' written' all1.txt)" = 13 ] && [ "$(grep -c ' unchanged' all2.txt)" = 13 ]; echo $?)
for d in $dialects; do
  check "dialect $d: every prefix of the plain list present" $(python3 - all/$d/dtag.$d dtag.plain $d <<'P'
import sys
text = open(sys.argv[1]).read()
want = [l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith('#')]
missing = 0
for w in want:
    p = w.split('{')[0]
    if sys.argv[3] == 'huawei':
        a, l = p.split('/'); p = a + ' ' + l
    if p not in text:
        missing += 1
sys.exit(1 if missing else 0)
P
echo $?)
done

# ---- aggregation is lossless (plain lists expanded to the prefixes they match)
"$manrs" filter AS3320:AS-DTAG "${R[@]}" -q -d plain --no-header -A -4 > agg.plain 2> /dev/null
grep ':' -v dtag.plain | grep -v '^#' > dtag4.plain
check "-A: fewer entries, the same prefixes matched" $(python3 - agg.plain dtag4.plain <<'P'
import ipaddress, sys
def matched(path):
    out = set()
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#'): continue
        p, lo, hi = line, None, None
        if '{' in line:
            p, r = line.split('{'); lo, hi = map(int, r.rstrip('}').split(','))
        net = ipaddress.ip_network(p)
        lo = lo or net.prefixlen; hi = hi or net.prefixlen
        for l in range(lo, hi + 1):
            out.update(net.subnets(new_prefix=l) if l > net.prefixlen else [net])
    return out
a, b = matched(sys.argv[1]), matched(sys.argv[2])
n_a = sum(1 for l in open(sys.argv[1]) if l.strip() and not l.startswith('#'))
n_b = sum(1 for l in open(sys.argv[2]) if l.strip() and not l.startswith('#'))
print(f"   {n_b} entries -> {n_a} aggregated, {len(a)} prefixes matched", file=sys.stderr)
sys.exit(0 if a == b and n_a < n_b else 1)
P
echo $?)

# ---- batch
cat > batch.toml <<'B'
output_dir = "out"
max_change = 20
[defaults]
sessions = [ { router = "edge1", dialect = "cisco" }, { router = "edge2", dialect = "bird" } ]
[[customer]]
name = "cust-a"
target = "AS200000:AS-CUSTOMERS"
[[customer]]
name = "dtag"
target = "AS3320:AS-DTAG"
ipv6 = false
B
"$manrs" batch batch.toml --rpsl t.rpsl "${R[@]}" -q > sum1.txt 2> err.txt; rc=$?
check "batch: 4 files written" $([ $rc = 0 ] && [ "$(grep -c ' written' sum1.txt)" = 4 ] && [ -s out/edge1/cust-a.cisco ] && [ -s out/edge2/dtag.bird ]; echo $?)
"$manrs" batch batch.toml --rpsl t.rpsl "${R[@]}" -q --json > sum2.json 2> err.txt; rc=$?
check "batch again: every file unchanged (JSON summary)" \
  $([ $rc = 0 ] && [ "$(grep -o '"status":"unchanged"' sum2.json | wc -l)" = 4 ]; echo $?)
"$manrs" batch batch.toml --rpsl t2.rpsl "${R[@]}" -q --diff > sum3.txt 2> err.txt; rc=$?
check "batch with cust-a shrunk 40%: refused (exit 2), previous file kept, dtag unchanged" \
  $([ $rc = 2 ] && grep -q "cust-a .*REFUSED" sum3.txt && grep -q "185.20.0.0" out/edge1/cust-a.cisco && grep -q "dtag .*unchanged" sum3.txt; echo $?)
"$manrs" batch batch.toml --rpsl t2.rpsl "${R[@]}" -q --force > sum4.txt 2> err.txt; rc=$?
check "batch --diff: the removed entries listed under the refused file" \
  $(grep -q '^    - 185.20.0.0/16$' sum3.txt && grep -q '^    - 185.30.0.0/24$' sum3.txt; echo $?)
check "batch --force: written" $([ $rc = 0 ] && ! grep -q "185.20.0.0" out/edge1/cust-a.cisco; echo $?)
summary
