#!/usr/bin/env bash
# The routers' own parsers accept what the BIRD, FRR and OpenBGPD dialects emit (issue 6,
# oracles.md §9), and the same checks reject broken variants of the same files, so they can fail:
#   - BIRD 2  `bird -p` on the snippet wrapped as a router would have it (router id, a protocol),
#     plus a filter made of the snippet's "# use:" lines (the usage hints must be valid too);
#   - FRR     `vtysh --dryrun` (syntax, exit 2) AND `bgpd -C` (semantics: prefix ranges,
#     regexes), whose output is read because it always exits 0: every line it prints is an error
#     except the warning for "no bgp as-path access-list NAME" on a router without that list;
#   - OpenBGPD `bgpd -n` with an "AS 64496" line, plus the "# use:" rules (<neighbor> = any).
# Inputs: the golden files of tests/golden/filter/{bird,frr,openbgpd}/, and lists of thousands of
# random entries of every range shape, both families, 2,000 origin ASNs, with and without a peer
# AS and split into lists, rendered by filter_render_tool. FRR 8.4's bgpd -C is quadratic in the
# entries (2,000: ~4 min here), so it reads a 1,500-entry list; vtysh --dryrun, BIRD and OpenBGPD
# read the 8,000-entry one. Every rendering is also parsed back by filter_entries.py and must
# hold exactly the described entries (JSON and plain included).
# Usage: router_parsers.sh RENDER_TOOL SOURCE_DIR WORK_DIR   (exit 77 = a parser is missing)
#        . router_parsers.sh --functions   (defines bird_check, frr_check, openbgpd_check,
#                                            check_dialect and router_parsers_missing only)
frr_bgpd=/usr/lib/frr/bgpd
obgpd=/usr/sbin/bgpd

# router_parsers_missing: the first parser that is not installed ("" = all there).
router_parsers_missing() {
  local t
  for t in bird vtysh python3 "$frr_bgpd" "$obgpd"; do
    command -v "$t" > /dev/null || { echo "$t"; return; }
  done
}

# ---- the three checks (0 = accepted; the parsers' output is left in FILE.*.out) -------------
bird_check() {
  local f=$1
  {
    printf 'router id 192.0.2.1;\nprotocol device {}\n'
    cat "$f"
    if grep -q '^# use: ' "$f"; then
      echo 'filter manrs_use_hints {'
      sed -n 's/^# use: //p' "$f"
      echo '  reject;'
      echo '}'
    fi
  } > "$f.bird.conf"
  timeout 60 bird -p -c "$f.bird.conf" > "$f.bird.out" 2>&1
}

frr_check() {
  local f=$1 rc
  timeout 60 vtysh --dryrun -f "$f" > "$f.vtysh.out" 2>&1
  rc=$?
  [ $rc = 0 ] || { echo "  vtysh --dryrun exit $rc: $(head -c 300 "$f.vtysh.out")"; return 1; }
  timeout 400 "$frr_bgpd" -C -S -Z -n -p 0 -P 0 -f "$f" > "$f.bgpd.out" 2>&1
  rc=$?
  [ $rc = 0 ] || { echo "  bgpd -C exit $rc"; return 1; }
  # Harmless on a router without the list: "bgp as-path access-list NAME doesn't exist" and its
  # log line "... Warning Config Failed on config line N: no bgp as-path access-list NAME".
  grep -v -E "^bgp as-path access-list \S+ doesn't exist$|Warning Config Failed on config line [0-9]+: no bgp as-path access-list \S+$" \
    "$f.bgpd.out" | grep . > "$f.bgpd.errors"
  if [ -s "$f.bgpd.errors" ]; then
    echo "  bgpd -C: $(head -3 "$f.bgpd.errors" | cut -c1-200)"
    return 1
  fi
}

openbgpd_check() {
  local f=$1
  {
    echo 'AS 64496'
    cat "$f"
    sed -n 's/^# use: //p' "$f" | sed 's/<neighbor>/any/'
  } > "$f.obgpd.conf"
  timeout 60 "$obgpd" -n -f "$f.obgpd.conf" > "$f.obgpd.out" 2>&1 && grep -q 'configuration OK' "$f.obgpd.out"
}

# check_dialect DIALECT FILE: the router's check for DIALECT.
check_dialect() {
  case $1 in
    bird) bird_check "$2" ;;
    frr) frr_check "$2" ;;
    openbgpd) openbgpd_check "$2" ;;
  esac
}

if [ "${1:-}" = --functions ]; then
  return 0
fi
set -uo pipefail
tool=$1
src=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
missing=$(router_parsers_missing)
if [ -n "$missing" ]; then
  echo "SKIP: $missing not installed (tools/setup.sh installs it)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
# shellcheck source=tests/integration/lib.sh
. "$here/lib.sh"
entries=$here/filter_entries.py

# ---- golden files --------------------------------------------------------------------------
for d in bird frr openbgpd; do
  n=0
  for g in "$src/tests/golden/filter/$d"/*.txt; do
    cp "$g" "$work/golden-$d-$(basename "$g")"
    check_dialect $d "$work/golden-$d-$(basename "$g")"
    r=$?  # before the $(...) of the message
    check "$d accepts golden $(basename "$g")" $r
    n=$((n + 1))
  done
  [ $n -ge 4 ]
  check "$d: $n golden files checked" $?
done

# ---- large random lists --------------------------------------------------------------------
gen() {  # gen N4 N6 NASN SEED: every range shape (exact, le, ge..le, or-longer)
  python3 - "$@" <<'EOF'
import ipaddress, random, sys
n4, n6, nasn, seed = map(int, sys.argv[1:5])
rnd = random.Random(seed)
print("target AS-LARGE")
print("asn " + " ".join(str(rnd.randrange(1, 4200000000)) for _ in range(nasn)))
def entries(n, bits, lo, hi):
    seen = set()
    while len(seen) < n:
        l = rnd.randrange(lo, hi + 1)
        net = ipaddress.ip_network((rnd.getrandbits(bits) >> (bits - l) << (bits - l), l))
        if net in seen:
            continue
        seen.add(net)
        shape = rnd.randrange(4)
        if shape == 0:
            print(net)
        elif shape == 1:
            print(net, l, rnd.randrange(l, hi + 1))
        elif shape == 2:
            a = rnd.randrange(l, bits + 1)
            print(net, a, rnd.randrange(a, bits + 1))
        else:
            print(net, l, bits)
entries(n4, 32, 8, 24)
entries(n6, 128, 19, 48)
EOF
}
gen 5000 3000 2000 1 > "$work/large.desc"
gen 1000 500 1000 2 > "$work/medium.desc"
python3 "$entries" desc "$work/large.desc" > "$work/large.want"
python3 "$entries" desc "$work/medium.desc" > "$work/medium.want"
r=$?  # before the $(...) of the message
check "generated $(wc -l < "$work/large.want") + $(wc -l < "$work/medium.want") entries" $r

render() {  # render DIALECT DESC OUT [options]: filter_render_tool
  local d=$1 desc=$2 out=$3
  shift 3
  "$tool" "$d" "$@" < "$desc" > "$out"
}

for d in bird frr openbgpd json plain; do
  for variant in "peer:--as-path --peer-as 64500" "nopeer:--as-path" "split:--as-path --max-entries 700"; do
    v=${variant%%:*}
    read -r -a opts <<< "${variant#*:}"
    for size in large medium; do
      out=$work/$size-$v.$d
      render $d "$work/$size.desc" "$out" "${opts[@]}"
      r=$?  # before the $(...) of the message
      check "render $d $size $v ($(wc -l < "$out") lines)" $r
      python3 "$entries" $d "$out" | cmp -s - "$work/$size.want"
      r=$?  # before the $(...) of the message
      check "$d $size $v: the entries read back = the $(wc -l < "$work/$size.want") described" $r
      case $d in
        json) python3 -m json.tool "$out" > /dev/null; check "json $size $v parses" $? ;;
        frr)
          if [ $size = large ]; then  # bgpd -C is too slow for it: syntax only
            timeout 60 vtysh --dryrun -f "$out" > /dev/null 2>&1
            check "frr vtysh --dryrun accepts $size $v" $?
          else
            frr_check "$out"
            r=$?  # before the $(...) of the message
            check "frr (vtysh --dryrun, bgpd -C) accepts $size $v ($(elapsed))" $r
          fi
          ;;
        bird | openbgpd)
          check_dialect $d "$out"
          check "$d accepts $size $v" $?
          ;;
      esac
    done
  done
done
grep -q '^define AS_LARGE_V4_8 = \[' "$work/large-split.bird" &&
  ! grep -q '^define AS_LARGE_V4_9 ' "$work/large-split.bird"
check "bird: the 5,000-entry IPv4 list is split into 8 sets of at most 700" $?
render frr "$work/large.desc" "$work/refused" --max-entries 700 --refuse 2> "$work/refused.err"
[ $? = 1 ] && grep -q 'list AS-LARGE-V4: entries: want at most 700 per list' "$work/refused.err"
check "over the limit with --refuse: exit 1 and the reason" $?

# ---- broken variants: the same checks must reject them --------------------------------------
# mutate DIALECT NAME SED-SCRIPT: a copy of the golden "ranges" file changed by sed; the change
# must have happened (cmp differs) and the router's check must fail.
mutate() {
  local d=$1 name=$2 script=$3 g="$src/tests/golden/filter/$1/ranges.txt"
  local f=$work/broken-$d-$name.txt
  sed -e "$script" "$g" > "$f"
  if cmp -s "$g" "$f"; then
    check "$d broken '$name': the mutation applied" 1
    return
  fi
  check_dialect "$d" "$f" > "$f.why" 2>&1
  local rc=$?
  [ $rc != 0 ]
  r=$?  # before the $(...) of the message
  check "$d rejects broken '$name': $(cat "$f.why" "$f".*.out 2>/dev/null | grep -m1 . | cut -c1-110)" $r
}
mutate frr le16 's|permit 192.0.2.0/24$|permit 192.0.2.0/24 le 16|'
mutate frr ge-above-le 's|ge 25 le 26$|ge 26 le 25|'
mutate frr regex 's|permit ^(_\[0-9\]+)\*_(64500|permit ^(_[0-9]+*_(64500|'
mutate frr command 's|^ip prefix-list \(.*\) seq 10 |ip prefix-lst \1 seq 10 |'
# (FRR 8.4 accepts an IPv6 prefix in an "ip prefix-list" line without a word: filter_entries.py's
# read-back above refuses it, which is what checks the families; the other way round FRR refuses.)
mutate frr v4-in-v6 's|V6 seq 5 permit 2001:db8::/32$|V6 seq 5 permit 192.0.2.0/24|'
sed 's|permit 192.0.2.0/24$|permit 2001:db8::/32|' "$src/tests/golden/filter/frr/ranges.txt" \
  > "$work/broken-frr-v6-in-v4.txt"
! python3 "$entries" frr "$work/broken-frr-v6-in-v4.txt" > /dev/null 2>&1
check "filter_entries.py refuses an IPv6 prefix in an FRR ip prefix-list" $?
mutate bird mixed-family 's|^    192.0.2.0/24,$|    2001:db8::/32,|'
mutate bird range33 's|{24,26}|{24,33}|'
mutate bird no-semicolon '0,/^];$/s//]/'
mutate bird duplicate 's|^define AS64500_AS_CUSTOMERS_V6 |define AS64500_AS_CUSTOMERS_V4 |'
mutate openbgpd syntax '0,/^}$/s///'
mutate openbgpd below-length 's|198.51.100.0/24 prefixlen 24 - 26|198.51.100.0/24 prefixlen 16 - 20|'
mutate openbgpd bad-asn 's|^\t64500 64501 64502$|\t64500 AS64501 64502|'
mutate openbgpd use-hint 's|^# use: allow from <neighbor> source-as as-set|# use: allow from <neighbor> peer-as 1 source-as as-set|'
mutate bird use-hint 's|^# use: if bgp_path.last ~ |# use: if bgp_path.last ~ UNDEFINED_|'

summary
