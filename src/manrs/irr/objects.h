// irr/objects.h — typed views of RPSL objects: what each class means, parsed from an RpslObject.
//
// Each parse_* function takes a scanned object of its class and returns the typed view or an
// Error (kMalformed, source "<source>:<line>", message naming the attribute:
// "origin: want an AS number, have 'ASX'"). Attributes that a view does not model stay in the
// object text. Set members and route-set prefixes with RPSL range operators (RFC 2622 §2:
// ^-, ^+, ^n, ^n-m) have their own small parsers, shared by the database and the whois server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/irr/rpsl.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::irr {

// A prefix with an RPSL range operator: the set of prefixes inside `prefix` whose length is in
// [min_len, max_len]. "192.0.2.0/24" = [24,24]; "^-" = [len+1, max]; "^+" = [len, max];
// "^n" = [n,n]; "^n-m" = [n,m] (RFC 2622 §2). Operators with n < len or n > m or beyond the
// family's maximum are errors.
struct PrefixRange {
  net::Prefix prefix;
  std::uint8_t min_len = 0;
  std::uint8_t max_len = 0;

  [[nodiscard]] bool exact() const { return min_len == prefix.length() && max_len == min_len; }
  // The RPSL text: "192.0.2.0/24", "192.0.2.0/24^+", "192.0.2.0/24^-", "192.0.2.0/24^26",
  // "192.0.2.0/24^25-26" (the shortest form that means the same range).
  [[nodiscard]] std::string to_rpsl() const;
  // Applies an outer range operator ("^+", "^-", "^n", "^n-m"; the '^' is optional) to this
  // range (RFC 2622 §2: "rs-foo^+ contains all the inclusive more specifics of all the prefixes
  // in rs-foo"): the operator applies to every prefix of the range and the result is the union,
  // computed from the range's shortest length a = min_len:
  //   ^- -> [a+1, max]   ^+ -> [a, max]   ^n -> [n, n] if n >= a   ^n-m -> [max(n, a), m] if m >= a
  // e.g. 5.0.0.0/8^+ with ^24-32 -> 5.0.0.0/8^24-32; 30.0.0.0/8^24 with ^+ -> ^24-32.
  // nullopt when nothing remains (192.0.2.0/24 with ^16) or the operator is malformed.
  [[nodiscard]] std::optional<PrefixRange> apply(std::string_view op) const;

  friend bool operator==(const PrefixRange&, const PrefixRange&) = default;
  friend auto operator<=>(const PrefixRange&, const PrefixRange&) = default;
};
// Parses "192.0.2.0/24^24-32"; untrusted input.
[[nodiscard]] Result<PrefixRange> parse_prefix_range(std::string_view text);

// Set names (RFC 2622 §5): hierarchical, colon-separated components, at least one of which
// starts with the class prefix ("AS-", "RS-", "FLTR-", "RTRS-", "PRNG-"); the others are ASNs
// or set names. "AS64500:AS-CUSTOMERS", "AS-FOO:AS64500". Case-insensitive.
[[nodiscard]] bool is_as_set_name(std::string_view name);
[[nodiscard]] bool is_route_set_name(std::string_view name);
[[nodiscard]] bool is_filter_set_name(std::string_view name);

// One entry of an as-set's or route-set's members/mp-members.
struct SetMember {
  enum class Kind : std::uint8_t {
    kAsn,       // AS64500 (in a route-set: the routes originated by that AS)
    kAsSet,     // AS-FOO, AS64500:AS-CUST (optionally SOURCE::AS-FOO)
    kRouteSet,  // RS-FOO
    kPrefix,    // 192.0.2.0/24^+ (route-sets only)
    kAsAny,     // AS-ANY: every AS (never expanded; reported)
    kRsAny,     // RS-ANY: every route
  };
  Kind kind = Kind::kAsn;
  net::Asn asn = 0;      // kAsn
  std::string name;      // kAsSet/kRouteSet: upper-cased set name
  std::string source;    // "RIPE" for "RIPE::AS-FOO" (upper-cased), else empty
  std::string range_op;  // operator after an AS/set member of a route-set: "^+", "^24-32"
  PrefixRange range;     // kPrefix

  friend bool operator==(const SetMember&, const SetMember&) = default;
};
// Parses one list item. `route_set` allows prefixes and range operators. Untrusted input.
[[nodiscard]] Result<SetMember> parse_set_member(std::string_view item, bool route_set);

// Fields every object has (missing ones are empty).
struct CommonFields {
  std::string source;                  // upper-cased `source:`
  std::vector<std::string> mnt_by;     // upper-cased
  std::vector<std::string> member_of;  // upper-cased
  std::string created, last_modified;  // as written (ISO 8601 in RIPE dumps)
  std::vector<std::string> admin_c, tech_c;
  std::string abuse_c;
  std::string org;
};

struct RouteObject {
  net::Prefix prefix;  // route: IPv4 only; route6: IPv6 only
  net::Asn origin = 0;
  std::vector<PrefixRange> holes;
  std::vector<std::string> descr;
  std::vector<std::string> problems;  // holes that did not parse (the object is still good)
  CommonFields common;
};
[[nodiscard]] Result<RouteObject> parse_route(const RpslObject& obj, std::string_view source_name);

struct AsSetObject {
  std::string name;                      // upper-cased
  std::vector<SetMember> members;        // members: (ASNs and as-sets)
  std::vector<std::string> mbrs_by_ref;  // upper-cased maintainer names; "ANY" allowed
  std::vector<std::string> problems;     // members that did not parse ("members: 'AS-'...")
  CommonFields common;
};
[[nodiscard]] Result<AsSetObject> parse_as_set(const RpslObject& obj, std::string_view source_name);

struct RouteSetObject {
  std::string name;
  std::vector<SetMember> members;     // members: IPv4 prefixes, route-sets, ASNs, as-sets
  std::vector<SetMember> mp_members;  // mp-members: (RFC 4012) IPv4 and IPv6
  std::vector<std::string> mbrs_by_ref;
  std::vector<std::string> problems;
  CommonFields common;
};
[[nodiscard]] Result<RouteSetObject> parse_route_set(const RpslObject& obj,
                                                     std::string_view source_name);

// One policy attribute of an aut-num, kept as structured text (RFC 2622 §6, RFC 4012 §2.5).
struct PolicyTerm {
  std::string peering;  // "AS64510", "AS64500:AS-CUSTOMERS at 192.0.2.1", "AS-ANY"
  std::string action;   // "pref=100; community.append(64500:1);" ("" when none)
  std::string via;      // import-via/export-via: the intermediate AS expression ("AS6777")
};
struct Policy {
  enum class Kind : std::uint8_t {
    kImport,
    kExport,
    kDefault,
    kMpImport,
    kMpExport,
    kMpDefault,
    kImportVia,
    kExportVia
  };
  Kind kind = Kind::kImport;
  std::string protocol, into;     // "protocol BGP4 into OSPF" (rare)
  std::vector<std::string> afi;   // mp-*: "ipv4.unicast", "ipv6", "any"; empty = ipv4.unicast
  std::vector<PolicyTerm> terms;  // one per "from/to <peering> [action ...]"
  std::string filter;             // "accept"/"announce" expression, e.g. "AS64500:AS-ALL"
  // A structured policy ("{ ... } EXCEPT { ... }", "REFINE") is kept whole in `filter` with
  // structured = true.
  bool structured = false;
  std::string text;  // the cleaned attribute value
  std::uint32_t line = 0;
};
[[nodiscard]] std::string_view to_string(Policy::Kind k);  // "mp-import"

struct AutNumObject {
  net::Asn asn = 0;
  std::string as_name;
  std::vector<std::string> descr;
  std::vector<Policy> policies;
  std::vector<std::string> problems;  // policy lines that could not be structured
  CommonFields common;
};
[[nodiscard]] Result<AutNumObject> parse_aut_num(const RpslObject& obj,
                                                 std::string_view source_name);

// person / role / mntner / organisation / irt: the contact data MANRS Action 3 checks.
struct ContactObject {
  ObjectClass cls = ObjectClass::kPerson;
  std::string handle;  // nic-hdl / mntner name / organisation id / irt name
  std::string name;    // person, role, org-name (empty for mntner, irt)
  std::vector<std::string> e_mail, abuse_mailbox, phone, address, upd_to, mnt_nfy;
  std::vector<std::string> auth;  // mntner/irt: auth methods only ("MD5-PW", "PGPKEY-1234");
                                  // secrets and hashes are never kept
  CommonFields common;
};
[[nodiscard]] Result<ContactObject> parse_contact(const RpslObject& obj,
                                                  std::string_view source_name);

// inetnum / inet6num: address ranges ("192.0.2.0 - 192.0.2.255" or a prefix).
struct InetnumObject {
  ObjectClass cls = ObjectClass::kInetnum;
  net::IpAddress first, last;
  std::string netname, country, status;
  CommonFields common;
};
[[nodiscard]] Result<InetnumObject> parse_inetnum(const RpslObject& obj,
                                                  std::string_view source_name);

struct AsBlockObject {
  net::Asn first = 0, last = 0;  // "AS64496 - AS64511"
  CommonFields common;
};
[[nodiscard]] Result<AsBlockObject> parse_as_block(const RpslObject& obj,
                                                   std::string_view source_name);

struct FilterSetObject {
  std::string name;
  std::string filter, mp_filter;  // cleaned filter expressions
  CommonFields common;
};
[[nodiscard]] Result<FilterSetObject> parse_filter_set(const RpslObject& obj,
                                                       std::string_view source_name);

}  // namespace manrs::irr
