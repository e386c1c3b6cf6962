#!/usr/bin/env bash
# IRR benchmark (issue 5), one run on this machine, figures printed as a table:
#   load       objects/s and seconds to load + index a full-size database (tools/gen_rpsl.py:
#              K copies of the real RIPE/RIPE-NONAUTH dumps, ~2.4M objects by default), in two
#              object shapes (RIPE's dumps with their privacy remarks, ~820 B/object; RADB-like
#              without them, ~300 B), from uncompressed RPSL and gzip'ed; best of 3; peak RSS and
#              bytes per object
#   expand     the largest real as-sets (real dumps) expanded to ASNs and to IPv4/IPv6 prefixes
#              inside `manrs irr expand --json` (its "milliseconds": expansion + route lookup)
#   bgpq4      end-to-end wall time of bgpq4 (and bgpq3) against `manrs irr serve` for the
#              largest set (hyperfine, median), IPv4 and IPv6
#   qps        queries per second with 100 concurrent persistent bgpq4-style clients
#              (bench/whois_load_client: !g/!6 of real origins, !a4/!i,1 of real sets,
#              pipelined 4 deep), p50/p99 latency; on the full-size database
# There is no IRRd in Debian to run side by side; the issue's public figures for IRRd are
# ~60 s for AS2914:AS-GLOBAL with bgpq4 and ~135 s for AS1299 with bgpq3.
# Targets (issue 5): load >= 1M objects/s uncompressed; largest set to prefixes < 100 ms;
# bgpq4 end to end < 1 s.
# Usage: tools/bench-irr.sh [--copies K] [--manrs BIN] [--client BIN] [--out DIR]
#        (run from the repository root; loopback only; ~10 min the first time, ~4 GB of disk
#        under --out)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=30
manrs=build/release/src/manrs/app/manrs
client=build/release/tests/whois_load_client  # (bench/ when tests are not built)
[ -x "$client" ] || client=build/release/bench/whois_load_client
out=build/bench-data/irr
while [ $# -gt 0 ]; do
  case $1 in
    --copies) copies=$2; shift 2 ;;
    --manrs) manrs=$2; shift 2 ;;
    --client) client=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data=${MANRS_SHARED_DIR:-../shared}/data
[ -d "$data" ] || data=/work/shared/data
rpsl=$data/rpsl
[ -x "$manrs" ] || { echo "no manrs binary at $manrs (cmake --build build/release)" >&2; exit 2; }
[ -x "$client" ] || { echo "build the client: cmake --build build/release --target whois_load_client" >&2; exit 2; }
for t in bgpq4 bgpq3 hyperfine python3 gzip; do
  command -v $t >/dev/null || { echo "$t is not installed (tools/setup.sh)" >&2; exit 2; }
done
mkdir -p "$out"
dumps=("$rpsl/ripe.db.as-set.gz" "$rpsl/ripe-nonauth.db.aut-num.gz" "$rpsl/ripe-nonauth.db.route.gz"
       "$rpsl/ripe-nonauth.db.route6.half-a.gz")
real_args=()
for f in "${dumps[@]}"; do real_args+=(--rpsl "$f"); done

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
wait_port() { for _ in $(seq 1200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# ---- full-size data --------------------------------------------------------------------------
# Two shapes of the same objects: as in RIPE's dumps (each object carries RIPE's ~270-byte privacy
# remarks block, ~820 bytes per object) and as in RADB's dump (no such block, ~300 bytes).
gen() {  # file, extra gen_rpsl args
  if [ ! -s "$1" ]; then
    echo "generating $1 ($copies copies of the real dumps)..." >&2
    python3 tools/gen_rpsl.py --copies "$copies" $2 --out "$1.tmp" "${dumps[@]}"
    mv "$1.tmp" "$1"
  fi
  if [ ! -s "$1.gz" ]; then
    echo "compressing $1.gz ..." >&2
    gzip -c "$1" > "$1.gz.tmp" && mv "$1.gz.tmp" "$1.gz"
  fi
}
full=$out/full-$copies.rpsl
radb=$out/full-$copies-radb.rpsl
gen "$full" ""
gen "$radb" "--radb-shape"
mib() { echo $(( $(stat -c %s "$1") / 1048576 )); }

# ---- load --------------------------------------------------------------------------------------
load() {  # file -> "objects seconds rss_mb text_mb index_mb" (best of 3)
  local f=$1 st best=""
  cat "$f" > /dev/null  # page cache warm: measure parsing, not the disk
  for _ in 1 2 3; do
    /usr/bin/time -f '%M' -o "$out/time.txt" "$manrs" irr stats -q --json --rpsl "$f" > "$out/stats.json"
    st=$(json "$out/stats.json" 'd["total"], d["load_seconds"], d["text_bytes"]//1048576, d["index_bytes"]//1048576')
    set -- $st
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $2 < ${best#* } else 1)" 2>/dev/null; then
      best="$1 $2"
      rest="$(( $(tail -1 "$out/time.txt") / 1024 )) $3 $4"
    fi
  done
  echo "$best $rest"
}
rate() { python3 -c "print(f'{$1/$2:,.0f}')"; }
echo "== load"
read -r objs secs rss text idx <<< "$(load "$full")"
read -r gobjs gsecs _ _ _ <<< "$(load "$full.gz")"
read -r robjs rsecs rrss rtext ridx <<< "$(load "$radb")"
read -r rgobjs rgsecs _ _ _ <<< "$(load "$radb.gz")"
bpo=$(python3 -c "print(f'{($text+$idx)*1048576/$objs:.0f}')")
rbpo=$(python3 -c "print(f'{($rtext+$ridx)*1048576/$robjs:.0f}')")

# ---- expansion of the largest real sets -----------------------------------------------------
echo "== expand (real dumps)"
largest=$(python3 tests/integration/irr_oracle.py --sources RIPE,RIPE-NONAUTH "${dumps[@]}" -- sets-by-size 3 | awk '{print $1}')
exp_rows=()
for s in $largest AS-UBNIX-MEMBERS; do
  for fam in "" -4 -6; do
    best=999999
    for _ in 1 2 3; do
      # shellcheck disable=SC2086
      "$manrs" irr expand -q "${real_args[@]}" --sources RIPE,RIPE-NONAUTH --json --allow-empty $fam "$s" > "$out/exp.json"
      ms=$(json "$out/exp.json" 'd["milliseconds"]')
      best=$(python3 -c "print(min($best, $ms))")
    done
    n=$(json "$out/exp.json" 'len(d["asns"]), len(d["prefixes"]), d["sets_visited"]')
    exp_rows+=("$s ${fam:-asns} $n $best")  # cold: the first expansion in a fresh process
  done
done

# ---- bgpq4 / bgpq3 end to end ----------------------------------------------------------------
echo "== bgpq4 end to end"
port=$(free_port)
"$manrs" irr serve -q "${real_args[@]}" --listen 127.0.0.1:$port --http '' > "$out/serve.log" 2>&1 &
server_pid=$!
wait_port $port
top=$(echo "$largest" | head -1)
H=127.0.0.1:$port
hyperfine -N --warmup 2 --runs 10 --export-json "$out/hf.json" \
  "bgpq4 -h $H -S RIPE,RIPE-NONAUTH -4 $top" "bgpq4 -h $H -S RIPE,RIPE-NONAUTH -6 $top" \
  "bgpq4 -h $H -S RIPE,RIPE-NONAUTH -4 -A -E -J $top" "bgpq3 -h $H -S RIPE,RIPE-NONAUTH -4 $top" \
  > "$out/hf.txt" 2>&1
bg=$(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%.0f" % (r["median"] * 1000))' "$out/hf.json" | paste -sd' ')
read -r b4 b6 b4aj b3 <<< "$bg"
n4=$(bgpq4 -h $H -S RIPE,RIPE-NONAUTH -4 -F '%n/%l\n' "$top" | grep -c .)
stop_server

# ---- queries per second, 100 clients, full-size database -------------------------------------
echo "== qps (full-size database)"
port=$(free_port)
"$manrs" irr serve -q --rpsl "$full" --listen 127.0.0.1:$port --http '' > "$out/serve-full.log" 2>&1 &
server_pid=$!
wait_port $port
# (awk stops reading by itself: `head` in a pipeline would SIGPIPE its writer under pipefail)
{
  awk '/^origin:/ {print "!g" $2; print "!6" $2; if (++n >= 10000) exit}' "$full" | sort -u
  awk '/^as-set:/ && ++m % 50 == 0 {print "!a4" $2; print "!i" $2 ",1"; if (++k >= 1000) exit}' "$full"
} > "$out/queries.raw"
shuf --random-source=<(yes) "$out/queries.raw" > "$out/queries"
"$client" 127.0.0.1 $port "$out/queries" --clients 100 --seconds 10 --window 4 > "$out/load.txt"
rss_serve=$(( $(awk '/VmHWM/ {print $2}' /proc/$server_pid/status) / 1024 ))
stop_server
res=$(grep RESULT "$out/load.txt")
field() { echo "$res" | sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }

# ---- table -----------------------------------------------------------------------------------
echo
echo "manrs IRR benchmark ($(nproc) cores; $(date -u +%F))"
echo
echo "| measure | value | target |"
echo "|---|---|---|"
echo "| load, uncompressed, RIPE-shaped objects ($objs objects, $(mib "$full") MiB) | $(rate $objs $secs) objects/s ($secs s) | >= 1,000,000/s |"
echo "| load, same, gzip ($(mib "$full.gz") MiB) | $(rate $gobjs $gsecs) objects/s ($gsecs s) | (reported) |"
echo "| load, uncompressed, RADB-shaped objects ($robjs objects, $(mib "$radb") MiB) | $(rate $robjs $rsecs) objects/s ($rsecs s) | >= 1,000,000/s |"
echo "| load, same, gzip ($(mib "$radb.gz") MiB) | $(rate $rgobjs $rgsecs) objects/s ($rgsecs s) | (reported) |"
echo "| memory after load, RIPE-shaped | $rss MiB peak RSS; $text MiB text + $idx MiB indexes = $bpo bytes/object | compact |"
echo "| memory after load, RADB-shaped | $rrss MiB peak RSS; $rtext MiB text + $ridx MiB indexes = $rbpo bytes/object | |"
for r in "${exp_rows[@]}"; do
  read -r s what a p v ms <<< "$r"
  case $what in
    asns) echo "| expand $s to ASNs ($a ASNs, $v sets; cold process) | $ms ms | |" ;;
    *) echo "| expand $s to $what prefixes ($p prefixes; cold process) | $ms ms | < 100 ms |" ;;
  esac
done
echo "| bgpq4 -4 $top end to end ($n4 prefixes) | $b4 ms | < 1 s (IRRd: ~60 s for AS2914:AS-GLOBAL) |"
echo "| bgpq4 -6 $top end to end | $b6 ms | < 1 s |"
echo "| bgpq4 -4 -A -E -J (Juniper route-filter, aggregated) $top end to end | $b4aj ms | |"
echo "| bgpq3 -4 $top end to end (!i,1 + one !g per AS) | $b3 ms | (IRRd: ~135 s for AS1299) |"
echo "| 100 concurrent clients, $(wc -l < "$out/queries") query mix, 10 s | $(field qps) queries/s, p50 $(field p50_ms) ms, p99 $(field p99_ms) ms, errors $(field errors) | |"
echo "| server RSS under load (full-size database) | $rss_serve MiB | |"
