# Shared helpers of the integration scripts (sourced): process cleanup (stop_all TERMs every PID
# in `pids`, waits up to 5 s, then KILLs the rest; also on EXIT), free loopback ports, pass/fail
# bookkeeping (check NAME STATUS, summary).
pids=()
stop_all() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# wait_port PORT [SECONDS]: until something accepts on 127.0.0.1:PORT.
wait_port() {
  local i
  for i in $(seq $((${2:-30} * 10))); do
    (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
fail=0
pass=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi; }
T0=$(date +%s)
elapsed() { echo "$(($(date +%s) - T0)) s"; }
# summary: prints the counts and exits 1 if anything failed.
summary() {
  echo "$pass passed, $fail failed ($(elapsed))"
  [ "$fail" = 0 ]
}
