#!/usr/bin/env python3
"""filter_entries.py — the entries of a rendered prefix filter as "prefix min max" lines.

Reads the output of `manrs filter` or of bgpq4 in one router dialect and prints the set of
entries it permits, one "PREFIX MIN MAX" per line (the prefixes inside PREFIX with a length in
[MIN, MAX]), sorted and unique, so that two tools' outputs can be compared as sets whatever
their syntax, names, sequence numbers, splitting or order.

  filter_entries.py DIALECT [FILE...] [--expand] [--drop-bogons [--dropped=FILE]] [--count]

DIALECT: cisco, iosxr, junos, arista, nokia, nokia-md, huawei, mikrotik, bird, frr, openbgpd,
json, plain, desc (filter_render_tool's input), triples (bgpq4 -F '%n/%l %a %A\n'). Comments and AS-path lines are ignored; deny
entries and lines that are not understood are errors (exit 1), so a format change cannot
silently shrink a set.
--expand: instead of the entries, the set of prefixes they match in a canonical form that does
not depend on how ranges were grouped (bgpq4 -A and manrs -A may aggregate differently): for
every length L, the minimal CIDR blocks whose every /L sub-prefix is matched ("L BLOCK" lines).
--drop-bogons: leave out what lies inside bogon space (BOGONS below; manrs drops it, bgpq4 keeps
it); --dropped=FILE writes the entries left out. With --expand, bogon space is cut out of the
matched set.
--count: print only the number of lines.
"""
import ipaddress
import json
import re
import sys

PREFIX = r"([0-9a-fA-F:.]+/\d+)"


class Entries:
    def __init__(self):
        self.items = set()

    def add(self, prefix, lo=None, hi=None):
        net = ipaddress.ip_network(prefix, strict=True)
        fam_max = net.max_prefixlen
        lo = net.prefixlen if lo is None else int(lo)
        hi = lo if hi is None else int(hi)
        if not (net.prefixlen <= lo <= hi <= fam_max):
            raise ValueError(f"bad range {prefix} {lo} {hi}")
        self.items.add((net, lo, hi))


def cisco_like(line, out):
    """ip/ipv6 prefix-list NAME [seq N] permit P [ge A] [le B]; Arista's "seq N permit P ..."."""
    m = re.match(r"^(?:(?:ip|ipv6) prefix-list \S+ )?(?:seq \d+ )?(permit|deny) " + PREFIX +
                 r"(?: ge (\d+))?(?: le (\d+))?$", line)
    if not m:
        return False
    if m.group(1) == "deny":
        if m.group(2) in ("0.0.0.0/0", "::/0") and not m.group(3) and not m.group(4):
            return True  # bgpq4's empty-list marker (denies the default route only)
        raise ValueError("deny entry: " + line)
    net = ipaddress.ip_network(m.group(2))
    if (line.startswith("ip prefix-list") and net.version != 4) or \
            (line.startswith("ipv6 prefix-list") and net.version != 6):
        raise ValueError("wrong family for the command: " + line)
    ge, le = m.group(3), m.group(4)
    if ge is None and le is None:
        out.add(m.group(2))
    elif ge is None:
        out.add(m.group(2), net.prefixlen, le)
    elif le is None:
        out.add(m.group(2), ge, net.max_prefixlen)
    else:
        out.add(m.group(2), ge, le)
    return True


def parse_cisco(text, out):
    for line in lines(text, "!"):
        if line.startswith("no ") or "as-path" in line or line.endswith(" deny any"):
            continue  # replacement, AS-path lists, manrs' explicit deny-all of an empty list
        if re.match(r"^(ip|ipv6) prefix-list \S+$", line) or line in ("exit", "end"):
            continue  # Arista's list header
        if not cisco_like(line, out):
            raise ValueError("not understood: " + line)


def parse_iosxr(text, out):
    for line in lines(text, "!"):
        if line.startswith(("no ", "prefix-set", "end-set", "as-path-set")):
            continue
        line = line.rstrip(",").strip()
        m = re.match(PREFIX + r"(?: (?:ge (\d+)))?(?: (?:le (\d+)))?(?: eq (\d+))?$", line)
        if not m:
            if re.match(r"^(ios-regex|originates-from|neighbor-is|passes-through|#)", line):
                continue
            raise ValueError("not understood: " + line)
        net = ipaddress.ip_network(m.group(1))
        ge, le, eq = m.group(2), m.group(3), m.group(4)
        if eq:
            out.add(m.group(1), eq, eq)
        elif ge is None and le is None:
            out.add(m.group(1))
        elif ge is None:
            out.add(m.group(1), net.prefixlen, le)
        elif le is None:
            out.add(m.group(1), ge, net.max_prefixlen)
        else:
            out.add(m.group(1), ge, le)


def parse_junos(text, out):
    for raw in lines(text, "#"):
        line = raw.strip().rstrip(";").strip()
        if re.match(r"^(?:route-filter )?(0\.0\.0\.0|::)/0 orlonger reject$", line):
            continue  # manrs' explicit deny-all of an empty list
        m = re.match(r"^(?:route-filter )?" + PREFIX + r"(?: (.*))?$", line)
        if not m:
            continue  # structure: policy-options { prefix-list NAME { ... } }, as-path ...
        net = ipaddress.ip_network(m.group(1))
        how = (m.group(2) or "exact").strip()
        if how == "exact":
            out.add(m.group(1))
        elif how == "orlonger":
            out.add(m.group(1), net.prefixlen, net.max_prefixlen)
        elif how == "longer":
            out.add(m.group(1), net.prefixlen + 1, net.max_prefixlen)
        elif (u := re.match(r"upto /(\d+)$", how)):
            out.add(m.group(1), net.prefixlen, u.group(1))
        elif (r := re.match(r"prefix-length-range /(\d+)-/(\d+)$", how)):
            out.add(m.group(1), r.group(1), r.group(2))
        else:
            raise ValueError("not understood: " + raw)


def parse_nokia(text, out):
    """SR OS classic: prefix P exact|longer|through N|prefix-length-range A-B; MD-CLI:
    prefix P type exact|longer|through|range with start-length / end-length / through-length."""
    pending = None  # MD-CLI: [prefix, type, start, end, through]

    def flush():
        nonlocal pending
        if pending is None:
            return
        p, typ, start, end, through = pending
        net = ipaddress.ip_network(p)
        if typ == "exact":
            out.add(p)
        elif typ == "longer":
            out.add(p, net.prefixlen, net.max_prefixlen)
        elif typ == "through":
            out.add(p, net.prefixlen, through)
        elif typ == "range":
            out.add(p, start, end)
        else:
            raise ValueError(f"not understood: prefix {p} type {typ}")
        pending = None

    for raw in lines(text, "#"):
        line = raw.strip()
        if (m := re.match(r"^prefix " + PREFIX + r" (exact|longer|through (\d+)|"
                          r"prefix-length-range (\d+)-(\d+))$", line)):
            flush()
            net = ipaddress.ip_network(m.group(1))
            if m.group(2) == "exact":
                out.add(m.group(1))
            elif m.group(2) == "longer":
                out.add(m.group(1), net.prefixlen, net.max_prefixlen)
            elif m.group(3):
                out.add(m.group(1), net.prefixlen, m.group(3))
            else:
                out.add(m.group(1), m.group(4), m.group(5))
        elif (m := re.match(r"^prefix \"?" + PREFIX + r"\"? type (\w+)(.*)$", line)):
            flush()
            pending = [m.group(1), m.group(2), None, None, None]
            rest = m.group(3)
            for key, idx in (("start-length", 2), ("end-length", 3), ("through-length", 4)):
                if (k := re.search(key + r" (\d+)", rest)):
                    pending[idx] = k.group(1)
            if "{" not in rest:
                flush()
        elif pending is not None and (m := re.match(r"^(start-length|end-length|through-length)"
                                                    r" (\d+)$", line)):
            pending[{"start-length": 2, "end-length": 3, "through-length": 4}[m.group(1)]] = m.group(2)
        elif pending is not None and line.startswith("}"):
            flush()
    flush()


def parse_huawei(text, out):
    for line in lines(text, "#"):
        if line.startswith(("undo ", "ip as-path-filter", "ip community")):
            continue
        if re.match(r"^ip (?:ipv6-prefix|ip-prefix) \S+ (?:index \d+ )?deny (?:0\.0\.0\.0|::)"
                    r"(?:/0| 0)(?: less-equal \d+)?$", line):
            continue  # deny-all of an empty list (manrs: "0.0.0.0 0 less-equal 32"; bgpq4 "::/0")
        m = re.match(r"^ip (?:ipv6-prefix|ip-prefix) \S+ (?:index \d+ )?permit "
                     r"([0-9a-fA-F:.]+) (\d+)(?: greater-equal (\d+))?(?: less-equal (\d+))?$", line)
        if not m:
            raise ValueError("not understood: " + line)
        p = f"{m.group(1)}/{m.group(2)}"
        net = ipaddress.ip_network(p)
        ge, le = m.group(3), m.group(4)
        if ge is None and le is None:
            out.add(p)
        elif ge is None:
            out.add(p, net.prefixlen, le)
        elif le is None:
            out.add(p, ge, net.max_prefixlen)
        else:
            out.add(p, ge, le)


def parse_mikrotik(text, out):
    """RouterOS 7: /routing filter rule add chain="C" rule="if (dst==P) {accept}" (bgpq4: dst=P),
    "if (dst in P && dst-len in A-B) {accept}"; reject rules and AS-path chains are skipped."""
    for line in lines(text, "#"):
        if line.startswith("/routing filter rule remove") or re.search(r'rule="reject"', line) \
                or "bgp-as-path" in line:
            continue
        m = re.match(r'^/routing filter rule add chain="[^"]+"\s+rule="if \((.*)\) \{accept\}"$',
                     line)
        if not m:
            raise ValueError("not understood: " + line)
        cond = m.group(1)
        if (e := re.match(r"^dst==?" + PREFIX + "$", cond)):
            out.add(e.group(1))
        elif (r := re.match(r"^dst in " + PREFIX + r" && dst-len in (\d+)-(\d+)$", cond)):
            out.add(r.group(1), r.group(2), r.group(3))
        else:
            raise ValueError("not understood: " + line)


def parse_bird(text, out):
    in_set = False
    for line in lines(text, "#"):
        if re.match(r"^(define )?\S+ = \[", line):
            in_set = True
            line = line.split("[", 1)[1]
        if not in_set:
            continue
        closing = "]" in line
        body = line.split("]", 1)[0]
        for item in (x.strip() for x in re.split(r",(?![^{]*\})", body)):
            if not item:
                continue
            if re.match(r"^\d+$", item):
                continue  # AS number set
            m = re.match(PREFIX + r"(?:\{(\d+),(\d+)\}|(\+)|(-))?$", item)
            if not m:
                raise ValueError("not understood: " + item)
            net = ipaddress.ip_network(m.group(1))
            if m.group(2):
                out.add(m.group(1), m.group(2), m.group(3))
            elif m.group(4):
                out.add(m.group(1), net.prefixlen, net.max_prefixlen)
            elif m.group(5):
                raise ValueError("P- (shorter prefixes) not supported: " + item)
            else:
                out.add(m.group(1))
        if closing:
            in_set = False


def parse_openbgpd(text, out):
    in_set = False
    for line in lines(text, "#"):
        if re.match(r"^(prefix-set \S+|prefix) \{", line):
            in_set = True
            line = line.split("{", 1)[1]
        elif re.match(r"^(as-set|origin-set) \S+ \{", line):
            if "}" not in line:
                in_set = "skip"
            continue
        if in_set == "skip":
            if "}" in line:
                in_set = False
            continue
        if not in_set:
            if line.startswith(("allow ", "deny ", "match ", "AS ")):
                continue
            raise ValueError("not understood: " + line)
        closing = "}" in line
        body = line.split("}", 1)[0].strip()
        for item in re.split(r"\s*,\s*|\s+(?=[0-9a-fA-F:.]+/\d+)", body):
            item = item.strip()
            if not item:
                continue
            m = re.match(PREFIX + r"(?: (or-longer)| maxlen (\d+)| prefixlen (\d+) - (\d+)|"
                         r" prefixlen = (\d+)| prefixlen >= (\d+)| prefixlen <= (\d+))?$", item)
            if not m:
                raise ValueError("not understood: " + item)
            net = ipaddress.ip_network(m.group(1))
            if m.group(2):
                out.add(m.group(1), net.prefixlen, net.max_prefixlen)
            elif m.group(3):
                out.add(m.group(1), net.prefixlen, m.group(3))
            elif m.group(4):
                out.add(m.group(1), m.group(4), m.group(5))
            elif m.group(6):
                out.add(m.group(1), m.group(6), m.group(6))
            elif m.group(7):
                out.add(m.group(1), m.group(7), net.max_prefixlen)
            elif m.group(8):
                out.add(m.group(1), net.prefixlen, m.group(8))
            else:
                out.add(m.group(1))
        if closing:
            in_set = False


def parse_json(text, out):
    doc = json.loads(text)
    if "ipv4" in doc or "ipv6" in doc:  # manrs
        for fam in ("ipv4", "ipv6"):
            for e in doc.get(fam, {}).get("entries", []):
                out.add(e["prefix"], e["min"], e["max"])
        return
    for name, items in doc.items():  # bgpq4: {"NN": [{"prefix": ..., "exact": ..., ...}]}
        for e in items:
            if not isinstance(e, dict):
                continue  # AS list
            net = ipaddress.ip_network(e["prefix"])
            if e.get("exact", False):
                out.add(e["prefix"])
            else:
                out.add(e["prefix"], e.get("greater-equal", net.prefixlen),
                        e.get("less-equal", net.max_prefixlen))


def parse_plain(text, out):
    for line in lines(text, "#"):
        if re.match(r"^AS\d+$", line):
            continue
        m = re.match(PREFIX + r"(?:\{(\d+),(\d+)\})?$", line)
        if not m:
            raise ValueError("not understood: " + line)
        out.add(m.group(1), m.group(2), m.group(3))


def parse_desc(text, out):
    for line in lines(text, "#"):
        parts = line.split()
        if parts[0] in ("target", "mode", "asn"):
            continue
        out.add(parts[0], *(parts[1:3] if len(parts) >= 3 else []))


def lines(text, comment):
    for raw in text.splitlines():
        line = raw.strip()
        if line == "" or line.startswith(comment):
            continue
        yield line


PARSERS = {
    "cisco": parse_cisco, "frr": parse_cisco, "arista": parse_cisco, "iosxr": parse_iosxr,
    "junos": parse_junos, "nokia": parse_nokia, "nokia-md": parse_nokia, "huawei": parse_huawei,
    "mikrotik": parse_mikrotik, "bird": parse_bird, "openbgpd": parse_openbgpd,
    "json": parse_json, "plain": parse_plain, "desc": parse_desc, "triples": parse_desc,
}


# Bogon space (manrs-spec §4.9.1/§4.9.2 "filter as bogon: yes", written down independently of
# the C++ list): what manrs filter never lets pass and bgpq4 does.
BOGONS = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/3", "4000::/2", "8000::/1",  # outside 2000::/3 (::1, fc00::/7, fe80::/10, ff00::/8, ...) "2001::/32", "2001:2::/48", "2001:10::/28", "2001:db8::/32",
    "2002::/16", "3ffe::/16", "3fff::/20", "5f00::/16")]


def is_bogon(net):
    return any(net.version == b.version and net.subnet_of(b) for b in BOGONS)


def drop_bogon_blocks(length, block):
    """The parts of `block` (matched at `length`) outside bogon space."""
    parts = [block]
    for b in BOGONS:
        if b.version != block.version or b.prefixlen > length:
            continue
        nxt = []
        for p in parts:
            if p.subnet_of(b):
                continue
            if b.subnet_of(p) and b != p:
                nxt.extend(p.address_exclude(b))
            else:
                nxt.append(p)
        parts = nxt
    return parts


def expand(items):
    """Canonical matched set: per length L, the collapsed blocks whose /L sub-prefixes match."""
    levels = {}
    for net, lo, hi in items:
        for length in range(lo, hi + 1):
            levels.setdefault((net.version, length), []).append(net)
    out = []
    for (version, length), nets in sorted(levels.items()):
        if "--drop-bogons" in sys.argv:
            nets = [p for n in nets for p in drop_bogon_blocks(length, n)]
        for block in ipaddress.collapse_addresses(nets):
            out.append(f"{length} {block}")
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args or args[0] not in PARSERS:
        sys.exit(__doc__)
    out = Entries()
    try:
        for name in args[1:] or ["-"]:  # each file parsed on its own, into one set
            text = sys.stdin.read() if name == "-" else \
                open(name, encoding="utf-8", errors="replace").read()
            PARSERS[args[0]](text, out)
    except (ValueError, KeyError, json.JSONDecodeError) as e:
        sys.exit(f"filter_entries.py {args[0]}: {e}")
    if "--drop-bogons" in sys.argv and "--expand" not in sys.argv:
        dropped = {t for t in out.items if is_bogon(t[0])}
        out.items -= dropped
        for a in sys.argv:
            if a.startswith("--dropped="):
                with open(a.split("=", 1)[1], "w") as f:
                    for n, lo, hi in sorted(dropped, key=lambda t: (t[0].version, t[0], t[1])):
                        f.write(f"{n} {lo} {hi}\n")
    if "--expand" in sys.argv:
        result = expand(out.items)
    else:
        result = [f"{n} {lo} {hi}" for n, lo, hi in
                  sorted(out.items, key=lambda t: (t[0].version, t[0], t[1], t[2]))]
    if "--count" in sys.argv:
        print(len(result))
    else:
        print("\n".join(result) + ("\n" if result else ""), end="")


if __name__ == "__main__":
    main()
