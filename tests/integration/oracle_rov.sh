#!/usr/bin/env bash
# Oracle test: `manrs rov` (RFC 6811 route origin validation) must give the same verdict as
# independent implementations on every (prefix, origin) pair, on real data:
#   VRPs   the real 2017 ROA list ../shared/data/vrp/roalist-authenticated-2017-05-25T053325Z.txt
#          (40,025 VRPs), through `manrs vrp convert --to stayrtr-json` (our side, StayRTR) and an
#          independent Python conversion to "prefix/len maxlen asn" (RTRlib bench, naive_rov.py);
#          `manrs vrp convert --to plain` must list the same VRPs as that conversion.
#   pairs  the unique (prefix, last AS of the path) of every RIB entry and announcement of the MRT
#          files in ../shared/data/mrt (via `manrs mrt dump --format bgpdump`), the whole pyasn
#          2014 prefix-to-AS table, and variants of both and of the VRPs (more-specifics, other
#          origins, maxLength and maxLength+1, AS0) so that valid, invalid by ASN, invalid by
#          length and not found all occur in large numbers. Routes whose path ends in an AS_SET
#          (origin NONE) and origin AS0 go to our side and the naive check only (the RTR oracles
#          cannot express NONE; RTRlib has no AS0 rule).
#   oracles (i) RTRlib pfx_table_validate (../shared/tools/rtrlib_rov_bench.c, compiled into the
#          work dir) on all pairs; (ii) ../shared/tools/naive_rov.py on a fifth of them plus all
#          NONE/AS0 pairs; (iii) ../shared/tools/rov_oracles.sh (StayRTR -> RTRlib rpki-rov, BIRD
#          roa_check, GoBGP) on 3,000 pairs with distinct prefixes (GoBGP keeps one origin per
#          prefix), on free loopback ports.
#   ours   `manrs rov --vrps vrps.json --format pairs` on the pair list, and on each MRT file
#          (the MRT path must give, per unique (prefix, origin), the verdicts above).
# Usage: oracle_rov.sh MANRS_BINARY SHARED_DIR [WORKDIR]   (exit 77 = skipped; ~1-2 min)
set -euo pipefail
manrs=$1
shared=$2
work=${3:-$(mktemp -d)}
mkdir -p "$work"
data=$shared/data
roa=$data/vrp/roalist-authenticated-2017-05-25T053325Z.txt
pyasn=$data/misc/prefix2as/pyasn-ipasn_20140513.dat.gz

skip() { echo "SKIP: $*"; exit 77; }
if [ ! -f "$roa" ] || [ ! -f "$pyasn" ] || [ ! -d "$data/mrt" ]; then
  skip "$shared/data (ROA list, pyasn table, MRT files) is absent"
fi
"$manrs" rov --help >/dev/null 2>&1 || skip "$manrs has no 'rov' subcommand"
"$manrs" vrp convert --help >/dev/null 2>&1 || skip "$manrs has no 'vrp convert' subcommand"
command -v python3 >/dev/null || skip "python3 is not installed"
if ! command -v gcc >/dev/null || [ ! -e /usr/include/rtrlib/rtrlib.h ]; then
  skip "gcc or librtr-dev is missing (tools/setup.sh installs them)"
fi
if [ ! -f "$shared/tools/rtrlib_rov_bench.c" ] || [ ! -f "$shared/tools/naive_rov.py" ]; then
  skip "$shared/tools lacks the ROV oracles (rtrlib_rov_bench.c, naive_rov.py)"
fi

oracles_pid=
cleanup() {  # the oracle script runs in its own process group: end that group only
  if [ -n "$oracles_pid" ] && kill -0 "$oracles_pid" 2>/dev/null; then
    kill -TERM -- "-$oracles_pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$oracles_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

fail=0
pass=0
check() {  # name, condition-result
  if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi
}
T0=$(date +%s)
elapsed() { echo "$(($(date +%s) - T0)) s"; }

gcc -O2 -o "$work/rtrlib_rov_bench" "$shared/tools/rtrlib_rov_bench.c" -lrtr ||
  skip "rtrlib_rov_bench.c does not build"

# ---- VRPs -------------------------------------------------------------------------------------
timeout 60 "$manrs" vrp convert --to stayrtr-json -o "$work/vrps.json" "$roa"
timeout 60 "$manrs" vrp convert --to plain -o "$work/vrps.manrs.txt" "$roa"

# ---- MRT files -> bgpdump lines ---------------------------------------------------------------
mkdir -p "$work/mrt"
mrts=()
for f in "$data"/mrt/*.gz "$data"/mrt/*.bz2; do
  [ -f "$f" ] || continue
  b=$(basename "$f")
  timeout 60 "$manrs" mrt dump -q --format bgpdump "$f" > "$work/mrt/$b.bgpdump" 2>/dev/null || true
  mrts+=("$b")
done

# ---- pairs (independent of manrs except for the MRT decoding) ---------------------------------
python3 - "$roa" "$pyasn" "$work" "${mrts[@]}" <<'PY'
import gzip, random, socket, sys
roa, pyasn, work, mrts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rng = random.Random(6811)
BITS = {4: 32, 6: 128}
memo = {}
def norm(p):  # "addr/len" -> (family, int with host bits cleared, len); memoized
    k = memo.get(p)
    if k is None:
        addr, _, plen = p.partition("/")
        fam = 6 if ":" in addr else 4
        x = int.from_bytes(socket.inet_pton(socket.AF_INET6 if fam == 6 else socket.AF_INET, addr), "big")
        n = int(plen) if plen else BITS[fam]
        k = memo[p] = (fam, x >> (BITS[fam] - n) << (BITS[fam] - n) if n else 0, n)
    return k
texts = {}
def text(k):  # canonical text (RFC 5952 for IPv6); memoized
    t = texts.get(k)
    if t is None:
        fam, x, n = k
        t = texts[k] = socket.inet_ntop(socket.AF_INET6 if fam == 6 else socket.AF_INET,
                                        x.to_bytes(BITS[fam] // 8, "big")) + f"/{n}"
    return t
def sub(k, n):  # a random more-specific of prefix k with length n
    fam, x, plen = k
    return (fam, x | (rng.getrandbits(n - plen) << (BITS[fam] - n)), n) if n > plen else k

vrps = set()
for line in open(roa):
    t = line.split()
    for p in t[2:]:
        p, _, ml = p.partition("-")
        k = norm(p)
        vrps.add((k, int(ml) if ml else k[2], int(t[1])))
vrps = sorted(vrps)
with open(f"{work}/vrps.ref.txt", "w") as f:
    f.writelines(f"{text(k)} {ml} {a}\n" for k, ml, a in vrps)

pairs = {}   # (prefix, origin) -> kind; origin None = NONE (AS_SET)
def add(k, origin, kind):
    pairs.setdefault((k, origin), kind)

skipped = {"empty path": 0, "confederation": 0}
for name in mrts:
    seen = {}  # a dict keeps the file order (deterministic, unlike a set's)
    with open(f"{work}/mrt/{name}.bgpdump", errors="replace") as f:
        for line in f:
            x = line.split("|", 8)
            if len(x) < 8 or x[2] not in ("A", "B"):
                continue
            path = x[7] if x[0].endswith("_AP") else x[6]
            last = path.rpartition(" ")[2]
            if not last:
                skipped["empty path"] += 1
                continue
            if last.startswith("{") or last.endswith("}"):
                origin = None
            elif last.isdigit():
                origin = int(last)
            else:
                skipped["confederation"] += 1
                continue
            seen[(norm(x[5]), origin)] = 1
    for k, o in seen:
        add(k, o, "mrt")
    with open(f"{work}/mrt/{name}.expect", "w") as f:
        f.writelines(f"{text(k)}\t{'NONE' if o is None else o}\n" for k, o in seen)
mrt_pairs = [k for k in pairs if k[1] is not None]  # insertion order: deterministic

with gzip.open(pyasn, "rt") as f:
    table = [(norm(t[0]), int(t[1])) for t in (l.split() for l in f if not l.startswith(";"))
             if len(t) == 2 and t[1].isdigit()]
origins = sorted({a for _, a in table})
for k, a in table:
    add(k, a, "pyasn")
for k, a in table[::5] + mrt_pairs[::5]:   # more-specifics with the same origin
    longest = 24 if k[0] == 4 else 48
    if k[2] >= longest:
        longest = BITS[k[0]]
    if k[2] < longest:
        add(sub(k, min(longest, k[2] + 1 + rng.randrange(8))), a, "more-specific")
for k, a in table[2::5] + mrt_pairs[2::5]:  # another real origin
    add(k, origins[rng.randrange(len(origins))], "other origin")
for k, ml, a in vrps:
    if a == 0:
        add(k, 0, "AS0 VRP, origin 0")
        add(k, origins[rng.randrange(len(origins))], "AS0 VRP")
        continue
    add(k, a, "VRP exact")
    add(sub(k, ml), a, "VRP at maxLength")
    if ml < BITS[k[0]]:
        add(sub(k, ml + 1), a, "VRP maxLength+1")
    add(k, origins[rng.randrange(len(origins))], "VRP other origin")

rtr = [p for p in pairs if p[1]]                   # numeric, non-zero: every oracle
special = [p for p in pairs if not p[1]]           # NONE or AS0: ours + naive
with open(f"{work}/pairs.txt", "w") as f:
    f.writelines(f"{text(k)} {o}\n" for k, o in rtr)
with open(f"{work}/pairs.kind", "w") as f:
    f.writelines(f"{text(k)}\t{o}\t{pairs[(k, o)]}\n" for k, o in rtr)
with open(f"{work}/special.tsv", "w") as f:
    f.writelines(f"{text(k)}\t{'NONE' if o is None else o}\t{pairs[(k, o)]}\n" for k, o in special)
with open(f"{work}/naive.in", "w") as f:        # naive input: NONE as 0 (matches no VRP either)
    f.writelines(f"{text(k)} {o}\n" for k, o in rtr[::5])
    f.writelines(f"{text(k)} 0\n" for k, o in special)
print(f"pairs: {len(rtr)} numeric ({len(mrt_pairs)} from MRT), {len(special)} NONE/AS0; "
      f"MRT entries skipped: {skipped}")
PY
echo "prepared in $(elapsed)"

# VRP conversion: manrs vs the independent conversion.
norm_plain() { awk '{ print $1, $2, $3 }' "$1" | sort -u; }
r=0
cmp -s <(norm_plain "$work/vrps.manrs.txt") <(norm_plain "$work/vrps.ref.txt") || r=$?
check "manrs vrp convert --to plain lists the ROA list's $(wc -l < "$work/vrps.ref.txt") VRPs" $r

# ---- verdicts ---------------------------------------------------------------------------------
ours() {  # OUT INPUT: our verdicts in the pairs format; a non-zero exit is reported, not fatal
  local rc=0
  timeout 120 "$manrs" rov -q --vrps "$work/vrps.json" --format pairs "$2" > "$1" 2>"$1.err" || rc=$?
  [ $rc = 0 ] || echo "note: manrs rov exited with $rc on $(basename "$2") (damaged input is expected to give 1): $(head -1 "$1.err")"
}
timeout 120 "$work/rtrlib_rov_bench" -V "$work/vrps.ref.txt" -Q "$work/pairs.txt" -o "$work/rtrlib.tsv" > "$work/rtrlib.log" 2>/dev/null
ours "$work/ours.tsv" "$work/pairs.txt"
awk -F'\t' '$2 == "0" { print $1, 0 }' "$work/special.tsv" > "$work/as0.txt"
ours "$work/ours.special.tsv" "$work/as0.txt"
timeout 120 python3 "$shared/tools/naive_rov.py" "$work/vrps.ref.txt" "$work/naive.in" > "$work/naive.tsv"
for b in "${mrts[@]}"; do
  ours "$work/mrt/$b.ours" "$shared/data/mrt/$b"
done
echo "validated in $(elapsed)"

# (iii) StayRTR -> RTRlib rpki-rov, BIRD, GoBGP on a sample with distinct prefixes.
have_rtr=1
for t in stayrtr rpki-rov bird birdcl gobgpd gobgp; do
  command -v "$t" >/dev/null || { have_rtr=0; echo "skip (iii): $t is not installed"; }
done
if [ $have_rtr = 1 ]; then
  python3 - "$work" <<'PY'
import collections, random, sys
work = sys.argv[1]
rng = random.Random(8210)
rows = [l.rstrip("\n").split("\t") for l in open(f"{work}/rtrlib.tsv")]
count = collections.Counter(r[0] for r in rows)
by = collections.defaultdict(list)
for r in rows:
    if count[r[0]] == 1:
        by[(r[2], ":" in r[0])].append(r)
sample = []
for (state, v6), rs in sorted(by.items()):
    rng.shuffle(rs)
    sample += rs[:800 if not v6 else 200]
with open(f"{work}/sample.tsv", "w") as f:
    f.writelines(f"{r[0]}\t{r[1]}\n" for r in sample)
PY
  ports=$(python3 -c 'import socket
def free(p):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); return True
    except OSError:
        return False
    finally:
        s.close()
import random
r = random.Random()
while True:
    p, g = r.randrange(20000, 40000), r.randrange(40001, 60000)
    if free(p) and free(p + 1000) and free(g):
        print(p, g); break')
  read -r rtrport gapi <<<"$ports"
  RTRPORT=$rtrport GAPI=$gapi setsid bash "$shared/tools/rov_oracles.sh" "$work/vrps.json" \
    "$work/sample.tsv" "$work/oracles" > "$work/oracles.log" 2>&1 &
  oracles_pid=$!
  if ! timeout 150 tail --pid="$oracles_pid" -f /dev/null; then
    echo "rov_oracles.sh did not finish in 150 s: stopped"
    cleanup
  fi
  rc=0
  wait "$oracles_pid" || rc=$?
  [ $rc = 0 ] || echo "rov_oracles.sh exited with $rc (log: $work/oracles.log)"
  oracles_pid=
  ours "$work/ours.sample.tsv" "$work/sample.tsv"
  echo "RTR oracles done in $(elapsed)"
fi

# ---- comparison -------------------------------------------------------------------------------
rc=0
python3 - "$work" "$have_rtr" "${mrts[@]}" > "$work/compare.log" <<'PY' || rc=$?
import collections, ipaddress, os, socket, sys
work, have_rtr, mrts = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
memo = {}
def key(p, o):  # (canonical prefix text, origin or "NONE"); prefix texts memoized
    n = memo.get(p)
    if n is None:
        addr, _, plen = p.partition("/")
        af = socket.AF_INET6 if ":" in addr else socket.AF_INET
        bits = 128 if af == socket.AF_INET6 else 32
        x = int.from_bytes(socket.inet_pton(af, addr), "big")
        ln = int(plen) if plen else bits
        x = x >> (bits - ln) << (bits - ln) if ln else 0
        n = memo[p] = socket.inet_ntop(af, x.to_bytes(bits // 8, "big")) + f"/{ln}"
    return n, (o if o.isdigit() else "NONE")
def load(path, with_state=True):
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path):
        x = line.rstrip("\n").split("\t") if "\t" in line else line.split()
        if len(x) < 3:
            continue
        out[key(x[0], x[1])] = x[2].replace("not-found", "notfound").replace("not_found", "notfound")
    return out

ours = load(f"{work}/ours.tsv")
kind = {key(a, b): c for a, b, c in (l.rstrip("\n").split("\t") for l in open(f"{work}/pairs.kind"))}
special = {key(a, b): c for a, b, c in (l.rstrip("\n").split("\t") for l in open(f"{work}/special.tsv"))}

def compare(name, ref, mine, scope=None):
    keys = [k for k in ref if scope is None or k in scope]
    missing = [k for k in keys if k not in mine]
    diff = [k for k in keys if k in mine and mine[k] != ref[k]]
    states = collections.Counter(ref[k] for k in keys)
    ok = not missing and not diff and keys
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {len(keys)} pairs, {len(diff)} differ, {len(missing)} missing "
          f"from ours; {dict(sorted(states.items()))}")
    for k in diff[:5]:
        print(f"       {k[0]} {k[1]}: ours {mine[k]}, oracle {ref[k]} ({kind.get(k) or special.get(k, '')})")
    for k in missing[:3]:
        print(f"       {k[0]} {k[1]}: missing from ours (oracle {ref[k]})")
    return ok

results = []
rtrlib = load(f"{work}/rtrlib.tsv")
results.append(compare("(i) RTRlib pfx_table_validate, all numeric pairs", rtrlib, ours))
naive = load(f"{work}/naive.tsv")
# naive.tsv has NONE as origin 0: put the NONE pairs under their own key again
naive_fixed = {}
none_keys = {k for k in special if k[1] == "NONE"}
for k, v in naive.items():
    if k[1] == "0" and (k[0], "NONE") in none_keys:
        naive_fixed[(k[0], "NONE")] = v
        if (k[0], "0") in special:
            naive_fixed[k] = v
    else:
        naive_fixed[k] = v
results.append(compare("(ii) naive_rov.py, every 5th numeric pair",
                       {k: v for k, v in naive_fixed.items() if k in kind}, ours))
# Origin AS0 (never valid, RFC 6483 §4 / RFC 7607): a separate run of ours (as0.txt).
special_ours = load(f"{work}/ours.special.tsv")
if special_ours:
    results.append(compare("(ii) naive_rov.py, origin AS0 pairs", {k: v for k, v in naive_fixed.items()
                           if k in special and k[1] == "0"}, special_ours))

# Per kind: what the oracle said (shows every state occurs in numbers).
by_kind = collections.defaultdict(collections.Counter)
for k, v in rtrlib.items():
    by_kind[kind.get(k, "?")][v] += 1
print("RTRlib verdicts per kind of pair:")
for kd, c in sorted(by_kind.items()):
    print(f"       {kd}: {dict(sorted(c.items()))}")

# Invalid by ASN vs by length, on the naive subset (independent: any covering VRP with the origin?)
vr = collections.defaultdict(list)
for line in open(f"{work}/vrps.ref.txt"):
    p, ml, a = line.split()
    n = ipaddress.ip_network(p)
    vr[(n.version, n.prefixlen, int(n.network_address))].append((int(ml), int(a)))
split = collections.Counter()
for k, v in naive_fixed.items():
    if v != "invalid" or k[1] in ("NONE", "0"):
        continue
    n = ipaddress.ip_network(k[0]); a = int(k[1]); bits = n.max_prefixlen; x = int(n.network_address)
    same = any(va == a for L in range(n.prefixlen + 1) for _, va in vr.get((n.version, L, x >> (bits - L) << (bits - L) if L else 0), ()))
    split["invalid-length" if same else "invalid-asn"] += 1
print(f"naive subset invalids: {dict(split)}")

# MRT path: per file, every unique (prefix, origin) must carry the verdict of the oracles.
ref_all = dict(rtrlib)
ref_all.update({k: v for k, v in naive_fixed.items() if k[1] in ("NONE", "0")})
tot = collections.Counter()
mrt_ok = True
for name in mrts:
    exp = set()
    for line in open(f"{work}/mrt/{name}.expect"):
        p, o = line.rstrip("\n").split("\t")
        exp.add(key(p, o))
    mine = load(f"{work}/mrt/{name}.ours")
    ref = {k: ref_all[k] for k in exp if k in ref_all}
    keys = list(ref)
    diff = [k for k in keys if k in mine and mine[k] != ref[k]]
    missing = [k for k in keys if k not in mine]
    extra = [k for k in mine if k not in exp]
    tot["pairs"] += len(keys); tot["differ"] += len(diff); tot["missing"] += len(missing)
    tot["none"] += sum(1 for k in keys if k[1] == "NONE")
    if diff or missing:
        mrt_ok = False
        print(f"FAIL MRT path {name}: {len(keys)} pairs, {len(diff)} differ, {len(missing)} missing, "
              f"{len(extra)} extra")
        for k in (diff + missing)[:3]:
            print(f"       {k[0]} {k[1]}: ours {mine.get(k)}, oracle {ref[k]}")
    elif extra:
        print(f"note MRT path {name}: {len(extra)} (prefix, origin) of ours not derived here, e.g. {extra[0]}")
print(f"{'ok  ' if mrt_ok and tot['pairs'] else 'FAIL'} MRT path (manrs rov on {len(mrts)} MRT files): "
      f"{tot['pairs']} unique (prefix, origin) incl. {tot['none']} NONE, {tot['differ']} differ, "
      f"{tot['missing']} missing")
results.append(mrt_ok and tot["pairs"] > 0)

if have_rtr:
    sample_ours = load(f"{work}/ours.sample.tsv")
    for o in ("rtrlib", "bird", "gobgp"):
        ref = load(f"{work}/oracles/{o}.tsv")
        results.append(compare(f"(iii) {o} via StayRTR, sample", ref, sample_ours))
        results.append(compare(f"(iii) {o} via StayRTR equals RTRlib pfx_table", ref, rtrlib))
sys.exit(0 if all(results) else 1)
PY
cat "$work/compare.log"
[ $rc -le 1 ] || { echo "FAIL the comparison script itself failed (status $rc)"; fail=$((fail + 1)); }
while read -r status rest; do
  case $status in ok) pass=$((pass + 1)) ;; FAIL) fail=$((fail + 1)) ;; esac
done < "$work/compare.log"
echo "finished in $(elapsed); $pass passed, $fail failed"
[ "$fail" = 0 ]
