#!/usr/bin/env bash
# Oracle test: `manrs mrt dump --format bgpdump` must be byte-identical to Debian's bgpdump 1.6.2
# (`bgpdump -q -m`) on every real MRT file in ../shared/data/mrt that bgpdump reads completely,
# and on generated files (../shared/tools/mrt_gen.py, which also writes its own truth).
# Files where bgpdump is wrong are checked against what docs/mrt.md says instead.
# Usage: oracle_bgpdump.sh MANRS_BINARY SHARED_DIR [WORKDIR]   (exit 77 = skipped)
set -u
manrs=$1
shared=$2
work=${3:-$(mktemp -d)}
mkdir -p "$work"
data=$shared/data/mrt
if [ ! -d "$data" ]; then echo "SKIP: $data is absent (the shared data folder is needed)"; exit 77; fi
if ! command -v bgpdump >/dev/null; then echo "SKIP: bgpdump is not installed (tools/setup.sh installs it)"; exit 77; fi

fail=0
pass=0
check() {  # name, condition-result
  if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi
}
ours() { "$manrs" mrt dump -q --format bgpdump "$@"; }

# Files bgpdump 1.6.2 does not read correctly; each is checked below on its own terms.
special=" rrc00.bview.20000111.0032.gz rrc00.updates.20000325.0345.gz updates.nlri_mask_trailing_bits.gz bird_bgp bird6_bgp "

for f in "$data"/*.gz "$data"/*.bz2 "$data"/mrtparse-samples/*; do
  [ -f "$f" ] || continue
  b=$(basename "$f")
  case "$special" in *" $b "*) continue ;; esac
  bgpdump -q -m "$f" > "$work/$b.bgpdump" 2>/dev/null
  ours "$f" > "$work/$b.manrs" 2>"$work/$b.err"
  cmp -s "$work/$b.bgpdump" "$work/$b.manrs"
  check "identical to bgpdump -m: $b ($(wc -l < "$work/$b.manrs") lines)" $?
done

# Upstream bgpdump's own expected outputs (test_expect/) for the files that have them.
for e in "$data"/expected/*.bgp.gz; do
  b=$(basename "$e" .bgp.gz)
  ours "$data/$b" > "$work/$b.upstream.manrs" 2>/dev/null
  zcat "$e" | cmp -s - "$work/$b.upstream.manrs"
  check "identical to upstream bgpdump expected output: $b" $?
done

# bview.20000111: batched TABLE_DUMP records with 4-byte-short lengths. bgpdump prints the first
# entry only; we repair the framing and decode the whole 2000 table.
f=$data/rrc00.bview.20000111.0032.gz
if [ -f "$f" ]; then
  ours "$f" > "$work/bview2000.manrs" 2>/dev/null
  n=$(wc -l < "$work/bview2000.manrs")
  first_ok=$(bgpdump -q -m "$f" 2>/dev/null | head -1 | cmp -s - <(head -1 "$work/bview2000.manrs"); echo $?)
  [ "$n" -ge 450000 ] && [ "$first_ok" = 0 ]
  check "rrc00.bview.20000111: whole table decoded ($n entries; bgpdump: 1)" $?
  bad=$(awk -F'|' '$1 != "TABLE_DUMP" || $3 != "B" || $6 !~ /^[0-9.]+\/[0-9]+$/' "$work/bview2000.manrs" | wc -l)
  [ "$bad" = 0 ]
  check "rrc00.bview.20000111: every line is a well-formed TABLE_DUMP route" $?
fi

# updates.20000325: two damaged record boundaries. bgpdump reads 14556 bytes of other records
# as one and prints 2044 invented withdrawals; we resynchronise on the next good header.
f=$data/rrc00.updates.20000325.0345.gz
if [ -f "$f" ]; then
  ours "$f" > "$work/upd2000.manrs" 2>/dev/null
  rc=$?
  bgpdump -q -m "$f" 2>/dev/null | head -4 > "$work/upd2000.head"
  head -4 "$work/upd2000.manrs" | cmp -s - "$work/upd2000.head"
  check "rrc00.updates.20000325: records before the damage equal bgpdump" $?
  [ "$rc" = 1 ]
  check "rrc00.updates.20000325: exit status 1 says data was skipped" $?
  grep -q '|W|0.5.0.3|13937|' "$work/upd2000.manrs"
  [ $? != 0 ]
  check "rrc00.updates.20000325: none of bgpdump's invented withdrawals" $?
  n=$(grep -c '|A|' "$work/upd2000.manrs")
  [ "$n" -gt 1000 ]
  check "rrc00.updates.20000325: announcements after the damage recovered ($n)" $?
fi

# updates.nlri_mask_trailing_bits: 1.6.2 prints host bits (11.13.0.0/13); upstream masks them.
f=$data/updates.nlri_mask_trailing_bits.gz
if [ -f "$f" ]; then
  ours "$f" | cmp -s - <(zcat "$data/expected/updates.nlri_mask_trailing_bits.gz.bgp.gz")
  check "updates.nlri_mask_trailing_bits: host bits cleared as upstream bgpdump does" $?
fi

# bird_bgp, bird6_bgp: BIRD wrote ADD-PATH NLRI under non-ADD-PATH subtypes; bgpdump prints
# invented prefixes (0.0.0.0/0, lengths > 128). We detect the path identifiers.
for b in bird_bgp bird6_bgp; do
  f=$data/mrtparse-samples/$b
  [ -f "$f" ] || continue
  ours "$f" > "$work/$b.manrs" 2>/dev/null
  bad=$(grep '|A|' "$work/$b.manrs" | awk -F'|' '$6 ~ /\/0$/ || $6 ~ /^0\.0\.0\.0/' | wc -l)
  n=$(grep -c '|A|' "$work/$b.manrs")
  [ "$bad" = 0 ] && [ "$n" -gt 0 ]
  check "$b: ADD-PATH detected, $n announcements, no invented /0 prefixes" $?
  grep '|STATE|' "$work/$b.manrs" | cmp -s - <(bgpdump -q -m "$f" 2>/dev/null | grep '|STATE|')
  check "$b: state changes identical to bgpdump" $?
done

# Generated files: every TABLE_DUMP_V2/BGP4MP feature mrt_gen.py writes, three seeds, raw/gz/bz2.
gen=$shared/tools/mrt_gen.py
if [ -f "$gen" ]; then
  for spec in "raw 1 4000 3 2000" "gz 2 20000 4 5000" "bz2 3 60000 4 20000"; do
    set -- $spec
    ext=$1; seed=$2; pfx=$3; peers=$4; upd=$5
    out=$work/gen$seed.mrt; [ "$ext" = raw ] || out=$out.$ext
    python3 "$gen" --out "$out" --prefixes "$pfx" --peers "$peers" --updates "$upd" --seed "$seed" >/dev/null
    ours "$out" > "$work/gen$seed.manrs"
    bgpdump -q -m "$out" | cmp -s - "$work/gen$seed.manrs"
    check "generated seed $seed ($ext, $(wc -l < "$work/gen$seed.manrs") lines): identical to bgpdump" $?
    sort "$work/gen$seed.manrs" | cmp -s - <(sort "$out.truth")
    check "generated seed $seed: equal to the generator's truth" $?
  done
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
