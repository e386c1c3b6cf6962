// rpki/aspa.cpp — ASPA AS_PATH verification (draft-ietf-sidrops-aspa-verification-27 §5–6).
//
// The path is prepared first (§5): AS_SET anywhere → Invalid, empty → Invalid, confederation
// segments dropped (they never cross an eBGP boundary), prepends collapsed. With the compressed
// path written AS(N) … AS(1) (AS(1) the origin, AS(N) the neighbour), the four ramps of §5.3 are
// computed in one pass from each end, and the procedures of §6 compare them with N.
#include "manrs/rpki/aspa.h"

#include <algorithm>

namespace manrs::rpki {

std::string_view to_string(AspaHop h) {
  switch (h) {
    case AspaHop::kNoAttestation:
      return "no-attestation";
    case AspaHop::kProviderPlus:
      return "provider+";
    case AspaHop::kNotProviderPlus:
      return "not-provider+";
  }
  return "?";
}

std::string_view to_string(AspaState s) {
  switch (s) {
    case AspaState::kValid:
      return "valid";
    case AspaState::kInvalid:
      return "invalid";
    case AspaState::kUnknown:
      return "unknown";
  }
  return "?";
}

std::string_view to_string(AspaProcedure p) {
  return p == AspaProcedure::kUpstream ? "upstream" : "downstream";
}

AspaTable::AspaTable(std::span<const Aspa> aspas) {
  std::vector<const Aspa*> sorted;
  sorted.reserve(aspas.size());
  for (const auto& a : aspas) {
    sorted.push_back(&a);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Aspa* a, const Aspa* b) { return a->customer < b->customer; });
  offsets_.push_back(0);
  for (std::size_t i = 0; i < sorted.size();) {
    const net::Asn customer = sorted[i]->customer;
    const auto begin = providers_.size();
    // Several ASPAs of one customer (e.g. per-family or from several caches): their union.
    for (; i < sorted.size() && sorted[i]->customer == customer; ++i) {
      providers_.insert(providers_.end(), sorted[i]->providers.begin(), sorted[i]->providers.end());
    }
    auto first = providers_.begin() + static_cast<std::ptrdiff_t>(begin);
    std::sort(first, providers_.end());
    providers_.erase(std::unique(first, providers_.end()), providers_.end());
    customers_.push_back(customer);
    offsets_.push_back(static_cast<std::uint32_t>(providers_.size()));
  }
}

bool AspaTable::has(net::Asn customer) const {
  return std::binary_search(customers_.begin(), customers_.end(), customer);
}

AspaHop AspaTable::hop(net::Asn customer, net::Asn provider) const {
  const auto it = std::lower_bound(customers_.begin(), customers_.end(), customer);
  if (it == customers_.end() || *it != customer) {
    return AspaHop::kNoAttestation;
  }
  const auto i = static_cast<std::size_t>(it - customers_.begin());
  const auto* b = providers_.data() + offsets_[i];
  const auto* e = providers_.data() + offsets_[i + 1];
  return std::binary_search(b, e, provider) ? AspaHop::kProviderPlus : AspaHop::kNotProviderPlus;
}

namespace {

// `seq` holds the compressed path origin first: seq[0] = AS(1) … seq[N-1] = AS(N).
AspaResult verify_compressed(const AspaTable& table, const std::vector<net::Asn>& seq,
                             AspaProcedure procedure) {
  AspaResult r;
  const auto n = static_cast<std::uint32_t>(seq.size());
  r.path_length = n;
  // Up-ramps: hops AS(i) -> AS(i+1), "is AS(i+1) a provider of AS(i)?", from the origin.
  r.max_up = n;
  r.min_up = n;
  bool min_up_done = false;
  for (std::uint32_t i = 0; i + 1 < n; ++i) {
    const AspaHop h = table.hop(seq[i], seq[i + 1]);
    if (!min_up_done && h != AspaHop::kProviderPlus) {
      r.min_up = i + 1;
      min_up_done = true;
    }
    if (h == AspaHop::kNotProviderPlus) {
      r.max_up = i + 1;
      r.hop_from = seq[i];
      r.hop_to = seq[i + 1];
      break;
    }
  }
  // Down-ramps: hops AS(j+1) -> AS(j), "is AS(j) a provider of AS(j+1)?", from the neighbour.
  r.max_down = n;
  r.min_down = n;
  bool min_down_done = false;
  for (std::uint32_t j = n; j >= 2; --j) {  // j = the 1-based index of the lower AS, + 1
    const AspaHop h = table.hop(seq[j - 1], seq[j - 2]);
    if (!min_down_done && h != AspaHop::kProviderPlus) {
      r.min_down = n - (j - 1);
      min_down_done = true;
    }
    if (h == AspaHop::kNotProviderPlus) {
      r.max_down = n - (j - 1);
      break;
    }
  }

  if (procedure == AspaProcedure::kUpstream) {
    if (r.max_up < n) {
      r.state = AspaState::kInvalid;
    } else if (r.min_up < n) {
      r.state = AspaState::kUnknown;
    } else {
      r.state = AspaState::kValid;
    }
  } else {
    if (n <= 2) {
      r.state = AspaState::kValid;
    } else if (r.max_up + r.max_down < n) {
      r.state = AspaState::kInvalid;
    } else if (r.min_up + r.min_down < n) {
      r.state = AspaState::kUnknown;
    } else {
      r.state = AspaState::kValid;
    }
  }
  if (r.state == AspaState::kInvalid) {
    r.reason = AspaReason::kNotProviderPlus;
  } else {
    r.hop_from = 0;
    r.hop_to = 0;
  }
  return r;
}

AspaResult prepared_invalid(AspaReason reason) {
  AspaResult r;
  r.state = AspaState::kInvalid;
  r.reason = reason;
  return r;
}

}  // namespace

AspaResult verify_aspa(const AspaTable& table, std::span<const net::Asn> sequence,
                       AspaProcedure procedure) {
  if (sequence.empty()) {
    return prepared_invalid(AspaReason::kEmpty);
  }
  std::vector<net::Asn> seq;
  seq.reserve(sequence.size());
  for (auto it = sequence.rbegin(); it != sequence.rend(); ++it) {
    if (seq.empty() || seq.back() != *it) {
      seq.push_back(*it);
    }
  }
  return verify_compressed(table, seq, procedure);
}

AspaResult verify_aspa(const AspaTable& table, const net::AsPath& path, AspaProcedure procedure) {
  std::vector<net::Asn> flat;
  flat.reserve(path.asns().size());
  for (const auto& s : path.segments()) {
    if (s.count == 0) {
      continue;
    }
    switch (s.type) {
      case net::SegmentType::kSet:
        return prepared_invalid(AspaReason::kAsSet);
      case net::SegmentType::kConfedSequence:
      case net::SegmentType::kConfedSet:
        continue;  // RFC 5065: never seen outside the confederation; not part of the check
      case net::SegmentType::kSequence:
        for (auto a : path.segment_asns(s)) {
          flat.push_back(a);
        }
        break;
    }
  }
  return verify_aspa(table, flat, procedure);
}

}  // namespace manrs::rpki
