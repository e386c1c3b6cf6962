// rpki/vrp.cpp — VrpSet canonical form.
#include "manrs/rpki/vrp.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace manrs::rpki {

namespace {

std::uint64_t be64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return __builtin_bswap64(v);
}

}  // namespace

bool vrp_less(const Vrp& a, const Vrp& b) {
  const auto& pa = a.prefix.address();
  const auto& pb = b.prefix.address();
  if (pa.family() != pb.family()) {
    return pa.family() < pb.family();
  }
  const auto a0 = be64(pa.bytes().data());
  const auto b0 = be64(pb.bytes().data());
  if (a0 != b0) {
    return a0 < b0;
  }
  const auto a1 = be64(pa.bytes().data() + 8);
  const auto b1 = be64(pb.bytes().data() + 8);
  if (a1 != b1) {
    return a1 < b1;
  }
  if (a.prefix.length() != b.prefix.length()) {
    return a.prefix.length() < b.prefix.length();
  }
  if (a.max_length != b.max_length) {
    return a.max_length < b.max_length;
  }
  return a.asn < b.asn;
}

std::uint16_t VrpSet::intern_ta(std::string_view name) {
  if (name.empty()) {
    return 0;
  }
  if (ta_indexed > trust_anchors.size()) {
    ta_index.clear();
    ta_indexed = 1;
  }
  for (; ta_indexed < trust_anchors.size(); ++ta_indexed) {
    ta_index.emplace(trust_anchors[ta_indexed], static_cast<std::uint16_t>(ta_indexed));
  }
  if (const auto it = ta_index.find(std::string(name)); it != ta_index.end()) {
    return it->second;
  }
  if (trust_anchors.size() >= 65535) {
    return 0;
  }
  trust_anchors.emplace_back(name);
  const auto index = static_cast<std::uint16_t>(trust_anchors.size() - 1);
  ta_index.emplace(trust_anchors.back(), index);
  ta_indexed = trust_anchors.size();
  return index;
}

NormalizeReport VrpSet::normalize() {
  NormalizeReport report;
  if (!std::is_sorted(vrps.begin(), vrps.end(), vrp_less)) {
    std::sort(vrps.begin(), vrps.end(), vrp_less);
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < vrps.size(); ++i) {
    if (out > 0 && vrps[out - 1] == vrps[i]) {
      vrps[out - 1].expires = std::max(vrps[out - 1].expires, vrps[i].expires);
      ++report.duplicate_vrps;
      continue;
    }
    vrps[out++] = vrps[i];
  }
  vrps.resize(out);

  std::stable_sort(aspas.begin(), aspas.end(),
                   [](const Aspa& a, const Aspa& b) { return a.customer < b.customer; });
  out = 0;
  for (std::size_t i = 0; i < aspas.size(); ++i) {
    if (out > 0 && aspas[out - 1].customer == aspas[i].customer) {
      auto& dst = aspas[out - 1];
      dst.providers.insert(dst.providers.end(), aspas[i].providers.begin(),
                           aspas[i].providers.end());
      dst.expires = std::max(dst.expires, aspas[i].expires);
      ++report.merged_aspas;
      continue;
    }
    if (out != i) {
      aspas[out] = std::move(aspas[i]);
    }
    ++out;
  }
  aspas.resize(out);
  for (auto& a : aspas) {
    std::sort(a.providers.begin(), a.providers.end());
    a.providers.erase(std::unique(a.providers.begin(), a.providers.end()), a.providers.end());
  }

  std::sort(router_keys.begin(), router_keys.end());
  const auto before = router_keys.size();
  router_keys.erase(std::unique(router_keys.begin(), router_keys.end()), router_keys.end());
  report.duplicate_keys = before - router_keys.size();
  return report;
}

void VrpSet::merge(const VrpSet& other) {
  std::vector<std::uint16_t> ta_map(other.trust_anchors.size(), 0);
  for (std::size_t i = 0; i < other.trust_anchors.size(); ++i) {
    ta_map[i] = intern_ta(other.trust_anchors[i]);
  }
  auto remap = [&](std::uint16_t t) -> std::uint16_t {
    return t < ta_map.size() ? ta_map[t] : std::uint16_t{0};
  };
  vrps.reserve(vrps.size() + other.vrps.size());
  for (auto v : other.vrps) {
    v.ta = remap(v.ta);
    vrps.push_back(v);
  }
  for (auto a : other.aspas) {
    a.ta = remap(a.ta);
    aspas.push_back(std::move(a));
  }
  for (auto k : other.router_keys) {
    k.ta = remap(k.ta);
    router_keys.push_back(std::move(k));
  }
  if (metadata.build_time == 0 ||
      (other.metadata.build_time != 0 && other.metadata.build_time < metadata.build_time)) {
    // The merged set is as old as its oldest part.
    metadata.build_time =
        other.metadata.build_time != 0 ? other.metadata.build_time : metadata.build_time;
  }
  if (metadata.generator.empty()) {
    metadata.generator = other.metadata.generator;
  }
}

std::size_t VrpSet::v4_count() const {
  return static_cast<std::size_t>(
      std::count_if(vrps.begin(), vrps.end(), [](const Vrp& v) { return v.prefix.is_v4(); }));
}

std::size_t VrpSet::v6_count() const { return vrps.size() - v4_count(); }

Status check_vrp(const net::Prefix& prefix, unsigned max_length) {
  const unsigned bits = prefix.is_v4() ? 32U : 128U;
  if (max_length < prefix.length() || max_length > bits) {
    return make_error(ErrorCode::kPolicy,
                      fmt::format("maxLength: want {}..{} for {}, have {}", prefix.length(), bits,
                                  prefix.to_string(), max_length));
  }
  return {};
}

}  // namespace manrs::rpki
