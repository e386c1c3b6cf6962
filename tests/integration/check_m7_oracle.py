#!/usr/bin/env python3
"""Independent M7IRR / M7RPKI (manrs-spec §3.4.3) for `manrs check` tests.

Shares no code with manrs: routes come from `bgpdump -m` lines (Debian's bgpdump decodes the
MRT), ROAs from the RIPE ROA-list text, route objects from the RPSL dumps parsed here, and
RFC 6811 validation is the naive loop over every ROA.

  check_m7_oracle.py --bgpdump LINES.gz --roas ROALIST --rpsl DUMP.gz... [--top N] [--asn A...]

Prints one JSON object: {"ASN": {"routes": n, "irr_covered": k, "valid": v, "invalid": i,
"not_found": f, "m7irr": pct, "m7rpki": pct}} for the N origins with the most routes that
have at least one route object or ROA (or the ASNs given).
"""
import argparse
import gzip
import ipaddress
import json
import sys


def opener(path):
    return gzip.open(path, "rt", errors="replace") if path.endswith(".gz") else \
        open(path, errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bgpdump", required=True, help="bgpdump -m output (may be .gz or -)")
    ap.add_argument("--roas", required=True)
    ap.add_argument("--rpsl", nargs="+", required=True)
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--asn", type=int, nargs="*", default=[])
    a = ap.parse_args()

    # Origin → announced prefixes (a route seen once counts, RIB-only input: all of them).
    announced = {}
    src = sys.stdin if a.bgpdump == "-" else opener(a.bgpdump)
    for line in src:
        f = line.rstrip("\n").split("|")
        if len(f) < 7 or f[2] not in ("A", "B"):
            continue
        path = f[6].split()
        if not path or path[-1].startswith("{"):
            continue  # a trailing AS_SET has no origin (RFC 6811 §2)
        try:
            origin = int(path[-1])
            net = ipaddress.ip_network(f[5], strict=False)
        except ValueError:
            continue
        announced.setdefault(origin, set()).add(net)

    roas = []  # (network, maxlen, asn)
    for line in opener(a.roas):
        parts = line.split()
        if len(parts) < 3:
            continue
        asn = int(parts[1])
        for p in parts[2:]:
            if "-" in p:
                pfx, ml = p.split("-")
                ml = int(ml)
            else:
                pfx, ml = p, None
            n = ipaddress.ip_network(pfx, strict=False)
            roas.append((n, ml if ml is not None else n.prefixlen, asn))

    routes = {}  # origin → [networks]
    for path in a.rpsl:
        cur = {}
        for line in opener(path):
            if not line.strip():
                if "route" in cur and "origin" in cur:
                    routes.setdefault(cur["origin"], []).append(cur["route"])
                cur = {}
                continue
            if line.startswith(("#", "%", " ", "\t", "+")) or ":" not in line:
                continue
            k, v = line.split(":", 1)
            k = k.strip().lower()
            v = v.split("#")[0].strip()
            if k in ("route", "route6"):
                try:
                    cur["route"] = ipaddress.ip_network(v, strict=False)
                except ValueError:
                    pass
            elif k == "origin" and v.upper().startswith("AS"):
                try:
                    cur["origin"] = int(v[2:])
                except ValueError:
                    pass
        if "route" in cur and "origin" in cur:
            routes.setdefault(cur["origin"], []).append(cur["route"])

    # Every ROA / route object under its exact network; a route looks at each of its
    # supernets (at most 33 or 129 dictionary lookups).
    roa_at = {}
    for rn, ml, ra in roas:
        roa_at.setdefault(rn, []).append((ml, ra))
    route_at = {}
    for o, nets in routes.items():
        for n in nets:
            route_at.setdefault(n, set()).add(o)

    def supernets(net):
        for plen in range(net.prefixlen, -1, -1):
            yield net.supernet(new_prefix=plen)

    def rov(net, origin):
        covered = False
        for sn in supernets(net):
            for ml, ra in roa_at.get(sn, ()):
                covered = True
                if ra == origin and ra != 0 and net.prefixlen <= ml:
                    return "valid"
        return "invalid" if covered else "not-found"

    def irr_covered(net, origin):
        return any(origin in route_at.get(sn, ()) for sn in supernets(net))

    roa_asns = {ra for _, _, ra in roas}
    if a.asn:
        chosen = a.asn
    else:
        # Origins with route objects or ROAs; the ones with the most routes whose scores are
        # neither 0 nor 100 in at least one of the two metrics come first.
        cands = [o for o in announced if o in routes or o in roa_asns]
        cands.sort(key=lambda o: (-len(announced[o]), o))
        chosen = cands
    out = {}
    for o in chosen:
        nets = announced.get(o, set())
        n = len(nets)
        cov = sum(1 for x in nets if irr_covered(x, o))
        states = [rov(x, o) for x in nets]
        v = states.count("valid")
        i = states.count("invalid")
        m7irr = 100.0 * cov / n if n else 100.0
        m7rpki = max(0.0, min(100.0, 100.0 * (v / n - 10 * i / n))) if n else 100.0
        out[str(o)] = {"routes": n, "irr_covered": cov, "valid": v, "invalid": i,
                       "not_found": n - v - i, "m7irr": m7irr, "m7rpki": m7rpki}
    if not a.asn:
        def interesting(r):
            return (0 < r["m7irr"] < 100) + (0 < r["m7rpki"] < 100) + (r["invalid"] > 0)
        keys = sorted(out, key=lambda k: (-interesting(out[k]), -out[k]["routes"], int(k)))
        out = {k: out[k] for k in keys[:a.top]}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
