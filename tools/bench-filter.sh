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
      AS-COLT AS-TELIANET AS6939:AS-HURRICANE AS-HURRICANE)

# ---- batch: database loaded once
{
  echo "output_dir = \"$tmp/out\""
  echo "[defaults]"
  echo "sessions = [ { router = \"r1\", dialect = \"cisco\" }, { router = \"r2\", dialect = \"junos\" },"
  echo "             { router = \"r3\", dialect = \"bird\" } ]"
  for s in "${sets[@]}"; do
    printf '[[customer]]\ntarget = "%s"\nallow_empty = true\n' "$s"
  done
} > "$tmp/batch.toml"
"$manrs" batch "$tmp/batch.toml" "${args[@]}" --vrps "$vrps" --dry-run --json -q \
  > "$tmp/batch.json" 2> "$tmp/batch.err" || true
python3 - "$tmp/batch.json" <<'PY'
import json, sys, statistics
d = json.load(open(sys.argv[1]))
per = {}
for r in d["results"]:
    per.setdefault(r["target"], r)
print(f"batch: database + VRPs loaded once in {d['load_ms']:.0f} ms; {len(per)} sets, "
      f"3 dialects each, whole run {d['run_ms']:.0f} ms")
print(f"{'set':<24} {'ASNs':>7} {'IPv4':>7} {'IPv6':>6} {'generate ms':>12}  status")
ms = []
for t, r in per.items():
    ms.append(r["generate_ms"])
    print(f"{t:<24} {r['asns']:>7} {r['ipv4']:>7} {r['ipv6']:>6} {r['generate_ms']:>12.2f}  {r['status']}"
          + (" (partial)" if r["partial"] else ""))
print(f"per set: median {statistics.median(ms):.2f} ms, max {max(ms):.2f} ms (target < 20 ms)")
PY

# ---- cold start and bgpq4 side by side
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$manrs" irr serve "${args[@]}" --listen "127.0.0.1:$port" --http "" -q > /dev/null 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
printf '\n%-22s %12s %12s %12s %14s %8s\n' set "cold ms" "of it load" "generate" "bgpq4 -4 ms" "ratio"
for s in AS3326:AS-PEERS-UAE AS3320:AS-DTAG AS-GTTCUST; do
  "$manrs" filter "$s" "${args[@]}" --vrps "$vrps" -4 -d cisco > /dev/null 2> "$tmp/cold.err" || true
  split=$(grep -o 'load [0-9]* ms, generate [0-9.]* ms' "$tmp/cold.err" | tail -1)
  load=$(echo "$split" | awk '{print $2}')
  gen=$(echo "$split" | awk '{print $5}')
  hyperfine -N -w 1 -r "$runs" --export-json "$tmp/c.json" \
    "$manrs filter $s ${args[*]} --vrps $vrps -4 -d cisco -q -o /dev/null" > /dev/null 2>&1
  cold=$(python3 -c "import json;print(round(json.load(open('$tmp/c.json'))['results'][0]['median']*1000))")
  hyperfine -N -w 1 -r "$runs" --export-json "$tmp/b.json" \
    "bgpq4 -h 127.0.0.1 -p $port -4 -l X $s" > /dev/null 2>&1
  bq=$(python3 -c "import json;print(round(json.load(open('$tmp/b.json'))['results'][0]['median']*1000))")
  ratio=$(python3 -c "print(f'{$cold/$bq:.2f}x' if $bq else '-')")
  printf '%-22s %12s %12s %12s %14s %8s\n' "$s" "$cold" "$load" "$gen" "$bq" "$ratio"
done
echo "(cold = whole process incl. loading ~$(du -ch "${dumps[@]}" | tail -1 | cut -f1) of gzip'ed RPSL and the"
echo " VRPs; bgpq4 = its end-to-end time against an already-loaded manrs irr serve, without RPKI)"
