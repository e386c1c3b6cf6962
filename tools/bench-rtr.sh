#!/usr/bin/env bash
# RTR cache benchmark (issue 4): `manrs rtr serve` vs StayRTR on the same input, same machine,
# one run each, and the ratios (StayRTR / manrs; > 1 = manrs better). Measured per VRP-set size:
#   ready   seconds from launching the server to the first complete full sync (rtr_sync_client
#           --wait: Reset Query every 20 ms until End of Data)
#   sync1   one full v1 sync (Reset Query -> End of Data), wall time
#   sync10  10 parallel full syncs, total wall time;  sync100  100 parallel full syncs
#   rss     peak RSS of the server (VmHWM from /proc/PID/status) after all syncs, MB
# Syncs use bench/rtr_sync_client (native, reads and counts PDUs only) against both servers; its
# PDU counts must agree between the two servers (same set served).
# Inputs: tools/gen_vrps.py --vrps N (real ROA lists + prefix-to-AS tables), cached under
# build/bench-data (same names as tools/bench-rov.sh), converted once with `manrs vrp convert --to
# stayrtr-json` without "expires"; both servers read that file. Targets (issue 4): >= 10x faster to serve and to
# sync, <= 1/4 of StayRTR's peak RSS.
# Usage: tools/bench-rtr.sh [--sizes "100000 700000"] [--manrs BIN] [--client BIN] [--out DIR]
#        [--seed N]      (run from the repository root; loopback only; ~2-5 min)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="100000 700000"
manrs=build/release/src/manrs/app/manrs
client=build/release/bench/rtr_sync_client
out=build/bench-data
seed=1
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --manrs) manrs=$2; shift 2 ;;
    --client) client=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data=${MANRS_SHARED_DIR:-../shared}/data
[ -d "$data" ] || data=/work/shared/data
[ -x "$client" ] || { echo "build the client first: cmake --build build/release --target rtr_sync_client" >&2; exit 2; }
[ -x "$manrs" ] || { echo "no manrs binary at $manrs" >&2; exit 2; }
command -v stayrtr >/dev/null || { echo "stayrtr is not installed" >&2; exit 2; }
have_manrs_rtr=1
"$manrs" rtr serve --help 2>&1 | grep -q -- --vrps || have_manrs_rtr=0
mkdir -p "$out"
version=$(python3 tools/gen_vrps.py --version)

server_pid=
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
trap stop_server EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }  # key -> value from a RESULT line
now() { date +%s.%N; }

measure() {  # kind, file -> "ready sync1 sync10 sync100 rss_mb pdus"
  local kind=$1 file=$2 port hport t0 r log=$out/bench-rtr-$1.log
  port=$(free_port); hport=$(free_port)
  t0=$(now)
  if [ "$kind" = manrs ]; then
    "$manrs" rtr serve --vrps "$file" --listen 127.0.0.1:$port --http 127.0.0.1:$hport > "$log" 2>&1 &
  else
    stayrtr -bind 127.0.0.1:$port -metrics.addr 127.0.0.1:$hport -cache "$file" -checktime=false \
      -refresh 3600 > "$log" 2>&1 &
  fi
  server_pid=$!
  r=$("$client" 127.0.0.1 $port --wait 300 --timeout 300) || { echo "$kind did not serve" >&2; cat "$log" >&2; exit 1; }
  local ready pdus
  ready=$(python3 -c "print(f'{$(now) - $t0:.3f}')")
  pdus=$(echo "$r" | field pdus)
  local s1 s10 s100
  s1=$("$client" 127.0.0.1 $port --quiet --timeout 300 | field total_s)
  s10=$("$client" 127.0.0.1 $port --parallel 10 --quiet --timeout 600 | field total_s)
  s100=$("$client" 127.0.0.1 $port --parallel 100 --quiet --timeout 900 | field total_s)
  local rss
  rss=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$server_pid/status")
  stop_server
  echo "$ready $s1 $s10 $s100 $rss $pdus"
}

echo "RTR cache benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); stayrtr $(stayrtr -version 2>&1 | head -1)"
for n in $sizes; do
  b=$out/vrps-v$version-seed$seed-$n
  if [ ! -f "$b.json" ]; then
    python3 tools/gen_vrps.py --data "$data" --vrps "$n" --seed "$seed" --json "$b.json.tmp" --plain "$b.txt.tmp" >&2
    mv "$b.json.tmp" "$b.json"; mv "$b.txt.tmp" "$b.txt"
  fi
  if [ ! -f "$b.stayrtr.json" ]; then  # without "expires": StayRTR drops expired VRPs, and the
    # generated dates lie around today; both servers must serve all N
    "$manrs" vrp convert -q --to stayrtr-json "$b.json" | sed 's/, "expires": [0-9]*//' > "$b.stayrtr.json.tmp"
    mv "$b.stayrtr.json.tmp" "$b.stayrtr.json"
  fi
  read -r s_ready s_1 s_10 s_100 s_rss s_pdus < <(measure stayrtr "$b.stayrtr.json")
  echo
  echo "== $n VRPs ($(du -m "$b.stayrtr.json" | cut -f1) MB JSON; $s_pdus PDUs per v1 sync)"
  printf '%-22s %10s %10s %10s\n' measure stayrtr manrs "ratio"
  if [ $have_manrs_rtr = 1 ]; then
    read -r m_ready m_1 m_10 m_100 m_rss m_pdus < <(measure manrs "$b.stayrtr.json")
  else
    m_ready=- m_1=- m_10=- m_100=- m_rss=- m_pdus=-
  fi
  row() {  # label stayrtr manrs unit
    local ratio=-
    [ "$3" != - ] && ratio=$(python3 -c "print(f'{$2 / max($3, 1e-6):.1f}x')")
    local m=$3$4; [ "$3" = - ] && m=-
    printf '%-22s %10s %10s %10s\n' "$1" "$2$4" "$m" "$ratio"
  }
  row "start to serving" "$s_ready" "$m_ready" " s"
  row "1 full sync" "$s_1" "$m_1" " s"
  row "10 parallel syncs" "$s_10" "$m_10" " s"
  row "100 parallel syncs" "$s_100" "$m_100" " s"
  row "peak RSS" "$s_rss" "$m_rss" " MB"
  if [ $have_manrs_rtr = 1 ] && [ "$m_pdus" != "$s_pdus" ]; then
    echo "WARNING: PDUs per sync differ (stayrtr $s_pdus, manrs $m_pdus): not the same set served"
  fi
done
# Load (issue 4, item 6): 1,000 concurrent full syncs of the first (smallest) set, manrs only
# (StayRTR needs ~0.3 s per sync per core: ~5 min for this at 100k).
if [ $have_manrs_rtr = 1 ]; then
  first=${sizes%% *}
  f=$out/vrps-v$version-seed$seed-$first.stayrtr.json
  ulimit -n 4096 2> /dev/null || true
  port=$(free_port); hport=$(free_port)
  "$manrs" rtr serve --vrps "$f" --listen 127.0.0.1:$port --http 127.0.0.1:$hport \
    --max-clients 2000 > "$out/bench-rtr-load.log" 2>&1 &
  server_pid=$!
  "$client" 127.0.0.1 $port --wait 300 --timeout 300 > /dev/null
  r=$("$client" 127.0.0.1 $port --parallel 1000 --quiet --timeout 900)
  rss=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$server_pid/status")
  stop_server
  echo
  echo "== load: 1000 concurrent full syncs of $first VRPs (manrs): total $(echo "$r" | field total_s) s," \
    "median $(echo "$r" | field median_s) s, failed $(echo "$r" | field failed)," \
    "differ $(echo "$r" | field differ); server peak RSS $rss MB"
fi
[ $have_manrs_rtr = 1 ] || echo "NOTE: $manrs has no 'rtr serve' yet: StayRTR figures only"
echo "targets: ratio >= 10x for serving and syncs, >= 4x for peak RSS"
