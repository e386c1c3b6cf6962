// rpki/rov.h — route origin validation (RFC 6811; AS0 per RFC 6483 §4 / RFC 7607) at full-table
// speed.
//
// RovTable is built once from a normalized VRP list and is then immutable and thread-safe.
// Layout (per address family): the distinct VRP prefixes sorted by (start address, length),
// each with its parent (the nearest shorter distinct VRP prefix that contains it) and its VRPs
// as packed (asn, maxLength) pairs; a first-level index over the top address bits narrows the
// binary search to a few cache lines. A lookup finds the last prefix at or before the route in
// that order, climbs parents to the deepest one covering the route, and then checks that one
// and its ancestors: every covering VRP, no allocation. Memory: ~10 bytes per VRP plus ~16
// (IPv4) / ~40 (IPv6) bytes per distinct prefix.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "manrs/net/as_path.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"
#include "manrs/rpki/vrp.h"

namespace manrs::rpki {

enum class RovState : std::uint8_t {
  kValid,          // a VRP covers the route, has its origin AS and maxLength >= its length
  kInvalidAsn,     // covered, but no covering VRP has the origin AS (or the origin is NONE)
  kInvalidLength,  // a covering VRP has the origin AS, but the route is longer than maxLength
  kNotFound,       // no VRP covers the route
};

// "valid", "invalid-asn", "invalid-length", "not-found".
[[nodiscard]] std::string_view to_string(RovState s);
// "valid", "invalid", "not-found" (RFC 6811 terms: the reason folded away).
[[nodiscard]] std::string_view rfc_name(RovState s);
[[nodiscard]] inline bool is_invalid(RovState s) {
  return s == RovState::kInvalidAsn || s == RovState::kInvalidLength;
}

// The route origin (RFC 6811 §2): the last AS of a final AS_SEQUENCE; NONE (nullopt) for a final
// AS_SET; `own_as` for an empty path or a final confederation segment.
[[nodiscard]] std::optional<net::Asn> route_origin(const net::AsPath& path, net::Asn own_as);

class RovTable {
 public:
  RovTable();
  // `vrps` need not be sorted or unique.
  explicit RovTable(std::span<const Vrp> vrps);

  // nullopt origin = NONE (matches no VRP).
  [[nodiscard]] RovState validate(const net::Prefix& route, std::optional<net::Asn> origin) const;
  // Fast paths, host-order address, bits beyond `len` ignored.
  [[nodiscard]] RovState validate_v4(std::uint32_t addr, unsigned len, std::uint32_t origin,
                                     bool has_origin = true) const;
  [[nodiscard]] RovState validate_v6(std::uint64_t hi, std::uint64_t lo, unsigned len,
                                     std::uint32_t origin, bool has_origin = true) const;

  // Every VRP covering `route` (shortest prefix first): the evidence of a verdict.
  [[nodiscard]] std::vector<Vrp> covering(const net::Prefix& route) const;

  [[nodiscard]] std::size_t size() const { return vrp_count_; }
  [[nodiscard]] std::size_t memory_bytes() const;

 private:
  struct Entry {  // one VRP of a prefix
    std::uint32_t asn;
    std::uint8_t max_length;
  };
  struct Node4 {
    std::uint32_t parent;  // index, or kNone
    std::uint32_t first;   // entries_[first, first + count)
    std::uint16_t count;
    std::uint8_t len;
  };
  struct Node6 {
    std::uint32_t parent;
    std::uint32_t first;
    std::uint16_t count;
    std::uint8_t len;
  };
  static constexpr std::uint32_t kNone = 0xffffffffU;
  static constexpr unsigned kIndexBits4 = 16;
  static constexpr unsigned kIndexBits6 = 20;

  template <typename Key>
  [[nodiscard]] std::uint32_t deepest_cover(const std::vector<Key>& keys,
                                            const std::vector<std::uint32_t>& index,
                                            unsigned index_bits, Key route_key, unsigned len,
                                            bool v6) const;
  [[nodiscard]] RovState judge(std::uint32_t node, bool v6, unsigned len, std::uint32_t origin,
                               bool has_origin) const;

  // IPv4: key = start << 8 | len, sorted; nodes4_ parallel to keys4_.
  std::vector<std::uint64_t> keys4_;
  std::vector<Node4> nodes4_;
  std::vector<std::uint32_t> index4_;  // 2^16 + 1 bucket starts into keys4_
  // IPv6: key = (start, len) as two words; nodes6_ parallel.
  struct Key6 {
    std::uint64_t hi;
    std::uint64_t lo;  // low 56 bits of the address' second word... see rov.cpp
    friend bool operator<(const Key6& a, const Key6& b) {
      return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo;
    }
  };
  std::vector<Key6> keys6_;
  std::vector<std::uint8_t> len6_;
  std::vector<Node6> nodes6_;
  std::vector<std::uint32_t> index6_;
  std::vector<Entry> entries_;
  std::size_t vrp_count_ = 0;
};

}  // namespace manrs::rpki
