// check/spoofing.h — MANRS Action 2 (anti-spoofing): M5 from CAIDA Spoofer results.
//
// M5 (manrs-spec §3.2, §3.4.3) is the number of distinct client prefixes (the /24 or /40 blocks
// CAIDA publishes) of the AS from which a Spoofer test in the month got a spoofed packet out
// ("received" for routed or private source addresses); it goes through the decay curve
// (0 → 100 %, 0.5 → 60 %, 1 → 48.6 %). Tests that could not evaluate anything (every result
// unknown or absent) do not count; no conclusive test in the month → no data, never a score.
#pragma once

#include <optional>

#include "manrs/check/model.h"
#include "manrs/net/asn.h"

namespace manrs::registry {
class SpooferResults;
}

namespace manrs::check {

// `results` null = no Spoofer data given (have_data false). Tests are those whose client ASN is
// `asn` and whose timestamp is in [window.start, window.end).
[[nodiscard]] SpoofingInfo spoofing_info(net::Asn asn, const registry::SpooferResults* results,
                                         const TimeWindow& window);
// nullopt without data or without a conclusive test; else decay_percent(spoofable_prefixes).
[[nodiscard]] std::optional<double> m5_percent(const SpoofingInfo& s, const Config& config);

}  // namespace manrs::check
