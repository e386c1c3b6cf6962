#!/usr/bin/env bash
# Load and fault test for an RTR cache server (issue 4), small numbers for CI:
#   set     10,000 VRPs (the first 10k of the real 2017-05-25 ROA list, rpki-client JSON)
#   load    200 concurrent full v1 syncs (bench/rtr_sync_client --parallel 200): all succeed with the
#           same PDU count (10,000 prefixes + Cache Response + End of Data)
#   faults  at the same time: 20 clients that send a Reset Query and never read, 20 that send
#           garbage (bad version, bad type, huge length, random bytes), 20 that disconnect
#           mid-sync; afterwards the server still runs and rtrdump -rtr.version 1 holds exactly the
#           set (normalized, diffed with `manrs vrp convert --to plain`)
#   input   the served file is replaced (atomically) by garbage (half a JSON document), by an empty
#           file, and (manrs only, StayRTR has no such guard) by a set that shrinks by 50%: the
#           server keeps serving the last good set; then a valid update (+100 VRPs) still reaches a
#           live rtrclient -p and rtrdump.
# Usage: rtr_faults.sh SERVER_KIND MANRS_BINARY SHARED_DIR WORKDIR SYNC_CLIENT_BINARY
#   SERVER_KIND = manrs | stayrtr (stayrtr validates the script). Exit 77 = skipped. ~1 min.
# Loopback only; free ports; every process started here is ended by PID (TERM, wait, KILL).
set -euo pipefail
kind=$1
manrs=$2
shared=$3
work=$4
client=$5
here=$(cd "$(dirname "$0")" && pwd)
norm="python3 $here/rtr_norm.py"
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
roa=$shared/data/vrp/roalist-authenticated-2017-05-25T053325Z.txt

skip() { echo "SKIP: $*"; exit 77; }
[ -f "$roa" ] || skip "$roa is absent"
[ -x "$client" ] || skip "no rtr_sync_client at $client"
"$manrs" vrp convert --help >/dev/null 2>&1 || skip "$manrs has no 'vrp convert'"
case $kind in
  manrs) "$manrs" rtr serve --help 2>&1 | grep -q -- --vrps || skip "$manrs has no 'rtr serve'" ;;
  stayrtr) command -v stayrtr >/dev/null || skip "stayrtr is not installed" ;;
  *) echo "SERVER_KIND must be manrs or stayrtr" >&2; exit 2 ;;
esac
for t in python3 rtrdump rtrclient; do command -v $t >/dev/null || skip "$t is not installed"; done

# shellcheck source=tests/integration/lib.sh
. "$here/lib.sh"

# ---- inputs: 10k set, +100 update, 50% shrink, garbage ---------------------------------------
timeout 60 "$manrs" vrp convert -q --to plain "$roa" | $norm plain > "$work/all.txt"
python3 - "$work" <<'EOF'
import json, sys
w = sys.argv[1]
vrps = [l.split() for l in open(f"{w}/all.txt")]
def write(name, rows):
    roas = [{"prefix": p, "maxLength": int(m), "asn": int(a), "ta": "test"} for p, m, a in rows]
    json.dump({"metadata": {"buildtime": "2026-01-01T00:00:00Z", "vrps": len(roas)}, "roas": roas},
              open(f"{w}/{name}.json", "w"))
    open(f"{w}/{name}.expected", "w").write("".join(" ".join(r) + "\n" for r in sorted(rows)))
base = vrps[:10000]
write("base", base)
write("plus", vrps[:10100])
write("shrunk", base[:5000])
text = open(f"{w}/base.json").read()
open(f"{w}/garbage.json", "w").write(text[: len(text) // 2])
EOF
sort -o "$work/base.expected" "$work/base.expected"
sort -o "$work/plus.expected" "$work/plus.expected"
cp "$work/base.json" "$work/served.json"

port=$(free_port)
hport=$(free_port)
if [ "$kind" = manrs ]; then
  "$manrs" rtr serve --vrps "$work/served.json" --listen 127.0.0.1:$port --http 127.0.0.1:$hport \
    --refresh 5 --retry 5 --expire 600 --reload-interval 1 > "$work/server.log" 2>&1 &
else
  stayrtr -bind 127.0.0.1:$port -metrics.addr 127.0.0.1:$hport -cache "$work/served.json" \
    -checktime=false -refresh 2 > "$work/server.log" 2>&1 &
fi
server=$!
pids+=($server)
r=0; "$client" 127.0.0.1 $port --wait 30 > "$work/ready.out" || r=1
check "server serving ($(elapsed))" $r
[ $r = 0 ] || { cat "$work/server.log"; exit 1; }

holds() {  # expected, label: rtrdump -rtr.version 1 holds exactly the set (a few tries)
  local i
  for i in $(seq "${3:-1}"); do
    timeout 30 rtrdump -connect 127.0.0.1:$port -rtr.version 1 -file "$work/dump.json" > /dev/null 2>&1 || true
    $norm rtrdump < "$work/dump.json" > "$work/dump.txt" 2>/dev/null || : > "$work/dump.txt"
    cmp -s "$work/dump.txt" "$1" && { check "$2 ($(wc -l < "$1") VRPs, $(elapsed))" 0; return; }
    sleep 1
  done
  diff "$1" "$work/dump.txt" | head -5 | sed 's/^/     /'
  check "$2" 1
}

# ---- load + misbehaving clients --------------------------------------------------------------
cat > "$work/bad_clients.py" <<'EOF'
# 20 never-read, 20 garbage, 20 mid-sync disconnects; runs until killed or done.
import os, random, socket, struct, sys, threading, time
host, port, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rnd = random.Random(4)
held, results = [], {"error_reports": 0, "garbage_answered": 0, "garbage_closed": 0, "midsync": 0, "errors": 0}
lock = threading.Lock()
def never_read():
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(bytes([1, 2, 0, 0, 0, 0, 0, 8]))
        held.append(s)
    except OSError:
        with lock: results["errors"] += 1
garbage = [bytes([9, 2, 0, 0, 0, 0, 0, 8]),                 # unsupported version
           bytes([1, 77, 0, 0, 0, 0, 0, 8]),                # unknown PDU type
           bytes([1, 2, 0, 0, 0xff, 0xff, 0xff, 0xff]),     # huge length
           bytes([1, 2, 0, 0, 0, 0, 0, 3]),                 # length < 8
           b"GET / HTTP/1.0\r\n\r\n"]
def garbage_client(i):
    data = garbage[i % len(garbage)] if i < len(garbage) else bytes(rnd.randrange(256) for _ in range(64))
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(data)
        got = s.recv(4096)
        with lock:
            results["garbage_answered" if got else "garbage_closed"] += 1
            if i < 4 and len(got) >= 8 and got[1] == 10: results["error_reports"] += 1
        s.close()
    except OSError:
        with lock: results["garbage_closed"] += 1
def midsync():
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(bytes([1, 2, 0, 0, 0, 0, 0, 8]))
        n = 0
        while n < 20000:
            d = s.recv(4096)
            if not d: break
            n += len(d)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST
        s.close()
        with lock: results["midsync"] += 1
    except OSError:
        with lock: results["errors"] += 1
ts = [threading.Thread(target=never_read) for _ in range(20)]
ts += [threading.Thread(target=garbage_client, args=(i,)) for i in range(20)]
ts += [threading.Thread(target=midsync) for _ in range(20)]
for t in ts: t.start()
for t in ts: t.join()
print(" ".join(f"{k}={v}" for k, v in results.items()), f"never_read={len(held)}", flush=True)
time.sleep(secs)  # keep the never-reading sockets open while the load runs
EOF
python3 "$work/bad_clients.py" 127.0.0.1 $port 20 > "$work/bad.out" 2>&1 &
bad=$!
pids+=($bad)
sleep 0.5
r=0; timeout 120 "$client" 127.0.0.1 $port --parallel 200 --timeout 100 > "$work/load.out" || r=1
pdus=$(sed -n 's/.*RESULT.* pdus=\([0-9]*\).*/\1/p' "$work/load.out")
[ "$pdus" = 10002 ] || r=1
check "200 concurrent full syncs with 60 misbehaving clients: $(grep RESULT "$work/load.out" | cut -d' ' -f2-7)" $r
sleep 1
echo "     misbehaving: $(head -1 "$work/bad.out")"
if [ "$kind" = manrs ]; then  # StayRTR just closes; the issue asks for an Error Report first
  r=0; grep -q 'error_reports=4' "$work/bad.out" || r=1
  check "bad version, bad type, huge and short length answered by an Error Report" $r
fi
kill -0 $server 2>/dev/null && r=0 || r=1
check "server still running" $r
holds "$work/base.expected" "rtrdump v1 holds the set after the load"
kill -TERM $bad 2>/dev/null || true

# ---- input faults ------------------------------------------------------------------------------
stdbuf -oL rtrclient -p -k tcp 127.0.0.1 $port > "$work/live.out" 2> "$work/live.err" &
pids+=($!)
sleep 2
replace() { cp "$1" "$work/served.tmp"; mv "$work/served.tmp" "$work/served.json"; }
replace "$work/garbage.json"; sleep 5
holds "$work/base.expected" "garbage input (half a JSON file) did not replace the set"
: > "$work/empty.json"; replace "$work/empty.json"; sleep 5
holds "$work/base.expected" "empty input did not replace the set"
if [ "$kind" = manrs ]; then
  replace "$work/shrunk.json"; sleep 5
  holds "$work/base.expected" "a 50% shrink (over --max-shrink 20%) did not replace the set"
fi
kill -0 $server 2>/dev/null && r=0 || r=1
check "server still running after bad inputs" $r
live_before=$(wc -l < "$work/live.out")
replace "$work/plus.json"
holds "$work/plus.expected" "valid update (+100) served after the bad inputs" 30
for _ in $(seq 20); do [ $(( $(wc -l < "$work/live.out") - live_before )) -ge 100 ] && break; sleep 1; done
added=$(tail -n +$((live_before + 1)) "$work/live.out" | grep -c '^+' || true)
removed=$(tail -n +$((live_before + 1)) "$work/live.out" | grep -c '^-' || true)
r=0; { [ "$added" = 100 ] && [ "$removed" = 0 ]; } || r=1
check "live rtrclient got the update as +$added -$removed (no withdrawal from the bad inputs)" $r
if [ "$kind" = manrs ]; then
  curl -s --max-time 5 "http://127.0.0.1:$hport/status" > "$work/status.json" || true
  curl -s --max-time 5 "http://127.0.0.1:$hport/metrics" > "$work/metrics.txt" || true
  r=0; [ -s "$work/metrics.txt" ] || r=1
  check "/metrics answers after the faults" $r
fi

echo "$pass passed, $fail failed ($(elapsed))"
[ $fail = 0 ]
