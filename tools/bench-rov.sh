#!/usr/bin/env bash
# Benchmarks route origin validation (RFC 6811): rpki::RovTable against RTRlib's pfx_table, VRP
# loading, the table's memory, and `manrs rov` against plain decoding of a full-table RIB.
# Inputs come from tools/gen_vrps.py (real ROA lists + real prefix-to-AS tables, see its
# docstring) and are cached in --out. See bench/README.md, section "ROV".
#
#   tools/bench-rov.sh [--vrps N] [--routes M] [--big N] [--out DIR] [--manrs PATH]
#                      [--bench PATH] [--runs N] [--seed N] [--rib FILE]
#
#   --vrps N      VRPs of the main set (default 700000)
#   --routes M    route queries (default 1000000)
#   --big N       VRPs of the memory case (default 1000000)
#   --out DIR     data cache (default build/bench-data); files are reused when present
#   --manrs PATH  manrs binary (default build/release/src/manrs/app/manrs)
#   --bench PATH  bench_rov_throughput (default build/release/bench/bench_rov_throughput)
#   --runs N      runs per measurement, best wins (default 3)
#   --rib FILE    extra RIB for case (d) (default: ../shared/data/mrt/bview.20020722.2337.gz and
#                 the 1M-entry RIB of tools/gen_full_rib.py in --out, generated when absent and
#                 bgpdump is installed)
#
# Cases and targets:
#   (a) validations/s, single-threaded, 1 pass over M queries x 3, bench_rov_throughput vs
#       rtrlib_rov_bench (pfx_table_validate), same files: >= 20x in the generated (random)
#       query order with RovTable::validate_batch (16 lookups interleaved with prefetches, one
#       thread); one validate_v4/v6 call per route and the address-sorted order as information.
#       Verdicts of both on every query are diffed (full-scale correctness check).
#   (b) loading the N-VRP rpki-client JSON: rpki::read_vrps + RovTable (bench -J) < 1 s; also
#       `manrs vrp convert --to plain` and `manrs rov` on empty input when available.
#   (c) memory for --big VRPs: RovTable::memory_bytes() < 100 MB and the program's peak RSS
#       < 100 MB; RTRlib's peak RSS for reference.
#   (d) `manrs rov --vrps N.json --summary RIB` vs `manrs mrt stats RIB`: ratio (information).
# Installs nothing; a missing tool turns its rows into "skip"/"n/a". Exit 0 when no target fails.
set -euo pipefail
cd "$(dirname "$0")/.."

nvrps=700000
nroutes=1000000
nbig=1000000
out=build/bench-data
manrs=build/release/src/manrs/app/manrs
bench=build/release/bench/bench_rov_throughput
runs=3
seed=1
ribs=()
while [ $# -gt 0 ]; do
  case $1 in
    --vrps) nvrps=$2; shift 2 ;;
    --routes) nroutes=$2; shift 2 ;;
    --big) nbig=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --manrs) manrs=$2; shift 2 ;;
    --bench) bench=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --rib) ribs+=("$2"); shift 2 ;;
    -h | --help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-rov: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
shared=../shared
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
note() { echo "bench-rov: $*" >&2; }

# ---- tools ------------------------------------------------------------------------------------
have_bench=0
if [ -x "$bench" ]; then have_bench=1; else
  note "$bench missing (cmake --build --preset release --target bench_rov_throughput): manrs rows are n/a"
fi
have_json_load=$have_bench
have_rov=0
have_convert=0
if [ -x "$manrs" ]; then
  "$manrs" rov --help >/dev/null 2>&1 && have_rov=1
  "$manrs" vrp convert --help >/dev/null 2>&1 && have_convert=1
  "$manrs" mrt stats --help >/dev/null 2>&1 || { note "$manrs has no 'mrt stats'"; have_rov=0; }
fi
[ $have_rov = 1 ] || note "no 'manrs rov' in $manrs: case (d) is n/a"
rtrlib_bench=
if [ -f "$shared/tools/rtrlib_rov_bench.c" ] && [ -e /usr/include/rtrlib/rtrlib.h ]; then
  rtrlib_bench=$out/rtrlib_rov_bench
  if [ ! -x "$rtrlib_bench" ] || [ "$shared/tools/rtrlib_rov_bench.c" -nt "$rtrlib_bench" ]; then
    note "building $rtrlib_bench"
    gcc -O2 -o "$rtrlib_bench" "$shared/tools/rtrlib_rov_bench.c" -lrtr
  fi
else
  note "RTRlib (librtr-dev) or $shared/tools/rtrlib_rov_bench.c missing: RTRlib rows are skipped"
fi
hyperfine=$(command -v hyperfine || true)
gtime=/usr/bin/time
[ -x $gtime ] || gtime=

# ---- data -------------------------------------------------------------------------------------
version=$(python3 tools/gen_vrps.py --version)
vrps_base() { echo "$out/vrps-v$version-seed$seed-$1"; }
make_vrps() {  # N -> writes BASE.json and BASE.txt
  local b
  b=$(vrps_base "$1")
  if [ ! -s "$b.json" ] || [ ! -s "$b.txt" ]; then
    note "generating $b.{json,txt}"
    python3 tools/gen_vrps.py --vrps "$1" --seed "$seed" --json "$b.json.tmp" --plain "$b.txt.tmp" >&2
    mv "$b.json.tmp" "$b.json"
    mv "$b.txt.tmp" "$b.txt"
  fi
}
make_vrps "$nvrps"
[ "$nbig" = "$nvrps" ] || make_vrps "$nbig"
V=$(vrps_base "$nvrps")
B=$(vrps_base "$nbig")
Q=$out/routes-v$version-seed$seed-$nvrps-$nroutes.txt
if [ ! -s "$Q" ]; then
  note "generating $Q"
  python3 tools/gen_vrps.py --vrps "$nvrps" --routes "$nroutes" --seed "$seed" --queries "$Q.tmp" >&2
  mv "$Q.tmp" "$Q"
fi
QS=${Q%.txt}-sorted.txt
if [ ! -s "$QS" ]; then
  note "sorting $Q by address"
  python3 -c 'import ipaddress, sys
rows = [l.split() for l in open(sys.argv[1])]
rows.sort(key=lambda r: (ipaddress.ip_network(r[0]).version, ipaddress.ip_network(r[0]), int(r[1])))
sys.stdout.write("".join(f"{p} {a}\n" for p, a in rows))' "$Q" > "$QS.tmp"
  mv "$QS.tmp" "$QS"
fi

# ---- helpers ----------------------------------------------------------------------------------
rows=()
passes=0
fails=0
judge() {  # VALUE OP TARGET -> REPLY=PASS/FAIL, counted (no subshell: the counters must stick)
  if ! [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    fails=$((fails + 1)); REPLY="error (no figure)"; return
  fi
  if awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { exit !((op == ">=") ? v >= t : v < t) }'; then
    passes=$((passes + 1)); REPLY=PASS
  else
    fails=$((fails + 1)); REPLY=FAIL
  fi
}
# Prints the first \(group\) of a sed BRE (unanchored: no ^) matched in stdin.
field() { sed -n "s|.*$1.*|\1|p" | head -1; }
best_of() {  # CMD... -> best "validations/s" over $runs runs; full output of the best in $tmp/best
  local i v best=0
  for ((i = 0; i < runs; i++)); do
    "$@" > "$tmp/run" 2>/dev/null || { note "failed: $*"; echo 0; return; }
    v=$(grep -v '^batch:' "$tmp/run" | field 'in [0-9.]* s (\([0-9]*\) validations/s')
    if [ "${v:-0}" -gt "$best" ]; then best=$v; cp "$tmp/run" "$tmp/best"; fi
  done
  echo "$best"
}
best_time() {  # CMD (shell string) -> best wall seconds of $runs runs, or "error"
  local cmd=$1
  if [ -n "$hyperfine" ]; then
    if ! "$hyperfine" --runs "$runs" --shell bash --style none --export-json "$tmp/h.json" "$cmd" \
      >/dev/null 2>"$tmp/h.err"; then
      note "failed: $cmd"; tail -3 "$tmp/h.err" >&2; echo error; return
    fi
    python3 -c 'import json,sys; print("%.3f" % min(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$tmp/h.json"
    return
  fi
  local best="" i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    bash -c "$cmd" >/dev/null 2>&1 || { note "failed: $cmd"; echo error; return; }
    t1=$(date +%s%N)
    { [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; } && best=$((t1 - t0))
  done
  awk -v ns="$best" 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}
best_of_batch() {  # CMD... -> best "batch: ... validations/s" (RovTable::validate_batch)
  local i v best=0
  for ((i = 0; i < runs; i++)); do
    "$@" > "$tmp/run" 2>/dev/null || { note "failed: $*"; echo 0; return; }
    v=$(field 'batch: validated .* in [0-9.]* s (\([0-9]*\) validations/s' < "$tmp/run")
    if [ "${v:-0}" -gt "$best" ]; then best=$v; fi
  done
  echo "$best"
}
q() { printf '%q' "$1"; }
load0=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- (a) validations per second ---------------------------------------------------------------
vm=n/a; vm_b=n/a; vr=n/a; vm_s=n/a; vr_s=n/a; agree="n/a"; states_m=; states_r=
if [ $have_bench = 1 ]; then
  note "(a) manrs RovTable, $nvrps VRPs, $nroutes queries x 3"
  vm=$(best_of "$bench" -V "$V.txt" -Q "$Q" -r 3)
  cp "$tmp/best" "$tmp/manrs.out" 2>/dev/null || true
  states_m=$(field 'states: \(.*\)' < "$tmp/manrs.out")
  vm_b=$(best_of_batch "$bench" -V "$V.txt" -Q "$Q" -r 3)
  vm_s=$(best_of "$bench" -V "$V.txt" -Q "$QS" -r 3)
fi
if [ -n "$rtrlib_bench" ]; then
  note "(a) RTRlib pfx_table, same files"
  vr=$(best_of "$rtrlib_bench" -V "$V.txt" -Q "$Q" -r 3)
  cp "$tmp/best" "$tmp/rtrlib.out" 2>/dev/null || true
  states_r=$(field 'states: \(.*\)' < "$tmp/rtrlib.out")
  vr_s=$(best_of "$rtrlib_bench" -V "$V.txt" -Q "$QS" -r 3)
fi
if [ $have_bench = 1 ] && [ -n "$rtrlib_bench" ]; then
  # The target is judged on the batch API (validate_batch: one thread, lookups of 16 routes
  # interleaved with prefetches); one call per route, like pfx_table_validate, is shown too.
  ratio_b=$(awk -v a="$vm_b" -v b="$vr" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
  judge "$ratio_b" ">=" 20
  rows+=("| (a) validations/s, generated order (random), RovTable::validate_batch | $vm_b | $vr (RTRlib) | ${ratio_b}x | >= 20x | $REPLY |")
  ratio=$(awk -v a="$vm" -v b="$vr" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
  rows+=("| (a) validations/s, generated order (random), one validate_v4/v6 call per route | $vm | $vr (RTRlib) | ${ratio}x | | info |")
  ratio_s=$(awk -v a="$vm_s" -v b="$vr_s" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
  rows+=("| (a) validations/s, address-sorted order | $vm_s | $vr_s (RTRlib) | ${ratio_s}x | | info |")
  note "(a) verdicts of both on all $nroutes queries"
  "$bench" -V "$V.txt" -Q "$Q" -o "$tmp/manrs.tsv" > /dev/null
  "$rtrlib_bench" -V "$V.txt" -Q "$Q" -o "$tmp/rtrlib.tsv" > /dev/null 2>&1
  # Same query order in both files: compare line by line (prefix text, origin, verdict).
  ndiff=$(paste "$tmp/manrs.tsv" "$tmp/rtrlib.tsv" | awk -F'\t' '$1 != $4 || $2 != $5 || $3 != $6' | wc -l)
  nlines=$(wc -l < "$tmp/manrs.tsv")
  if [ "$ndiff" = 0 ] && [ "$nlines" = "$(wc -l < "$tmp/rtrlib.tsv")" ]; then
    agree="identical on all $nlines queries"
    passes=$((passes + 1))
  else
    agree="DIFFERENT on $ndiff of $nlines queries (rtrlib $(wc -l < "$tmp/rtrlib.tsv") lines); first: $(paste "$tmp/manrs.tsv" "$tmp/rtrlib.tsv" | awk -F'\t' '$1 != $4 || $2 != $5 || $3 != $6' | head -3 | tr '\t\n' ' ;')"
    fails=$((fails + 1))
  fi
  rm -f "$tmp/manrs.tsv" "$tmp/rtrlib.tsv"
fi

# ---- (b) loading the JSON ---------------------------------------------------------------------
load_lines=()
if [ $have_json_load = 1 ]; then
  note "(b) rpki::read_vrps + RovTable on $V.json"
  best=
  for ((i = 0; i < runs; i++)); do
    "$bench" -J "$V.json" > "$tmp/load" 2>&1 || { note "bench -J failed: $(head -2 "$tmp/load")"; best=; break; }
    t=$(field 'total \([0-9.]*\) s' < "$tmp/load")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; cp "$tmp/load" "$tmp/load.best"; fi
  done
  if [ -n "$best" ]; then
    judge "$best" "<" 1
    rows+=("| (b) load $nvrps-VRP JSON: read_vrps + RovTable | ${best} s | | | < 1 s | $REPLY |")
    load_lines+=("$(head -1 "$tmp/load.best")")
  fi
fi
if [ $have_convert = 1 ]; then
  t=$(best_time "$(q "$manrs") vrp convert --to plain $(q "$V.json") -o /dev/null")
  rows+=("| (b) manrs vrp convert --to plain $nvrps-VRP JSON | $t s | | | | info |")
fi
t_empty=
if [ $have_rov = 1 ]; then
  t_empty=$(best_time "$(q "$manrs") rov -q --vrps $(q "$V.json") --summary - < /dev/null")
  rows+=("| (b) manrs rov --vrps $nvrps-VRP JSON --summary (no routes) | $t_empty s | | | | info |")
fi

# ---- (c) memory for --big VRPs ----------------------------------------------------------------
if [ $have_bench = 1 ]; then
  note "(c) memory, $nbig VRPs"
  "$bench" -V "$B.txt" > "$tmp/mem"
  tb=$(field 'table memory: \([0-9]*\) bytes' < "$tmp/mem")
  rss=$(field 'peak RSS: \([0-9]*\) KiB' < "$tmp/mem")
  tmb=$(awk -v b="$tb" 'BEGIN { printf "%.1f", b / 1e6 }')
  rmb=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
  judge "$tmb" "<" 100
  rows+=("| (c) RovTable::memory_bytes, $nbig VRPs | $tmb MB | | | < 100 MB | $REPLY |")
  rr=n/a
  if [ -n "$rtrlib_bench" ]; then
    "$rtrlib_bench" -V "$B.txt" -m 1 -r 1 > "$tmp/rmem" 2>/dev/null || true
    rr=$(awk '/^peak RSS/ { printf "%.1f MB", $3 * 1024 / 1e6 }' "$tmp/rmem")
  fi
  judge "$rmb" "<" 100
  rows+=("| (c) peak RSS, plain file -> RovTable, $nbig VRPs | $rmb MB | $rr (RTRlib) | | < 100 MB | $REPLY |")
  res=$(field 'resident after load (input freed): \([0-9]*\) KiB' < "$tmp/mem")
  [ -z "$res" ] || rows+=("| (c) resident after the load (parsed VRPs freed), $nbig VRPs | $(awk -v k="$res" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }') MB | | | | info |")
  if [ $have_json_load = 1 ]; then
    "$bench" -J "$B.json" > "$tmp/jmem" 2>&1 || true
    jr=$(awk '/^peak RSS/ { printf "%.1f", $3 * 1024 / 1e6 }' "$tmp/jmem")
    [ -n "$jr" ] && rows+=("| (c) peak RSS, JSON -> read_vrps -> RovTable, $nbig VRPs | $jr MB | | | | info |")
  fi
  if [ $have_rov = 1 ] && [ -n "$gtime" ]; then
    "$gtime" -f %M -o "$tmp/rss" "$manrs" rov -q --vrps "$B.json" --summary - < /dev/null > /dev/null 2>&1 || true
    rows+=("| (c) peak RSS, manrs rov --vrps $nbig-VRP JSON (no routes) | $(awk '{ printf "%.1f", $1 * 1024 / 1e6 }' "$tmp/rss") MB | | | | info |")
  fi
fi

# ---- (d) manrs rov over a full-table RIB vs decoding alone -----------------------------------
if [ $have_rov = 1 ]; then
  if [ ${#ribs[@]} = 0 ]; then
    ribs=("$shared/data/mrt/bview.20020722.2337.gz")
    rv=$(sed -n 's/^VERSION = "\(.*\)".*/\1/p' tools/gen_full_rib.py)
    big_rib=$out/rib-v$rv-seed1-1000000.mrt
    if [ ! -s "$big_rib" ] && command -v bgpdump >/dev/null; then
      note "generating $big_rib (tools/gen_full_rib.py, ~1 min)"
      python3 tools/gen_full_rib.py --entries 1000000 --seed 1 --out "$big_rib" >&2
    fi
    [ -s "$big_rib" ] && ribs+=("$big_rib")
  fi
  for rib in "${ribs[@]}"; do
    [ -f "$rib" ] || { note "$rib missing"; continue; }
    note "(d) $rib"
    R=$(q "$rib")
    ts=$(best_time "$(q "$manrs") mrt stats -q $R > /dev/null")
    tr=$(best_time "$(q "$manrs") rov -q --vrps $(q "$V.json") --summary $R > /dev/null")
    ratio=$(awk -v a="$tr" -v b="$ts" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    rows+=("| (d) $(basename "$rib"): manrs rov --summary vs manrs mrt stats | $tr s | $ts s (stats) | ${ratio}x | | info |")
    # Without the fixed cost of loading the VRPs (rov on empty input, case b): decode + validate.
    if [[ $t_empty =~ ^[0-9.]+$ && $tr =~ ^[0-9.]+$ ]]; then
      net=$(awk -v a="$tr" -v e="$t_empty" 'BEGIN { printf "%.3f", a - e }')
      ratio=$(awk -v a="$net" -v b="$ts" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
      rows+=("| (d) $(basename "$rib"): same, minus the VRP load (rov on empty input) | $net s | $ts s (stats) | ${ratio}x | | info |")
    fi
  done
fi

# ---- report -----------------------------------------------------------------------------------
{
  echo "## ROV benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(git describe --always --dirty 2>/dev/null))"
  echo
  echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
  echo "- VRPs: $V.{json,txt} ($nvrps), $B.txt ($nbig); queries: $Q ($nroutes), sorted copy $QS"
  echo "- manrs: $bench; $manrs ($([ $have_rov = 1 ] && echo "rov" || echo "no rov"), $([ $have_convert = 1 ] && echo "vrp convert" || echo "no vrp convert"))"
  echo "- RTRlib: ${rtrlib_bench:-missing} ($(dpkg-query -W -f '${Version}' librtr0 2>/dev/null || true))"
  echo "- best of $runs runs; (a) counts 3 passes over all queries per run, single thread"
  echo "- load average (1/5/15 min) at start: $load0; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| case | manrs | peer | ratio | target | result |"
  echo "|---|---:|---:|---:|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Verdicts, manrs vs RTRlib pfx_table_validate: $agree"
  [ -n "$states_m" ] && echo "- manrs states: $states_m"
  [ -n "$states_r" ] && echo "- RTRlib states: $states_r"
  for l in "${load_lines[@]}"; do echo "- $l"; done
  echo
  echo "targets: $passes pass, $fails fail"
} | tee "$out/rov-report-$nvrps.md"
[ $fails = 0 ]
