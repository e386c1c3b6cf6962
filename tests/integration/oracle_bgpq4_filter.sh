#!/usr/bin/env bash
# manrs filter = bgpq4 on the real RPSL dumps (issue 6): `manrs irr serve` loaded with the RPSL of
# ../shared/data/rpsl (as oracle_irr.sh) answers bgpq4 1.9; `manrs filter --mode irr` reads the
# same files. For real as-sets (48k, 15k, 1.7k and 39 IPv4 prefixes), in every dialect the two
# share (cisco, iosxr -X, junos -J, arista -e, nokia -N, nokia-md -n, huawei -U, mikrotik -K7,
# bird -b, openbgpd -B, json -j, plain = bgpq4 -F '%n/%l %a %A') and with -A, -R, -m, the ENTRY
# SETS are compared: filter_entries.py reads each output back to "prefix min max" lines.
#   - exact lists: manrs with --max-length4 32 --max-length6 128 (bgpq4 has no length cut);
#   - -R 24 (IPv4) / -R 48 (IPv6): manrs --more-specifics4 24 --more-specifics6 48;
#   - -m 24 / -m 48: manrs' default lengths;
#   - -A: the sets of prefixes matched (filter_entries.py --expand), aggregation choices differ;
#   - bgpq4 keeps bogon prefixes, manrs never lets them pass: bgpq4's side is compared without
#     what lies in bogon space (filter_entries.py's own list, manrs-spec §4.9) and they are counted.
# FRR (no bgpq4 dialect) is compared with bgpq4's Cisco output. Every manrs output in BIRD, FRR and
# OpenBGPD also goes through the router parsers of router_parsers.sh (FRR's bgpd -C only for lists
# of at most 2,000 entries: it is quadratic; vtysh --dryrun for all).
# Usage: oracle_bgpq4_filter.sh MANRS SHARED_DIR WORK_DIR   (exit 77 = skipped)
set -uo pipefail
manrs=$1
shared=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
rpsl=$shared/data/rpsl
if [ ! -f "$rpsl/ripe.db.as-set.gz" ]; then
  echo "SKIP: $rpsl absent (shared data folder missing)"
  exit 77
fi
# shellcheck source=tests/integration/router_parsers.sh
. "$here/router_parsers.sh" --functions
missing=$(router_parsers_missing)
for t in bgpq4 $missing; do
  command -v "$t" > /dev/null || { echo "SKIP: $t not installed (tools/setup.sh installs it)"; exit 77; }
done
rm -rf "$work"
mkdir -p "$work"
# shellcheck source=tests/integration/lib.sh
. "$here/lib.sh"
entries=$here/filter_entries.py

files=("$rpsl/ripe.db.as-set.gz" "$rpsl/ripe-nonauth.db.aut-num.gz" "$rpsl/ripe-nonauth.db.route.gz"
       "$rpsl/ripe-nonauth.db.route6.half-a.gz")
rpsl_args=()
for f in "${files[@]}"; do rpsl_args+=(--rpsl "$f"); done
SRC=RIPE,RIPE-NONAUTH

port=$(free_port)
"$manrs" irr serve "${rpsl_args[@]}" --listen 127.0.0.1:$port --http '' > "$work/serve.log" 2>&1 &
pids+=($!)
wait_port $port 120
r=$?  # before the $(...) of the message
check "manrs irr serve listening ($(elapsed))" $r
H=127.0.0.1:$port

# Ours -> bgpq4's option for the same dialect ("@" = the plain triple format below).
declare -A B4=([cisco]="" [iosxr]="-X" [junos]="-J" [arista]="-e" [nokia]="-N" [nokia-md]="-n"
               [huawei]="-U" [mikrotik]="-K7" [bird]="-b" [openbgpd]="-B" [json]="-j" [plain]="@"
               [frr]="")
# bgpq4's Junos prefix-lists cannot hold ranges: route-filters (-E) for -R and -A.
declare -A B4_RANGES=([junos]="-J -E")
reader() {  # the filter_entries.py reader of bgpq4's output in dialect $1
  case $1 in
    plain) echo triples ;;
    frr) echo cisco ;;
    *) echo "$1" ;;
  esac
}

# run_case SET DIALECT MODE: bgpq4 vs manrs filter; MODE = exact | R | m | A.
n_cases=0
run_case() {
  local set=$1 d=$2 mode=$3 tag
  tag=$(echo "$set-$d-$mode" | tr ':/' '__')
  local b4opt=${B4[$d]}
  if [ "$mode" = R ] || [ "$mode" = A ]; then
    b4opt=${B4_RANGES[$d]:-$b4opt}
  fi
  local bo=() mo=(--max-length4 32 --max-length6 128)
  case $mode in
    R) mo+=(--more-specifics4 24 --more-specifics6 48) ;;
    m) mo=(--max-length4 24 --max-length6 48) ;;
    A) mo+=(-A) ;;
  esac
  local fam
  for fam in 4 6; do
    case $mode in
      R) bo=(-R $([ $fam = 4 ] && echo 24 || echo 48)) ;;
      m) bo=(-m $([ $fam = 4 ] && echo 24 || echo 48)) ;;
      A) bo=(-A) ;;
      *) bo=() ;;
    esac
    if [ "$b4opt" = @ ]; then
      timeout 120 bgpq4 -h $H -S $SRC -$fam "${bo[@]}" -F '%n/%l %a %A\n' "$set" \
        > "$work/$tag.b$fam" 2> "$work/$tag.b$fam.err"
    else
      # shellcheck disable=SC2086
      timeout 120 bgpq4 -h $H -S $SRC -$fam "${bo[@]}" $b4opt "$set" \
        > "$work/$tag.b$fam" 2> "$work/$tag.b$fam.err"
    fi || { check "bgpq4 -$fam $b4opt ${bo[*]} $set" 1; return; }
  done
  timeout 120 "$manrs" filter "$set" "${rpsl_args[@]}" -q --sources $SRC --mode irr -d "$d" \
    --allow-empty "${mo[@]}" -o "$work/$tag.m" 2> "$work/$tag.m.err"
  local rc=$?
  [ $rc = 0 ] || { check "manrs filter -d $d ${mo[*]} $set: exit $rc ($(head -c 200 "$work/$tag.m.err"))" 1; return; }
  local how=()
  [ "$mode" = A ] && how=(--expand)
  python3 "$entries" "$(reader "$d")" "$work/$tag.b4" "$work/$tag.b6" "${how[@]}" --drop-bogons \
    --dropped="$work/$tag.bogons" > "$work/$tag.bent" 2> "$work/$tag.bent.err" &&
    python3 "$entries" "$d" "$work/$tag.m" "${how[@]}" > "$work/$tag.ment" 2> "$work/$tag.ment.err"
  rc=$?
  local nb nm nbog=0
  nb=$(wc -l < "$work/$tag.bent")
  nm=$(wc -l < "$work/$tag.ment")
  [ -f "$work/$tag.bogons" ] && nbog=$(wc -l < "$work/$tag.bogons")
  if [ $rc = 0 ] && cmp -s "$work/$tag.bent" "$work/$tag.ment" && [ "$nm" -gt 0 ]; then
    if [ "$mode" = A ]; then
      check "$set $d $mode: matched sets equal ($nm blocks; bogon space cut out of bgpq4's)" 0
    else
      check "$set $d $mode: manrs $nm entries = bgpq4 $((nb + nbog)) - $nbog bogon" 0
    fi
  else
    check "$set $d $mode: manrs $nm, bgpq4 $nb (+$nbog bogon) ${how[*]}" 1
    cat "$work/$tag.bent.err" "$work/$tag.ment.err" | head -3
    diff "$work/$tag.bent" "$work/$tag.ment" | head -6 | sed 's/^/     /'
  fi
  n_cases=$((n_cases + 1))
  # The routers' parsers read our BIRD, FRR and OpenBGPD outputs.
  case $d in
    bird | openbgpd)
      check_dialect $d "$work/$tag.m"
      check "  $d parser accepts it" $?
      ;;
    frr)
      if [ "$nm" -le 2000 ] && [ "$mode" != A ]; then
        frr_check "$work/$tag.m"
        check "  frr vtysh --dryrun and bgpd -C accept it" $?
      else
        timeout 120 vtysh --dryrun -f "$work/$tag.m" > "$work/$tag.m.vtysh" 2>&1
        check "  frr vtysh --dryrun accepts it" $?
      fi
      ;;
  esac
}

large=AS3326:AS-PEERS-UAE  # 48k IPv4 prefixes, the largest set of the dump
dialects=(cisco iosxr junos arista nokia nokia-md huawei mikrotik bird openbgpd json plain frr)

# Exact lists: every dialect on the largest, a 1.7k and a 39-prefix set; a few on a 15k one.
for s in "$large" AS-RETN-ACTUAL-V4 AS-TMPEBONECWIX; do
  for d in "${dialects[@]}"; do
    run_case "$s" "$d" exact
  done
done
for d in cisco junos bird openbgpd; do
  run_case AS3320:AS-DTAG "$d" exact
done
# -R, -m and -A in every dialect on the 1.7k set; on the larger ones in two dialects.
for mode in R m A; do
  for d in "${dialects[@]}"; do
    run_case AS-RETN-ACTUAL-V4 "$d" $mode
  done
  for s in "$large" AS3320:AS-DTAG; do
    for d in cisco bird; do
      run_case "$s" "$d" $mode
    done
  done
done
echo "$n_cases comparisons"
summary
