// check/internal/routing_data.h — what the MRT pass leaves for the analysis: window-clipped
// segments grouped per (prefix, origin) with the union of their intervals. Private to
// check/routing*.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "manrs/check/internal/routing_store.h"
#include "manrs/check/model.h"
#include "manrs/check/routing.h"
#include "manrs/registry/asrel.h"

namespace manrs::check::detail {

struct Interval {
  std::int64_t start = 0;
  std::int64_t end = 0;
};

// The segments of one (prefix, origin) in the window.
struct Group {
  std::uint32_t prefix = 0;  // prefix id
  net::Asn origin = 0;
  std::uint32_t seg_begin = 0, seg_end = 0;  // RoutingData::segments
  std::uint32_t iv_begin = 0, iv_end = 0;    // RoutingData::unions (sorted, disjoint)
  std::uint32_t peers = 0;                   // distinct peers
};

struct RoutingData {
  TimeWindow window;
  PrefixStore prefixes;
  PathStore paths;
  // Clipped to the window. [0, origin_segments): with an origin, sorted by (prefix rank,
  // origin, start); the rest (a final AS_SET, an empty path) by prefix rank.
  std::vector<Segment> segments;
  std::size_t origin_segments = 0;
  std::vector<std::uint32_t> rank;     // prefix id → rank in prefix order
  std::vector<std::uint32_t> by_rank;  // rank → prefix id
  std::vector<Group> groups;           // sorted by (prefix rank, origin)
  std::vector<Interval> unions;
  const registry::AsRelations* relations = nullptr;

  [[nodiscard]] std::span<const Interval> intervals(const Group& g) const {
    return {unions.data() + g.iv_begin, g.iv_end - g.iv_begin};
  }
  [[nodiscard]] std::span<const Segment> segs(const Group& g) const {
    return {segments.data() + g.seg_begin, g.seg_end - g.seg_begin};
  }
};

// Every event of every AS (check/routing.h), sorted by (asn, metric, start). `notes` receives
// sentences about what was not computed and why.
[[nodiscard]] std::vector<Event> detect_events(const RoutingData& data, const RoutingInputs& inputs,
                                               const Config& config,
                                               std::vector<std::string>& notes);

// The unions of two sorted disjoint interval lists intersected (positive-length pieces only).
void intersect(std::span<const Interval> a, std::span<const Interval> b,
               std::vector<Interval>& out);

}  // namespace manrs::check::detail

namespace manrs::rpki {
class RovTable;
}
namespace manrs::irr {
class Database;
}

namespace manrs::check::detail {

// The VRPs covering `prefix`, at most `max` of them: "AS64500 192.0.2.0/24-24, ..." ("" = none).
[[nodiscard]] std::string covering_vrps(const rpki::RovTable& rov, const net::Prefix& prefix,
                                        std::size_t max = 3);
// §3.4.3 M7IRR coverage of (prefix, origin) over every source; `detail` names the matching
// object ("route 192.0.2.0/24 AS64500 (RIPE)") or the other origins found.
[[nodiscard]] IrrCoverage irr_coverage(const irr::Database& db, const net::Prefix& prefix,
                                       net::Asn origin, std::string* detail);

}  // namespace manrs::check::detail
