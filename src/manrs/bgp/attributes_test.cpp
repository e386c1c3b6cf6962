// Path attribute decoding (bgp/attributes.h): RFC 7606 error actions, the RFC 6793 §4.2.3
// AS4_PATH merge, communities (RFC 1997, 4360, 8092), OTC (RFC 9234), MP_REACH/MP_UNREACH
// (RFC 4760, abbreviated MRT form of RFC 6396 §4.3.4) and ADD-PATH detection (RFC 7911).
#include "manrs/bgp/attributes.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/testing/wire_bytes.h"

namespace manrs::bgp {
namespace {

using testing::Bytes;
using testing::operator+;
using testing::u16;
using testing::u32;
Bytes attr(std::uint8_t flags, std::uint8_t type, const Bytes& value) {
  if (value.size() > 255) flags |= 0x10;
  Bytes out{flags, type};
  if ((flags & 0x10) != 0) {
    out = out + u16(static_cast<std::uint16_t>(value.size()));
  } else {
    out.push_back(static_cast<std::uint8_t>(value.size()));
  }
  return out + value;
}
// One AS_PATH segment (RFC 4271 §4.3): type, count, ASNs of `width` bytes.
Bytes seg(std::uint8_t type, const std::vector<std::uint32_t>& asns, unsigned width = 4) {
  Bytes out{type, static_cast<std::uint8_t>(asns.size())};
  for (auto a : asns) out = out + (width == 2 ? u16(static_cast<std::uint16_t>(a)) : u32(a));
  return out;
}
Bytes v6(const char* text) {
  auto a = net::IpAddress::parse(text);
  EXPECT_TRUE(a.has_value()) << text;
  return Bytes(a->bytes().begin(), a->bytes().end());
}

const Bytes kOrigin = attr(0x40, 1, {0});
const Bytes kNextHop = attr(0x40, 3, {192, 0, 2, 1});

PathAttributes decode(const Bytes& bytes, AttrContext ctx = {}) {
  PathAttributes out;
  core::ByteReader r{std::as_bytes(std::span{bytes}), "test", 1000};
  Status st = decode_attributes(r, ctx, out);
  EXPECT_TRUE(st.has_value()) << st.error().to_string();
  return out;
}

std::string prefixes(const std::vector<NlriPrefix>& v) {
  std::string out;
  for (const auto& p : v) {
    if (!out.empty()) out += ' ';
    out += p.prefix.to_string();
    if (p.path_id != 0) out += "#" + std::to_string(p.path_id);
  }
  return out;
}

// ----- RFC 7606 -------------------------------------------------------------------------------

struct Rfc7606Case {
  const char* name;
  Bytes bytes;
  ErrorAction action;
  std::uint8_t problem_type;
  const char* message_part;  // must appear in the (first) problem message
};

TEST(AttributesTest, Rfc7606ActionsPerAttribute) {
  const Bytes mp_reach_ok =
      u16(2) + Bytes{1, 16} + v6("2001:db8::1") + Bytes{0, 32, 0x20, 0x01, 0x0d, 0xb8};
  const Bytes mp_unreach_ok = u16(2) + Bytes{1, 32, 0x20, 0x01, 0x0d, 0xb8};
  const std::vector<Rfc7606Case> cases = {
      {"origin bad length", attr(0x40, 1, {0, 0}), ErrorAction::kTreatAsWithdraw, 1,
       "§7.1 ORIGIN at @1000 length: want 1, have 2"},
      {"origin bad value", attr(0x40, 1, {3}), ErrorAction::kTreatAsWithdraw, 1,
       "ORIGIN value: want 0..2, have 3"},
      {"as_path bad segment type", attr(0x40, 2, seg(5, {1})), ErrorAction::kTreatAsWithdraw, 2,
       "§7.2 AS_PATH at @1000"},
      {"as_path segment overrun", attr(0x40, 2, Bytes{2, 3} + u32(1)),
       ErrorAction::kTreatAsWithdraw, 2, "§7.2 AS_PATH"},
      {"next_hop bad length", attr(0x40, 3, {1, 2, 3}), ErrorAction::kTreatAsWithdraw, 3,
       "§7.3 NEXT_HOP at @1000 length: want 4, have 3"},
      {"med bad length", attr(0x80, 4, {1, 2, 3}), ErrorAction::kTreatAsWithdraw, 4, "§7.4"},
      {"local_pref bad length", attr(0x40, 5, {1, 2, 3, 4, 5}), ErrorAction::kTreatAsWithdraw, 5,
       "§7.5"},
      {"atomic_aggregate with a length", attr(0x40, 6, {1}), ErrorAction::kAttributeDiscard, 6,
       "§7.6 ATOMIC_AGGREGATE at @1000 length: want 0, have 1"},
      {"aggregator bad length", attr(0xC0, 7, {1, 2, 3, 4, 5, 6, 7}),
       ErrorAction::kAttributeDiscard, 7, "§7.7 AGGREGATOR at @1000 length: want 8, have 7"},
      {"communities not a multiple of 4", attr(0xC0, 8, {1, 2, 3, 4, 5, 6}),
       ErrorAction::kTreatAsWithdraw, 8, "§7.8"},
      {"originator_id bad length", attr(0x80, 9, {1, 2, 3}), ErrorAction::kTreatAsWithdraw, 9,
       "§7.9"},
      {"cluster_list not a multiple of 4", attr(0x80, 10, {1, 2, 3, 4, 5}),
       ErrorAction::kTreatAsWithdraw, 10, "§7.10"},
      {"mp_reach too short", attr(0x80, 14, {0, 2, 1}), ErrorAction::kSessionReset, 14,
       "§7.11 MP_REACH_NLRI: want >= 5 bytes, have 3"},
      {"mp_reach next hop length lie",
       attr(0x80, 14, u16(2) + Bytes{1, 200} + v6("::1") + Bytes{0}), ErrorAction::kSessionReset,
       14, "next hop: want 202 bytes, have 18"},
      {"mp_reach bad nlri", attr(0x80, 14, u16(2) + Bytes{1, 16} + v6("::1") + Bytes{0, 129}),
       ErrorAction::kSessionReset, 14, "NLRI prefix length: want <= 128, have 129"},
      {"mp_unreach too short", attr(0x80, 15, {0, 2}), ErrorAction::kSessionReset, 15,
       "§7.12 MP_UNREACH_NLRI: want >= 3 bytes, have 2"},
      {"duplicate mp_reach", attr(0x80, 14, mp_reach_ok) + attr(0x80, 14, mp_reach_ok),
       ErrorAction::kSessionReset, 14, "§3 (g) MP_REACH_NLRI at @1029: want once, have repeated"},
      {"duplicate mp_unreach", attr(0x80, 15, mp_unreach_ok) + attr(0x80, 15, mp_unreach_ok),
       ErrorAction::kSessionReset, 15, "§3 (g) MP_UNREACH_NLRI"},
      {"duplicate origin", kOrigin + attr(0x40, 1, {1}), ErrorAction::kAttributeDiscard, 1,
       "§3 (g) ORIGIN at @1004"},
      {"ext communities not a multiple of 8", attr(0xC0, 16, Bytes(12, 1)),
       ErrorAction::kTreatAsWithdraw, 16, "§7.14"},
      {"as4_path malformed", attr(0xC0, 17, Bytes{2, 2} + u32(1)), ErrorAction::kAttributeDiscard,
       17, "AS4_PATH"},
      {"large community not a multiple of 12", attr(0xC0, 32, Bytes(10, 1)),
       ErrorAction::kTreatAsWithdraw, 32, "RFC 8092 §5"},
      {"otc bad length", attr(0xC0, 35, {1, 2, 3}), ErrorAction::kTreatAsWithdraw, 35,
       "RFC 9234 §5"},
      {"attribute overruns the block", attr(0x40, 3, {1, 2, 3, 4}) + Bytes{0xC0, 8, 40, 1, 2},
       ErrorAction::kTreatAsWithdraw, 8, "§4 COMMUNITIES at @1007 length: want <= 2, have 40"},
      {"truncated attribute header", kOrigin + Bytes{0x40, 2}, ErrorAction::kTreatAsWithdraw, 0,
       "attribute header at @1004: want 3 bytes, have 2"},
      {"truncated extended length", kOrigin + Bytes{0x50, 2, 0}, ErrorAction::kTreatAsWithdraw, 2,
       "attribute length: want 2 bytes, have 1"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    PathAttributes a = decode(c.bytes);
    EXPECT_EQ(a.action, c.action) << to_string(a.action);
    ASSERT_FALSE(a.problems.empty());
    EXPECT_EQ(a.problems.back().type, c.problem_type);
    EXPECT_EQ(a.problems.back().action, c.action);
    EXPECT_NE(a.problems.back().message.find(c.message_part), std::string::npos)
        << a.problems.back().message;
  }
}

TEST(AttributesTest, BadLengthKeepsWhatALenientReaderSees) {
  // ORIGIN of length 2: not present for RFC consumers, seen (value 1) for the bgpdump printer.
  PathAttributes a = decode(attr(0x40, 1, {1, 0}));
  EXPECT_FALSE(a.has(AttrType::kOrigin));
  EXPECT_TRUE(a.was_seen(AttrType::kOrigin));
  EXPECT_EQ(a.origin_raw, 1);
  // ATOMIC_AGGREGATE with a length: discarded (attribute-discard), the route stays.
  a = decode(kOrigin + attr(0x40, 6, {7}));
  EXPECT_FALSE(a.has(AttrType::kAtomicAggregate));
  EXPECT_TRUE(a.has(AttrType::kOrigin));
  EXPECT_EQ(a.action, ErrorAction::kAttributeDiscard);
  // A duplicate keeps the first value.
  a = decode(kOrigin + attr(0x40, 1, {1}));
  EXPECT_EQ(a.origin, Origin::kIgp);
}

TEST(AttributesTest, WellFormedAttributesHaveNoProblems) {
  const Bytes bytes = kOrigin + attr(0x40, 2, seg(2, {64496, 4200000000})) + kNextHop +
                      attr(0x80, 4, u32(100)) + attr(0x40, 5, u32(200)) + attr(0x40, 6, {}) +
                      attr(0xC0, 7, u32(64496) + Bytes{192, 0, 2, 9}) +
                      attr(0x80, 9, {10, 0, 0, 1}) + attr(0x80, 10, u32(1) + u32(2)) +
                      attr(0xC0, 35, u32(64497));
  PathAttributes a = decode(bytes);
  EXPECT_TRUE(a.problems.empty()) << a.problems.front().message;
  EXPECT_EQ(a.action, ErrorAction::kNone);
  EXPECT_EQ(a.origin, Origin::kIgp);
  EXPECT_EQ(a.as_path.to_string(), "64496 4200000000");
  EXPECT_EQ(a.next_hop.to_string(), "192.0.2.1");
  EXPECT_EQ(a.med, 100U);
  EXPECT_EQ(a.local_pref, 200U);
  EXPECT_TRUE(a.has(AttrType::kAtomicAggregate));
  EXPECT_EQ(a.aggregator.asn, 64496U);
  EXPECT_EQ(a.aggregator.address.to_string(), "192.0.2.9");
  EXPECT_EQ(a.originator_id.to_string(), "10.0.0.1");
  EXPECT_EQ(a.cluster_list, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_TRUE(a.has(AttrType::kOtc));
  EXPECT_EQ(a.otc, 64497U);
}

// ----- communities ----------------------------------------------------------------------------

TEST(AttributesTest, Communities) {
  PathAttributes a = decode(attr(0xC0, 8, u32(0xFDE80001) + u32(0xFFFFFF01)));
  EXPECT_EQ(a.communities, (std::vector<std::uint32_t>{0xFDE80001, 0xFFFFFF01}));
  EXPECT_TRUE(a.has(AttrType::kCommunities));

  a = decode(attr(0xC0, 32, u32(4200000000) + u32(1) + u32(2) + u32(64496) + u32(3) + u32(4)));
  ASSERT_EQ(a.large_communities.size(), 2U);
  EXPECT_EQ(a.large_communities[0].global, 4200000000U);
  EXPECT_EQ(a.large_communities[0].local1, 1U);
  EXPECT_EQ(a.large_communities[0].local2, 2U);
  EXPECT_EQ(a.large_communities[1].global, 64496U);
  EXPECT_EQ(a.large_communities[1].local2, 4U);

  const Bytes rt{0x00, 0x02, 0xFB, 0xF0, 0x00, 0x00, 0x00, 0x64};  // route target 64496:100
  const Bytes soo{0x01, 0x03, 192, 0, 2, 1, 0x00, 0x07};           // route origin 192.0.2.1:7
  a = decode(attr(0xC0, 16, rt + soo));
  ASSERT_EQ(a.ext_communities.size(), 2U);
  EXPECT_TRUE(std::equal(rt.begin(), rt.end(), a.ext_communities[0].begin()));
  EXPECT_TRUE(std::equal(soo.begin(), soo.end(), a.ext_communities[1].begin()));

  // Empty communities attributes are well-formed and present.
  a = decode(attr(0xC0, 8, {}) + attr(0xC0, 32, {}));
  EXPECT_TRUE(a.problems.empty());
  EXPECT_TRUE(a.has(AttrType::kCommunities));
  EXPECT_TRUE(a.communities.empty());
}

TEST(AttributesTest, UnknownAttributesAreKeptRaw) {
  // The raw values are views into the input, which must outlive them.
  const Bytes bytes = attr(0xC0, 99, {1, 2, 3}) + attr(0xC0, 200, {9});
  PathAttributes a = decode(bytes);
  ASSERT_EQ(a.unknown.size(), 2U);
  EXPECT_EQ(a.unknown[0].type, 99);
  EXPECT_EQ(a.unknown[0].flags, 0xC0);
  ASSERT_EQ(a.unknown[0].value.size(), 3U);
  EXPECT_EQ(std::to_integer<int>(a.unknown[0].value[2]), 3);
  EXPECT_EQ(a.unknown[1].type, 200);
  EXPECT_TRUE(a.problems.empty());
}

// ----- RFC 6793 §4.2.3 AS4_PATH / AS4_AGGREGATOR merge ---------------------------------------

struct MergeCase {
  const char* name;
  unsigned asn_len;
  Bytes bytes;
  const char* as_path;
  std::uint32_t aggregator_asn;  // 0: no AGGREGATOR in the case
};

TEST(AttributesTest, As4PathMerge) {
  const std::uint32_t t = net::kAsTrans;
  const Bytes as4_agg = attr(0xC0, 18, u32(4200000009) + Bytes{192, 0, 2, 9});
  const std::vector<MergeCase> cases = {
      {"AS4_PATH replaces the AS_TRANS tail", 2,
       attr(0x40, 2, seg(2, {64496, t, t}, 2)) + attr(0xC0, 17, seg(2, {4200000001, 4200000002})),
       "64496 4200000001 4200000002", 0},
      {"equal lengths: AS4_PATH wins whole", 2,
       attr(0x40, 2, seg(2, {t, t}, 2)) + attr(0xC0, 17, seg(2, {4200000001, 4200000002})),
       "4200000001 4200000002", 0},
      {"AS4_PATH longer than AS_PATH: ignored", 2,
       attr(0x40, 2, seg(2, {t}, 2)) + attr(0xC0, 17, seg(2, {4200000001, 4200000002})), "23456",
       0},
      {"AS_SET counts one", 2,
       attr(0x40, 2, seg(2, {64496, t}, 2) + seg(1, {1, 2}, 2)) +
           attr(0xC0, 17, seg(2, {4200000001}) + seg(1, {10, 20})),
       "64496 4200000001 {10,20}", 0},
      {"confederation segments count zero and are kept", 2,
       attr(0x40, 2, seg(3, {65001}, 2) + seg(2, {64496, t}, 2)) +
           attr(0xC0, 17, seg(2, {4200000001})),
       "(65001) 64496 4200000001", 0},
      {"AGGREGATOR is AS_TRANS: AS4_AGGREGATOR and AS4_PATH used", 2,
       attr(0x40, 2, seg(2, {64496, t}, 2)) + attr(0xC0, 7, u16(t) + Bytes{192, 0, 2, 8}) +
           attr(0xC0, 17, seg(2, {4200000001})) + as4_agg,
       "64496 4200000001", 4200000009},
      {"AGGREGATOR is not AS_TRANS: AS4_AGGREGATOR and AS4_PATH ignored", 2,
       attr(0x40, 2, seg(2, {64496, t}, 2)) + attr(0xC0, 7, u16(64500) + Bytes{192, 0, 2, 8}) +
           attr(0xC0, 17, seg(2, {4200000001})) + as4_agg,
       "64496 23456", 64500},
      {"malformed AS_PATH: no merge", 2,
       attr(0x40, 2, Bytes{2, 5} + u16(64496)) + attr(0xC0, 17, seg(2, {4200000001})), "", 0},
      {"malformed AS4_PATH: discarded", 2,
       attr(0x40, 2, seg(2, {64496, t}, 2)) + attr(0xC0, 17, Bytes{2, 9} + u32(1)), "64496 23456",
       0},
      {"4-octet session: AS4_PATH not merged", 4,
       attr(0x40, 2, seg(2, {64496, t})) + attr(0xC0, 17, seg(2, {4200000001})), "64496 23456", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    AttrContext ctx;
    ctx.asn_len = c.asn_len;
    PathAttributes a = decode(c.bytes, ctx);
    EXPECT_EQ(a.as_path.to_string(), c.as_path);
    if (c.aggregator_asn != 0) {
      EXPECT_EQ(a.aggregator.asn, c.aggregator_asn);
    }
  }
}

TEST(AttributesTest, As4PathIsKeptAsReceived) {
  AttrContext ctx;
  ctx.asn_len = 2;
  PathAttributes a = decode(
      attr(0x40, 2, seg(2, {64496, net::kAsTrans}, 2)) + attr(0xC0, 17, seg(2, {4200000001})), ctx);
  EXPECT_EQ(a.as4_path.to_string(), "4200000001");
  EXPECT_TRUE(a.has(AttrType::kAs4Path));
}

// ----- MP_REACH_NLRI / MP_UNREACH_NLRI -----------------------------------------------------

TEST(AttributesTest, MpReachFullIpv6WithLinkLocal) {
  const Bytes mp = u16(2) + Bytes{1, 32} + v6("2001:db8::1") + v6("fe80::1") + Bytes{0} +
                   Bytes{32, 0x20, 0x01, 0x0d, 0xb8} + Bytes{48, 0x20, 0x01, 0x0d, 0xb8, 0, 1};
  PathAttributes a = decode(attr(0x80, 14, mp));
  EXPECT_TRUE(a.problems.empty());
  EXPECT_TRUE(a.mp_reach.present);
  EXPECT_FALSE(a.mp_reach.abbreviated);
  EXPECT_EQ(a.mp_reach.afi, kAfiIpv6);
  EXPECT_EQ(a.mp_reach.safi, kSafiUnicast);
  EXPECT_EQ(a.mp_reach.next_hop_len, 32);
  EXPECT_EQ(a.mp_reach.next_hop.to_string(), "2001:db8::1");
  EXPECT_EQ(a.mp_reach.next_hop_link_local.to_string(), "fe80::1");
  EXPECT_EQ(prefixes(a.mp_reach.nlri), "2001:db8::/32 2001:db8:1::/48");
}

TEST(AttributesTest, MpReachIpv4NextHopAndVpnNextHop) {
  PathAttributes a =
      decode(attr(0x80, 14, u16(1) + Bytes{1, 4, 192, 0, 2, 7, 0, 24, 198, 51, 100}));
  EXPECT_EQ(a.mp_reach.next_hop.to_string(), "192.0.2.7");
  EXPECT_EQ(prefixes(a.mp_reach.nlri), "198.51.100.0/24");
  // RFC 4364 §4.3.2 VPN next hop (8-byte RD + address); SAFI 128 NLRI are not decoded.
  a = decode(attr(0x80, 14, u16(1) + Bytes{128, 12} + Bytes(8, 0) + Bytes{192, 0, 2, 8, 0}));
  EXPECT_TRUE(a.problems.empty());
  EXPECT_EQ(a.mp_reach.next_hop.to_string(), "192.0.2.8");
  EXPECT_TRUE(a.mp_reach.nlri.empty());
}

TEST(AttributesTest, MpReachAbbreviatedInMrtRib) {
  AttrContext rib;
  rib.mrt_rib = true;
  // RFC 6396 §4.3.4: next-hop length and next hop only.
  PathAttributes a = decode(attr(0x80, 14, Bytes{16} + v6("2001:db8::2")), rib);
  EXPECT_TRUE(a.problems.empty());
  EXPECT_TRUE(a.mp_reach.abbreviated);
  EXPECT_EQ(a.mp_reach.afi, 0);
  EXPECT_EQ(a.mp_reach.next_hop_len, 16);
  EXPECT_EQ(a.mp_reach.next_hop.to_string(), "2001:db8::2");
  EXPECT_TRUE(a.mp_reach.nlri.empty());
  a = decode(attr(0x80, 14, Bytes{32} + v6("2001:db8::2") + v6("fe80::2")), rib);
  EXPECT_EQ(a.mp_reach.next_hop_link_local.to_string(), "fe80::2");
  // The full form starts with AFI 0x00 0x02: recognised inside a RIB entry too.
  a = decode(attr(0x80, 14, u16(2) + Bytes{1, 16} + v6("2001:db8::3") + Bytes{0, 16, 0x20, 0x01}),
             rib);
  EXPECT_FALSE(a.mp_reach.abbreviated);
  EXPECT_EQ(a.mp_reach.afi, kAfiIpv6);
  EXPECT_EQ(a.mp_reach.next_hop.to_string(), "2001:db8::3");
  EXPECT_EQ(prefixes(a.mp_reach.nlri), "2001::/16");
  // A next-hop length running past the attribute is reported, not silently cut.
  a = decode(attr(0x80, 14, Bytes{16, 0x20, 0x01, 0x0d, 0xb8}), rib);
  EXPECT_TRUE(a.mp_reach.abbreviated);
  EXPECT_EQ(a.action, ErrorAction::kSessionReset);
  ASSERT_EQ(a.problems.size(), 1U);
  EXPECT_EQ(a.problems[0].message, "RFC 6396 §4.3.4 MP_REACH_NLRI next hop: want 17 bytes, have 5");
  // Outside a RIB entry the same abbreviated bytes are a malformed full attribute.
  a = decode(attr(0x80, 14, Bytes{16} + v6("2001:db8::2")));
  EXPECT_FALSE(a.mp_reach.abbreviated);
  EXPECT_EQ(a.action, ErrorAction::kSessionReset);
}

TEST(AttributesTest, MpUnreach) {
  PathAttributes a =
      decode(attr(0x80, 15, u16(2) + Bytes{1, 64, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1}));
  EXPECT_TRUE(a.problems.empty());
  EXPECT_TRUE(a.mp_unreach.present);
  EXPECT_EQ(a.mp_unreach.afi, kAfiIpv6);
  EXPECT_EQ(prefixes(a.mp_unreach.withdrawn), "2001:db8:0:1::/64");
  // Other families: AFI/SAFI only, no error.
  a = decode(attr(0x80, 15, u16(25) + Bytes{65, 1, 2, 3}));
  EXPECT_TRUE(a.problems.empty());
  EXPECT_EQ(a.mp_unreach.afi, 25);
  EXPECT_TRUE(a.mp_unreach.withdrawn.empty());
}

TEST(AttributesTest, AddPathDetection) {
  // Two IPv6 NLRI with RFC 7911 path identifiers 1 and 2, under a context without ADD-PATH.
  const Bytes nlri = u32(1) + Bytes{32, 0x20, 0x01, 0x0d, 0xb8} + u32(2) + Bytes{16, 0x20, 0x02};
  const Bytes mp = u16(2) + Bytes{1, 16} + v6("2001:db8::1") + Bytes{0} + nlri;
  AttrContext detect;
  detect.detect_add_path = true;
  PathAttributes a = decode(attr(0x80, 14, mp), detect);
  EXPECT_TRUE(a.add_path_detected);
  EXPECT_TRUE(a.problems.empty());
  EXPECT_EQ(prefixes(a.mp_reach.nlri), "2001:db8::/32#1 2002::/16#2");
  // Without detection the bytes are a malformed NLRI: session reset.
  a = decode(attr(0x80, 14, mp));
  EXPECT_FALSE(a.add_path_detected);
  EXPECT_EQ(a.action, ErrorAction::kSessionReset);
  // Announced ADD-PATH: decoded, nothing "detected".
  AttrContext ap;
  ap.add_path = true;
  a = decode(attr(0x80, 14, mp), ap);
  EXPECT_FALSE(a.add_path_detected);
  EXPECT_EQ(prefixes(a.mp_reach.nlri), "2001:db8::/32#1 2002::/16#2");
  // MP_UNREACH too.
  a = decode(attr(0x80, 15, u16(2) + Bytes{1} + nlri), detect);
  EXPECT_TRUE(a.add_path_detected);
  EXPECT_EQ(prefixes(a.mp_unreach.withdrawn), "2001:db8::/32#1 2002::/16#2");
  // Well-formed plain NLRI are not reinterpreted.
  a = decode(attr(0x80, 14,
                  u16(2) + Bytes{1, 16} + v6("2001:db8::1") + Bytes{0, 32, 0x20, 0x01, 0x0d, 0xb8}),
             detect);
  EXPECT_FALSE(a.add_path_detected);
  EXPECT_EQ(prefixes(a.mp_reach.nlri), "2001:db8::/32");
}

// ----- reuse ----------------------------------------------------------------------------------

TEST(AttributesTest, ReuseLeavesNothingBehind) {
  const Bytes full =
      kOrigin + attr(0x40, 2, seg(2, {64496})) + kNextHop +
      attr(0xC0, 7, u32(1) + Bytes{1, 2, 3, 4}) + attr(0xC0, 8, u32(1)) +
      attr(0xC0, 16, Bytes(8, 1)) + attr(0xC0, 32, Bytes(12, 1)) + attr(0x80, 9, {1, 2, 3, 4}) +
      attr(0x80, 10, u32(5)) + attr(0xC0, 35, u32(7)) +
      attr(0x80, 14, u16(2) + Bytes{1, 16} + v6("2001:db8::1") + Bytes{0, 16, 0x20, 0x01}) +
      attr(0x80, 15, u16(2) + Bytes{1, 16, 0x20, 0x02}) + attr(0xC0, 17, seg(2, {7})) +
      attr(0xC0, 18, u32(9) + Bytes{1, 2, 3, 4}) + attr(0xC0, 99, {1}) + attr(0x40, 6, {1});
  PathAttributes a;
  core::ByteReader r1{std::as_bytes(std::span{full}), "test", 0};
  ASSERT_TRUE(decode_attributes(r1, {}, a).has_value());
  ASSERT_FALSE(a.problems.empty());
  const Bytes small = attr(0x40, 1, {2});
  core::ByteReader r2{std::as_bytes(std::span{small}), "test", 0};
  ASSERT_TRUE(decode_attributes(r2, {}, a).has_value());
  PathAttributes fresh = decode(small);
  EXPECT_EQ(a.present, fresh.present);
  EXPECT_EQ(a.seen, fresh.seen);
  EXPECT_EQ(a.origin, Origin::kIncomplete);
  EXPECT_TRUE(a.as_path.empty());
  EXPECT_TRUE(a.as4_path.empty());
  EXPECT_EQ(a.aggregator.asn, 0U);
  EXPECT_EQ(a.as4_aggregator.asn, 0U);
  EXPECT_TRUE(a.communities.empty());
  EXPECT_TRUE(a.ext_communities.empty());
  EXPECT_TRUE(a.large_communities.empty());
  EXPECT_TRUE(a.cluster_list.empty());
  EXPECT_EQ(a.originator_id, net::IpAddress{});
  EXPECT_EQ(a.otc, 0U);
  EXPECT_FALSE(a.mp_reach.present);
  EXPECT_TRUE(a.mp_reach.nlri.empty());
  EXPECT_EQ(a.mp_reach.next_hop_len, 0);
  EXPECT_FALSE(a.mp_unreach.present);
  EXPECT_TRUE(a.mp_unreach.withdrawn.empty());
  EXPECT_TRUE(a.unknown.empty());
  EXPECT_TRUE(a.problems.empty());
  EXPECT_EQ(a.action, ErrorAction::kNone);
}

// ----- summary mode (route statistics) ------------------------------------------------------

TEST(AttributesTest, SummaryModeAgreesWithFullDecoding) {
  // What route statistics read (origin AS, problems, actions, NLRI) must not depend on
  // AttrContext::summary. Trailing empty segments are skipped by AsPath::origin().
  const Bytes mp =
      attr(0x80, 14, u16(2) + Bytes{1, 16} + v6("2001:db8::1") + Bytes{0, 16, 0x20, 0x01});
  const std::vector<std::pair<const char*, Bytes>> cases = {
      {"sequence", attr(0x40, 2, seg(2, {64496, 4200000000}))},
      {"set last", attr(0x40, 2, seg(2, {64496}) + seg(1, {1, 2}))},
      {"empty sequence after a sequence", attr(0x40, 2, seg(2, {64496, 64497}) + seg(2, {}))},
      {"empty set after a sequence", attr(0x40, 2, seg(2, {64496}) + seg(1, {}))},
      {"only empty segments", attr(0x40, 2, seg(2, {}) + seg(1, {}))},
      {"confed last", attr(0x40, 2, seg(2, {64496}) + seg(3, {65001}))},
      {"empty AS_PATH", attr(0x40, 2, {})},
      {"bad segment", attr(0x40, 2, seg(2, {64496}) + Bytes{9, 1} + u32(1))},
      {"communities and more", kOrigin + attr(0xC0, 8, u32(1) + u32(2)) +
                                   attr(0xC0, 16, Bytes(8, 1)) + attr(0xC0, 32, Bytes(12, 1)) +
                                   attr(0x80, 10, u32(5)) + attr(0xC0, 99, {1}) + mp},
      {"bad lengths", attr(0xC0, 8, {1, 2, 3}) + attr(0xC0, 32, Bytes(5, 1)) +
                          attr(0x80, 10, {1, 2}) + attr(0xC0, 16, {1})},
  };
  AttrContext full;
  full.mrt_rib = true;
  AttrContext summary = full;
  summary.summary = true;
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    PathAttributes a = decode(bytes, full);
    PathAttributes b = decode(bytes, summary);
    EXPECT_EQ(a.as_path.origin(), b.as_path.origin());
    EXPECT_EQ(a.as_path_error, b.as_path_error);
    EXPECT_EQ(a.present, b.present);
    EXPECT_EQ(a.seen, b.seen);
    EXPECT_EQ(a.action, b.action);
    ASSERT_EQ(a.problems.size(), b.problems.size());
    for (std::size_t i = 0; i < a.problems.size(); ++i) {
      EXPECT_EQ(a.problems[i].message, b.problems[i].message);
    }
    EXPECT_EQ(prefixes(a.mp_reach.nlri), prefixes(b.mp_reach.nlri));
    // Summary mode keeps no lists.
    EXPECT_TRUE(b.communities.empty());
    EXPECT_TRUE(b.ext_communities.empty());
    EXPECT_TRUE(b.large_communities.empty());
    EXPECT_TRUE(b.cluster_list.empty());
    EXPECT_TRUE(b.unknown.empty());
  }
  // The origin AS is the last ASN of the last non-empty segment.
  const Bytes trailing_empty = attr(0x40, 2, seg(2, {64496, 64497}) + seg(2, {}));
  EXPECT_EQ(decode(trailing_empty, summary).as_path.origin(), std::optional<net::Asn>{64497});
}

TEST(AttributesTest, ActionNames) {
  EXPECT_EQ(to_string(ErrorAction::kNone), "none");
  EXPECT_EQ(to_string(ErrorAction::kAttributeDiscard), "attribute-discard");
  EXPECT_EQ(to_string(ErrorAction::kTreatAsWithdraw), "treat-as-withdraw");
  EXPECT_EQ(to_string(ErrorAction::kSessionReset), "session-reset");
}

}  // namespace
}  // namespace manrs::bgp
