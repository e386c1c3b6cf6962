// filter/model.h — the filter model: what `manrs filter` and `manrs antispoof` produce before
// a dialect renders it. Every entry carries its evidence (IRR route objects, ROAs); every
// prefix left out says why. Renderers read this model and nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::filter {

// Where the entries come from (`manrs filter --mode`).
enum class Mode : std::uint8_t {
  kIrr,         // "irr": IRR route objects of the set's ASNs
  kIrrRpki,     // "irr-rpki": the same minus RPKI-invalid route objects (default with VRPs)
  kIrrPlusRoa,  // "irr+roa": irr-rpki plus the ROA-authorised prefixes of the set's ASNs
  kRpki,        // "rpki": the ROA-authorised prefixes of the set's ASNs only
};
[[nodiscard]] std::string_view to_string(Mode m);
[[nodiscard]] std::optional<Mode> parse_mode(std::string_view text);

// One reason for an entry to exist (or for an excluded prefix to have been a candidate).
struct Evidence {
  enum class Kind : std::uint8_t {
    kRouteObject,  // route/route6 object: prefix, asn = origin, source = IRR source
    kRoa,          // VRP: prefix, max_length, asn, source = trust anchor ("" unknown)
    kRouteSet,     // route-set member: prefix range, source = IRR source, detail = set name
    kInput,        // given by the operator (batch `prefixes = [...]`, MRT observation, ...)
  };
  Kind kind = Kind::kRouteObject;
  net::Prefix prefix;
  net::Asn asn = 0;
  std::uint8_t max_length = 0;  // kRoa: maxLength; kRouteSet: the range's upper length
  std::string source;           // IRR source name or trust anchor name
  std::string detail;           // kRouteObject: RPKI state ("valid", "not-found", "invalid",
                                // "not-checked"); kRouteSet: set name; kInput: origin of data

  // One line: "route 192.0.2.0/24 AS64501 (RIPE, rpki valid)",
  // "roa 192.0.2.0/24-24 AS64501 (ripe)", "route-set RS-FOO 192.0.2.0/24^24-26 (RADB)".
  [[nodiscard]] std::string describe() const;
};

// A prefix-list entry: every prefix inside `prefix` whose length is in [min_len, max_len]
// (prefix.length() <= min_len <= max_len <= family maximum). Exact = both equal the length.
struct Entry {
  net::Prefix prefix;
  std::uint8_t min_len = 0;
  std::uint8_t max_len = 0;
  std::vector<Evidence> evidence;  // at least one for generated entries

  [[nodiscard]] bool exact() const {
    return min_len == prefix.length() && max_len == prefix.length();
  }
  // True when every prefix matched by `other` is matched by this entry.
  [[nodiscard]] bool covers(const Entry& other) const;
  // "192.0.2.0/24", "192.0.2.0/24{24,26}" — the RPSL-like text used in messages and --explain.
  [[nodiscard]] std::string to_string() const;

  [[nodiscard]] static Entry make_exact(const net::Prefix& p) {
    Entry e;
    e.prefix = p;
    e.min_len = static_cast<std::uint8_t>(p.length());
    e.max_len = e.min_len;
    return e;
  }
};

// Deterministic order: address, then length, then min_len, then max_len.
[[nodiscard]] bool entry_less(const Entry& a, const Entry& b);

enum class Exclusion : std::uint8_t {
  kBogon,         // inside an IANA special-purpose block (manrs-spec §4.9), never passes
  kDefaultRoute,  // 0.0.0.0/0 or ::/0
  kTooSpecific,   // longer than the family's maximum (/24, /48 by default)
  kTooShort,      // shorter than --min-length
  kUnallocated,   // inside unallocated space (fullbogons list or delegated stats), optional
  kRpkiInvalid,   // every route object for it is RPKI-invalid (modes irr-rpki, irr+roa)
};
[[nodiscard]] std::string_view to_string(Exclusion e);

struct Excluded {
  Entry entry;  // what would have been in the list (with its evidence)
  Exclusion reason = Exclusion::kBogon;
  std::string detail;  // "198.18.0.0/15 Benchmarking (RFC 2544)", "invalid: roa ... (ripe)"
};

// The entries of one address family.
struct PrefixList {
  net::Family family = net::Family::kV4;
  std::vector<Entry> entries;      // entry_less order; no entry covered by another
  std::vector<Excluded> excluded;  // entry_less order of Excluded::entry
};

// What a filter run found about its input that an operator must see (from the IRR expansion).
struct Findings {
  bool found = true;                     // the AS-SET / route-set exists in scope
  std::vector<std::string> missing;      // "AS-MISSING (from AS-PARENT)"
  std::vector<std::string> cycles;       // "AS-B -> AS-A"
  std::vector<std::string> any_members;  // sets containing AS-ANY / RS-ANY
  std::vector<std::string> problems;     // members that did not parse, unknown pinned sources
  bool depth_limited = false;
  bool size_limited = false;
  std::size_t sets_visited = 0;
  [[nodiscard]] bool partial() const {
    return !found || !missing.empty() || depth_limited || size_limited || !any_members.empty();
  }
};

// The result of `manrs filter`: prefix lists per family and the origin ASNs for AS-path filters.
struct Filter {
  std::string target;  // as given, upper-cased: "AS64500:AS-CUSTOMERS", "AS64500", "RS-FOO"
  Mode mode = Mode::kIrr;
  std::vector<net::Asn> asns;        // origin ASNs allowed (sorted, unique); empty for route-sets
  std::vector<net::Asn> bogon_asns;  // ASNs of the set dropped as bogon ASNs (§4.9.3)
  PrefixList v4{net::Family::kV4, {}, {}};
  PrefixList v6{net::Family::kV6, {}, {}};
  bool has_v4 = true;  // the family was asked for
  bool has_v6 = true;
  Findings findings;
  std::vector<std::string> sources;  // IRR sources consulted, in order ("RIPE", "RADB")
  std::string rpki_description;      // "40663 VRPs from vrps.csv" or "" without RPKI
  // Where generate() spent its time (milliseconds): set expansion, route objects and ROAs
  // collected and validated, screening + normalisation + aggregation.
  double expand_ms = 0, collect_ms = 0, finish_ms = 0;
};

// ---- anti-spoofing (source address validation) model --------------------------------------

enum class UrpfMode : std::uint8_t {
  kStrict,    // single-homed: source must be reached through the arrival interface (best path)
  kFeasible,  // multihomed: EFP-uRPF list / feasible paths (RFC 8704)
  kLoose,     // lateral peers / providers: the source must have any route
  kNone,      // no uRPF (ACL only)
};
[[nodiscard]] std::string_view to_string(UrpfMode m);

// One customer-facing interface (or one customer when interfaces are not known).
struct SavInterface {
  std::string customer;   // "AS64501" or the AS-SET
  std::string interface;  // router interface name; "" = not given (renderers print a placeholder)
  UrpfMode urpf = UrpfMode::kStrict;
  bool acl = true;  // render an ingress ACL permitting only `v4`/`v6` as source
  // Permitted source prefixes (exact entries: any address inside passes) with their evidence.
  std::vector<Entry> v4;
  std::vector<Entry> v6;
  std::string algorithm;  // "strict uRPF (BCP 38)", "EFP-uRPF algorithm A (RFC 8704 section 3.1.1)"
  std::vector<std::string> notes;  // --explain: why this mode, which upstreams were seen, ...
};

struct SavPlan {
  std::vector<SavInterface> interfaces;
};

}  // namespace manrs::filter
