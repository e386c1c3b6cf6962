#!/usr/bin/env bash
# `manrs rtr serve` with old data and on IPv6: --max-age marks a set whose build time is older as
# stale (/status, /metrics), --stale-stop then answers queries with "No Data Available" (error 2)
# instead of serving it; without --stale-stop it is served; the [::1] listener syncs like the
# IPv4 one. Clients: ../shared/tools/rtr_pdus.py (an independent byte-level RTR client).
# Usage: rtr_stale.sh MANRS_BINARY SHARED_DIR WORKDIR   (exit 77 = skipped; ~10 s; loopback only)
set -u
manrs=$1
shared=$2
work=$3
mkdir -p "$work"
client=$shared/tools/rtr_pdus.py
if [ ! -f "$client" ] || [ ! -f "$shared/tools/vrps-small.json" ]; then
  echo "SKIP: $shared/tools is absent"; exit 77
fi
command -v curl > /dev/null || { echo "SKIP: curl is not installed"; exit 77; }
pass=0
fail=0
pid=
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi; }
stop() { if [ -n "$pid" ]; then kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null; pid=; fi; }
trap stop EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 50); do curl -sf "http://127.0.0.1:$1/status" > /dev/null && return 0; sleep 0.1; done; return 1; }

# vrps-small.json was built 2026-01-01: older than an hour by now.
"$manrs" vrp convert -q --to json "$shared/tools/vrps-small.json" -o "$work/old.json"
port=$(free_port)
hport=$(free_port)

# 1. --max-age + --stale-stop: stored, reported stale, not served, on both listeners
"$manrs" rtr serve --vrps "$work/old.json" --listen "127.0.0.1:$port" --listen "[::1]:$port" \
  --http "127.0.0.1:$hport" --max-age 3600 --stale-stop > "$work/stale_stop.log" 2>&1 &
pid=$!
wait_http "$hport"
timeout 10 python3 "$client" 127.0.0.1 "$port" --version 1 > "$work/q1.txt" 2>&1
grep -q 'ErrorReport v1 .*error_code=2' "$work/q1.txt" && ! grep -q 'Prefix' "$work/q1.txt"
check "--stale-stop: a Reset Query gets No Data Available (error 2), no prefixes" $?
curl -s "http://127.0.0.1:$hport/status" | python3 -c '
import json, sys; d = json.load(sys.stdin)
assert d["stale"] is True and d["serving"] is False and d["vrps"] == {"ipv4": 4, "ipv6": 2}, d'
check "--stale-stop: /status says stale, not serving, and still holds the 6 VRPs" $?
curl -s "http://127.0.0.1:$hport/metrics" | grep -qx 'rtr_data_stale 1'
check "--stale-stop: /metrics rtr_data_stale 1" $?
grep -q 'data is stale' "$work/stale_stop.log"
check "--stale-stop: the log says why" $?
timeout 10 python3 "$client" ::1 "$port" --version 0 > "$work/q1v6.txt" 2>&1
grep -q 'error_code=2' "$work/q1v6.txt"
check "--stale-stop: the [::1] listener answers the same" $?
stop

# 2. --max-age without --stale-stop: served, reported stale; IPv6 listener serves the same set
"$manrs" rtr serve --vrps "$work/old.json" --listen "[::1]:$port" --listen "127.0.0.1:$port" \
  --http "127.0.0.1:$hport" --max-age 3600 > "$work/stale.log" 2>&1 &
pid=$!
wait_http "$hport"
timeout 10 python3 "$client" ::1 "$port" --version 1 > "$work/q2v6.txt" 2>&1
timeout 10 python3 "$client" 127.0.0.1 "$port" --version 1 > "$work/q2v4.txt" 2>&1
grep -q "counts: {'CacheResponse': 1, 'IPv4Prefix': 4, 'IPv6Prefix': 2, 'EndOfData': 1}" "$work/q2v6.txt"
check "without --stale-stop: stale data is served over [::1] (4 + 2 prefixes)" $?
cmp -s <(grep -v '^#' "$work/q2v4.txt" | sed 's/session=[0-9]*//') \
  <(grep -v '^#' "$work/q2v6.txt" | sed 's/session=[0-9]*//')
check "the IPv4 and IPv6 listeners serve the same PDUs" $?
curl -s "http://127.0.0.1:$hport/status" | python3 -c '
import json, sys; d = json.load(sys.stdin); assert d["stale"] is True and d["serving"] is True, d'
check "without --stale-stop: /status says stale and serving" $?
stop

# 3. fresh data (no --max-age): not stale
"$manrs" rtr serve --vrps "$work/old.json" --listen "127.0.0.1:$port" --http "127.0.0.1:$hport" \
  > "$work/fresh.log" 2>&1 &
pid=$!
wait_http "$hport"
curl -s "http://127.0.0.1:$hport/metrics" | grep -qx 'rtr_data_stale 0'
check "no --max-age: rtr_data_stale 0" $?
stop

# 4. defaults: when [::1]:8323 cannot be bound (taken here by a placeholder socket), the server
#    says so and serves on 127.0.0.1:8323 alone (skipped when 127.0.0.1:8323 is taken already)
if python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 8323))' 2> /dev/null; then
  python3 -c 'import socket, time
s = socket.socket(socket.AF_INET6); s.bind(("::1", 8323)); s.listen(1); time.sleep(30)' &
  holder=$!
  sleep 0.5
  "$manrs" rtr serve --vrps "$work/old.json" --http "" > "$work/defaults.log" 2>&1 &
  pid=$!
  for _ in $(seq 50); do grep -q 'RTR on' "$work/defaults.log" && break; sleep 0.1; done
  timeout 10 python3 "$client" 127.0.0.1 8323 --version 1 > "$work/q4.txt" 2>&1
  grep -q 'cannot listen on \[::1\]:8323: skipped' "$work/defaults.log" &&
    grep -q "'IPv4Prefix': 4" "$work/q4.txt"
  check "defaults: [::1]:8323 taken -> warned, serving on 127.0.0.1:8323" $?
  stop
  kill "$holder" 2> /dev/null; wait "$holder" 2> /dev/null
else
  echo "skip defaults check: 127.0.0.1:8323 is in use"
fi

echo "rtr_stale: $pass passed, $fail failed"
[ "$fail" = 0 ]
