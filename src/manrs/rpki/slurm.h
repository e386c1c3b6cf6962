// rpki/slurm.h — RFC 8416 SLURM: local filters and assertions applied to a VrpSet, plus the
// ASPA extension as StayRTR reads it (slurmVersion 2: aspaFilters / aspaAssertions with
// customer_asid, provider_set; per-family entries merged) and draft-ietf-sidrops-aspa-slurm
// spellings (customerAsid, providerAsids).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"
#include "manrs/rpki/vrp.h"

namespace manrs::rpki {

struct PrefixFilter {
  std::optional<net::Prefix> prefix;
  std::optional<net::Asn> asn;
  std::string comment;
};
struct BgpsecFilter {
  std::optional<net::Asn> asn;
  std::optional<std::array<std::uint8_t, 20>> ski;
  std::string comment;
};
struct AspaFilter {
  net::Asn customer = 0;
  std::string comment;
};
struct PrefixAssertion {
  net::Prefix prefix;
  net::Asn asn = 0;
  std::uint8_t max_length = 0;  // = prefix length when the file has no maxPrefixLength
  std::string comment;
};
struct BgpsecAssertion {
  net::Asn asn = 0;
  std::array<std::uint8_t, 20> ski{};
  std::vector<std::uint8_t> spki;
  std::string comment;
};
struct AspaAssertion {
  net::Asn customer = 0;
  std::vector<net::Asn> providers;
  std::string comment;
};

struct Slurm {
  std::vector<PrefixFilter> prefix_filters;
  std::vector<BgpsecFilter> bgpsec_filters;
  std::vector<AspaFilter> aspa_filters;
  std::vector<PrefixAssertion> prefix_assertions;
  std::vector<BgpsecAssertion> bgpsec_assertions;
  std::vector<AspaAssertion> aspa_assertions;
  std::vector<std::string> sources;  // files this was read from
};

// What apply_slurm changed.
struct SlurmReport {
  std::size_t vrps_filtered = 0;
  std::size_t vrps_asserted = 0;
  std::size_t keys_filtered = 0;
  std::size_t keys_asserted = 0;
  std::size_t aspas_filtered = 0;
  std::size_t aspas_asserted = 0;
};

// Parses one SLURM file; errors name the file, the JSON path and the field.
[[nodiscard]] Result<Slurm> parse_slurm(std::string_view json, std::string_view source);
[[nodiscard]] Result<Slurm> read_slurm(std::string_view path);

// Merges several files; RFC 8416 §4.2 overlaps between files are an Error naming both.
[[nodiscard]] Result<Slurm> merge_slurm(std::vector<Slurm> files);

// Filters first, then assertions (RFC 8416 §3.2); the result is normalized.
SlurmReport apply_slurm(const Slurm& slurm, VrpSet& set);

}  // namespace manrs::rpki
