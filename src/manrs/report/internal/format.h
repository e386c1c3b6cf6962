// report/internal/format.h — the words and numbers every report format shares: percentages with
// one decimal, durations, short times, readiness titles, route states.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/check/model.h"

namespace manrs::report::detail {

// "48.6" (one decimal, rounded half away from zero as printf does); "" for no data.
[[nodiscard]] std::string percent_number(std::optional<double> percent);
// "48.6 %", or `none` for no data.
[[nodiscard]] std::string percent_text(std::optional<double> percent, std::string_view none = "–");
// "0 s", "45 s", "20 min", "3 h 5 min", "2 d 3 h" (the two largest units).
[[nodiscard]] std::string duration_text(std::int64_t seconds);
// "2015-11-03 06:00" (UTC, minutes).
[[nodiscard]] std::string short_time(std::int64_t ts);
// "2015-11-03".
[[nodiscard]] std::string day_text(std::int64_t ts);
// "Ready", "Aspiring", "Lagging", "No data".
[[nodiscard]] std::string_view readiness_title(check::Readiness r);
// "1", "2", "3", "4", "4": the MANRS action number of a score column.
[[nodiscard]] std::string_view action_number(check::Action a);
// "valid", "invalid (AS)", "invalid (length)", "not found".
[[nodiscard]] std::string_view rov_title(rpki::RovState s);
// "exact", "less specific", "other origin", "none".
[[nodiscard]] std::string_view irr_title(check::IrrCoverage c);
// True when the route needs work: not RPKI-valid (when VRPs were given), or not covered by a route
// object of its origin (when an IRR was given).
[[nodiscard]] bool route_needs_work(const check::RoutingInfo& info, const check::AnnouncedRoute& r);
// The first of an incident's events (its prefix and evidence), nullptr when it has none.
[[nodiscard]] const check::Event* first_event(const check::AsReport& r, const check::Incident& i);
// Every incident of every incident metric with its metric, ordered by start (stable);
// `scored` receives how many count towards Filtering.
struct IncidentItem {
  const check::MetricResult* metric;
  const check::Incident* incident;
};
[[nodiscard]] std::vector<IncidentItem> incidents_by_start(const check::AsReport& r,
                                                           std::size_t& scored);
// Score to at most 2 decimals without trailing zeros: "0.5", "3", "1.25".
[[nodiscard]] std::string score_text(double score);

}  // namespace manrs::report::detail
