// rpki/rov.h — route origin validation (RFC 6811; AS0 per RFC 6483 §4 / RFC 7607) at full-table
// speed.
//
// RovTable is built once from a normalized VRP list and is then immutable and thread-safe.
// Layout (per address family): the distinct VRP prefixes sorted by (start address, length),
// each with its parent (the nearest shorter distinct VRP prefix that contains it), its first VRP
// inline and further VRPs as packed (asn, maxLength) pairs; a first-level index over the top
// address bits narrows the binary search to a few cache lines. A lookup finds the last prefix at or
// before the route in that order, climbs parents to the deepest one covering the route, and then
// checks that one and its ancestors: every covering VRP, no allocation. Memory: 24 (IPv4) / 40
// (IPv6) bytes per distinct prefix, 8 per further VRP of the same prefix, plus 4.3 MB of
// first-level index.
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

namespace detail {
// Allocator for the lookup arrays: blocks of 2 MiB and more are 2 MiB-aligned and advised to be
// backed by transparent huge pages (Linux, MADV_HUGEPAGE), because random lookups over ~20 MB
// of nodes otherwise pay a TLB miss on top of each cache miss. Smaller blocks: operator new.
void* huge_allocate(std::size_t bytes);
void huge_deallocate(void* p, std::size_t bytes);
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>& /*other*/) {
  }  // NOLINT(google-explicit-constructor)
  T* allocate(std::size_t n) { return static_cast<T*>(huge_allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) { huge_deallocate(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>& /*other*/) const {
    return true;
  }
};
template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;
}  // namespace detail

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

// One route for RovTable::validate_batch: the address as two host-order 64-bit words (IPv4 in
// `hi`, low 32 bits), the prefix length and the origin.
struct RouteQuery {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  std::uint32_t origin = 0;
  std::uint8_t len = 0;
  bool v6 = false;
  bool has_origin = true;  // false: the origin is NONE (an AS_SET)
};

class RovTable {
 public:
  RovTable();
  // `vrps` need not be sorted or unique; when they are (a normalized VrpSet), no copy is made.
  explicit RovTable(std::span<const Vrp> vrps);

  // nullopt origin = NONE (matches no VRP).
  [[nodiscard]] RovState validate(const net::Prefix& route, std::optional<net::Asn> origin) const;
  // Fast paths, host-order address, bits beyond `len` ignored.
  [[nodiscard]] RovState validate_v4(std::uint32_t addr, unsigned len, std::uint32_t origin,
                                     bool has_origin = true) const;
  [[nodiscard]] RovState validate_v6(std::uint64_t hi, std::uint64_t lo, unsigned len,
                                     std::uint32_t origin, bool has_origin = true) const;

  // Validates many routes at once, out[i] for routes[i] (same verdicts as validate_v4/v6). The
  // lookups of a group of routes are interleaved with software prefetches, so that their cache
  // misses overlap instead of queueing: in random address order this is several times faster
  // per route than one call per route. out.size() must be >= routes.size().
  void validate_batch(std::span<const RouteQuery> routes, std::span<RovState> out) const;

  // Every VRP covering `route` (shortest prefix first): the evidence of a verdict.
  [[nodiscard]] std::vector<Vrp> covering(const net::Prefix& route) const;

  [[nodiscard]] std::size_t size() const { return vrp_count_; }
  [[nodiscard]] std::size_t memory_bytes() const;

 private:
  struct Entry {  // a further VRP of a prefix (the first one is inline in the node)
    std::uint32_t asn;
    std::uint32_t max_length;
  };
  // One distinct IPv4 VRP prefix, 24 bytes. The binary search reads `key`; the node's data sits
  // in the same cache line, and most prefixes have one VRP, inline: a lookup usually touches
  // the index, one or two lines of nodes, and nothing else.
  struct Node4 {
    std::uint64_t key;     // start << 16 | length << 8 | maxLength of the inline VRP
    std::uint32_t parent;  // nearest shorter VRP prefix containing this one, or kNone
    std::uint32_t asn;     // the inline VRP's AS
    std::uint32_t more;    // the other VRPs: entries_[more, more_end)
    std::uint32_t more_end;
  };
  struct Node6 {  // the same for IPv6, 40 bytes
    std::uint64_t hi;
    std::uint64_t lo;
    std::uint32_t parent;
    std::uint32_t asn;
    std::uint32_t more;
    std::uint32_t more_end;
    std::uint8_t len;
    std::uint8_t max_length;
  };
  static constexpr std::uint32_t kNone = 0xffffffffU;
  // First-level indexes: IPv4 by the top 20 bits (4 MiB: about one node per bucket at 700k VRPs),
  // IPv6 by bits 4..23 inside 2000::/4, the allocated space (4 MiB, one bucket per /24).
  static constexpr unsigned kIndexBits4 = 20;
  static constexpr unsigned kIndexBits6 = 20;
  static constexpr std::uint32_t kIndexMask6 = (1U << kIndexBits6) - 1;

  void build(std::span<const Vrp> sorted_unique);
  [[nodiscard]] std::uint32_t find4(std::uint32_t addr, unsigned len) const;
  [[nodiscard]] std::uint32_t find6(std::uint64_t hi, std::uint64_t lo, unsigned len) const;
  template <typename Nodes>
  [[nodiscard]] RovState judge(const Nodes& nodes, std::uint32_t node, unsigned len,
                               std::uint32_t origin, bool has_origin) const;

  detail::HugeVector<Node4> nodes4_;          // sorted by key
  detail::HugeVector<std::uint32_t> index4_;  // bucket b: the nodes whose start's top bits are b
  detail::HugeVector<Node6> nodes6_;          // sorted by (hi, lo, len)
  detail::HugeVector<std::uint32_t> index6_;
  detail::HugeVector<Entry> entries_;
  std::size_t vrp_count_ = 0;
};

}  // namespace manrs::rpki
