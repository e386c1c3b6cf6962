// Filter generation (manrs-spec §2.1.3, §4.8.5): expand the customer to ASNs, collect route
// objects (and/or ROA-authorised prefixes), validate them (RFC 6811), drop what may never pass
// (default route, bogons, too-specific / too-short, unallocated), apply -R, aggregate.
#include "manrs/filter/generate.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>
#include <utility>

#include <fmt/format.h>

namespace manrs::filter {

// ---------------------------------------------------------------- RpkiIndex

RpkiIndex::RpkiIndex(const rpki::VrpSet& vrps) : vrps_(&vrps), table_(vrps.vrps) {
  by_asn_.resize(vrps.vrps.size());
  for (std::size_t i = 0; i < by_asn_.size(); ++i) {
    by_asn_[i] = static_cast<std::uint32_t>(i);
  }
  const auto& v = vrps.vrps;
  std::sort(by_asn_.begin(), by_asn_.end(), [&v](std::uint32_t a, std::uint32_t b) {
    return std::tie(v[a].asn, v[a].prefix, v[a].max_length) <
           std::tie(v[b].asn, v[b].prefix, v[b].max_length);
  });
}

rpki::RovState RpkiIndex::validate(const net::Prefix& p, net::Asn origin) const {
  return table_.validate(p, origin);
}

std::vector<const rpki::Vrp*> RpkiIndex::by_asn(net::Asn asn) const {
  const auto& v = vrps_->vrps;
  auto lo = std::lower_bound(by_asn_.begin(), by_asn_.end(), asn,
                             [&v](std::uint32_t i, net::Asn a) { return v[i].asn < a; });
  std::vector<const rpki::Vrp*> out;
  for (; lo != by_asn_.end() && v[*lo].asn == asn; ++lo) {
    out.push_back(&v[*lo]);
  }
  return out;
}

std::vector<rpki::Vrp> RpkiIndex::covering(const net::Prefix& p) const {
  return table_.covering(p);
}

// ---------------------------------------------------------------- entries

namespace {

void merge_evidence(std::vector<Evidence>& into, std::vector<Evidence>&& from) {
  for (auto& e : from) {
    const bool dup = std::any_of(into.begin(), into.end(), [&e](const Evidence& x) {
      return x.kind == e.kind && x.prefix == e.prefix && x.asn == e.asn &&
             x.max_length == e.max_length && x.source == e.source && x.detail == e.detail;
    });
    if (!dup) {
      into.push_back(std::move(e));
    }
  }
}

// Splits `e` so that nothing inside `block` (strictly inside e.prefix) is matched: the lengths
// shorter than the block stay on e.prefix; the longer ones move to the siblings along the path
// down to the block. At most block.length() - e.prefix.length() + 1 entries.
std::vector<Entry> subtract_block(const Entry& e, const net::Prefix& block) {
  std::vector<Entry> out;
  const unsigned blen = block.length();
  if (blen > e.max_len || !e.prefix.contains(block)) {
    out.push_back(e);
    return out;
  }
  if (e.min_len < blen) {
    Entry top = e;
    top.max_len = static_cast<std::uint8_t>(std::min<unsigned>(e.max_len, blen - 1));
    out.push_back(std::move(top));
  }
  const auto lo = static_cast<std::uint8_t>(std::max<unsigned>(e.min_len, blen));
  net::Prefix cur = e.prefix;
  while (cur.length() < blen) {
    const bool bit = block.address().bit(cur.length());
    net::Prefix sibling = cur.child(!bit);
    Entry s;
    s.prefix = sibling;
    s.min_len = std::max<std::uint8_t>(lo, static_cast<std::uint8_t>(sibling.length()));
    s.max_len = e.max_len;
    s.evidence = e.evidence;
    if (s.min_len <= s.max_len) {
      out.push_back(std::move(s));
    }
    cur = cur.child(bit);
  }
  return out;
}

// An entry's position as integers: comparisons and containment without memcmp (the hot path of
// a 50k-entry filter).
struct FastKey {
  std::uint64_t hi = 0, lo = 0;
  std::uint8_t v6 = 0, len = 0, min = 0, max = 0;
};

FastKey fast_key(const Entry& e) {
  const auto& b = e.prefix.address().bytes();
  FastKey k;
  for (int i = 0; i < 8; ++i) {
    k.hi = (k.hi << 8U) | b[static_cast<std::size_t>(i)];
    k.lo = (k.lo << 8U) | b[static_cast<std::size_t>(i + 8)];
  }
  k.v6 = e.prefix.is_v4() ? 0 : 1;
  k.len = static_cast<std::uint8_t>(e.prefix.length());
  k.min = e.min_len;
  k.max = e.max_len;
  return k;
}

// Address, length, min ascending, max descending: a covering entry comes before what it covers.
bool norm_less(const FastKey& a, const FastKey& b) {
  if (a.v6 != b.v6) return a.v6 < b.v6;
  if (a.hi != b.hi) return a.hi < b.hi;
  if (a.lo != b.lo) return a.lo < b.lo;
  if (a.len != b.len) return a.len < b.len;
  if (a.min != b.min) return a.min < b.min;
  return a.max > b.max;
}

bool same_key(const FastKey& a, const FastKey& b) {
  return a.v6 == b.v6 && a.hi == b.hi && a.lo == b.lo && a.len == b.len && a.min == b.min &&
         a.max == b.max;
}

// a's prefix contains b's prefix.
bool key_contains(const FastKey& a, const FastKey& b) {
  if (a.v6 != b.v6 || a.len > b.len) return false;
  const unsigned bits = a.len;  // IPv4 lives in the first 32 bits of hi
  const std::uint64_t hi_mask = bits >= 64  ? ~std::uint64_t{0}
                                : bits == 0 ? 0
                                            : ~std::uint64_t{0} << (64U - bits);
  const std::uint64_t lo_mask = bits <= 64 ? 0 : ~std::uint64_t{0} << (128U - bits);
  return ((a.hi ^ b.hi) & hi_mask) == 0 && ((a.lo ^ b.lo) & lo_mask) == 0;
}

bool key_covers(const FastKey& a, const FastKey& b) {
  return key_contains(a, b) && a.min <= b.min && a.max >= b.max;
}

// Sorts by norm_less and merges entries with the same prefix and range (evidence united).
void sort_and_merge(std::vector<Entry>& entries) {
  std::vector<FastKey> keys(entries.size());
  std::vector<std::uint32_t> order(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    keys[i] = fast_key(entries[i]);
    order[i] = static_cast<std::uint32_t>(i);
  }
  std::sort(order.begin(), order.end(),
            [&keys](std::uint32_t a, std::uint32_t b) { return norm_less(keys[a], keys[b]); });
  std::vector<Entry> out;
  out.reserve(entries.size());
  const FastKey* last = nullptr;
  for (std::uint32_t i : order) {
    if (last != nullptr && same_key(*last, keys[i])) {
      merge_evidence(out.back().evidence, std::move(entries[i].evidence));
      continue;
    }
    out.push_back(std::move(entries[i]));
    last = &keys[i];
  }
  entries = std::move(out);
}

struct Candidates {
  std::vector<Entry> entries;
  void add(const net::Prefix& p, unsigned lo, unsigned hi, Evidence ev) {
    Entry e;
    e.prefix = p;
    e.min_len = static_cast<std::uint8_t>(lo);
    e.max_len = static_cast<std::uint8_t>(hi);
    e.evidence.push_back(std::move(ev));
    entries.push_back(std::move(e));
  }
};

std::string rov_detail(rpki::RovState s) {
  switch (s) {
    case rpki::RovState::kValid:
      return "valid";
    case rpki::RovState::kNotFound:
      return "not-found";
    default:
      return "invalid";
  }
}

std::string describe_vrps(const RpkiIndex& rpki, const net::Prefix& p) {
  auto vrps = rpki.covering(p);
  std::string out;
  std::size_t shown = 0;
  for (const auto& v : vrps) {
    if (shown == 3) {
      out += fmt::format(", ... {} more", vrps.size() - shown);
      break;
    }
    if (!out.empty()) {
      out += ", ";
    }
    out += fmt::format("roa {}-{} AS{}", v.prefix.to_string(), v.max_length, v.asn);
    std::string_view ta;
    for (const rpki::Vrp* full : rpki.by_asn(v.asn)) {
      if (full->prefix == v.prefix && full->max_length == v.max_length) {
        ta = rpki.ta_name(full->ta);
        break;
      }
    }
    if (!ta.empty()) {
      out += fmt::format(" ({})", ta);
    }
    ++shown;
  }
  return out;
}

struct FamilyLimits {
  unsigned max_len;
  unsigned min_len;
  std::optional<unsigned> more_specifics;
};

// Applies the rules that no entry may break, moving what fails to `list.excluded`.
void screen(std::vector<Entry>& in, PrefixList& list, const FamilyLimits& lim,
            const GenerateOptions& options) {
  std::vector<Entry> kept;
  for (auto& e : in) {
    const net::Prefix& p = e.prefix;
    if (p.length() == 0) {
      list.excluded.push_back(
          Excluded{std::move(e), Exclusion::kDefaultRoute,
                   p.is_v4() ? "0.0.0.0/0 default route" : "::/0 default route"});
      continue;
    }
    if (auto b = bogon_prefix(p)) {
      list.excluded.push_back(
          Excluded{std::move(e), Exclusion::kBogon,
                   fmt::format("inside {} {} ({})", b->prefix.to_string(), b->purpose, b->rfc)});
      continue;
    }
    if (p.length() < lim.min_len) {
      list.excluded.push_back(
          Excluded{std::move(e), Exclusion::kTooShort,
                   fmt::format("/{} is shorter than the minimum /{}", p.length(), lim.min_len)});
      continue;
    }
    if (e.min_len > lim.max_len) {
      list.excluded.push_back(
          Excluded{std::move(e), Exclusion::kTooSpecific,
                   fmt::format("/{} is longer than the maximum /{}", e.min_len, lim.max_len)});
      continue;
    }
    if (options.unallocated != nullptr) {
      if (auto u = options.unallocated->containing(p)) {
        list.excluded.push_back(Excluded{std::move(e), Exclusion::kUnallocated,
                                         fmt::format("inside unallocated {} ({})", u->to_string(),
                                                     options.unallocated->source_of(*u))});
        continue;
      }
    }
    e.max_len = static_cast<std::uint8_t>(std::min<unsigned>(e.max_len, lim.max_len));
    if (e.max_len == p.length()) {
      kept.push_back(std::move(e));  // exact: nothing can lie strictly inside it
      continue;
    }
    // A range must not reach into a bogon (or unallocated) block inside its prefix.
    std::vector<Entry> pieces{std::move(e)};
    if (pieces.front().max_len > p.length()) {
      std::vector<std::pair<net::Prefix, Exclusion>> blocks;
      for (const auto& b : bogons_inside(p)) {
        blocks.emplace_back(b, Exclusion::kBogon);
      }
      if (options.unallocated != nullptr) {
        for (const auto& b : options.unallocated->inside(p)) {
          blocks.emplace_back(b, Exclusion::kUnallocated);
        }
      }
      for (const auto& [block, why] : blocks) {
        std::vector<Entry> next;
        bool cut = false;
        for (const auto& piece : pieces) {
          auto parts = subtract_block(piece, block);
          cut = cut || parts.size() != 1 ||
                !(parts.front().prefix == piece.prefix && parts.front().min_len == piece.min_len &&
                  parts.front().max_len == piece.max_len);
          for (auto& part : parts) {
            next.push_back(std::move(part));
          }
        }
        if (cut) {
          Entry gone;
          gone.prefix = block;
          gone.min_len =
              static_cast<std::uint8_t>(std::max<unsigned>(block.length(), pieces.front().min_len));
          gone.max_len = pieces.front().max_len;
          gone.evidence = pieces.front().evidence;
          std::string detail;
          if (why == Exclusion::kBogon) {
            auto b = bogon_prefix(block);
            detail = fmt::format("range cut: {} {} ({})", block.to_string(),
                                 b ? b->purpose : "bogon", b ? b->rfc : "");
          } else {
            detail = fmt::format("range cut: unallocated {}", block.to_string());
          }
          list.excluded.push_back(Excluded{std::move(gone), why, std::move(detail)});
        }
        pieces = std::move(next);
      }
    }
    for (auto& piece : pieces) {
      kept.push_back(std::move(piece));
    }
  }
  in = std::move(kept);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

void copy_findings(const irr::Expansion& ex, Findings& f) {
  f.found = ex.found;
  f.missing = ex.missing;
  f.cycles = ex.cycles;
  f.any_members = ex.any_members;
  f.problems = ex.problems;
  f.depth_limited = ex.depth_limited;
  f.size_limited = ex.size_limited;
  f.sets_visited = ex.sets_visited;
}

}  // namespace

void normalize_entries(std::vector<Entry>& entries) {
  std::vector<FastKey> keys(entries.size());
  bool sorted = true;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    keys[i] = fast_key(entries[i]);
    sorted = sorted && (i == 0 || !norm_less(keys[i], keys[i - 1]));
  }
  if (!sorted) {  // (generate() hands over sorted lists unless a range was cut or widened)
    sort_and_merge(entries);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      keys[i] = fast_key(entries[i]);
    }
    keys.resize(entries.size());
  }
  std::vector<Entry> kept;
  kept.reserve(entries.size());
  std::vector<FastKey> kept_keys;
  kept_keys.reserve(entries.size());
  std::vector<std::size_t> stack;  // indexes into kept whose prefix contains the current one
  for (std::size_t n = 0; n < entries.size(); ++n) {
    const FastKey& k = keys[n];
    while (!stack.empty() && !key_contains(kept_keys[stack.back()], k)) {
      stack.pop_back();
    }
    std::size_t cover = kept.size();
    for (std::size_t i : stack) {
      if (key_covers(kept_keys[i], k)) {
        cover = i;
      }
    }
    if (cover != kept.size()) {
      merge_evidence(kept[cover].evidence, std::move(entries[n].evidence));
      continue;
    }
    kept.push_back(std::move(entries[n]));
    kept_keys.push_back(k);
    stack.push_back(kept.size() - 1);
  }
  // norm_less and entry_less agree on what survives (two entries with the same prefix and
  // min_len cannot both remain: the wider one covers the other).
  entries = std::move(kept);
}

Result<Filter> generate(const irr::Database* db, const RpkiIndex* rpki, std::string_view target,
                        const GenerateOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto ms_since = [](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  };
  auto t0 = Clock::now();
  Filter f;
  f.target = upper(target);
  f.mode = options.mode;
  f.has_v4 = options.v4;
  f.has_v6 = options.v6;
  const bool wants_irr = options.mode != Mode::kRpki;
  const bool wants_roa = options.mode == Mode::kRpki || options.mode == Mode::kIrrPlusRoa;
  const bool drop_invalid = options.mode == Mode::kIrrRpki || options.mode == Mode::kIrrPlusRoa;
  if (wants_irr && db == nullptr) {
    return make_error(ErrorCode::kPolicy,
                      fmt::format("filter {}: mode {} needs an IRR database (--rpsl)", f.target,
                                  to_string(options.mode)));
  }
  if ((wants_roa || drop_invalid) && rpki == nullptr) {
    return make_error(ErrorCode::kPolicy, fmt::format("filter {}: mode {} needs VRPs (--vrps)",
                                                      f.target, to_string(options.mode)));
  }
  if (db != nullptr) {
    for (auto id : db->scope_sources(options.expand.scope)) {
      f.sources.emplace_back(db->source_name(id));
    }
  }

  Candidates cand4, cand6;
  auto cand_for = [&](const net::Prefix& p) -> Candidates& { return p.is_v4() ? cand4 : cand6; };
  auto family_wanted = [&](const net::Prefix& p) { return p.is_v4() ? options.v4 : options.v6; };

  irr::ExpandOptions ex_opts = options.expand;
  ex_opts.allow_empty = true;
  const std::string_view bare =
      target.find("::") == std::string_view::npos ? target : target.substr(target.find("::") + 2);
  bool route_set = false;
  auto target_asn = net::parse_asn(target);  // "AS64500" (also asdot); a set name never does
  if (target_asn) {
    f.asns.push_back(*target_asn);
    f.target = net::format_asn(*target_asn);
  } else if (irr::is_route_set_name(upper(bare))) {
    if (db == nullptr || options.mode == Mode::kRpki) {
      return make_error(
          ErrorCode::kPolicy,
          fmt::format("filter {}: a route-set needs the IRR (modes irr, irr-rpki)", f.target));
    }
    route_set = true;
    auto ex = irr::expand_route_set(*db, target, ex_opts);
    if (!ex) {
      return ex.error();
    }
    copy_findings(*ex, f.findings);
    for (const auto& r : ex->prefixes) {
      if (!family_wanted(r.prefix)) {
        continue;
      }
      Evidence ev;
      ev.kind = Evidence::Kind::kRouteSet;
      ev.prefix = r.prefix;
      ev.max_length = r.max_len;
      ev.detail = ex->root;
      cand_for(r.prefix).add(r.prefix, r.min_len, r.max_len, std::move(ev));
    }
  } else if (irr::is_as_set_name(upper(bare))) {
    if (db == nullptr) {
      return make_error(
          ErrorCode::kPolicy,
          fmt::format("filter {}: an AS-SET needs an IRR database (--rpsl)", f.target));
    }
    auto ex = irr::expand_as_set(*db, target, ex_opts);
    if (!ex) {
      return ex.error();
    }
    copy_findings(*ex, f.findings);
    f.asns = ex->asns;
  } else {
    return make_error(ErrorCode::kPolicy,
                      fmt::format("filter {}: want an ASN (AS64500), an AS-SET (AS-FOO, "
                                  "AS64500:AS-CUST, SOURCE::AS-FOO) or a route-set (RS-FOO)",
                                  f.target));
  }

  f.expand_ms = ms_since(t0);
  t0 = Clock::now();
  if (options.drop_bogon_asns) {
    std::vector<net::Asn> kept;
    for (net::Asn a : f.asns) {
      (bogon_asn(a) != nullptr ? f.bogon_asns : kept).push_back(a);
    }
    f.asns = std::move(kept);
  }

  if (!route_set) {
    for (net::Asn asn : f.asns) {
      if (wants_irr) {
        db->routes_by_origin(asn, std::nullopt, options.expand.scope,
                             [&](const irr::RouteEntry& r) {
                               if (!family_wanted(r.prefix)) {
                                 return;
                               }
                               Evidence ev;
                               ev.kind = Evidence::Kind::kRouteObject;
                               ev.prefix = r.prefix;
                               ev.asn = r.origin;
                               ev.source = db->source_name(r.source);
                               if (rpki != nullptr) {
                                 ev.detail = rov_detail(rpki->validate(r.prefix, r.origin));
                               }
                               const unsigned len = r.prefix.length();
                               cand_for(r.prefix).add(r.prefix, len, len, std::move(ev));
                             });
      }
      if (wants_roa) {
        for (const rpki::Vrp* v : rpki->by_asn(asn)) {
          if (!family_wanted(v->prefix)) {
            continue;
          }
          Evidence ev;
          ev.kind = Evidence::Kind::kRoa;
          ev.prefix = v->prefix;
          ev.asn = v->asn;
          ev.max_length = v->max_length;
          ev.source = std::string(rpki->ta_name(v->ta));
          const unsigned len = v->prefix.length();
          cand_for(v->prefix).add(v->prefix, len, std::max<unsigned>(len, v->max_length),
                                  std::move(ev));
        }
      }
    }
  }

  f.collect_ms = ms_since(t0);
  t0 = Clock::now();
  auto finish = [&](Candidates& cand, PrefixList& list, const FamilyLimits& lim) {
    sort_and_merge(cand.entries);
    std::vector<Entry> entries;
    entries.reserve(cand.entries.size());
    for (auto& e : cand.entries) {
      // RPKI: a prefix whose every route object is invalid (and no ROA of the set) goes.
      if (drop_invalid) {
        const bool all_invalid =
            !e.evidence.empty() &&
            std::all_of(e.evidence.begin(), e.evidence.end(), [](const Evidence& ev) {
              return ev.kind == Evidence::Kind::kRouteObject && ev.detail == "invalid";
            });
        if (all_invalid) {
          std::string detail =
              "no VRP authorises the origin; covered by " + describe_vrps(*rpki, e.prefix);
          list.excluded.push_back(Excluded{std::move(e), Exclusion::kRpkiInvalid, detail});
          continue;
        }
      }
      // -R: more-specifics of IRR prefixes up to N (ROA ranges keep their maxLength).
      if (lim.more_specifics && e.exact()) {
        const bool irr_only =
            std::none_of(e.evidence.begin(), e.evidence.end(),
                         [](const Evidence& ev) { return ev.kind == Evidence::Kind::kRoa; });
        if (irr_only && *lim.more_specifics > e.max_len) {
          e.max_len = static_cast<std::uint8_t>(*lim.more_specifics);
        }
      }
      entries.push_back(std::move(e));
    }
    screen(entries, list, lim, options);
    normalize_entries(entries);
    if (options.aggregate) {
      entries = aggregate_entries(std::move(entries));
    }
    list.entries = std::move(entries);
    std::sort(list.excluded.begin(), list.excluded.end(),
              [](const Excluded& a, const Excluded& b) { return entry_less(a.entry, b.entry); });
  };
  finish(cand4, f.v4,
         FamilyLimits{std::min(options.max_len_v4, 32U), options.min_len_v4,
                      options.more_specifics_v4});
  finish(cand6, f.v6,
         FamilyLimits{std::min(options.max_len_v6, 128U), options.min_len_v6,
                      options.more_specifics_v6});

  f.finish_ms = ms_since(t0);
  if (!options.allow_empty && f.v4.entries.empty() && f.v6.entries.empty()) {
    std::string why;
    if (!f.findings.found) {
      why = "the set does not exist in the sources consulted";
    } else if (f.asns.empty() && !route_set) {
      why = "the set has no member ASNs";
    } else {
      why = fmt::format("{} candidate prefixes, all excluded",
                        f.v4.excluded.size() + f.v6.excluded.size());
    }
    return make_error(ErrorCode::kPolicy,
                      fmt::format("filter {}: empty result ({}); an empty prefix list may mean "
                                  "\"allow any\" on some routers — refusing (--allow-empty to "
                                  "accept)",
                                  f.target, why));
  }
  return f;
}

}  // namespace manrs::filter
