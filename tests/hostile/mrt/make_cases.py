#!/usr/bin/env python3
"""Writes the hostile MRT inputs of tests/hostile/mrt/ (STYLE.md T3).

Each <case>.mrt is small and hand-made: a few good records around one kind of damage.
src/manrs/mrt/hostile_test.cpp reads them, asserts the exact behaviour (error code, field,
"file@offset", which good records still come out) and compares the reader's transcript with
<case>.expected (rewrite those with MANRS_UPDATE_GOLDEN=1 after a deliberate change).

Run from anywhere: python3 tests/hostile/mrt/make_cases.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
TS = 1700000000  # 2023-11-14T22:13:20Z

TYPE_TABLE_DUMP = 12
TYPE_TABLE_DUMP_V2 = 13
TYPE_BGP4MP = 16
TYPE_BGP4MP_ET = 17
MESSAGE_AS4 = 4


def u8(v):
    return struct.pack('>B', v)


def u16(v):
    return struct.pack('>H', v)


def u32(v):
    return struct.pack('>I', v)


def ip4(text):
    return bytes(int(x) for x in text.split('.'))


def header(typ, sub, length, ts=TS):
    """An MRT common header (RFC 6396 §2) with any declared length."""
    return u32(ts) + u16(typ) + u16(sub) + u32(length)


def record(typ, sub, body, ts=TS):
    return header(typ, sub, len(body), ts) + body


# --- BGP pieces ---------------------------------------------------------------------------

def attr(flags, typ, value):
    """A path attribute; the extended-length flag is set when needed."""
    if len(value) > 255:
        flags |= 0x10
    if flags & 0x10:
        return u8(flags) + u8(typ) + u16(len(value)) + value
    return u8(flags) + u8(typ) + u8(len(value)) + value


def as_seq(asns, width=4, seg_type=2):
    fmt = '>I' if width == 4 else '>H'
    return u8(seg_type) + u8(len(asns)) + b''.join(struct.pack(fmt, a) for a in asns)


ORIGIN_IGP = attr(0x40, 1, b'\x00')
NEXT_HOP = attr(0x40, 3, ip4('192.0.2.1'))


def as_path(asns, width=4):
    return attr(0x40, 2, as_seq(asns, width))


def std_attrs(width=4):
    return ORIGIN_IGP + as_path([64496, 64497], width) + NEXT_HOP


def prefix4(text, length):
    return u8(length) + ip4(text)[:(length + 7) // 8]


def update(attrs, nlri=b'', withdrawn=b'', attr_len=None):
    alen = len(attrs) if attr_len is None else attr_len
    return u16(len(withdrawn)) + withdrawn + u16(alen) + attrs + nlri


def bgp_message(body, typ=2, marker=b'\xff' * 16):
    return marker + u16(19 + len(body)) + u8(typ) + body


def bgp4mp_as4(message, ts=TS):
    """BGP4MP MESSAGE_AS4 from AS64496 192.0.2.1 to AS64511 192.0.2.254 (RFC 6396 §4.4.3)."""
    body = u32(64496) + u32(64511) + u16(0) + u16(1) + ip4('192.0.2.1') + ip4('192.0.2.254')
    return record(TYPE_BGP4MP, MESSAGE_AS4, body + message, ts)


def good_update(ts=TS, net='198.51.100.0'):
    return bgp4mp_as4(bgp_message(update(std_attrs(), prefix4(net, 24))), ts)


# --- TABLE_DUMP_V2 pieces -----------------------------------------------------------------

def peer_index_table(peers, count=None):
    """PEER_INDEX_TABLE (RFC 6396 §4.3.1); peers = [(ip4 text, asn)], 4-byte ASNs."""
    body = ip4('192.0.2.254') + u16(0)
    body += u16(len(peers) if count is None else count)
    for ip, asn in peers:
        body += u8(0x02) + ip4(ip) + ip4(ip) + u32(asn)
    return record(TYPE_TABLE_DUMP_V2, 1, body)


def rib_ipv4(seq, net, length, entries):
    """RIB_IPV4_UNICAST (RFC 6396 §4.3.2); entries = [(peer index, attribute bytes)]."""
    body = u32(seq) + prefix4(net, length) + u16(len(entries))
    for index, attrs in entries:
        body += u16(index) + u32(TS - 60) + u16(len(attrs)) + attrs
    return record(TYPE_TABLE_DUMP_V2, 2, body)


def rib_ipv6_raw(seq, plen, pbytes, entries):
    body = u32(seq) + u8(plen) + pbytes + u16(len(entries))
    for index, attrs in entries:
        body += u16(index) + u32(TS - 60) + u16(len(attrs)) + attrs
    return record(TYPE_TABLE_DUMP_V2, 4, body)


PIT = peer_index_table([('192.0.2.1', 64496)])


def table_dump_v1(net, length, attrs):
    """TABLE_DUMP AFI_IPv4 (RFC 6396 §4.2), 2-byte peer AS."""
    body = u16(0) + u16(1) + ip4(net) + u8(length) + u8(1) + u32(TS - 60)
    body += ip4('192.0.2.1') + u16(64496) + u16(len(attrs)) + attrs
    return record(TYPE_TABLE_DUMP, 1, body)


# --- the cases ----------------------------------------------------------------------------

def cases():
    c = {}
    # The input ends inside the first 12-byte header.
    c['truncated_header'] = good_update()[:5]
    # A good record, then a header whose body is cut (declares 100 bytes, 10 follow).
    c['truncated_body'] = good_update() + header(TYPE_BGP4MP, MESSAGE_AS4, 100) + b'\x00' * 10
    # Length field 0xffffffff (4 GiB) in front of a good record: not a plausible header;
    # the reader resynchronises on the good record and allocates nothing for the lie.
    c['length_lie_4gib'] = header(TYPE_BGP4MP, MESSAGE_AS4, 0xFFFFFFFF) + good_update()
    # One byte above limits::kMaxMrtRecordBytes (16 MiB).
    c['length_above_limit'] = (good_update() + header(TYPE_BGP4MP, MESSAGE_AS4, 16 * 1024 * 1024 + 1)
                               + good_update(TS + 1, '203.0.113.0'))
    # An unknown type (99) between good records.
    c['unknown_type'] = (good_update() + record(99, 1, b'\x00' * 8)
                         + good_update(TS + 1, '203.0.113.0'))
    # BGP4MP whose BGP marker has a zero byte; the framing holds, the next record decodes.
    bad_marker = b'\xff' * 3 + b'\x00' + b'\xff' * 12
    c['bgp4mp_bad_marker'] = (bgp4mp_as4(bgp_message(update(std_attrs(), prefix4('198.51.100.0', 24)),
                                                     marker=bad_marker))
                              + good_update(TS + 1, '203.0.113.0'))
    # UPDATE whose total path attribute length (200) runs past the message.
    c['update_attr_length_overrun'] = (
        bgp4mp_as4(bgp_message(update(std_attrs(), prefix4('198.51.100.0', 24), attr_len=200)))
        + good_update(TS + 1, '203.0.113.0'))
    # AS_PATH segment announcing 10 ASNs with room for 2: RFC 7606 §7.2 treat-as-withdraw;
    # bgpdump prints "! Error !".
    bad_seg = u8(2) + u8(10) + u32(64496) + u32(64497)
    c['as_path_segment_overrun'] = bgp4mp_as4(bgp_message(update(
        ORIGIN_IGP + attr(0x40, 2, bad_seg) + NEXT_HOP, prefix4('198.51.100.0', 24))))
    # COMMUNITIES declaring 200 bytes at the end of a 13-byte remainder: RFC 7606 §4.
    overrun = u8(0xC0) + u8(8) + u8(200) + u32(0xFDE80001) * 2
    c['attribute_length_overrun'] = bgp4mp_as4(bgp_message(update(
        std_attrs() + overrun, prefix4('198.51.100.0', 24))))
    # IPv4 NLRI with prefix length 33 (and no ADD-PATH reading either): RFC 7606 §5.3.
    c['nlri_prefix_len_33'] = bgp4mp_as4(bgp_message(update(
        std_attrs(), prefix4('198.51.100.0', 24) + u8(33) + b'\x0a\x00\x00\x00\x00')))
    # MP_REACH_NLRI IPv6 with an NLRI prefix length 129: RFC 7606 §7.11 session reset.
    mp = u16(2) + u8(1) + u8(16) + bytes.fromhex('20010db8000000000000000000000001') + u8(0)
    mp += u8(32) + bytes.fromhex('20010db8') + u8(129) + b'\x20' * 17
    c['mp_reach_prefix_len_129'] = bgp4mp_as4(bgp_message(update(
        ORIGIN_IGP + as_path([64496]) + attr(0x80, 14, mp))))
    # RIB_IPV6_UNICAST whose prefix length is 129, then a good IPv4 RIB record.
    c['rib_prefix_len_129'] = (PIT + rib_ipv6_raw(0, 129, b'\x20' * 17, [(0, std_attrs())])
                               + rib_ipv4(1, '198.51.100.0', 24, [(0, std_attrs())]))
    # RIB entry naming peer 5 of a 1-peer table, then a good RIB record.
    c['peer_index_out_of_range'] = (PIT + rib_ipv4(0, '198.51.100.0', 24, [(5, std_attrs())])
                                    + rib_ipv4(1, '203.0.113.0', 24, [(0, std_attrs())]))
    # RIB record whose entry count (65535) is far more than its body holds (one entry): refused
    # before the entry pool is sized; the next RIB record decodes.
    lie = rib_ipv4(0, '198.51.100.0', 24, [(0, std_attrs())])
    lie = lie[:12 + 8] + u16(65535) + lie[12 + 8 + 2:]
    c['rib_entry_count_lie'] = PIT + lie + rib_ipv4(1, '203.0.113.0', 24, [(0, std_attrs())])
    # RIB record before any PEER_INDEX_TABLE.
    c['rib_before_peer_index'] = (rib_ipv4(0, '198.51.100.0', 24, [(0, std_attrs())]) + PIT
                                  + rib_ipv4(1, '203.0.113.0', 24, [(0, std_attrs())]))
    # PEER_INDEX_TABLE claiming 65535 peers in a 20-byte body; it must not be installed, so
    # the RIB record after it has no table.
    lie = record(TYPE_TABLE_DUMP_V2, 1, ip4('192.0.2.254') + u16(0) + u16(65535) + b'\x00' * 12)
    c['peer_count_lie'] = lie + rib_ipv4(0, '198.51.100.0', 24, [(0, std_attrs())])
    # MP_REACH_NLRI whose next-hop length (200) runs past the attribute: RFC 7606 §7.11.
    mp = u16(2) + u8(1) + u8(200) + bytes.fromhex('20010db8000000000000000000000001') + u8(0)
    c['mp_reach_next_hop_length_lie'] = bgp4mp_as4(bgp_message(update(
        ORIGIN_IGP + as_path([64496]) + attr(0x80, 14, mp))))
    # 10,000 4-byte ASNs (40 segments of 250): decoded whole; bgpdump cuts the text at ~7900
    # characters with "...".
    segs = b''.join(as_seq([4200000000 + i * 250 + j for j in range(250)]) for i in range(40))
    big = ORIGIN_IGP + attr(0x40, 2, segs) + NEXT_HOP
    c['huge_as_path'] = PIT + rib_ipv4(0, '198.51.100.0', 24, [(0, big)])
    # 32,385 2-byte ASNs in a TABLE_DUMP entry: above limits::kMaxAsPathAsns (16384), so the
    # AS_PATH is refused (treat-as-withdraw, "! Error !") instead of growing without bound.
    segs = b''.join(as_seq([1000 + (i * 255 + j) % 60000 for j in range(255)], 2) for i in range(127))
    deep = ORIGIN_IGP + attr(0x40, 2, segs) + NEXT_HOP
    c['as_path_over_limit'] = table_dump_v1('198.51.100.0', 24, deep)
    # A 0-length BGP4MP record between good records: its body is too short, the framing holds.
    c['zero_length_record'] = (good_update() + header(TYPE_BGP4MP, MESSAGE_AS4, 0)
                               + good_update(TS + 1, '203.0.113.0'))
    # BGP4MP_ET with length 2 (shorter than its microsecond field).
    c['et_length_below_4'] = header(TYPE_BGP4MP_ET, MESSAGE_AS4, 2) + b'\x00\x00' + good_update()
    # 37 bytes of garbage between two good records: the reader resynchronises on the second.
    c['garbage_between_records'] = (good_update() + b'\xee' * 37
                                    + good_update(TS + 1, '203.0.113.0'))
    return c


def main():
    for name, data in sorted(cases().items()):
        with open(os.path.join(HERE, name + '.mrt'), 'wb') as f:
            f.write(data)
        print('%-30s %6d bytes' % (name + '.mrt', len(data)))


if __name__ == '__main__':
    main()
