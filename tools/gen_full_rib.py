#!/usr/bin/env python3
"""Full-table-sized MRT TABLE_DUMP_V2 RIB built from real distributions (benchmark input).

Writes one PEER_INDEX_TABLE and RIB_IPV4_UNICAST / RIB_IPV6_UNICAST records (RFC 6396 §4.3),
with exactly --entries RIB entries.  Python 3 standard library only; deterministic for a given
--seed, data directory and bgpdump version.

Where the shapes come from (all under --data, default ../../shared/data next to this script):
  prefixes, IPv4   misc/prefix2as/pyasn-ipasn_20140513.dat.gz (RouteViews 2014 prefix/origin)
                   united with misc/prefix2as/ip-location-db-asn-ipv4-*.csv.gz (2026 ranges
                   start,end,asn -> CIDR blocks; its origin wins where both name a prefix)
  prefixes, IPv6   the real prefixes and origins of mrt/rib6.20151101.0600_firstMB.bz2, plus
                   prefixes synthesised for real origin ASNs of the IPv4 tables (sequential
                   /29-/32 allocations in the five RIR /12 blocks, PI /48s, more-specifics with
                   the rib6 length distribution); the tables here have no IPv6 mapping
  peers, paths     `bgpdump -q -m` of mrt/rib.20080501.0644_firstMB.bz2 (44 IPv4 peers),
  and attributes   mrt/rib6.20151101.0600_firstMB.bz2 (27 IPv6 peers, three of them 4-byte AS)
                   and mrt/bview.20020722.2337.gz (a whole 2002 table), decoded once per run:
                   each generated peer is a real peer (address, ASN) and keeps that peer's
                   visibility, path-length distribution, first hops, MED and COMMUNITIES habits;
                   origin upstreams, prepending, AS_SETs, ORIGIN codes, AGGREGATOR and
                   ATOMIC_AGGREGATE frequencies are the pooled empirical ones.
  not in the data  LARGE_COMMUNITY (the samples predate RFC 8092): a quarter of the peers tag
                   about half their routes with 1-3 (peer-AS:function:value) communities.
                   IPv6 next hops: a third of the IPv6 peers send global + link-local (32 bytes).

Each prefix is seen by each peer of its address family with that peer's real visibility, so
a record carries ~20-30 entries like a real collector dump; the number of prefixes follows from
--entries (about 1,000,000 / 20 = 50,000 prefixes, taken as runs of neighbouring prefixes of
the real table so that neighbouring records share origins the way real dumps do).  --prefixes P
fixes the prefix count instead and scales visibilities to keep --entries.  Entries are then
added to / removed from random prefixes until the count is exact.  The origin AS of every path
is the prefix's real origin.

  gen_full_rib.py --out rib.mrt [--entries 1000000] [--seed 1] [--peers 34] [--v6-share 0.13]
  gzip -k rib.mrt; bzip2 -k rib.mrt      # compress separately (or name the output .gz/.bz2)
"""
import argparse
import bz2
import collections
import gzip
import ipaddress
import os
import random
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_common import Dist, range_to_cidrs  # noqa: E402

VERSION = "1"  # bump when the output for a given seed changes (bench cache key)
DUMP_TS = 1781683200  # 2026-06-17 08:00:00 UTC, the date of the ip-location-db table
COLLECTOR_ID = "198.51.100.254"
VIEW_NAME = b"manrs-bench"

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))
REAL_RIBS = ("mrt/rib.20080501.0644_firstMB.bz2", "mrt/rib6.20151101.0600_firstMB.bz2",
             "mrt/bview.20020722.2337.gz")
WELL_KNOWN = {"no-export": 0xFFFFFF01, "no-advertise": 0xFFFFFF02, "no-export-subconfed": 0xFFFFFF03,
              "local-AS": 0xFFFFFF03}
# Where IPv6 allocations go, with the rough share of today's IPv6 table per RIR block.
V6_BLOCKS = ((0x2A00, 36), (0x2400, 30), (0x2600, 20), (0x2800, 11), (0x2C00, 3))


def log(msg):
    print(f"gen_full_rib: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Learning from real RIBs


class PeerModel:
    def __init__(self, ip, asn):
        self.ip = ip
        self.asn = asn
        self.afi = 6 if ":" in ip else 4
        self.entries = 0
        self.prefixes = set()
        self.uniqlen = collections.Counter()
        self.hop2 = collections.Counter()
        self.med = collections.Counter()
        self.med_n = 0
        self.comm = collections.Counter()
        self.comm_n = 0
        self.visibility = 0.0


def tokens_of(path):
    """bgpdump path text -> (list of sequence ASNs, list of AS_SET member lists)."""
    seq, sets = [], []
    for t in path.split():
        if t.startswith("{"):
            sets.append([int(x) for x in t.strip("{}").split(",") if x])
        elif t.isdigit():
            seq.append(int(t))
    return seq, sets


def runs_of(seq):
    out = []
    for a in seq:
        if out and out[-1][0] == a:
            out[-1][1] += 1
        else:
            out.append([a, 1])
    return out


class Model:
    """Empirical distributions from `bgpdump -m` lines of real RIB dumps."""

    def __init__(self):
        self.peers = {}
        self.up = collections.defaultdict(collections.Counter)  # AS -> ASes seen just before it
        self.penult = collections.Counter()
        self.transit = collections.Counter()
        self.origin_code = collections.Counter()
        self.paths = 0
        self.prep = {"first": 0, "mid": 0, "last": 0}
        self.prep_extra = {"first": collections.Counter(), "mid": collections.Counter(), "last": collections.Counter()}
        self.set_paths = 0
        self.set_size = collections.Counter()
        self.aggr = 0
        self.ag_with_aggr = 0
        self.ag_without_aggr = 0
        self.v6_prefixes = {}  # (int, len) -> origin, from rib6
        self.v6_len = collections.Counter()

    def feed(self, lines, per_peer):
        fam_prefixes = collections.defaultdict(set)
        v6_origins = collections.defaultdict(collections.Counter)
        for line in lines:
            f = line.rstrip("\n").split("|")
            if len(f) < 15 or f[0] not in ("TABLE_DUMP", "TABLE_DUMP2") or f[2] != "B":
                continue
            peer_ip, peer_as, pfx, path = f[3], int(f[4]), f[5], f[6]
            seq, sets = tokens_of(path)
            if not seq:
                continue
            runs = runs_of(seq)
            uniq = [a for a, _ in runs]
            self.paths += 1
            for i in range(1, len(uniq)):
                self.up[uniq[i]][uniq[i - 1]] += 1
            if len(uniq) >= 2:
                self.penult[uniq[-2]] += 1
            for a in uniq[1:-1]:
                self.transit[a] += 1
            for i, (_, n) in enumerate(runs):
                if n > 1:
                    cls = "first" if i == 0 else "last" if i == len(runs) - 1 else "mid"
                    self.prep[cls] += 1
                    self.prep_extra[cls][min(n - 1, 12)] += 1
            if sets:
                self.set_paths += 1
                self.set_size[min(len(sets[-1]), 8)] += 1
            self.origin_code[f[7]] += 1
            has_aggr = bool(f[13])
            self.aggr += has_aggr
            if f[12] == "AG":
                if has_aggr:
                    self.ag_with_aggr += 1
                else:
                    self.ag_without_aggr += 1
            afi = 6 if ":" in pfx else 4
            fam_prefixes[afi].add(pfx)
            if afi == 6 and not sets:
                v6_origins[pfx][uniq[-1]] += 1
            if not per_peer:
                continue
            p = self.peers.get((peer_ip, peer_as))
            if p is None:
                p = self.peers[(peer_ip, peer_as)] = PeerModel(peer_ip, peer_as)
            p.entries += 1
            p.prefixes.add(pfx)
            p.uniqlen[len(uniq)] += 1
            if len(uniq) >= 2:
                p.hop2[uniq[1]] += 1
            if f[10] != "0":
                p.med[int(f[10])] += 1
                p.med_n += 1
            if f[11]:
                p.comm[f[11]] += 1
                p.comm_n += 1
        for p in self.peers.values():
            if p.prefixes:
                n = len(fam_prefixes[p.afi])
                p.visibility = len(p.prefixes) / n if n else 0.0
                p.prefixes = set()
        for pfx, c in v6_origins.items():
            net = ipaddress.IPv6Network(pfx, strict=False)
            origin = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            self.v6_prefixes[(int(net.network_address), net.prefixlen)] = origin
            self.v6_len[net.prefixlen] += 1


def bgpdump_lines(bgpdump, path):
    try:
        proc = subprocess.Popen([bgpdump, "-q", "-m", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True, errors="replace")
    except FileNotFoundError:
        sys.exit(f"gen_full_rib: {bgpdump} not found: it decodes the real RIB samples (apt install bgpdump)")
    yield from proc.stdout
    proc.wait()


# ---------------------------------------------------------------------------------------------
# Prefix tables


def load_v4_table(data):
    table = {}
    path = os.path.join(data, "misc/prefix2as/pyasn-ipasn_20140513.dat.gz")
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith(";") or not line.strip():
                continue
            pfx, asn = line.split()[:2]
            if not asn.isdigit():
                continue
            addr, plen = pfx.split("/")
            table[(int(ipaddress.IPv4Address(addr)), int(plen))] = int(asn)
    n_pyasn = len(table)
    loc = sorted(x for x in os.listdir(os.path.join(data, "misc/prefix2as")) if x.startswith("ip-location-db-asn-ipv4"))
    n_loc = 0
    if loc:
        with gzip.open(os.path.join(data, "misc/prefix2as", loc[-1]), "rt") as f:
            for line in f:
                parts = line.split(",", 3)
                if len(parts) < 3 or not parts[2].isdigit() or parts[2] == "0":
                    continue
                s, e = int(ipaddress.IPv4Address(parts[0])), int(ipaddress.IPv4Address(parts[1]))
                for net, plen in range_to_cidrs(s, e):
                    if plen >= 8:
                        table[(net, plen)] = int(parts[2])
                        n_loc += 1
    log(f"IPv4 table: {n_pyasn} pyasn prefixes + {n_loc} ip-location-db CIDRs -> {len(table)} distinct")
    return table


def synth_v6_table(rng, model, v4_origins):
    """Real rib6 prefixes plus allocations for a share of the real IPv4 origin ASNs."""
    table = dict(model.v6_prefixes)
    more_len = Dist({k: v for k, v in model.v6_len.items() if 33 <= k <= 48})
    block = Dist(dict(V6_BLOCKS))
    cursor = {b: (b << 112) + (rng.randrange(1 << 10) << 96) for b, _ in V6_BLOCKS}  # /22 granularity start
    pi_cursor = (0x2A0C << 112) + (rng.randrange(1 << 14) << 80)
    asns = [a for a in v4_origins if rng.random() < 0.45]
    for asn in asns:
        r = rng.random()
        if r < 0.18:  # provider-independent /48
            pi_cursor += rng.randint(1, 256) << 80
            base, blen = pi_cursor, 48
        else:
            b = block.draw(rng)
            blen = 29 if r < 0.33 else 32
            step = 1 << (128 - blen)
            cursor[b] = (cursor[b] + step - 1) // step * step + step * rng.randint(1, 24)
            base = cursor[b]
        if rng.random() < 0.85 or blen == 48:
            table[(base, blen)] = asn
        if blen < 48:
            for _ in range(int(rng.expovariate(0.8))):
                plen = more_len.draw(rng)
                if plen <= blen:
                    continue
                sub = rng.getrandbits(plen - blen) << (128 - plen)
                table[(base | sub, plen)] = asn
    log(f"IPv6 table: {len(model.v6_prefixes)} real rib6 prefixes + synthesised for {len(asns)} ASNs -> {len(table)}")
    return table


def sample_runs(rng, keys, count, run=32):
    """count prefixes as runs of neighbours from the sorted key list (keeps origin locality)."""
    if count >= len(keys):
        return list(keys)
    nblocks = (len(keys) + run - 1) // run
    chosen = sorted(rng.sample(range(nblocks), min(nblocks, (count + run - 1) // run)))
    out = []
    for b in chosen:
        out.extend(keys[b * run:(b + 1) * run])
    if len(out) > count:  # trim evenly spread, not only the tail
        drop = set(rng.sample(range(len(out)), len(out) - count))
        out = [k for i, k in enumerate(out) if i not in drop]
    return out


# ---------------------------------------------------------------------------------------------
# Encoding


def attr(flags, code, value):
    if len(value) > 255:
        return struct.pack("!BBH", flags | 0x10, code, len(value)) + value
    return struct.pack("!BBB", flags & ~0x10, code, len(value)) + value


def pfx_bytes(afi, net, plen):
    width = 32 if afi == 4 else 128
    n = (plen + 7) // 8
    return bytes([plen]) + net.to_bytes(width // 8, "big")[:n]


def parse_communities(text):
    out = []
    for t in text.split():
        if t in WELL_KNOWN:
            out.append(WELL_KNOWN[t])
        elif ":" in t:
            a, b = t.split(":", 1)
            if a.isdigit() and b.isdigit():
                out.append((int(a) << 16) | int(b))
    return out


class Peer:
    def __init__(self, idx, pm, rng):
        self.idx = idx
        self.ip = ipaddress.ip_address(pm.ip)
        self.asn = pm.asn
        self.afi = pm.afi
        self.visibility = pm.visibility
        self.uniqlen = Dist(pm.uniqlen)
        self.hop2 = Dist(pm.hop2)
        self.med_p = pm.med_n / pm.entries
        self.med = Dist(pm.med) if pm.med_n else None
        self.comm_p = pm.comm_n / pm.entries
        self.comm = Dist(collections.Counter({tuple(parse_communities(k)): v for k, v in pm.comm.items()})) if pm.comm_n else None
        self.as4 = self.asn > 0xFFFF or rng.random() < 0.5
        self.lc_p = rng.uniform(0.3, 0.7) if rng.random() < 0.25 else 0.0
        self.lc_fn = sorted(rng.sample(range(1, 10), 3))
        self.linklocal = self.afi == 6 and rng.random() < 0.34
        if self.afi == 4:
            self.nh = attr(0x40, 3, self.ip.packed)
        else:
            nh = self.ip.packed
            if self.linklocal:
                nh += ipaddress.IPv6Address((0xFE80 << 112) | rng.getrandbits(64)).packed
            self.nh = attr(0x80, 14, bytes([len(nh)]) + nh)  # RFC 6396 §4.3.4 abbreviated MP_REACH
        self.session_start = DUMP_TS - rng.randint(3600, 60 * 86400)
        self.bgp_id = self.ip.packed if self.afi == 4 else struct.pack("!I", rng.randint(1 << 24, 223 << 24))


class Generator:
    def __init__(self, rng, model, peers, v4_origins):
        self.rng = rng
        self.m = model
        self.peers = peers
        self.penult = Dist(model.penult)
        self.transit = Dist(model.transit)
        self.up = {a: Dist(c) for a, c in model.up.items()}
        self.origin_code = Dist(collections.Counter({{"IGP": 0, "EGP": 1, "INCOMPLETE": 2}[k]: v
                                                     for k, v in model.origin_code.items() if k in ("IGP", "EGP", "INCOMPLETE")}))
        n = model.paths
        self.p_prep = {k: v / n for k, v in model.prep.items()}
        self.prep_extra = {k: Dist(v) for k, v in model.prep_extra.items()}
        self.p_set = model.set_paths / n
        self.set_size = Dist(model.set_size)
        self.p_aggr = model.aggr / n
        self.p_ag_aggr = model.ag_with_aggr / max(1, model.aggr)
        self.p_ag_noaggr = model.ag_without_aggr / max(1, n - model.aggr)
        self.v4_origins = v4_origins
        self.origins = {}
        self.templates = {}
        self.stats = collections.Counter()

    def origin_info(self, o):
        info = self.origins.get(o)
        if info is not None:
            return info
        rng = self.rng
        chain = [o]
        for depth in range(6):
            d = self.up.get(chain[-1])
            cand = None
            for _ in range(4):
                src = d if d and rng.random() < 0.9 else (self.penult if depth == 0 else self.transit)
                c = src.draw(rng)
                if c not in chain:
                    cand = c
                    break
            if cand is None:
                break
            chain.append(cand)
        prep = self.prep_extra["last"].draw(rng) if rng.random() < min(1.0, self.p_prep["last"] / 0.7) else 0
        aset = None
        if rng.random() < self.p_set:
            aset = sorted({o} | {rng.choice(self.v4_origins) for _ in range(self.set_size.draw(rng) - 1)})
            if len(aset) < 2:
                aset.append(aset[0] + 1)
        aggr = None
        if rng.random() < self.p_aggr:
            ip = (10 << 24 | rng.getrandbits(24)) if rng.random() < 0.3 else rng.randint(1 << 24, 223 << 24)
            aggr = struct.pack("!II", o if rng.random() < 0.95 else chain[min(1, len(chain) - 1)], ip)
        info = self.origins[o] = (chain, prep, aset, aggr, self.origin_code.draw(rng))
        return info

    def path(self, peer, o):
        rng = self.rng
        chain, oprep, aset, _, _ = self.origin_info(o)
        length = max(2, peer.uniqlen.draw(rng)) if o != peer.asn else 1
        if length == 1:
            uniq = [o]
        elif length == 2:
            uniq = [peer.asn, o]
        else:
            tail = rng.randint(1, min(length - 1, 3, len(chain)))
            tail_part = list(reversed(chain[:tail]))
            head = [peer.asn]
            while len(head) + len(tail_part) < length:
                src = peer.hop2 if len(head) == 1 and peer.hop2 else self.transit
                for _ in range(6):
                    c = src.draw(rng)
                    if c not in head and c not in tail_part:
                        head.append(c)
                        break
                else:
                    break
            uniq = head + tail_part
            if peer.asn in tail_part:  # the peer is one of the origin's upstreams: cut the loop
                uniq = tail_part[tail_part.index(peer.asn):]
        seq = []
        last = len(uniq) - 1
        for i, a in enumerate(uniq):
            n = 1
            if i == last and oprep and rng.random() < 0.7:
                n += oprep
            elif i == 0 and last > 0 and rng.random() < self.p_prep["first"]:
                n += self.prep_extra["first"].draw(rng)
            elif 0 < i < last and rng.random() < self.p_prep["mid"] / max(1, last - 1):
                n += self.prep_extra["mid"].draw(rng)
            seq.extend([a] * n)
        self.stats["paths"] += 1
        self.stats["prepended"] += len(seq) != len(uniq)
        segs = []
        for i in range(0, len(seq), 255):
            chunk = seq[i:i + 255]
            segs.append(struct.pack("!BB", 2, len(chunk)) + struct.pack(f"!{len(chunk)}I", *chunk))
        if aset:
            segs.append(struct.pack("!BB", 1, len(aset)) + struct.pack(f"!{len(aset)}I", *aset))
            self.stats["as_set"] += 1
        return b"".join(segs)

    def template(self, peer, o):
        """Attributes of one route from peer for origin o; reused for ~90 % of that origin's prefixes."""
        key = (peer.idx, o)
        t = self.templates.get(key)
        if t is not None and self.rng.random() < 0.9:
            return t
        rng = self.rng
        _, _, _, aggr, ocode = self.origin_info(o)
        if rng.random() < 0.03:
            ocode = self.origin_code.draw(rng)
        a = [attr(0x40, 1, bytes([ocode])), attr(0x40, 2, self.path(peer, o))]
        if peer.afi == 4:
            a.append(peer.nh)
        if peer.med and rng.random() < peer.med_p:
            a.append(attr(0x80, 4, struct.pack("!I", peer.med.draw(rng))))
            self.stats["med"] += 1
        if rng.random() < (self.p_ag_aggr if aggr else self.p_ag_noaggr):
            a.append(attr(0x40, 6, b""))
        if aggr:
            a.append(attr(0xC0, 7, aggr))
            self.stats["aggregator"] += 1
        if peer.comm and rng.random() < peer.comm_p:
            cs = peer.comm.draw(rng)
            if cs:
                a.append(attr(0xC0, 8, struct.pack(f"!{len(cs)}I", *cs)))
                self.stats["communities"] += 1
        if peer.afi == 6:
            a.append(peer.nh)
        if peer.lc_p and rng.random() < peer.lc_p:
            lcs = [(peer.asn, fn, rng.choice((rng.randint(1, 999), o & 0xFFFF))) for fn in rng.sample(peer.lc_fn, rng.randint(1, 3))]
            a.append(attr(0xC0, 32, b"".join(struct.pack("!III", *x) for x in sorted(lcs))))
            self.stats["large_community"] += 1
        t = b"".join(a)
        self.templates[key] = t
        self.stats["templates"] += 1
        return t


def mrt_record(subtype, body):
    return struct.pack("!IHHI", DUMP_TS, 13, subtype, len(body)) + body


def choose_peers(rng, model, count, v6_share_peers):
    """Real peers from the 2008 (IPv4) and 2015 (IPv6) RIBs: every partial-feed peer, every 4-byte-AS
    peer, the rest drawn at random from the full-feed ones."""
    out = []
    for afi in (4, 6):
        want = round(count * (v6_share_peers if afi == 6 else 1 - v6_share_peers))
        cands = sorted((p for p in model.peers.values() if p.afi == afi and p.entries >= 20 and p.visibility > 0),
                       key=lambda p: (p.ip, p.asn))
        must = [p for p in cands if p.asn > 0xFFFF or p.visibility < 0.8][:max(0, want - 1)]
        rest = [p for p in cands if p not in must]
        out += must + rng.sample(rest, max(0, min(len(rest), want - len(must))))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output file (raw; .gz/.bz2 compress by extension)")
    ap.add_argument("--entries", type=int, default=1_000_000, help="RIB entries, exactly (default 1,000,000)")
    ap.add_argument("--prefixes", type=int, default=0, help="prefix count (default: from the real peer visibility)")
    ap.add_argument("--peers", type=int, default=34, help="peers in the PEER_INDEX_TABLE (20-40 sensible; default 34)")
    ap.add_argument("--v6-share", type=float, default=0.13, help="IPv6 share of the prefixes (default 0.13)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=DEFAULT_DATA, help=f"shared data directory (default {DEFAULT_DATA})")
    ap.add_argument("--bgpdump", default="bgpdump", help="bgpdump binary used to decode the real samples")
    a = ap.parse_args()
    t0 = time.time()
    rng = random.Random(a.seed)

    model = Model()
    for i, rel in enumerate(REAL_RIBS):
        path = os.path.join(a.data, rel)
        if not os.path.exists(path):
            sys.exit(f"gen_full_rib: missing real RIB sample {path} (use --data)")
        model.feed(bgpdump_lines(a.bgpdump, path), per_peer=i < 2)
    log(f"model: {model.paths} real paths, {len(model.peers)} real peers ({time.time() - t0:.1f} s)")

    v4_table = load_v4_table(a.data)
    v4_origins = sorted(set(v4_table.values()))
    v6_table = synth_v6_table(rng, model, v4_origins)

    pms = choose_peers(rng, model, a.peers, 0.4)
    peers = [Peer(i, pm, rng) for i, pm in enumerate(pms)]
    by_afi = {4: [p for p in peers if p.afi == 4], 6: [p for p in peers if p.afi == 6]}
    exp = {afi: sum(p.visibility for p in ps) for afi, ps in by_afi.items()}
    per_prefix = (1 - a.v6_share) * exp[4] + a.v6_share * exp[6]
    nprefix = a.prefixes or max(1, round(a.entries / per_prefix))
    if nprefix > a.entries:
        sys.exit("gen_full_rib: --prefixes larger than --entries")
    scale = a.entries / (nprefix * per_prefix)
    n6 = round(nprefix * a.v6_share)
    n4 = nprefix - n6
    v4 = sample_runs(rng, sorted(v4_table), n4)
    v6 = sample_runs(rng, sorted(v6_table), n6)
    if n4 * len(by_afi[4]) + n6 * len(by_afi[6]) < a.entries:
        sys.exit("gen_full_rib: too few prefixes x peers for --entries")
    log(f"{len(peers)} peers ({len(by_afi[4])} IPv4, {len(by_afi[6])} IPv6, "
        f"{sum(p.as4 for p in peers)} with 4-byte AS field); {len(v4)} IPv4 + {len(v6)} IPv6 prefixes")

    # Who sees what: each peer with its real visibility, then made exact.
    rib = []  # (afi, key, origin, [peer idx])
    total = 0
    for afi, keys, table in ((4, v4, v4_table), (6, v6, v6_table)):
        ps = by_afi[afi]
        for k in keys:
            seen = [p.idx for p in ps if rng.random() < p.visibility * scale]
            if not seen:
                seen = [rng.choice(ps).idx]
            rib.append((afi, k, table[k], seen))
            total += len(seen)
    while total != a.entries:
        r = rib[rng.randrange(len(rib))]
        if total > a.entries and len(r[3]) > 1:
            r[3].pop(rng.randrange(len(r[3])))
            total -= 1
        elif total < a.entries:
            missing = [p.idx for p in by_afi[r[0]] if p.idx not in r[3]]
            if missing:
                r[3].append(rng.choice(missing))
                r[3].sort()
                total += 1

    gen = Generator(rng, model, peers, v4_origins)
    tmp = a.out + ".tmp"
    opener = bz2.open if a.out.endswith(".bz2") else gzip.open if a.out.endswith(".gz") else open
    with opener(tmp, "wb") as f:
        body = ipaddress.ip_address(COLLECTOR_ID).packed + struct.pack("!H", len(VIEW_NAME)) + VIEW_NAME
        body += struct.pack("!H", len(peers))
        for p in peers:
            body += struct.pack("!B", (0x01 if p.afi == 6 else 0) | (0x02 if p.as4 else 0))
            body += p.bgp_id
            body += p.ip.packed + (struct.pack("!I", p.asn) if p.as4 else struct.pack("!H", p.asn))
        f.write(mrt_record(1, body))
        out = []
        size = 0
        for seq, (afi, key, origin, seen) in enumerate(rib):
            ents = []
            for idx in seen:
                p = peers[idx]
                t = gen.template(p, origin)
                if rng.random() < 0.55:
                    orig = p.session_start
                else:
                    orig = max(p.session_start, DUMP_TS - int(rng.expovariate(1 / 172800.0)))
                ents.append(struct.pack("!HIH", idx, orig, len(t)) + t)
            rec = mrt_record(2 if afi == 4 else 4, struct.pack("!I", seq) + pfx_bytes(afi, *key) +
                             struct.pack("!H", len(ents)) + b"".join(ents))
            out.append(rec)
            size += len(rec)
            if len(out) >= 4096:
                f.write(b"".join(out))
                out = []
        f.write(b"".join(out))
    os.replace(tmp, a.out)
    s = gen.stats
    n = a.entries
    log(f"wrote {a.out}: {len(rib)} RIB records, {n} entries ({sum(len(r[3]) for r in rib if r[0] == 6)} IPv6), "
        f"{os.path.getsize(a.out)} bytes, {time.time() - t0:.1f} s")
    log(f"route templates {s['templates']}: prepended {s['prepended'] / max(1, s['paths']):.1%}, "
        f"AS_SET {s['as_set']}, MED {s['med'] / s['templates']:.1%}, COMMUNITIES {s['communities'] / s['templates']:.1%}, "
        f"LARGE_COMMUNITY {s['large_community'] / s['templates']:.1%}, AGGREGATOR {s['aggregator'] / s['templates']:.1%}")


if __name__ == "__main__":
    main()
