#!/usr/bin/env python3
"""RTR version 2 client (draft-ietf-sidrops-8210bis) written from the draft's text, standard
library only: it checks that a cache serves exactly the expected VRPs, ASPAs and router keys
over v2, before and after an update fetched by Serial Query.

ASPA PDU (type 11) as the current draft has it (no AFI, no provider count):
    byte 0 version = 2 | byte 1 type = 11 | byte 2 flags (bit 0: 1 announce, 0 withdraw) |
    byte 3 zero | bytes 4-7 length = 12 + 4n | customer ASN (4) | n x provider ASN (4)
  an announce carries >= 1 provider in strictly increasing order (no AS0 among several); a
  withdraw carries none (length 12). StayRTR 0.5.1 speaks an older layout (zero, flags, AFI,
  count): this decoder rejects it, which is why --self-test checks the parser on hand-made bytes.

Usage:
  rtr_v2.py --self-test
  rtr_v2.py HOST PORT --expect A.json [--replace B.json --target SERVED.json] [--timeout S]
    1. Reset Query v2, read until End of Data, compare with A.json (rpki-client JSON: "roas",
       "aspas" or StayRTR's per-family "provider_authorizations" merged into one provider set per
       customer, "bgpsec_keys").
    2. With --replace: copy B.json over SERVED.json atomically (temp + rename), wait for Serial
       Notify (or poll every 2 s), send Serial Query, apply the delta, compare with B.json; a
       Cache Reset answer is followed by a Reset Query (reported).
Exit 0 = equal, 1 = different or protocol error.
"""
import base64
import ipaddress
import json
import os
import shutil
import socket
import struct
import sys
import time

VERSION = 2
T_NOTIFY, T_SERIAL_QUERY, T_RESET_QUERY, T_CACHE_RESPONSE = 0, 1, 2, 3
T_IPV4, T_IPV6, T_EOD, T_CACHE_RESET, T_ROUTER_KEY, T_ERROR, T_ASPA = 4, 6, 7, 8, 9, 10, 11
MAX_PDU = 1 << 20


class ProtocolError(Exception):
    pass


def header(t, field, length):
    return struct.pack(">BBHI", VERSION, t, field, length)


def reset_query():
    return header(T_RESET_QUERY, 0, 8)


def serial_query(session, serial):
    return header(T_SERIAL_QUERY, session, 12) + struct.pack(">I", serial)


def decode_pdu(b):
    """One complete PDU (bytes) -> dict. Raises ProtocolError on anything the draft forbids."""
    ver, t, field, length = struct.unpack(">BBHI", b[:8])
    if length != len(b):
        raise ProtocolError("length mismatch")
    if t == T_ERROR:
        code = field
        if length < 16:
            raise ProtocolError("short Error Report")
        elen = struct.unpack(">I", b[8:12])[0]
        if 12 + elen + 4 > length:
            raise ProtocolError("bad Error Report")
        tlen = struct.unpack(">I", b[12 + elen:16 + elen])[0]
        text = b[16 + elen:16 + elen + tlen].decode("utf-8", "replace")
        raise ProtocolError(f"Error Report code {code} (v{ver}): {text}")
    if ver != VERSION:
        raise ProtocolError(f"PDU type {t} in version {ver}, expected {VERSION}")
    p = {"type": t}
    if t in (T_NOTIFY, T_CACHE_RESPONSE, T_EOD):
        p["session"] = field
    if t == T_NOTIFY:
        if length != 12:
            raise ProtocolError("Serial Notify length")
        p["serial"] = struct.unpack(">I", b[8:12])[0]
    elif t in (T_CACHE_RESPONSE, T_CACHE_RESET):
        if length != 8:
            raise ProtocolError("length of type %d" % t)
        if t == T_CACHE_RESET and field != 0:
            raise ProtocolError("Cache Reset zero field")
    elif t in (T_IPV4, T_IPV6):
        want = 20 if t == T_IPV4 else 32
        if length != want or field != 0:
            raise ProtocolError("prefix PDU length/zero")
        flags, plen, mlen, zero = b[8], b[9], b[10], b[11]
        alen = 4 if t == T_IPV4 else 16
        addr = b[12:12 + alen]
        asn = struct.unpack(">I", b[12 + alen:16 + alen])[0]
        bits = alen * 8
        if flags & ~1 or zero or not plen <= mlen <= bits:
            raise ProtocolError(f"corrupt prefix PDU flags={flags} len={plen} max={mlen}")
        net = ipaddress.ip_network((addr, plen), strict=False)
        if net.network_address.packed != addr:
            raise ProtocolError(f"host bits set in {ipaddress.ip_address(addr)}/{plen}")
        p.update(announce=bool(flags & 1), vrp=(str(net), mlen, asn))
    elif t == T_EOD:
        if length != 24:
            raise ProtocolError("End of Data length (v1/v2: 24)")
        p["serial"], p["refresh"], p["retry"], p["expire"] = struct.unpack(">IIII", b[8:24])
    elif t == T_ROUTER_KEY:
        flags, zero = field >> 8, field & 0xFF
        if length < 32 or flags & ~1 or zero:
            raise ProtocolError("corrupt Router Key PDU")
        ski = b[8:28].hex()
        asn = struct.unpack(">I", b[28:32])[0]
        p.update(announce=bool(flags & 1), key=(ski, asn, b[32:].hex()))
    elif t == T_ASPA:
        flags, zero = field >> 8, field & 0xFF
        if flags & ~1 or zero:
            raise ProtocolError(f"ASPA flags/zero byte {flags}/{zero}")
        if length < 12 or (length - 12) % 4:
            raise ProtocolError("ASPA length not 12 + 4n")
        customer = struct.unpack(">I", b[8:12])[0]
        provs = list(struct.unpack(">%dI" % ((length - 12) // 4), b[12:]))
        if flags & 1:
            if not provs:
                raise ProtocolError("ASPA announce without providers")
            if any(a >= b2 for a, b2 in zip(provs, provs[1:])):
                raise ProtocolError("ASPA providers not strictly increasing")
            if len(provs) > 1 and 0 in provs:
                raise ProtocolError("AS0 among several providers")
        elif provs:
            raise ProtocolError("ASPA withdraw with providers")
        p.update(announce=bool(flags & 1), customer=customer, providers=tuple(provs))
    else:
        raise ProtocolError(f"unexpected PDU type {t}")
    return p


class Stream:
    """Reassembles PDUs from arbitrary chunks."""

    def __init__(self):
        self.buf = b""

    def feed(self, data):
        self.buf += data
        out = []
        while len(self.buf) >= 8:
            length = struct.unpack(">I", self.buf[4:8])[0]
            if length < 8 or length > MAX_PDU:
                raise ProtocolError(f"PDU length {length}")
            if len(self.buf) < length:
                break
            out.append(decode_pdu(self.buf[:length]))
            self.buf = self.buf[length:]
        return out


class State:
    """The client's table: VRPs, ASPAs (customer -> providers), router keys."""

    def __init__(self):
        self.vrps, self.aspas, self.keys = set(), {}, set()
        self.session = self.serial = None

    def apply(self, p, full):
        t = p["type"]
        if t in (T_IPV4, T_IPV6):
            if p["announce"]:
                if p["vrp"] in self.vrps:
                    raise ProtocolError(f"duplicate announcement {p['vrp']}")
                self.vrps.add(p["vrp"])
            else:
                if full or p["vrp"] not in self.vrps:
                    raise ProtocolError(f"withdrawal of unknown {p['vrp']}")
                self.vrps.discard(p["vrp"])
        elif t == T_ASPA:
            if p["announce"]:
                if full and p["customer"] in self.aspas:
                    raise ProtocolError(f"duplicate ASPA for AS{p['customer']}")
                self.aspas[p["customer"]] = p["providers"]  # replaces, never merges
            else:
                if full or p["customer"] not in self.aspas:
                    raise ProtocolError(f"withdrawal of unknown ASPA AS{p['customer']}")
                del self.aspas[p["customer"]]
        elif t == T_ROUTER_KEY:
            if p["announce"]:
                self.keys.add(p["key"])
            else:
                if p["key"] not in self.keys:
                    raise ProtocolError("withdrawal of unknown router key")
                self.keys.discard(p["key"])


def sync(sock, stream, state, query, full, pending):
    """Send query, read Cache Response ... End of Data into state. Returns 'ok' or 'reset'."""
    sock.sendall(query)
    started = False
    counts = {}
    while True:
        while not pending:
            data = sock.recv(1 << 16)
            if not data:
                raise ProtocolError("connection closed during sync")
            pending.extend(stream.feed(data))
        p = pending.pop(0)
        t = p["type"]
        counts[t] = counts.get(t, 0) + 1
        if t == T_NOTIFY:
            continue
        if t == T_CACHE_RESET:
            if started:
                raise ProtocolError("Cache Reset inside a response")
            return "reset", counts
        if t == T_CACHE_RESPONSE:
            if started:
                raise ProtocolError("second Cache Response")
            if not full and p["session"] != state.session:
                raise ProtocolError("session id changed")
            started = True
            state.session = p["session"]
            continue
        if not started:
            raise ProtocolError(f"PDU type {t} before Cache Response")
        if t == T_EOD:
            if p["session"] != state.session:
                raise ProtocolError("End of Data session id")
            state.serial = p["serial"]
            return "ok", counts
        state.apply(p, full)


def load_expected(path):
    d = json.load(open(path))
    vrps = set()
    for r in d.get("roas") or []:
        asn = r["asn"]
        if isinstance(asn, str):
            asn = asn[2:] if asn.upper().startswith("AS") else asn
        net = ipaddress.ip_network(r["prefix"], strict=False)
        vrps.add((str(net), int(r.get("maxLength", net.prefixlen)), int(asn)))
    aspas = {}
    lists = list(d.get("aspas") or [])
    for fam in (d.get("provider_authorizations") or {}).values():
        lists.extend(fam)
    for a in lists:
        c = int(str(a.get("customer_asid", a.get("customer"))).upper().removeprefix("AS"))
        provs = {int(str(x).upper().removeprefix("AS")) for x in a.get("providers", [])}
        aspas.setdefault(c, set()).update(provs)
    aspas = {c: tuple(sorted(p)) for c, p in aspas.items()}
    keys = set()
    for k in d.get("bgpsec_keys") or []:
        keys.add((k["ski"].lower(), int(k["asn"]), base64.b64decode(k["pubkey"]).hex()))
    return vrps, aspas, keys


def compare(state, path, label):
    vrps, aspas, keys = load_expected(path)
    ok = True
    for name, got, want in (("VRPs", state.vrps, vrps), ("router keys", state.keys, keys)):
        if got != want:
            ok = False
            print(f"FAIL {label}: {name}: {len(got)} held, {len(want)} expected; "
                  f"missing {sorted(want - got)[:3]} extra {sorted(got - want)[:3]}")
    if state.aspas != aspas:
        ok = False
        print(f"FAIL {label}: ASPAs held {state.aspas} expected {aspas}")
    if ok:
        print(f"ok   {label}: {len(vrps)} VRPs, {len(aspas)} ASPAs, {len(keys)} router keys "
              f"(session {state.session}, serial {state.serial})")
    return ok


def run_client(host, port, expect, replace, target, timeout):
    sock = socket.create_connection((host, port), timeout=timeout)
    stream, state, pending = Stream(), State(), []
    res, counts = sync(sock, stream, state, reset_query(), True, pending)
    if res != "ok":
        print("FAIL Cache Reset answered a Reset Query")
        return 1
    ok = compare(state, expect, "v2 Reset Query")
    if not replace:
        return 0 if ok else 1
    tmp = target + ".rtr_v2.tmp"
    shutil.copyfile(replace, tmp)
    os.replace(tmp, target)
    deadline = time.time() + timeout
    sock.settimeout(2)
    notified = False
    while time.time() < deadline and not notified:
        try:
            data = sock.recv(1 << 16)
        except socket.timeout:
            data = None
        if data == b"":
            raise ProtocolError("connection closed while waiting for Serial Notify")
        if data:
            pending.extend(stream.feed(data))
        for p in pending:
            if p["type"] == T_NOTIFY:
                notified = True
        pending[:] = [p for p in pending if p["type"] != T_NOTIFY]
        if not notified:  # poll too (a cache need not notify)
            before = state.serial
            sock.settimeout(timeout)
            res, counts = sync(sock, stream, state, serial_query(state.session, state.serial), False, pending)
            sock.settimeout(2)
            if res == "reset" or state.serial != before:
                break
    else:
        sock.settimeout(timeout)
        res, counts = sync(sock, stream, state, serial_query(state.session, state.serial), False, pending)
    sock.settimeout(timeout)
    how = "delta"
    if res == "reset":
        how = "Cache Reset -> Reset Query"
        state = State()
        res, counts = sync(sock, stream, state, reset_query(), True, pending)
    n = sum(v for k, v in counts.items() if k in (T_IPV4, T_IPV6, T_ASPA, T_ROUTER_KEY))
    print(f"     update fetched by {'Serial Notify + ' if notified else ''}Serial Query: {how}, {n} data PDUs")
    ok = compare(state, replace, "v2 after update") and ok
    sock.close()
    return 0 if ok else 1


# ---- self-test on hand-made bytes -------------------------------------------------------------
def pdu(t, field, body=b"", ver=VERSION):
    return struct.pack(">BBHI", ver, t, field, 8 + len(body)) + body


def v4(flags, p, plen, mlen, asn):
    return pdu(T_IPV4, 0, bytes([flags, plen, mlen, 0]) + ipaddress.IPv4Address(p).packed + struct.pack(">I", asn))


def v6(flags, p, plen, mlen, asn):
    return pdu(T_IPV6, 0, bytes([flags, plen, mlen, 0]) + ipaddress.IPv6Address(p).packed + struct.pack(">I", asn))


def aspa(flags, customer, provs):
    return pdu(T_ASPA, flags << 8, struct.pack(">I", customer) + b"".join(struct.pack(">I", x) for x in provs))


def eod(session, serial):
    return pdu(T_EOD, session, struct.pack(">IIII", serial, 3600, 600, 7200))


def self_test():
    failures = 0

    def expect(name, cond):
        nonlocal failures
        print(("ok   " if cond else "FAIL ") + name)
        failures += 0 if cond else 1

    def raises(name, data):
        try:
            Stream().feed(data)
        except ProtocolError as e:
            expect(f"{name} rejected ({e})", True)
            return
        expect(f"{name} rejected", False)

    # The exact ASPA bytes of the draft layout: announce, customer 65001, providers 65002 65003.
    a = aspa(1, 65001, [65002, 65003])
    expect("ASPA bytes", a.hex() == "020b010000000014" "0000fde9" "0000fdea" "0000fdeb")
    key = bytes(range(20)) + struct.pack(">I", 64496) + b"\x30\x59spki"
    full = (pdu(T_CACHE_RESPONSE, 7) + v4(1, "192.0.2.0", 24, 24, 65001) + v6(1, "2001:db8::", 32, 48, 65001)
            + pdu(T_ROUTER_KEY, 1 << 8, key) + a + aspa(1, 64496, [0]) + eod(7, 42))
    # fed one byte at a time: reassembly must not depend on chunking
    st, pend = Stream(), []
    for i in range(len(full)):
        pend.extend(st.feed(full[i:i + 1]))
    expect("stream of 7 PDUs fed byte by byte", [p["type"] for p in pend] == [3, 4, 6, 9, 11, 11, 7])
    state = State()
    state.session = None
    pend2 = list(pend)

    class FakeSock:
        def __init__(self, chunks):
            self.chunks = list(chunks)
            self.sent = b""

        def sendall(self, b):
            self.sent += b

        def recv(self, n):
            return self.chunks.pop(0) if self.chunks else b""

    fs = FakeSock([full[:13], full[13:50], full[50:]])
    res, _ = sync(fs, Stream(), state, reset_query(), True, [])
    expect("Reset Query bytes 0202000000000008", fs.sent.hex() == "0202000000000008")
    expect("sync result", res == "ok" and state.session == 7 and state.serial == 42)
    expect("VRPs", state.vrps == {("192.0.2.0/24", 24, 65001), ("2001:db8::/32", 48, 65001)})
    expect("ASPAs", state.aspas == {65001: (65002, 65003), 64496: (0,)})
    expect("router key", state.keys == {(bytes(range(20)).hex(), 64496, b"\x30\x59spki".hex())})
    del pend2
    # delta: withdraw a VRP and an ASPA, replace the other ASPA's providers, add a VRP
    delta = (pdu(T_CACHE_RESPONSE, 7) + v4(0, "192.0.2.0", 24, 24, 65001) + v4(1, "198.51.100.0", 22, 24, 65002)
             + aspa(0, 64496, []) + aspa(1, 65001, [65005]) + eod(7, 43))
    fs = FakeSock([delta])
    res, _ = sync(fs, Stream(), state, serial_query(7, 42), False, [])
    expect("Serial Query bytes 020100070000000c0000002a", fs.sent.hex() == "020100070000000c0000002a")
    expect("delta applied", res == "ok" and state.serial == 43
           and state.vrps == {("198.51.100.0/22", 24, 65002), ("2001:db8::/32", 48, 65001)}
           and state.aspas == {65001: (65005,)})
    fs = FakeSock([pdu(T_CACHE_RESET, 0)])
    res, _ = sync(fs, Stream(), state, serial_query(7, 43), False, [])
    expect("Cache Reset answer", res == "reset")
    # what must be refused
    raises("old-draft ASPA layout (flags, AFI, provider count)",
           pdu(T_ASPA, 0, bytes([1, 0]) + struct.pack(">H", 2) + struct.pack(">III", 65001, 65002, 65003)))
    raises("ASPA with byte 3 non-zero", pdu(T_ASPA, (1 << 8) | 1, struct.pack(">II", 65001, 65002)))
    raises("ASPA announce without providers", aspa(1, 65001, []))
    raises("ASPA withdraw with providers", aspa(0, 65001, [65002]))
    raises("ASPA providers out of order", aspa(1, 65001, [65003, 65002]))
    raises("ASPA AS0 among providers", aspa(1, 65001, [0, 65002]))
    raises("ASPA length 12 + 2", pdu(T_ASPA, 1 << 8, struct.pack(">IH", 65001, 1)))
    raises("v1 PDU on a v2 session", pdu(T_IPV4, 0, bytes([1, 24, 24, 0]) + bytes(8), ver=1))
    raises("v0 End of Data (12 bytes) on v2", pdu(T_EOD, 7, struct.pack(">I", 1)))
    raises("prefix length > maxLength", v4(1, "192.0.2.0", 25, 24, 1))
    raises("maxLength > 32", v4(1, "192.0.2.0", 24, 33, 1))
    raises("host bits set", v4(1, "192.0.2.1", 24, 24, 1))
    raises("Error Report", pdu(T_ERROR, 4, struct.pack(">I", 0) + struct.pack(">I", 3) + b"bad", ver=0))
    raises("PDU length 7", struct.pack(">BBHI", 2, 4, 0, 7))
    s = State()
    try:
        s.apply(decode_pdu(v4(1, "192.0.2.0", 24, 24, 1)), True)
        s.apply(decode_pdu(v4(1, "192.0.2.0", 24, 24, 1)), True)
        expect("duplicate announcement rejected", False)
    except ProtocolError:
        expect("duplicate announcement rejected", True)
    # expected-set loader: StayRTR's per-family ASPAs merge into one set per customer
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"roas": [{"prefix": "192.0.2.0/24", "maxLength": 24, "asn": "AS65001"}],
                   "provider_authorizations": {"ipv4": [{"customer_asid": 1, "providers": [3, 2]}],
                                               "ipv6": [{"customer_asid": 1, "providers": [4]}]}}, f)
    v, a2, k = load_expected(f.name)
    os.unlink(f.name)
    expect("expected-set loader", v == {("192.0.2.0/24", 24, 65001)} and a2 == {1: (2, 3, 4)} and not k)
    print(f"self-test: {'all passed' if not failures else f'{failures} failed'}")
    return 1 if failures else 0


def main(argv):
    if "--self-test" in argv:
        return self_test()
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--replace")
    ap.add_argument("--target")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args(argv)
    if a.replace and not a.target:
        ap.error("--replace needs --target")
    try:
        return run_client(a.host, a.port, a.expect, a.replace, a.target, a.timeout)
    except (ProtocolError, OSError) as e:
        print(f"FAIL {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
