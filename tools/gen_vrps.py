#!/usr/bin/env python3
"""Full-size VRP set and route-origin queries built from real data (ROV benchmark input).

Only ~40k real VRPs exist under ../shared/data (the 2017 rcynic ROA lists); a full set today has
~700k.  This script keeps the real ones and generates the rest deterministically (per --seed)
from the real prefix-to-origin tables, then draws --routes (prefix, origin) queries from the same
tables.  Python 3 standard library only; a few seconds for the defaults.

Where everything comes from (all under --data, default ../../shared/data next to this script):
  real VRPs        every VRP of the newest vrp/roalist-authenticated-*.txt, verbatim
  maxLength        maxLength - length per family and prefix length: the empirical distribution
                   of the union of all six ROA lists (lengths with < 20 samples use the pooled
                   distribution of their family); 88 % of IPv4 and 86 % of IPv6 VRPs have
                   maxLength = length there
  IPv6 share       of the VRPs: the ROA lists' (13.4 %); of the routes: --routes-v6 (0.25)
  IPv4 pairs       misc/prefix2as/pyasn-ipasn_20140513.dat.gz (RouteViews 2014 prefix/origin)
                   united with misc/prefix2as/ip-location-db-asn-ipv4-*.csv.gz (2026 ranges
                   start,end,asn -> CIDR blocks of length 8-24; its origin wins on a collision;
                   the pyasn origin of such a prefix is kept as a second, real MOAS pair)
  IPv6 pairs       the tables above have no IPv6.  Real IPv6 (prefix, origin) pairs are the
                   routed prefixes of mrt/rib6.20151101.0600_firstMB.bz2 (origin = most common
                   last AS_SEQUENCE ASN over the peers; TABLE_DUMP_V2 parsed here) and the IPv6
                   prefixes of the ROA lists with their ROA's ASN.  That is ~12k pairs; the rest
                   of the IPv6 pool is DERIVED: more-specifics of those real prefixes (lengths
                   from the rib6 length distribution, /33-/48), 75 % keeping the parent's origin,
                   25 % given another real IPv6 origin (a customer's assignment)
  trust anchor     the RIR of the IANA IPv4 /8 or IPv6 block (bogons/ipv4-address-space.xml,
                   bogons/ipv6-unicast-address-assignments.xml); "ripe" when none

Generated VRPs: origin ASes are taken in a seeded random order and each one signs all its pool
prefixes (adoption is per network, as in reality) until the set has --vrps VRPs; each VRP gets a
maxLength from the distribution above; --wrong-origin (3 %) of them name another real origin
instead (so the real route becomes invalid), --moas (1 %) prefixes get a second VRP for another
ASN, and AS0 VRPs appear at the ROA lists' rate (at least 20).

Queries ("prefix/len asn", order shuffled), per family:
  50 % real pool pairs (prefix with its real origin; covered when the origin AS signs)
  15 % more-specifics of pool prefixes (1-8 bits longer, at most /24 or /48; real origin 90 %)
  10 % real pool prefixes with another real origin
  10 % exact VRPs (prefix and ASN of a VRP, so the real ROA-list VRPs are hit too)
  15 % random prefixes (/24 in 1/8-223/8, /48 in 2000::/3): mostly uncovered

Outputs (any subset):
  --json F     rpki-client 8.2 JSON (metadata, roas, bgpsec_keys, provider_authorizations),
               readable by StayRTR 0.5.1 and rpki-client consumers
  --plain F    "prefix/len maxlen asn" lines (rtrlib_rov_bench -V, naive_rov.py)
  --queries F  "prefix/len asn" lines (rtrlib_rov_bench -Q, naive_rov.py, manrs rov)

  gen_vrps.py --json vrps.json --plain vrps.txt --queries routes.txt [--vrps 700000]
              [--routes 1000000] [--seed 1] [--routes-v6 0.25] [--data DIR]
"""
import argparse
import bz2
import collections
import glob
import gzip
import json
import os
import random
import re
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_common import Dist, range_to_cidrs  # noqa: E402

VERSION = "1"  # bump when the output for a given seed changes (bench cache key)
BUILD_TS = 1781683200  # 2026-06-17 08:00:00 UTC, the date of the ip-location-db table
BUILD_TIME = "2026-06-17T08:00:00Z"

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))
FULL = {4: 32, 6: 128}


def pick(rng, seq):
    """Uniform element (faster than rng.choice in the hot loops)."""
    return seq[int(rng.random() * len(seq))]


def log(msg):
    print(f"gen_vrps: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Text <-> (family, int, len)

def v4_int(text):
    return int.from_bytes(socket.inet_aton(text), "big")


def v6_int(text):
    return int.from_bytes(socket.inet_pton(socket.AF_INET6, text), "big")


def parse_prefix(text):
    addr, plen = text.split("/")
    if ":" in addr:
        return 6, v6_int(addr), int(plen)
    return 4, v4_int(addr), int(plen)


def fmt_prefix(fam, net, plen):
    if fam == 4:
        return f"{socket.inet_ntoa(net.to_bytes(4, 'big'))}/{plen}"
    return f"{socket.inet_ntop(socket.AF_INET6, net.to_bytes(16, 'big'))}/{plen}"


def mask(fam, net, plen):
    bits = FULL[fam]
    return net >> (bits - plen) << (bits - plen) if plen else 0


# ---------------------------------------------------------------------------------------------
# Real data

def read_roalists(data):
    """-> (newest list's VRPs as set of (fam, net, plen, maxlen, asn), union of all lists)."""
    files = sorted(glob.glob(os.path.join(data, "vrp", "roalist-authenticated-*.txt")))
    if not files:
        sys.exit(f"gen_vrps: no vrp/roalist-authenticated-*.txt under {data}")
    union = set()
    newest = set()
    for i, path in enumerate(files):
        cur = set()
        with open(path) as f:
            for line in f:
                tok = line.split()
                if len(tok) < 3 or not tok[1].isdigit():
                    continue
                asn = int(tok[1])
                for p in tok[2:]:
                    p, _, ml = p.partition("-")
                    fam, net, plen = parse_prefix(p)
                    cur.add((fam, mask(fam, net, plen), plen, int(ml) if ml else plen, asn))
        union |= cur
        if i == len(files) - 1:
            newest = cur
    log(f"ROA lists: {len(files)} files, newest {os.path.basename(files[-1])} has {len(newest)} "
        f"VRPs ({sum(1 for v in newest if v[0] == 6)} IPv6); union {len(union)}")
    return newest, union


def maxlen_model(union):
    """P(maxLength - length | family, length) with a pooled fallback per family."""
    per = collections.defaultdict(collections.Counter)
    pooled = {4: collections.Counter(), 6: collections.Counter()}
    for fam, _, plen, ml, _ in union:
        per[(fam, plen)][ml - plen] += 1
        pooled[fam][ml - plen] += 1
    model = {k: Dist(c) for k, c in per.items() if sum(c.values()) >= 20}
    fallback = {fam: Dist(c) for fam, c in pooled.items()}

    def draw(rng, fam, plen):
        d = model.get((fam, plen)) or fallback[fam]
        return min(FULL[fam], plen + d.draw(rng))

    share6 = sum(pooled[6].values()) / max(1, sum(pooled[4].values()) + sum(pooled[6].values()))
    return draw, share6


def load_v4_pairs(data):
    """-> dict (net, plen) -> origin, plus a list of extra real MOAS pairs (net, plen, asn)."""
    table = {}
    path = os.path.join(data, "misc/prefix2as/pyasn-ipasn_20140513.dat.gz")
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith(";"):
                continue
            tok = line.split()
            if len(tok) < 2 or not tok[1].isdigit() or tok[1] == "0":
                continue
            addr, plen = tok[0].split("/")
            table[(v4_int(addr), int(plen))] = int(tok[1])
    n_pyasn = len(table)
    moas = []
    locs = sorted(glob.glob(os.path.join(data, "misc/prefix2as/ip-location-db-asn-ipv4-*.csv.gz")))
    n_loc = 0
    if locs:
        with gzip.open(locs[-1], "rt") as f:
            for line in f:
                parts = line.split(",", 3)
                if len(parts) < 3 or not parts[2].isdigit() or parts[2] == "0":
                    continue
                asn = int(parts[2])
                for net, plen in range_to_cidrs(v4_int(parts[0]), v4_int(parts[1])):
                    if 8 <= plen <= 24:
                        old = table.get((net, plen))
                        if old is not None and old != asn:
                            moas.append((net, plen, old))
                        table[(net, plen)] = asn
                        n_loc += 1
    log(f"IPv4 pairs: {n_pyasn} pyasn + {n_loc} ip-location-db CIDRs -> {len(table)} prefixes, "
        f"{len(moas)} with a different 2014 origin kept as MOAS pairs")
    return table, moas


def load_rib6_pairs(data):
    """Real IPv6 prefix -> origin from the truncated route-views6 RIB (TABLE_DUMP_V2)."""
    path = os.path.join(data, "mrt/rib6.20151101.0600_firstMB.bz2")
    if not os.path.exists(path):
        log(f"{path} missing: no routed IPv6 prefixes")
        return {}
    with open(path, "rb") as f:
        raw = bz2.BZ2Decompressor().decompress(f.read())  # truncated stream: what decodes
    out = {}
    pos = 0
    while pos + 12 <= len(raw):
        _, typ, sub, length = struct.unpack_from("!IHHI", raw, pos)
        body = raw[pos + 12:pos + 12 + length]
        pos += 12 + length
        if len(body) < length:
            break
        if typ != 13 or sub != 4:  # RIB_IPV6_UNICAST
            continue
        plen = body[4]
        nb = (plen + 7) // 8
        net = int.from_bytes(body[5:5 + nb].ljust(16, b"\0"), "big")
        p = 5 + nb
        (count,) = struct.unpack_from("!H", body, p)
        p += 2
        origins = collections.Counter()
        for _ in range(count):
            _, _, alen = struct.unpack_from("!HIH", body, p)
            attrs = body[p + 8:p + 8 + alen]
            p += 8 + alen
            q = 0
            while q + 3 <= len(attrs):
                flags, code = attrs[q], attrs[q + 1]
                if flags & 0x10:
                    (l,) = struct.unpack_from("!H", attrs, q + 2)
                    h = 4
                else:
                    l, h = attrs[q + 2], 3
                if code == 2:  # AS_PATH, 4-byte ASNs in TABLE_DUMP_V2
                    v = attrs[q + h:q + h + l]
                    r = 0
                    last = None
                    while r + 2 <= len(v):
                        seg_type, n = v[r], v[r + 1]
                        if n and r + 2 + 4 * n <= len(v):
                            last = (seg_type, struct.unpack_from("!I", v, r + 2 + 4 * (n - 1))[0])
                        r += 2 + 4 * n
                    if last and last[0] == 2 and last[1]:
                        origins[last[1]] += 1
                q += h + l
        if origins and 16 <= plen <= 64:
            out[(mask(6, net, plen), plen)] = min(origins.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    log(f"IPv6 routed pairs: {len(out)} from {os.path.basename(path)}")
    return out


def rir_maps(data):
    """-> function (fam, net) -> trust anchor name."""
    v4 = {}
    try:
        with open(os.path.join(data, "bogons/ipv4-address-space.xml")) as f:
            for m in re.finditer(r"<prefix>(\d+)/8</prefix>.*?(?:<whois>whois\.(\w+)\.net</whois>.*?)?</record>",
                                 f.read(), re.S):
                if m.group(2):
                    v4[int(m.group(1))] = m.group(2)
    except OSError:
        pass
    v6 = []
    try:
        with open(os.path.join(data, "bogons/ipv6-unicast-address-assignments.xml")) as f:
            for m in re.finditer(r"<prefix>([0-9a-f:]+)/(\d+)</prefix>.*?<whois>whois\.(\w+)\.net</whois>",
                                 f.read(), re.S):
                v6.append((v6_int(m.group(1)), int(m.group(2)), m.group(3)))
    except OSError:
        pass
    v6.sort()

    def ta(fam, net):
        if fam == 4:
            return v4.get(net >> 24, "ripe")
        for base, plen, name in v6:
            if mask(6, net, plen) == base:
                return name
        return "ripe"

    return ta


# ---------------------------------------------------------------------------------------------
# Generation

def expand_v6(rng, roots, rib6_lens, target):
    """Pool of IPv6 pairs: the real roots plus derived more-specifics until `target` prefixes."""
    pool = dict(roots)
    origins = sorted(set(roots.values()))
    parents = sorted(k for k in roots if k[1] <= 44)
    if not parents:
        return pool
    tries = 0
    while len(pool) < target and tries < target * 4:
        tries += 1
        net, plen = pick(rng, parents)
        child_len = rib6_lens.draw(rng)
        if child_len <= plen:
            child_len = min(48, plen + 1 + int(rng.expovariate(0.15)))
        sub = rng.getrandbits(child_len - plen) << (128 - child_len)
        key = (net | sub, child_len)
        if key in pool:
            continue
        pool[key] = roots[(net, plen)] if rng.random() < 0.75 else pick(rng, origins)
    return pool


def make_vrps(rng, fam, pool, moas, want, draw_ml, all_origins, as0_rate, args, real):
    """Signs pool prefixes per origin until `want` new VRPs; returns a set of VRP tuples."""
    by_origin = collections.defaultdict(list)
    for (net, plen), asn in pool.items():
        by_origin[asn].append((net, plen))
    for net, plen, asn in moas:
        by_origin[asn].append((net, plen))
    order = sorted(by_origin)
    rng.shuffle(order)
    out = set()
    counts = collections.Counter()
    for asn in order:
        if len(out) >= want:
            break
        for net, plen in sorted(by_origin[asn]):
            if len(out) >= want:
                break
            ml = draw_ml(rng, fam, plen)
            r = rng.random()
            vasn = asn
            if r < as0_rate:
                vasn = 0
                counts["as0"] += 1
            elif r < as0_rate + args.wrong_origin:
                vasn = pick(rng, all_origins)
                counts["wrong origin"] += 1
            v = (fam, net, plen, ml, vasn)
            if v in real:
                continue
            out.add(v)
            if rng.random() < args.moas and len(out) < want:
                out.add((fam, net, plen, ml, pick(rng, all_origins)))
                counts["moas"] += 1
    if len(out) < want:
        log(f"IPv{fam}: pool exhausted at {len(out)} of {want} VRPs")
    log(f"IPv{fam}: {len(out)} generated VRPs ({dict(sorted(counts.items()))})")
    return out


def make_queries(rng, fam, pool_keys, pool, vrps, count, all_origins):
    """`count` (net, plen, asn) queries of the mix described in the module docstring."""
    bits = FULL[fam]
    longest = 24 if fam == 4 else 48
    kinds = collections.Counter()
    out = []
    vrp_list = vrps
    real_order = list(range(len(pool_keys)))
    rng.shuffle(real_order)
    ri = 0
    for _ in range(count):
        r = rng.random()
        if r < 0.50 and ri < len(real_order):
            net, plen = pool_keys[real_order[ri]]
            ri += 1
            out.append((net, plen, pool[(net, plen)]))
            kinds["real"] += 1
        elif r < 0.65:
            net, plen = pick(rng, pool_keys)
            if plen >= longest:
                plen2 = min(bits, plen + 1 + rng.randrange(4))
            else:
                plen2 = min(longest, plen + 1 + rng.randrange(8))
            sub = rng.getrandbits(plen2 - plen) << (bits - plen2)
            asn = pool[(net, plen)] if rng.random() < 0.9 else pick(rng, all_origins)
            out.append((net | sub, plen2, asn))
            kinds["more-specific"] += 1
        elif r < 0.75:
            net, plen = pick(rng, pool_keys)
            out.append((net, plen, pick(rng, all_origins)))
            kinds["other origin"] += 1
        elif r < 0.85:
            v = pick(rng, vrp_list)
            out.append((v[1], v[2], v[4]))
            kinds["exact VRP"] += 1
        else:
            if fam == 4:
                net = (rng.randrange(1 << 24, 224 << 24)) & 0xFFFFFF00
                out.append((net, 24, pick(rng, all_origins)))
            else:
                net = (0x2000 << 112) | (rng.getrandbits(45) << 80)
                out.append((net, 48, pick(rng, all_origins)))
            kinds["random"] += 1
    log(f"IPv{fam}: {len(out)} queries ({dict(sorted(kinds.items()))})")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vrps", type=int, default=700000, help="VRPs in total, real ones included")
    ap.add_argument("--routes", type=int, default=1000000, help="queries")
    ap.add_argument("--routes-v6", type=float, default=0.25, help="IPv6 share of the queries")
    ap.add_argument("--v6-share", type=float, default=None,
                    help="IPv6 share of the VRPs (default: the ROA lists')")
    ap.add_argument("--wrong-origin", type=float, default=0.03)
    ap.add_argument("--moas", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--json", help="rpki-client JSON output")
    ap.add_argument("--plain", help="'prefix/len maxlen asn' output")
    ap.add_argument("--queries", help="'prefix/len asn' output")
    ap.add_argument("--version", action="store_true", help="print VERSION and exit")
    args = ap.parse_args()
    if args.version:
        print(VERSION)
        return
    if not (args.json or args.plain or args.queries):
        ap.error("give at least one of --json, --plain, --queries")
    t0 = time.time()
    rng = random.Random(args.seed)

    real, union = read_roalists(args.data)
    draw_ml, share6 = maxlen_model(union)
    if args.v6_share is not None:
        share6 = args.v6_share
    as0_rate = sum(1 for v in union if v[4] == 0) / len(union)
    want6 = round(args.vrps * share6)
    want4 = args.vrps - want6
    real4 = {v for v in real if v[0] == 4}
    real6 = real - real4
    if len(real) > args.vrps:  # a small set: a seeded sample of the real VRPs only
        keep = sorted(real)
        rng.shuffle(keep)
        real4 = set([v for v in keep if v[0] == 4][:want4])
        real6 = set([v for v in keep if v[0] == 6][:want6])
        real = real4 | real6
    gen4_want = max(0, want4 - len(real4))
    gen6_want = max(0, want6 - len(real6))

    v4pool, v4moas = load_v4_pairs(args.data)
    rib6 = load_rib6_pairs(args.data)
    roots6 = {(v[1], v[2]): v[4] for v in sorted(union) if v[0] == 6 and v[4] and 16 <= v[2] <= 48}
    roots6.update(rib6)  # the routing table's origin wins
    rib6_lens = Dist(collections.Counter(plen for _, plen in rib6 if 33 <= plen <= 48)
                     or collections.Counter({48: 1}))
    routes6 = round(args.routes * args.routes_v6)
    routes4 = args.routes - routes6
    v6pool = expand_v6(rng, roots6, rib6_lens, max(len(roots6), int(gen6_want / 0.6), int(routes6 * 0.8)))
    log(f"IPv6 pool: {len(roots6)} real pairs + {len(v6pool) - len(roots6)} derived more-specifics")

    origins4 = [a for _, a in sorted(v4pool.items())]  # weighted by prefix count
    origins6 = [a for _, a in sorted(v6pool.items())]
    gen4 = make_vrps(rng, 4, v4pool, v4moas, gen4_want, draw_ml, origins4, as0_rate, args, real)
    gen6 = make_vrps(rng, 6, v6pool, [], gen6_want, draw_ml, origins6, as0_rate, args, real)
    vrps = sorted(real | gen4 | gen6)
    n6 = sum(1 for v in vrps if v[0] == 6)
    log(f"VRPs: {len(vrps)} ({len(real)} real, {len(gen4) + len(gen6)} generated; IPv6 {n6}, "
        f"{100.0 * n6 / max(1, len(vrps)):.1f} %)")

    ta = rir_maps(args.data)
    if args.plain:
        with open(args.plain, "w") as f:
            f.write("".join(f"{fmt_prefix(fam, net, plen)} {ml} {asn}\n" for fam, net, plen, ml, asn in vrps))
    if args.json:
        erng = random.Random(args.seed * 7919 + 1)
        lines = []
        for fam, net, plen, ml, asn in vrps:
            expires = BUILD_TS + erng.randrange(86400, 400 * 86400)
            lines.append(f'\t\t{{ "asn": {asn}, "prefix": "{fmt_prefix(fam, net, plen)}", "maxLength": {ml}, '
                         f'"ta": "{ta(fam, net)}", "expires": {expires} }}')
        meta = {"buildmachine": "gen_vrps.py", "buildtime": BUILD_TIME, "generator": f"gen_vrps.py {VERSION}",
                "seed": args.seed, "roas": len(vrps), "failedroas": 0, "invalidroas": 0,
                "vrps": len(vrps), "uniquevrps": len(vrps), "vaps": 0, "uniquevaps": 0}
        with open(args.json, "w") as f:
            f.write('{\n\t"metadata": ' + json.dumps(meta, indent="\t").replace("\n", "\n\t") + ",\n\n")
            f.write('\t"roas": [\n' + ",\n".join(lines) + "\n\t],\n\n")
            f.write('\t"bgpsec_keys": [\n\t],\n\n')
            f.write('\t"provider_authorizations": {\n\t\t"ipv4": [\n\t\t],\n\t\t"ipv6": [\n\t\t]\n\t}\n}\n')
    if args.queries:
        by_fam = {4: [v for v in vrps if v[0] == 4], 6: [v for v in vrps if v[0] == 6]}
        keys4 = sorted(v4pool)
        keys6 = sorted(v6pool)
        q = [(4,) + x for x in make_queries(rng, 4, keys4, v4pool, by_fam[4], routes4, origins4)]
        q += [(6,) + x for x in make_queries(rng, 6, keys6, v6pool, by_fam[6], routes6, origins6)]
        rng.shuffle(q)
        with open(args.queries, "w") as f:
            f.write("".join(f"{fmt_prefix(fam, net, plen)} {asn}\n" for fam, net, plen, asn in q))
    log(f"done in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
