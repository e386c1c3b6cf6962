// filter/generate.h — builds a Filter for a customer (AS-SET, ASN or route-set) from the IRR
// database and the VRPs: expansion, route objects, RPKI, bogons, length limits, aggregation,
// and the safety checks a generated filter must pass before it is deployed (manrs-spec §2.1.3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/filter/bogons.h"
#include "manrs/filter/model.h"
#include "manrs/irr/database.h"
#include "manrs/irr/expand.h"
#include "manrs/rpki/rov.h"
#include "manrs/rpki/vrp.h"

namespace manrs::filter {

// The VRPs prepared for filter generation: RFC 6811 validation of route objects and the
// ROA-authorised prefixes of an ASN. Build once, share between filters (batch mode).
class RpkiIndex {
 public:
  explicit RpkiIndex(const rpki::VrpSet& vrps);
  [[nodiscard]] rpki::RovState validate(const net::Prefix& p, net::Asn origin) const;
  // VRPs of `asn` (sorted by prefix).
  [[nodiscard]] std::vector<const rpki::Vrp*> by_asn(net::Asn asn) const;
  [[nodiscard]] std::vector<rpki::Vrp> covering(const net::Prefix& p) const;
  [[nodiscard]] std::string_view ta_name(std::uint16_t ta) const { return vrps_->ta_name(ta); }
  [[nodiscard]] std::size_t size() const { return vrps_->vrps.size(); }

 private:
  const rpki::VrpSet* vrps_;
  rpki::RovTable table_;
  std::vector<std::uint32_t> by_asn_;  // indexes into vrps_->vrps sorted by (asn, prefix)
};

struct GenerateOptions {
  Mode mode = Mode::kIrr;
  irr::ExpandOptions expand;  // scope, guardrails; expand.allow_empty is ignored (see below)
  bool v4 = true;
  bool v6 = true;
  // Longest prefix that may pass (bgpq4 -m); longer route objects are excluded (kTooSpecific)
  // and `le` ranges are clipped to it. Defaults: /24, /48 (NLNOG small_prefixes, MANRS guide).
  unsigned max_len_v4 = 24;
  unsigned max_len_v6 = 48;
  // Shortest prefix that may pass (bgpq4 -r-like floor; 0 = none): shorter -> kTooShort.
  unsigned min_len_v4 = 0;
  unsigned min_len_v6 = 0;
  // Allow more-specifics of each prefix up to this length (bgpq4 -R): entry P/l becomes
  // P/l le max(l, N) (clipped by max_len). nullopt = exact entries.
  std::optional<unsigned> more_specifics_v4;
  std::optional<unsigned> more_specifics_v6;
  // Lossless aggregation (bgpq4 -A): sibling and nested entries merged into ranges that match
  // exactly the same prefixes.
  bool aggregate = false;
  // Exclude unallocated space (optional; nullptr = don't).
  const Unallocated* unallocated = nullptr;
  // An empty result (no entry in any family asked for) is an Error unless this is set.
  bool allow_empty = false;
  // Drop bogon ASNs (§4.9.3) from the origin list (reported in Filter::bogon_asns).
  bool drop_bogon_asns = true;
};

// `target`: an AS-SET ("AS-FOO", "AS64500:AS-CUST", "RIPE::AS-FOO"), an ASN ("AS64500"), or a
// route-set ("RS-FOO"). `db` may be null only in Mode::kRpki with an ASN target; `rpki` may be
// null only in Mode::kIrr. Errors: unknown set (kPolicy, "not found"), empty result (kPolicy)
// unless allowed, expansion errors.
[[nodiscard]] Result<Filter> generate(const irr::Database* db, const RpkiIndex* rpki,
                                      std::string_view target, const GenerateOptions& options);

// Lossless aggregation of a list of entries (see GenerateOptions::aggregate): the result
// matches exactly the prefixes the input matches; evidence is merged onto the covering entry.
[[nodiscard]] std::vector<Entry> aggregate_entries(std::vector<Entry> entries);

// Removes entries covered by another entry (evidence moves to the covering entry), sorts.
void normalize_entries(std::vector<Entry>& entries);

// ---- safety: the delta check against the last deployed list ------------------------------

struct PreviousList {
  std::vector<Entry> v4;
  std::vector<Entry> v6;
  std::string source;  // file name
};

// Reads a list written earlier by `manrs filter` in any dialect (or any text holding one
// prefix per entry): every IPv4/IPv6 prefix token with its length range when the line says
// `le N`/`ge N`, `upto /N`, `{a,b}`, `prefixlen a - b`, `^a-b`. JSON output is read exactly.
[[nodiscard]] Result<PreviousList> read_previous(const std::string& path);
// The same from text in memory (`source` names it in messages).
[[nodiscard]] Result<PreviousList> parse_previous(std::string_view text, std::string source);

struct Delta {
  std::size_t previous = 0;  // entries before
  std::size_t current = 0;   // entries now
  std::size_t added = 0;
  std::size_t removed = 0;
  std::vector<Entry> added_entries;
  std::vector<Entry> removed_entries;
  // (added + removed) / max(previous, 1) * 100
  [[nodiscard]] double percent() const;
};

// Compares the current filter's entries (both families) with the previous list.
[[nodiscard]] Delta compare(const Filter& current, const PreviousList& previous);

}  // namespace manrs::filter
