// rpki/slurm.h — RFC 8416 SLURM: local filters and assertions applied to a VrpSet, plus the
// ASPA extension as StayRTR reads it (slurmVersion 2: aspaFilters / aspaAssertions with
// customer_asid, provider_set; per-family entries merged) and draft-ietf-sidrops-aspa-slurm
// spellings (customerAsid, providerAsids).
//
// Start with parse_slurm (one file -> Slurm), merge_slurm (several files, RFC 8416 §4.2 overlap
// check) and apply_slurm (a VrpSet, filters then assertions). docs/slurm.md lists what is read,
// every leniency and strictness, the error format and the limits.
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

// RFC 8416 §3.3.1: removes every VRP whose prefix is equal to or more specific than `prefix`
// and whose origin is `asn`; an absent field matches anything (a filter with neither matches
// nothing; parse_slurm rejects one).
struct PrefixFilter {
  std::optional<net::Prefix> prefix;
  std::optional<net::Asn> asn;
  std::string comment;
};
// RFC 8416 §3.3.2: removes every router key with this AS and/or this Subject Key Identifier.
struct BgpsecFilter {
  std::optional<net::Asn> asn;
  std::optional<std::array<std::uint8_t, 20>> ski;
  std::string comment;
};
// draft-ietf-sidrops-aspa-slurm: removes the (unified) ASPA of `customer`; StayRTR's "afi" is
// read and ignored (the current ASPA profile has no address family).
struct AspaFilter {
  net::Asn customer = 0;
  std::string comment;
};
// RFC 8416 §3.4.1: adds the VRP (prefix, max_length, asn); prefix length <= max_length <= 32/128.
struct PrefixAssertion {
  net::Prefix prefix;
  net::Asn asn = 0;
  std::uint8_t max_length = 0;  // = prefix length when the file has no maxPrefixLength
  std::string comment;
};
// RFC 8416 §3.4.2: adds a router key; `spki` is the DER SubjectPublicKeyInfo (RFC 8208).
struct BgpsecAssertion {
  net::Asn asn = 0;
  std::array<std::uint8_t, 20> ski{};
  std::vector<std::uint8_t> spki;
  std::string comment;
};
// draft-ietf-sidrops-aspa-slurm: unites `providers` (sorted, unique, never the customer, at
// least one) with the customer's ASPA, or adds one. A file's per-family entries of one customer
// are one assertion.
struct AspaAssertion {
  net::Asn customer = 0;
  std::vector<net::Asn> providers;
  std::string comment;
};

// One SLURM file, or several merged; each vector keeps the file's order.
struct Slurm {
  std::vector<PrefixFilter> prefix_filters;
  std::vector<BgpsecFilter> bgpsec_filters;
  std::vector<AspaFilter> aspa_filters;
  std::vector<PrefixAssertion> prefix_assertions;
  std::vector<BgpsecAssertion> bgpsec_assertions;
  std::vector<AspaAssertion> aspa_assertions;
  std::vector<std::string> sources;  // files this was read from
};

// What apply_slurm changed, counted on the normalized set: *_filtered = payloads removed;
// vrps/keys_asserted = payloads added that were not there after filtering; aspas_asserted =
// customers whose ASPA the assertions created or extended.
struct SlurmReport {
  std::size_t vrps_filtered = 0;
  std::size_t vrps_asserted = 0;
  std::size_t keys_filtered = 0;
  std::size_t keys_asserted = 0;
  std::size_t aspas_filtered = 0;
  std::size_t aspas_asserted = 0;
};

// Parses one SLURM file (untrusted input): slurmVersion 1 (RFC 8416) or 2 (with ASPA members).
// Errors: source = `source` ("<source>@<offset>" for nesting), message
// "<JSON path>: want <x>, have <y>", e.g. "validationOutputFilters.prefixFilters[2].prefix: want
// an IP prefix without host bits, have \"192.0.2.1/24\"". kMalformed: not JSON, wrong JSON
// types, unparseable values, duplicate members; kPolicy: well-formed but against RFC 8416 or the
// ASPA drafts (unknown members, host bits, maxPrefixLength range, SKI not 20 bytes, missing
// required members); kUnsupported: slurmVersion > 2, ASPA provider filters; kLimitExceeded:
// above 64 MiB or 64 levels of nesting. Never throws.
[[nodiscard]] Result<Slurm> parse_slurm(std::string_view json, std::string_view source);
// Reads `path` (at most 64 MiB) and parses it with source = path; kIo when it cannot be read.
[[nodiscard]] Result<Slurm> read_slurm(std::string_view path);

// Merges several files (their entries concatenated, sources listed). RFC 8416 §4.2: the whole
// set is rejected (kPolicy) when two files overlap: a prefix of one (filter or assertion) covers
// or is covered by a prefix of the other; both use one BGPsec ASN (or one SKI); both filter or
// assert one ASPA customer. The message names both files and entries. O(n log n).
[[nodiscard]] Result<Slurm> merge_slurm(std::vector<Slurm> files);

// Filters first, then assertions (RFC 8416 §3.2: no filter removes an assertion); the result is
// normalized (VrpSet::normalize). Asserted payloads have trust anchor 0 and expiry 0 unless the
// same payload was already there. O((V + F) log F) for V VRPs and F filters.
SlurmReport apply_slurm(const Slurm& slurm, VrpSet& set);

}  // namespace manrs::rpki
