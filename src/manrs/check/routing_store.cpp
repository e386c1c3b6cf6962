#include "manrs/check/internal/routing_store.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace manrs::check::detail {

namespace {
std::uint64_t prefix_hash(const net::Prefix& p) {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::memcpy(&a, p.address().bytes().data(), 8);
  std::memcpy(&b, p.address().bytes().data() + 8, 8);
  return mix64(a ^ mix64(b ^ ((std::uint64_t{p.length()} << 1) | (p.is_v4() ? 1U : 0U))));
}
}  // namespace

std::uint32_t PrefixStore::intern(const net::Prefix& p) {
  bool added = false;
  const auto next = static_cast<std::uint32_t>(prefixes_.size());
  const std::uint32_t id = index_.find_or_insert(
      prefix_hash(p), [&](std::uint32_t i) { return prefixes_[i] == p; }, next, added);
  if (added) prefixes_.push_back(p);
  return id;
}

PathStore::PathStore() { offsets_.push_back(0); }

std::uint32_t PathStore::intern(const net::AsPath& path) {
  scratch_asns_.clear();
  scratch_kinds_.clear();
  for (const net::AsPathSegment& seg : path.segments()) {
    if (seg.type == net::SegmentType::kConfedSequence || seg.type == net::SegmentType::kConfedSet) {
      continue;  // RFC 5065: internal to the confederation
    }
    const bool set = seg.type == net::SegmentType::kSet;
    bool first = true;
    for (const net::Asn a : path.segment_asns(seg)) {
      scratch_asns_.push_back(a);
      scratch_kinds_.push_back(set ? (first ? kSetFirst : kSetNext) : kSeq);
      first = false;
    }
  }
  return intern(scratch_asns_, scratch_kinds_);
}

std::uint32_t PathStore::intern(std::span<const net::Asn> asns,
                                std::span<const std::uint8_t> kinds) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ asns.size();
  for (std::size_t i = 0; i < asns.size(); ++i) {
    h = mix64(h ^ (std::uint64_t{asns[i]} | (std::uint64_t{kinds[i]} << 32)));
  }
  bool added = false;
  const auto next = static_cast<std::uint32_t>(flags_.size());
  const std::uint32_t id = index_.find_or_insert(
      h,
      [&](std::uint32_t i) {
        const std::size_t off = offsets_[i];
        const std::size_t len = offsets_[i + 1] - off;
        return len == asns.size() &&
               std::equal(asns.begin(), asns.end(), asns_.begin() + static_cast<long>(off)) &&
               std::equal(kinds.begin(), kinds.end(), kinds_.begin() + static_cast<long>(off));
      },
      next, added);
  if (added) {
    asns_.insert(asns_.end(), asns.begin(), asns.end());
    kinds_.insert(kinds_.end(), kinds.begin(), kinds.end());
    offsets_.push_back(static_cast<std::uint32_t>(asns_.size()));
    std::uint8_t f = 0;
    if (std::ranges::any_of(kinds, [](std::uint8_t k) { return k != kSeq; })) f |= kHasSet;
    if (!kinds.empty() && kinds.back() == kSeq) f |= kHasOrigin;
    flags_.push_back(f);
  }
  return id;
}

void PathStore::sequence(std::uint32_t id, std::vector<net::Asn>& out) const {
  out.clear();
  if (has_set(id)) return;
  for (const net::Asn a : asns(id)) {
    if (out.empty() || out.back() != a) out.push_back(a);
  }
}

std::string PathStore::to_string(std::uint32_t id) const {
  std::string s;
  auto a = asns(id);
  auto k = kinds(id);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (k[i] == kSetNext) {
      s += ',';
    } else if (!s.empty()) {
      if (i > 0 && k[i - 1] != kSeq) s += '}';
      s += ' ';
    }
    if (k[i] == kSetFirst) s += '{';
    s += fmt::format("{}", a[i]);
  }
  if (!k.empty() && k.back() != kSeq) s += '}';
  return s;
}

std::size_t PeerKeyHash::operator()(const PeerKey& k) const noexcept {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::memcpy(&a, k.address.bytes().data(), 8);
  std::memcpy(&b, k.address.bytes().data() + 8, 8);
  return static_cast<std::size_t>(mix64(a ^ mix64(b ^ k.asn)));
}

Timeline::Timeline() {
  keys_.assign(1U << 16, kEmpty);
  vals_.assign(1U << 16, Active{});
  mask_ = (1U << 16) - 1;
}

std::uint32_t Timeline::peer(const net::IpAddress& address, net::Asn asn) {
  const PeerKey k{address, asn};
  auto [it, added] = peer_ids_.try_emplace(k, static_cast<std::uint32_t>(peers_.size()));
  if (added) peers_.push_back(PeerState{k, 0, {}, 0, 0});
  return it->second;
}

void Timeline::grow() {
  std::vector<std::uint64_t> keys(keys_.size() * 2, kEmpty);
  std::vector<Active> vals(keys.size());
  const std::size_t mask = keys.size() - 1;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == kEmpty) continue;
    std::size_t j = static_cast<std::size_t>(mix64(keys_[i])) & mask;
    while (keys[j] != kEmpty) j = (j + 1) & mask;
    keys[j] = keys_[i];
    vals[j] = vals_[i];
  }
  keys_ = std::move(keys);
  vals_ = std::move(vals);
  mask_ = mask;
}

Timeline::Active& Timeline::slot(std::uint64_t key) {
  std::size_t i = static_cast<std::size_t>(mix64(key)) & mask_;
  for (;;) {
    if (keys_[i] == key) return vals_[i];
    if (keys_[i] == kEmpty) break;
    i = (i + 1) & mask_;
  }
  if ((used_ + 1) * 2 > keys_.size()) {
    grow();
    return slot(key);
  }
  keys_[i] = key;
  vals_[i] = Active{};
  ++used_;
  return vals_[i];
}

void Timeline::close(std::uint32_t peer, std::uint32_t prefix, Active& a, std::uint32_t t) {
  const std::uint32_t end = std::max(t, a.start);
  if (end >= keep_from_ && a.start < keep_to_) {
    segments_.push_back({peer, prefix, a.path, a.start, end});
  }
  a.path = kNoId;
}

void Timeline::settle(std::uint32_t peer, std::uint32_t prefix, Active& a) {
  if (a.path != kNoId && a.epoch != peers_[peer].epoch) {
    close(peer, prefix, a, peers_[peer].down_at[a.epoch]);
  }
}

void Timeline::announce(std::uint32_t peer, std::uint32_t prefix, std::uint32_t path,
                        std::uint32_t t) {
  Active& a = slot((std::uint64_t{peer} << 32) | prefix);
  settle(peer, prefix, a);
  a.confirmed = t;
  if (a.path == path) return;
  if (a.path != kNoId) close(peer, prefix, a, t);
  a.path = path;
  a.start = t;
  a.epoch = peers_[peer].epoch;
}

void Timeline::withdraw(std::uint32_t peer, std::uint32_t prefix, std::uint32_t t) {
  const std::uint64_t key = (std::uint64_t{peer} << 32) | prefix;
  std::size_t i = static_cast<std::size_t>(mix64(key)) & mask_;
  while (keys_[i] != kEmpty) {
    if (keys_[i] == key) {
      Active& a = vals_[i];
      settle(peer, prefix, a);
      if (a.path != kNoId) close(peer, prefix, a, t);
      return;
    }
    i = (i + 1) & mask_;
  }
}

void Timeline::end_of_dump(const std::vector<bool>& in_dump, std::uint32_t dump_time,
                           std::uint32_t tolerance) {
  const std::uint32_t before = dump_time > tolerance ? dump_time - tolerance : 0;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == kEmpty) continue;
    const auto peer = static_cast<std::uint32_t>(keys_[i] >> 32);
    if (peer >= in_dump.size() || !in_dump[peer]) continue;
    const auto prefix = static_cast<std::uint32_t>(keys_[i] & 0xffffffffU);
    Active& a = vals_[i];
    settle(peer, prefix, a);
    if (a.path != kNoId && a.confirmed < before) close(peer, prefix, a, dump_time);
  }
}

void Timeline::peer_down(std::uint32_t peer, std::uint32_t t) {
  PeerState& p = peers_[peer];
  p.down_at.push_back(t);
  ++p.epoch;
}

void Timeline::finish(std::int64_t snapshot, std::uint32_t cap,
                      const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans) {
  std::vector<std::uint32_t> end(peers_.size());
  for (std::size_t p = 0; p < peers_.size(); ++p) {
    std::int64_t e = peers_[p].last_heard;
    // The stretch whose start is the last one at or before the peer's last activity.
    auto it = std::upper_bound(spans.begin(), spans.end(),
                               std::pair<std::uint32_t, std::uint32_t>{peers_[p].last_heard, ~0U});
    if (it != spans.begin()) e = std::max<std::int64_t>(e, std::prev(it)->second);
    if (peers_[p].last_rib != 0) e = std::max(e, std::int64_t{peers_[p].last_rib} + snapshot);
    end[p] = static_cast<std::uint32_t>(std::min<std::int64_t>(e, cap));
  }
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == kEmpty) continue;
    const auto peer = static_cast<std::uint32_t>(keys_[i] >> 32);
    const auto prefix = static_cast<std::uint32_t>(keys_[i] & 0xffffffffU);
    Active& a = vals_[i];
    settle(peer, prefix, a);
    if (a.path != kNoId) close(peer, prefix, a, std::max(end[peer], a.start));
  }
}

std::size_t Timeline::memory_bytes() const {
  return keys_.capacity() * 8 + vals_.capacity() * sizeof(Active) +
         segments_.capacity() * sizeof(Segment) + peers_.size() * sizeof(PeerState);
}

}  // namespace manrs::check::detail
