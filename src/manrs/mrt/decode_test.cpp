// MRT record body decoders (mrt/decode.h) and the bgpdump -m text helpers (bgpdump_format.h).
#include "manrs/mrt/decode.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/limits.h"
#include "manrs/core/testing/wire_bytes.h"
#include "manrs/mrt/bgpdump_format.h"

namespace manrs::mrt {
namespace {

using testing::Bytes;
using testing::operator+;
using testing::u16;
using testing::u32;
Bytes v6(const char* text) {
  auto a = net::IpAddress::parse(text);
  EXPECT_TRUE(a.has_value()) << text;
  return Bytes(a->bytes().begin(), a->bytes().end());
}
core::ByteReader reader(const Bytes& b, std::uint64_t base = 1000) {
  return core::ByteReader{std::as_bytes(std::span{b}), "t.mrt", base};
}

const Bytes kIp1{192, 0, 2, 1};
const Bytes kIp2{192, 0, 2, 254};
// ORIGIN IGP, AS_PATH 64496 64497 (4-byte), NEXT_HOP 192.0.2.1.
const Bytes kAttrs4 = Bytes{0x40, 1, 1, 0} + Bytes{0x40, 2, 10, 2, 2} + u32(64496) + u32(64497) +
                      Bytes{0x40, 3, 4} + kIp1;
// The same with a 2-byte AS_PATH.
const Bytes kAttrs2 = Bytes{0x40, 1, 1, 0} + Bytes{0x40, 2, 6, 2, 2} + u16(64496) + u16(64497) +
                      Bytes{0x40, 3, 4} + kIp1;

Bytes with_len(const Bytes& attrs) { return u16(static_cast<std::uint16_t>(attrs.size())) + attrs; }

// ----- PEER_INDEX_TABLE -----------------------------------------------------------------------

Bytes pit_body() {
  return kIp2 + u16(4) + Bytes{'r', 'r', 'c', '0'} + u16(2) + Bytes{0} + u32(0x01020304) + kIp1 +
         u16(64496) +                                                       // IPv4, 2-byte AS
         Bytes{3} + u32(0x05060708) + v6("2001:db8::1") + u32(4200000000);  // IPv6, 4-byte AS
}

TEST(MrtDecodeTest, PeerIndexTable) {
  PeerIndexTable t;
  ASSERT_TRUE(decode_peer_index_table(reader(pit_body()), t).has_value());
  EXPECT_TRUE(t.present);
  EXPECT_EQ(t.collector_bgp_id, 0xC00002FEU);
  EXPECT_EQ(t.view_name, "rrc0");
  ASSERT_EQ(t.peers.size(), 2U);
  EXPECT_EQ(t.peers[0].bgp_id, 0x01020304U);
  EXPECT_EQ(t.peers[0].address.to_string(), "192.0.2.1");
  EXPECT_EQ(t.peers[0].asn, 64496U);
  EXPECT_EQ(t.peers[1].address.to_string(), "2001:db8::1");
  EXPECT_EQ(t.peers[1].asn, 4200000000U);
}

TEST(MrtDecodeTest, PeerIndexTableErrors) {
  struct Case {
    const char* name;
    Bytes body;
    ErrorCode code;
    const char* message;
    const char* source;
  };
  const std::vector<Case> cases = {
      {"peer count lie", kIp2 + u16(0) + u16(65535) + Bytes(12, 0), ErrorCode::kMalformed,
       "RFC 6396 §4.3.1 peer count: want <= 1 (what 12 bytes can hold), have 65535", "t.mrt@1008"},
      {"view name overrun", kIp2 + u16(300) + Bytes(10, 'x'), ErrorCode::kTruncated,
       "RFC 6396 §4.3.1 view name: want 300 bytes, have 10", "t.mrt@1006"},
      {"peer cut", kIp2 + u16(0) + u16(1) + Bytes{1} + u32(1) + Bytes(10, 0), ErrorCode::kTruncated,
       "RFC 6396 §4.3.1 peer IP address: want 16 bytes, have 10", "t.mrt@1013"},
      {"empty",
       {},
       ErrorCode::kTruncated,
       "RFC 6396 §4.3.1 collector BGP ID: want 4 bytes, have 0",
       "t.mrt@1000"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    PeerIndexTable t;
    Status st = decode_peer_index_table(reader(c.body), t);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, c.code);
    EXPECT_EQ(st.error().message, c.message);
    EXPECT_EQ(st.error().source, c.source);
    EXPECT_FALSE(t.present);
  }
}

TEST(MrtDecodeTest, PeerIndexTableViewNameIsBounded) {
  const Bytes body = kIp2 + u16(3000) + Bytes(3000, 'v') + u16(0);
  PeerIndexTable t;
  ASSERT_TRUE(decode_peer_index_table(reader(body), t).has_value());
  EXPECT_EQ(t.view_name.size(), limits::kMaxViewNameBytes);
  EXPECT_TRUE(t.peers.empty());
}

// ----- TABLE_DUMP_V2 RIB ----------------------------------------------------------------------

PeerIndexTable two_peers() {
  PeerIndexTable t;
  EXPECT_TRUE(decode_peer_index_table(reader(pit_body()), t).has_value());
  return t;
}

TEST(MrtDecodeTest, RibIpv4Unicast) {
  const Bytes body = u32(42) + Bytes{24, 198, 51, 100} + u16(2) + u16(0) + u32(1699999999) +
                     with_len(kAttrs4) + u16(1) + u32(1699999998) + with_len(kAttrs4);
  Rib rib;
  ASSERT_TRUE(decode_rib(reader(body), 2, two_peers(), rib).has_value());
  EXPECT_EQ(rib.sequence, 42U);
  EXPECT_EQ(rib.afi, bgp::kAfiIpv4);
  EXPECT_EQ(rib.safi, bgp::kSafiUnicast);
  EXPECT_FALSE(rib.add_path);
  EXPECT_EQ(rib.prefix.to_string(), "198.51.100.0/24");
  ASSERT_EQ(rib.count, 2U);
  EXPECT_EQ(rib.entries[0].peer_index, 0);
  EXPECT_EQ(rib.entries[0].originated, 1699999999U);
  EXPECT_EQ(rib.entries[0].attrs.as_path.to_string(), "64496 64497");
  EXPECT_EQ(rib.entries[1].peer_index, 1);
  EXPECT_EQ(rib.entries[1].originated, 1699999998U);
}

TEST(MrtDecodeTest, RibIpv6WithAbbreviatedMpReachAndAddPath) {
  const Bytes attrs = Bytes{0x40, 1, 1, 0} + Bytes{0x80, 14, 17, 16} + v6("2001:db8::2");
  const Bytes body = u32(1) + Bytes{32, 0x20, 0x01, 0x0d, 0xb8} + u16(1) + u16(1) + u32(5) +
                     u32(77) + with_len(attrs);
  Rib rib;
  ASSERT_TRUE(decode_rib(reader(body), 10, two_peers(), rib).has_value());  // IPv6 ADD-PATH
  EXPECT_TRUE(rib.add_path);
  EXPECT_EQ(rib.afi, bgp::kAfiIpv6);
  EXPECT_EQ(rib.prefix.to_string(), "2001:db8::/32");
  ASSERT_EQ(rib.count, 1U);
  EXPECT_EQ(rib.entries[0].path_id, 77U);
  EXPECT_TRUE(rib.entries[0].attrs.mp_reach.abbreviated);
  EXPECT_EQ(rib.entries[0].attrs.mp_reach.next_hop.to_string(), "2001:db8::2");
}

TEST(MrtDecodeTest, RibGeneric) {
  const Bytes body = u32(1) + u16(2) + Bytes{2} + Bytes{16, 0xff, 0x02} + u16(1) + u16(0) + u32(5) +
                     with_len(kAttrs4);
  Rib rib;
  ASSERT_TRUE(decode_rib(reader(body), 6, two_peers(), rib).has_value());
  EXPECT_EQ(rib.afi, bgp::kAfiIpv6);
  EXPECT_EQ(rib.safi, bgp::kSafiMulticast);
  EXPECT_EQ(rib.prefix.to_string(), "ff02::/16");
  EXPECT_EQ(rib.count, 1U);
}

TEST(MrtDecodeTest, RibErrors) {
  struct Case {
    const char* name;
    std::uint16_t subtype;
    Bytes body;
    bool with_peers;
    ErrorCode code;
    const char* message;
    const char* source;
  };
  const Bytes v4 = u32(1) + Bytes{24, 198, 51, 100};
  const std::vector<Case> cases = {
      {"generic afi 3", 6, u32(1) + u16(3) + Bytes{1, 0}, true, ErrorCode::kUnsupported,
       "RFC 6396 §4.3.3 RIB_GENERIC AFI: want 1 or 2, have 3", "t.mrt@1007"},
      {"generic safi 128", 6, u32(1) + u16(1) + Bytes{128, 0}, true, ErrorCode::kUnsupported,
       "RFC 6396 §4.3.3 RIB_GENERIC SAFI: want 1 or 2, have 128", "t.mrt@1007"},
      {"geo peer table subtype", 7, u32(1), true, ErrorCode::kUnsupported,
       "RFC 6396 §4.3 TABLE_DUMP_V2 subtype: want 2..6, 8..12, have 7", "t.mrt@1004"},
      {"prefix length 33", 2, u32(1) + Bytes{33, 1, 2, 3, 4, 5}, true, ErrorCode::kMalformed,
       "RFC 6396 §4.3.2 prefix length: want <= 32, have 33", "t.mrt@1004"},
      {"prefix cut", 4, u32(1) + Bytes{64, 0x20, 0x01}, true, ErrorCode::kTruncated,
       "RFC 6396 §4.3.2 prefix: want 8 bytes, have 2", "t.mrt@1005"},
      {"no peer index table", 2, v4 + u16(1) + u16(0) + u32(0) + with_len(kAttrs4), false,
       ErrorCode::kMalformed,
       "RFC 6396 §4.3.1 PEER_INDEX_TABLE: want one before the first RIB record, have none",
       "t.mrt@1010"},
      {"peer index out of range", 2, v4 + u16(1) + u16(2) + u32(0) + with_len(kAttrs4), true,
       ErrorCode::kMalformed, "RFC 6396 §4.3.4 peer index: want < 2, have 2", "t.mrt@1010"},
      {"entry header cut", 2, v4 + u16(2) + u16(0) + u32(0) + with_len(kAttrs4) + Bytes(4, 0), true,
       ErrorCode::kTruncated, "RFC 6396 §4.3.4 RIB entry header: want 8 bytes, have 4",
       "t.mrt@1042"},
      {"attributes overrun", 2, v4 + u16(1) + u16(0) + u32(0) + u16(500) + kAttrs4, true,
       ErrorCode::kTruncated, "RFC 6396 §4.3.4 BGP attributes: want 500 bytes, have 24",
       "t.mrt@1018"},
      {"entry count lie", 2, v4 + u16(65535) + u16(0) + u32(0) + u16(0), true,
       ErrorCode::kMalformed,
       "RFC 6396 §4.3.2 entry count: want <= 1 (what 8 bytes can hold), have 65535", "t.mrt@1010"},
      {"entry count lie (add-path)", 8, v4 + u16(2) + Bytes(20, 0), true, ErrorCode::kMalformed,
       "RFC 6396 §4.3.2 entry count: want <= 1 (what 20 bytes can hold), have 2", "t.mrt@1010"},
      {"entry count above the entries", 2, v4 + u16(3) + u16(0) + u32(0) + with_len(kAttrs4), true,
       ErrorCode::kTruncated, "RFC 6396 §4.3.4 RIB entry header: want 8 bytes, have 0",
       "t.mrt@1042"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Rib rib;
    Status st =
        decode_rib(reader(c.body), c.subtype, c.with_peers ? two_peers() : PeerIndexTable{}, rib);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, c.code);
    EXPECT_EQ(st.error().message, c.message);
    EXPECT_EQ(st.error().source, c.source);
  }
}

TEST(MrtDecodeTest, RibWithoutEntriesNeedsNoPeerTable) {
  Rib rib;
  ASSERT_TRUE(decode_rib(reader(u32(1) + Bytes{0} + u16(0)), 2, PeerIndexTable{}, rib).has_value());
  EXPECT_EQ(rib.count, 0U);
  EXPECT_EQ(rib.prefix.to_string(), "0.0.0.0/0");
}

// ----- TABLE_DUMP (v1) ------------------------------------------------------------------------

Bytes td_entry_v4(const Bytes& net, std::uint8_t len, const Bytes& attrs, bool as4 = false) {
  return net + Bytes{len, 1} + u32(1699999999) + kIp1 + (as4 ? u32(4200000000) : u16(64496)) +
         with_len(attrs);
}

TEST(MrtDecodeTest, TableDump) {
  TableDump td;
  ASSERT_TRUE(decode_table_dump(
                  reader(u16(0) + u16(7) + td_entry_v4({198, 51, 100, 0}, 24, kAttrs2)), 1, td)
                  .has_value());
  EXPECT_EQ(td.afi, bgp::kAfiIpv4);
  ASSERT_EQ(td.count, 1U);
  EXPECT_EQ(td.entries[0].sequence, 7);
  EXPECT_EQ(td.entries[0].prefix.to_string(), "198.51.100.0/24");
  EXPECT_EQ(td.entries[0].status, 1);
  EXPECT_EQ(td.entries[0].peer_ip.to_string(), "192.0.2.1");
  EXPECT_EQ(td.entries[0].peer_as, 64496U);
  EXPECT_EQ(td.entries[0].attrs.as_path.to_string(), "64496 64497");

  // Subtype 3 (libbgpdump's AS4 variant): 4-byte peer AS and AS_PATH.
  ASSERT_TRUE(decode_table_dump(
                  reader(u16(0) + u16(1) + td_entry_v4({10, 0, 0, 0}, 8, kAttrs4, true)), 3, td)
                  .has_value());
  EXPECT_EQ(td.entries[0].peer_as, 4200000000U);
  EXPECT_EQ(td.entries[0].attrs.as_path.to_string(), "64496 64497");

  // IPv6.
  const Bytes v6e =
      v6("2001:db8::") + Bytes{32, 1} + u32(1) + v6("2001:db8::1") + u16(64496) + with_len(kAttrs2);
  ASSERT_TRUE(decode_table_dump(reader(u16(0) + u16(1) + v6e), 2, td).has_value());
  EXPECT_EQ(td.afi, bgp::kAfiIpv6);
  EXPECT_EQ(td.entries[0].prefix.to_string(), "2001:db8::/32");
  EXPECT_EQ(td.entries[0].peer_ip.to_string(), "2001:db8::1");
}

TEST(MrtDecodeTest, TableDumpBatchedEntries) {
  // Early RIS files: one view/sequence pair, then several entries.
  const Bytes body = u16(0) + u16(3) + td_entry_v4({198, 51, 100, 0}, 24, kAttrs2) +
                     td_entry_v4({203, 0, 113, 0}, 24, kAttrs2) + td_entry_v4({10, 0, 0, 0}, 8, {});
  TableDump td;
  ASSERT_TRUE(decode_table_dump(reader(body), 1, td).has_value());
  ASSERT_EQ(td.count, 3U);
  EXPECT_EQ(td.entries[1].prefix.to_string(), "203.0.113.0/24");
  EXPECT_EQ(td.entries[2].prefix.to_string(), "10.0.0.0/8");
  EXPECT_EQ(td.entries[2].sequence, 3);
}

TEST(MrtDecodeTest, TableDumpEntryLimit) {
  // A record of minimal entries beyond limits::kMaxTableDumpEntries is refused, not expanded.
  Bytes body = u16(0) + u16(1);
  for (std::size_t i = 0; i <= limits::kMaxTableDumpEntries; ++i) {
    body = body + td_entry_v4({10, 0, 0, 0}, 8, {});
  }
  TableDump td;
  Status st = decode_table_dump(reader(body), 1, td);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(td.count, limits::kMaxTableDumpEntries);
}

TEST(MrtDecodeTest, TableDumpErrors) {
  TableDump td;
  Status st = decode_table_dump(reader(u16(0) + u16(1)), 5, td);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kUnsupported);

  st = decode_table_dump(reader(u16(0) + u16(1) + td_entry_v4({10, 0, 0, 0}, 33, kAttrs2)), 1, td);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(st.error().message, "RFC 6396 §4.2 prefix length: want <= 32, have 33");
  EXPECT_EQ(st.error().source, "t.mrt@1008");

  st = decode_table_dump(reader(u16(0) + u16(1) + Bytes(10, 0)), 1, td);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(st.error().message, "RFC 6396 §4.2 TABLE_DUMP entry: want 18 bytes, have 10");
}

// ----- BGP4MP ---------------------------------------------------------------------------------

Bytes bgp_message(std::uint8_t type, const Bytes& body) {
  return Bytes(16, 0xFF) + u16(static_cast<std::uint16_t>(19 + body.size())) + Bytes{type} + body;
}
Bytes update_body() { return u16(0) + with_len(kAttrs4) + Bytes{24, 198, 51, 100}; }
Bytes bgp4mp_v4_as4() { return u32(64496) + u32(64511) + u16(0) + u16(1) + kIp1 + kIp2; }

TEST(MrtDecodeTest, Bgp4mpSubtypes) {
  struct Case {
    const char* name;
    std::uint16_t subtype;
    Bytes body;
    RecordKind kind;
    bool as4, local, add_path;
  };
  const Bytes as2_v6 =
      u16(64496) + u16(64511) + u16(3) + u16(2) + v6("2001:db8::1") + v6("2001:db8::2");
  const std::vector<Case> cases = {
      {"STATE_CHANGE", 0, as2_v6 + u16(1) + u16(2), RecordKind::kBgp4mpState, false, false, false},
      {"STATE_CHANGE_AS4", 5, bgp4mp_v4_as4() + u16(5) + u16(6), RecordKind::kBgp4mpState, true,
       false, false},
      {"MESSAGE", 1, as2_v6 + bgp_message(4, {}), RecordKind::kBgp4mpMessage, false, false, false},
      {"MESSAGE_AS4", 4, bgp4mp_v4_as4() + bgp_message(2, update_body()),
       RecordKind::kBgp4mpMessage, true, false, false},
      {"MESSAGE_LOCAL", 6, as2_v6 + bgp_message(4, {}), RecordKind::kBgp4mpMessage, false, true,
       false},
      {"MESSAGE_AS4_LOCAL", 7, bgp4mp_v4_as4() + bgp_message(4, {}), RecordKind::kBgp4mpMessage,
       true, true, false},
      {"MESSAGE_ADDPATH", 8, as2_v6 + bgp_message(4, {}), RecordKind::kBgp4mpMessage, false, false,
       true},
      {"MESSAGE_AS4_ADDPATH", 9,
       bgp4mp_v4_as4() + bgp_message(2, u16(0) + with_len(kAttrs4) + u32(3) + Bytes{8, 10}),
       RecordKind::kBgp4mpMessage, true, false, true},
      {"MESSAGE_LOCAL_ADDPATH", 10, as2_v6 + bgp_message(1, {}), RecordKind::kBgp4mpMessage, false,
       true, true},
      {"MESSAGE_AS4_LOCAL_ADDPATH", 11, bgp4mp_v4_as4() + bgp_message(3, {6, 2}),
       RecordKind::kBgp4mpMessage, true, true, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Bgp4mp m;
    RecordKind kind = RecordKind::kSkipped;
    Status st = decode_bgp4mp(reader(c.body), c.subtype, m, kind);
    ASSERT_TRUE(st.has_value()) << st.error().to_string();
    EXPECT_EQ(kind, c.kind);
    EXPECT_EQ(m.as4, c.as4);
    EXPECT_EQ(m.local, c.local);
    EXPECT_EQ(m.add_path, c.add_path);
    EXPECT_EQ(m.peer_as, c.as4 ? 64496U : 64496U);
    EXPECT_EQ(m.local_as, 64511U);
  }
  EXPECT_TRUE(is_add_path_bgp4mp(8));
  EXPECT_TRUE(is_add_path_bgp4mp(11));
  EXPECT_FALSE(is_add_path_bgp4mp(4));
  EXPECT_FALSE(is_add_path_bgp4mp(12));
  EXPECT_TRUE(is_add_path_rib(8));
  EXPECT_TRUE(is_add_path_rib(12));
  EXPECT_FALSE(is_add_path_rib(2));
  EXPECT_FALSE(is_add_path_rib(13));
}

TEST(MrtDecodeTest, Bgp4mpValues) {
  Bgp4mp m;
  RecordKind kind = RecordKind::kSkipped;
  ASSERT_TRUE(decode_bgp4mp(reader(bgp4mp_v4_as4() + bgp_message(2, update_body())), 4, m, kind)
                  .has_value());
  EXPECT_EQ(m.peer_ip.to_string(), "192.0.2.1");
  EXPECT_EQ(m.local_ip.to_string(), "192.0.2.254");
  EXPECT_EQ(m.afi, bgp::kAfiIpv4);
  EXPECT_EQ(m.message_type, 2);
  EXPECT_EQ(m.update.nlri.size(), 1U);
  EXPECT_EQ(m.update.attrs.as_path.to_string(), "64496 64497");

  // Zebra's 8-byte STATE_CHANGE: peer AS, local AS, old and new state only.
  ASSERT_TRUE(
      decode_bgp4mp(reader(u16(64496) + u16(64511) + u16(3) + u16(4)), 0, m, kind).has_value());
  EXPECT_EQ(kind, RecordKind::kBgp4mpState);
  EXPECT_EQ(m.old_state, 3);
  EXPECT_EQ(m.new_state, 4);

  // Zebra's OPEN without interface, AFI and addresses: those bytes start the marker.
  const Bytes zebra_open =
      u16(64496) + u16(64511) + Bytes(16, 0xFF) + u16(29) + Bytes{1} + Bytes(10, 0);
  ASSERT_TRUE(decode_bgp4mp(reader(zebra_open), 1, m, kind).has_value());
  EXPECT_EQ(kind, RecordKind::kBgp4mpMessage);
  EXPECT_EQ(m.message_type, 1);
}

TEST(MrtDecodeTest, Bgp4mpErrors) {
  struct Case {
    const char* name;
    std::uint16_t subtype;
    Bytes body;
    ErrorCode code;
    const char* message;
    const char* source;
  };
  Bytes bad_marker = bgp4mp_v4_as4() + bgp_message(2, update_body());
  bad_marker[20 + 5] = 0;
  Bytes cut = bgp4mp_v4_as4() + bgp_message(2, update_body());
  cut.resize(cut.size() - 3);
  const std::vector<Case> cases = {
      {"subtype 2",
       2,
       {},
       ErrorCode::kUnsupported,
       "RFC 6396 §4.4 BGP4MP subtype: want 0, 1, 4..11, have 2",
       "t.mrt@1000"},
      {"empty",
       4,
       {},
       ErrorCode::kTruncated,
       "RFC 6396 §4.4 peer and local AS: want 8 bytes, have 0",
       "t.mrt@1000"},
      {"afi 3", 4, u32(1) + u32(2) + u16(0) + u16(3) + Bytes(8, 0), ErrorCode::kMalformed,
       "RFC 6396 §4.4 address family: want 1 or 2, have 3", "t.mrt@1010"},
      {"addresses cut", 1, u16(1) + u16(2) + u16(0) + u16(2) + Bytes(20, 0), ErrorCode::kTruncated,
       "RFC 6396 §4.4 local IP address: want 16 bytes, have 4", "t.mrt@1024"},
      {"bad marker", 4, bad_marker, ErrorCode::kMalformed,
       "RFC 4271 §4.1 marker: want 16 bytes of 0xff, have 0x00 at byte 5", "t.mrt@1020"},
      {"UPDATE cut by the record", 4, cut, ErrorCode::kTruncated,
       "RFC 4271 §4.1 UPDATE length: want 51 bytes in the record, have 3 missing", "t.mrt@1039"},
      {"message type 9", 4, bgp4mp_v4_as4() + bgp_message(9, {}), ErrorCode::kMalformed,
       "RFC 4271 §4.1 message type: want 1..5, have 9", "t.mrt@1039"},
      {"state cut", 5, bgp4mp_v4_as4() + u16(1), ErrorCode::kTruncated,
       "RFC 6396 §4.4.1 new state: want 2 bytes, have 0", "t.mrt@1022"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Bgp4mp m;
    RecordKind kind = RecordKind::kSkipped;
    Status st = decode_bgp4mp(reader(c.body), c.subtype, m, kind);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, c.code);
    EXPECT_EQ(st.error().message, c.message);
    EXPECT_EQ(st.error().source, c.source);
  }
}

TEST(MrtDecodeTest, LegacyBgp) {
  const Bytes head = u16(64496) + kIp1 + u16(64511) + kIp2;
  Bgp4mp m;
  RecordKind kind = RecordKind::kSkipped;
  const Bytes upd = u16(0) + with_len(kAttrs2) + Bytes{16, 10, 1};
  ASSERT_TRUE(decode_legacy_bgp(reader(head + upd), 1, m, kind).has_value());
  EXPECT_EQ(kind, RecordKind::kBgp4mpMessage);
  EXPECT_EQ(m.message_type, 2);
  EXPECT_EQ(m.peer_as, 64496U);
  EXPECT_EQ(m.local_ip.to_string(), "192.0.2.254");
  EXPECT_EQ(m.update.attrs.as_path.to_string(), "64496 64497");
  ASSERT_TRUE(decode_legacy_bgp(reader(head), 7, m, kind).has_value());
  EXPECT_EQ(m.message_type, 4);
  ASSERT_TRUE(
      decode_legacy_bgp(reader(u16(64496) + kIp1 + u16(1) + u16(6)), 3, m, kind).has_value());
  EXPECT_EQ(kind, RecordKind::kBgp4mpState);
  EXPECT_EQ(m.new_state, 6);
  ASSERT_TRUE(decode_legacy_bgp(reader({}), 4, m, kind).has_value());
  EXPECT_EQ(kind, RecordKind::kSkipped);
  Status st = decode_legacy_bgp(reader(u16(1)), 1, m, kind);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().message, "RFC 6396 §B.2.3 peer IP: want 4 bytes, have 0");
}

// ----- bgpdump text ---------------------------------------------------------------------------

TEST(BgpdumpFormatTest, Ipv6Text) {
  struct Case {
    const char* in;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"2001:db8::1", "2001:db8::1"},
      {"::", "::"},
      {"fe80::", "fe80::"},
      {"::ffff:192.168.2.1", "::ffff:192.168.2.1"},
      {"::192.168.1.2", "::192.168.1.2"},
      {"2001:db8:0:1:1:1:1:1", "2001:db8::1:1:1:1:1"},  // a single zero group is compressed
      {"::1", "::1"},                                   // not IPv4-compatible (<= 1)
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},    // first of equal runs
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},          // longest run
      {"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
      {"1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7::"},
      {"0:2:3:4:5:6:7:8", "::2:3:4:5:6:7:8"},
      {"abcd:ef01::", "abcd:ef01::"},
      {"::2", "::0.0.0.2"},  // libbgpdump: IPv4-compatible once the last 32 bits are > 1
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    auto a = net::IpAddress::parse(c.in);
    ASSERT_TRUE(a.has_value());
    std::string out = "x";
    append_bgpdump_ipv6(out, a->bytes().data());
    EXPECT_EQ(out, std::string("x") + c.want);
  }
}

struct Seg {
  net::SegmentType type;
  std::vector<net::Asn> asns;
};

net::AsPath path_of(const std::vector<Seg>& segs) {
  net::AsPath p;
  for (const auto& s : segs) {
    p.add_segment(s.type);
    for (auto a : s.asns) p.push(a);
  }
  return p;
}

TEST(BgpdumpFormatTest, AsPathText) {
  using T = net::SegmentType;
  struct Case {
    const char* name;
    std::vector<Seg> segs;
    const char* want;  // what bgpdump 1.6.2 prints (checked with bgpdump -m)
  };
  const std::vector<Case> cases = {
      {"sequence", {{T::kSequence, {64496, 4200000000}}}, "64496 4200000000"},
      {"sequence then set", {{T::kSequence, {1, 2}}, {T::kSet, {3, 4}}}, "1 2 {3,4}"},
      {"set in the middle",
       {{T::kSequence, {1, 2}}, {T::kSet, {3, 4}}, {T::kSequence, {5}}},
       "1 2 {3,4} 5"},
      {"confed sequence",
       {{T::kConfedSequence, {65001, 65002}}, {T::kSequence, {1}}},
       "(65001 65002) 1"},
      {"confed set", {{T::kConfedSet, {65001, 65002}}}, "[65001,65002]"},
      {"set only", {{T::kSet, {3, 4}}}, "{3,4}"},
      {"one-member set", {{T::kSet, {3}}}, "{3}"},
      {"confed set then set",
       {{T::kSequence, {1}}, {T::kConfedSet, {65001, 65002}}, {T::kSet, {7, 8}}},
       "1 [65001,65002] {7,8}"},
      {"empty sequence", {{T::kSequence, {}}}, ""},
      {"empty set between sequences (bgpdump quirk)",
       {{T::kSequence, {1}}, {T::kSet, {}}, {T::kSequence, {2}}},
       "1 {}2"},
      {"no segments", {}, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string out;
    append_bgpdump_as_path(out, path_of(c.segs));
    EXPECT_EQ(out, c.want);
  }
}

TEST(BgpdumpFormatTest, LongAsPathIsCut) {
  // libbgpdump stops after ~7900 characters and appends "..." (its buffer is 8000 bytes).
  std::vector<net::Asn> asns;
  for (net::Asn i = 0; i < 2000; ++i) asns.push_back(4200000000U + i);
  std::string out = "prefix|";
  append_bgpdump_as_path(out, path_of({{net::SegmentType::kSequence, asns}}));
  const std::string text = out.substr(7);
  ASSERT_GE(text.size(), 3U);
  EXPECT_EQ(text.substr(text.size() - 3), "...");
  EXPECT_GT(text.size(), 7900U);
  EXPECT_LT(text.size(), 7900U + 15U);
  // The cut falls after a whole ASN.
  EXPECT_EQ(text.substr(text.size() - 13, 10), "4200000718");
}

Record update_record(std::uint16_t type, std::uint16_t subtype, const Bytes& body) {
  Record rec;
  rec.header.type = type;
  rec.header.subtype = subtype;
  rec.header.timestamp = 1700000000;
  rec.header.microseconds = 123;
  EXPECT_TRUE(decode_bgp4mp(reader(body), subtype, rec.bgp4mp, rec.kind).has_value());
  return rec;
}

TEST(BgpdumpFormatTest, Bgp4mpLines) {
  std::string out;
  format_bgpdump(update_record(kTypeBgp4mpEt, 4, bgp4mp_v4_as4() + bgp_message(2, update_body())),
                 out);
  EXPECT_EQ(out,
            "BGP4MP_ET|1700000000.000123|A|192.0.2.1|64496|198.51.100.0/24|64496 64497|IGP|"
            "192.0.2.1|0|0||NAG||\n");

  out.clear();
  format_bgpdump(
      update_record(kTypeBgp4mp, 4,
                    bgp4mp_v4_as4() + bgp_message(2, u16(4) + Bytes{24, 203, 0, 113} + u16(0))),
      out);
  EXPECT_EQ(out, "BGP4MP|1700000000|W|192.0.2.1|64496|203.0.113.0/24\n");

  out.clear();
  format_bgpdump(update_record(kTypeBgp4mp, 5, bgp4mp_v4_as4() + u16(1) + u16(2)), out);
  EXPECT_EQ(out, "BGP4MP|1700000000|STATE|192.0.2.1|64496|1|2\n");

  // KEEPALIVE, OPEN: no line.
  out.clear();
  format_bgpdump(update_record(kTypeBgp4mp, 4, bgp4mp_v4_as4() + bgp_message(4, {})), out);
  EXPECT_EQ(out, "");

  // ADD-PATH: the path identifier follows the prefix.
  out.clear();
  format_bgpdump(update_record(kTypeBgp4mp, 9,
                               bgp4mp_v4_as4() + bgp_message(2, u16(0) + with_len(kAttrs4) +
                                                                    u32(3) + Bytes{8, 10})),
                 out);
  EXPECT_EQ(out,
            "BGP4MP_AP|1700000000|A|192.0.2.1|64496|10.0.0.0/8|3|64496 64497|IGP|192.0.2.1|0|0||"
            "NAG||\n");
}

TEST(BgpdumpFormatTest, RibLines) {
  const PeerIndexTable peers = two_peers();
  const Bytes attrs = Bytes{0x40, 1, 1, 0} + Bytes{0x40, 2, 6, 2, 1} + u32(4200000000) +
                      Bytes{0x80, 14, 17, 16} + v6("2001:db8::2") + Bytes{0x40, 5, 4} + u32(100) +
                      Bytes{0xC0, 8, 8} + u32(0xFDE80001) + u32(0xFFFFFF01);
  Record rec;
  rec.header.type = kTypeTableDumpV2;
  rec.header.subtype = 4;
  rec.header.timestamp = 1700000000;
  rec.kind = RecordKind::kRib;
  rec.peers = &peers;
  const Bytes body =
      u32(1) + Bytes{32, 0x20, 0x01, 0x0d, 0xb8} + u16(1) + u16(1) + u32(5) + with_len(attrs);
  ASSERT_TRUE(decode_rib(reader(body), 4, peers, rec.rib).has_value());
  std::string out;
  format_bgpdump(rec, out);
  EXPECT_EQ(out,
            "TABLE_DUMP2|1700000000|B|2001:db8::1|4200000000|2001:db8::/32|4200000000|IGP|"
            "2001:db8::2|100|0|65000:1 no-export|NAG||\n");
  // Multicast RIBs print nothing (bgpdump 1.6.2).
  rec.header.subtype = 5;
  out.clear();
  format_bgpdump(rec, out);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace manrs::mrt
