#!/usr/bin/env bash
# Filter-generation benchmark (issue 6), one run, figures printed as a table:
#   batch   `manrs batch --dry-run --json` over the largest real AS-SETs (database loaded once;
#           per-set generation time = expansion + route objects + RPKI + screening + rendering
#           in 3 dialects), mode irr-rpki with a real ROA list
#   cold    `manrs filter SET` from a cold start (loading the RPSL dumps and the VRPs, then
#           generating), hyperfine median, with the load / generation split the command reports
#   bgpq4   bgpq4 -4 for the same set against `manrs irr serve` on the same dumps (hyperfine
#           median): the peer's end-to-end time side by side, as a ratio
# Targets (issue 6): < 20 ms per set from a loaded database in batch mode; a cold start
# dominated by loading, not by generation.
# Usage: tools/bench-filter.sh [--manrs BIN] [--runs N]   (from the repository root; loopback)
set -euo pipefail
cd "$(dirname "$0")/.."
manrs=build/release/src/manrs/app/manrs
runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --manrs) manrs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data=${MANRS_SHARED_DIR:-../shared}/data
[ -d "$data" ] || data=/work/shared/data
rpsl=$data/rpsl
vrps=$data/vrp/roalist-authenticated-2017-05-25T053325Z.txt
[ -x "$manrs" ] || { echo "no manrs binary at $manrs (cmake --build build/release)" >&2; exit 2; }
for t in bgpq4 hyperfine python3; do
  command -v $t >/dev/null || { echo "$t is not installed (tools/setup.sh)" >&2; exit 2; }
done
tmp=$(mktemp -d)
server_pid=
cleanup() {
  [ -z "$server_pid" ] || { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$tmp"
}
trap cleanup EXIT
dumps=("$rpsl/ripe.db.as-set.gz" "$rpsl/ripe-nonauth.db.route.gz" "$rpsl/ripe-nonauth.db.route6.half-a.gz")
args=()
for f in "${dumps[@]}"; do args+=(--rpsl "$f"); done
# The largest real sets (by ASNs) and a few common shapes.
sets=(AS3326:AS-PEERS-UAE AS-UBNIX-MEMBERS AS-RETN-ACTUAL-V4 AS3320:AS-DTAG AS-GTTCUST AS-RETN
      AS-COLT AS-TELIANET AS-RESTENA AS-TMPEBONECWIX)

# ---- batch: database loaded once. Every set twice: the first pass parses the set definitions
# it touches (the database parses a set on first use), the second is what a long-running or
# repeated batch sees. One worker for per-set latency, then all cores for throughput.
{
  echo "output_dir = \"$tmp/out\""
  echo "[defaults]"
  echo "sessions = [ { router = \"r1\", dialect = \"cisco\" }, { router = \"r2\", dialect = \"junos\" },"
  echo "             { router = \"r3\", dialect = \"bird\" } ]"
  for pass in 1 2; do
    for s in "${sets[@]}"; do
      printf '[[customer]]\nname = "%s-%s"\ntarget = "%s"\nallow_empty = true\n' "${s//:/_}" "$pass" "$s"
    done
  done
} > "$tmp/batch.toml"
for threads in 1 0; do
  "$manrs" batch "$tmp/batch.toml" "${args[@]}" --vrps "$vrps" --dry-run --json -q --threads $threads \
    > "$tmp/batch-$threads.json" 2> "$tmp/batch.err" || true
done
python3 - "$tmp/batch-1.json" "$tmp/batch-0.json" <<'PY'
import json, sys, statistics
one, allc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
rows = {}
for r in one["results"]:
    name, pas = r["customer"].rsplit("-", 1)
    rows.setdefault(r["target"], {})[pas] = r
print(f"batch, one worker: database + VRPs loaded once in {one['load_ms']:.0f} ms; "
      f"{len(rows)} sets x 2 passes x 3 dialects")
print(f"{'set':<24} {'ASNs':>7} {'IPv4':>7} {'IPv6':>6} {'1st pass ms':>12} {'2nd pass ms':>12}"
      f" {'expand':>7} {'collect':>8} {'finish':>7}")
first, second = [], []
for t, p in rows.items():
    a, b = p["1"], p["2"]
    first.append(a["generate_ms"]); second.append(b["generate_ms"])
    print(f"{t:<24} {a['asns']:>7} {a['ipv4']:>7} {a['ipv6']:>6} {a['generate_ms']:>12.2f}"
          f" {b['generate_ms']:>12.2f} {b['expand_ms']:>7.2f} {b['collect_ms']:>8.2f} {b['finish_ms']:>7.2f}"
          + (" (partial)" if a["partial"] else ""))
print(f"per set, 1st pass: median {statistics.median(first):.1f} ms, max {max(first):.1f} ms; "
      f"2nd pass: median {statistics.median(second):.1f} ms, max {max(second):.1f} ms (target < 20 ms)")
n = len(allc["results"]) // 3
print(f"all cores: {n} customers (both passes) generated and rendered in 3 dialects in "
      f"{allc['run_ms']:.0f} ms = {allc['run_ms'] / n:.1f} ms per set "
      f"(one worker: {one['run_ms']:.0f} ms = {one['run_ms'] / n:.1f} ms per set)")
PY

# ---- cold start and bgpq4 side by side
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$manrs" irr serve "${args[@]}" --listen "127.0.0.1:$port" --http "" -q > /dev/null 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
printf '\n%-22s %12s %12s %12s %14s %12s\n' set "cold ms" "of it load" "generate" "bgpq4 -4 ms" "cold/bgpq4"
for s in AS3326:AS-PEERS-UAE AS3320:AS-DTAG AS-GTTCUST; do
  "$manrs" filter "$s" "${args[@]}" --vrps "$vrps" -4 -d cisco > /dev/null 2> "$tmp/cold.err" || true
  split=$(grep -o 'load [0-9]* ms, generate [0-9.]* ms' "$tmp/cold.err" | tail -1)
  load=$(echo "$split" | awk '{print $2}')
  gen=$(echo "$split" | awk '{print $5}')
  hyperfine -N -w 1 -r "$runs" --export-json "$tmp/c.json" \
    "$manrs filter $s ${args[*]} --vrps $vrps -4 -d cisco -q -o /dev/null" > /dev/null 2>&1
  cold=$(python3 -c "import json;print(round(json.load(open('$tmp/c.json'))['results'][0]['median']*1000))")
  hyperfine -N -w 1 -r "$runs" --export-json "$tmp/b.json" \
    "bgpq4 -h 127.0.0.1:$port -4 -l X $s" > /dev/null 2>&1
  bq=$(python3 -c "import json;print(round(json.load(open('$tmp/b.json'))['results'][0]['median']*1000))")
  ratio=$(python3 -c "print(f'{$cold/$bq:.2f}x' if $bq else '-')")
  printf '%-22s %12s %12s %12s %14s %12s\n' "$s" "$cold" "$load" "$gen" "$bq" "$ratio"
done
echo "(cold = a whole manrs filter process: loading $(du -ch "${dumps[@]}" | tail -1 | cut -f1) of gzip'ed RPSL and the VRPs,"
echo " generating with RPKI, rendering; bgpq4 = its end-to-end time against an already-loaded"
echo " manrs irr serve, no RPKI: bgpq4 has no database of its own, so its figure excludes loading)"
