#!/usr/bin/env python3
"""Full-size, deterministic input for `manrs check --all` benchmarks, made from real routes.

Reads the real RIB of ../shared/data/mrt (bgpdump -m lines of bview.20020722.2337: 115,521
routes of 36 peers, 112,988 prefixes, 13,409 origins) and writes:
  rib.mrt      TABLE_DUMP_V2: the real routes repeated for --copies collector copies of the 36
               peers (each copy its own peer addresses): 9 copies = 1,039,689 RIB entries;
  updates.mrt  BGP4MP_MESSAGE_AS4: --updates UPDATEs spread evenly over the --hours after the
               RIB: each picks a real route of one copy's peer and withdraws it (15 %), re-
               announces it with another real path of the same prefix behind the peer's AS
               (70 %), with a prepend (14 %), or with a foreign origin / a bogon ASN in the path
               (1 %: the incidents a check must find); withdrawn routes come back later.
Deterministic for a seed. Usage:
  gen-check-bench.py --out DIR [--copies 9] [--updates 2000000] [--hours 24] [--seed 1]
"""
import argparse
import gzip
import ipaddress
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.join(HERE, "..", "..", "shared", "data", "mrt", "expected",
                           "bview.20020722.2337.gz.bgp.gz")


def rec(ts, mtype, subtype, body):
    return struct.pack("!IHHI", ts, mtype, subtype, len(body)) + body


def attr(flags, code, value):
    if len(value) > 255:
        return struct.pack("!BBH", flags | 0x10, code, len(value)) + value
    return struct.pack("!BBB", flags, code, len(value)) + value


def path_attr(asns):
    v = b""
    for i in range(0, len(asns), 255):
        chunk = asns[i:i + 255]
        v += struct.pack("!BB", 2, len(chunk)) + b"".join(struct.pack("!I", a) for a in chunk)
    return attr(0x40, 2, v)


def pfx_bytes(net):
    n = (net.prefixlen + 7) // 8
    return bytes([net.prefixlen]) + net.network_address.packed[:n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--src", default=DEFAULT_SRC)
    ap.add_argument("--copies", type=int, default=9)
    ap.add_argument("--updates", type=int, default=2_000_000)
    ap.add_argument("--hours", type=float, default=24)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    routes = []  # (peer_ip, peer_as, prefix, path list)
    ts0 = None
    with gzip.open(a.src, "rt") as f:
        for line in f:
            p = line.split("|")
            if len(p) < 7 or p[2] != "B":
                continue
            try:
                path = [int(x) for x in p[6].split()]
            except ValueError:
                continue  # AS_SET segments: skipped
            if not path:
                continue
            ts0 = ts0 or int(p[1])
            routes.append((p[3], int(p[4]), ipaddress.ip_network(p[5], strict=False), path))
    peers = sorted({(ip, asn) for ip, asn, _, _ in routes})
    pidx = {pr: i for i, pr in enumerate(peers)}
    by_prefix = {}
    for ip, asn, net, path in routes:
        by_prefix.setdefault(net, []).append(path)
    origins = sorted({path[-1] for _, _, _, path in routes})
    ts_rib = ts0 + 60
    # Peer table: copy c of peer i gets address 10.<c>.<i/256>.<i%256> (the real AS kept).
    allpeers = []
    for c in range(a.copies):
        for i, (ip, asn) in enumerate(peers):
            allpeers.append((ipaddress.ip_address(f"10.{c}.{i // 256}.{i % 256}"), asn))
    body = ipaddress.ip_address("192.0.2.1").packed + struct.pack("!H", 5) + b"bench" + \
        struct.pack("!H", len(allpeers))
    for ip, asn in allpeers:
        body += struct.pack("!B", 0x02) + ip.packed + ip.packed + struct.pack("!I", asn)
    nh = attr(0x40, 3, ipaddress.ip_address("192.0.2.1").packed)
    with open(os.path.join(a.out, "rib.mrt"), "wb") as out:
        out.write(rec(ts_rib, 13, 1, body))
        grouped = {}
        for ip, asn, net, path in routes:
            grouped.setdefault(net, []).append((pidx[(ip, asn)], path))
        seq = 0
        entries_total = 0
        for net in sorted(grouped, key=lambda n: (int(n.network_address), n.prefixlen)):
            ents = b""
            count = 0
            for c in range(a.copies):
                for pi, path in grouped[net]:
                    at = attr(0x40, 1, b"\x00") + path_attr(path) + nh
                    ents += struct.pack("!HIH", c * len(peers) + pi, ts_rib - 3600, len(at)) + at
                    count += 1
            out.write(rec(ts_rib, 13, 2, struct.pack("!I", seq) + pfx_bytes(net) +
                          struct.pack("!H", count) + ents))
            seq += 1
            entries_total += count
    # Updates.
    span = int(a.hours * 3600)
    n = a.updates
    withdrawn = []
    with open(os.path.join(a.out, "updates.mrt"), "wb") as out:
        for k in range(n):
            ts = ts_rib + 1 + (k * span) // max(1, n)
            r = rng.random()
            if withdrawn and r < 0.10:
                pi, net = withdrawn.pop(rng.randrange(len(withdrawn)))
                kind = "back"
            else:
                ip, asn, net, path = routes[rng.randrange(len(routes))]
                pi = rng.randrange(a.copies) * len(peers) + pidx[(ip, asn)]
                kind = "withdraw" if r < 0.25 else "announce"
            pip, pas = allpeers[pi]
            hdr = struct.pack("!IIHH", pas, 65000, 0, 1) + pip.packed + \
                ipaddress.ip_address("192.0.2.1").packed
            if kind == "withdraw":
                wd = pfx_bytes(net)
                msg = struct.pack("!H", len(wd)) + wd + struct.pack("!H", 0)
                withdrawn.append((pi, net))
            else:
                path = list(rng.choice(by_prefix[net]))
                if path[0] != pas:
                    path = [pas] + path
                x = rng.random()
                if x < 0.005:
                    path = path[:-1] + [rng.choice(origins)]        # another origin
                elif x < 0.01:
                    path = path[:1] + [64512 + rng.randrange(100)] + path[1:]  # bogon ASN
                elif x < 0.15:
                    path = [pas] + path                              # prepend
                at = attr(0x40, 1, b"\x00") + path_attr(path) + nh
                nlri = pfx_bytes(net)
                msg = struct.pack("!H", 0) + struct.pack("!H", len(at)) + at + nlri
            bgp = b"\xff" * 16 + struct.pack("!HB", 19 + len(msg), 2) + msg
            out.write(rec(ts, 16, 4, hdr + bgp))
    print(f"gen-check-bench: {entries_total} RIB entries ({len(grouped)} prefixes, "
          f"{len(allpeers)} peers, {len(origins)} origins), {n} updates over {a.hours} h -> {a.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
