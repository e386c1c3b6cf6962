#!/usr/bin/env bash
# End-to-end checks of `manrs vrp convert|diff|lookup` and `manrs rov` on the real VRP samples and
# MRT files: round trips through every output format, diffs against an independent python count,
# verdicts on hand-checked routes, MRT line counts, JSON summaries, exit statuses.
# Usage: cli_rpki.sh MANRS_BINARY SHARED_DIR WORKDIR   (exit 77 = skipped)
set -u
manrs=$1
shared=$2
work=$3
mkdir -p "$work"
vrp=$shared/data/vrp
mrt=$shared/data/mrt
tools=$shared/tools
if [ ! -d "$vrp" ] || [ ! -d "$mrt" ]; then echo "SKIP: $shared/data is absent"; exit 77; fi
pass=0
fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi; }

old=$vrp/roalist-authenticated-2017-04-13T170202Z.txt
new=$vrp/roalist-authenticated-2017-05-25T053325Z.txt

# --- convert: the unique VRP count equals an independent count of the ROA list
"$manrs" vrp convert -q --to plain "$new" > "$work/new.plain"
check "convert roalist -> plain exit 0" $?
python3 - "$new" "$work/new.plain" <<'EOF'
import ipaddress, sys
vrps = set()
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 3: continue
    asn = int(f[1])
    for p in f[2:]:
        pfx, _, ml = p.partition('-')
        n = ipaddress.ip_network(pfx)
        vrps.add((str(n), int(ml) if ml else n.prefixlen, asn))
got = set()
for line in open(sys.argv[2]):
    p, ml, asn = line.split()
    got.add((p, int(ml), int(asn)))
assert got == vrps, (len(got), len(vrps), list(vrps - got)[:3], list(got - vrps)[:3])
EOF
check "convert: plain output = the ROA list's unique (prefix, maxLength, AS) set" $?

# --- round trip through every output format: diff exits 0 (same set)
for fmt in json stayrtr-json csv bird bird1 openbgpd plain; do
  "$manrs" vrp convert -q --to "$fmt" "$new" -o "$work/rt.$fmt"
  "$manrs" vrp diff -q "$new" "$work/rt.$fmt" > "$work/rt.$fmt.diff" 2>/dev/null
  check "round trip through $fmt: no difference" $?
done
# ASPA survives json and openbgpd (the formats that carry it)
for fmt in json stayrtr-json openbgpd; do
  "$manrs" vrp convert -q --to "$fmt" "$vrp/stayrtr-test.rpki.json" -o "$work/aspa.$fmt"
  "$manrs" vrp diff -q "$vrp/stayrtr-test.rpki.json" "$work/aspa.$fmt" > /dev/null 2>&1
  check "ASPA round trip through $fmt" $?
done

# --- diff between two weekly ROA lists = python's set difference
"$manrs" vrp diff "$old" "$new" > "$work/weeks.diff" 2>/dev/null
rc=$?
[ $rc = 1 ]; check "diff of different sets exits 1" $?
"$manrs" vrp convert -q --to plain "$old" > "$work/old.plain"
want_add=$(comm -13 <(sort "$work/old.plain") <(sort "$work/new.plain") | wc -l)
want_del=$(comm -23 <(sort "$work/old.plain") <(sort "$work/new.plain") | wc -l)
have_add=$(grep -c '^+ ' "$work/weeks.diff")
have_del=$(grep -c '^- ' "$work/weeks.diff")
[ "$want_add" = "$have_add" ] && [ "$want_del" = "$have_del" ] && [ "$have_add" -gt 1000 ]
check "diff: $have_add added, $have_del removed, as comm(1) counts" $?
"$manrs" vrp diff --json "$old" "$new" | python3 -c "
import json,sys; d=json.load(sys.stdin)
assert d['summary']['vrps_added'] == $want_add and d['summary']['vrps_removed'] == $want_del, d['summary']"
check "diff --json summary agrees" $?

# --- rov on hand-checked text routes over ../shared/tools/vrps-small.json (RFC 6811 by hand)
cat > "$work/routes.txt" <<'EOF'
# prefix origin | prefix as-path
192.0.2.0/24 65001
192.0.2.0/24 65002
192.0.2.128/25 65001
198.51.100.128/25 65001
203.0.113.0/24 65002
203.0.113.0/24 0
2001:db8:ffff::/48 65001
2001:db8:1000::/40 65002
203.0.113.0/24 64500 {65002,65003}
10.0.0.0/8 1
EOF
cat > "$work/routes.want" <<'EOF'
192.0.2.0/24	65001	valid
192.0.2.0/24	65002	invalid
192.0.2.128/25	65001	invalid
198.51.100.128/25	65001	valid
203.0.113.0/24	65002	valid
203.0.113.0/24	0	invalid
2001:db8:ffff::/48	65001	valid
2001:db8:1000::/40	65002	invalid
203.0.113.0/24	NONE	invalid
10.0.0.0/8	1	notfound
EOF
"$manrs" rov -q --vrps "$tools/vrps-small.json" -f pairs "$work/routes.txt" | diff - "$work/routes.want"
check "rov pairs: hand-checked verdicts (AS0, AS_SET origin, maxLength, not found)" $?
"$manrs" rov -q --vrps "$tools/vrps-small.json" "$work/routes.txt" | cut -d'|' -f3 | tr '\n' ' ' |
  grep -q '^valid invalid-asn invalid-length valid valid invalid-asn valid invalid-length invalid-asn not-found $'
check "rov bgpdump-style text output: reasons" $?
cat "$work/routes.txt" | "$manrs" rov -q --vrps "$tools/vrps-small.json" --only invalid - | wc -l | grep -qx 5
check "rov --only invalid from stdin: 5 routes" $?

# --- ASPA on text paths (stayrtr-test.rpki.json: AS15562 -> {2914,8283,51088,206238})
printf '192.0.2.0/24 2914 15562\n192.0.2.0/24 3356 15562\n192.0.2.0/24 174 3356 15562\n192.0.2.0/24 64500 {1,2}\n' |
  "$manrs" rov -q --vrps "$vrp/stayrtr-test.rpki.json" --aspa --aspa-procedure upstream -f pairs - |
  cut -f4 | tr '\n' ' ' | grep -q '^valid invalid invalid invalid $'
check "rov --aspa upstream: provider valid, non-provider invalid, AS_SET invalid" $?

# --- rov on MRT: one line per announcement, summaries add up
upd=$mrt/updates.20160811.1600.gz
want=$("$manrs" mrt dump "$upd" | grep -c '|A|')
"$manrs" rov -q --vrps "$new" "$upd" > "$work/upd.rov"
check "rov on MRT exit 0" $?
[ "$(wc -l < "$work/upd.rov")" = "$want" ]; check "rov on MRT: one line per announcement ($want)" $?
"$manrs" mrt dump "$upd" | grep '|A|' | cmp -s - <(sed -E 's/[a-z-]+\|$//' "$work/upd.rov")
check "rov lines are the bgpdump lines plus the state" $?
"$manrs" rov --vrps "$new" --summary --json "$upd" > "$work/upd.json"
python3 - "$work/upd.json" "$work/upd.rov" <<'EOF'
import json, sys, collections
d = json.load(open(sys.argv[1]))
states = collections.Counter(l.rstrip('\n').split('|')[-2] for l in open(sys.argv[2]))
a = d['all']
assert a['routes'] == sum(states.values()), (a, states)
assert a['valid'] == states['valid'] and a['invalid_asn'] == states['invalid-asn'], (a, states)
assert a['invalid_length'] == states['invalid-length'] and a['not_found'] == states['not-found']
assert a['valid'] > 1000 and a['invalid'] > 100, a
assert d['ipv4']['routes'] + d['ipv6']['routes'] == a['routes']
assert sum(p['routes'] for p in d['peers']) == a['routes']
EOF
check "rov --summary --json (fast decoding) = the per-route states; families and peers add up" $?
"$manrs" rov -q --vrps "$new" -f jsonl --explain --only invalid "$upd" | python3 -c "
import json, sys, ipaddress
n = 0
for line in sys.stdin:
    r = json.loads(line); n += 1
    assert r['rov'] == 'invalid' and r['reason'] in ('as', 'length') and r['vrps'], r
    p = ipaddress.ip_network(r['prefix'])
    for v in r['vrps']:
        assert p.subnet_of(ipaddress.ip_network(v['prefix'])), r
    if r['reason'] == 'length':
        assert any(v['asn'] == r['origin'] and v['maxLength'] < p.prefixlen for v in r['vrps']), r
    else:
        assert all(v['asn'] != r['origin'] for v in r['vrps']), r
assert n > 100, n"
check "rov jsonl --explain: every invalid's covering VRPs explain its reason" $?

# --- lookup
"$manrs" vrp lookup -q --vrps "$tools/vrps-small.json" 198.51.100.0/26 AS65001 > "$work/lookup.txt"
grep -q '^198.51.100.0/26 AS65001: invalid (invalid-length)$' "$work/lookup.txt" &&
  grep -q '198.51.100.0/24-25 AS65001' "$work/lookup.txt"
check "lookup: verdict, reason, covering VRP" $?
"$manrs" vrp lookup --json --vrps "$tools/vrps-small.json" 2001:db8:1000::/40 65001 | python3 -c "
import json,sys; d=json.load(sys.stdin)
assert d['state']=='valid' and len(d['vrps'])==2 and [v['matches'] for v in d['vrps']]==[True,False], d"
check "lookup --json: two covering VRPs, the /32 matches" $?

# --- errors and exit statuses
"$manrs" rov -q --vrps "$work/absent.json" "$work/routes.txt" > /dev/null 2>&1
[ $? = 2 ]; check "rov with an unreadable VRP file exits 2" $?
printf '192.0.2.0/24 65001\nnot a route\n' | "$manrs" rov --vrps "$tools/vrps-small.json" - > /dev/null 2> "$work/err.txt"
[ $? = 1 ] && grep -q '\[stdin\]:2: prefix' "$work/err.txt"
check "rov with a bad text line exits 1 and names the line" $?
printf '{"roas":[{"asn":1,"prefix":"192.0.2.0/24","maxLength":16}]}' > "$work/bad.json"
"$manrs" vrp convert --to plain "$work/bad.json" > "$work/bad.out" 2> "$work/bad.err"
[ $? = 1 ] && [ ! -s "$work/bad.out" ] && grep -q 'maxLength' "$work/bad.err"
check "convert rejects maxLength < prefix length, exits 1, names the field" $?

echo "cli_rpki: $pass passed, $fail failed"
[ "$fail" = 0 ]
