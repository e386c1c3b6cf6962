#!/usr/bin/env python3
"""Normalize an RTR client's dump of its VRP table to sorted "prefix/len maxlen asn" lines.

Usage: rtr_norm.py FORMAT < dump > lines
  plain    `manrs vrp convert --to plain` ("prefix/len maxlen asn"; the expected set)
  csv      `rtrclient -e -t csv` ("192.0.2.0, 24, 24, 65001")
  bird     `birdc show route table r4|r6` ("192.0.2.0/24-24 AS65001 [rpki1 ...] * (100)")
  frr      `vtysh -c 'show rpki prefix-table'` ("192.0.2.0   24 -  24   65001")
  gobgp    `gobgp rpki table [-a ipv6]` ("192.0.2.0/24   24   65001   127.0.0.1:8323")
  rtrdump  `rtrdump -file F` JSON ({"roas":[{"prefix":..,"maxLength":..,"asn":..}]})
Prefixes go through ipaddress (canonical text), ASNs become plain integers; duplicates are
kept (a client holding a VRP twice is an error the diff must show).
"""
import ipaddress
import json
import re
import sys

fmt = sys.argv[1]
out = []


def add(prefix, length, maxlen, asn):
    net = ipaddress.ip_network(f"{prefix}/{length}", strict=False)
    asn = str(asn)
    if asn.upper().startswith("AS"):
        asn = asn[2:]
    out.append(f"{net} {int(maxlen)} {int(asn)}")


text = sys.stdin.read()
if fmt == "rtrdump":
    for r in json.loads(text).get("roas") or []:
        p, l = r["prefix"].split("/")
        add(p, l, r["maxLength"], r["asn"])
else:
    pats = {
        "plain": r"^(\S+)/(\d+)\s+(\d+)\s+(\d+)\s*$",
        "csv": r"^([0-9a-fA-F:.]+),\s*(\d+),\s*(\d+),\s*(\d+)\s*$",
        "bird": r"^(\S+)/(\d+)-(\d+)\s+AS(\d+)\b",
        "frr": r"^([0-9a-fA-F:.]+)\s+(\d+)\s+-\s+(\d+)\s+(\d+)\s*$",
        "gobgp": r"^(\S+)/(\d+)\s+(\d+)\s+(\d+)\s",
    }
    rx = re.compile(pats[fmt])
    for line in text.splitlines():
        m = rx.match(line.strip() if fmt != "bird" else line)
        if m:
            add(*m.groups())
out.sort()
sys.stdout.write("".join(x + "\n" for x in out))
