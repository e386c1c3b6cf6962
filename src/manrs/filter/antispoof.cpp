#include "manrs/filter/antispoof.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "manrs/bgp/update.h"
#include "manrs/core/input.h"
#include "manrs/filter/bogons.h"
#include "manrs/irr/objects.h"
#include "manrs/mrt/reader.h"
#include "manrs/mrt/record.h"

namespace manrs::filter {

// ---- 1. RFC 8704 model ------------------------------------------------------------------------

std::string_view to_string(Relation r) {
  switch (r) {
    case Relation::kCustomer:
      return "customer";
    case Relation::kLateralPeer:
      return "lateral-peer";
    case Relation::kProvider:
      return "provider";
  }
  return "?";
}

std::optional<Relation> parse_relation(std::string_view text) {
  if (text == "customer") {
    return Relation::kCustomer;
  }
  if (text == "lateral-peer" || text == "peer") {
    return Relation::kLateralPeer;
  }
  if (text == "provider") {
    return Relation::kProvider;
  }
  return std::nullopt;
}

std::string interface_of(const Neighbor& n) {
  return n.interface.empty() ? net::format_asn(n.asn) : n.interface;
}

std::vector<net::Prefix> RpfList::prefixes() const {
  std::vector<net::Prefix> out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    out.push_back(e.prefix);
  }
  return out;
}

bool RpfList::permits(const net::IpAddress& addr) const {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const RpfEntry& e) { return e.prefix.contains(addr); });
}

namespace {

template <typename T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Per prefix: the origins it was received with and from whom (sorted maps: deterministic).
struct PrefixInfo {
  std::set<net::Asn> origins;
  std::set<net::Asn> from;
};

RpfEntry make_entry(const net::Prefix& p, const std::set<net::Asn>& origins,
                    const std::set<net::Asn>& from) {
  RpfEntry e;
  e.prefix = p;
  e.origins.assign(origins.begin(), origins.end());
  e.received_from.assign(from.begin(), from.end());
  return e;
}

}  // namespace

std::vector<RpfList> efp_algorithm_a(const std::vector<Neighbor>& neighbors) {
  // The customer interfaces, in order of first appearance.
  std::vector<RpfList> lists;
  std::map<std::string, std::size_t> index;
  for (const auto& n : neighbors) {
    if (n.relation != Relation::kCustomer) {
      continue;
    }
    auto [it, fresh] = index.emplace(interface_of(n), lists.size());
    if (fresh) {
      lists.push_back({});
      lists.back().interface = it->first;
    }
    lists[it->second].neighbors.push_back(n.asn);
  }
  // Step 1: Set A = unique origin ASes of routes in customer Adj-RIBs-In; and, for step 3,
  // which customer interfaces received which prefix.
  std::set<net::Asn> set_a;
  std::map<net::Prefix, std::set<std::size_t>> customer_ifaces;  // prefix -> list indexes
  for (const auto& n : neighbors) {
    if (n.relation != Relation::kCustomer) {
      continue;
    }
    const std::size_t li = index.at(interface_of(n));
    for (const auto& r : n.routes) {
      set_a.insert(r.origin);
      customer_ifaces[r.prefix].insert(li);
    }
  }
  // Step 2: X_i = unique prefixes with origin AS_i over the Adj-RIBs-In of all interfaces.
  std::map<net::Asn, std::map<net::Prefix, std::set<net::Asn>>> x;  // AS_i -> prefix -> from
  for (const auto& n : neighbors) {
    for (const auto& r : n.routes) {
      if (set_a.count(r.origin) != 0) {
        x[r.origin][r.prefix].insert(n.asn);
      }
    }
  }
  // Step 3: X_i goes onto every customer interface that received at least one prefix of X_i.
  std::vector<std::map<net::Prefix, PrefixInfo>> acc(lists.size());
  for (const auto& [as_i, xi] : x) {
    std::set<std::size_t> targets;
    for (const auto& [p, from] : xi) {
      // "every customer interface on which one or more of the prefixes in Set X_i were
      // received" (whatever origin it came with there).
      auto it = customer_ifaces.find(p);
      if (it != customer_ifaces.end()) {
        targets.insert(it->second.begin(), it->second.end());
      }
    }
    for (std::size_t li : targets) {
      for (const auto& [p, from] : xi) {
        auto& info = acc[li][p];
        info.origins.insert(as_i);
        info.from.insert(from.begin(), from.end());
      }
    }
  }
  for (std::size_t li = 0; li < lists.size(); ++li) {
    sort_unique(lists[li].neighbors);
    for (const auto& [p, info] : acc[li]) {
      lists[li].entries.push_back(make_entry(p, info.origins, info.from));
      lists[li].entries.back().from_customer = customer_ifaces.count(p) != 0;
    }
  }
  return lists;
}

RpfList efp_algorithm_b(const std::vector<Neighbor>& neighbors) {
  RpfList out;
  // Steps 1-3: customer interfaces I, their prefixes P, the origins A of the routes for P.
  std::map<net::Prefix, PrefixInfo> z;
  std::set<net::Asn> set_a;
  for (const auto& n : neighbors) {
    if (n.relation != Relation::kCustomer) {
      continue;
    }
    out.neighbors.push_back(n.asn);
    for (const auto& r : n.routes) {
      auto& info = z[r.prefix];
      info.origins.insert(r.origin);
      info.from.insert(n.asn);
      set_a.insert(r.origin);
    }
  }
  std::set<net::Prefix> set_p;
  for (const auto& [p, info] : z) {
    set_p.insert(p);
  }
  // Step 4: Q = prefixes from lateral peers and providers whose origin is in A.
  for (const auto& n : neighbors) {
    if (n.relation == Relation::kCustomer) {
      continue;
    }
    for (const auto& r : n.routes) {
      if (set_a.count(r.origin) != 0) {
        auto& info = z[r.prefix];
        info.origins.insert(r.origin);
        info.from.insert(n.asn);
      }
    }
  }
  // Step 5: Z = P ∪ Q, the list of every customer interface.
  sort_unique(out.neighbors);
  for (const auto& [p, info] : z) {
    out.entries.push_back(make_entry(p, info.origins, info.from));
    out.entries.back().from_customer = set_p.count(p) != 0;
  }
  return out;
}

std::vector<net::Prefix> feasible_path_prefixes(const std::vector<Neighbor>& neighbors,
                                                std::string_view interface) {
  std::vector<net::Prefix> out;
  for (const auto& n : neighbors) {
    if (interface_of(n) != interface) {
      continue;
    }
    for (const auto& r : n.routes) {
      out.push_back(r.prefix);
    }
  }
  sort_unique(out);
  return out;
}

// ---- 2. Observations --------------------------------------------------------------------------

std::string_view to_string(MrtView v) { return v == MrtView::kCollector ? "collector" : "router"; }

std::size_t Observations::KeyHash::operator()(const Key& k) const noexcept {
  std::size_t h = net::PrefixHash{}(k.prefix);
  h ^= (static_cast<std::size_t>(k.neighbor) * 0x9E3779B97F4A7C15ULL) + (h << 6) + (h >> 2);
  h ^= (static_cast<std::size_t>(k.origin) * 0xC2B2AE3D27D4EB4FULL) + (h << 6) + (h >> 2);
  return h;
}

Observations::Observations(net::Asn local_as, MrtView view) : local_as_(local_as), view_(view) {}

void Observations::receive(const net::Prefix& prefix, net::Asn neighbor, net::Asn origin) {
  ++stats_.received;
  if (routes_.insert(Key{prefix, neighbor, origin}).second) {
    by_neighbor_[neighbor].push_back(Route{prefix, origin});
  }
}

void Observations::edge(net::Asn from, net::Asn to) {
  if (from == to) {
    return;
  }
  const std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
  if (edges_.insert(key).second) {
    preceding_[to].push_back(from);
  }
}

namespace {

// An AS_PATH flattened for our purpose: sequence hops (prepending collapsed) and set hops.
struct Hop {
  net::Asn asn = 0;
  bool in_set = false;
};

void flatten(const net::AsPath& path, std::vector<Hop>& out) {
  out.clear();
  for (const auto& seg : path.segments()) {
    if (seg.type == net::SegmentType::kConfedSequence || seg.type == net::SegmentType::kConfedSet) {
      continue;
    }
    const bool set = seg.type == net::SegmentType::kSet;
    for (net::Asn a : path.segment_asns(seg)) {
      if (!set && !out.empty() && !out.back().in_set && out.back().asn == a) {
        continue;  // prepending
      }
      out.push_back(Hop{a, set});
    }
  }
}

// The origin(s) of a flattened path (see the Observations comment on AS_SET).
void origins_of(const std::vector<Hop>& hops, std::vector<net::Asn>& out) {
  out.clear();
  if (hops.empty()) {
    return;
  }
  if (!hops.back().in_set) {
    out.push_back(hops.back().asn);
    return;
  }
  std::size_t i = hops.size();
  while (i > 0 && hops[i - 1].in_set) {
    --i;
  }
  if (i > 0) {
    out.push_back(hops[i - 1].asn);  // the aggregating AS
    return;
  }
  for (const auto& h : hops) {
    out.push_back(h.asn);
  }
  sort_unique(out);
}

}  // namespace

void Observations::add_route(const net::Prefix& prefix, net::Asn peer_as, const net::AsPath& path) {
  ++stats_.routes;
  thread_local std::vector<Hop> hops;
  thread_local std::vector<net::Asn> origins;
  flatten(path, hops);
  for (std::size_t i = 0; i + 1 < hops.size(); ++i) {
    if (!hops[i].in_set && !hops[i + 1].in_set) {
      edge(hops[i].asn, hops[i + 1].asn);
    }
  }
  if (view_ == MrtView::kRouter) {
    if (peer_as == local_as_) {
      ++stats_.ibgp;
      return;
    }
    const bool loop =
        std::any_of(hops.begin(), hops.end(), [&](const Hop& h) { return h.asn == local_as_; });
    if (loop) {
      ++stats_.loops;
      return;
    }
    edge(local_as_, peer_as);
    if (!hops.empty() && !hops.front().in_set) {
      edge(peer_as, hops.front().asn);
    }
    origins_of(hops, origins);
    if (origins.empty()) {
      if (path.empty()) {
        origins.push_back(peer_as);  // a route with an empty AS_PATH: the peer's own
      } else {
        ++stats_.unusable;
        return;
      }
    }
    for (net::Asn o : origins) {
      receive(prefix, peer_as, o);
    }
    return;
  }
  // Collector view: find local_as in the sequence part.
  if (hops.empty()) {
    ++stats_.unusable;
    return;
  }
  std::size_t at = hops.size();
  std::size_t seen = 0;
  bool in_set = false;
  for (std::size_t i = 0; i < hops.size(); ++i) {
    if (hops[i].asn != local_as_) {
      continue;
    }
    if (hops[i].in_set) {
      in_set = true;
      continue;
    }
    ++seen;
    at = i;
  }
  if (seen == 0) {
    if (in_set) {
      ++stats_.local_in_set;
    }
    return;
  }
  if (seen > 1) {
    ++stats_.loops;
    return;
  }
  if (at + 1 == hops.size()) {
    ++stats_.local_origin;
    return;
  }
  if (hops[at + 1].in_set) {
    ++stats_.set_after_local;
    return;
  }
  origins_of(hops, origins);
  for (net::Asn o : origins) {
    receive(prefix, hops[at + 1].asn, o);
  }
}

void Observations::add_record(const mrt::Record& rec) {
  ++stats_.records;
  switch (rec.kind) {
    case mrt::RecordKind::kRib: {
      if (rec.rib.safi != bgp::kSafiUnicast || rec.peers == nullptr) {
        return;
      }
      for (std::size_t i = 0; i < rec.rib.count; ++i) {
        const auto& e = rec.rib.entries[i];
        if (e.peer_index >= rec.peers->peers.size() || e.attrs.as_path_error) {
          continue;
        }
        add_route(rec.rib.prefix, rec.peers->peers[e.peer_index].asn, e.attrs.as_path);
      }
      return;
    }
    case mrt::RecordKind::kTableDump:
      for (std::size_t i = 0; i < rec.table_dump.count; ++i) {
        const auto& e = rec.table_dump.entries[i];
        if (!e.attrs.as_path_error) {
          add_route(e.prefix, e.peer_as, e.attrs.as_path);
        }
      }
      return;
    case mrt::RecordKind::kBgp4mpMessage: {
      const auto& m = rec.bgp4mp;
      if (m.local || m.message_type != static_cast<std::uint8_t>(bgp::MessageType::kUpdate)) {
        return;
      }
      const auto& a = m.update.attrs;
      if (a.as_path_error || a.action >= bgp::ErrorAction::kTreatAsWithdraw) {
        return;
      }
      for (const auto& n : m.update.nlri) {
        add_route(n.prefix, m.peer_as, a.as_path);
      }
      if (a.mp_reach.present && a.mp_reach.safi == bgp::kSafiUnicast) {
        for (const auto& n : a.mp_reach.nlri) {
          add_route(n.prefix, m.peer_as, a.as_path);
        }
      }
      return;
    }
    default:
      return;
  }
}

Status Observations::add_mrt_file(const std::string& path) {
  auto src = core::open_input(path);
  if (!src) {
    return src.error();
  }
  mrt::Reader reader(std::move(*src));
  mrt::Record rec;
  ++stats_.files;
  for (;;) {
    auto more = reader.next(rec);
    if (!more) {
      ++stats_.record_errors;
      if (reader.failed()) {
        return more.error();
      }
      continue;
    }
    if (!*more) {
      break;
    }
    add_record(rec);
  }
  return {};
}

std::vector<net::Asn> Observations::neighbors() const {
  std::vector<net::Asn> out;
  out.reserve(by_neighbor_.size());
  for (const auto& [n, routes] : by_neighbor_) {
    out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Route> Observations::received_from(net::Asn neighbor) const {
  auto it = by_neighbor_.find(neighbor);
  if (it == by_neighbor_.end()) {
    return {};
  }
  std::vector<Route> out = it->second;
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<net::Asn> Observations::upstreams(const std::vector<net::Asn>& cone) const {
  std::unordered_set<net::Asn> in_cone(cone.begin(), cone.end());
  std::vector<net::Asn> out;
  for (net::Asn c : in_cone) {
    auto it = preceding_.find(c);
    if (it == preceding_.end()) {
      continue;
    }
    for (net::Asn a : it->second) {
      if (in_cone.count(a) == 0) {
        out.push_back(a);
      }
    }
  }
  sort_unique(out);
  return out;
}

// ---- 3. The planner ---------------------------------------------------------------------------

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_asn_text(std::string_view s) {
  if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) {
    s.remove_prefix(2);
  }
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string asn_list(const std::vector<net::Asn>& asns, std::size_t max = 20) {
  std::string out;
  for (std::size_t i = 0; i < asns.size() && i < max; ++i) {
    if (i > 0) {
      out += ' ';
    }
    out += net::format_asn(asns[i]);
  }
  if (asns.size() > max) {
    out += fmt::format(" (+{} more)", asns.size() - max);
  }
  return out.empty() ? "none" : out;
}

// A candidate source prefix with one reason.
struct Candidate {
  net::Prefix prefix;
  Evidence evidence;
};

Evidence input_evidence(const net::Prefix& p, net::Asn origin, std::string detail) {
  Evidence e;
  e.kind = Evidence::Kind::kInput;
  e.prefix = p;
  e.asn = origin;
  e.detail = std::move(detail);
  return e;
}

// Sorted, covered prefixes folded into the covering one (address-space semantics: an ACL
// permitting 192.0.2.0/23 already permits 192.0.2.0/24), evidence kept in order.
std::vector<Entry> fold(std::vector<Candidate> cands, net::Family family) {
  std::stable_sort(cands.begin(), cands.end(),
                   [](const Candidate& a, const Candidate& b) { return a.prefix < b.prefix; });
  std::vector<Entry> out;
  for (auto& c : cands) {
    if (c.prefix.family() != family) {
      continue;
    }
    if (!out.empty() && out.back().prefix.contains(c.prefix)) {
      out.back().evidence.push_back(std::move(c.evidence));
      continue;
    }
    out.push_back(Entry::make_exact(c.prefix));
    out.back().evidence.push_back(std::move(c.evidence));
  }
  return out;
}

// Why a prefix may not be a permitted source at all (nullopt = it may).
std::optional<std::string> unusable(const net::Prefix& p) {
  if (p.length() == 0) {
    return "default route";
  }
  if (auto b = bogon_prefix(p)) {
    return fmt::format("bogon: inside {} {} ({})", b->prefix.to_string(), b->purpose, b->rfc);
  }
  return std::nullopt;
}

// What the planner knows about one spec before the RFC 8704 model is built.
struct Prepared {
  const CustomerSpec* spec = nullptr;
  std::string name;                 // canonical target
  std::vector<net::Asn> cone;       // sorted: IRR cone, neighbours, origins behind them
  std::vector<net::Asn> neighbors;  // sorted
  std::vector<Candidate> base;      // IRR, ROA, observed, operator-given
  std::vector<std::string> notes;
  std::string cone_source;  // "IRR AS-FOO (RIPE)" / "the ASN itself"
  std::size_t observed_routes = 0;
};

Result<std::vector<net::Asn>> derive_neighbors(const CustomerSpec& spec, const std::string& name,
                                               const std::vector<net::Asn>& cone,
                                               const Observations* obs) {
  if (!spec.neighbors.empty()) {
    auto n = spec.neighbors;
    sort_unique(n);
    return n;
  }
  if (is_asn_text(name)) {
    MANRS_TRY(auto asn, net::parse_asn(name));
    return std::vector<net::Asn>{asn};
  }
  // "AS64500:AS-CUSTOMERS" (optionally "SOURCE::") -> AS64500, the set's owner.
  std::string_view bare = name;
  if (auto pos = bare.find("::"); pos != std::string_view::npos) {
    bare.remove_prefix(pos + 2);
  }
  if (auto colon = bare.find(':'); colon != std::string_view::npos) {
    auto head = bare.substr(0, colon);
    if (is_asn_text(head)) {
      MANRS_TRY(auto asn, net::parse_asn(head));
      return std::vector<net::Asn>{asn};
    }
  }
  std::vector<net::Asn> out;
  if (obs != nullptr) {
    for (net::Asn a : cone) {
      if (!obs->received_from(a).empty()) {
        out.push_back(a);
      }
    }
  }
  return out;
}

Result<Prepared> prepare(const CustomerSpec& spec, const AntispoofOptions& o) {
  Prepared p;
  p.spec = &spec;
  p.name = is_asn_text(spec.target) ? spec.target : upper(spec.target);
  if (is_asn_text(p.name)) {
    MANRS_TRY(auto asn, net::parse_asn(p.name));
    p.name = net::format_asn(asn);
  }
  const bool customer = spec.relation == Relation::kCustomer;
  std::vector<net::Asn> cone;
  if (customer && (o.db != nullptr || o.rpki != nullptr)) {
    GenerateOptions g = o.generate;
    g.allow_empty = true;
    // Source validation has no "too specific": a /26 of the customer is the customer's space.
    g.max_len_v4 = 32;
    g.max_len_v6 = 128;
    g.min_len_v4 = 0;
    g.min_len_v6 = 0;
    g.aggregate = false;
    g.more_specifics_v4.reset();
    g.more_specifics_v6.reset();
    if (o.db == nullptr) {
      g.mode = Mode::kRpki;  // only VRPs: the ROA prefixes of an ASN
      if (!is_asn_text(p.name)) {
        return make_error(
            ErrorCode::kPolicy,
            fmt::format("antispoof {}: an AS-SET needs an IRR database (--rpsl)", p.name));
      }
    }
    auto f = generate(o.db, o.rpki, p.name, g);
    if (!f) {
      Error e = f.error();
      e.message = fmt::format("antispoof {}: {}", p.name, e.message);
      return e;
    }
    cone = f->asns;
    p.cone_source = o.db != nullptr ? fmt::format("IRR ({})", fmt::join(f->sources, ",")) : "VRPs";
    for (const auto* list : {&f->v4, &f->v6}) {
      for (const auto& e : list->entries) {
        for (const auto& ev : e.evidence) {
          p.base.push_back(Candidate{e.prefix, ev});
        }
        if (e.evidence.empty()) {
          p.base.push_back(Candidate{e.prefix, input_evidence(e.prefix, 0, "irr")});
        }
      }
      if (o.explain) {
        for (const auto& x : list->excluded) {
          p.notes.push_back(fmt::format("not permitted: {} ({}{}{})", x.entry.to_string(),
                                        to_string(x.reason), x.detail.empty() ? "" : ": ",
                                        x.detail));
        }
      }
    }
    if (f->findings.partial()) {
      p.notes.push_back(fmt::format(
          "warning: the IRR expansion of {} is partial (missing: {}; ANY members: {}{}{})", p.name,
          f->findings.missing.empty() ? "none"
                                      : fmt::format("{}", fmt::join(f->findings.missing, ", ")),
          f->findings.any_members.empty()
              ? "none"
              : fmt::format("{}", fmt::join(f->findings.any_members, ", ")),
          f->findings.depth_limited ? "; depth limit hit" : "",
          f->findings.size_limited ? "; size limit hit" : ""));
    }
    // (b) ROA-authorised prefixes when the mode did not already add them.
    if (o.rpki != nullptr && g.mode != Mode::kIrrPlusRoa && g.mode != Mode::kRpki) {
      for (net::Asn a : cone) {
        for (const rpki::Vrp* v : o.rpki->by_asn(a)) {
          if ((v->prefix.is_v4() && !g.v4) || (!v->prefix.is_v4() && !g.v6)) {
            continue;
          }
          Evidence ev;
          ev.kind = Evidence::Kind::kRoa;
          ev.prefix = v->prefix;
          ev.asn = v->asn;
          ev.max_length = v->max_length;
          ev.source = std::string(o.rpki->ta_name(v->ta));
          if (auto why = unusable(v->prefix)) {
            if (o.explain) {
              p.notes.push_back(fmt::format("not permitted: {} ({})", ev.describe(), *why));
            }
            continue;
          }
          p.base.push_back(Candidate{v->prefix, std::move(ev)});
        }
      }
    }
  } else if (is_asn_text(p.name)) {
    MANRS_TRY(auto asn, net::parse_asn(p.name));
    cone.push_back(asn);
    p.cone_source = "the ASN itself";
  } else if (customer) {
    return make_error(
        ErrorCode::kPolicy,
        fmt::format("antispoof {}: an AS-SET needs an IRR database (--rpsl)", p.name));
  }
  MANRS_TRY(p.neighbors, derive_neighbors(spec, p.name, cone, o.observations));
  p.cone = cone;
  p.cone.insert(p.cone.end(), p.neighbors.begin(), p.neighbors.end());
  if (!customer) {
    sort_unique(p.cone);
    return p;
  }
  // (c) what the customer's neighbour AS(es) sent local_as, observed or given.
  auto add_route = [&](net::Asn from, const Route& r, std::string_view how) {
    p.cone.push_back(r.origin);
    if (auto why = unusable(r.prefix)) {
      if (o.explain) {
        p.notes.push_back(fmt::format("not permitted: {} received from {} origin {} ({})",
                                      r.prefix.to_string(), net::format_asn(from),
                                      net::format_asn(r.origin), *why));
      }
      return;
    }
    if ((r.prefix.is_v4() && !o.generate.v4) || (!r.prefix.is_v4() && !o.generate.v6)) {
      return;
    }
    ++p.observed_routes;
    p.base.push_back(Candidate{
        r.prefix, input_evidence(r.prefix, r.origin,
                                 fmt::format("{}: received from {}, origin {}", how,
                                             net::format_asn(from), net::format_asn(r.origin)))});
  };
  if (o.observations != nullptr) {
    const std::string how = fmt::format("mrt {}", to_string(o.observations->view()));
    for (net::Asn n : p.neighbors) {
      for (const auto& r : o.observations->received_from(n)) {
        add_route(n, r, how);
      }
    }
  }
  const net::Asn first = p.neighbors.empty() ? 0 : p.neighbors.front();
  for (const auto& r : spec.routes) {
    add_route(first, r, "operator");
  }
  sort_unique(p.cone);
  return p;
}

std::string prefix_list_text(const std::vector<net::Prefix>& ps, std::size_t max = 12) {
  std::string out;
  for (std::size_t i = 0; i < ps.size() && i < max; ++i) {
    if (i > 0) {
      out += ' ';
    }
    out += ps[i].to_string();
  }
  if (ps.size() > max) {
    out += fmt::format(" (+{} more)", ps.size() - max);
  }
  return out.empty() ? "none" : out;
}

}  // namespace

Result<SavPlan> plan_antispoof(const std::vector<CustomerSpec>& customers,
                               const AntispoofOptions& options) {
  if (options.local_as == 0) {
    return make_error(ErrorCode::kPolicy,
                      "antispoof: want the operator's own AS (local_as), have 0");
  }
  std::vector<Prepared> prepared;
  prepared.reserve(customers.size());
  for (const auto& spec : customers) {
    MANRS_TRY(auto p, prepare(spec, options));
    prepared.push_back(std::move(p));
  }

  // The RFC 8704 model of local_as: planned interfaces, explicit neighbours, observed ones.
  std::vector<Neighbor> model;
  std::set<net::Asn> planned;
  std::vector<std::string> iface_of_spec(prepared.size());
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    const auto& p = prepared[i];
    const std::string iface = !p.spec->interface.empty() ? p.spec->interface
                              : p.neighbors.size() == 1 ? std::string()
                                                        : p.name;
    for (std::size_t k = 0; k < p.neighbors.size(); ++k) {
      Neighbor n;
      n.asn = p.neighbors[k];
      n.relation = p.spec->relation;
      n.interface = iface;
      if (options.observations != nullptr) {
        n.routes = options.observations->received_from(n.asn);
      }
      if (k == 0) {
        n.routes.insert(n.routes.end(), p.spec->routes.begin(), p.spec->routes.end());
      }
      planned.insert(n.asn);
      if (k == 0) {
        iface_of_spec[i] = interface_of(n);
      }
      model.push_back(std::move(n));
    }
  }
  std::set<net::Asn> explicit_asns;
  for (const auto& n : options.neighbors) {
    explicit_asns.insert(n.asn);
  }
  for (const auto& n : options.neighbors) {
    Neighbor m = n;
    if (options.observations != nullptr && planned.count(n.asn) == 0) {
      auto seen = options.observations->received_from(n.asn);
      m.routes.insert(m.routes.end(), seen.begin(), seen.end());
    }
    model.push_back(std::move(m));
  }
  if (options.observations != nullptr) {
    // Neighbours seen but not planned or given: non-customer interfaces (RFC 8704 uses them
    // only as sources of X_i / Q).
    for (net::Asn a : options.observations->neighbors()) {
      if (planned.count(a) != 0 || explicit_asns.count(a) != 0) {
        continue;
      }
      Neighbor n;
      n.asn = a;
      n.relation = Relation::kLateralPeer;
      n.routes = options.observations->received_from(a);
      model.push_back(std::move(n));
    }
  }

  std::vector<RpfList> lists_a;
  RpfList list_b;
  if (options.algorithm == EfpAlgorithm::kA) {
    lists_a = efp_algorithm_a(model);
  } else {
    list_b = efp_algorithm_b(model);
  }
  const bool have_data = options.observations != nullptr || !options.neighbors.empty();

  SavPlan plan;
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    auto& p = prepared[i];
    const CustomerSpec& spec = *p.spec;
    SavInterface sav;
    sav.customer = p.name;
    sav.interface = spec.interface;
    if (spec.relation != Relation::kCustomer) {
      sav.urpf = UrpfMode::kLoose;
      sav.acl = false;
      sav.algorithm = "loose uRPF (RFC 3704 section 2.4)";
      sav.notes.push_back(fmt::format(
          "{} is a {}: loose uRPF, no source list (RFC 8704 section 3.6: EFP-uRPF on customer "
          "interfaces, loose uRPF on lateral peer and provider interfaces)",
          p.name, to_string(spec.relation)));
      plan.interfaces.push_back(std::move(sav));
      continue;
    }
    if (p.neighbors.empty() && options.explain) {
      p.notes.push_back("no neighbour AS known for this interface: no observed routes used");
    }
    // Single-homed or multihomed?
    std::vector<net::Asn> ups;
    if (options.observations != nullptr) {
      ups = options.observations->upstreams(p.cone);
    }
    std::vector<net::Asn> others;  // upstreams other than local_as, and model neighbours
    for (net::Asn a : ups) {
      if (a != options.local_as) {
        others.push_back(a);
      }
    }
    const std::set<net::Asn> own(p.neighbors.begin(), p.neighbors.end());
    for (const auto& n : model) {
      if (own.count(n.asn) != 0 && interface_of(n) == iface_of_spec[i]) {
        continue;
      }
      const bool carries = std::any_of(n.routes.begin(), n.routes.end(), [&](const Route& r) {
        return std::binary_search(p.cone.begin(), p.cone.end(), r.origin);
      });
      if (carries && own.count(n.asn) == 0) {
        others.push_back(n.asn);
      }
    }
    sort_unique(others);
    bool multihomed = !others.empty();
    std::string why;
    if (spec.multihomed.has_value()) {
      multihomed = *spec.multihomed;
      why = fmt::format("{} by the operator", multihomed ? "multihomed" : "single-homed");
    } else if (!have_data && spec.routes.empty()) {
      why = "assumed single-homed: no routing data (give MRT files, or mark it multihomed)";
      p.notes.push_back(fmt::format("warning: {} {}", p.name, why));
    } else if (multihomed) {
      why = fmt::format("multihomed: its cone also reaches the world through {}", asn_list(others));
    } else {
      why = fmt::format("single-homed: only {} seen upstream of its cone",
                        net::format_asn(options.local_as));
    }

    std::vector<Candidate> cands = p.base;
    std::vector<net::Prefix> own_received;
    for (const auto& c : p.base) {
      if (c.evidence.kind == Evidence::Kind::kInput &&
          c.evidence.detail.find("received from") != std::string::npos) {
        own_received.push_back(c.prefix);
      }
    }
    sort_unique(own_received);
    std::size_t efp_added = 0;
    if (multihomed) {
      sav.urpf = UrpfMode::kFeasible;
      const RpfList* list = nullptr;
      std::string alg;
      if (options.algorithm == EfpAlgorithm::kA) {
        alg = "A";
        sav.algorithm = "EFP-uRPF algorithm A (RFC 8704 section 3.1.1)";
        for (const auto& l : lists_a) {
          if (l.interface == iface_of_spec[i]) {
            list = &l;
          }
        }
      } else {
        alg = "B";
        sav.algorithm = "EFP-uRPF algorithm B (RFC 8704 section 3.4)";
        list = &list_b;
      }
      if (list != nullptr) {
        for (const auto& e : list->entries) {
          if (std::binary_search(own_received.begin(), own_received.end(), e.prefix)) {
            continue;  // already there as a route received on this interface
          }
          if (unusable(e.prefix) || (e.prefix.is_v4() && !options.generate.v4) ||
              (!e.prefix.is_v4() && !options.generate.v6)) {
            continue;
          }
          std::vector<std::string> from;
          for (net::Asn a : e.received_from) {
            from.push_back(net::format_asn(a));
          }
          std::vector<std::string> origins;
          for (net::Asn a : e.origins) {
            origins.push_back(net::format_asn(a));
          }
          std::string detail =
              options.algorithm == EfpAlgorithm::kA
                  ? fmt::format("EFP-uRPF A: in X_i of origin {} (Set A), received from {}",
                                fmt::join(origins, ","), fmt::join(from, ","))
                  : fmt::format("EFP-uRPF B: in Set {} (origin {}), received from {}",
                                e.from_customer ? "P" : "Q", fmt::join(origins, ","),
                                fmt::join(from, ","));
          cands.push_back(Candidate{
              e.prefix, input_evidence(e.prefix, e.origins.empty() ? 0 : e.origins.front(),
                                       std::move(detail))});
          ++efp_added;
        }
      }
      if (options.explain) {
        p.notes.push_back(fmt::format(
            "feasible-path uRPF with the EFP-uRPF list, algorithm {}: {} prefixes beyond the {} "
            "received on this interface (what strict uRPF would accept at most)",
            alg, efp_added, own_received.size()));
      }
    } else {
      sav.urpf = UrpfMode::kStrict;
      sav.algorithm = "strict uRPF (BCP 38)";
    }
    sav.acl = true;
    sav.v4 = fold(cands, net::Family::kV4);
    sav.v6 = fold(std::move(cands), net::Family::kV6);
    if (sav.v4.empty() && sav.v6.empty() && !options.allow_empty) {
      return make_error(ErrorCode::kPolicy,
                        fmt::format("antispoof {}: no permitted source prefix (no route objects, "
                                    "ROAs or received routes); an empty ACL drops all its traffic",
                                    p.name));
    }
    // Notes: the summary line always, the details with explain.
    sav.notes.push_back(fmt::format("{}: {}", p.name, why));
    if (options.explain) {
      sav.notes.push_back(fmt::format("cone of {}: {} ASNs from {}: {}", p.name, p.cone.size(),
                                      p.cone_source.empty() ? "routing data" : p.cone_source,
                                      asn_list(p.cone)));
      sav.notes.push_back(fmt::format("neighbour AS(es) on this interface: {}; {} routes received",
                                      asn_list(p.neighbors), p.observed_routes));
      if (options.observations != nullptr) {
        sav.notes.push_back(
            fmt::format("upstreams seen directly before the cone: {}", asn_list(ups)));
      }
      sav.notes.push_back(fmt::format("routes received here (strict uRPF accepts no more): {}",
                                      prefix_list_text(own_received)));
    }
    for (auto& n : p.notes) {
      sav.notes.push_back(std::move(n));
    }
    if (options.explain) {
      for (const auto* list : {&sav.v4, &sav.v6}) {
        for (const auto& e : *list) {
          std::string text = e.prefix.to_string() + ":";
          for (std::size_t k = 0; k < e.evidence.size(); ++k) {
            text += (k == 0 ? " " : "; ");
            text += e.evidence[k].describe();
          }
          sav.notes.push_back(std::move(text));
        }
      }
    }
    plan.interfaces.push_back(std::move(sav));
  }
  return plan;
}

}  // namespace manrs::filter
