#include "manrs/check/model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "manrs/registry/dates.h"

namespace manrs::check {

namespace {

struct MetricName {
  Metric metric;
  std::string_view id;
  std::string_view title;
  bool incidents;
};

constexpr std::array<MetricName, kMetricCount> kMetrics{{
    {Metric::kM1, "M1", "Route leaks by the AS (informational)", true},
    {Metric::kM1C, "M1C", "Route leaks by a direct customer, propagated (informational)", true},
    {Metric::kM2, "M2", "Possible hijacks: origin authorised by neither RPKI nor IRR", true},
    {Metric::kM2C, "M2C", "Possible hijacks by a direct customer, propagated", true},
    {Metric::kM3, "M3", "Bogon prefixes originated", true},
    {Metric::kM3C, "M3C", "Bogon prefixes from a direct customer, propagated", true},
    {Metric::kM4, "M4", "Bogon ASNs in paths originated or propagated", true},
    {Metric::kM4C, "M4C", "Bogon ASNs from a direct customer, propagated", true},
    {Metric::kM5, "M5", "Prefixes from which spoofed packets got out (CAIDA Spoofer)", false},
    {Metric::kM6, "M6", "aut-num documents at least one import and one export", false},
    {Metric::kM7Irr, "M7IRR", "Announced routes covered by a matching route object", false},
    {Metric::kM7Rpki, "M7RPKI", "Announced routes RPKI-valid, minus 10 x the invalid share", false},
    {Metric::kM8, "M8", "Contact information registered", false},
    {Metric::kRpkiInvalid, "RPKI-INVALID", "RPKI-invalid routes originated (informational)", true},
    {Metric::kAdminBogon, "ADMIN-BOGON", "Unallocated space originated (informational)", true},
}};

}  // namespace

std::string_view metric_id(Metric m) { return kMetrics.at(static_cast<std::size_t>(m)).id; }
std::string_view metric_title(Metric m) { return kMetrics.at(static_cast<std::size_t>(m)).title; }
bool is_incident_metric(Metric m) { return kMetrics.at(static_cast<std::size_t>(m)).incidents; }

std::optional<Metric> parse_metric(std::string_view id) {
  for (const auto& n : kMetrics) {
    if (n.id.size() != id.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < id.size() && same; ++i) {
      same = std::toupper(static_cast<unsigned char>(id[i])) == n.id[i];
    }
    if (same) return n.metric;
  }
  return std::nullopt;
}

std::string_view action_id(Action a) {
  static constexpr std::array<std::string_view, kActionCount> kIds{"filtering", "anti-spoofing",
                                                                   "coordination", "irr", "rpki"};
  return kIds.at(static_cast<std::size_t>(a));
}

std::string_view action_title(Action a) {
  static constexpr std::array<std::string_view, kActionCount> kTitles{
      "Filtering", "Anti-spoofing", "Coordination", "IRR", "RPKI"};
  return kTitles.at(static_cast<std::size_t>(a));
}

std::string_view readiness_id(Readiness r) {
  switch (r) {
    case Readiness::kReady:
      return "ready";
    case Readiness::kAspiring:
      return "aspiring";
    case Readiness::kLagging:
      return "lagging";
    case Readiness::kNoData:
      break;
  }
  return "no-data";
}

std::string_view irr_coverage_id(IrrCoverage c) {
  switch (c) {
    case IrrCoverage::kExact:
      return "exact";
    case IrrCoverage::kLessSpecific:
      return "less-specific";
    case IrrCoverage::kOtherOrigin:
      return "other-origin";
    case IrrCoverage::kNone:
      break;
  }
  return "none";
}

Result<TimeWindow> month_window(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') {
    return make_error(ErrorCode::kMalformed, fmt::format("--month: want YYYY-MM, have '{}'", text));
  }
  const auto start = registry::parse_timestamp(fmt::format("{}-01", text));
  if (!start) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("--month: want YYYY-MM with month 01-12, have '{}'", text));
  }
  return month_of(*start);
}

TimeWindow month_of(std::int64_t ts) {
  const auto t = static_cast<std::time_t>(ts);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const int year = tm.tm_year + 1900;
  const auto month = static_cast<unsigned>(tm.tm_mon + 1);
  TimeWindow w;
  w.month = fmt::format("{:04}-{:02}", year, month);
  w.start = registry::days_from_civil(year, month, 1) * 86400;
  w.end = (month == 12 ? registry::days_from_civil(year + 1, 1, 1)
                       : registry::days_from_civil(year, month + 1, 1)) *
          86400;
  return w;
}

std::string format_time(std::int64_t ts) {
  const auto t = static_cast<std::time_t>(ts);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

double incident_score(std::int64_t duration, double weight, const Config& config) {
  if (duration <= 0) return 0;
  if (duration < config.acceptable_duration) return 0.5 * weight;
  if (duration < config.tolerant_duration) return 1.0 * weight;
  const auto n =
      static_cast<double>(duration / std::max<std::int64_t>(1, config.tolerant_duration));
  return config.penalty == Penalty::kLinear ? (n + 1) * weight : std::pow(2.0, n) * weight;
}

std::vector<Incident> merge_events(std::span<const Event> events,
                                   std::span<const std::uint32_t> idx, const Config& config) {
  std::vector<std::uint32_t> order(idx.begin(), idx.end());
  std::ranges::sort(order, [&](std::uint32_t a, std::uint32_t b) {
    const Event& x = events[a];
    const Event& y = events[b];
    if (x.weight != y.weight) return x.weight > y.weight;
    if (x.start != y.start) return x.start < y.start;
    return a < b;
  });
  std::vector<Incident> out;
  for (const std::uint32_t i : order) {
    const Event& e = events[i];
    // Sorted by (weight, start): an event joins the last incident of its weight when it starts
    // before or when that incident ends (overlapping or touching), which is the fixpoint of
    // §3.4.2's pairwise merging.
    if (!out.empty() && out.back().weight == e.weight && e.start <= out.back().end) {
      out.back().end = std::max(out.back().end, e.end);
      out.back().events.push_back(i);
      continue;
    }
    Incident inc;
    inc.metric = e.metric;
    inc.weight = e.weight;
    inc.start = e.start;
    inc.end = e.end;
    inc.events.push_back(i);
    out.push_back(std::move(inc));
  }
  for (Incident& inc : out) inc.score = incident_score(inc.end - inc.start, inc.weight, config);
  std::ranges::sort(out, [](const Incident& a, const Incident& b) {
    return a.start != b.start ? a.start < b.start : a.weight > b.weight;
  });
  return out;
}

double decay_percent(double raw, const Config& config) {
  if (raw <= 0) return 100.0;
  const double p = 100.0 * std::pow(config.curve_base, std::sqrt(raw / config.curve_raw));
  return std::clamp(p, 0.0, 100.0);
}

Readiness readiness(std::optional<double> percent, const Config& config) {
  if (!percent) return Readiness::kNoData;
  if (*percent >= config.ready_min) return Readiness::kReady;
  if (*percent >= config.aspiring_min) return Readiness::kAspiring;
  return Readiness::kLagging;
}

std::optional<double> m7irr_percent(const RoutingInfo& r) {
  if (!r.have_irr) return std::nullopt;
  // §3.4.3: zero routes and zero unregistered → 100 %.
  if (r.routes.empty()) return 100.0;
  return 100.0 * static_cast<double>(r.irr_covered) / static_cast<double>(r.routes.size());
}

std::optional<double> m7rpki_percent(const RoutingInfo& r) {
  if (!r.have_rpki) return std::nullopt;
  if (r.routes.empty()) return 100.0;
  const auto n = static_cast<double>(r.routes.size());
  const double v = static_cast<double>(r.rpki_valid) / n;
  const double inv = static_cast<double>(r.rpki_invalid) / n;
  return std::clamp(100.0 * (v - 10.0 * inv), 0.0, 100.0);
}

TableRow table_row(const AsReport& r) {
  TableRow row;
  row.asn = r.asn;
  row.holder = r.holder;
  row.country = r.country;
  row.registry = r.registry;
  for (const ActionScore& a : r.actions)
    row.percent[static_cast<std::size_t>(a.action)] = a.percent;
  row.routes = static_cast<unsigned>(r.routing.routes.size());
  for (const MetricResult& m : r.metrics) {
    if (m.scored && is_incident_metric(m.metric)) {
      row.incidents += static_cast<unsigned>(m.incidents.size());
    }
  }
  return row;
}

const ActionScore* find_action(const AsReport& r, Action a) {
  for (const ActionScore& s : r.actions) {
    if (s.action == a) return &s;
  }
  return nullptr;
}

const MetricResult* find_metric(const AsReport& r, Metric m) {
  for (const MetricResult& s : r.metrics) {
    if (s.metric == m) return &s;
  }
  return nullptr;
}

}  // namespace manrs::check
