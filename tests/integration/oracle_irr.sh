#!/usr/bin/env bash
# IRR end to end (issue 5): `manrs irr serve` loaded with the real RPSL of ../shared/data/rpsl
# (RIPE as-sets, RIPE-NONAUTH routes, half its route6 objects, aut-nums), queried by Debian's
# bgpq4 and bgpq3, by whois(1) and by the load client; every answer is compared with
# `manrs irr expand` and with irr_oracle.py (an independent expansion written for this test).
#   - prefix lists (IPv4, IPv6) and AS lists of real as-sets: the largest, nested, cyclic and
#     partial ones (members in other IRRs): bgpq4 (!a path), bgpq3 (!i,1 + !g path), bgpq4 -t;
#   - router dialects (Cisco, Juniper, BIRD, IOS XR, Arista, OpenBGPD, JSON, aggregated):
#     bgpq4 through manrs = bgpq4 through fake_irrd.py serving the oracle's expansion;
#   - the bgpq4 option matrix of oracles.md §2 on tiny.rpsl: manrs = fake_irrd.py byte for byte;
#   - whois(1) RIPE-style and ! queries; 100 concurrent pipelined clients; partial expansions
#     are flagged (--strict exits 1), unknown sets are errors, empty ones are refused.
# Usage: oracle_irr.sh MANRS SHARED_DIR WORK_DIR LOAD_CLIENT   (exit 77 = skipped)
set -uo pipefail
manrs=$1
shared=$2
work=$3
load_client=$4
here=$(cd "$(dirname "$0")" && pwd)
rpsl=$shared/data/rpsl
tools=$shared/tools
if [ ! -d "$rpsl" ] || [ ! -f "$tools/fake_irrd.py" ]; then
  echo "SKIP: $rpsl or $tools/fake_irrd.py absent (shared data folder missing)"
  exit 77
fi
for t in bgpq4 bgpq3 whois python3; do
  command -v $t > /dev/null || { echo "SKIP: $t not installed (tools/setup.sh installs it)"; exit 77; }
done
rm -rf "$work"
mkdir -p "$work/oracle" "$work/out"
# shellcheck source=tests/integration/lib.sh
. "$here/lib.sh"

files=("$rpsl/ripe.db.as-set.gz" "$rpsl/ripe-nonauth.db.aut-num.gz" "$rpsl/ripe-nonauth.db.route.gz"
       "$rpsl/ripe-nonauth.db.route6.half-a.gz")
rpsl_args=()
for f in "${files[@]}"; do rpsl_args+=(--rpsl "$f"); done
SRC=RIPE,RIPE-NONAUTH

# The sets: the largest of the dump (51k ASNs through nesting), big flat ones, deeply nested,
# cyclic, with SOURCE:: pins and members that live in other IRRs (partial), with mbrs-by-ref.
sets=(AS3326:AS-PEERS-UAE AS-UBNIX-MEMBERS AS-RETN-ACTUAL-V4 AS3320:AS-DTAG AS-RESTENA
      AS-GTTCUST AS-RETN AS-TMPEBONECWIX)
extra_sets=$(python3 - "${files[0]}" <<'EOF'
# A few more real sets picked by shape (not by name): nested with mbrs-by-ref, pinned members.
import gzip, re, sys
pins = mbr = None
cur = []
for line in gzip.open(sys.argv[1], "rt", encoding="latin-1"):
    if line.strip() == "":
        text = "".join(cur)
        cur = []
        m = re.match(r"as-set:\s*(\S+)", text)
        if not m:
            continue
        if pins is None and re.search(r"^members:.*\b[A-Z-]+::AS", text, re.M | re.I):
            pins = m.group(1)
        if mbr is None and re.search(r"^mbrs-by-ref:\s*\S", text, re.M) and "members:" in text:
            mbr = m.group(1)
        continue
    cur.append(line)
print(" ".join(x for x in (pins, mbr) if x))
EOF
)
read -r -a more <<< "$extra_sets"
sets+=("${more[@]}")
echo "sets: ${sets[*]}"

# ---- oracle ------------------------------------------------------------------------------------
timeout 600 python3 "$here/irr_oracle.py" --sources $SRC "${files[@]}" -- batch "$work/oracle" \
  "${sets[@]}"
check "irr_oracle.py expanded ${#sets[@]} sets ($(elapsed))" $?

# ---- manrs irr expand vs oracle ----------------------------------------------------------------
for i in "${!sets[@]}"; do
  s=${sets[$i]}
  timeout 120 "$manrs" irr expand -q "${rpsl_args[@]}" --sources $SRC --allow-empty "$s" \
    > "$work/out/$i.asns" 2> "$work/out/$i.err"
  cmp -s "$work/out/$i.asns" "$work/oracle/$i.asns"
  check "manrs irr expand $s: $(wc -l < "$work/oracle/$i.asns") ASNs = oracle" $?
  for fam in 4 6; do
    timeout 120 "$manrs" irr expand -q "${rpsl_args[@]}" --sources $SRC --allow-empty -$fam "$s" \
      2> /dev/null | sort -u > "$work/out/$i.mp$fam"
    sort -u "$work/oracle/$i.p$fam" > "$work/oracle/$i.sp$fam"
    cmp -s "$work/out/$i.mp$fam" "$work/oracle/$i.sp$fam"
    check "manrs irr expand -$fam $s: $(wc -l < "$work/oracle/$i.p$fam") prefixes = oracle" $?
  done
  # Missing sets: --json lists every one ("NAME (from PARENT)"); the names equal the oracle's.
  timeout 120 "$manrs" irr expand -q "${rpsl_args[@]}" --sources $SRC --allow-empty --json "$s" \
    2> /dev/null | python3 -c '
import json, sys
print("\n".join(sorted({m.split(" (from ")[0] for m in json.load(sys.stdin)["missing"]})))' \
    | grep . > "$work/out/$i.missing"
  cmp -s <(grep . "$work/oracle/$i.missing") "$work/out/$i.missing"
  r=$?  # before $(grep -c ...), which sets $? itself
  check "$s: $(grep -c . "$work/oracle/$i.missing") missing sets reported = oracle" $r
  # stderr names some of them and says the expansion is partial.
  if [ -s "$work/oracle/$i.missing" ]; then
    grep -q 'not found in the selected sources, the expansion is partial' "$work/out/$i.err"
    check "$s: stderr warns that the expansion is partial" $?
  fi
done

# ---- manrs irr serve + bgpq4 / bgpq3 -----------------------------------------------------------
port=$(free_port)
"$manrs" irr serve "${rpsl_args[@]}" --listen 127.0.0.1:$port --http '' \
  --query-log "$work/query.log" > "$work/serve.log" 2>&1 &
pids+=($!)
wait_port $port 120
check "manrs irr serve listening ($(elapsed))" $?
H=127.0.0.1:$port

count_private() {  # ASNs of an AS list that bgpq3 drops silently (64496-65551, >= 4200000000)
  python3 -c '
import sys
asns = [int(l[2:]) for l in open(sys.argv[1]) if l.strip()]
print(sum(1 for a in asns if 64496 <= a <= 65551 or a >= 4200000000))' "$1"
}

for i in "${!sets[@]}"; do
  s=${sets[$i]}
  for fam in 4 6; do
    timeout 60 bgpq4 -h $H -S $SRC -$fam -F '%n/%l\n' "$s" > "$work/out/$i.b4_$fam" 2> "$work/out/$i.b4_$fam.err"
    rc=$?
    sort -u "$work/out/$i.b4_$fam" | grep . > "$work/out/$i.sb4_$fam"
    grep . "$work/oracle/$i.sp$fam" > "$work/oracle/$i.np$fam"
    cmp -s "$work/out/$i.sb4_$fam" "$work/oracle/$i.np$fam" && [ $rc = 0 ]
    check "bgpq4 -$fam $s through manrs: $(wc -l < "$work/out/$i.sb4_$fam") prefixes = oracle (rc $rc)" $?
  done
  # bgpq3 resolves the set with !i,1 and asks !g per AS: another code path of the server.
  npriv=$(count_private "$work/oracle/$i.asns")
  if [ "$npriv" = 0 ]; then
    timeout 120 bgpq3 -h $H -S $SRC -4 -F '%n/%l\n' "$s" 2> /dev/null | sort -u | grep . > "$work/out/$i.b3"
    cmp -s "$work/out/$i.b3" "$work/oracle/$i.np4"
    check "bgpq3 -4 $s through manrs: $(wc -l < "$work/out/$i.b3") prefixes = oracle" $?
  fi
  timeout 60 bgpq4 -h $H -S $SRC -p -t -j -l L "$s" 2> /dev/null | python3 -c '
import json, sys
print("\n".join(f"AS{a}" for a in sorted(json.load(sys.stdin)["L"])))' > "$work/out/$i.b4asn"
  # bgpq4 drops AS_TRANS (23456) from AS lists.
  grep -vx AS23456 "$work/oracle/$i.asns" > "$work/oracle/$i.asns_nt"
  cmp -s "$work/out/$i.b4asn" "$work/oracle/$i.asns_nt"
  check "bgpq4 -t (AS list via !i,1) $s: $(wc -l < "$work/out/$i.b4asn") ASNs = oracle" $?
done

# ---- dialects: bgpq4 through manrs = bgpq4 through fake_irrd.py serving the oracle's result ---
fport=$(free_port)
python3 - "$work" "${sets[0]}" "${sets[3]}" <<'EOF'
# tiny RPSL for fake_irrd.py: the two sets flattened to the oracle's ASNs, and their routes.
import sys
w = sys.argv[1]
out = open(f"{w}/flat.rpsl", "w")
for n, name in ((0, sys.argv[2]), (3, sys.argv[3])):
    asns = [l.strip() for l in open(f"{w}/oracle/{n}.asns") if l.strip()]
    out.write(f"as-set: {name}\nmembers: {', '.join(asns)}\nsource: FLAT\n\n")
    for fam, cls in ((4, "route"), (6, "route6")):
        # prefixes with their origins, from the oracle's per-AS data is not kept: give every
        # prefix the first ASN (fake_irrd only maps origin -> prefixes for !a).
        for p in open(f"{w}/oracle/{n}.p{fam}"):
            if p.strip():
                out.write(f"{cls}: {p.strip()}\norigin: {asns[0]}\nsource: FLAT\n\n")
EOF
python3 "$tools/fake_irrd.py" --port $fport --log "$work/fake.log" --rpsl "$work/flat.rpsl" \
  > /dev/null 2>&1 &
pids+=($!)
wait_port $fport 60
for s in "${sets[0]}" "${sets[3]}"; do
  for opts in "-4" "-6" "-4 -A" "-6 -A" "-4 -J -l PL" "-4 -E -J" "-4 -b -l pl" "-4 -X" "-4 -e" \
              "-4 -B" "-4 -j" "-4 -R 24" "-4 -r 16 -R 24" "-4 -m 22" "-6 -z -J" "-4 -K7"; do
    # shellcheck disable=SC2086
    timeout 60 bgpq4 -h $H -S $SRC $opts "$s" > "$work/out/d_manrs" 2>&1
    # shellcheck disable=SC2086
    timeout 60 bgpq4 -h 127.0.0.1:$fport -S FLAT $opts "$s" > "$work/out/d_fake" 2>&1
    cmp -s "$work/out/d_manrs" "$work/out/d_fake"
    check "bgpq4 $opts $s: manrs = fake_irrd on the oracle's data ($(wc -l < "$work/out/d_manrs") lines)" $?
  done
done

# ---- the bgpq4 option matrix (oracles.md §2) on tiny.rpsl: manrs = fake_irrd.py --------------
tport=$(free_port)
tfport=$(free_port)
"$manrs" irr serve -q --rpsl "$tools/tiny.rpsl" --listen 127.0.0.1:$tport --http '' \
  > "$work/tiny.log" 2>&1 &
pids+=($!)
python3 "$tools/fake_irrd.py" --port $tfport --log "$work/fake_tiny.log" --rpsl "$tools/tiny.rpsl" \
  > /dev/null 2>&1 &
pids+=($!)
wait_port $tport 30 && wait_port $tfport 30
n=0
same=0
while IFS= read -r opts; do
  [ -z "$opts" ] && continue
  n=$((n + 1))
  # shellcheck disable=SC2086
  eval "timeout 20 bgpq4 -h 127.0.0.1:$tport $opts" > "$work/out/m_manrs" 2>&1
  echo "rc=$?" >> "$work/out/m_manrs"
  # shellcheck disable=SC2086
  eval "timeout 20 bgpq4 -h 127.0.0.1:$tfport $opts" > "$work/out/m_fake" 2>&1
  echo "rc=$?" >> "$work/out/m_fake"
  if cmp -s "$work/out/m_manrs" "$work/out/m_fake"; then
    same=$((same + 1))
  else
    echo "     differs: bgpq4 $opts"
    diff "$work/out/m_fake" "$work/out/m_manrs" | head -6 | sed 's/^/       /'
  fi
done <<'EOF'
-p -4 AS-FOO
-p -6 AS-FOO
-p -4 -A AS-FOO
-p -4 -R 24 AS-FOO
-p -4 -m 24 AS-FOO
-p -f 65000 AS-FOO
-p -G 65000 AS-FOO
-p -J -l PL-FOO AS-FOO
-p -b -l pl_foo AS-FOO
-p -F '%n/%l\n' AS-FOO
-p AS65001
-p -4 AS65001 AS65002
-p -j AS-FOO
-p -t -j AS-FOO
-p -L 1 AS-FOO
-p -T AS-FOO
-p AS-FOO EXCEPT AS65003
-p -E -J AS-FOO
-p -B AS-FOO
-p -r 16 -R 24 AS-FOO
-p AS-NOPE
-4 AS-FOO
-p -6 -A -J -E -l RF6 AS-FOO
-p -H 65000 -J AS-FOO
-p -f 65000 -J AS-FOO
-p -f 65000 -b AS-FOO
-p -X AS-FOO
-p -e AS-FOO
-p -K7 AS-FOO
-p -u AS-FOO
-p -n AS-FOO
-p -z -J AS-FOO
-p -s AS-FOO
AS-PUB EXCEPT AS2121
EOF
[ $same = $n ]
check "bgpq4 option matrix on tiny.rpsl: $same/$n outputs identical to fake_irrd.py" $?
for opts in "-4 AS-FOO" "-6 AS-FOO"; do
  # shellcheck disable=SC2086
  timeout 20 bgpq3 -h 127.0.0.1:$tport $opts > "$work/out/b3_manrs" 2>&1
  # shellcheck disable=SC2086
  timeout 20 bgpq3 -h 127.0.0.1:$tfport $opts > "$work/out/b3_fake" 2>&1
  cmp -s "$work/out/b3_manrs" "$work/out/b3_fake"
  check "bgpq3 $opts on tiny.rpsl: manrs = fake_irrd.py" $?
done

# Route-set ranges reach bgpq4 in the two-number form: bgpq4 1.9 reads "2001:db8::/32^48" (what
# fake_irrd.py passes on from tiny.rpsl) as nothing, "2001:db8::/32^48-48" as the 65536 /48s that
# RFC 2622 means, and the same for 198.18.0.0/15^24-24 -> 512 /24s.
timeout 20 bgpq4 -h 127.0.0.1:$tport -p -6 RS-FOO > "$work/out/rs6" 2>&1
timeout 20 bgpq4 -h 127.0.0.1:$tport -p -4 RS-FOO > "$work/out/rs4" 2>&1
[ "$(grep -c 'permit 2001:db8:[0-9a-f:]*/48$' "$work/out/rs6")" = 65536 ] &&
  [ "$(grep -c 'permit 198\.1[89]\.[0-9]*\.0/24$' "$work/out/rs4")" -ge 512 ] &&
  grep -q 'permit 192.0.2.0/24' "$work/out/rs4"
check "bgpq4 RS-FOO: 2001:db8::/32^48 -> 65536 /48s, 198.18.0.0/15^24-24 -> 512 /24s" $?

# tiny.rpsl gives AS-PUB an `mp-members: AS2121`; RFC 4012 adds mp-members to route-sets only,
# IRRd ignores it in an as-set and so do we (fake_irrd.py does not): AS2121 must not appear.
timeout 20 bgpq3 -h 127.0.0.1:$tport -4 AS-PUB > "$work/out/b3_pub" 2>&1
timeout 20 bgpq4 -h 127.0.0.1:$tport -4 -f 1 AS-PUB > "$work/out/b4_pub" 2>&1
grep -q '193.0.0.0/21' "$work/out/b3_pub" && ! grep -q '193.0.10.0' "$work/out/b3_pub" &&
  grep -q '_(3333)\$' "$work/out/b4_pub"
check "as-set mp-members ignored like IRRd (bgpq3 -4 / bgpq4 -f AS-PUB: AS3333 only)" $?

# ---- whois(1): RIPE-style and ! queries, lower-cased and CRLF-terminated ---------------------
origin=$(zcat "${files[2]}" | awk '/^origin:/ {print $2; exit}')
want=$(zcat "${files[2]}" | awk -v o="$origin" '/^route:/ {p=$2} /^origin:/ && toupper($2)==toupper(o) {n++} END {print n}')
timeout 20 whois -h 127.0.0.1 -p $port -- "-K -i origin $origin" > "$work/out/w1" 2>&1
got=$(grep -c '^route:' "$work/out/w1")
[ "$got" = "$want" ] && ! grep -q '^descr:' "$work/out/w1"
check "whois -K -i origin $origin: $got route objects, keys only (want $want)" $?
timeout 20 whois -h 127.0.0.1 -p $port -- "!g$origin" > "$work/out/w2" 2>&1
head -1 "$work/out/w2" | grep -q '^A[0-9]'
check "whois !g$origin (lower-cased by whois): A-framed answer" $?
timeout 20 whois -h 127.0.0.1 -p $port -- "AS-RESTENA" > "$work/out/w3" 2>&1
grep -q '^as-set: *AS-RESTENA' "$work/out/w3"
check "whois AS-RESTENA: the as-set object" $?

# ---- load: 100 concurrent pipelined clients, every answer well framed -------------------------
zcat "${files[2]}" | awk '/^origin:/ {print "!g" $2; print "!6" $2}' | sort -u | head -4000 > "$work/queries"
for s in "${sets[@]}"; do echo "!a4$s"; echo "!i$s,1"; done >> "$work/queries"
timeout 60 "$load_client" 127.0.0.1 $port "$work/queries" --clients 100 --seconds 3 --window 4 \
  > "$work/load.out" 2>&1
r=$?
check "100 concurrent clients: $(grep RESULT "$work/load.out" | cut -d' ' -f3-7)" $r
kill -0 "${pids[0]}" 2>/dev/null
check "server still running after the load" $?
grep -q 'q=' "$work/query.log"
check "query log written ($(grep -c 'q=' "$work/query.log") lines)" $?

# ---- guardrails from the command line -----------------------------------------------------------
timeout 60 "$manrs" irr expand -q "${rpsl_args[@]}" --sources $SRC AS-NO-SUCH-SET-XYZ > /dev/null 2> "$work/out/g1"
rc=$?
[ $rc = 2 ] && grep -q 'not found' "$work/out/g1"
check "unknown set: exit 2, 'not found' (rc $rc)" $?
partial_i=-1
for i in "${!sets[@]}"; do [ -s "$work/oracle/$i.missing" ] && { partial_i=$i; break; }; done
if [ $partial_i -ge 0 ]; then
  timeout 60 "$manrs" irr expand -q "${rpsl_args[@]}" --sources $SRC --strict "${sets[$partial_i]}" > /dev/null 2> "$work/out/g2"
  rc=$?
  [ $rc = 1 ] && grep -q 'partial' "$work/out/g2"
  check "partial expansion of ${sets[$partial_i]}: --strict exits 1 and says partial (rc $rc)" $?
fi
timeout 60 "$manrs" irr expand -q "${rpsl_args[@]}" --sources $SRC --json --contributions "${sets[0]}" \
  > "$work/out/g3.json" 2> /dev/null
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["contributions"], "no contributions"
assert all("member" in c and "asns" in c for c in d["contributions"])
assert max(c["asns"] for c in d["contributions"]) <= len(d["asns"])
' "$work/out/g3.json"
check "--json: per-member contributions of ${sets[0]}" $?

summary
