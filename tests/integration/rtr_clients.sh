#!/usr/bin/env bash
# Real RTR clients against an RTR cache server (issue 4): every client must hold EXACTLY the
# served VRP set, before and after an update, and the update must arrive as a delta.
#   server  SERVER_KIND = manrs (`manrs rtr serve`) or stayrtr (the reference; validates the
#           script itself), on a free loopback port, serving the real 2017-05-17 ROA list
#           (39,570 VRPs) converted by `manrs vrp convert`.
#   clients BIRD 2 (protocol rpki, roa4/roa6 tables, `birdc show route table r4|r6`), FRR bgpd
#           -M rpki run as nobody (`show rpki prefix-table`), RTRlib `rtrclient -e -t csv` (one
#           shot) and `rtrclient -p -k` (live, kept across the update), GoBGP (v0, `gobgp rpki
#           table`), StayRTR's `rtrdump -rtr.version 1`. Each dump is normalized to sorted
#           "prefix/len maxlen asn" lines (rtr_norm.py) and diffed with `manrs vrp convert --to
#           plain` of the served file.
#   update  the VRP file is replaced atomically (temp + mv) by the 2017-05-25 list (+539 -84);
#           the server notices it (polling) and sends Serial Notify; the clients fetch it (BIRD
#           refresh 5, FRR polling_period 5; GoBGP is reset by `gobgp rpki server ADDR reset` if it
#           has not caught up). Delta evidence: the live rtrclient printed exactly the +/- lines of
#           the difference and sent a Serial Query (no second Reset Query) after the notify;
#           BIRD's rpki debug log shows a Serial Query after the update and no Cache Reset.
#   ROV     ../shared/tools/rov_oracles.sh (RTRlib rpki-rov, BIRD roa_check, GoBGP) on 600 pairs
#           against the server under test and against its own StayRTR: verdicts must be equal.
# Usage: rtr_clients.sh SERVER_KIND MANRS_BINARY SHARED_DIR WORKDIR   (exit 77 = skipped; ~1-2 min)
# Everything runs on 127.0.0.1; every process started here is ended by PID (TERM, wait, KILL).
set -euo pipefail
kind=$1
manrs=$2
shared=$3
work=$4
here=$(cd "$(dirname "$0")" && pwd)
norm="python3 $here/rtr_norm.py"
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
data=$shared/data/vrp
roa_a=$data/roalist-authenticated-2017-05-17T023014Z.txt
roa_b=$data/roalist-authenticated-2017-05-25T053325Z.txt

skip() { echo "SKIP: $*"; exit 77; }
[ -f "$roa_a" ] && [ -f "$roa_b" ] || skip "$data (2017 ROA lists) is absent"
[ -x "$shared/tools/rov_oracles.sh" ] || [ -f "$shared/tools/rov_oracles.sh" ] || skip "rov_oracles.sh is absent"
"$manrs" vrp convert --help >/dev/null 2>&1 || skip "$manrs has no 'vrp convert'"
case $kind in
  manrs) "$manrs" rtr serve --help 2>&1 | grep -q -- --vrps || skip "$manrs has no 'rtr serve'" ;;
  stayrtr) command -v stayrtr >/dev/null || skip "stayrtr is not installed" ;;
  *) echo "SERVER_KIND must be manrs or stayrtr" >&2; exit 2 ;;
esac
for t in python3 stayrtr rtrclient rpki-rov rtrdump bird birdc birdcl gobgpd gobgp vtysh setpriv curl; do
  command -v "$t" >/dev/null || skip "$t is not installed"
done
[ -x /usr/lib/frr/bgpd ] || skip "FRR bgpd is not installed"

# shellcheck source=tests/integration/lib.sh
. "$here/lib.sh"

# ---- inputs -----------------------------------------------------------------------------------
fmt=json
[ "$kind" = stayrtr ] && fmt=stayrtr-json
for s in a b; do
  roa=$roa_a; [ $s = b ] && roa=$roa_b
  timeout 60 "$manrs" vrp convert -q --to $fmt -o "$work/$s.json" "$roa"
  timeout 60 "$manrs" vrp convert -q --to plain "$roa" | $norm plain > "$work/$s.expected"
done
echo "sets: $(wc -l < "$work/a.expected") VRPs, then $(wc -l < "$work/b.expected")"
cp "$work/a.json" "$work/served.json"

# ---- server ------------------------------------------------------------------------------------
port=$(free_port)
hport=$(free_port)
if [ "$kind" = manrs ]; then
  "$manrs" rtr serve --vrps "$work/served.json" --listen 127.0.0.1:$port --http 127.0.0.1:$hport \
    --refresh 5 --retry 5 --expire 600 --reload-interval 1 > "$work/server.log" 2>&1 &
else
  stayrtr -bind 127.0.0.1:$port -metrics.addr 127.0.0.1:$hport -cache "$work/served.json" \
    -checktime=false -refresh 2 -rtr.refresh 5 -rtr.retry 5 -rtr.expire 600 > "$work/server.log" 2>&1 &
fi
pids+=($!)
cat > "$work/ready.py" <<'EOF'
import socket, struct, sys, time
host, port, deadline = sys.argv[1], int(sys.argv[2]), time.time() + float(sys.argv[3])
while time.time() < deadline:
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(bytes([1, 2, 0, 0, 0, 0, 0, 8]))
        buf = b""
        while True:
            while len(buf) >= 8:
                n = struct.unpack(">I", buf[4:8])[0]
                if len(buf) < n: break
                if buf[1] == 7: sys.exit(0)
                if buf[1] == 10: raise OSError("error report")
                buf = buf[n:]
            d = s.recv(65536)
            if not d: raise OSError("closed")
            buf += d
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
python3 "$work/ready.py" 127.0.0.1 $port 30 || { cat "$work/server.log"; echo "FAIL server not serving"; exit 1; }
echo "server $kind serving on 127.0.0.1:$port ($(elapsed))"

# ---- clients -----------------------------------------------------------------------------------
# live rtrclient: prints "+ prefix len - maxlen asn" per added VRP, "-" per removed one
stdbuf -oL rtrclient -p -k tcp 127.0.0.1 $port > "$work/live.out" 2> "$work/live.err" &
pids+=($!)

mkdir -p "$work/bird"
cat > "$work/bird/bird.conf" <<EOF
router id 192.0.2.1;
log "$work/bird/bird.log" all;
debug protocols all;
roa4 table r4;
roa6 table r6;
protocol rpki rpki1 {
  debug all;
  roa4 { table r4; };
  roa6 { table r6; };
  remote 127.0.0.1 port $port;
  retry keep 5;
  refresh keep 5;
  expire keep 600;
}
EOF
bird -c "$work/bird/bird.conf" -s "$work/bird/bird.ctl" -P "$work/bird/bird.pid" -f > "$work/bird/stdout" 2>&1 &
pids+=($!)

frrd=$work/frr
mkdir -p "$frrd"
chmod 777 "$frrd"
cat > "$frrd/bgpd.conf" <<EOF
hostname frr-rpki-test
!
rpki
 rpki polling_period 5
 rpki retry_interval 5
 rpki cache 127.0.0.1 $port preference 1
exit
!
router bgp 65000
 bgp router-id 192.0.2.254
 no bgp ebgp-requires-policy
exit
!
line vty
!
EOF
chmod 644 "$frrd/bgpd.conf"
setpriv --reuid=65534 --regid=65534 --clear-groups \
  /usr/lib/frr/bgpd -M rpki -S -Z -n -p 0 -f "$frrd/bgpd.conf" -i "$frrd/bgpd.pid" --vty_socket "$frrd" \
  -P 0 --log "file:$frrd/bgpd.log" > "$frrd/stdout" 2>&1 &
pids+=($!)

gapi=$(free_port)
cat > "$work/gobgpd.toml" <<EOF
[global.config]
  as = 65000
  router-id = "192.0.2.250"
  port = -1
[[rpki-servers]]
  [rpki-servers.config]
    address = "127.0.0.1"
    port = $port
EOF
gobgpd -f "$work/gobgpd.toml" --api-hosts 127.0.0.1:$gapi --pprof-disable -p > "$work/gobgpd.log" 2>&1 &
pids+=($!)
G="gobgp -u 127.0.0.1 -p $gapi"

dump() {  # client, phase -> $work/<client>.<phase> (normalized)
  local c=$1 ph=$2 o=$work/$1.$2
  case $c in
    rtrclient) timeout 60 rtrclient -e -t csv -o "$o.raw" tcp 127.0.0.1 $port > /dev/null 2>&1 || true
               $norm csv < "$o.raw" > "$o" ;;
    rtrdump) timeout 60 rtrdump -connect 127.0.0.1:$port -rtr.version 1 -file "$o.raw" > /dev/null 2>&1 || true
             $norm rtrdump < "$o.raw" > "$o" 2>/dev/null || : > "$o" ;;
    bird) { timeout 30 birdc -s "$work/bird/bird.ctl" show route table r4 || true
            timeout 30 birdc -s "$work/bird/bird.ctl" show route table r6 || true; } > "$o.raw" 2>&1
          $norm bird < "$o.raw" > "$o" ;;
    frr) timeout 30 vtysh --vty_socket "$frrd" -d bgpd -c 'show rpki prefix-table' > "$o.raw" 2>&1 || true
         $norm frr < "$o.raw" > "$o" ;;
    gobgp) { timeout 30 $G rpki table || true; timeout 30 $G rpki table -a ipv6 || true; } > "$o.raw" 2>&1
           $norm gobgp < "$o.raw" > "$o" ;;
    live) $norm frr < <(sed -n 's/^+ *//p' "$work/live.out") > "$o" ;;  # adds only (before update)
  esac
}
wait_same() {  # client, phase, expected, seconds: poll the client until it holds the set
  local i
  for i in $(seq "$4"); do
    dump "$1" "$2"
    cmp -s "$work/$1.$2" "$3" && return 0
    sleep 1
  done
  return 1
}
report() {  # client, phase, expected
  if wait_same "$1" "$2" "$3" "${4:-40}"; then check "$1 holds the $2 set ($(wc -l < "$3") VRPs, $(elapsed))" 0
  else
    echo "     $1: $(wc -l < "$work/$1.$2") lines; diff (first 5):"
    diff "$3" "$work/$1.$2" | head -5 | sed 's/^/     /'
    check "$1 holds the $2 set" 1
  fi
}

clients=(rtrclient rtrdump bird frr gobgp live)
for c in "${clients[@]}"; do report "$c" before "$work/a.expected"; done

# ---- update: next week's list, replaced atomically ---------------------------------------------
comm -13 "$work/a.expected" "$work/b.expected" | sed 's/^/+ /' > "$work/delta.expected"
comm -23 "$work/a.expected" "$work/b.expected" | sed 's/^/- /' >> "$work/delta.expected"
sort -o "$work/delta.expected" "$work/delta.expected"
live_before=$(wc -l < "$work/live.out")
bird_log_before=$(wc -l < "$work/bird/bird.log")
cp "$work/b.json" "$work/served.json.tmp"
mv "$work/served.json.tmp" "$work/served.json"
echo "update: served file replaced ($(wc -l < "$work/delta.expected") changes; $(elapsed))"

for c in rtrclient rtrdump bird frr; do report "$c" after "$work/b.expected"; done
if ! wait_same gobgp after "$work/b.expected" 20; then
  echo "     gobgp not in sync after 20 s: gobgp rpki server 127.0.0.1 reset"
  $G rpki server 127.0.0.1 reset > /dev/null 2>&1 || true
fi
report gobgp after "$work/b.expected"

# live rtrclient: the lines after the first sync must be exactly the delta, fetched by Serial Query
for _ in $(seq 30); do
  [ $(( $(wc -l < "$work/live.out") - live_before )) -ge "$(wc -l < "$work/delta.expected")" ] && break
  sleep 1
done
tail -n +$((live_before + 1)) "$work/live.out" | python3 -c '
import sys, ipaddress
for l in sys.stdin:
    f = l.split()
    if len(f) == 6 and f[0] in "+-":
        print(f[0], ipaddress.ip_network(f[1] + "/" + f[2], strict=False), f[4], f[5])' |
  sort > "$work/live.delta"
r=0; cmp -s "$work/live.delta" "$work/delta.expected" || r=1
check "rtrclient -p printed exactly the delta (+$(grep -c '^+' "$work/live.delta" || true) -$(grep -c '^-' "$work/live.delta" || true))" $r
resets=$(grep -ci 'sending reset query' "$work/live.err" || true)
serials=$(grep -ci 'sending serial query' "$work/live.err" || true)
r=0; { [ "$resets" = 1 ] && [ "$serials" -ge 1 ]; } || r=1
check "rtrclient fetched the update by Serial Query ($resets reset queries, $serials serial queries)" $r
tail -n +$((bird_log_before + 1)) "$work/bird/bird.log" > "$work/bird/bird.after.log"
r=0; { grep -qi 'serial query' "$work/bird/bird.after.log" && ! grep -qi 'cache reset\|reset query' "$work/bird/bird.after.log"; } || r=1
check "BIRD fetched the update by Serial Query (no Cache Reset / Reset Query in its log)" $r

# ---- ROV verdicts through rov_oracles.sh: server under test vs StayRTR -------------------------
python3 - "$work/b.expected" > "$work/pairs.tsv" <<'EOF'
# 600 pairs with distinct prefixes (GoBGP keeps one origin per prefix): valid, invalid by ASN,
# invalid by length (one bit past maxLength), not found (a sibling nobody covers, maybe).
import ipaddress, random, sys
rnd = random.Random(4)
vrps = [l.split() for l in open(sys.argv[1])]
rnd.shuffle(vrps)
seen, out = set(), []
def put(p, a):
    if p not in seen:
        seen.add(p); out.append(f"{p}\t{a}")
for i, (p, m, a) in enumerate(vrps[:600]):
    n = ipaddress.ip_network(p); m = int(m); a = int(a)
    k = i % 4
    if k == 0: put(str(n), a)
    elif k == 1: put(str(n), a + 1)
    elif k == 2 and m < n.max_prefixlen: put(str(next(n.subnets(new_prefix=m + 1))), a)
    else:
        w = ipaddress.ip_network(f"{n.network_address}/{max(8, n.prefixlen - 4)}", strict=False)
        put(str(w), a)
print("\n".join(out[:600]))
EOF
if [ "$kind" = manrs ]; then
  timeout 300 "$manrs" vrp convert -q --to stayrtr-json -o "$work/b.stayrtr.json" "$roa_b"
else
  cp "$work/b.json" "$work/b.stayrtr.json"
fi
stop_all  # free BIRD/GoBGP/FRR before the oracle script starts its own
if [ "$kind" = manrs ]; then
  "$manrs" rtr serve --vrps "$work/b.json" --listen 127.0.0.1:$port --http 127.0.0.1:$hport > "$work/server2.log" 2>&1 &
else
  stayrtr -bind 127.0.0.1:$port -metrics.addr 127.0.0.1:$hport -cache "$work/b.json" -checktime=false > "$work/server2.log" 2>&1 &
fi
pids+=($!)
python3 "$work/ready.py" 127.0.0.1 $port 30
RTRPORT=$(free_port) GAPI=$(free_port) timeout 150 bash "$shared/tools/rov_oracles.sh" \
  "$work/b.stayrtr.json" "$work/pairs.tsv" "$work/rov_ours" 127.0.0.1:$port > "$work/rov_ours.log" 2>&1 || true
stop_all
RTRPORT=$(free_port) GAPI=$(free_port) timeout 150 bash "$shared/tools/rov_oracles.sh" \
  "$work/b.stayrtr.json" "$work/pairs.tsv" "$work/rov_stayrtr" > "$work/rov_stayrtr.log" 2>&1 || true
for o in rtrlib bird gobgp; do
  n=$(wc -l < "$work/rov_ours/$o.tsv" 2>/dev/null || echo 0)
  sort "$work/rov_ours/$o.tsv" > "$work/rov.$o.ours" 2>/dev/null || : > "$work/rov.$o.ours"
  sort "$work/rov_stayrtr/$o.tsv" > "$work/rov.$o.stayrtr" 2>/dev/null || : > "$work/rov.$o.stayrtr"
  r=0; { [ "$n" -ge 500 ] && cmp -s "$work/rov.$o.ours" "$work/rov.$o.stayrtr" && ! grep -q MISSING "$work/rov.$o.ours"; } || r=1
  check "rov_oracles $o: $n verdicts, same as against StayRTR ($(cut -f3 "$work/rov.$o.ours" | sort | uniq -c | tr -s ' ' | tr '\n' ','))" $r
done

# ---- v2 with ASPA and router keys: the test's own 8210bis decoder (rtr_v2.py) -----------------
# StayRTR 0.5.1 sends an older draft's ASPA layout, which the decoder rejects: manrs only.
if [ "$kind" = manrs ]; then
  stop_all
  timeout 60 "$manrs" vrp convert -q --to json -o "$work/v2a.json" "$data/stayrtr-test.rpki.json"
  timeout 60 "$manrs" vrp convert -q --to json -o "$work/v2b.json" "$shared/tools/vrps-small.json"
  cp "$work/v2a.json" "$work/v2.served.json"
  # The update shrinks 19 VRPs to 6: allow it (the default --max-shrink 0.2 would keep the old
  # set, rightly; tests/integration/rtr_faults.sh checks that refusal).
  "$manrs" rtr serve --vrps "$work/v2.served.json" --listen 127.0.0.1:$port --http 127.0.0.1:$hport \
    --reload-interval 1 --max-shrink 1 > "$work/server_v2.log" 2>&1 &
  pids+=($!)
  python3 "$work/ready.py" 127.0.0.1 $port 30
  r=0; timeout 90 python3 "$here/rtr_v2.py" 127.0.0.1 $port --expect "$data/stayrtr-test.rpki.json" \
    --replace "$work/v2b.json" --target "$work/v2.served.json" --timeout 60 > "$work/rtr_v2.log" || r=1
  sed 's/^/     /' "$work/rtr_v2.log"
  check "rtr_v2.py: v2 VRPs, ASPAs and router keys equal before and after an update" $r
else
  echo "skip rtr_v2.py against StayRTR 0.5.1 (old ASPA layout); its parser: rtr_v2.py --self-test"
fi
r=0; python3 "$here/rtr_v2.py" --self-test > "$work/rtr_v2_selftest.log" || r=1
check "rtr_v2.py --self-test" $r

echo "$pass passed, $fail failed ($(elapsed))"
[ $fail = 0 ]
