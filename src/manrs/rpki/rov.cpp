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

namespace manrs::rpki {
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
  std::vector<Vrp> vrps(input.begin(), input.end());
  if (!std::is_sorted(vrps.begin(), vrps.end(), vrp_less)) {
    std::sort(vrps.begin(), vrps.end(), vrp_less);
  }
  vrps.erase(std::unique(vrps.begin(), vrps.end()), vrps.end());
  vrp_count_ = vrps.size();
  entries_.reserve(vrps.size());

  // Prefix order of Vrp (family, address bytes, length) is (start, length) within a family, so
  // equal prefixes are adjacent and the node order is the key order.
  std::vector<std::uint32_t> stack;
  std::size_t i = 0;
  while (i < vrps.size()) {
    const net::Prefix& p = vrps[i].prefix;
    const auto first = static_cast<std::uint32_t>(entries_.size());
    while (i < vrps.size() && vrps[i].prefix == p) {
      entries_.push_back({vrps[i].asn, vrps[i].max_length});
      ++i;
    }
    const auto count = static_cast<std::uint32_t>(entries_.size()) - first;
    const auto len = p.length();
    if (p.is_v4()) {
      const std::uint32_t start = p.address().v4_value();
      // Pop the prefixes that do not contain this one: the top of the stack is then its parent.
      while (!stack.empty()) {
        const auto top = stack.back();
        const auto tlen = static_cast<unsigned>(keys4_[top] & 0xffU);
        const auto tstart = static_cast<std::uint32_t>(keys4_[top] >> 8U);
        if (tlen <= len && ((start ^ tstart) & mask32(tlen)) == 0) {
          break;
        }
        stack.pop_back();
      }
      const auto idx = static_cast<std::uint32_t>(keys4_.size());
      keys4_.push_back((std::uint64_t{start} << 8U) | len);
      nodes4_.push_back({stack.empty() ? kNone : stack.back(), first, count});
      stack.push_back(idx);
    } else {
      if (keys6_.empty()) {
        stack.clear();
      }
      const auto& b = p.address().bytes();
      const std::uint64_t hi = load_be64(b.data());
      const std::uint64_t lo = load_be64(b.data() + 8);
      while (!stack.empty()) {
        const auto& t = keys6_[stack.back()];
        if (t.len <= len && contains6(t.hi, t.lo, t.len, hi, lo)) {
          break;
        }
        stack.pop_back();
      }
      const auto idx = static_cast<std::uint32_t>(keys6_.size());
      keys6_.push_back({hi, lo, len});
      nodes6_.push_back({stack.empty() ? kNone : stack.back(), first, count});
      stack.push_back(idx);
    }
  }

  // index[b] = first key whose top bits are >= b.
  std::size_t k = 0;
  for (std::uint32_t b = 0; b <= (1U << kIndexBits4); ++b) {
    while (k < keys4_.size() && (keys4_[k] >> (8U + 32U - kIndexBits4)) < b) {
      ++k;
    }
    index4_[b] = static_cast<std::uint32_t>(k);
  }
  k = 0;
  for (std::uint32_t b = 0; b <= (1U << kIndexBits6); ++b) {
    while (k < keys6_.size() && (keys6_[k].hi >> (64U - kIndexBits6)) < b) {
      ++k;
    }
    index6_[b] = static_cast<std::uint32_t>(k);
  }
}

std::uint32_t RovTable::find4(std::uint32_t addr, unsigned len) const {
  addr &= mask32(len);
  const std::uint64_t key = (std::uint64_t{addr} << 8U) | len;
  const std::uint32_t bucket = addr >> (32U - kIndexBits4);
  const std::uint32_t lo = index4_[bucket];
  const std::uint32_t hi = index4_[bucket + 1];
  // Last key <= route key: the bucket's range, or the last key before the bucket.
  const auto* base = keys4_.data();
  const auto* it = std::upper_bound(base + lo, base + hi, key);
  std::uint32_t x = static_cast<std::uint32_t>(it - base);
  if (x == 0) {
    return kNone;
  }
  --x;
  while (x != kNone) {
    const auto xlen = static_cast<unsigned>(keys4_[x] & 0xffU);
    const auto xstart = static_cast<std::uint32_t>(keys4_[x] >> 8U);
    if (xlen <= len && ((addr ^ xstart) & mask32(xlen)) == 0) {
      return x;
    }
    x = nodes4_[x].parent;
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
  const auto bucket = static_cast<std::uint32_t>(hi >> (64U - kIndexBits6));
  const std::uint32_t b = index6_[bucket];
  const std::uint32_t e = index6_[bucket + 1];
  const auto* base = keys6_.data();
  const auto* it = std::upper_bound(
      base + b, base + e, Key6{hi, lo, len},
      [](const Key6& a, const Key6& c) { return less6(a.hi, a.lo, a.len, c.hi, c.lo, c.len); });
  std::uint32_t x = static_cast<std::uint32_t>(it - base);
  if (x == 0) {
    return kNone;
  }
  --x;
  while (x != kNone) {
    const auto& k = keys6_[x];
    if (k.len <= len && contains6(k.hi, k.lo, k.len, hi, lo)) {
      return x;
    }
    x = nodes6_[x].parent;
  }
  return kNone;
}

RovState RovTable::judge(const std::vector<Node>& nodes, std::uint32_t node, unsigned len,
                         std::uint32_t origin, bool has_origin) const {
  if (node == kNone) {
    return RovState::kNotFound;
  }
  if (!has_origin || origin == 0) {
    return RovState::kInvalidAsn;  // NONE, or AS0: matches no VRP (AS0 VRPs: RFC 6483 §4)
  }
  bool asn_matched = false;
  for (; node != kNone; node = nodes[node].parent) {
    const Node& n = nodes[node];
    const Entry* e = entries_.data() + n.first;
    for (std::uint32_t j = 0; j < n.count; ++j) {
      if (e[j].asn == origin) {
        if (len <= e[j].max_length) {
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

std::vector<Vrp> RovTable::covering(const net::Prefix& route) const {
  std::vector<Vrp> out;
  const auto& b = route.address().bytes();
  const bool v4 = route.is_v4();
  std::uint32_t node = v4 ? find4(route.address().v4_value(), route.length())
                          : find6(load_be64(b.data()), load_be64(b.data() + 8), route.length());
  const auto& nodes = v4 ? nodes4_ : nodes6_;
  for (; node != kNone; node = nodes[node].parent) {
    const Node& n = nodes[node];
    net::Prefix p;
    if (v4) {
      const auto start = static_cast<std::uint32_t>(keys4_[node] >> 8U);
      p = net::Prefix::make(net::IpAddress::v4(start), static_cast<unsigned>(keys4_[node] & 0xffU));
    } else {
      const auto& k = keys6_[node];
      std::uint8_t bytes[16];
      for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<std::uint8_t>(k.hi >> (56U - 8U * static_cast<unsigned>(i)));
        bytes[8 + i] = static_cast<std::uint8_t>(k.lo >> (56U - 8U * static_cast<unsigned>(i)));
      }
      p = net::Prefix::make(net::IpAddress::v6_bytes(bytes), k.len);
    }
    for (std::uint32_t j = n.count; j > 0; --j) {
      const Entry& e = entries_[n.first + j - 1];
      out.push_back(Vrp{p, static_cast<std::uint8_t>(e.max_length), e.asn, 0, 0});
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::size_t RovTable::memory_bytes() const {
  return keys4_.capacity() * sizeof(std::uint64_t) + nodes4_.capacity() * sizeof(Node) +
         index4_.capacity() * sizeof(std::uint32_t) + keys6_.capacity() * sizeof(Key6) +
         nodes6_.capacity() * sizeof(Node) + index6_.capacity() * sizeof(std::uint32_t) +
         entries_.capacity() * sizeof(Entry) + sizeof(*this);
}

}  // namespace manrs::rpki
