#!/usr/bin/env python3
"""Writes the hostile VRP inputs of tests/hostile/vrp/ (STYLE.md T3).

Each case is small and hand-made: a few good entries around one kind of damage, in one of the
formats rpki::read_vrps detects (JSON, CSV, ROA list, BIRD, OpenBGPD) or in none.
src/manrs/rpki/reader_hostile_test.cpp reads every case with read_vrps, asserts that nothing
crashes and that every error names its source, and compares the transcript (format, counts,
surviving entries, problems, the error, and the strict-mode outcome) with <case>.expected
(rewrite those with MANRS_UPDATE_GOLDEN=1 after a deliberate change, then review the diff).

Run from anywhere: python3 tests/hostile/vrp/make_cases.py
"""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = '{ "asn": 65001, "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "t" }'


def write(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def json_roas(*entries):
    return '{\n"roas": [\n' + ',\n'.join(entries) + '\n]\n}\n'


# ----- JSON: broken structure ---------------------------------------------------------------

write('json_truncated.json', '{\n"roas": [\n' + GOOD + ',\n{ "asn": 65002, "pre')
write('json_unclosed_string.json', '{\n"roas": [\n' + GOOD + ',\n{ "asn": "65002 }\n]\n}\n')
write('json_trailing_garbage.json', json_roas(GOOD) + '{"roas": []}\n')
write('json_top_level_array.json', '[' + GOOD + ']\n')
write('json_roas_not_array.json', '{\n"metadata": {},\n"roas": {"0": ' + GOOD + '}\n}\n')
write('json_invalid_utf8.json', json_roas(
    GOOD, '{ "asn": 1, "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "@" }').encode()
      .replace(b'@', b'\xff'))
write('json_missing_comma.json', '{\n"roas": [\n' + GOOD + '\n' + GOOD + '\n]\n}\n')
write('json_nul_byte.json', b'{\n"roas": [\n' + GOOD.encode() + b',\n\x00\n]\n}\n')
write('json_bom_crlf.json', b'\xef\xbb\xbf' + json_roas(GOOD).replace('\n', '\r\n').encode())

# Nesting: 20000 levels inside an unknown member (skipped without recursion) and inside a
# ROA entry; simdjson's depth limit (1024) applies where it checks.
deep = '[' * 20000 + ']' * 20000
write('json_deep_nesting_unknown.json', '{\n"junk": ' + deep + ',\n"roas": [\n' + GOOD + '\n]\n}\n')
write('json_deep_nesting_entry.json',
      '{\n"roas": [\n{ "asn": 1, "prefix": "192.0.2.0/24", "maxLength": 24, "x": ' + deep +
      ' },\n' + GOOD + '\n]\n}\n')
write('json_deep_nesting_unclosed.json', '{\n"junk": ' + '[' * 20000 + '\n}\n')

# ----- JSON: bad entries (skipped, reported with line and path) ------------------------------

write('json_bad_values.json', json_roas(
    GOOD,
    '{ "asn": 1e400, "prefix": "192.0.2.0/24", "maxLength": 24 }',
    '{ "asn": 18446744073709551616, "prefix": "192.0.2.0/24", "maxLength": 24 }',
    '{ "asn": 4294967296, "prefix": "192.0.2.0/24", "maxLength": 24 }',
    '{ "asn": -1, "prefix": "192.0.2.0/24", "maxLength": 24 }',
    '{ "asn": null, "prefix": "192.0.2.0/24", "maxLength": 24 }',
    '{ "asn": true, "prefix": "192.0.2.0/24", "maxLength": 24 }',
    '{ "asn": "AS65001", "prefix": "192.0.2.0/24", "maxLength": 99999999999999999999 }',
    '{ "asn": "AS65001", "prefix": "192.0.2.0/24", "maxLength": "24x" }',
    '{ "asn": "AS65001", "prefix": "192.0.2.0/24", "maxLength": 24, "ta": 5 }',
    '{ "asn": "AS65001", "prefix": "192.0.2.0/24", "maxLength": 24, "expires": "never" }',
    '{ "asn": "AS65001", "prefix": "bad\\x", "maxLength": 24 }',
    '{ "asn": "AS65001", "prefix": "192.0.2.0/24/24", "maxLength": 24 }',
    '{ "asn": "AS65001", "prefix": "::ffff:192.0.2.0/96", "maxLength": 129 }',
    '{ "asn": "AS65001", "prefix": "2001:db8::1/32", "maxLength": 64 }',
    '{ "asn": "AS65001", "prefix": "' + 'A' * 5000 + '", "maxLength": 24 }',
    '"just a string"',
    'null',
    '{ }',
))
write('json_duplicate_members.json', json_roas(
    '{ "asn": 1, "asn": 2, "prefix": "192.0.2.0/24", "prefix": "198.51.100.0/24", "maxLength": 24 }'))
write('json_count_lies.json',
      '{\n"metadata": { "vrps": 18446744073709551615, "uniquevrps": -1, "buildtime": "99999-01-01T00:00:00Z",'
      ' "generated": 1e308 },\n"roas": [\n' + GOOD + '\n]\n}\n')
write('json_bad_router_keys.json',
      '{\n"bgpsec_keys": [\n'
      '{ "asn": 1, "ski": "5d4250e2d81d4448d8a29efce91d29ff075ec9e2", "pubkey": "AAEC" },\n'
      '{ "asn": 1, "ski": "5d4250e2d81d4448d8a29efce91d29ff075ec9e", "pubkey": "AAEC" },\n'
      '{ "asn": 1, "ski": "zz4250e2d81d4448d8a29efce91d29ff075ec9e2", "pubkey": "AAEC" },\n'
      '{ "asn": 1, "ski": "5d4250e2d81d4448d8a29efce91d29ff075ec9e2", "pubkey": "A" },\n'
      '{ "asn": 1, "ski": "5d4250e2d81d4448d8a29efce91d29ff075ec9e2", "pubkey": "" },\n'
      '{ "asn": 1, "ski": "5d4250e2d81d4448d8a29efce91d29ff075ec9e2" },\n'
      '{ "ski": "5d4250e2d81d4448d8a29efce91d29ff075ec9e2", "pubkey": "AAEC" }\n'
      ']\n}\n')
write('json_aspa_provider_flood.json',
      '{\n"aspas": [\n{ "customer_asid": 1, "providers": [' + ', '.join(str(i) for i in range(10001)) +
      '] },\n{ "customer_asid": 2, "providers": [3] }\n]\n}\n')
write('json_aspa_bad_shapes.json',
      '{\n"provider_authorizations": {\n"ipv4": [\n'
      '{ "customer_asid": 1, "providers": 2 },\n'
      '{ "customer_asid": 1, "providers": [2, null] },\n'
      '{ "customer_asid": "AS1.2.3", "providers": [2] },\n'
      '{ "customer_asid": 1, "providers": [2] }\n'
      '],\n"ipv6": 7\n}\n}\n')

# ----- CSV -----------------------------------------------------------------------------------

write('csv_no_header.csv', 'AS1,192.0.2.0/24,24,ta,0\n')
write('csv_bad_rows.csv',
      'ASN,IP Prefix,Max Length,Trust Anchor,Expires\n'
      'AS65001,192.0.2.0/24,24,t,0\n'
      'AS65001,"192.0.2.0/24,24,t,0\n'
      'AS65001\n'
      ',192.0.2.0/24,24,t,0\n'
      'AS65001,192.0.2.0/24,,t,0\n'
      'AS65001,192.0.2.0/24,24,t,-5\n'
      'AS65001,192.0.2.0/24,24,t,1,extra,columns,are,fine\n'
      '"AS65001"x,192.0.2.0/24,24,t,0\n'
      + 'AS65001,' + '1' * 5000 + ',24,t,0\n')

# ----- ROA lists -----------------------------------------------------------------------------

write('roalist_bad_lines.txt',
      '2017-01-01T00:28:08Z 15830 91.208.152.0/24\n'
      '2017-01-01T00:28:08Z 15830\n'
      '2017-02-30T00:28:08Z 15830 91.208.152.0/24 91.208.153.0/24\n'
      '2017-01-01T00:28:08Z 4294967296 91.208.152.0/24\n'
      '2017-01-01T00:28:08Z 15830 91.208.152.0/24-99999999999999999999 91.208.152.0/24-\n'
      '2017-01-01T00:28:08Z 15830 91.208.152.0/24--24 -24 /24\n'
      '192.0.2.0/24 24 65001 extra\n'
      '192.0.2.0, 24, 24, 65001, 7\n'
      '192.0.2.0, 99, 24, 65001\n')

# ----- BIRD ----------------------------------------------------------------------------------

write('bird_unbalanced.conf', 'protocol static {\n\troute 1.0.0.0/24 max 24 as 13335;\n}\n}\n')
write('bird_unclosed_comment.conf', 'route 1.0.0.0/24 max 24 as 13335;\n/* comment\nroute 1.0.4.0/22 max 24 as 38803;\n')
write('bird_deep_braces.conf', 'route 1.0.0.0/24 max 24 as 13335;\n' + '{' * 100 + '\n' + '}' * 100 + '\n')
write('bird_bad_routes.conf',
      'roa table ROAS {\n'
      '\troa 1.0.0.0/24 max 24 as 13335;\n'
      '\troa 1.0.0.0/24 max 24 as 13335 as 1;\n'
      '\troa 1.0.0.0/24 max x as 13335;\n'
      '\troa 1.0.0.0/24 max 24 as x;\n'
      '\troa 1.0.0.1/24 max 24 as 1;\n'
      '\troa ' + 'x ' * 2000 + ';\n'
      '\troa 1.0.0.0/24 max 24 as 13335\n'
      '}\n')

# ----- OpenBGPD ------------------------------------------------------------------------------

write('openbgpd_unclosed_set.conf', 'roa-set {\n\t1.0.0.0/24 source-as 13335\n\naspa-set {\n')
write('openbgpd_unclosed_providers.conf',
      'roa-set {\n\t1.0.0.0/24 source-as 13335\n}\naspa-set {\n\tcustomer-as 1 provider-as { 2, 3\n')
write('openbgpd_bad_entries.conf',
      '# a comment\n'
      'roa-set {\n'
      '\t1.0.0.0/24 source-as 13335 expires 1630592339\n'
      '\t1.0.0.0/24 maxlen 24 maxlen 24 source-as 1\n'
      '\t1.0.0.0/24 source-as 1 expires 1 extra 2\n'
      '\t1.0.0.0/24 source-as\n'
      '\tsource-as 1\n'
      '}\n'
      'aspa-set {\n'
      '\tcustomer-as 15562 provider-as { 2914, 8283 }\n'
      '\tcustomer-as 1 provider-as { 2 allow ipx, 3 }\n'
      '\tcustomer-as 1 provider-as { 2 } { 3 }\n'
      '\tcustomer-as 1 expires provider-as { 2 }\n'
      '\tcustomer-as 1 frobnicate 3 provider-as { 2 }\n'
      '\tcustomer-as 1 provider-as 2\n'
      '}\n')
write('openbgpd_unknown_statements.conf',
      'origin-set "x" {\n\t192.0.2.0/24 source-as 1\n}\n'
      'set { a b }\n'
      'roa-set "named" {\n\t1.0.0.0/24 source-as 13335, 1.0.4.0/22 maxlen 24 source-as 38803\n}\n'
      'aspa-set {\n}\n')

# ----- no format / compression ---------------------------------------------------------------

write('empty.txt', '')
write('binary_garbage.bin', bytes((i * 73 + 41) % 256 for i in range(512)))
whole = gzip.compress(json_roas(GOOD, GOOD).encode(), mtime=0)
write('gzip_truncated.json.gz', whole[:len(whole) - 12])
