// rpki/rov.cpp — RovTable: RFC 6811 origin validation over sorted, parent-linked VRP prefixes.
//
// Why it is correct: VRP prefixes form a laminar family (two prefixes are nested or disjoint).
// Sort the distinct prefixes by (start, length) and let X be the last one whose (start, length)
// is <= the route's. If D, the deepest prefix covering the route, exists, then every prefix
// after D in that order and still <= the route starts inside D, so it is nested in D: X is D or
// a descendant of D, and no prefix strictly between X and D on the parent chain covers the route
// (it would be deeper than D). So climbing parents from X until a prefix covers the route finds
// D, or reaches the top when nothing covers it. D's ancestors are exactly the other covering
// prefixes. The first-level index only narrows the range in which X is searched: keys in
// earlier buckets are all smaller than the route's, keys in later buckets all larger.
#include "manrs/rpki/rov.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace manrs::rpki {

namespace detail {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20U;
}

void* huge_allocate(std::size_t bytes) {
  if (bytes < kHugePage) {
    return ::operator new(bytes);
  }
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) {
    throw std::bad_alloc();
  }
#ifdef MADV_HUGEPAGE
  (void)madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without THP it is a no-op
#endif
  return p;
}

void huge_deallocate(void* p, std::size_t bytes) {
  if (bytes < kHugePage) {
    ::operator delete(p);
  } else {
    std::free(p);  // NOLINT(cppcoreguidelines-no-malloc): pairs with aligned_alloc
  }
}

}  // namespace detail

namespace {

std::uint64_t load_be64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    v = (v << 8U) | p[i];
  }
  return v;
}

std::uint32_t mask32(unsigned len) { return len == 0 ? 0U : ~std::uint32_t{0} << (32U - len); }
std::uint64_t mask64(unsigned len) {
  return len == 0 ? 0ULL : (len >= 64 ? ~0ULL : ~0ULL << (64U - len));
}

bool less6(std::uint64_t ahi, std::uint64_t alo, std::uint32_t alen, std::uint64_t bhi,
           std::uint64_t blo, std::uint32_t blen) {
  if (ahi != bhi) {
    return ahi < bhi;
  }
  if (alo != blo) {
    return alo < blo;
  }
  return alen < blen;
}

// Does the IPv6 prefix (phi, plo)/plen contain the address (hi, lo)?
bool contains6(std::uint64_t phi, std::uint64_t plo, unsigned plen, std::uint64_t hi,
               std::uint64_t lo) {
  if (plen <= 64) {
    return ((hi ^ phi) & mask64(plen)) == 0;
  }
  return hi == phi && ((lo ^ plo) & mask64(plen - 64)) == 0;
}

}  // namespace

std::string_view to_string(RovState s) {
  switch (s) {
    case RovState::kValid:
      return "valid";
    case RovState::kInvalidAsn:
      return "invalid-asn";
    case RovState::kInvalidLength:
      return "invalid-length";
    case RovState::kNotFound:
      return "not-found";
  }
  return "?";
}

std::string_view rfc_name(RovState s) {
  switch (s) {
    case RovState::kValid:
      return "valid";
    case RovState::kInvalidAsn:
    case RovState::kInvalidLength:
      return "invalid";
    case RovState::kNotFound:
      return "not-found";
  }
  return "?";
}

std::optional<net::Asn> route_origin(const net::AsPath& path, net::Asn own_as) {
  const auto& segs = path.segments();
  for (auto it = segs.rbegin(); it != segs.rend(); ++it) {
    if (it->count == 0) {
      continue;  // an empty segment says nothing; the one before it is the final one
    }
    switch (it->type) {
      case net::SegmentType::kSequence:
        return path.asns()[it->start + it->count - 1];
      case net::SegmentType::kSet:
        return std::nullopt;
      case net::SegmentType::kConfedSequence:
      case net::SegmentType::kConfedSet:
        return own_as;
    }
  }
  return own_as;
}

RovTable::RovTable() : index4_((1U << kIndexBits4) + 1, 0), index6_((1U << kIndexBits6) + 1, 0) {}

RovTable::RovTable(std::span<const Vrp> input) : RovTable() {
  bool sorted_unique = true;
  for (std::size_t i = 1; i < input.size() && sorted_unique; ++i) {
    sorted_unique = vrp_less(input[i - 1], input[i]);
  }
  if (sorted_unique) {
    build(input);  // a normalized VrpSet: no copy
    return;
  }
  std::vector<Vrp> copy(input.begin(), input.end());
  std::sort(copy.begin(), copy.end(), vrp_less);
  copy.erase(std::unique(copy.begin(), copy.end()), copy.end());
  build(copy);
}

void RovTable::build(std::span<const Vrp> vrps) {
  vrp_count_ = vrps.size();
  // Exact sizes first, so that the vectors hold no slack (memory_bytes() is what is resident).
  std::size_t n4 = 0;
  std::size_t n6 = 0;
  for (std::size_t i = 0; i < vrps.size(); ++i) {
    if (i == 0 || !(vrps[i].prefix == vrps[i - 1].prefix)) {
      ++(vrps[i].prefix.is_v4() ? n4 : n6);
    }
  }
  nodes4_.reserve(n4);
  nodes6_.reserve(n6);
  entries_.reserve(vrps.size() - n4 - n6);

  // Prefix order of Vrp (family, address, length) is (start, length) within a family, so equal
  // prefixes are adjacent and the node order is the key order.
  std::vector<std::uint32_t> stack;
  std::size_t i = 0;
  while (i < vrps.size()) {
    const net::Prefix& p = vrps[i].prefix;
    const Vrp& head = vrps[i++];
    const auto more = static_cast<std::uint32_t>(entries_.size());
    while (i < vrps.size() && vrps[i].prefix == p) {
      entries_.push_back({vrps[i].asn, vrps[i].max_length});
      ++i;
    }
    const auto more_end = static_cast<std::uint32_t>(entries_.size());
    const auto len = p.length();
    if (p.is_v4()) {
      const std::uint32_t start = p.address().v4_value();
      // Pop the prefixes that do not contain this one: the top of the stack is then its parent.
      while (!stack.empty()) {
        const auto& t = nodes4_[stack.back()];
        const auto tlen = static_cast<unsigned>((t.key >> 8U) & 0xffU);
        const auto tstart = static_cast<std::uint32_t>(t.key >> 16U);
        if (tlen <= len && ((start ^ tstart) & mask32(tlen)) == 0) {
          break;
        }
        stack.pop_back();
      }
      const auto idx = static_cast<std::uint32_t>(nodes4_.size());
      nodes4_.push_back(
          {(std::uint64_t{start} << 16U) | (std::uint64_t{len} << 8U) | head.max_length,
           stack.empty() ? kNone : stack.back(), head.asn, more, more_end});
      stack.push_back(idx);
    } else {
      if (nodes6_.empty()) {
        stack.clear();
      }
      const auto& b = p.address().bytes();
      const std::uint64_t hi = load_be64(b.data());
      const std::uint64_t lo = load_be64(b.data() + 8);
      while (!stack.empty()) {
        const auto& t = nodes6_[stack.back()];
        if (t.len <= len && contains6(t.hi, t.lo, t.len, hi, lo)) {
          break;
        }
        stack.pop_back();
      }
      const auto idx = static_cast<std::uint32_t>(nodes6_.size());
      nodes6_.push_back({hi, lo, stack.empty() ? kNone : stack.back(), head.asn, more, more_end,
                         static_cast<std::uint8_t>(len), head.max_length});
      stack.push_back(idx);
    }
  }

  // index[b] = first node whose top bits are >= b.
  std::size_t k = 0;
  for (std::uint32_t b = 0; b <= (1U << kIndexBits4); ++b) {
    while (k < nodes4_.size() && (nodes4_[k].key >> (16U + 32U - kIndexBits4)) < b) {
      ++k;
    }
    index4_[b] = static_cast<std::uint32_t>(k);
  }
  // IPv6: bucket b covers 2000::/4's b-th /24; index6_[b] = first node starting at or after it.
  k = 0;
  for (std::uint32_t b = 0; b <= (1U << kIndexBits6); ++b) {
    const std::uint64_t bucket_start =
        (std::uint64_t{2} << 60U) + (std::uint64_t{b} << (60U - kIndexBits6));
    while (k < nodes6_.size() && nodes6_[k].hi < bucket_start) {
      ++k;
    }
    index6_[b] = static_cast<std::uint32_t>(k);
  }
}

std::uint32_t RovTable::find4(std::uint32_t addr, unsigned len) const {
  addr &= mask32(len);
  // Sorts after every node with this (start, length), whatever its maxLength byte.
  const std::uint64_t key = (std::uint64_t{addr} << 16U) | (std::uint64_t{len} << 8U) | 0xffU;
  const std::uint32_t bucket = addr >> (32U - kIndexBits4);
  const std::uint32_t lo = index4_[bucket];
  const std::uint32_t hi = index4_[bucket + 1];
  // Last node <= route: in the bucket's range, or the last node before the bucket.
  const Node4* base = nodes4_.data();
  // Branchless upper_bound: the buckets are small, and a mispredicted branch per step cost more
  // than the loads.
  std::uint32_t x = lo;
  if (hi > lo) {
    const Node4* b = base + lo;
    std::uint32_t n = hi - lo;
    while (n > 1) {
      const std::uint32_t half = n / 2;
      b = b[half].key <= key ? b + half : b;
      n -= half;
    }
    x = static_cast<std::uint32_t>(b - base) + (b->key <= key ? 1U : 0U);
  }
  if (x == 0) {
    return kNone;
  }
  --x;
  while (x != kNone) {
    const Node4& n = nodes4_[x];
    const auto xlen = static_cast<unsigned>((n.key >> 8U) & 0xffU);
    const auto xstart = static_cast<std::uint32_t>(n.key >> 16U);
    if (xlen <= len && ((addr ^ xstart) & mask32(xlen)) == 0) {
      return x;
    }
    x = n.parent;
  }
  return kNone;
}

std::uint32_t RovTable::find6(std::uint64_t hi, std::uint64_t lo, unsigned len) const {
  if (len <= 64) {
    hi &= mask64(len);
    lo = 0;
  } else {
    lo &= mask64(len - 64);
  }
  // Inside 2000::/4 (where the allocated space is), the index narrows the range to one /24;
  // elsewhere the whole array is searched.
  std::uint32_t b = 0;
  auto e = static_cast<std::uint32_t>(nodes6_.size());
  if ((hi >> 60U) == 2U) {
    const auto bucket = static_cast<std::uint32_t>((hi >> (60U - kIndexBits6)) & kIndexMask6);
    b = index6_[bucket];
    e = index6_[bucket + 1];
  }
  const Node6* base = nodes6_.data();
  std::uint32_t x = b;
  if (e > b) {
    const Node6* p = base + b;
    std::uint32_t n = e - b;
    while (n > 1) {
      const std::uint32_t half = n / 2;
      p = less6(hi, lo, len, p[half].hi, p[half].lo, p[half].len) ? p : p + half;
      n -= half;
    }
    x = static_cast<std::uint32_t>(p - base) + (less6(hi, lo, len, p->hi, p->lo, p->len) ? 0U : 1U);
  }
  if (x == 0) {
    return kNone;
  }
  --x;
  while (x != kNone) {
    const Node6& n = nodes6_[x];
    if (n.len <= len && contains6(n.hi, n.lo, n.len, hi, lo)) {
      return x;
    }
    x = n.parent;
  }
  return kNone;
}

namespace {
unsigned inline_max_length(const auto& n) {
  if constexpr (requires { n.key; }) {
    return static_cast<unsigned>(n.key & 0xffU);
  } else {
    return n.max_length;
  }
}
}  // namespace

template <typename Nodes>
RovState RovTable::judge(const Nodes& nodes, std::uint32_t node, unsigned len, std::uint32_t origin,
                         bool has_origin) const {
  if (node == kNone) {
    return RovState::kNotFound;
  }
  if (!has_origin || origin == 0) {
    return RovState::kInvalidAsn;  // NONE, or AS0: matches no VRP (AS0 VRPs: RFC 6483 §4)
  }
  bool asn_matched = false;
  for (; node != kNone; node = nodes[node].parent) {
    const auto& n = nodes[node];
    if (n.asn == origin) {
      if (len <= inline_max_length(n)) {
        return RovState::kValid;
      }
      asn_matched = true;
    }
    for (std::uint32_t j = n.more; j < n.more_end; ++j) {
      if (entries_[j].asn == origin) {
        if (len <= entries_[j].max_length) {
          return RovState::kValid;
        }
        asn_matched = true;
      }
    }
  }
  return asn_matched ? RovState::kInvalidLength : RovState::kInvalidAsn;
}

RovState RovTable::validate_v4(std::uint32_t addr, unsigned len, std::uint32_t origin,
                               bool has_origin) const {
  if (len > 32) {
    return RovState::kNotFound;
  }
  return judge(nodes4_, find4(addr, len), len, origin, has_origin);
}

RovState RovTable::validate_v6(std::uint64_t hi, std::uint64_t lo, unsigned len,
                               std::uint32_t origin, bool has_origin) const {
  if (len > 128) {
    return RovState::kNotFound;
  }
  return judge(nodes6_, find6(hi, lo, len), len, origin, has_origin);
}

RovState RovTable::validate(const net::Prefix& route, std::optional<net::Asn> origin) const {
  const auto& b = route.address().bytes();
  if (route.is_v4()) {
    return validate_v4(route.address().v4_value(), route.length(), origin.value_or(0),
                       origin.has_value());
  }
  return validate_v6(load_be64(b.data()), load_be64(b.data() + 8), route.length(),
                     origin.value_or(0), origin.has_value());
}

void RovTable::validate_batch(std::span<const RouteQuery> routes, std::span<RovState> out) const {
  // Per group: (1) prefetch each route's index entry; (2) read the bucket bounds and prefetch the
  // node the search starts from; (3) search and judge, by then mostly from cache.
  constexpr std::size_t kGroup = 16;
  for (std::size_t g = 0; g < routes.size(); g += kGroup) {
    const std::size_t n = std::min(kGroup, routes.size() - g);
    for (std::size_t i = 0; i < n; ++i) {
      const RouteQuery& q = routes[g + i];
      if (q.v6) {
        const auto bucket = static_cast<std::uint32_t>((q.hi >> (60U - kIndexBits6)) & kIndexMask6);
        __builtin_prefetch(&index6_[bucket]);
      } else {
        __builtin_prefetch(&index4_[static_cast<std::uint32_t>(q.hi) >> (32U - kIndexBits4)]);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const RouteQuery& q = routes[g + i];
      if (q.v6) {
        const auto bucket = static_cast<std::uint32_t>((q.hi >> (60U - kIndexBits6)) & kIndexMask6);
        const std::uint32_t b = index6_[bucket];
        const std::uint32_t e = index6_[bucket + 1];
        if (e > b) {
          __builtin_prefetch(&nodes6_[b + (e - b) / 2]);
        } else if (b > 0) {
          __builtin_prefetch(&nodes6_[b - 1]);
        }
      } else {
        const std::uint32_t bucket = static_cast<std::uint32_t>(q.hi) >> (32U - kIndexBits4);
        const std::uint32_t b = index4_[bucket];
        const std::uint32_t e = index4_[bucket + 1];
        if (e > b) {
          __builtin_prefetch(&nodes4_[b + (e - b) / 2]);
        } else if (b > 0) {
          __builtin_prefetch(&nodes4_[b - 1]);
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const RouteQuery& q = routes[g + i];
      if (q.len > (q.v6 ? 128U : 32U)) {
        out[g + i] = RovState::kNotFound;
        continue;
      }
      out[g + i] = q.v6 ? judge(nodes6_, find6(q.hi, q.lo, q.len), q.len, q.origin, q.has_origin)
                        : judge(nodes4_, find4(static_cast<std::uint32_t>(q.hi), q.len), q.len,
                                q.origin, q.has_origin);
    }
  }
}

std::vector<Vrp> RovTable::covering(const net::Prefix& route) const {
  std::vector<Vrp> out;
  const auto& b = route.address().bytes();
  auto add = [&](const net::Prefix& p, std::uint32_t asn, unsigned max_length, std::uint32_t more,
                 std::uint32_t more_end) {
    for (std::uint32_t j = more_end; j > more; --j) {
      const Entry& e = entries_[j - 1];
      out.push_back(Vrp{p, static_cast<std::uint8_t>(e.max_length), e.asn, 0, 0});
    }
    out.push_back(Vrp{p, static_cast<std::uint8_t>(max_length), asn, 0, 0});
  };
  if (route.is_v4()) {
    for (auto x = find4(route.address().v4_value(), route.length()); x != kNone;
         x = nodes4_[x].parent) {
      const Node4& n = nodes4_[x];
      const auto p = net::Prefix::make(net::IpAddress::v4(static_cast<std::uint32_t>(n.key >> 16U)),
                                       static_cast<unsigned>((n.key >> 8U) & 0xffU));
      add(p, n.asn, inline_max_length(n), n.more, n.more_end);
    }
  } else {
    for (auto x = find6(load_be64(b.data()), load_be64(b.data() + 8), route.length()); x != kNone;
         x = nodes6_[x].parent) {
      const Node6& n = nodes6_[x];
      std::uint8_t bytes[16];
      for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<std::uint8_t>(n.hi >> (56U - 8U * static_cast<unsigned>(i)));
        bytes[8 + i] = static_cast<std::uint8_t>(n.lo >> (56U - 8U * static_cast<unsigned>(i)));
      }
      add(net::Prefix::make(net::IpAddress::v6_bytes(bytes), n.len), n.asn, n.max_length, n.more,
          n.more_end);
    }
  }
  // Walked deepest first, each prefix's VRPs appended last to first: reversed, the prefixes come
  // shortest first and the VRPs of one prefix in (maxLength, AS) order.
  std::reverse(out.begin(), out.end());
  return out;
}

std::size_t RovTable::memory_bytes() const {
  return nodes4_.capacity() * sizeof(Node4) + index4_.capacity() * sizeof(std::uint32_t) +
         nodes6_.capacity() * sizeof(Node6) + index6_.capacity() * sizeof(std::uint32_t) +
         entries_.capacity() * sizeof(Entry) + sizeof(*this);
}

}  // namespace manrs::rpki
