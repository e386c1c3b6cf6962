#!/usr/bin/env bash
# End-to-end checks of `manrs mrt stats|dump` on real files: counts, formats, stdin, damaged
# input (error names file, offset and field; exit status 1), unreadable input (exit status 2).
# Usage: cli_mrt.sh MANRS_BINARY SHARED_DIR WORKDIR   (exit 77 = skipped)
set -u
manrs=$1
shared=$2
work=$3
mkdir -p "$work"
data=$shared/data/mrt
if [ ! -d "$data" ]; then echo "SKIP: $data is absent"; exit 77; fi
pass=0
fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi; }

# stats on a 2002 full table (TABLE_DUMP v1): counts from PROVENANCE.md
"$manrs" mrt stats "$data/bview.20020722.2337.gz" > "$work/s1.txt"
check "stats exit 0 on a good file" $?
grep -Eq "^routes IPv4 +115521$" "$work/s1.txt"; check "stats: 115,521 RIB entries" $?
grep -Eq '^distinct prefixes IPv4 +112988$' "$work/s1.txt"; check "stats: 112,988 distinct IPv4 prefixes" $?
grep -Eq '^peers +36$' "$work/s1.txt"; check "stats: 36 peers" $?

# stats --json on updates with IPv6 (BGP4MP_MESSAGE_AS4 over IPv6 sessions)
"$manrs" mrt stats --json "$data/updates.20160811.1600.gz" > "$work/s2.json"
python3 -c "
import json,sys
d=json.load(open('$work/s2.json'))
assert d['records_by_type']['BGP4MP/MESSAGE_AS4'] > 0, d
assert d['routes_v4'] + d['routes_v6'] == 39256, d
assert d['decoding_errors'] == 0, d
"
check "stats --json: 39,256 announcements, parseable JSON" $?

# the same file through stdin, compressed: identical dump
zcat "$data/updates.20160811.1600.gz" | gzip -1 | "$manrs" mrt dump - > "$work/stdin.txt"
"$manrs" mrt dump "$data/updates.20160811.1600.gz" | cmp -s - "$work/stdin.txt"
check "dump from stdin equals dump from the file" $?

# jsonl: one valid JSON object per line; one per RIB entry
"$manrs" mrt dump --format jsonl "$data/rib6.20151101.0600_firstMB.bz2" > "$work/rib6.jsonl" 2>/dev/null
python3 -c "
import json
n=0; v6=0
for line in open('$work/rib6.jsonl'):
    o=json.loads(line); n+=1
    assert o['type']=='TABLE_DUMP_V2' and ':' in o['prefix'], o
    assert 'as_path' in o and 'mp_next_hop' in o, o
print(n); assert n >= 149000, n
"
check "jsonl: every line parses, IPv6 RIB entries carry as_path and mp_next_hop" $?

# damaged input: truncated bz2 — error names the file; exit status 1; good records printed
"$manrs" mrt dump "$data/rib.20080501.0644_firstMB.bz2" > "$work/trunc.txt" 2> "$work/trunc.err"
rc=$?
[ "$rc" = 1 ]; check "truncated .bz2: exit status 1 (data skipped)" $?
grep -q 'rib.20080501.0644_firstMB.bz2@[0-9]' "$work/trunc.err"; check "truncated .bz2: error names file@offset" $?
[ "$(wc -l < "$work/trunc.txt")" -ge 139000 ]; check "truncated .bz2: records before the cut printed" $?

# damaged framing: error names file, offset and field
"$manrs" mrt dump "$data/rrc00.updates.20000325.0345.gz" > /dev/null 2> "$work/frame.err"
grep -Eq 'rrc00.updates.20000325.0345.gz@[0-9]+: RFC [0-9]+ .*(length|header|routes)' "$work/frame.err"
check "damaged framing: error names file@offset, RFC and field" $?

# unreadable input: exit status 2
"$manrs" mrt stats /nonexistent/file.mrt > /dev/null 2> "$work/nofile.err"
[ $? = 2 ] && grep -q '/nonexistent/file.mrt' "$work/nofile.err"
check "missing file: exit status 2 and the path in the message" $?

# garbage input: no crash, an error, exit 1
head -c 5000 /dev/urandom > "$work/garbage.bin" 2>/dev/null || dd if=/dev/zero of="$work/garbage.bin" bs=1 count=5000 2>/dev/null
"$manrs" mrt dump "$work/garbage.bin" > /dev/null 2>&1
rc=$?
[ "$rc" = 1 ] || [ "$rc" = 0 ]; check "random bytes: no crash (exit $rc)" $?

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
