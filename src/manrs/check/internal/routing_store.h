// check/internal/routing_store.h — the compact structures behind RoutingAnalysis: open-addressing
// hash tables without per-entry heap nodes, interned prefixes, peers and AS paths, and the
// announcement timeline that turns MRT records into closed segments (peer, prefix, path,
// [start, end]). Private to check/routing*.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "manrs/net/as_path.h"
#include "manrs/net/asn.h"
#include "manrs/net/ip_address.h"
#include "manrs/net/prefix.h"

namespace manrs::check::detail {

inline constexpr std::uint32_t kNoId = 0xffffffffU;

inline std::uint64_t mix64(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

// Maps content to dense ids 0, 1, 2, ...: the caller keeps the content per id and supplies the
// hash and an equality test. Linear probing, load <= 1/2.
class IdIndex {
 public:
  IdIndex() { rehash(1024); }
  // The id of the content with hash `h` for which eq(id) holds, or next_id (inserted).
  template <typename Eq>
  std::uint32_t find_or_insert(std::uint64_t h, const Eq& eq, std::uint32_t next_id, bool& added) {
    if ((hashes_.size() + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    const auto h32 = static_cast<std::uint32_t>(h >> 32);
    for (;;) {
      const Slot& s = slots_[i];
      if (s.id == kNoId) break;
      if (s.h32 == h32 && eq(s.id)) {
        added = false;
        return s.id;
      }
      i = (i + 1) & mask_;
    }
    slots_[i] = {next_id, h32};
    hashes_.push_back(h);
    added = true;
    return next_id;
  }
  [[nodiscard]] std::size_t memory_bytes() const {
    return slots_.capacity() * sizeof(Slot) + hashes_.capacity() * 8;
  }

 private:
  struct Slot {
    std::uint32_t id = kNoId;
    std::uint32_t h32 = 0;
  };
  void rehash(std::size_t n) {
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (std::uint32_t id = 0; id < hashes_.size(); ++id) {
      std::size_t i = static_cast<std::size_t>(hashes_[id]) & mask_;
      while (slots_[i].id != kNoId) i = (i + 1) & mask_;
      slots_[i] = {id, static_cast<std::uint32_t>(hashes_[id] >> 32)};
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> hashes_;  // per id
  std::size_t mask_ = 0;
};

// Interned prefixes.
class PrefixStore {
 public:
  std::uint32_t intern(const net::Prefix& p);
  [[nodiscard]] const net::Prefix& prefix(std::uint32_t id) const { return prefixes_[id]; }
  [[nodiscard]] std::size_t size() const { return prefixes_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const {
    return prefixes_.capacity() * sizeof(net::Prefix) + index_.memory_bytes();
  }

 private:
  std::vector<net::Prefix> prefixes_;
  IdIndex index_;
};

// Interned AS paths, stored flat: the ASNs of every segment as received (confederation segments
// dropped), with a kind byte per ASN (AS_SEQUENCE member, first AS_SET member, next AS_SET
// member) so that equal ids mean equal paths.
class PathStore {
 public:
  static constexpr std::uint8_t kSeq = 0, kSetFirst = 1, kSetNext = 2;
  PathStore();
  std::uint32_t intern(const net::AsPath& path);
  std::uint32_t intern(std::span<const net::Asn> asns, std::span<const std::uint8_t> kinds);

  [[nodiscard]] std::span<const net::Asn> asns(std::uint32_t id) const {
    return {asns_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
  }
  [[nodiscard]] std::span<const std::uint8_t> kinds(std::uint32_t id) const {
    return {kinds_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
  }
  [[nodiscard]] bool has_set(std::uint32_t id) const { return (flags_[id] & kHasSet) != 0; }
  // The origin: the last ASN of a final AS_SEQUENCE; nullopt for a final AS_SET or an empty path.
  [[nodiscard]] std::optional<net::Asn> origin(std::uint32_t id) const {
    if ((flags_[id] & kHasOrigin) == 0) return std::nullopt;
    return asns_[offsets_[id + 1] - 1];
  }
  // Prepends collapsed, neighbour first; empty when the path has an AS_SET.
  void sequence(std::uint32_t id, std::vector<net::Asn>& out) const;
  [[nodiscard]] std::string to_string(std::uint32_t id) const;
  [[nodiscard]] std::size_t size() const { return flags_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const {
    return asns_.capacity() * 4 + kinds_.capacity() + offsets_.capacity() * 4 + flags_.capacity() +
           index_.memory_bytes();
  }

 private:
  static constexpr std::uint8_t kHasSet = 1, kHasOrigin = 2;
  std::vector<net::Asn> asns_;
  std::vector<std::uint8_t> kinds_;
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint8_t> flags_;
  IdIndex index_;
  std::vector<net::Asn> scratch_asns_;
  std::vector<std::uint8_t> scratch_kinds_;
};

// A closed announcement segment: the route of `peer` for `prefix` had `path` over [start, end].
struct Segment {
  std::uint32_t peer = 0;
  std::uint32_t prefix = 0;
  std::uint32_t path = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

struct PeerKey {
  net::IpAddress address;
  net::Asn asn = 0;
  friend bool operator==(const PeerKey&, const PeerKey&) = default;
};
struct PeerKeyHash {
  std::size_t operator()(const PeerKey& k) const noexcept;
};

// The per (peer, prefix) current route and the segments closed so far. Times are Unix seconds.
class Timeline {
 public:
  Timeline();
  std::uint32_t peer(const net::IpAddress& address, net::Asn asn);
  [[nodiscard]] const PeerKey& peer_key(std::uint32_t id) const { return peers_[id].key; }
  [[nodiscard]] std::size_t peer_count() const { return peers_.size(); }

  // A RIB entry or an announcement: the route now has `path` (unchanged path: nothing happens).
  void announce(std::uint32_t peer, std::uint32_t prefix, std::uint32_t path, std::uint32_t t);
  void withdraw(std::uint32_t peer, std::uint32_t prefix, std::uint32_t t);
  // The session left Established: every route of the peer ends at t.
  void peer_down(std::uint32_t peer, std::uint32_t t);
  // The peer was heard from at t (any record); `rib`: in a RIB dump.
  void heard(std::uint32_t peer, std::uint32_t t, bool rib) {
    PeerState& p = peers_[peer];
    if (t > p.last_heard) p.last_heard = t;
    if (rib && t > p.last_rib) p.last_rib = t;
  }
  // A RIB dump that started at `dump_time` and held the peers marked in `in_dump` is complete:
  // their routes not confirmed since `dump_time - tolerance` were gone when it was taken, and end
  // at `dump_time` (a route missing from the next dump, with no withdrawal in between).
  void end_of_dump(const std::vector<bool>& in_dump, std::uint32_t dump_time,
                   std::uint32_t tolerance);
  // Closes every route still announced. `spans` are the stretches of data (the files' time
  // ranges merged where they overlap or lie less than a snapshot apart), sorted: a peer's routes
  // last until the end of the stretch that holds the last time the peer was heard from (a quiet
  // peer keeps its routes while its collector records), or `snapshot` seconds after the peer's
  // last RIB dump when that is later; never beyond `cap`. Data from other years or other
  // collectors' stretches says nothing about this peer.
  void finish(std::int64_t snapshot, std::uint32_t cap,
              const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans);
  // Segments that end before `from` or start at/after `to` are dropped as they close (when the
  // window is known in advance); [from, to) is otherwise [0, 2^32).
  void set_keep(std::uint32_t from, std::uint32_t to) {
    keep_from_ = from;
    keep_to_ = to;
  }

  [[nodiscard]] std::vector<Segment>& segments() { return segments_; }
  [[nodiscard]] std::size_t memory_bytes() const;

 private:
  struct Active {
    std::uint32_t path = kNoId;  // kNoId: not announced
    std::uint32_t start = 0;
    std::uint32_t epoch = 0;      // the peer's session epoch when opened
    std::uint32_t confirmed = 0;  // the last RIB entry or announcement that carried it
  };
  struct PeerState {
    PeerKey key;
    std::uint32_t epoch = 0;
    std::vector<std::uint32_t> down_at;  // down_at[e]: when epoch e ended
    std::uint32_t last_heard = 0;
    std::uint32_t last_rib = 0;
  };
  static constexpr std::uint64_t kEmpty = ~0ULL;
  Active& slot(std::uint64_t key);
  void close(std::uint32_t peer, std::uint32_t prefix, Active& a, std::uint32_t t);
  // An entry opened in an earlier session epoch already ended when that session went down.
  void settle(std::uint32_t peer, std::uint32_t prefix, Active& a);
  void grow();

  std::vector<PeerState> peers_;
  std::unordered_map<PeerKey, std::uint32_t, PeerKeyHash> peer_ids_;
  std::vector<std::uint64_t> keys_;  // open addressing (peer << 32 | prefix)
  std::vector<Active> vals_;
  std::size_t used_ = 0;
  std::size_t mask_ = 0;
  std::vector<Segment> segments_;
  std::uint32_t keep_from_ = 0;
  std::uint32_t keep_to_ = 0xffffffffU;
};

}  // namespace manrs::check::detail
