// bgp/attributes.h — BGP path attributes of an UPDATE (RFC 4271 §4.3, §5) and their decoder.
//
// Decodes ORIGIN, AS_PATH (2- or 4-octet), NEXT_HOP, MED, LOCAL_PREF, ATOMIC_AGGREGATE,
// AGGREGATOR, COMMUNITIES (RFC 1997), ORIGINATOR_ID and CLUSTER_LIST (RFC 4456), MP_REACH_NLRI and
// MP_UNREACH_NLRI (RFC 4760; the abbreviated MRT form of RFC 6396 §4.3.4), EXTENDED_COMMUNITIES
// (RFC 4360), AS4_PATH and AS4_AGGREGATOR with the RFC 6793 §4.2.3 merge, LARGE_COMMUNITY
// (RFC 8092) and OTC (RFC 9234). Unknown attributes are kept as raw bytes. Malformed attributes
// are handled as RFC 7606 says: each problem is recorded with its action (attribute discard,
// treat-as-withdraw, session reset); the decoder never fails on bad attribute contents.
// PathAttributes is meant to be reused record after record: clear() keeps the capacity.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "manrs/bgp/nlri.h"
#include "manrs/core/byte_reader.h"
#include "manrs/net/as_path.h"
#include "manrs/net/ip_address.h"

namespace manrs::bgp {

// Attribute type codes (IANA "BGP Path Attributes").
enum class AttrType : std::uint8_t {
  kOrigin = 1,
  kAsPath = 2,
  kNextHop = 3,
  kMultiExitDisc = 4,
  kLocalPref = 5,
  kAtomicAggregate = 6,
  kAggregator = 7,
  kCommunities = 8,
  kOriginatorId = 9,
  kClusterList = 10,
  kMpReachNlri = 14,
  kMpUnreachNlri = 15,
  kExtendedCommunities = 16,
  kAs4Path = 17,
  kAs4Aggregator = 18,
  kLargeCommunity = 32,
  kOtc = 35,
};

enum class Origin : std::uint8_t { kIgp = 0, kEgp = 1, kIncomplete = 2 };

// RFC 7606 §2 error-handling approaches, in increasing severity.
enum class ErrorAction : std::uint8_t {
  kNone = 0,
  kAttributeDiscard = 1,  // drop the attribute, keep the route
  kTreatAsWithdraw = 2,   // the UPDATE's NLRI are withdrawn
  kSessionReset = 3,      // AFI/SAFI disable or session reset (RFC 7606 §3 (j), (k))
};

[[nodiscard]] std::string_view to_string(ErrorAction a);

struct AttrProblem {
  std::uint8_t type = 0;
  ErrorAction action = ErrorAction::kNone;
  std::string message;  // "RFC 7606 §7.1 ORIGIN: want length 1, have 2"
};

struct Aggregator {
  net::Asn asn = 0;
  net::IpAddress address;
};

struct LargeCommunity {
  std::uint32_t global = 0;
  std::uint32_t local1 = 0;
  std::uint32_t local2 = 0;
};

struct RawAttribute {
  std::uint8_t flags = 0;
  std::uint8_t type = 0;
  std::span<const std::byte> value;  // view into the record buffer
};

// MP_REACH_NLRI (RFC 4760 §3). In an MRT RIB entry it may be abbreviated (RFC 6396 §4.3.4):
// only the next hop, with afi/safi taken from the RIB record.
struct MpReach {
  bool present = false;
  bool abbreviated = false;
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  std::uint8_t next_hop_len = 0;  // as on the wire: 4, 16, 32 (global + link-local), ...
  net::IpAddress next_hop;
  net::IpAddress next_hop_link_local;
  std::vector<NlriPrefix> nlri;
};

struct MpUnreach {
  bool present = false;
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  std::vector<NlriPrefix> withdrawn;
};

// How to read attributes: AS width and ADD-PATH depend on the session / MRT subtype.
struct AttrContext {
  unsigned asn_len = 4;   // 2 for old BGP sessions (RFC 6793 §4.2.3 merge applies), else 4
  bool add_path = false;  // NLRI in MP_REACH/MP_UNREACH carry path identifiers (RFC 7911)
  bool mrt_rib = false;   // inside a TABLE_DUMP(_V2) RIB entry: MP_REACH may be abbreviated
  // When the NLRI of MP_REACH/MP_UNREACH do not parse without path identifiers, try with
  // them (BIRD wrote ADD-PATH NLRI under non-ADD-PATH MRT subtypes). Sets add_path_detected.
  bool detect_add_path = false;
  // Route-statistics mode (4-octet paths only): every attribute's length is still checked and
  // problems recorded, but AS_PATH keeps only its last segment's last ASN (enough for
  // AsPath::origin()), and communities, cluster lists and unknown attributes are not kept.
  bool summary = false;
};

struct PathAttributes {
  // Bit t set when attribute type t (< 64) was present and well-formed enough to keep.
  std::uint64_t present = 0;
  // Bit t set when attribute type t (< 64) appeared at all, even with a bad length. The
  // fixed-size fields below then hold what a lenient reader (libbgpdump) sees: the first
  // bytes of the value, zero-filled when short. RFC consumers use `present`; the bgpdump
  // formatter uses `seen` to print exactly what bgpdump prints.
  std::uint64_t seen = 0;

  Origin origin = Origin::kIncomplete;
  std::uint8_t origin_raw = 0;  // the value on the wire (may be > 2 in damaged data)
  net::AsPath as_path;          // after the AS4_PATH merge when asn_len == 2
  bool as_path_error = false;   // AS_PATH could not be decoded (bad segment)
  net::AsPath as4_path;         // AS4_PATH as received
  net::IpAddress next_hop;      // NEXT_HOP (IPv4)
  std::uint32_t med = 0;
  std::uint32_t local_pref = 0;
  Aggregator aggregator;  // after the AS4_AGGREGATOR merge when asn_len == 2
  Aggregator as4_aggregator;
  std::vector<std::uint32_t> communities;
  std::vector<std::array<std::uint8_t, 8>> ext_communities;
  std::vector<LargeCommunity> large_communities;
  net::IpAddress originator_id;
  std::vector<std::uint32_t> cluster_list;
  std::uint32_t otc = 0;
  MpReach mp_reach;
  MpUnreach mp_unreach;
  std::vector<RawAttribute> unknown;

  bool add_path_detected = false;  // NLRI carried path identifiers the context did not announce

  std::vector<AttrProblem> problems;
  ErrorAction action = ErrorAction::kNone;  // the most severe action among problems

  void clear();
  [[nodiscard]] bool has(AttrType t) const {
    return ((present >> static_cast<unsigned>(t)) & 1U) != 0;
  }
  [[nodiscard]] bool was_seen(AttrType t) const {
    return ((seen >> static_cast<unsigned>(t)) & 1U) != 0;
  }
  void set(AttrType t) { present |= 1ULL << static_cast<unsigned>(t); }
  void add_problem(std::uint8_t type, ErrorAction action, std::string message);
};

// Decodes the path attributes in `r` (exactly the attribute bytes, no length prefix).
// Never fails on bad attribute contents (those become `problems`); fails only for internal
// limits (kLimitExceeded). `out` is cleared first. Views in `out.unknown` point into r's bytes.
[[nodiscard]] Status decode_attributes(core::ByteReader r, const AttrContext& ctx,
                                       PathAttributes& out);

}  // namespace manrs::bgp
