#include "manrs/report/internal/format.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

namespace manrs::report::detail {

namespace {

std::tm utc(std::int64_t ts) {
  const auto t = static_cast<std::time_t>(ts);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

}  // namespace

std::string percent_number(std::optional<double> percent) {
  if (!percent) return {};
  return fmt::format("{:.1f}", *percent);
}

std::string percent_text(std::optional<double> percent, std::string_view none) {
  if (!percent) return std::string(none);
  return fmt::format("{:.1f} %", *percent);
}

std::string duration_text(std::int64_t seconds) {
  if (seconds < 0) seconds = 0;
  const std::int64_t d = seconds / 86400;
  const std::int64_t h = seconds % 86400 / 3600;
  const std::int64_t m = seconds % 3600 / 60;
  if (d > 0) return h > 0 ? fmt::format("{} d {} h", d, h) : fmt::format("{} d", d);
  if (h > 0) return m > 0 ? fmt::format("{} h {} min", h, m) : fmt::format("{} h", h);
  if (m > 0) return fmt::format("{} min", m);
  return fmt::format("{} s", seconds);
}

std::string short_time(std::int64_t ts) {
  const std::tm tm = utc(ts);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min);
}

std::string day_text(std::int64_t ts) {
  const std::tm tm = utc(ts);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string_view readiness_title(check::Readiness r) {
  switch (r) {
    case check::Readiness::kReady:
      return "Ready";
    case check::Readiness::kAspiring:
      return "Aspiring";
    case check::Readiness::kLagging:
      return "Lagging";
    case check::Readiness::kNoData:
      break;
  }
  return "No data";
}

std::string_view action_number(check::Action a) {
  switch (a) {
    case check::Action::kFiltering:
      return "1";
    case check::Action::kAntiSpoofing:
      return "2";
    case check::Action::kCoordination:
      return "3";
    case check::Action::kIrr:
    case check::Action::kRpki:
      break;
  }
  return "4";
}

std::string_view rov_title(rpki::RovState s) {
  switch (s) {
    case rpki::RovState::kValid:
      return "valid";
    case rpki::RovState::kInvalidAsn:
      return "invalid (AS)";
    case rpki::RovState::kInvalidLength:
      return "invalid (length)";
    case rpki::RovState::kNotFound:
      break;
  }
  return "not found";
}

std::string_view irr_title(check::IrrCoverage c) {
  switch (c) {
    case check::IrrCoverage::kExact:
      return "exact";
    case check::IrrCoverage::kLessSpecific:
      return "less specific";
    case check::IrrCoverage::kOtherOrigin:
      return "other origin";
    case check::IrrCoverage::kNone:
      break;
  }
  return "none";
}

bool route_needs_work(const check::RoutingInfo& info, const check::AnnouncedRoute& r) {
  const bool irr_ok =
      r.irr == check::IrrCoverage::kExact || r.irr == check::IrrCoverage::kLessSpecific;
  return (info.have_rpki && r.rov != rpki::RovState::kValid) || (info.have_irr && !irr_ok);
}

std::vector<IncidentItem> incidents_by_start(const check::AsReport& r, std::size_t& scored) {
  std::vector<IncidentItem> items;
  scored = 0;
  for (const check::MetricResult& m : r.metrics) {
    if (!check::is_incident_metric(m.metric)) continue;
    for (const check::Incident& i : m.incidents) {
      items.push_back({&m, &i});
      if (m.scored) ++scored;
    }
  }
  std::ranges::stable_sort(items, [](const IncidentItem& a, const IncidentItem& b) {
    return a.incident->start < b.incident->start;
  });
  return items;
}

const check::Event* first_event(const check::AsReport& r, const check::Incident& i) {
  for (const std::uint32_t e : i.events) {
    if (e < r.events.size()) return &r.events[e];
  }
  return nullptr;
}

std::string score_text(double score) {
  std::string s = fmt::format("{:.2f}", score);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace manrs::report::detail
