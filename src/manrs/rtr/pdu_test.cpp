// rtr/pdu_test.cpp — tests of the RTR PDU codec (rtr/pdu.h): every PDU type in every version it
// exists in, byte for byte against layouts written out by hand from RFC 6810 §5, RFC 8210 §5
// and 8210bis (ASPA without the old AFI/count fields); every error branch of decode with its
// RTR error code; frame(); the Error Report cut; check_timers; and a seeded property test
// (random valid PDUs round-trip; random mutations decode or fail with a message, under ASan).
#include "manrs/rtr/pdu.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::rtr {
namespace {

using Bytes = std::vector<std::uint8_t>;

// "0104 0000" -> bytes; spaces ignored.
Bytes hex(std::string_view s) {
  Bytes out;
  int hi = -1;
  for (char c : s) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (v < 0) continue;
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
      hi = -1;
    }
  }
  return out;
}

net::Prefix pfx(std::string_view text) {
  auto p = net::Prefix::parse(text);
  EXPECT_TRUE(p.has_value()) << text;
  return p ? *p : net::Prefix{};
}

Pdu decode_ok(const Bytes& b) {
  Pdu p;
  PduError e;
  EXPECT_TRUE(decode(b, p, e)) << e.message;
  return p;
}

// Decodes `b`, expecting failure with `code`; returns the message.
std::string decode_fail(const Bytes& b, ErrorCode code) {
  Pdu p;
  PduError e;
  EXPECT_FALSE(decode(b, p, e));
  EXPECT_EQ(e.code, code) << e.message << " (want " << to_string(code) << ")";
  EXPECT_FALSE(e.message.empty());
  return e.message;
}

std::array<std::uint8_t, 20> test_ski() {
  std::array<std::uint8_t, 20> ski{};
  for (std::size_t i = 0; i < ski.size(); ++i) ski[i] = static_cast<std::uint8_t>(i + 1);
  return ski;
}

// Re-encodes a decoded PDU with the encoder of its type.
Bytes reencode(const Pdu& p) {
  Bytes out;
  switch (p.type) {
    case PduType::kSerialNotify:
      encode_serial_notify(out, p.version, p.session_id, p.serial);
      break;
    case PduType::kSerialQuery:
      encode_serial_query(out, p.version, p.session_id, p.serial);
      break;
    case PduType::kResetQuery:
      encode_reset_query(out, p.version);
      break;
    case PduType::kCacheResponse:
      encode_cache_response(out, p.version, p.session_id);
      break;
    case PduType::kIpv4Prefix:
    case PduType::kIpv6Prefix:
      encode_prefix(out, p.version, p.announce, p.prefix, p.max_length, p.asn);
      break;
    case PduType::kEndOfData:
      encode_end_of_data(out, p.version, p.session_id, p.serial, p.timers.value_or(Timers{}));
      break;
    case PduType::kCacheReset:
      encode_cache_reset(out, p.version);
      break;
    case PduType::kRouterKey:
      encode_router_key(out, p.version, p.announce, p.ski, p.asn, p.spki);
      break;
    case PduType::kErrorReport:
      encode_error_report(out, p.version, p.error_code, p.encapsulated, p.error_text);
      break;
    case PduType::kAspa:
      encode_aspa(out, p.version, p.announce, p.asn, p.providers);
      break;
  }
  return out;
}

void expect_same(const Pdu& a, const Pdu& b) {
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.session_id, b.session_id);
  EXPECT_EQ(a.serial, b.serial);
  EXPECT_EQ(a.announce, b.announce);
  EXPECT_EQ(a.prefix, b.prefix);
  EXPECT_EQ(a.max_length, b.max_length);
  EXPECT_EQ(a.asn, b.asn);
  EXPECT_EQ(a.providers, b.providers);
  EXPECT_EQ(a.ski, b.ski);
  EXPECT_EQ(a.spki, b.spki);
  EXPECT_EQ(a.timers.has_value(), b.timers.has_value());
  if (a.timers && b.timers) {
    EXPECT_EQ(a.timers->refresh, b.timers->refresh);
    EXPECT_EQ(a.timers->retry, b.timers->retry);
    EXPECT_EQ(a.timers->expire, b.timers->expire);
  }
  EXPECT_EQ(a.error_code, b.error_code);
  EXPECT_EQ(a.encapsulated, b.encapsulated);
  EXPECT_EQ(a.error_text, b.error_text);
}

// The encoder produced `want`, and `want` decodes and re-encodes to itself.
Pdu expect_wire(const Bytes& encoded, std::string_view want_hex) {
  const Bytes want = hex(want_hex);
  EXPECT_EQ(encoded, want);
  const Pdu p = decode_ok(want);
  EXPECT_EQ(reencode(p), want);
  return p;
}

// --- byte layouts, every type in every version ---------------------------------------------

TEST(RtrPduWire, SerialNotifyAllVersions) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_serial_notify(b, v, 0x1234, 0xdeadbeef);
    const std::string want = "0" + std::to_string(v) + "00 1234 0000000c deadbeef";
    const Pdu p = expect_wire(b, want);
    EXPECT_EQ(p.version, v);
    EXPECT_EQ(p.type, PduType::kSerialNotify);
    EXPECT_EQ(p.session_id, 0x1234);
    EXPECT_EQ(p.serial, 0xdeadbeefU);
  }
}

TEST(RtrPduWire, SerialQueryAllVersions) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_serial_query(b, v, 7, 42);
    const Pdu p = expect_wire(b, "0" + std::to_string(v) + "01 0007 0000000c 0000002a");
    EXPECT_EQ(p.type, PduType::kSerialQuery);
    EXPECT_EQ(p.session_id, 7);
    EXPECT_EQ(p.serial, 42U);
  }
}

TEST(RtrPduWire, ResetQueryAllVersions) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_reset_query(b, v);
    const Pdu p = expect_wire(b, "0" + std::to_string(v) + "02 0000 00000008");
    EXPECT_EQ(p.type, PduType::kResetQuery);
  }
  // What RTRlib 0.8.0 sends first (oracles.md §3.3).
  EXPECT_EQ(decode_ok(hex("0102000000000008")).version, 1);
}

TEST(RtrPduWire, CacheResponseAllVersions) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_cache_response(b, v, 0xabcd);
    const Pdu p = expect_wire(b, "0" + std::to_string(v) + "03 abcd 00000008");
    EXPECT_EQ(p.type, PduType::kCacheResponse);
    EXPECT_EQ(p.session_id, 0xabcd);
  }
}

TEST(RtrPduWire, Ipv4PrefixAllVersions) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_prefix(b, v, true, pfx("192.0.2.0/24"), 24, 65001);
    // oracles.md §3.2 (v1): announce 192.0.2.0/24-24 AS65001.
    const Pdu p =
        expect_wire(b, "0" + std::to_string(v) + "0400000000001401181800c00002000000fde9");
    EXPECT_EQ(p.type, PduType::kIpv4Prefix);
    EXPECT_TRUE(p.announce);
    EXPECT_EQ(p.prefix, pfx("192.0.2.0/24"));
    EXPECT_EQ(p.max_length, 24);
    EXPECT_EQ(p.asn, 65001U);
  }
  Bytes w;
  encode_prefix(w, 1, false, pfx("10.0.0.0/8"), 32, 0);
  const Pdu p = expect_wire(w, "0104 0000 00000014 00 08 20 00 0a000000 00000000");
  EXPECT_FALSE(p.announce);
  EXPECT_EQ(p.max_length, 32);
}

TEST(RtrPduWire, Ipv6PrefixAllVersions) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_prefix(b, v, true, pfx("2001:db8::/32"), 48, 65002);
    const Pdu p = expect_wire(b, "0" + std::to_string(v) +
                                     "06 0000 00000020 01 20 30 00 "
                                     "20010db8 00000000 00000000 00000000 0000fdea");
    EXPECT_EQ(p.type, PduType::kIpv6Prefix);
    EXPECT_EQ(p.prefix, pfx("2001:db8::/32"));
    EXPECT_EQ(p.max_length, 48);
    EXPECT_EQ(p.asn, 65002U);
  }
  Bytes w;
  encode_prefix(w, 2, false, pfx("2001:db8:1:2::/64"), 128, 4200000000U);
  expect_wire(w, "0206 0000 00000020 00 40 80 00 20010db8 00010002 00000000 00000000 fa56ea00");
}

TEST(RtrPduWire, EndOfDataV0HasNoTimers) {
  Bytes b;
  encode_end_of_data(b, 0, 0x0102, 99, Timers{});
  const Pdu p = expect_wire(b, "0007 0102 0000000c 00000063");
  EXPECT_EQ(p.type, PduType::kEndOfData);
  EXPECT_EQ(p.session_id, 0x0102);
  EXPECT_EQ(p.serial, 99U);
  EXPECT_FALSE(p.timers.has_value());
}

TEST(RtrPduWire, EndOfDataV1V2CarryTimers) {
  for (std::uint8_t v = 1; v <= 2; ++v) {
    Bytes b;
    encode_end_of_data(b, v, 0x0102, 99, Timers{3600, 600, 7200});
    const Pdu p = expect_wire(
        b, "0" + std::to_string(v) + "07 0102 00000018 00000063 00000e10 00000258 00001c20");
    ASSERT_TRUE(p.timers.has_value());
    EXPECT_EQ(p.timers->refresh, 3600U);
    EXPECT_EQ(p.timers->retry, 600U);
    EXPECT_EQ(p.timers->expire, 7200U);
  }
}

TEST(RtrPduWire, CacheResetAllVersions) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_cache_reset(b, v);
    EXPECT_EQ(expect_wire(b, "0" + std::to_string(v) + "08 0000 00000008").type,
              PduType::kCacheReset);
  }
}

TEST(RtrPduWire, RouterKeyV1V2) {
  const Bytes spki = hex("30020500");
  for (std::uint8_t v = 1; v <= 2; ++v) {
    Bytes b;
    encode_router_key(b, v, true, test_ski(), 65001, spki);
    const Pdu p = expect_wire(b, "0" + std::to_string(v) +
                                     "09 0100 00000024 "
                                     "0102030405060708090a0b0c0d0e0f1011121314 0000fde9 30020500");
    EXPECT_EQ(p.type, PduType::kRouterKey);
    EXPECT_TRUE(p.announce);
    EXPECT_EQ(p.ski, test_ski());
    EXPECT_EQ(p.asn, 65001U);
    EXPECT_EQ(p.spki, spki);
  }
  Bytes w;
  encode_router_key(w, 1, false, test_ski(), 65001, spki);
  EXPECT_FALSE(expect_wire(w,
                           "0109 0000 00000024 "
                           "0102030405060708090a0b0c0d0e0f1011121314 0000fde9 30020500")
                   .announce);
}

TEST(RtrPduWire, ErrorReportAllVersions) {
  const Bytes bad = hex("0302000000000008");  // a v3 Reset Query
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Bytes b;
    encode_error_report(b, v, ErrorCode::kUnsupportedVersion, bad, "v3?");
    const Pdu p = expect_wire(
        b, "0" + std::to_string(v) + "0a 0004 0000001b 00000008 0302000000000008 00000003 76333f");
    EXPECT_EQ(p.type, PduType::kErrorReport);
    EXPECT_EQ(p.error_code, ErrorCode::kUnsupportedVersion);
    EXPECT_EQ(p.encapsulated, bad);
    EXPECT_EQ(p.error_text, "v3?");
  }
  Bytes empty;
  encode_error_report(empty, 1, ErrorCode::kNoDataAvailable, {}, "");
  EXPECT_EQ(expect_wire(empty, "010a 0002 00000010 00000000 00000000").error_code,
            ErrorCode::kNoDataAvailable);
}

TEST(RtrPduWire, AspaV2CurrentLayout) {
  // 8210bis: header(flags, zero) + customer + providers; no AFI flag, no provider count.
  Bytes b;
  const std::vector<net::Asn> providers{65002, 65003};
  encode_aspa(b, 2, true, 65001, providers);
  const Pdu p = expect_wire(b, "020b 0100 00000014 0000fde9 0000fdea 0000fdeb");
  EXPECT_EQ(p.type, PduType::kAspa);
  EXPECT_TRUE(p.announce);
  EXPECT_EQ(p.asn, 65001U);
  EXPECT_EQ(p.providers, providers);

  Bytes w;
  encode_aspa(w, 2, false, 65001, {});
  const Pdu q = expect_wire(w, "020b 0000 0000000c 0000fde9");
  EXPECT_FALSE(q.announce);
  EXPECT_TRUE(q.providers.empty());

  Bytes w2;  // a withdraw drops any providers it is given
  encode_aspa(w2, 2, false, 65001, providers);
  EXPECT_EQ(w2, hex("020b 0000 0000000c 0000fde9"));

  Bytes as0;  // AS0 alone is a valid provider list
  const std::vector<net::Asn> zero{0};
  encode_aspa(as0, 2, true, 64496, zero);
  EXPECT_EQ(expect_wire(as0, "020b 0100 00000010 0000fbf0 00000000").providers, zero);
}

TEST(RtrPduWire, EncodersAppend) {
  Bytes b;
  encode_reset_query(b, 1);
  encode_cache_reset(b, 1);
  EXPECT_EQ(b, hex("0102000000000008 0108000000000008"));
}

TEST(RtrPduWire, DecodeResetsReusedPdu) {
  Pdu p;
  PduError e;
  ASSERT_TRUE(decode(hex("020b 0100 00000014 0000fde9 0000fdea 0000fdeb"), p, e));
  ASSERT_EQ(p.providers.size(), 2U);
  ASSERT_TRUE(decode(hex("010a 0001 00000011 00000000 00000001 41"), p, e));
  EXPECT_TRUE(p.providers.empty());
  EXPECT_EQ(p.asn, 0U);
  EXPECT_FALSE(p.announce);
  EXPECT_EQ(p.error_text, "A");
  ASSERT_TRUE(decode(hex("0202000000000008"), p, e));
  EXPECT_TRUE(p.error_text.empty());
  EXPECT_EQ(p.type, PduType::kResetQuery);
  EXPECT_EQ(p.error_code, ErrorCode::kCorruptData);
}

// --- decode errors ----------------------------------------------------------------------------

TEST(RtrPduDecode, HeaderErrors) {
  decode_fail(hex(""), ErrorCode::kCorruptData);
  decode_fail(hex("01020000000000"), ErrorCode::kCorruptData);
  // Declared length differs from the framed bytes.
  decode_fail(hex("0102000000000009 00"), ErrorCode::kCorruptData);
  decode_fail(hex("0102000000000010"), ErrorCode::kCorruptData);
}

TEST(RtrPduDecode, UnsupportedVersion) {
  const auto m = decode_fail(hex("0302000000000008"), ErrorCode::kUnsupportedVersion);
  EXPECT_EQ(m, "Reset Query version: want 0..2, have 3");
  decode_fail(hex("ff02000000000008"), ErrorCode::kUnsupportedVersion);
  decode_fail(hex("03ff000000000008"), ErrorCode::kUnsupportedVersion);
}

TEST(RtrPduDecode, UnsupportedPduType) {
  for (std::uint8_t v = 0; v <= 2; ++v) {
    for (int t : {5, 12, 13, 100, 255}) {
      Bytes b = hex("0000000000000008");
      b[0] = v;
      b[1] = static_cast<std::uint8_t>(t);
      decode_fail(b, ErrorCode::kUnsupportedPduType);
    }
  }
  // Router Key does not exist in v0, ASPA not before v2.
  decode_fail(hex("0009 0100 00000024 0102030405060708090a0b0c0d0e0f1011121314 0000fde9 30020500"),
              ErrorCode::kUnsupportedPduType);
  decode_fail(hex("000b 0100 00000010 0000fde9 0000fdea"), ErrorCode::kUnsupportedPduType);
  decode_fail(hex("010b 0100 00000010 0000fde9 0000fdea"), ErrorCode::kUnsupportedPduType);
}

TEST(RtrPduDecode, FixedLengths) {
  decode_fail(hex("0100 1234 0000000d deadbeef 00"), ErrorCode::kCorruptData);
  decode_fail(hex("0101 1234 00000008"), ErrorCode::kCorruptData);
  decode_fail(hex("0102 0000 0000000c 00000000"), ErrorCode::kCorruptData);
  decode_fail(hex("0103 0001 0000000c 00000000"), ErrorCode::kCorruptData);
  decode_fail(hex("0108 0000 0000000c 00000000"), ErrorCode::kCorruptData);
  const auto m =
      decode_fail(hex("010400000000001501181800c00002000000fde9 00"), ErrorCode::kCorruptData);
  EXPECT_EQ(m, "IPv4 Prefix length: want 20, have 21");
  decode_fail(hex("0106 0000 00000014 01 20 30 00 20010db8 0000fdea"), ErrorCode::kCorruptData);
  // End of Data: 12 in v0, 24 in v1/v2.
  decode_fail(hex("0007 0102 00000018 00000063 00000e10 00000258 00001c20"),
              ErrorCode::kCorruptData);
  decode_fail(hex("0107 0102 0000000c 00000063"), ErrorCode::kCorruptData);
  decode_fail(hex("0207 0102 0000000c 00000063"), ErrorCode::kCorruptData);
}

TEST(RtrPduDecode, ZeroFields) {
  decode_fail(hex("0102 0001 00000008"), ErrorCode::kCorruptData);  // Reset Query session
  decode_fail(hex("0008 0100 00000008"), ErrorCode::kCorruptData);  // Cache Reset
  // Prefix: header bytes 2-3 and the zero byte after maxLen.
  decode_fail(hex("010400010000001401181800c00002000000fde9"), ErrorCode::kCorruptData);
  decode_fail(hex("010400000000001401181801c00002000000fde9"), ErrorCode::kCorruptData);
}

TEST(RtrPduDecode, PrefixFlagsAndLengths) {
  // Flags other than bit 0.
  decode_fail(hex("010400000000001403181800c00002000000fde9"), ErrorCode::kCorruptData);
  decode_fail(hex("010400000000001480181800c00002000000fde9"), ErrorCode::kCorruptData);
  // maxLen > 32 / > 128.
  decode_fail(hex("010400000000001401182100c00002000000fde9"), ErrorCode::kCorruptData);
  decode_ok(hex("010400000000001401182000c00002000000fde9"));
  decode_fail(hex("0106 0000 00000020 01 20 81 00 20010db8 00000000 00000000 00000000 0000fdea"),
              ErrorCode::kCorruptData);
  decode_ok(hex("0106 0000 00000020 01 20 80 00 20010db8 00000000 00000000 00000000 0000fdea"));
  // prefixLen > maxLen.
  const auto m =
      decode_fail(hex("010400000000001401191800c00002000000fde9"), ErrorCode::kCorruptData);
  EXPECT_EQ(m, "IPv4 Prefix prefix length: want <= max length 24, have 25");
  decode_fail(hex("0106 0000 00000020 01 31 30 00 20010db8 00000000 00000000 00000000 0000fdea"),
              ErrorCode::kCorruptData);
  // prefixLen 33 > 32 is caught by prefixLen <= maxLen <= 32.
  decode_fail(hex("010400000000001401212100c00002000000fde9"), ErrorCode::kCorruptData);
}

TEST(RtrPduDecode, HostBitsRejectedInV2MaskedBefore) {
  // 192.0.2.1/24: host bits set.
  decode_fail(hex("020400000000001401181800c00002010000fde9"), ErrorCode::kCorruptData);
  decode_fail(hex("0206 0000 00000020 01 20 30 00 20010db8 00000000 00000000 00000001 0000fdea"),
              ErrorCode::kCorruptData);
  for (std::uint8_t v = 0; v <= 1; ++v) {
    Bytes b = hex("000400000000001401181800c00002010000fde9");
    b[0] = v;
    EXPECT_EQ(decode_ok(b).prefix, pfx("192.0.2.0/24"));
  }
  // /0 with any address bits is all host bits.
  decode_fail(hex("020400000000001401000000c00002000000fde9"), ErrorCode::kCorruptData);
  EXPECT_EQ(decode_ok(hex("020400000000001401000000000000000000fde9")).prefix, pfx("0.0.0.0/0"));
}

TEST(RtrPduDecode, RouterKeyErrors) {
  const std::string body = "0102030405060708090a0b0c0d0e0f1011121314 0000fde9";
  decode_fail(hex("0109 0100 0000001f 0102030405060708090a0b0c0d0e0f1011121314 0000fd"),
              ErrorCode::kCorruptData);                                     // < 32
  decode_fail(hex("0109 0300 00000020 " + body), ErrorCode::kCorruptData);  // flags
  decode_fail(hex("0109 8000 00000020 " + body), ErrorCode::kCorruptData);  // flags
  decode_fail(hex("0109 0101 00000020 " + body), ErrorCode::kCorruptData);  // zero byte
  EXPECT_TRUE(decode_ok(hex("0209 0100 00000020 " + body)).spki.empty());   // empty SPKI
}

TEST(RtrPduDecode, ErrorReportErrors) {
  decode_fail(hex("010a 0000 0000000c 00000000"), ErrorCode::kCorruptData);  // < 16
  // Encapsulated PDU length beyond the PDU.
  decode_fail(hex("010a 0000 00000010 00000001 00000000"), ErrorCode::kCorruptData);
  decode_fail(hex("010a 0000 00000010 ffffffff 00000000"), ErrorCode::kCorruptData);
  // Text length not exactly what is left (too long, too short, huge).
  decode_fail(hex("010a 0000 00000011 00000000 00000002 41"), ErrorCode::kCorruptData);
  decode_fail(hex("010a 0000 00000012 00000000 00000001 4142"), ErrorCode::kCorruptData);
  decode_fail(hex("010a 0000 00000011 00000000 ffffffff 41"), ErrorCode::kCorruptData);
  // Encapsulated PDU length reaching into the text length field.
  decode_fail(hex("010a 0000 00000014 00000005 00000000 00000000"), ErrorCode::kCorruptData);
  EXPECT_EQ(decode_ok(hex("010a 0000 00000014 00000004 00000000 00000000")).encapsulated.size(),
            4U);
  // Text not UTF-8: overlong, surrogate, > U+10FFFF, stray continuation, cut sequence, 0xff.
  for (std::string_view t : {"c080", "eda080", "f4908080", "f5808080", "80", "e282", "ff"}) {
    const Bytes text = hex(t);
    Bytes b = hex("010a 0000 00000000 00000000");
    b[7] = static_cast<std::uint8_t>(16 + text.size());
    b.insert(b.end(), {0, 0, 0, static_cast<std::uint8_t>(text.size())});
    b.insert(b.end(), text.begin(), text.end());
    decode_fail(b, ErrorCode::kCorruptData);
  }
  // Valid multi-byte UTF-8: "é€😀".
  const Pdu p = decode_ok(hex("010a 0001 00000019 00000000 00000009 c3a9 e282ac f09f9880"));
  EXPECT_EQ(p.error_text, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  EXPECT_EQ(p.error_code, ErrorCode::kInternalError);
}

TEST(RtrPduDecode, AspaLengthAndFlags) {
  decode_fail(hex("020b 0100 0000000b 0000fd"), ErrorCode::kCorruptData);                // < 12
  decode_fail(hex("020b 0100 0000000e 0000fde9 0000"), ErrorCode::kCorruptData);         // 12+2
  decode_fail(hex("020b 0100 00000013 0000fde9 0000fdea 00"), ErrorCode::kCorruptData);  // 12+7
  decode_fail(hex("020b 0300 00000010 0000fde9 0000fdea"), ErrorCode::kCorruptData);     // flags
  decode_fail(hex("020b 0101 00000010 0000fde9 0000fdea"), ErrorCode::kCorruptData);     // zero
}

TEST(RtrPduDecode, AspaProviderListErrors) {
  const auto m = decode_fail(hex("020b 0100 0000000c 0000fde9"), ErrorCode::kAspaProviderListError);
  EXPECT_EQ(m, "ASPA announce providers: want >= 1, have 0");
  // Not strictly increasing: decreasing, duplicate.
  decode_fail(hex("020b 0100 00000014 0000fde9 0000fdeb 0000fdea"),
              ErrorCode::kAspaProviderListError);
  decode_fail(hex("020b 0100 00000014 0000fde9 0000fdea 0000fdea"),
              ErrorCode::kAspaProviderListError);
  // AS0 among several (first, since the list is increasing) and AS0 out of order.
  decode_fail(hex("020b 0100 00000014 0000fde9 00000000 0000fdea"),
              ErrorCode::kAspaProviderListError);
  decode_fail(hex("020b 0100 00000014 0000fde9 0000fdea 00000000"),
              ErrorCode::kAspaProviderListError);
  // A withdraw carries no providers: error 9 (see decode_aspa).
  decode_fail(hex("020b 0000 00000010 0000fde9 0000fdea"), ErrorCode::kAspaProviderListError);
}

// --- frame ------------------------------------------------------------------------------------

TEST(RtrPduFrame, ShortLongAndOversized) {
  std::uint32_t len = 0;
  PduError e;
  EXPECT_EQ(frame({}, kMaxPduBytes, len, e), Framing::kNeedMore);
  const Bytes serial = hex("0101 0007 0000000c 0000002a");
  for (std::size_t n = 0; n < serial.size(); ++n) {
    EXPECT_EQ(frame(std::span(serial).first(n), kMaxPduBytes, len, e), Framing::kNeedMore) << n;
  }
  EXPECT_EQ(frame(serial, kMaxPduBytes, len, e), Framing::kComplete);
  EXPECT_EQ(len, 12U);
  Bytes two = serial;
  encode_reset_query(two, 1);
  len = 0;
  EXPECT_EQ(frame(two, kMaxPduBytes, len, e), Framing::kComplete);
  EXPECT_EQ(len, 12U);
  EXPECT_EQ(frame(std::span(two).subspan(12), kMaxPduBytes, len, e), Framing::kComplete);
  EXPECT_EQ(len, 8U);

  // Length below the header: bad.
  EXPECT_EQ(frame(hex("0102000000000007"), kMaxPduBytes, len, e), Framing::kBad);
  EXPECT_EQ(e.code, ErrorCode::kCorruptData);
  EXPECT_EQ(e.message, "Reset Query length: want 8..65536, have 7");
  EXPECT_EQ(frame(hex("0102000000000000"), kMaxPduBytes, len, e), Framing::kBad);
  // Above max_bytes: bad as soon as the header is there (no waiting for 4 GiB).
  EXPECT_EQ(frame(hex("010a0000ffffffff"), kMaxPduBytes, len, e), Framing::kBad);
  EXPECT_EQ(frame(hex("010a000000010001"), kMaxPduBytes, len, e), Framing::kBad);
  EXPECT_EQ(frame(hex("010a000000010000"), kMaxPduBytes, len, e), Framing::kNeedMore);
  EXPECT_EQ(frame(serial, 11, len, e), Framing::kBad);
  EXPECT_EQ(frame(serial, 12, len, e), Framing::kComplete);
  // frame() does not judge version or type.
  EXPECT_EQ(frame(hex("09ff000000000008"), kMaxPduBytes, len, e), Framing::kComplete);
}

// --- Error Report cut, timers, names ----------------------------------------------------------

TEST(RtrPduErrorReport, CutsToMaxPduBytes) {
  const Bytes huge(70000, 0xab);
  Bytes b;
  encode_error_report(b, 1, ErrorCode::kCorruptData, huge, "text");
  ASSERT_EQ(b.size(), kMaxPduBytes);
  Pdu p = decode_ok(b);
  EXPECT_EQ(p.encapsulated.size(), kMaxPduBytes - 16);
  EXPECT_TRUE(p.error_text.empty());

  const std::string long_text(70000, 'x');
  Bytes c;
  encode_error_report(c, 2, ErrorCode::kInternalError, hex("0102000000000008"), long_text);
  ASSERT_EQ(c.size(), kMaxPduBytes);
  p = decode_ok(c);
  EXPECT_EQ(p.encapsulated.size(), 8U);
  EXPECT_EQ(p.error_text.size(), kMaxPduBytes - 24);

  // The cut never splits a UTF-8 character: 3-byte "€" straddling the limit.
  std::string euro(kMaxPduBytes - 16 - 1, 'y');
  euro += "\xe2\x82\xac";
  Bytes d;
  encode_error_report(d, 1, ErrorCode::kCorruptData, {}, euro);
  EXPECT_EQ(d.size(), kMaxPduBytes - 1);
  p = decode_ok(d);
  EXPECT_EQ(p.error_text, std::string(kMaxPduBytes - 17, 'y'));

  // Exactly fitting: nothing cut.
  Bytes e;
  encode_error_report(e, 1, ErrorCode::kCorruptData, Bytes(kMaxPduBytes - 20, 1), "abcd");
  EXPECT_EQ(e.size(), kMaxPduBytes);
  EXPECT_EQ(decode_ok(e).error_text, "abcd");
}

TEST(RtrPduTimers, Rfc8210Ranges) {
  EXPECT_TRUE(check_timers(Timers{}).has_value());
  EXPECT_TRUE(check_timers(Timers{1, 1, 600}).has_value());
  EXPECT_TRUE(check_timers(Timers{86400, 7200, 172800}).has_value());
  for (const Timers& t : {Timers{0, 600, 7200}, Timers{86401, 600, 172800}, Timers{3600, 0, 7200},
                          Timers{3600, 7201, 7300}, Timers{100, 100, 599}, Timers{100, 100, 172801},
                          Timers{7200, 600, 7200}, Timers{3600, 7000, 7000}}) {
    const auto s = check_timers(t);
    EXPECT_FALSE(s.has_value()) << t.refresh << " " << t.retry << " " << t.expire;
    if (!s) {
      EXPECT_NE(s.error().message.find("want"), std::string::npos);
    }
  }
}

TEST(RtrPduNames, ToString) {
  EXPECT_EQ(to_string(PduType::kAspa), "ASPA");
  EXPECT_EQ(to_string(PduType::kIpv6Prefix), "IPv6 Prefix");
  EXPECT_EQ(to_string(ErrorCode::kAspaProviderListError), "ASPA Provider List Error");
  EXPECT_EQ(to_string(ErrorCode::kUnsupportedVersion), "Unsupported Protocol Version");
  EXPECT_EQ(to_string(static_cast<ErrorCode>(77)), "?");
}

// --- seeded property test ---------------------------------------------------------------------

// A random valid PDU, encoded; `want` is what decode must give back.
Bytes random_pdu(std::mt19937_64& rng, Pdu& want) {
  Bytes b;
  want = Pdu{};
  auto u32 = [&] { return static_cast<std::uint32_t>(rng()); };
  auto u16 = [&] { return static_cast<std::uint16_t>(rng()); };
  const auto version = static_cast<std::uint8_t>(rng() % 3);
  want.version = version;
  static constexpr PduType kTypes[] = {
      PduType::kSerialNotify, PduType::kSerialQuery, PduType::kResetQuery, PduType::kCacheResponse,
      PduType::kIpv4Prefix,   PduType::kIpv6Prefix,  PduType::kEndOfData,  PduType::kCacheReset,
      PduType::kRouterKey,    PduType::kErrorReport, PduType::kAspa};
  PduType type = kTypes[rng() % std::size(kTypes)];
  if (type == PduType::kRouterKey && version < 1) type = PduType::kIpv6Prefix;
  if (type == PduType::kAspa && version < 2) type = PduType::kIpv4Prefix;
  want.type = type;
  switch (type) {
    case PduType::kSerialNotify:
    case PduType::kSerialQuery:
      want.session_id = u16();
      want.serial = u32();
      if (type == PduType::kSerialNotify) {
        encode_serial_notify(b, version, want.session_id, want.serial);
      } else {
        encode_serial_query(b, version, want.session_id, want.serial);
      }
      break;
    case PduType::kResetQuery:
      encode_reset_query(b, version);
      break;
    case PduType::kCacheReset:
      encode_cache_reset(b, version);
      break;
    case PduType::kCacheResponse:
      want.session_id = u16();
      encode_cache_response(b, version, want.session_id);
      break;
    case PduType::kIpv4Prefix:
    case PduType::kIpv6Prefix: {
      const bool v6 = type == PduType::kIpv6Prefix;
      std::uint8_t a[16];
      for (auto& x : a) x = static_cast<std::uint8_t>(rng());
      const unsigned bits = v6 ? 128 : 32;
      const auto len = static_cast<unsigned>(rng() % (bits + 1));
      want.prefix =
          net::Prefix::make(v6 ? net::IpAddress::v6_bytes(a) : net::IpAddress::v4_bytes(a), len);
      want.max_length = static_cast<std::uint8_t>(len + rng() % (bits - len + 1));
      want.announce = (rng() & 1U) != 0;
      want.asn = u32();
      encode_prefix(b, version, want.announce, want.prefix, want.max_length, want.asn);
      break;
    }
    case PduType::kEndOfData:
      want.session_id = u16();
      want.serial = u32();
      if (version > 0) want.timers = Timers{u32(), u32(), u32()};
      encode_end_of_data(b, version, want.session_id, want.serial, want.timers.value_or(Timers{}));
      break;
    case PduType::kRouterKey:
      want.announce = (rng() & 1U) != 0;
      for (auto& x : want.ski) x = static_cast<std::uint8_t>(rng());
      want.asn = u32();
      want.spki.resize(rng() % 200);
      for (auto& x : want.spki) x = static_cast<std::uint8_t>(rng());
      encode_router_key(b, version, want.announce, want.ski, want.asn, want.spki);
      break;
    case PduType::kErrorReport: {
      want.error_code = static_cast<ErrorCode>(rng() % 10);
      want.encapsulated.resize(rng() % 40);
      for (auto& x : want.encapsulated) x = static_cast<std::uint8_t>(rng());
      static constexpr std::string_view kPieces[] = {
          "a", "Z", " ", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\n"};
      const std::size_t n = rng() % 20;
      for (std::size_t i = 0; i < n; ++i) want.error_text += kPieces[rng() % std::size(kPieces)];
      encode_error_report(b, version, want.error_code, want.encapsulated, want.error_text);
      break;
    }
    case PduType::kAspa: {
      want.announce = (rng() & 1U) != 0;
      want.asn = u32();
      if (want.announce) {
        const std::size_t n = 1 + rng() % 20;
        net::Asn p = static_cast<net::Asn>(rng() % 3 == 0 ? 0 : 1 + rng() % 1000);
        for (std::size_t i = 0; i < n; ++i) {
          want.providers.push_back(p);
          if (p == 0) break;  // AS0 only alone
          p += static_cast<net::Asn>(1 + rng() % 100000);
        }
      }
      encode_aspa(b, version, want.announce, want.asn, want.providers);
      break;
    }
  }
  return b;
}

TEST(RtrPduProperty, RandomValidPdusRoundTrip) {
  const std::uint64_t seed = 8210;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (int i = 0; i < 5000; ++i) {
    Pdu want;
    const Bytes b = random_pdu(rng, want);
    std::uint32_t len = 0;
    PduError e;
    ASSERT_EQ(frame(b, kMaxPduBytes, len, e), Framing::kComplete);
    ASSERT_EQ(len, b.size());
    Pdu got;
    ASSERT_TRUE(decode(b, got, e)) << i << ": " << e.message;
    expect_same(want, got);
    ASSERT_EQ(reencode(got), b) << i;
  }
}

TEST(RtrPduProperty, RandomMutationsDecodeOrFail) {
  const std::uint64_t seed = 6810;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  int decoded = 0;
  int failed = 0;
  for (int i = 0; i < 20000; ++i) {
    Pdu want;
    Bytes b = random_pdu(rng, want);
    const std::size_t edits = 1 + rng() % 4;
    for (std::size_t k = 0; k < edits; ++k) {
      switch (rng() % 4) {
        case 0:  // flip a byte (header bytes more often)
          if (!b.empty())
            b[rng() % 2 == 0 ? rng() % std::min<std::size_t>(b.size(), 12) : rng() % b.size()] ^=
                static_cast<std::uint8_t>(1 + rng() % 255);
          break;
        case 1:  // truncate
          b.resize(rng() % (b.size() + 1));
          break;
        case 2:  // append
          for (std::size_t n = rng() % 9; n > 0; --n) b.push_back(static_cast<std::uint8_t>(rng()));
          break;
        default:  // fix the length field so that the body checks are reached
          if (b.size() >= 8) {
            const auto n = static_cast<std::uint32_t>(b.size());
            b[4] = static_cast<std::uint8_t>(n >> 24U);
            b[5] = static_cast<std::uint8_t>(n >> 16U);
            b[6] = static_cast<std::uint8_t>(n >> 8U);
            b[7] = static_cast<std::uint8_t>(n);
          }
          break;
      }
    }
    Pdu got;
    PduError e;
    if (decode(b, got, e)) {
      ++decoded;
      // What decodes re-encodes to itself, except masked host bits of v0/v1 prefixes.
      const Bytes again = reencode(got);
      if (again != b) {
        ASSERT_TRUE(got.type == PduType::kIpv4Prefix || got.type == PduType::kIpv6Prefix) << i;
        ASSERT_LT(got.version, 2) << i;
        Pdu back;
        ASSERT_TRUE(decode(again, back, e)) << i;
        expect_same(got, back);
      }
    } else {
      ++failed;
      ASSERT_FALSE(e.message.empty()) << i;
    }
    std::uint32_t len = 0;
    const auto f = frame(b, kMaxPduBytes, len, e);
    if (f == Framing::kComplete) {
      ASSERT_LE(len, b.size());
    }
  }
  EXPECT_GT(decoded, 100);
  EXPECT_GT(failed, 100);
}

}  // namespace
}  // namespace manrs::rtr
