// check/assemble.h — one AS's report from the routing analysis and the other sources: the
// metrics, the five action scores (manrs-spec §3.4), the fixes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/check/coordination.h"
#include "manrs/check/model.h"
#include "manrs/net/asn.h"

namespace manrs::irr {
class Database;
}
namespace manrs::rpki {
class RovTable;
struct VrpSet;
}  // namespace manrs::rpki
namespace manrs::registry {
class AsRelations;
class PeeringDb;
class DelegatedStats;
class AsNames;
class SpooferResults;
}  // namespace manrs::registry

namespace manrs::check {

class RoutingAnalysis;

// What `manrs check` loaded; every part optional (null = not given → "no data" where needed).
struct Sources {
  const irr::Database* irr = nullptr;
  const rpki::RovTable* rov = nullptr;
  const rpki::VrpSet* vrps = nullptr;
  const registry::PeeringDb* peeringdb = nullptr;
  const registry::DelegatedStats* delegated = nullptr;
  const registry::AsNames* names = nullptr;
  const registry::SpooferResults* spoofer = nullptr;
  IrrContactData irr_contacts;                 // irr_contact_data(*irr), computed once
  std::vector<std::string_view> as_set_names;  // irr->set_names(kAsSet), computed once
  std::string irr_registry;        // registry for new objects when delegated stats lack the AS
  std::vector<Input> inputs;       // listed in every report
  std::vector<std::string> notes;  // added to every report
};

struct BuildOptions {
  bool fixes = true;     // remediation (not needed for the --all table)
  std::int64_t now = 0;  // for staleness (0 = the end of the window)
};

// The report of `asn` for the analysis' window. `routing` may be null (no MRT data: Filtering,
// IRR and RPKI have no data).
[[nodiscard]] AsReport build_report(net::Asn asn, const RoutingAnalysis* routing,
                                    const Sources& sources, const Config& config,
                                    const BuildOptions& options);

// The Filtering score from the incident metrics of a report (Σ raw of the scored metrics →
// decay curve); nullopt when the AS was not seen in the routing data.
[[nodiscard]] std::optional<double> filtering_percent(const std::vector<MetricResult>& metrics,
                                                      bool seen, const Config& config);

}  // namespace manrs::check
