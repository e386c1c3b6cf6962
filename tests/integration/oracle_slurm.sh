#!/usr/bin/env bash
# Oracle test: RFC 8416 SLURM applied by `manrs vrp convert --slurm SLURM --to json VRPS` must
# give the same VRPs (prefix, maxLength, origin AS) as StayRTR serves on its /rpki.json endpoint
# after applying the same SLURM file to the same cache. Only the prefix part is compared: StayRTR
# keeps per-family ASPAs and accepts 16-byte SKIs, where manrs merges families and rejects them
# (docs/slurm.md, "Decisions").
#
# Cases: ../shared/tools/{vrps-small,slurm-small}.json; the same VRPs with StayRTR's sample SLURM
# (its 16-byte SKIs replaced by a 20-byte one); and a RIPE NCC ROA list of 2017 (tens of
# thousands of VRPs, converted to rpki-client JSON here) with a SLURM file generated from it
# (prefix filters, prefix+asn filters, covering filters, asn filters, assertions with and
# without maxPrefixLength).
# StayRTR listens on 127.0.0.1 only, runs under `timeout`, and is killed when the script ends.
# Usage: oracle_slurm.sh MANRS_BINARY SHARED_DIR [WORKDIR]   (exit 77 = skipped)
set -u
manrs=$1
shared=$2
work=${3:-$(mktemp -d)}
mkdir -p "$work"

skip() { echo "SKIP: $*"; exit 77; }
[ -f "$shared/tools/vrps-small.json" ] || skip "$shared/tools is absent (the shared folder is needed)"
command -v stayrtr >/dev/null || skip "stayrtr is not installed (tools/setup.sh installs it)"
command -v curl >/dev/null || skip "curl is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
"$manrs" vrp convert --help >/dev/null 2>&1 ||
  skip "'manrs vrp convert' does not exist yet in $manrs (the vrp command is being written)"

fail=0
pass=0
check() {  # name, condition-result
  if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi
}

pid=""
stop_stayrtr() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=""
  fi
}
trap stop_stayrtr EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# stayrtr_vrps CACHE SLURM OUT: what StayRTR serves after SLURM, as rpki-client JSON.
stayrtr_vrps() {
  local rtr_port metrics_port i
  rtr_port=$(free_port)
  metrics_port=$(free_port)
  timeout 60 stayrtr -bind "127.0.0.1:$rtr_port" -metrics.addr "127.0.0.1:$metrics_port" \
    -cache "$1" -slurm "$2" -checktime=false > "$3.log" 2>&1 &
  pid=$!
  rm -f "$3"
  # rpki.json answers (empty) before the cache is loaded: wait for the log line that follows
  # the first update.
  for i in $(seq 1 300); do
    if grep -q "Server started" "$3.log" &&
       curl -s --max-time 5 "http://127.0.0.1:$metrics_port/rpki.json" -o "$3.tmp" 2>/dev/null &&
       grep -q '"roas"' "$3.tmp"; then
      mv "$3.tmp" "$3"
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  stop_stayrtr
  [ -s "$3" ]
}

# same_vrps A B: the two rpki-client JSON files hold the same (prefix, maxLength, asn) set.
same_vrps() {
  python3 - "$1" "$2" <<'EOF'
import ipaddress, json, sys

def vrps(path):
    with open(path) as f:
        doc = json.load(f)
    out = set()
    for r in doc.get("roas", []):
        asn = r["asn"]
        if isinstance(asn, str):
            asn = int(asn[2:] if asn.upper().startswith("AS") else asn)
        out.add((ipaddress.ip_network(r["prefix"]), int(r["maxLength"]), int(asn)))
    return out

a, b = vrps(sys.argv[1]), vrps(sys.argv[2])
print("   stayrtr %d VRPs, manrs %d VRPs" % (len(a), len(b)))
for name, d in (("only stayrtr", a - b), ("only manrs", b - a)):
    for p, m, asn in sorted(d, key=lambda t: (t[0].version, t[0], t[1], t[2]))[:10]:
        print("   %s: %s-%d AS%d" % (name, p, m, asn))
sys.exit(0 if a == b and a else 1)
EOF
}

compare() {  # name cache slurm
  local name=$1 cache=$2 slurm=$3
  if ! stayrtr_vrps "$cache" "$slurm" "$work/$name.stayrtr.json"; then
    check "$name: stayrtr served rpki.json (see $work/$name.stayrtr.json.log)" 1
    return
  fi
  "$manrs" vrp convert -q --slurm "$slurm" --to json -o "$work/$name.manrs.json" "$cache" \
    2> "$work/$name.manrs.err"
  local rc=$?
  if [ $rc != 0 ]; then
    head -5 "$work/$name.manrs.err"
    check "$name: manrs vrp convert --slurm (exit $rc)" 1
    return
  fi
  same_vrps "$work/$name.stayrtr.json" "$work/$name.manrs.json"
  check "$name: same VRPs as stayrtr after SLURM" $?
}

# 1. The small shared pair.
compare small "$shared/tools/vrps-small.json" "$shared/tools/slurm-small.json"

# 2. StayRTR's sample SLURM (slurmVersion 2) with a 20-byte SKI instead of its 16-byte ones.
sample=$shared/data/vrp/stayrtr-slurm.json
if [ -f "$sample" ]; then
  sed 's#XC7RBWu3661vfYmhXZwtUw==#voibVdC3Nzl9dcSfSFuFj6mK0R8=#g' "$sample" > "$work/stayrtr-sample.slurm.json"
  compare stayrtr-sample "$shared/tools/vrps-small.json" "$work/stayrtr-sample.slurm.json"
fi

# 3. A real ROA list (RIPE NCC, 2017) and a SLURM file generated from its VRPs.
roalist=$shared/data/vrp/roalist-authenticated-2017-05-25T053325Z.txt
if [ -f "$roalist" ]; then
  python3 - "$roalist" "$work/roalist.json" "$work/roalist.slurm.json" <<'EOF'
import ipaddress, json, sys

vrps = []
with open(sys.argv[1]) as f:
    for line in f:
        fields = line.split()
        if len(fields) < 3 or not fields[1].isdigit():
            continue
        for p in fields[2:]:
            prefix, _, maxlen = p.partition("-")
            net = ipaddress.ip_network(prefix)
            vrps.append({"prefix": str(net), "maxLength": int(maxlen or net.prefixlen),
                         "asn": int(fields[1]), "ta": "ripe", "expires": 4102444800})
with open(sys.argv[2], "w") as f:
    json.dump({"metadata": {"buildtime": "2017-05-25T05:33:25Z", "vrps": len(vrps)},
               "roas": vrps}, f)

# Filters of every kind on a deterministic sample of the VRPs; assertions in space no VRP uses.
filters, seen = [], set()
for i, v in enumerate(vrps[::97]):
    net = ipaddress.ip_network(v["prefix"])
    kind = i % 4
    if kind == 0:
        filters.append({"prefix": v["prefix"], "comment": "exact prefix"})
    elif kind == 1:
        filters.append({"prefix": v["prefix"], "asn": v["asn"], "comment": "prefix and asn"})
    elif kind == 2 and net.prefixlen > 12:
        filters.append({"prefix": str(net.supernet(new_prefix=net.prefixlen - 4)),
                        "asn": v["asn"], "comment": "covering prefix and asn"})
    elif v["asn"] not in seen and len(seen) < 20:
        seen.add(v["asn"])
        filters.append({"asn": v["asn"], "comment": "every VRP of the AS"})
assertions = [
    {"prefix": "10.0.0.0/8", "asn": 64512, "maxPrefixLength": 24, "comment": "private"},
    {"prefix": "172.16.0.0/12", "asn": 64513, "comment": "no maxPrefixLength"},
    {"prefix": "fd00::/8", "asn": 64514, "maxPrefixLength": 48, "comment": "ULA"},
    {"prefix": "100.64.0.0/10", "asn": 4200000000, "maxPrefixLength": 10, "comment": "4-byte AS"},
]
with open(sys.argv[3], "w") as f:
    json.dump({"slurmVersion": 1,
               "validationOutputFilters": {"prefixFilters": filters, "bgpsecFilters": []},
               "locallyAddedAssertions": {"prefixAssertions": assertions,
                                          "bgpsecAssertions": []}}, f, indent=1)
print("   roalist: %d VRPs, %d filters, %d assertions" % (len(vrps), len(filters), len(assertions)))
EOF
  compare roalist "$work/roalist.json" "$work/roalist.slurm.json"
fi

echo "oracle_slurm: $pass passed, $fail failed"
[ $fail = 0 ]
