// check/routing.h — Action 1 incidents and Action 4 route coverage from MRT data.
//
// One streaming pass over every MRT file (RIB dumps and update files, any compression, any
// order: files are sorted by their first timestamp) rebuilds, per collector peer and prefix,
// the announcement timeline: a RIB entry opens a segment at the dump time, an update replaces
// or withdraws it, a session state change closes the peer's segments. Segments are clipped to
// the calendar-month window (default: the month of the newest routing data). From them:
//  - per origin AS, the routes announced in the window (a prefix seen briefly counts) with the
//    peers that saw them: Action 4 (M7IRR, M7RPKI) via RoutingInfo;
//  - events charged to ASes, with start/end from the segments (check/model.h Event):
//    M2/M2C possible hijacks (MOAS / sub-MOAS whose origin is authorised by neither RPKI nor
//    IRR), M3/M3C full-bogon prefixes, M4/M4C bogon ASNs in paths, M1/M1C route leaks
//    (valley-free over AS relationships; ASPA where records exist), and the informational
//    RPKI-invalid and administrative-bogon originations.
// The "C" metrics charge the AS right after the culprit in the path when the culprit is its
// customer by the relationships (manrs-spec §3.3.4, the derived rule).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "manrs/check/model.h"
#include "manrs/core/result.h"
#include "manrs/net/asn.h"

namespace manrs::irr {
class Database;
}
namespace manrs::rpki {
class RovTable;
class AspaTable;
}  // namespace manrs::rpki
namespace manrs::filter {
class Unallocated;
}
namespace manrs::registry {
class AsRelations;
}

namespace manrs::check {

struct RoutingInputs {
  std::vector<std::string> mrt_files;                // RIBs and updates, any order
  const rpki::RovTable* rov = nullptr;               // VRPs (null: no RPKI data)
  const rpki::AspaTable* aspa = nullptr;             // ASPA records (null or empty: none)
  const irr::Database* irr = nullptr;                // route objects (null: no IRR data)
  const registry::AsRelations* relations = nullptr;  // null: inferred from the paths
  const filter::Unallocated* unallocated = nullptr;  // administrative bogons (optional)
  unsigned threads = 0;                              // 0 = all cores
  bool progress = false;                             // progress on stderr (caller checks TTY)
};

struct RoutingStats {
  std::uint64_t files = 0;
  std::uint64_t records = 0;
  std::uint64_t rib_entries = 0;
  std::uint64_t announcements = 0;
  std::uint64_t withdrawals = 0;
  std::uint64_t record_errors = 0;
  std::uint64_t segments = 0;  // announcement segments inside the window
  std::uint64_t prefixes = 0;
  std::uint64_t origins = 0;    // distinct origin ASNs in the window
  std::int64_t data_start = 0;  // first and last timestamp seen in the data
  std::int64_t data_end = 0;
  double seconds = 0;
};

class RoutingAnalysis {
 public:
  // Reads the MRT files and computes everything. `window`: nullopt = the month of the newest
  // routing data. Damaged records are counted and skipped (warnings go to `warnings()`); an
  // unreadable file is an error naming it.
  [[nodiscard]] static Result<std::unique_ptr<RoutingAnalysis>> run(
      const RoutingInputs& inputs, const std::optional<TimeWindow>& window, const Config& config);

  virtual ~RoutingAnalysis() = default;

  [[nodiscard]] virtual const TimeWindow& window() const = 0;
  [[nodiscard]] virtual const RoutingStats& stats() const = 0;
  // Origin ASNs seen in the window by at least `min_peers` distinct peers, ascending.
  [[nodiscard]] virtual std::vector<net::Asn> universe(unsigned min_peers) const = 0;
  // Every AS that has routes or events in the window (ascending).
  [[nodiscard]] virtual std::vector<net::Asn> ases() const = 0;
  // The events charged to `asn` (asn == Event::asn), every incident metric, sorted by
  // (metric, start). Empty when none.
  [[nodiscard]] virtual std::vector<Event> events(net::Asn asn) const = 0;
  // The routes `asn` originated in the window with their RPKI/IRR state (Action 4).
  [[nodiscard]] virtual RoutingInfo routing_info(net::Asn asn) const = 0;
  // The AS relationships used (given, or inferred: see relationships_note()).
  [[nodiscard]] virtual const registry::AsRelations& relations() const = 0;
  // "" when given; else one sentence naming the inference algorithm and its inputs.
  [[nodiscard]] virtual std::string relationships_note() const = 0;
  // Direct customers of `asn` by the relationships (for the report).
  [[nodiscard]] virtual std::vector<net::Asn> customers(net::Asn asn) const = 0;
  // The input files with a one-line summary each (Input::kind "mrt-rib" / "mrt-updates").
  [[nodiscard]] virtual std::vector<Input> inputs() const = 0;
  [[nodiscard]] virtual std::vector<std::string> warnings() const = 0;
};

}  // namespace manrs::check
