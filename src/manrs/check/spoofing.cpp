// check/spoofing.cpp — see spoofing.h.
#include "manrs/check/spoofing.h"

#include <algorithm>
#include <map>
#include <string>

#include <fmt/format.h>

#include "manrs/registry/spoofer.h"

namespace manrs::check {

SpoofingInfo spoofing_info(net::Asn asn, const registry::SpooferResults* results,
                           const TimeWindow& window) {
  SpoofingInfo info;
  info.have_data = results != nullptr;
  if (results == nullptr) return info;
  struct Seen {
    unsigned tests = 0;
    unsigned routed = 0;
    unsigned priv = 0;
    std::int64_t last = 0;
  };
  std::map<net::Prefix, Seen> spoofable;
  for (const registry::SpooferTest& t : results->tests(asn)) {
    if (t.timestamp < window.start || t.timestamp >= window.end || !t.conclusive()) continue;
    ++info.tests;
    if (!t.spoofable()) continue;
    Seen& s = spoofable[t.client];
    ++s.tests;
    if (t.routed == registry::SpoofResult::kReceived) ++s.routed;
    if (t.private_source == registry::SpoofResult::kReceived) ++s.priv;
    s.last = std::max(s.last, t.timestamp);
  }
  info.spoofable_prefixes = static_cast<unsigned>(spoofable.size());
  for (const auto& [prefix, s] : spoofable) {
    std::string kinds;
    if (s.routed > 0) kinds = "routed";
    if (s.priv > 0) kinds += kinds.empty() ? "private" : " and private";
    info.evidence.push_back(
        fmt::format("{}: {} test{} received spoofed packets ({} source "
                    "addresses), last {}",
                    prefix.to_string(), s.tests, s.tests == 1 ? "" : "s", kinds,
                    format_time(s.last).substr(0, 10)));
  }
  return info;
}

std::optional<double> m5_percent(const SpoofingInfo& s, const Config& config) {
  if (!s.have_data || s.tests == 0) return std::nullopt;
  return decay_percent(static_cast<double>(s.spoofable_prefixes), config);
}

}  // namespace manrs::check
