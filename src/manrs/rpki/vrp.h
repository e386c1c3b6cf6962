// rpki/vrp.h — the RPKI payloads manrs works with: VRPs (RFC 6811), ASPAs
// (draft-ietf-sidrops-aspa-profile) and BGPsec router keys (RFC 8210 §5.10), as one VrpSet.
//
// A VrpSet is what every reader (rpki/reader.h) produces, what SLURM (rpki/slurm.h) edits, what
// the writers (rpki/writer.h) print and what ROV (rpki/rov.h), ASPA (rpki/aspa.h) and the RTR
// server consume. normalize() gives the canonical form every consumer may rely on: VRPs sorted
// and unique, one ASPA per customer (the union of its provider sets: the current profile has no
// address family, so per-family inputs are merged), router keys sorted and unique.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::rpki {

// One Validated ROA Payload: (prefix, maxLength, origin AS). Identity (==, <=>) is these three;
// the trust anchor and expiry are provenance, not identity.
struct Vrp {
  net::Prefix prefix;
  std::uint8_t max_length = 0;
  net::Asn asn = 0;
  std::uint16_t ta = 0;      // index into VrpSet::trust_anchors (0 = "" = unknown)
  std::int64_t expires = 0;  // unix seconds; 0 = unknown

  friend bool operator==(const Vrp& a, const Vrp& b) {
    return a.prefix == b.prefix && a.max_length == b.max_length && a.asn == b.asn;
  }
  friend std::strong_ordering operator<=>(const Vrp& a, const Vrp& b) {
    if (auto c = a.prefix <=> b.prefix; std::is_neq(c)) {
      return c;
    }
    if (auto c = a.max_length <=> b.max_length; std::is_neq(c)) {
      return c;
    }
    return a.asn <=> b.asn;
  }
};

// The same order as Vrp's <=>, faster: the address compared as two 64-bit words (normalize and
// RovTable sort millions of VRPs).
[[nodiscard]] bool vrp_less(const Vrp& a, const Vrp& b);

// One Validated ASPA Payload: the customer AS and its providers (sorted, unique).
struct Aspa {
  net::Asn customer = 0;
  std::vector<net::Asn> providers;
  std::int64_t expires = 0;  // unix seconds; 0 = unknown
  std::uint16_t ta = 0;

  friend bool operator==(const Aspa& a, const Aspa& b) {
    return a.customer == b.customer && a.providers == b.providers;
  }
};

// One BGPsec router key (RFC 8210 §5.10): AS, Subject Key Identifier (20 bytes) and the
// DER SubjectPublicKeyInfo.
struct RouterKey {
  net::Asn asn = 0;
  std::array<std::uint8_t, 20> ski{};
  std::vector<std::uint8_t> spki;
  std::uint16_t ta = 0;
  std::int64_t expires = 0;

  friend bool operator==(const RouterKey& a, const RouterKey& b) {
    return a.asn == b.asn && a.ski == b.ski && a.spki == b.spki;
  }
  friend std::strong_ordering operator<=>(const RouterKey& a, const RouterKey& b) {
    if (auto c = a.asn <=> b.asn; std::is_neq(c)) {
      return c;
    }
    if (auto c = a.ski <=> b.ski; std::is_neq(c)) {
      return c;
    }
    return a.spki <=> b.spki;
  }
};

// What the input says about itself.
struct Metadata {
  std::int64_t build_time = 0;  // unix seconds the producer built the set; 0 = unknown
  std::string generator;        // e.g. "rpki-client", "routinator", "roa-list" (informational)
};

// Counts of what normalize() merged.
struct NormalizeReport {
  std::size_t duplicate_vrps = 0;
  std::size_t merged_aspas = 0;  // ASPA entries folded into another one of the same customer
  std::size_t duplicate_keys = 0;
};

struct VrpSet {
  std::vector<Vrp> vrps;
  std::vector<Aspa> aspas;
  std::vector<RouterKey> router_keys;
  std::vector<std::string> trust_anchors{std::string()};  // [0] = unknown
  Metadata metadata;
  // name -> index for intern_ta, covering trust_anchors[1, ta_indexed) (caught up when names
  // were appended directly, rebuilt when the vector shrank).
  std::unordered_map<std::string, std::uint16_t> ta_index;
  std::size_t ta_indexed = 1;

  // Index of `name` in trust_anchors, added if new ("" -> 0). Saturates at 65535 names: later
  // new names map to 0 (a hostile input cannot grow the table without bound).
  std::uint16_t intern_ta(std::string_view name);
  [[nodiscard]] std::string_view ta_name(std::uint16_t index) const {
    return index < trust_anchors.size() ? std::string_view(trust_anchors[index])
                                        : std::string_view();
  }

  // Sorts and merges (see the file comment). A duplicate VRP keeps the first trust anchor and
  // the latest expiry (as rpki-client does); ASPAs of one customer are united.
  NormalizeReport normalize();

  // Appends every payload of `other` (trust anchors re-interned); call normalize() after.
  void merge(const VrpSet& other);

  [[nodiscard]] std::size_t v4_count() const;
  [[nodiscard]] std::size_t v6_count() const;
};

// Checks one VRP as read from an input: prefix length <= maxLength <= 32/128. Returns the
// problem as "maxLength: want 24..32, have 16" (the caller adds source and position).
[[nodiscard]] Status check_vrp(const net::Prefix& prefix, unsigned max_length);

}  // namespace manrs::rpki
