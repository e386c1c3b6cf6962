// rtr/cache.h — the data an RTR cache serves (RFC 8210 §5): session id, serial (RFC 1982), the
// encoded payload of a full sync per protocol version (built once per update and shared by all
// clients), and a bounded history of encoded deltas from older serials to the current one.
//
// Thread safety: update() may run on any thread; state() hands out an immutable snapshot
// (shared_ptr<const CacheState>) that stays valid while a connection sends from it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "manrs/rpki/vrp.h"
#include "manrs/rtr/pdu.h"

namespace manrs::rtr {

using Bytes = std::vector<std::uint8_t>;
using SharedBytes = std::shared_ptr<const Bytes>;

// RFC 1982 serial number arithmetic (SERIAL_BITS = 32): true if a < b.
[[nodiscard]] bool serial_less(std::uint32_t a, std::uint32_t b);

inline constexpr std::size_t kPduTypes = 12;  // PduType values 0..11

// Encoded PDUs (no Cache Response, no End of Data) and how many of each type they hold.
struct Payload {
  SharedBytes bytes;
  std::array<std::uint32_t, kPduTypes> counts{};
};

// What changed from one serial to a later one, as sorted sets (the canonical VrpSet order).
struct Delta {
  std::vector<rpki::Vrp> vrp_announce, vrp_withdraw;
  std::vector<rpki::RouterKey> key_announce, key_withdraw;
  struct AspaChange {
    net::Asn customer = 0;
    std::optional<std::vector<net::Asn>> before, after;  // nullopt = no ASPA for the customer
  };
  std::vector<AspaChange> aspa;  // sorted by customer; before != after

  [[nodiscard]] std::size_t size() const {
    return vrp_announce.size() + vrp_withdraw.size() + key_announce.size() + key_withdraw.size() +
           aspa.size();
  }
};

// The differences between two normalized sets.
[[nodiscard]] Delta diff(const rpki::VrpSet& from, const rpki::VrpSet& to);
// `first` (s -> t) then `second` (t -> u) as one delta s -> u.
[[nodiscard]] Delta compose(const Delta& first, const Delta& second);
// Encodes a delta for one version: withdrawals, then announcements (v1+: router keys; v2:
// ASPA, an announcement carries the whole new provider set, a withdrawal none).
[[nodiscard]] Payload encode_delta(const Delta& d, std::uint8_t version);
// Encodes a whole set for one version (prefixes; v1+ router keys; v2 ASPA), all announcements.
[[nodiscard]] Payload encode_full(const rpki::VrpSet& set, std::uint8_t version);

// One immutable state of the cache.
struct CacheState {
  std::uint16_t session_id = 0;
  std::uint32_t serial = 0;
  bool has_data = false;
  std::shared_ptr<const rpki::VrpSet> set;
  std::array<Payload, kMaxVersion + 1> full;  // per version
  struct History {
    std::uint32_t serial = 0;  // delta from this serial to the current one
    Delta delta;
    std::array<Payload, kMaxVersion + 1> encoded;
  };
  std::vector<History> history;  // newest first

  // Delta payload from `serial` to the current serial; nullptr if not in the history (answer
  // with Cache Reset). An up-to-date serial gives an empty payload.
  [[nodiscard]] const Payload* delta_from(std::uint32_t from, std::uint8_t version) const;
};

// What update() did.
struct UpdateResult {
  bool changed = false;  // false: same set, serial kept
  std::uint32_t serial = 0;
  std::size_t announced = 0, withdrawn = 0;  // payload records (VRPs, keys, ASPAs)
};

class Cache {
 public:
  explicit Cache(std::uint16_t session_id, std::size_t max_history = 32);

  // Replaces the data with `set` (must be normalized). The first set gets serial 0; each later
  // set that differs increments the serial (mod 2^32) and adds a history entry. With
  // available = false the set is kept but not served (stale data with --stale-stop), atomically:
  // no client ever sees it.
  UpdateResult update(rpki::VrpSet set, bool available = true);
  // Stops serving data (clients get "No Data Available") until the next update() or
  // set_available(true); the serial and history are kept.
  void set_available(bool available);

  [[nodiscard]] std::shared_ptr<const CacheState> state() const;

 private:
  std::size_t max_history_;
  bool loaded_ = false;  // update() ran once (touched by update() only)
  mutable std::mutex mu_;
  std::shared_ptr<const CacheState> state_;
};

}  // namespace manrs::rtr
