// rpki/slurm_merge.cpp — SLURM files together: the RFC 8416 §4.2 overlap check between files
// (merge_slurm) and applying filters then assertions to a VrpSet (apply_slurm, RFC 8416 §3.2).
// Parsing is in slurm.cpp; docs/slurm.md explains every decision.
#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "manrs/net/prefix_trie.h"
#include "manrs/rpki/slurm.h"

namespace manrs::rpki {
namespace {

using Ski = std::array<std::uint8_t, 20>;

std::string index_path(std::string_view parent, std::size_t i) {
  return fmt::format("{}[{}]", parent, i);
}

// ----- merge ----------------------------------------------------------------------------------

// One entry of one file, as the §4.2 overlap check sees it.
struct Use {
  std::size_t file = 0;
  std::string_view array;  // "validationOutputFilters.prefixFilters", ...
  std::size_t index = 0;   // position in the file's array (npos: not shown)
};

std::string label(const Slurm& s, std::size_t i) {
  if (s.sources.empty()) {
    return fmt::format("SLURM file #{}", i + 1);
  }
  std::string out;
  for (const auto& src : s.sources) {
    if (!out.empty()) {
      out += '+';
    }
    out += src;
  }
  return out;
}

std::string where(const Use& u) {
  return u.index == std::string::npos ? std::string(u.array) : index_path(u.array, u.index);
}

Error overlap(const std::vector<std::string>& labels, const Use& a, std::string_view a_what,
              const Use& b, std::string_view b_what) {
  const bool swap = b.file < a.file;
  const Use& x = swap ? b : a;
  const Use& y = swap ? a : b;
  const std::string_view x_what = swap ? b_what : a_what;
  const std::string_view y_what = swap ? a_what : b_what;
  return make_error(ErrorCode::kPolicy,
                    fmt::format("RFC 8416 §4.2 {} {}: want no overlap with other SLURM files, "
                                "have {}: {} {}",
                                where(x), x_what, labels[y.file], where(y), y_what),
                    labels[x.file]);
}

// Keys (an ASN, an SKI, a customer) used by more than one file.
template <typename Key>
Status same_key(std::vector<std::pair<Key, Use>> uses, const std::vector<std::string>& labels,
                const std::function<std::string(const Key&)>& show) {
  std::sort(uses.begin(), uses.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.file, a.second.array, a.second.index) <
           std::tie(b.first, b.second.file, b.second.array, b.second.index);
  });
  for (std::size_t i = 1; i < uses.size(); ++i) {
    if (uses[i].first == uses[i - 1].first && uses[i].second.file != uses[i - 1].second.file) {
      const std::string what = show(uses[i].first);
      return overlap(labels, uses[i - 1].second, what, uses[i].second, what);
    }
  }
  return {};
}

// RFC 8416 §4.2 case 1: an address covered by prefixes of two files. After sorting by
// (address, length) every prefix follows the prefixes that contain it, and those form a chain
// (a stack) of at most 129 distinct prefixes per family.
Status overlapping_prefixes(std::vector<std::pair<net::Prefix, Use>> uses,
                            const std::vector<std::string>& labels) {
  std::sort(uses.begin(), uses.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.file, a.second.array, a.second.index) <
           std::tie(b.first, b.second.file, b.second.array, b.second.index);
  });
  std::vector<const std::pair<net::Prefix, Use>*> chain;
  for (const auto& u : uses) {
    while (!chain.empty() && !chain.back()->first.contains(u.first)) {
      chain.pop_back();
    }
    for (const auto* c : chain) {
      if (c->second.file != u.second.file) {
        return overlap(labels, c->second, c->first.to_string(), u.second, u.first.to_string());
      }
    }
    if (chain.empty() || chain.back()->first != u.first) {
      chain.push_back(&u);
    }
  }
  return {};
}

std::string format_ski(const Ski& ski) {
  std::string out = "SKI ";
  for (auto b : ski) {
    out += fmt::format("{:02x}", b);
  }
  return out;
}

}  // namespace

Result<Slurm> merge_slurm(std::vector<Slurm> files) {
  std::vector<std::string> labels;
  labels.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    labels.push_back(label(files[i], i));
  }
  constexpr std::string_view kPf = "validationOutputFilters.prefixFilters";
  constexpr std::string_view kBf = "validationOutputFilters.bgpsecFilters";
  constexpr std::string_view kAf = "validationOutputFilters.aspaFilters";
  constexpr std::string_view kPa = "locallyAddedAssertions.prefixAssertions";
  constexpr std::string_view kBa = "locallyAddedAssertions.bgpsecAssertions";
  constexpr std::string_view kAa = "locallyAddedAssertions.aspaAssertions";

  std::vector<std::pair<net::Prefix, Use>> prefixes;
  std::vector<std::pair<net::Asn, Use>> key_asns;
  std::vector<std::pair<Ski, Use>> skis;
  std::vector<std::pair<net::Asn, Use>> customers;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const Slurm& s = files[f];
    for (std::size_t i = 0; i < s.prefix_filters.size(); ++i) {
      if (s.prefix_filters[i].prefix) {
        prefixes.emplace_back(*s.prefix_filters[i].prefix, Use{f, kPf, i});
      }
    }
    for (std::size_t i = 0; i < s.prefix_assertions.size(); ++i) {
      prefixes.emplace_back(s.prefix_assertions[i].prefix, Use{f, kPa, i});
    }
    for (std::size_t i = 0; i < s.bgpsec_filters.size(); ++i) {
      if (s.bgpsec_filters[i].asn) {
        key_asns.emplace_back(*s.bgpsec_filters[i].asn, Use{f, kBf, i});
      }
      if (s.bgpsec_filters[i].ski) {
        skis.emplace_back(*s.bgpsec_filters[i].ski, Use{f, kBf, i});
      }
    }
    for (std::size_t i = 0; i < s.bgpsec_assertions.size(); ++i) {
      key_asns.emplace_back(s.bgpsec_assertions[i].asn, Use{f, kBa, i});
      skis.emplace_back(s.bgpsec_assertions[i].ski, Use{f, kBa, i});
    }
    for (std::size_t i = 0; i < s.aspa_filters.size(); ++i) {
      customers.emplace_back(s.aspa_filters[i].customer, Use{f, kAf, i});
    }
    // Assertions of one customer were merged while parsing: their index is not the file's.
    for (const auto& a : s.aspa_assertions) {
      customers.emplace_back(a.customer, Use{f, kAa, std::string::npos});
    }
  }
  MANRS_TRY_VOID(overlapping_prefixes(std::move(prefixes), labels));
  MANRS_TRY_VOID(same_key<net::Asn>(std::move(key_asns), labels, net::format_asn));
  MANRS_TRY_VOID(same_key<Ski>(std::move(skis), labels, format_ski));
  MANRS_TRY_VOID(same_key<net::Asn>(std::move(customers), labels, [](const net::Asn& a) {
    return fmt::format("customer AS{}", a);
  }));

  Slurm out;
  for (auto& s : files) {
    auto append = [](auto& dst, auto& src) {
      dst.insert(dst.end(), std::make_move_iterator(src.begin()),
                 std::make_move_iterator(src.end()));
    };
    append(out.prefix_filters, s.prefix_filters);
    append(out.bgpsec_filters, s.bgpsec_filters);
    append(out.aspa_filters, s.aspa_filters);
    append(out.prefix_assertions, s.prefix_assertions);
    append(out.bgpsec_assertions, s.bgpsec_assertions);
    append(out.aspa_assertions, s.aspa_assertions);
    append(out.sources, s.sources);
  }
  return out;
}

SlurmReport apply_slurm(const Slurm& slurm, VrpSet& set) {
  SlurmReport report;
  set.normalize();

  // RFC 8416 §3.3.1: a VRP matches a filter when every field the filter has matches (prefix:
  // the VRP prefix is equal to or more specific than the filter's). A filter with neither field
  // (only a hand-built Slurm can have one) matches nothing.
  net::PrefixTrie<std::size_t> by_prefix;
  std::vector<net::Asn> by_asn;
  for (std::size_t i = 0; i < slurm.prefix_filters.size(); ++i) {
    const PrefixFilter& f = slurm.prefix_filters[i];
    if (f.prefix) {
      by_prefix.insert(*f.prefix, i);
    } else if (f.asn) {
      by_asn.push_back(*f.asn);
    }
  }
  std::sort(by_asn.begin(), by_asn.end());
  auto filtered = [&](const Vrp& v) {
    if (std::binary_search(by_asn.begin(), by_asn.end(), v.asn)) {
      return true;
    }
    bool hit = false;
    by_prefix.covering(v.prefix, [&](const net::Prefix&, const net::ValueList<std::size_t>& ids) {
      for (std::size_t id : ids) {
        const auto& asn = slurm.prefix_filters[id].asn;
        if (!asn || *asn == v.asn) {
          hit = true;
          return false;
        }
      }
      return true;
    });
    return hit;
  };
  const std::size_t vrps_before = set.vrps.size();
  std::erase_if(set.vrps, filtered);
  report.vrps_filtered = vrps_before - set.vrps.size();

  // RFC 8416 §3.3.2: the same rule for router keys (ASN and/or SKI), through sorted indexes.
  std::vector<net::Asn> key_asns;
  std::vector<Ski> key_skis;
  std::vector<std::pair<net::Asn, Ski>> key_pairs;
  for (const BgpsecFilter& f : slurm.bgpsec_filters) {
    if (f.asn && f.ski) {
      key_pairs.emplace_back(*f.asn, *f.ski);
    } else if (f.asn) {
      key_asns.push_back(*f.asn);
    } else if (f.ski) {
      key_skis.push_back(*f.ski);
    }
  }
  std::sort(key_asns.begin(), key_asns.end());
  std::sort(key_skis.begin(), key_skis.end());
  std::sort(key_pairs.begin(), key_pairs.end());
  const std::size_t keys_before = set.router_keys.size();
  std::erase_if(set.router_keys, [&](const RouterKey& k) {
    return std::binary_search(key_asns.begin(), key_asns.end(), k.asn) ||
           std::binary_search(key_skis.begin(), key_skis.end(), k.ski) ||
           std::binary_search(key_pairs.begin(), key_pairs.end(), std::make_pair(k.asn, k.ski));
  });
  report.keys_filtered = keys_before - set.router_keys.size();

  // draft-ietf-sidrops-aspa-slurm §3.1: a filter removes the customer's (unified) ASPA.
  std::vector<net::Asn> customers;
  for (const auto& f : slurm.aspa_filters) {
    customers.push_back(f.customer);
  }
  std::sort(customers.begin(), customers.end());
  const std::size_t aspas_before = set.aspas.size();
  std::erase_if(set.aspas, [&](const Aspa& a) {
    return std::binary_search(customers.begin(), customers.end(), a.customer);
  });
  report.aspas_filtered = aspas_before - set.aspas.size();

  // RFC 8416 §3.2: assertions are added after filtering, so no filter removes them.
  const std::size_t vrps_kept = set.vrps.size();
  const std::size_t keys_kept = set.router_keys.size();
  const std::vector<Aspa> aspas_kept = set.aspas;
  // A payload that survived the filters stays as it is (its trust anchor and expiry): the first
  // *_kept entries are still sorted, so a binary search finds it. (Indexes, not iterators:
  // push_back may reallocate.)
  for (const auto& a : slurm.prefix_assertions) {
    Vrp v{a.prefix, a.max_length, a.asn, 0, 0};
    if (!std::binary_search(set.vrps.begin(),
                            set.vrps.begin() + static_cast<std::ptrdiff_t>(vrps_kept), v)) {
      set.vrps.push_back(v);
    }
  }
  for (const auto& a : slurm.bgpsec_assertions) {
    RouterKey k{a.asn, a.ski, a.spki, 0, 0};
    if (!std::binary_search(set.router_keys.begin(),
                            set.router_keys.begin() + static_cast<std::ptrdiff_t>(keys_kept), k)) {
      set.router_keys.push_back(std::move(k));
    }
  }
  // An ASPA assertion is united with the customer's ASPA (draft-ietf-sidrops-aspa-slurm §3.2:
  // "does not act as an implicit filter"); normalize() does the union.
  for (const auto& a : slurm.aspa_assertions) {
    set.aspas.push_back(Aspa{a.customer, a.providers, 0, 0});
  }
  set.normalize();
  report.vrps_asserted = set.vrps.size() - vrps_kept;
  report.keys_asserted = set.router_keys.size() - keys_kept;
  // ASPAs asserted = customers whose ASPA is new or gained providers.
  std::size_t k = 0;
  for (const Aspa& a : set.aspas) {
    while (k < aspas_kept.size() && aspas_kept[k].customer < a.customer) {
      ++k;
    }
    if (k == aspas_kept.size() || aspas_kept[k].customer != a.customer ||
        aspas_kept[k].providers != a.providers) {
      ++report.aspas_asserted;
    }
  }
  return report;
}

}  // namespace manrs::rpki
