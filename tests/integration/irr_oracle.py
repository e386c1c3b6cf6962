#!/usr/bin/env python3
"""Independent as-set expansion for the IRR tests (written for the test, shares no code with
manrs): reads RPSL dumps (plain or .gz), expands as-sets the way RFC 2622 §5 says and prints
the result, so that bgpq4/bgpq3 output through `manrs irr serve` and `manrs irr expand` can be
compared with it.

Semantics (the same rules docs/irr.md gives):
  - objects keep their `source:` (upper-cased); sets are resolved in the source order given by
    --sources (first source that has the set wins); "SRC::AS-FOO" looks only in SRC;
  - as-set members: ASNs and as-sets (nested, each set visited once), AS-ANY ignored;
  - mbrs-by-ref: aut-num objects whose member-of names the set and whose mnt-by is listed in
    the set's mbrs-by-ref (or ANY) are members; without mbrs-by-ref, member-of is ignored;
  - route prefixes: route/route6 objects of every source whose origin is an expanded ASN.

Usage:
  irr_oracle.py --sources RIPE,RIPE-NONAUTH FILE... -- asns AS-FOO      -> AS1\nAS2...
  irr_oracle.py ... -- prefixes4 AS-FOO                                  -> 192.0.2.0/24...
  irr_oracle.py ... -- missing AS-FOO                                    -> AS-X\n...
  irr_oracle.py ... -- sets-by-size N                                    -> N largest sets
  irr_oracle.py ... -- batch OUTDIR AS-FOO AS-BAR...                      -> OUTDIR/<i>.asns ...
"""
import gzip
import ipaddress
import re
import sys
from collections import defaultdict

ASN_RE = re.compile(r"^AS(\d+)$")


def open_any(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="latin-1")
    return open(path, "rt", encoding="latin-1")


def objects(path):
    cur = []
    for raw in open_any(path):
        line = raw.rstrip("\r\n")
        if not cur and line.startswith(("%", "#")):
            continue
        if not line.strip():
            if cur:
                yield cur
            cur = []
            continue
        if line.startswith("#"):
            continue
        if line[:1] in (" ", "\t", "+"):
            if cur:
                cur[-1][1] += " " + line[1:].split("#")[0].strip()
            continue
        name, sep, value = line.partition(":")
        if not sep:
            cur = [["", ""]]  # broken object: skip it entirely
            continue
        cur.append([name.strip().lower(), value.split("#")[0].strip()])
    if cur:
        yield cur


def items(value):
    return [t for t in re.split(r"[,\s]+", value.upper()) if t]


def parse_asn(tok):
    m = ASN_RE.match(tok)
    if m and int(m.group(1)) < 2**32:
        return int(m.group(1))
    return None


class Db:
    def __init__(self, files, order):
        self.sets = defaultdict(dict)      # name -> source -> (members, mbrs_by_ref)
        self.member_of = defaultdict(list)  # set name -> [(asn, source, mntners)]
        self.routes = {4: defaultdict(set), 6: defaultdict(set)}
        self.sources = set()
        for path in files:
            for obj in objects(path):
                cls = obj[0][0]
                if cls == "":
                    continue
                attrs = defaultdict(list)
                for k, v in obj:
                    attrs[k].append(v)
                src = (attrs.get("source") or [""])[0].upper()
                if not src:
                    continue
                self.sources.add(src)
                key = obj[0][1].upper()
                if cls == "as-set":
                    members = [t for v in attrs.get("members", []) for t in items(v)]
                    mbr = [t for v in attrs.get("mbrs-by-ref", []) for t in items(v)]
                    self.sets[key].setdefault(src, (members, mbr))
                elif cls == "aut-num":
                    asn = parse_asn(key)
                    if asn is None:
                        continue
                    mnt = set(t for v in attrs.get("mnt-by", []) for t in items(v))
                    for v in attrs.get("member-of", []):
                        for s in items(v):
                            self.member_of[s].append((asn, src, mnt))
                elif cls in ("route", "route6"):
                    origin = parse_asn((attrs.get("origin") or [""])[0].upper())
                    try:
                        net = ipaddress.ip_network(obj[0][1].strip(), strict=True)
                    except ValueError:
                        continue
                    fam = 4 if cls == "route" else 6
                    if origin is None or net.version != fam:
                        continue
                    self.routes[fam][origin].add(net)
        self.order = [s.upper() for s in order if s] or sorted(self.sources)

    def find(self, name):
        if "::" in name:
            src, _, bare = name.partition("::")
            d = self.sets.get(bare, {})
            return d.get(src)
        d = self.sets.get(name, {})
        for s in self.order:
            if s in d:
                return d[s]
        return None

    def expand(self, root):
        asns, missing, seen = set(), [], set()
        stack = [root.upper()]
        while stack:
            name = stack.pop()
            key = name.split("::")[-1]
            if key in seen:
                continue
            seen.add(key)
            found = self.find(name)
            if found is None:
                missing.append(name)
                continue
            members, mbrs = found
            for tok in members:
                if tok in ("AS-ANY",):
                    continue
                asn = parse_asn(tok)
                if asn is not None:
                    asns.add(asn)
                else:
                    stack.append(tok)
            if mbrs:
                for asn, src, mnt in self.member_of.get(key, []):
                    if src not in self.order:
                        continue
                    if "ANY" in mbrs or mnt & set(mbrs):
                        asns.add(asn)
        return asns, missing

    def prefixes(self, asns, fam):
        out = set()
        for a in asns:
            out |= self.routes[fam].get(a, set())
        return sorted(out, key=lambda n: (int(n.network_address), n.prefixlen))


def main():
    argv = sys.argv[1:]
    order = []
    if argv[:1] == ["--sources"]:
        order = argv[1].split(",")
        argv = argv[2:]
    sep = argv.index("--")
    files, cmd = argv[:sep], argv[sep + 1:]
    db = Db(files, order)
    what = cmd[0]
    if what in ("asns", "prefixes4", "prefixes6", "missing"):
        for name in cmd[1:]:
            asns, missing = db.expand(name)
            if what == "asns":
                print("\n".join(f"AS{a}" for a in sorted(asns)))
            elif what == "missing":
                print("\n".join(sorted(set(missing))))
            else:
                for n in db.prefixes(asns, 4 if what == "prefixes4" else 6):
                    print(n)
    elif what == "batch":  # batch OUTDIR SET...: OUTDIR/<n>.{asns,p4,p6,missing} per set
        out = cmd[1]
        for n, name in enumerate(cmd[2:]):
            asns, missing = db.expand(name)
            with open(f"{out}/{n}.asns", "w") as f:
                f.writelines(f"AS{a}\n" for a in sorted(asns))
            for fam in (4, 6):
                with open(f"{out}/{n}.p{fam}", "w") as f:
                    f.writelines(f"{p}\n" for p in db.prefixes(asns, fam))
            with open(f"{out}/{n}.missing", "w") as f:
                f.writelines(f"{m}\n" for m in sorted(set(missing)))
    elif what == "sets-by-size":
        n = int(cmd[1])
        sizes = []
        for name in db.sets:
            asns, _ = db.expand(name)
            sizes.append((len(asns), name))
        for size, name in sorted(sizes, reverse=True)[:n]:
            print(name, size)
    else:
        sys.exit(f"unknown command {what}")


if __name__ == "__main__":
    main()
