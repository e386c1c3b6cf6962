// rpki/rov.h — route origin validation (RFC 6811; AS0 per RFC 6483 §4 / RFC 7607) at full-table
// speed.
//
// RovTable is built once from a normalized VRP list and is then immutable and thread-safe.
// Layout (per address family): the distinct VRP prefixes sorted by (start address, length),
// each with its parent (the nearest shorter distinct VRP prefix that contains it) and its VRPs
// as packed (asn, maxLength) pairs; a first-level index over the top address bits narrows the
// binary search to a few cache lines. A lookup finds the last prefix at or before the route in
// that order, climbs parents to the deepest one covering the route, and then checks that one
// and its ancestors: every covering VRP, no allocation. Memory: 8 bytes per VRP plus 20 (IPv4)
// / 36 (IPv6) bytes per distinct prefix, plus 4.3 MB of first-level index.
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
    std::uint32_t max_length;
  };
  struct Node {            // one distinct VRP prefix
    std::uint32_t parent;  // nearest shorter distinct VRP prefix containing it, or kNone
    std::uint32_t first;   // its VRPs: entries_[first, first + count)
    std::uint32_t count;
  };
  struct Key6 {  // an IPv6 prefix in sort order: start address, then length
    std::uint64_t hi;
    std::uint64_t lo;
    std::uint32_t len;
  };
  static constexpr std::uint32_t kNone = 0xffffffffU;
  static constexpr unsigned kIndexBits4 = 16;  // first-level index: top 16 bits (256 KiB)
  static constexpr unsigned kIndexBits6 = 20;  // top 20 bits (4 MiB); 2000::/3 is dense

  [[nodiscard]] std::uint32_t find4(std::uint32_t addr, unsigned len) const;
  [[nodiscard]] std::uint32_t find6(std::uint64_t hi, std::uint64_t lo, unsigned len) const;
  [[nodiscard]] RovState judge(const std::vector<Node>& nodes, std::uint32_t node, unsigned len,
                               std::uint32_t origin, bool has_origin) const;

  std::vector<std::uint64_t> keys4_;   // start << 8 | len, sorted
  std::vector<Node> nodes4_;           // parallel to keys4_
  std::vector<std::uint32_t> index4_;  // bucket b: keys4_ with start >> 16 == b start here
  std::vector<Key6> keys6_;
  std::vector<Node> nodes6_;
  std::vector<std::uint32_t> index6_;
  std::vector<Entry> entries_;
  std::size_t vrp_count_ = 0;
};

}  // namespace manrs::rpki
