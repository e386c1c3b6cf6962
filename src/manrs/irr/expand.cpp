// irr/expand.cpp — as-set / route-set expansion: an iterative depth-first walk (no recursion
// on the C++ stack) over the SetDefs of a finalized Database.
//
// Each set is entered once per expansion (route-sets: once per chain of range operators that
// leads to it, since "RS-A^+" and "RS-A" yield different ranges); an edge to a set that is on
// the walk's stack closes a cycle and is reported, never followed; an edge to a set already
// finished adds nothing new. A set that would lie deeper than max_depth is not entered (and not
// marked visited, so a shorter path to it still enters it).
#include "manrs/irr/expand.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace manrs::irr {

namespace {

std::string upper_copy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

// Rank of each source in the scope (-1 = out of scope) and the RPKI filter.
struct Visibility {
  std::vector<std::int16_t> rank;
  bool exclude_invalid = false;

  Visibility(const Database& db, const QueryScope& scope)
      : rank(kMaxSources, -1), exclude_invalid(scope.exclude_rpki_invalid) {
    std::int16_t n = 0;
    for (SourceId id : db.scope_sources(scope)) {
      rank[id] = n++;
    }
  }
  [[nodiscard]] bool visible(const RouteEntry& r) const {
    return rank[r.source] >= 0 && !(exclude_invalid && r.rpki == RpkiStatus::kInvalid);
  }
};

// Calls f(const RouteEntry&) for each visible route of `asn`, starting the search of the
// by-origin index at `pos` (galloping forward: callers walk ASNs in ascending order) and
// leaving `pos` at the first entry >= asn.
template <typename F>
void for_each_route_of(const Database& db, const Visibility& vis, net::Asn asn, std::size_t& pos,
                       F&& f) {
  std::span<const net::Asn> keys = db.origin_keys();
  std::span<const std::uint32_t> idx = db.origin_routes();
  std::span<const RouteEntry> routes = db.routes();
  const std::size_t n = keys.size();
  if (pos > n || (pos < n && keys[pos] > asn) || (pos > 0 && keys[pos - 1] >= asn)) {
    pos = 0;
  }
  std::size_t step = 1;
  std::size_t lo = pos;
  while (lo + step < n && keys[lo + step] < asn) {
    lo += step;
    step *= 2;
  }
  std::size_t hi = std::min(n, lo + step + 1);
  pos = static_cast<std::size_t>(std::lower_bound(keys.begin() + static_cast<std::ptrdiff_t>(lo),
                                                  keys.begin() + static_cast<std::ptrdiff_t>(hi),
                                                  asn) -
                                 keys.begin());
  for (std::size_t i = pos; i < n && keys[i] == asn; ++i) {
    const RouteEntry& r = routes[idx[i]];
    if (vis.visible(r)) {
      f(r);
    }
  }
}

bool mnt_allowed(const Database& db, ObjectId object, const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), "ANY") != allowed.end()) {
    return true;
  }
  for (std::string_view m : db.mnt_by(object)) {
    if (std::find(allowed.begin(), allowed.end(), m) != allowed.end()) {
      return true;
    }
  }
  return false;
}

std::string member_text(const SetMember& m) {
  switch (m.kind) {
    case SetMember::Kind::kAsn:
      return net::format_asn(m.asn) + m.range_op;
    case SetMember::Kind::kAsSet:
    case SetMember::Kind::kRouteSet:
      return (m.source.empty() ? std::string() : m.source + "::") + m.name + m.range_op;
    case SetMember::Kind::kPrefix:
      return m.range.to_rpsl();
    case SetMember::Kind::kAsAny:
      return "AS-ANY" + m.range_op;
    case SetMember::Kind::kRsAny:
      return "RS-ANY" + m.range_op;
  }
  return {};
}

// Sorts and dedups `v`; true when it then holds more than `limit` (truncated to `limit`).
template <typename T>
bool compact(std::vector<T>& v, std::size_t limit) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  if (v.size() > limit) {
    v.resize(limit);
    return true;
  }
  return false;
}

// The ASNs of an expansion: a vector in first-seen order without repeats (a hash set of the
// ones seen), sorted at the end. Real graphs name the same ASN many times (the largest RIPE set
// ~350k times for 51k ASNs): sorting every occurrence would cost more than the walk.
class AsnCollector {
 public:
  explicit AsnCollector(std::vector<net::Asn>& out) : out_(out) { out_.clear(); }
  // True when `a` is new.
  bool insert(net::Asn a) {
    if ((out_.size() + 1) * 2 > slots_.size()) {
      grow();
    }
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t key = std::uint64_t{a} + 1;  // 0 = empty slot
    for (std::size_t i = hash(a) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == key) {
        return false;
      }
      if (slots_[i] == 0) {
        slots_[i] = key;
        out_.push_back(a);
        return true;
      }
    }
  }
  [[nodiscard]] std::size_t size() const { return out_.size(); }

 private:
  static std::size_t hash(net::Asn a) {
    return static_cast<std::size_t>((std::uint64_t{a} * 0x9E3779B97F4A7C15ULL) >> 20U);
  }
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(old.size() * 2, 1024), 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t key : old) {
      if (key == 0) {
        continue;
      }
      std::size_t i = hash(static_cast<net::Asn>(key - 1)) & mask;
      while (slots_[i] != 0) {
        i = (i + 1) & mask;
      }
      slots_[i] = key;
    }
  }
  std::vector<net::Asn>& out_;
  std::vector<std::uint64_t> slots_;
};

class Walker {
 public:
  Walker(const Database& db, const ExpandOptions& opt, Expansion& ex)
      : db_(db), opt_(opt), ex_(ex), vis_(db, opt.scope), prefix_check_(opt.max_prefixes) {}

  // Appends the ASNs of as-set `root` (entered at `depth`) to `out`. False when a size limit
  // stopped the walk.
  bool walk_as(const SetDef* root, unsigned depth, AsnCollector& out);
  // Appends the prefix ranges of route-set `root` to `out` and the ASNs whose routes it took
  // to `asns`.
  bool walk_route(const SetDef* root, std::vector<PrefixRange>& out, AsnCollector& asns);

  // The as-set graph a walk saw (for contributions): per entered set, the sets it leads to
  // and its own ASNs (members and mbrs-by-ref).
  struct Graph {
    std::vector<std::vector<std::uint32_t>> children;
    std::vector<std::vector<net::Asn>> asns;
  };
  Graph* graph = nullptr;
  // The node of an entered as-set, if any.
  [[nodiscard]] std::optional<std::uint32_t> node_of(const SetDef* def) const {
    auto it = as_node_.find(def);
    if (it == as_node_.end()) {
      return std::nullopt;
    }
    return it->second;
  }

  void finish() {
    ex_.missing.assign(missing_.begin(), missing_.end());
    ex_.cycles.assign(cycles_.begin(), cycles_.end());
    ex_.any_members.assign(any_.begin(), any_.end());
    for (const std::string& p : problems_) {
      ex_.problems.push_back(p);
    }
  }
  [[nodiscard]] bool limited() const { return stopped_; }
  [[nodiscard]] const Visibility& visibility() const { return vis_; }

 private:
  // Finds a member set, recording it as missing (and an unknown pinned source as a problem).
  const SetDef* resolve(const SetMember& m, const SetDef& parent) {
    const SetDef* child = db_.find_set(m.name, m.source, opt_.scope);
    if (child == nullptr) {
      std::string shown = m.source.empty() ? m.name : m.source + "::" + m.name;
      missing_.insert(fmt::format("{} (from {})", shown, parent.name));
      missing_names_.insert(shown);
      if (!m.source.empty() && !db_.find_source(m.source)) {
        problems_.insert(fmt::format("{}: members: source '{}' of '{}' is not loaded", parent.name,
                                     m.source, shown));
      }
    }
    return child;
  }
  bool can_enter(unsigned depth) {
    if (depth > opt_.max_depth) {
      ex_.depth_limited = true;
      return false;
    }
    if (ex_.sets_visited >= opt_.max_sets) {
      ex_.size_limited = true;
      return false;
    }
    ++ex_.sets_visited;
    ex_.max_depth_seen = std::max(ex_.max_depth_seen, depth);
    return true;
  }
  bool add_asn(AsnCollector& out, net::Asn asn) {
    if (out.insert(asn) && out.size() > opt_.max_asns) {  // compact() keeps max_asns of them
      ex_.size_limited = true;
      stopped_ = true;
      return false;
    }
    return true;
  }
  bool add_prefix(std::vector<PrefixRange>& out, PrefixRange r,
                  const std::vector<std::string>& ops) {
    for (const std::string& op : ops) {
      auto applied = r.apply(op);
      if (!applied) {
        return true;  // the operator leaves nothing of this range
      }
      r = *applied;
    }
    out.push_back(r);
    if (out.size() > prefix_check_) {
      if (compact(out, opt_.max_prefixes)) {
        ex_.size_limited = true;
        stopped_ = true;
        return false;
      }
      prefix_check_ = std::max(out.size() * 2, opt_.max_prefixes);
    }
    return true;
  }
  void member_problem(const SetDef& def, const SetMember& m, std::string_view what) {
    problems_.insert(fmt::format("{}: members: '{}' {}", def.name, member_text(m), what));
  }
  void record_set_problems(const SetDef& def) {
    for (const std::string& p : def.problems) {
      problems_.insert(fmt::format("{}: {}", def.name, p));
    }
  }

  const Database& db_;
  const ExpandOptions& opt_;
  Expansion& ex_;
  Visibility vis_;
  std::unordered_map<const SetDef*, std::uint32_t> as_node_;  // entered as-sets
  std::vector<std::uint8_t> as_state_;                        // per node: 1 on the stack, 2 done
  // route-sets: state per (set, operator chain)
  std::map<std::pair<const SetDef*, std::string>, std::uint8_t> rs_state_;
  std::unordered_map<const SetDef*, unsigned> rs_on_stack_;
  std::set<std::string> missing_, missing_names_, cycles_, any_, problems_;
  std::size_t prefix_check_;
  bool stopped_ = false;

 public:
  [[nodiscard]] const std::set<std::string>& missing_names() const { return missing_names_; }
};

bool Walker::walk_as(const SetDef* root, unsigned depth, AsnCollector& out) {
  struct Frame {
    const SetDef* def;
    std::size_t next;
    unsigned depth;
    std::uint32_t node;
  };
  if (stopped_) {
    return false;
  }
  if (as_node_.contains(root)) {
    return true;  // already taken
  }
  if (!can_enter(depth)) {
    return true;
  }
  std::vector<Frame> stack;
  auto enter = [&](const SetDef* def, unsigned d) {
    auto node = static_cast<std::uint32_t>(as_state_.size());
    as_node_.emplace(def, node);
    as_state_.push_back(1);
    if (graph != nullptr) {
      graph->children.emplace_back();
      graph->asns.emplace_back();
    }
    record_set_problems(*def);
    stack.push_back({def, 0, d, node});
    return node;
  };
  auto own_asn = [&](std::uint32_t node, net::Asn a) {
    if (graph != nullptr) {
      graph->asns[node].push_back(a);
    }
    return add_asn(out, a);
  };
  enter(root, depth);
  while (!stack.empty()) {
    Frame& f = stack.back();
    const SetDef& def = *f.def;
    if (f.next == def.members.size()) {
      if (!def.mbrs_by_ref.empty()) {  // RFC 2622 §5.1: aut-nums that claim membership
        for (const MemberOfRef& ref : db_.by_member_of(def.name, opt_.scope)) {
          if (ref.cls != ObjectClass::kAutNum) {
            continue;
          }
          if (!mnt_allowed(db_, ref.object, def.mbrs_by_ref)) {
            continue;
          }
          if (!own_asn(f.node, ref.asn)) {
            return false;
          }
        }
      }
      as_state_[f.node] = 2;
      stack.pop_back();
      continue;
    }
    const SetMember& m = def.members[f.next++];
    switch (m.kind) {
      case SetMember::Kind::kAsn:
        if (!own_asn(f.node, m.asn)) {
          return false;
        }
        break;
      case SetMember::Kind::kAsAny:
        any_.insert(def.name);
        break;
      case SetMember::Kind::kAsSet: {
        const SetDef* child = resolve(m, def);
        if (child == nullptr) {
          break;
        }
        if (child->cls != ObjectClass::kAsSet) {
          member_problem(def, m, "is not an as-set");
          break;
        }
        if (auto it = as_node_.find(child); it != as_node_.end()) {
          if (as_state_[it->second] == 1) {
            cycles_.insert(fmt::format("{} -> {}", def.name, child->name));
          }
          if (graph != nullptr) {
            graph->children[f.node].push_back(it->second);
          }
          break;
        }
        unsigned d = f.depth + 1;
        if (!can_enter(d)) {
          break;
        }
        const std::uint32_t parent = f.node;
        const std::uint32_t node = enter(child, d);  // invalidates f
        if (graph != nullptr) {
          graph->children[parent].push_back(node);
        }
        break;
      }
      case SetMember::Kind::kRouteSet:
      case SetMember::Kind::kPrefix:
      case SetMember::Kind::kRsAny:
        member_problem(def, m, "is not an as-set member (RFC 2622 §5.1: ASNs and as-sets)");
        break;
    }
  }
  return true;
}

bool Walker::walk_route(const SetDef* root, std::vector<PrefixRange>& out, AsnCollector& asns) {
  struct Frame {
    const SetDef* def;
    std::size_t next;
    unsigned depth;
    std::vector<std::string> ops;  // applied to each range this set yields, first to last
  };
  if (!can_enter(0)) {
    return true;
  }
  std::vector<Frame> stack;
  rs_state_[{root, std::string()}] = 1;
  ++rs_on_stack_[root];
  record_set_problems(*root);
  stack.push_back({root, 0, 0, {}});
  std::size_t pos = 0;
  std::map<const SetDef*, std::vector<net::Asn>> as_memo;
  std::vector<net::Asn> tmp;

  auto yield_asn = [&](net::Asn asn, const std::vector<std::string>& ops) {
    bool ok = true;
    pos = 0;
    for_each_route_of(db_, vis_, asn, pos, [&](const RouteEntry& r) {
      if (!ok) {
        return;
      }
      PrefixRange pr;
      pr.prefix = r.prefix;
      pr.min_len = pr.max_len = static_cast<std::uint8_t>(r.prefix.length());
      ok = add_prefix(out, pr, ops);
    });
    return ok;
  };

  while (!stack.empty()) {
    Frame& f = stack.back();
    const SetDef& def = *f.def;
    if (f.next == def.members.size()) {
      if (!def.mbrs_by_ref.empty()) {
        for (const MemberOfRef& ref : db_.by_member_of(def.name, opt_.scope)) {
          if (ref.cls != ObjectClass::kRoute && ref.cls != ObjectClass::kRoute6) {
            continue;
          }
          if (!mnt_allowed(db_, ref.object, def.mbrs_by_ref)) {
            continue;
          }
          PrefixRange pr;
          pr.prefix = ref.prefix;
          pr.min_len = pr.max_len = static_cast<std::uint8_t>(ref.prefix.length());
          if (!add_prefix(out, pr, f.ops)) {
            return false;
          }
        }
      }
      std::string chain;
      for (const std::string& op : f.ops) {
        chain += op + ' ';
      }
      rs_state_[{f.def, chain}] = 2;
      --rs_on_stack_[f.def];
      stack.pop_back();
      continue;
    }
    const SetMember& m = def.members[f.next++];
    // Operators of this member, then of the enclosing sets.
    std::vector<std::string> ops;
    if (!m.range_op.empty()) {
      ops.push_back(m.range_op);
    }
    ops.insert(ops.end(), f.ops.begin(), f.ops.end());
    switch (m.kind) {
      case SetMember::Kind::kPrefix:
        if (!add_prefix(out, m.range, f.ops)) {
          return false;
        }
        break;
      case SetMember::Kind::kAsn:
        if (!add_asn(asns, m.asn)) {
          return false;
        }
        if (!yield_asn(m.asn, ops)) {
          return false;
        }
        break;
      case SetMember::Kind::kAsAny:
      case SetMember::Kind::kRsAny:
        any_.insert(def.name);
        break;
      case SetMember::Kind::kAsSet: {
        const SetDef* child = resolve(m, def);
        if (child == nullptr) {
          break;
        }
        if (child->cls != ObjectClass::kAsSet) {
          member_problem(def, m, "is not an as-set");
          break;
        }
        auto it = as_memo.find(child);
        if (it == as_memo.end()) {
          tmp.clear();
          as_node_.clear();  // each as-set member is a closure of its own
          as_state_.clear();
          unsigned d = f.depth + 1;
          AsnCollector collect(tmp);
          if (!walk_as(child, d, collect)) {
            return false;
          }
          compact(tmp, opt_.max_asns);
          it = as_memo.emplace(child, tmp).first;
        }
        for (net::Asn a : it->second) {
          if (!add_asn(asns, a)) {
            return false;
          }
          if (!yield_asn(a, ops)) {
            return false;
          }
        }
        break;
      }
      case SetMember::Kind::kRouteSet: {
        const SetDef* child = resolve(m, def);
        if (child == nullptr) {
          break;
        }
        if (child->cls != ObjectClass::kRouteSet) {
          member_problem(def, m, "is not a route-set");
          break;
        }
        if (rs_on_stack_[child] > 0) {
          cycles_.insert(fmt::format("{} -> {}", def.name, child->name));
          break;
        }
        std::string chain;
        for (const std::string& op : ops) {
          chain += op + ' ';
        }
        auto key = std::make_pair(child, chain);
        if (rs_state_.contains(key)) {
          break;
        }
        unsigned d = f.depth + 1;
        if (!can_enter(d)) {
          break;
        }
        rs_state_[key] = 1;
        ++rs_on_stack_[child];
        record_set_problems(*child);
        stack.push_back({child, 0, d, std::move(ops)});  // invalidates f
        break;
      }
    }
  }
  return true;
}

std::string not_found(const Database& db, std::string_view shown, const QueryScope& scope,
                      std::string_view pin) {
  std::string sources = pin.empty() ? db.scope_names(scope) : upper_copy(pin);
  return fmt::format("{}: not found in sources {}", shown, sources);
}

std::string empty_message(const Expansion& ex, const std::set<std::string>& missing_names) {
  if (missing_names.empty()) {
    return fmt::format("{}: expansion is empty", ex.root);
  }
  std::string list;
  std::size_t n = 0;
  for (const std::string& s : missing_names) {
    if (n == 10) {
      list += ", ...";
      break;
    }
    list += (n++ == 0 ? "" : ", ") + s;
  }
  return fmt::format("{}: expansion is empty ({} member set{} missing: {})", ex.root,
                     missing_names.size(), missing_names.size() == 1 ? "" : "s", list);
}

std::pair<std::string_view, std::string_view> split_pin(std::string_view name) {
  std::size_t sep = name.find("::");
  if (sep == std::string_view::npos) {
    return {std::string_view{}, name};
  }
  return {name.substr(0, sep), name.substr(sep + 2)};
}

// Counts, for each direct member's closure, its ASNs and those no other direct member brings.
// `closures` holds the members' ASNs as indexes into the sorted result `all` (any order, no
// repeats within one member).
void count_unique(const std::vector<std::vector<std::uint32_t>>& closures, std::size_t all,
                  Expansion& ex) {
  std::vector<std::uint32_t> reach(all, 0);
  std::vector<std::uint32_t> first(all, 0);
  for (std::uint32_t i = 0; i < closures.size(); ++i) {
    for (std::uint32_t a : closures[i]) {
      if (reach[a]++ == 0) {
        first[a] = i;
      }
    }
  }
  for (std::size_t a = 0; a < all; ++a) {
    if (reach[a] == 1) {
      ++ex.contributions[first[a]].unique_asns;
    }
  }
}

// Strongly connected components of a graph (iterative Tarjan): comp[n] for each node, and the
// number of components. Every node of a component reaches the same sets.
std::uint32_t strong_components(const std::vector<std::vector<std::uint32_t>>& children,
                                std::vector<std::uint32_t>& comp) {
  constexpr std::uint32_t kUnset = 0xffffffffU;
  const std::size_t n = children.size();
  std::vector<std::uint32_t> index(n, kUnset);
  std::vector<std::uint32_t> low(n, 0);
  std::vector<std::uint8_t> on(n, 0);
  std::vector<std::uint32_t> stack;
  std::vector<std::pair<std::uint32_t, std::size_t>> calls;
  comp.assign(n, kUnset);
  std::uint32_t next_index = 0;
  std::uint32_t comps = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnset) {
      continue;
    }
    auto open = [&](std::uint32_t v) {
      index[v] = low[v] = next_index++;
      stack.push_back(v);
      on[v] = 1;
      calls.emplace_back(v, 0);
    };
    open(root);
    while (!calls.empty()) {
      auto& [v, i] = calls.back();
      if (i < children[v].size()) {
        std::uint32_t w = children[v][i++];
        if (index[w] == kUnset) {
          open(w);  // invalidates v, i
        } else if (on[w] != 0) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const std::uint32_t done = v;
      calls.pop_back();
      if (low[done] == index[done]) {
        std::uint32_t w = 0;
        do {
          w = stack.back();
          stack.pop_back();
          on[w] = 0;
          comp[w] = comps;
        } while (w != done);
        ++comps;
      }
      if (!calls.empty()) {
        std::uint32_t parent = calls.back().first;
        low[parent] = std::min(low[parent], low[done]);
      }
    }
  }
  return comps;
}

// as-sets: each direct member's closure is a walk over the components of the graph the
// expansion recorded (no set lookups, no re-parsing; ASNs deduplicated per component), with
// visited marks stamped per walk; members that start in the same component share the walk.
void as_set_contributions(const Database& db, const ExpandOptions& opt, const SetDef& root,
                          const Walker& w, const Walker::Graph& g, Expansion& ex) {
  auto index_of = [&](net::Asn a) -> std::optional<std::uint32_t> {
    auto it = std::lower_bound(ex.asns.begin(), ex.asns.end(), a);
    if (it == ex.asns.end() || *it != a) {
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(it - ex.asns.begin());
  };
  std::vector<std::uint32_t> comp;
  const std::uint32_t comps = strong_components(g.children, comp);
  // Per component: its own ASNs (indexes into ex.asns; ASNs cut by max_asns are dropped) and
  // the components it leads to.
  std::vector<std::vector<std::uint32_t>> own(comps);
  std::vector<std::vector<std::uint32_t>> next(comps);
  std::vector<std::uint32_t> asn_stamp(ex.asns.size(), 0);
  std::vector<std::uint32_t> comp_stamp(comps, 0);
  std::uint32_t stamp = 0;
  {
    std::vector<std::vector<std::uint32_t>> nodes(comps);
    for (std::uint32_t v = 0; v < comp.size(); ++v) {
      nodes[comp[v]].push_back(v);
    }
    for (std::uint32_t c = 0; c < comps; ++c) {
      ++stamp;
      for (std::uint32_t v : nodes[c]) {
        for (net::Asn a : g.asns[v]) {
          auto i = index_of(a);
          if (i && asn_stamp[*i] != stamp) {
            asn_stamp[*i] = stamp;
            own[c].push_back(*i);
          }
        }
        for (std::uint32_t child : g.children[v]) {
          std::uint32_t cc = comp[child];
          if (cc != c && comp_stamp[cc] != stamp) {
            comp_stamp[cc] = stamp;
            next[c].push_back(cc);
          }
        }
      }
    }
  }
  std::map<std::uint32_t, std::size_t> done;  // start component -> member whose closure it is
  std::vector<std::uint32_t> todo;
  std::vector<std::vector<std::uint32_t>> closures;
  for (const SetMember& m : root.members) {
    Contribution c;
    c.member = member_text(m);
    std::vector<std::uint32_t> closure;
    ++stamp;
    if (m.kind == SetMember::Kind::kAsn) {
      if (auto i = index_of(m.asn)) {
        closure.push_back(*i);
      }
    } else if (m.kind == SetMember::Kind::kAsSet) {
      const SetDef* def = db.find_set(m.name, m.source, opt.scope);
      c.missing = def == nullptr;
      std::optional<std::uint32_t> node = def != nullptr ? w.node_of(def) : std::nullopt;
      if (node) {
        const std::uint32_t start = comp[*node];
        if (auto it = done.find(start); it != done.end()) {
          closure = closures[it->second];
        } else {
          done.emplace(start, closures.size());
          todo.assign(1, start);
          comp_stamp[start] = stamp;
          while (!todo.empty()) {
            std::uint32_t k = todo.back();
            todo.pop_back();
            for (std::uint32_t a : own[k]) {
              if (asn_stamp[a] != stamp) {
                asn_stamp[a] = stamp;
                closure.push_back(a);
              }
            }
            for (std::uint32_t nk : next[k]) {
              if (comp_stamp[nk] != stamp) {
                comp_stamp[nk] = stamp;
                todo.push_back(nk);
              }
            }
          }
        }
      }
    }
    c.asns = closure.size();
    closures.push_back(std::move(closure));
    ex.contributions.push_back(std::move(c));
  }
  count_unique(closures, ex.asns.size(), ex);
}

// route-sets (small in practice): each direct member's closure on its own, a fresh walk from a
// one-member copy of the root.
void route_set_contributions(const Database& db, const ExpandOptions& opt, const SetDef& root,
                             Expansion& ex) {
  ExpandOptions sub = opt;
  sub.contributions = false;
  std::vector<std::vector<std::uint32_t>> closures;
  for (const SetMember& m : root.members) {
    Contribution c;
    c.member = member_text(m);
    Expansion scratch;
    SetDef one;
    one.object = root.object;
    one.source = root.source;
    one.cls = root.cls;
    one.name = root.name;
    one.members.push_back(m);
    Walker w(db, sub, scratch);
    std::vector<net::Asn> asns;
    std::vector<PrefixRange> prefixes;
    AsnCollector collect(asns);
    w.walk_route(&one, prefixes, collect);
    compact(prefixes, opt.max_prefixes);
    compact(asns, opt.max_asns);
    c.missing = (m.kind == SetMember::Kind::kAsSet || m.kind == SetMember::Kind::kRouteSet) &&
                db.find_set(m.name, m.source, opt.scope) == nullptr;
    c.asns = asns.size();
    c.prefixes = prefixes.size();
    std::vector<std::uint32_t> closure;
    for (net::Asn a : asns) {
      auto it = std::lower_bound(ex.asns.begin(), ex.asns.end(), a);
      if (it != ex.asns.end() && *it == a) {
        closure.push_back(static_cast<std::uint32_t>(it - ex.asns.begin()));
      }
    }
    closures.push_back(std::move(closure));
    ex.contributions.push_back(std::move(c));
  }
  count_unique(closures, ex.asns.size(), ex);
}

}  // namespace

Result<Expansion> expand_as_set(const Database& db, std::string_view name,
                                const ExpandOptions& options) {
  Expansion ex;
  ex.root = upper_copy(name);
  auto [pin, bare] = split_pin(name);
  const SetDef* root = db.find_set(bare, pin, options.scope);
  if (root == nullptr || root->cls != ObjectClass::kAsSet) {
    return make_error(ErrorCode::kPolicy, not_found(db, ex.root, options.scope, pin));
  }
  ex.found = true;
  Walker w(db, options, ex);
  Walker::Graph graph;
  if (options.contributions) {
    w.graph = &graph;
  }
  AsnCollector collect(ex.asns);
  w.walk_as(root, 0, collect);
  if (compact(ex.asns, options.max_asns)) {
    ex.size_limited = true;
  }
  w.finish();
  if (options.contributions) {
    as_set_contributions(db, options, *root, w, graph, ex);
  }
  if (ex.asns.empty() && !options.allow_empty) {
    return make_error(ErrorCode::kPolicy, empty_message(ex, w.missing_names()));
  }
  return ex;
}

Result<Expansion> expand_route_set(const Database& db, std::string_view name,
                                   const ExpandOptions& options) {
  Expansion ex;
  ex.root = upper_copy(name);
  auto [pin, bare] = split_pin(name);
  const SetDef* root = db.find_set(bare, pin, options.scope);
  if (root == nullptr || root->cls != ObjectClass::kRouteSet) {
    return make_error(ErrorCode::kPolicy, not_found(db, ex.root, options.scope, pin));
  }
  ex.found = true;
  Walker w(db, options, ex);
  AsnCollector collect(ex.asns);
  w.walk_route(root, ex.prefixes, collect);
  if (compact(ex.prefixes, options.max_prefixes)) {
    ex.size_limited = true;
  }
  if (compact(ex.asns, options.max_asns)) {
    ex.size_limited = true;
  }
  w.finish();
  if (options.contributions) {
    route_set_contributions(db, options, *root, ex);
  }
  if (ex.prefixes.empty() && !options.allow_empty) {
    return make_error(ErrorCode::kPolicy, empty_message(ex, w.missing_names()));
  }
  return ex;
}

const SetDef* set_members(const Database& db, std::string_view name, const QueryScope& scope) {
  return db.find_set(name, scope);
}

std::vector<net::Prefix> route_prefixes(const Database& db, const std::vector<net::Asn>& asns,
                                        net::Family family, const QueryScope& scope) {
  Visibility vis(db, scope);
  std::span<const RouteEntry> routes = db.routes();
  std::vector<std::uint32_t> hits;
  std::size_t pos = 0;
  const RouteEntry* base = routes.data();
  net::Asn prev = 0;
  bool first = true;
  for (net::Asn asn : asns) {
    if (!first && asn == prev) {
      continue;
    }
    if (!first && asn < prev) {
      pos = 0;  // not sorted: restart the gallop
    }
    first = false;
    prev = asn;
    for_each_route_of(db, vis, asn, pos, [&](const RouteEntry& r) {
      if (r.prefix.family() == family) {
        hits.push_back(static_cast<std::uint32_t>(&r - base));
      }
    });
  }
  std::vector<net::Prefix> out;
  auto emit = [&](std::uint32_t i) {
    if (out.empty() || out.back() != routes[i].prefix) {
      out.push_back(routes[i].prefix);
    }
  };
  if (hits.size() * 32 > routes.size()) {
    // Many hits: a bitmap over routes() yields them in prefix order without sorting.
    std::vector<std::uint64_t> bits((routes.size() + 63) / 64, 0);
    for (std::uint32_t i : hits) {
      bits[i >> 6U] |= std::uint64_t{1} << (i & 63U);
    }
    out.reserve(hits.size());
    for (std::size_t w = 0; w < bits.size(); ++w) {
      std::uint64_t b = bits[w];
      while (b != 0) {
        auto bit = static_cast<unsigned>(__builtin_ctzll(b));
        b &= b - 1;
        emit(static_cast<std::uint32_t>(w * 64 + bit));
      }
    }
  } else {
    std::sort(hits.begin(), hits.end());
    out.reserve(hits.size());
    for (std::uint32_t i : hits) {
      emit(i);
    }
  }
  return out;
}

}  // namespace manrs::irr
