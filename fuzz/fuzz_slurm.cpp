// fuzz_slurm — libFuzzer target for SLURM files (STYLE.md T5): the input is a SLURM JSON file.
//
// Parses the bytes with rpki::parse_slurm; every error must name its source and say what went
// wrong. A file that parses is applied to a small VrpSet, and the result is checked: normalized
// (sorted, unique), every asserted VRP present (filters never remove assertions, RFC 8416 §3.2).
// It is also merged alone (always fine) and with a copy of itself (an RFC 8416 §4.2 overlap
// whenever it asserts or filters anything that has a prefix, ASN, SKI or customer).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "manrs/rpki/slurm.h"

namespace {

manrs::rpki::VrpSet sample_set() {
  using manrs::net::Prefix;
  manrs::rpki::VrpSet set;
  for (const char* p : {"192.0.2.0/24", "198.51.100.0/24", "10.0.0.0/8", "2001:db8::/32"}) {
    auto prefix = Prefix::parse(p);
    if (!prefix) std::abort();
    set.vrps.push_back({*prefix, static_cast<std::uint8_t>(prefix->length()), 64496, 0, 0});
    set.vrps.push_back({*prefix, static_cast<std::uint8_t>(prefix->length()), 64497, 0, 0});
  }
  set.aspas.push_back({64496, {64497, 64498}, 0, 0});
  set.aspas.push_back({64499, {64500}, 0, 0});
  manrs::rpki::RouterKey key;
  key.asn = 64496;
  key.spki = {0x30, 0x00};
  set.router_keys.push_back(key);
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);  // NOLINT
  auto slurm = manrs::rpki::parse_slurm(text, "fuzz.json");
  if (!slurm) {
    if (slurm.error().source.rfind("fuzz.json", 0) != 0 || slurm.error().message.empty()) {
      std::abort();  // every error names the file and what is wrong
    }
    return 0;
  }
  auto set = sample_set();
  manrs::rpki::apply_slurm(*slurm, set);
  if (!std::is_sorted(set.vrps.begin(), set.vrps.end()) ||
      std::adjacent_find(set.vrps.begin(), set.vrps.end()) != set.vrps.end()) {
    std::abort();  // apply_slurm leaves the set normalized
  }
  for (const auto& a : slurm->prefix_assertions) {
    const manrs::rpki::Vrp want{a.prefix, a.max_length, a.asn, 0, 0};
    if (!std::binary_search(set.vrps.begin(), set.vrps.end(), want)) {
      std::abort();  // RFC 8416 §3.2: assertions survive the filters
    }
  }
  std::vector<manrs::rpki::Slurm> one{*slurm};
  if (!manrs::rpki::merge_slurm(std::move(one))) std::abort();
  std::vector<manrs::rpki::Slurm> two{*slurm, *slurm};
  auto merged = manrs::rpki::merge_slurm(std::move(two));
  const bool keyed = !slurm->prefix_assertions.empty() || !slurm->bgpsec_filters.empty() ||
                     !slurm->bgpsec_assertions.empty() || !slurm->aspa_filters.empty() ||
                     !slurm->aspa_assertions.empty() ||
                     std::any_of(slurm->prefix_filters.begin(), slurm->prefix_filters.end(),
                                 [](const auto& f) { return f.prefix.has_value(); });
  if (merged.has_value() == keyed) std::abort();
  return 0;
}
