// rtr/cache.cpp — set differences, delta composition, PDU payload encoding and the cache state.
#include "manrs/rtr/cache.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace manrs::rtr {

bool serial_less(std::uint32_t a, std::uint32_t b) {
  // RFC 1982 §3.2: a < b iff (a < b and b - a < 2^31) or (a > b and a - b > 2^31).
  return a != b && static_cast<std::uint32_t>(b - a) < 0x80000000U;
}

namespace {

template <typename T, typename Less>
std::vector<T> minus(const std::vector<T>& a, const std::vector<T>& b, Less less) {
  std::vector<T> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out), less);
  return out;
}

template <typename T, typename Less>
std::vector<T> merged(std::vector<T> a, const std::vector<T>& b, Less less) {
  std::vector<T> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out), less);
  return out;
}

bool key_less(const rpki::RouterKey& a, const rpki::RouterKey& b) { return a < b; }

std::uint8_t type_index(PduType t) { return static_cast<std::uint8_t>(t); }

void count_prefix(Payload& p, const net::Prefix& prefix) {
  ++p.counts[type_index(prefix.is_v4() ? PduType::kIpv4Prefix : PduType::kIpv6Prefix)];
}

}  // namespace

Delta diff(const rpki::VrpSet& from, const rpki::VrpSet& to) {
  Delta d;
  d.vrp_announce = minus(to.vrps, from.vrps, rpki::vrp_less);
  d.vrp_withdraw = minus(from.vrps, to.vrps, rpki::vrp_less);
  d.key_announce = minus(to.router_keys, from.router_keys, key_less);
  d.key_withdraw = minus(from.router_keys, to.router_keys, key_less);
  auto a = from.aspas.begin();
  auto b = to.aspas.begin();
  while (a != from.aspas.end() || b != to.aspas.end()) {
    if (b == to.aspas.end() || (a != from.aspas.end() && a->customer < b->customer)) {
      d.aspa.push_back({a->customer, a->providers, std::nullopt});
      ++a;
    } else if (a == from.aspas.end() || b->customer < a->customer) {
      d.aspa.push_back({b->customer, std::nullopt, b->providers});
      ++b;
    } else {
      if (a->providers != b->providers) {
        d.aspa.push_back({a->customer, a->providers, b->providers});
      }
      ++a;
      ++b;
    }
  }
  return d;
}

Delta compose(const Delta& first, const Delta& second) {
  // An announced item of `first` is absent at s and present at t; withdrawn by `second`, it
  // is absent at u again: the two cancel. Likewise withdraw-then-announce.
  Delta d;
  d.vrp_announce =
      merged(minus(first.vrp_announce, second.vrp_withdraw, rpki::vrp_less),
             minus(second.vrp_announce, first.vrp_withdraw, rpki::vrp_less), rpki::vrp_less);
  d.vrp_withdraw =
      merged(minus(first.vrp_withdraw, second.vrp_announce, rpki::vrp_less),
             minus(second.vrp_withdraw, first.vrp_announce, rpki::vrp_less), rpki::vrp_less);
  d.key_announce = merged(minus(first.key_announce, second.key_withdraw, key_less),
                          minus(second.key_announce, first.key_withdraw, key_less), key_less);
  d.key_withdraw = merged(minus(first.key_withdraw, second.key_announce, key_less),
                          minus(second.key_withdraw, first.key_announce, key_less), key_less);
  auto a = first.aspa.begin();
  auto b = second.aspa.begin();
  while (a != first.aspa.end() || b != second.aspa.end()) {
    if (b == second.aspa.end() || (a != first.aspa.end() && a->customer < b->customer)) {
      d.aspa.push_back(*a++);
    } else if (a == first.aspa.end() || b->customer < a->customer) {
      d.aspa.push_back(*b++);
    } else {
      if (a->before != b->after) {
        d.aspa.push_back({a->customer, a->before, b->after});
      }
      ++a;
      ++b;
    }
  }
  return d;
}

Payload encode_delta(const Delta& d, std::uint8_t version) {
  Payload p;
  Bytes out;
  out.reserve(d.size() * 32);
  for (const auto& v : d.vrp_withdraw) {
    encode_prefix(out, version, false, v.prefix, v.max_length, v.asn);
    count_prefix(p, v.prefix);
  }
  if (version >= 1) {
    for (const auto& k : d.key_withdraw) {
      encode_router_key(out, version, false, k.ski, k.asn, k.spki);
      ++p.counts[type_index(PduType::kRouterKey)];
    }
  }
  if (version >= 2) {
    for (const auto& c : d.aspa) {
      if (!c.after) {
        encode_aspa(out, version, false, c.customer, {});
        ++p.counts[type_index(PduType::kAspa)];
      }
    }
  }
  for (const auto& v : d.vrp_announce) {
    encode_prefix(out, version, true, v.prefix, v.max_length, v.asn);
    count_prefix(p, v.prefix);
  }
  if (version >= 1) {
    for (const auto& k : d.key_announce) {
      encode_router_key(out, version, true, k.ski, k.asn, k.spki);
      ++p.counts[type_index(PduType::kRouterKey)];
    }
  }
  if (version >= 2) {
    for (const auto& c : d.aspa) {
      if (c.after) {
        encode_aspa(out, version, true, c.customer, *c.after);
        ++p.counts[type_index(PduType::kAspa)];
      }
    }
  }
  p.bytes = std::make_shared<const Bytes>(std::move(out));
  return p;
}

Payload encode_full(const rpki::VrpSet& set, std::uint8_t version) {
  Payload p;
  Bytes out;
  out.reserve(set.v4_count() * 20 + set.v6_count() * 32 +
              (version >= 1 ? set.router_keys.size() * 128 : 0) +
              (version >= 2 ? set.aspas.size() * 32 : 0));
  for (const auto& v : set.vrps) {
    encode_prefix(out, version, true, v.prefix, v.max_length, v.asn);
    count_prefix(p, v.prefix);
  }
  if (version >= 1) {
    for (const auto& k : set.router_keys) {
      encode_router_key(out, version, true, k.ski, k.asn, k.spki);
      ++p.counts[type_index(PduType::kRouterKey)];
    }
  }
  if (version >= 2) {
    for (const auto& a : set.aspas) {
      encode_aspa(out, version, true, a.customer, a.providers);
      ++p.counts[type_index(PduType::kAspa)];
    }
  }
  p.bytes = std::make_shared<const Bytes>(std::move(out));
  return p;
}

const Payload* CacheState::delta_from(std::uint32_t from, std::uint8_t version) const {
  static const Payload kEmpty{std::make_shared<const Bytes>(), {}};
  if (version > kMaxVersion) {
    return nullptr;
  }
  if (from == serial) {
    return &kEmpty;
  }
  for (const auto& h : history) {
    if (h.serial == from) {
      return &h.encoded[version];
    }
  }
  return nullptr;
}

Cache::Cache(std::uint16_t session_id, std::size_t max_history) : max_history_(max_history) {
  auto s = std::make_shared<CacheState>();
  s->session_id = session_id;
  s->set = std::make_shared<const rpki::VrpSet>();
  for (std::uint8_t v = 0; v <= kMaxVersion; ++v) {
    s->full[v] = encode_full(*s->set, v);
  }
  state_ = std::move(s);
}

UpdateResult Cache::update(rpki::VrpSet set, bool available) {
  auto old = state();  // only update() replaces the data; callers serialize updates
  auto next = std::make_shared<CacheState>();
  next->session_id = old->session_id;
  next->has_data = available;
  auto nset = std::make_shared<const rpki::VrpSet>(std::move(set));
  UpdateResult r;
  bool first = !loaded_;
  loaded_ = true;
  Delta step = diff(*old->set, *nset);
  r.announced = step.vrp_announce.size() + step.key_announce.size();
  r.withdrawn = step.vrp_withdraw.size() + step.key_withdraw.size();
  for (const auto& c : step.aspa) {
    ++(c.after ? r.announced : r.withdrawn);
  }
  if (step.size() == 0 && !first) {
    // Same data: keep the serial, the history and the encoded payloads.
    auto same = std::make_shared<CacheState>(*old);
    same->has_data = available;
    same->set = std::move(nset);
    r.serial = same->serial;
    std::lock_guard lock(mu_);
    state_ = std::move(same);
    return r;
  }
  r.changed = true;
  next->set = nset;
  next->serial = first ? 0 : old->serial + 1;  // unsigned wrap = RFC 1982 increment
  for (std::uint8_t v = 0; v <= kMaxVersion; ++v) {
    next->full[v] = encode_full(*nset, v);
  }
  if (!first) {
    // A delta larger than the whole set is worse than a Cache Reset: drop it from the history.
    std::size_t limit = nset->vrps.size() + nset->aspas.size() + nset->router_keys.size();
    auto add = [&](std::uint32_t from, Delta d) {
      if (d.size() > limit || next->history.size() >= max_history_) {
        return;
      }
      CacheState::History h;
      h.serial = from;
      for (std::uint8_t v = 0; v <= kMaxVersion; ++v) {
        h.encoded[v] = encode_delta(d, v);
      }
      h.delta = std::move(d);
      next->history.push_back(std::move(h));
    };
    add(old->serial, step);
    for (const auto& h : old->history) {
      add(h.serial, compose(h.delta, step));
    }
  }
  r.serial = next->serial;
  std::lock_guard lock(mu_);
  state_ = std::move(next);
  return r;
}

void Cache::set_available(bool available) {
  std::lock_guard lock(mu_);
  if (state_->has_data == available) {
    return;
  }
  auto s = std::make_shared<CacheState>(*state_);
  s->has_data = available;
  state_ = std::move(s);
}

std::shared_ptr<const CacheState> Cache::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

}  // namespace manrs::rtr
