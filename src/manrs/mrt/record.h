// mrt/record.h — MRT records (RFC 6396, ADD-PATH subtypes from RFC 8050) as decoded values.
//
// One Record is filled per MRT record by mrt::Reader (reader.h). Its members are reused from
// record to record (vectors keep their capacity), so decoding a file allocates almost nothing
// after the first records. Which member is meaningful is given by `kind`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/bgp/attributes.h"
#include "manrs/bgp/update.h"
#include "manrs/net/ip_address.h"
#include "manrs/net/prefix.h"

namespace manrs::mrt {

// RFC 6396 §4 types (5 is the deprecated MRTd "BGP" type still found in 1999-2001 RIS files).
inline constexpr std::uint16_t kTypeBgp = 5;
inline constexpr std::uint16_t kTypeTableDump = 12;
inline constexpr std::uint16_t kTypeTableDumpV2 = 13;
inline constexpr std::uint16_t kTypeBgp4mp = 16;
inline constexpr std::uint16_t kTypeBgp4mpEt = 17;

// TABLE_DUMP_V2 subtypes (RFC 6396 §4.3, RFC 8050 §4).
enum class TdV2 : std::uint16_t {
  kPeerIndexTable = 1,
  kRibIpv4Unicast = 2,
  kRibIpv4Multicast = 3,
  kRibIpv6Unicast = 4,
  kRibIpv6Multicast = 5,
  kRibGeneric = 6,
  kGeoPeerTable = 7,
  kRibIpv4UnicastAddPath = 8,
  kRibIpv4MulticastAddPath = 9,
  kRibIpv6UnicastAddPath = 10,
  kRibIpv6MulticastAddPath = 11,
  kRibGenericAddPath = 12,
};

// BGP4MP / BGP4MP_ET subtypes (RFC 6396 §4.4, RFC 8050 §3).
enum class Bgp4mpSubtype : std::uint16_t {
  kStateChange = 0,
  kMessage = 1,
  kMessageAs4 = 4,
  kStateChangeAs4 = 5,
  kMessageLocal = 6,
  kMessageAs4Local = 7,
  kMessageAddPath = 8,
  kMessageAs4AddPath = 9,
  kMessageLocalAddPath = 10,
  kMessageAs4LocalAddPath = 11,
};

struct Header {
  std::uint32_t timestamp = 0;
  std::uint16_t type = 0;
  std::uint16_t subtype = 0;
  std::uint32_t length = 0;        // body length as declared (microseconds included for _ET)
  std::uint32_t microseconds = 0;  // _ET types only
  std::uint64_t offset = 0;        // absolute offset of the header in the decompressed input
};

struct Peer {
  std::uint32_t bgp_id = 0;
  net::IpAddress address;
  net::Asn asn = 0;
};

struct PeerIndexTable {
  bool present = false;
  std::uint32_t collector_bgp_id = 0;
  std::string view_name;
  std::vector<Peer> peers;
};

struct RibEntry {
  std::uint16_t peer_index = 0;
  std::uint32_t originated = 0;
  std::uint32_t path_id = 0;  // ADD-PATH subtypes only
  bgp::PathAttributes attrs;
};

// TABLE_DUMP_V2 RIB_* record: one prefix, the entries of every peer that has it.
struct Rib {
  std::uint32_t sequence = 0;
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  bool add_path = false;
  net::Prefix prefix;
  std::size_t count = 0;          // entries[0..count) are this record's
  std::vector<RibEntry> entries;  // pool, reused
};

// TABLE_DUMP (v1) entry (RFC 6396 §4.2). Early RIS files batch many entries per record.
struct TableDumpEntry {
  std::uint16_t view = 0;
  std::uint16_t sequence = 0;
  net::Prefix prefix;
  std::uint8_t status = 0;
  std::uint32_t originated = 0;
  net::IpAddress peer_ip;
  net::Asn peer_as = 0;
  bgp::PathAttributes attrs;
};

struct TableDump {
  std::uint16_t afi = 0;
  std::size_t count = 0;
  std::vector<TableDumpEntry> entries;  // pool, reused
};

// BGP4MP(_ET) MESSAGE* and STATE_CHANGE* (RFC 6396 §4.4), and the MRTd BGP type 5.
struct Bgp4mp {
  net::Asn peer_as = 0;
  net::Asn local_as = 0;
  std::uint16_t interface_index = 0;
  std::uint16_t afi = 0;
  net::IpAddress peer_ip;
  net::IpAddress local_ip;
  bool as4 = false;
  bool local = false;     // *_LOCAL: a message the collector sent
  bool add_path = false;  // *_ADDPATH
  // MESSAGE
  std::uint8_t message_type = 0;  // bgp::MessageType
  std::size_t truncated_by = 0;   // BGP length larger than the record
  bgp::Update update;             // when message_type == UPDATE
  // STATE_CHANGE (RFC 6396 §4.4.1 states 1..6; Quagga also writes 7, 8)
  std::uint16_t old_state = 0;
  std::uint16_t new_state = 0;
};

enum class RecordKind : std::uint8_t {
  kPeerIndexTable,
  kRib,            // TABLE_DUMP_V2 RIB_*
  kTableDump,      // TABLE_DUMP v1
  kBgp4mpMessage,  // BGP4MP(_ET) MESSAGE*, and MRTd BGP UPDATE/KEEPALIVE...
  kBgp4mpState,    // BGP4MP(_ET) STATE_CHANGE*, MRTd BGP STATE_CHANGE
  kSkipped,        // a type/subtype we frame but do not decode (OSPF, ISIS, GEO_PEER_TABLE...)
};

struct Record {
  Header header;
  RecordKind kind = RecordKind::kSkipped;
  Rib rib;
  TableDump table_dump;
  Bgp4mp bgp4mp;
  const PeerIndexTable* peers = nullptr;  // the reader's current table (TABLE_DUMP_V2)
};

// RFC 6396 / RFC 8050 subtype names ("RIB_IPV4_UNICAST", "MESSAGE_AS4"; "?" when unknown).
[[nodiscard]] std::string_view table_dump_v2_subtype_name(std::uint16_t subtype);
[[nodiscard]] std::string_view bgp4mp_subtype_name(std::uint16_t subtype);

[[nodiscard]] bool is_et(const Header& h);
[[nodiscard]] bool is_known_type(std::uint16_t type, std::uint16_t subtype);

}  // namespace manrs::mrt
