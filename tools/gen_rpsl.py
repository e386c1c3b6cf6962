#!/usr/bin/env python3
"""Deterministic full-size RPSL database for the IRR benchmark, made from the real dumps.

The shared samples (RIPE as-sets, RIPE-NONAUTH routes/route6/aut-nums: ~80k objects) are far
smaller than a real IRR mirror (RADB alone holds >1.5M route objects). This writes K copies of
them; copy 0 is the real data unchanged, copy k >= 1 is an isomorphic universe with its own keys:
  - IPv4 route prefixes: first octet + 7k (mod 224, lengths >= 8 only; shorter ones are dropped),
    IPv6: first 16-bit group + k (lengths >= 16 only);
  - ASNs (origin, aut-num, members): + k * 1,000,000 (mod 2^32);
  - set names: the first "AS-"/"RS-" component becomes "AS-G<k>-" and ASN components are
    mapped like ASNs ("AS3320:AS-DTAG" -> "AS3003320:AS-G3-DTAG" for k = 3);
so every copy holds objects of the real size and shape, nested sets stay nested, and the
indexes grow like a real database. The text keeps every other line (descr, remarks, mnt-by...).

With --radb-shape the RIPE dump's privacy block (the seven "remarks: * THIS OBJECT IS MODIFIED
..." lines RIPE adds to every object of its public dumps, ~270 bytes) is left out: objects then
have the size of those in RADB's dump (~300 bytes instead of ~820), the largest IRR.

Usage: gen_rpsl.py --copies K [--radb-shape] --out FILE DUMP.gz... (DUMP: the shared ripe*.gz)
"""
import argparse
import gzip
import ipaddress
import re
import sys

ASN = re.compile(r"\bAS(\d+)\b", re.IGNORECASE)
SETNAME = re.compile(r"\b(AS|RS)-", re.IGNORECASE)


def read_objects(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="latin-1") as f:
        cur = []
        for line in f:
            if not cur and line.startswith(("%", "#")):
                continue
            if line.strip() == "":
                if cur:
                    yield "".join(cur)
                    cur = []
                continue
            cur.append(line)
        if cur:
            yield "".join(cur)


def map_asn_text(text, k):
    return ASN.sub(lambda m: f"AS{(int(m.group(1)) + k * 1000000) % 2**32}", text)


def map_set_names(text, k):
    # Only the first set component of each name gets the copy tag.
    def tag(token):
        return SETNAME.sub(lambda m: f"{m.group(1).upper()}-G{k}-", token, count=1)
    return re.sub(r"[A-Za-z0-9:_.\-]+", lambda m: tag(m.group(0)) if SETNAME.search(m.group(0)) else m.group(0), text)


DUMMY = re.compile(r"^remarks:\s*\*.*\n", re.MULTILINE)


def transform(obj, k):
    if k == 0:
        return obj
    first, _, rest = obj.partition("\n")
    cls, _, key = first.partition(":")
    cls = cls.strip().lower()
    key = key.strip()
    if cls in ("route", "route6"):
        try:
            net = ipaddress.ip_network(key, strict=True)
        except ValueError:
            return None
        if net.version == 4:
            if net.prefixlen < 8:
                return None
            addr = int(net.network_address)
            octet = ((addr >> 24) + 7 * k) % 224
            net = ipaddress.ip_network(((addr & 0xFFFFFF) | (octet << 24), net.prefixlen))
        else:
            if net.prefixlen < 16:
                return None
            addr = int(net.network_address)
            group = ((addr >> 112) + k) % 0x10000
            net = ipaddress.ip_network(((addr & ((1 << 112) - 1)) | (group << 112), net.prefixlen))
        lines = []
        for line in rest.splitlines(True):
            if line.lower().startswith("origin:"):
                line = map_asn_text(line, k)
            lines.append(line)
        return f"{cls}:{' ' * max(1, 16 - len(cls) - 1)}{net}\n" + "".join(lines)
    if cls in ("as-set", "route-set", "aut-num"):
        out = []
        for line in obj.splitlines(True):
            low = line.lower()
            if line[:1] in (" ", "\t", "+"):
                line = map_set_names(map_asn_text(line, k), k)
            elif low.startswith(("as-set:", "route-set:", "aut-num:", "members:", "mp-members:",
                                 "member-of:")):
                name, _, value = line.partition(":")
                line = name + ":" + map_set_names(map_asn_text(value, k), k)
            out.append(line)
        return "".join(out)
    return obj


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=30)
    ap.add_argument("--out", required=True)
    ap.add_argument("--radb-shape", action="store_true")
    ap.add_argument("dumps", nargs="+")
    a = ap.parse_args()
    objs = []
    for d in a.dumps:
        objs.extend(read_objects(d))
    n = 0
    with open(a.out, "w", encoding="latin-1") as out:
        for k in range(a.copies):
            for o in objs:
                t = transform(o, k)
                if t is None:
                    continue
                if a.radb_shape:
                    t = DUMMY.sub("", t)
                out.write(t)
                out.write("\n")
                n += 1
    print(f"gen_rpsl: {n} objects ({a.copies} copies of {len(objs)}) -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
