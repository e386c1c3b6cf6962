// check/routing_events.cpp — the Action 1 events (manrs-spec §3.3) from the window's segments.
//
// Every detector emits candidates (metric, charged AS, culprit, the other AS involved, prefix,
// interval, an example path); candidates with the same key are merged across peers (touching or
// overlapping intervals) and become one Event each.
#include <algorithm>
#include <optional>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "manrs/check/internal/routing_data.h"
#include "manrs/filter/bogons.h"
#include "manrs/irr/database.h"
#include "manrs/rpki/aspa.h"
#include "manrs/rpki/rov.h"

namespace manrs::check::detail {

namespace {

using registry::Rel;

enum class Kind : std::uint8_t { kPlain, kMoas, kSubMoas, kValley, kAspa };

struct Cand {
  Metric metric = Metric::kM2;
  Kind kind = Kind::kPlain;
  net::Asn asn = 0;
  net::Asn culprit = 0;
  net::Asn other = 0;          // M2: the other origin; M4: the bogon; M1: the leaked-to AS
  std::uint32_t prefix = 0;    // prefix id
  std::uint32_t aux = kNoId;   // M2 sub-MOAS: the covering prefix id
  std::uint32_t path = kNoId;  // an example path
  std::int64_t start = 0;
  std::int64_t end = 0;
};

auto cand_key(const Cand& c) {
  return std::tie(c.asn, c.metric, c.culprit, c.other, c.kind, c.prefix, c.aux);
}

struct M4Fact {
  net::Asn culprit = 0;
  net::Asn next = 0;  // the AS after the culprit towards the collector (0 = none)
  bool has_next = false;
  net::Asn bogon = 0;
};

// What one interned path says, computed once per path.
struct PathFacts {
  bool done = false;
  bool has_upstream = false;
  net::Asn upstream = 0;  // the AS right before the origin (towards the collector)
  // Valley-free leak.
  bool leak = false;
  net::Asn leaker = 0, leaked_to = 0, turn_from = 0, turn_to = 0;
  Rel out_rel = Rel::kNone;   // leaker's relation to leaked_to (customer = up, peer = across)
  Rel turn_rel = Rel::kNone;  // turn_from's relation to turn_to (peer or provider)
  // ASPA (upstream procedure).
  bool aspa_leak = false;
  net::Asn aspa_from = 0, aspa_to = 0, aspa_next = 0;
  std::uint32_t m4_begin = 0, m4_end = 0;
};

std::string_view kind_word(Kind k) {
  switch (k) {
    case Kind::kMoas:
      return "moas";
    case Kind::kSubMoas:
      return "submoas";
    case Kind::kAspa:
      return "aspa-leak";
    default:
      return "";
  }
}

class Detector {
 public:
  Detector(const RoutingData& d, const RoutingInputs& in, const Config& config)
      : d_(d), in_(in), config_(config), rel_(*d.relations), facts_(d.paths.size()) {}

  std::vector<Event> run(std::vector<std::string>& notes) {
    bogons();
    paths();
    rpki_and_admin();
    if (in_.rov == nullptr && in_.irr == nullptr) {
      notes.emplace_back(
          "M2/M2C not computed: possible hijacks need VRPs or IRR route objects to tell an "
          "authorised origin from an unauthorised one, and neither was given");
    } else {
      hijacks();
      if (related_ > 0) {
        notes.push_back(fmt::format(
            "M2: {} MOAS/sub-MOAS conflicts not counted because the two origins are provider "
            "and customer (a provider originating its customer's space, GRIP's "
            "'all-newcomers-are-customers' tag)",
            related_));
      }
    }
    return merge();
  }

 private:
  // ---- path facts

  const PathFacts& facts(std::uint32_t path) {
    PathFacts& f = facts_[path];
    if (f.done) return f;
    f.done = true;
    d_.paths.sequence(path, seq_);  // neighbour first, prepends collapsed; empty with an AS_SET
    if (seq_.size() >= 2 && d_.paths.origin(path)) {
      f.has_upstream = true;
      f.upstream = seq_[seq_.size() - 2];
    }
    valley_free(f);
    aspa(f);
    m4(path, f);
    return f;
  }

  // manrs-spec §3.3.2: walking from the origin, a hop up (to a provider) or across (to a peer)
  // after the path already went across or down is a leak; unknown hops are not judged.
  void valley_free(PathFacts& f) {
    bool turned = false;
    for (std::size_t k = seq_.size(); k-- > 1;) {
      const net::Asn from = seq_[k];
      const net::Asn to = seq_[k - 1];
      const Rel r = rel_.rel(from, to);
      if (r == Rel::kNone) continue;
      const bool up_or_across = r == Rel::kCustomer || r == Rel::kPeer;
      if (up_or_across && turned) {
        f.leak = true;
        f.leaker = from;
        f.leaked_to = to;
        f.out_rel = r;
        return;
      }
      if (r == Rel::kPeer || r == Rel::kProvider) {
        if (!turned) {
          f.turn_from = from;
          f.turn_to = to;
          f.turn_rel = r;
        }
        turned = true;
      }
    }
  }

  void aspa(PathFacts& f) {
    if (in_.aspa == nullptr || in_.aspa->size() == 0 || seq_.size() < 2) return;
    const rpki::AspaResult r = rpki::verify_aspa(*in_.aspa, seq_, rpki::AspaProcedure::kUpstream);
    if (r.state != rpki::AspaState::kInvalid || r.reason != rpki::AspaReason::kNotProviderPlus) {
      return;
    }
    // The AS that received the route from a non-provider relation and still sent it on; the
    // neighbour only sent it to the collector, which is not a leak.
    for (std::size_t k = 1; k < seq_.size(); ++k) {
      if (seq_[k] == r.hop_to) {
        f.aspa_leak = true;
        f.aspa_from = r.hop_from;
        f.aspa_to = r.hop_to;
        f.aspa_next = seq_[k - 1];
        return;
      }
    }
  }

  // manrs-spec §3.3.3/§4.9.3: each bogon ASN is charged to the first non-bogon AS after it
  // towards the collector (the AS that accepted it).
  void m4(std::uint32_t path, PathFacts& f) {
    f.m4_begin = static_cast<std::uint32_t>(m4_.size());
    const auto a = d_.paths.asns(path);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (filter::bogon_asn(a[i]) == nullptr) continue;
      std::size_t k = i;
      bool found = false;
      while (k-- > 0) {
        if (filter::bogon_asn(a[k]) == nullptr) {
          found = true;
          break;
        }
      }
      if (!found) continue;
      M4Fact m;
      m.culprit = a[k];
      m.bogon = a[i];
      for (std::size_t j = k; j-- > 0;) {
        if (a[j] != m.culprit) {
          m.next = a[j];
          m.has_next = true;
          break;
        }
      }
      const bool dup = std::any_of(m4_.begin() + f.m4_begin, m4_.end(), [&](const M4Fact& x) {
        return x.culprit == m.culprit && x.bogon == m.bogon;
      });
      if (!dup) m4_.push_back(m);
    }
    f.m4_end = static_cast<std::uint32_t>(m4_.size());
  }

  bool provider_of(net::Asn provider, net::Asn customer) const {
    return rel_.rel(provider, customer) == Rel::kProvider;
  }

  void add(Metric m, Kind kind, net::Asn asn, net::Asn culprit, net::Asn other,
           std::uint32_t prefix, std::uint32_t path, std::int64_t start, std::int64_t end,
           std::uint32_t aux = kNoId) {
    Cand c;
    c.metric = m;
    c.kind = kind;
    c.asn = asn;
    c.culprit = culprit;
    c.other = other;
    c.prefix = prefix;
    c.aux = aux;
    c.path = path;
    c.start = start;
    c.end = end;
    cands_.push_back(c);
  }

  // ---- detectors

  void bogons() {
    for (const Group& g : d_.groups) {
      const net::Prefix& p = d_.prefixes.prefix(g.prefix);
      if (!filter::bogon_prefix(p)) continue;
      const auto segs = d_.segs(g);
      for (const Interval& iv : d_.intervals(g)) {
        add(Metric::kM3, Kind::kPlain, g.origin, g.origin, 0, g.prefix, segs[0].path, iv.start,
            iv.end);
      }
      for (const Segment& s : segs) {
        const PathFacts& f = facts(s.path);
        if (f.has_upstream && provider_of(f.upstream, g.origin)) {
          add(Metric::kM3C, Kind::kPlain, f.upstream, g.origin, 0, g.prefix, s.path, s.start,
              s.end);
        }
      }
    }
  }

  void paths() {
    for (const Segment& s : d_.segments) {
      const PathFacts& f = facts(s.path);
      for (std::uint32_t i = f.m4_begin; i < f.m4_end; ++i) {
        const M4Fact& m = m4_[i];
        add(Metric::kM4, Kind::kPlain, m.culprit, m.culprit, m.bogon, s.prefix, s.path, s.start,
            s.end);
        if (m.has_next && provider_of(m.next, m.culprit)) {
          add(Metric::kM4C, Kind::kPlain, m.next, m.culprit, m.bogon, s.prefix, s.path, s.start,
              s.end);
        }
      }
      if (f.leak) {
        add(Metric::kM1, Kind::kValley, f.leaker, f.leaker, f.leaked_to, s.prefix, s.path, s.start,
            s.end);
        if (provider_of(f.leaked_to, f.leaker)) {
          add(Metric::kM1C, Kind::kValley, f.leaked_to, f.leaker, f.leaked_to, s.prefix, s.path,
              s.start, s.end);
        }
      }
      if (f.aspa_leak) {
        add(Metric::kM1, Kind::kAspa, f.aspa_to, f.aspa_to, f.aspa_next, s.prefix, s.path, s.start,
            s.end);
        if (provider_of(f.aspa_next, f.aspa_to)) {
          add(Metric::kM1C, Kind::kAspa, f.aspa_next, f.aspa_to, f.aspa_next, s.prefix, s.path,
              s.start, s.end);
        }
      }
    }
  }

  void rpki_and_admin() {
    for (const Group& g : d_.groups) {
      const net::Prefix& p = d_.prefixes.prefix(g.prefix);
      const std::uint32_t path = d_.segs(g)[0].path;
      if (in_.rov != nullptr && rpki::is_invalid(in_.rov->validate(p, g.origin))) {
        for (const Interval& iv : d_.intervals(g)) {
          add(Metric::kRpkiInvalid, Kind::kPlain, g.origin, g.origin, 0, g.prefix, path, iv.start,
              iv.end);
        }
      }
      if (in_.unallocated != nullptr && in_.unallocated->containing(p)) {
        for (const Interval& iv : d_.intervals(g)) {
          add(Metric::kAdminBogon, Kind::kPlain, g.origin, g.origin, 0, g.prefix, path, iv.start,
              iv.end);
        }
      }
    }
  }

  bool authorised(const net::Prefix& p, net::Asn origin) const {
    if (in_.rov != nullptr && in_.rov->validate(p, origin) == rpki::RovState::kValid) return true;
    if (in_.irr != nullptr) {
      const IrrCoverage c = irr_coverage(*in_.irr, p, origin, nullptr);
      if (c == IrrCoverage::kExact || c == IrrCoverage::kLessSpecific) return true;
    }
    return false;
  }

  // manrs-spec §3.3.1: (prefix, origin) authorised by neither RPKI nor IRR while another origin
  // announces the same prefix (MOAS) or a covering one (sub-MOAS) at the same time.
  void hijacks() {
    // Groups of each prefix rank: [first, last).
    std::vector<std::uint32_t> stack;  // ranks of the announced prefixes covering the current
    std::vector<Interval> overlap;
    std::vector<Interval> piece;
    std::size_t gi = 0;
    while (gi < d_.groups.size()) {
      const std::uint32_t pid = d_.groups[gi].prefix;
      std::size_t gj = gi;
      while (gj < d_.groups.size() && d_.groups[gj].prefix == pid) ++gj;
      const net::Prefix& p = d_.prefixes.prefix(pid);
      while (!stack.empty() && !d_.prefixes.prefix(d_.groups[stack.back()].prefix).contains(p)) {
        stack.pop_back();
      }
      for (std::size_t a = gi; a < gj; ++a) {
        const Group& g = d_.groups[a];
        std::optional<bool> auth;
        auto conflict = [&](const Group& h, Kind kind) {
          if (h.origin == g.origin) return;
          if (!auth) auth = authorised(p, g.origin);
          if (*auth) return;
          intersect(d_.intervals(g), d_.intervals(h), overlap);
          if (overlap.empty()) return;
          if (provider_of(g.origin, h.origin) || provider_of(h.origin, g.origin)) {
            ++related_;
            return;
          }
          const std::uint32_t aux = kind == Kind::kSubMoas ? h.prefix : kNoId;
          const auto segs = d_.segs(g);
          for (const Interval& iv : overlap) {
            add(Metric::kM2, kind, g.origin, g.origin, h.origin, g.prefix, segs[0].path, iv.start,
                iv.end, aux);
          }
          for (const Segment& s : segs) {
            const PathFacts& f = facts(s.path);
            if (!f.has_upstream || !provider_of(f.upstream, g.origin)) continue;
            const Interval si{s.start, s.end};
            intersect(std::span<const Interval>(&si, 1), overlap, piece);
            for (const Interval& iv : piece) {
              add(Metric::kM2C, kind, f.upstream, g.origin, h.origin, g.prefix, s.path, iv.start,
                  iv.end, aux);
            }
          }
        };
        for (std::size_t b = gi; b < gj; ++b) conflict(d_.groups[b], Kind::kMoas);
        for (const std::uint32_t top : stack) {
          // `stack` holds the first group index of each covering prefix.
          const std::uint32_t cp = d_.groups[top].prefix;
          for (std::size_t b = top; b < d_.groups.size() && d_.groups[b].prefix == cp; ++b) {
            conflict(d_.groups[b], Kind::kSubMoas);
          }
        }
      }
      stack.push_back(static_cast<std::uint32_t>(gi));
      gi = gj;
    }
  }

  // ---- events

  // The words are asked for again for every event of a (prefix, origin): memoised.
  const std::string& rov_words(std::uint32_t prefix, net::Asn origin) {
    std::string& s = rov_cache_[(std::uint64_t{prefix} << 32) | origin];
    if (s.empty()) s = rov_text(d_.prefixes.prefix(prefix), origin);
    return s;
  }
  const std::string& irr_words(std::uint32_t prefix, net::Asn origin) {
    std::string& s = irr_cache_[(std::uint64_t{prefix} << 32) | origin];
    if (s.empty()) s = irr_text(d_.prefixes.prefix(prefix), origin);
    return s;
  }

  std::string rov_text(const net::Prefix& p, net::Asn origin) const {
    if (in_.rov == nullptr) return "no RPKI data";
    const rpki::RovState s = in_.rov->validate(p, origin);
    std::string out = fmt::format("RPKI {}", rpki::to_string(s));
    const std::string vrps = covering_vrps(*in_.rov, p);
    if (!vrps.empty()) out += fmt::format(" (VRPs: {})", vrps);
    return out;
  }

  std::string irr_text(const net::Prefix& p, net::Asn origin) const {
    if (in_.irr == nullptr) return "no IRR data";
    std::string detail;
    switch (irr_coverage(*in_.irr, p, origin, &detail)) {
      case IrrCoverage::kExact:
      case IrrCoverage::kLessSpecific:
        return "IRR " + detail;
      case IrrCoverage::kOtherOrigin:
        return "no route object with this origin; " + detail;
      case IrrCoverage::kNone:
        break;
    }
    return "no route object";
  }

  static std::string rel_word(Rel r) {
    switch (r) {
      case Rel::kCustomer:
        return "provider";  // a is b's customer: b is a's provider
      case Rel::kProvider:
        return "customer";
      case Rel::kPeer:
        return "peer";
      case Rel::kNone:
        break;
    }
    return "neighbour";
  }

  void describe(const Cand& c, Event& e) {
    const net::Prefix& p = d_.prefixes.prefix(c.prefix);
    const std::string ps = p.to_string();
    const std::string path = d_.paths.to_string(c.path);
    const auto t = c.start;
    switch (c.metric) {
      case Metric::kM2:
      case Metric::kM2C: {
        const std::string what =
            c.kind == Kind::kMoas
                ? fmt::format("{} is also originated by AS{} (MOAS; {}; {})", ps, c.other,
                              rov_words(c.prefix, c.other), irr_words(c.prefix, c.other))
                : fmt::format("{} lies inside {} originated by AS{} (sub-MOAS; {}; {})", ps,
                              d_.prefixes.prefix(c.aux).to_string(), c.other,
                              rov_words(c.prefix, c.other), irr_words(c.aux, c.other));
        const std::string own = fmt::format(
            "AS{} is authorised by neither RPKI ({}) nor the IRR ({} for {} or a "
            "covering prefix)",
            c.culprit, rov_words(c.prefix, c.culprit), irr_words(c.prefix, c.culprit), ps);
        e.detail = c.metric == Metric::kM2
                       ? fmt::format("{}; {}", what, own)
                       : fmt::format("AS{} propagated {} from its customer AS{}: {}; {}", c.asn, ps,
                                     c.culprit, what, own);
        e.reference = fmt::format("{}-{}-{}_{}", kind_word(c.kind), t, c.culprit, c.other);
        return;
      }
      case Metric::kM3:
      case Metric::kM3C: {
        const auto b = filter::bogon_prefix(p);
        const std::string why =
            b ? fmt::format("{}, {} {}", b->prefix.to_string(), b->purpose, b->rfc) : "";
        e.detail =
            c.metric == Metric::kM3
                ? fmt::format("{} is a full bogon ({}) originated by AS{}", ps, why, c.culprit)
                : fmt::format(
                      "AS{} propagated the full bogon {} ({}) from its customer "
                      "AS{}",
                      c.asn, ps, why, c.culprit);
        e.reference = fmt::format("bogon-prefix-{}-{}", t, c.culprit);
        return;
      }
      case Metric::kM4:
      case Metric::kM4C: {
        const filter::BogonAsnRange* b = filter::bogon_asn(c.other);
        const std::string why = b != nullptr ? fmt::format("{}, {}", b->purpose, b->rfc) : "";
        e.detail = c.metric == Metric::kM4
                       ? fmt::format(
                             "AS{} accepted and propagated {} with the bogon AS{} ({}) "
                             "in the path {}",
                             c.culprit, ps, c.other, why, path)
                       : fmt::format(
                             "AS{} propagated {} from its customer AS{}, whose path has "
                             "the bogon AS{} ({}): {}",
                             c.asn, ps, c.culprit, c.other, why, path);
        e.reference = fmt::format("bogon-asn-{}-{}_{}", t, c.culprit, c.other);
        return;
      }
      case Metric::kM1:
      case Metric::kM1C: {
        std::string what;
        const PathFacts& f = facts(c.path);
        if (c.kind == Kind::kAspa) {
          what = fmt::format(
              "ASPA (upstream verification): AS{} has an ASPA that does not list AS{} as a "
              "provider, yet AS{} sent {} on to AS{}; path {}",
              f.aspa_from, f.aspa_to, f.aspa_to, ps, f.aspa_next, path);
        } else {
          what = fmt::format(
              "route leak (valley-free): the path went {} from AS{} to its {} AS{}, then AS{} "
              "sent {} to its {} AS{}; path {}",
              f.turn_rel == Rel::kPeer ? "across" : "down", f.turn_from, rel_word(f.turn_rel),
              f.turn_to, f.leaker, ps, rel_word(f.out_rel), f.leaked_to, path);
        }
        e.detail = c.metric == Metric::kM1
                       ? what
                       : fmt::format("AS{} propagated a leak by its customer AS{}: {}", c.asn,
                                     c.culprit, what);
        e.reference = fmt::format("{}-{}-{}_{}", c.kind == Kind::kAspa ? "aspa-leak" : "leak", t,
                                  c.culprit, c.other);
        return;
      }
      case Metric::kRpkiInvalid:
        e.detail =
            fmt::format("{} originated by AS{}: {}", ps, c.culprit, rov_words(c.prefix, c.culprit));
        e.reference = fmt::format("rpki-invalid-{}-{}", t, c.culprit);
        return;
      case Metric::kAdminBogon: {
        const auto block = in_.unallocated->containing(p);
        e.detail = fmt::format("{} originated by AS{} lies in unallocated space {} ({})", ps,
                               c.culprit, block ? block->to_string() : "?",
                               block ? in_.unallocated->source_of(*block) : "");
        e.reference = fmt::format("admin-bogon-{}-{}", t, c.culprit);
        return;
      }
      default:
        return;
    }
  }

  static bool accomplice(Metric m) {
    return m == Metric::kM1C || m == Metric::kM2C || m == Metric::kM3C || m == Metric::kM4C;
  }

  std::vector<Event> merge() {
    std::ranges::sort(cands_, [](const Cand& a, const Cand& b) {
      const auto ka = cand_key(a);
      const auto kb = cand_key(b);
      return ka != kb ? ka < kb : a.start < b.start;
    });
    std::vector<Event> out;
    std::size_t i = 0;
    while (i < cands_.size()) {
      std::size_t j = i;
      while (j < cands_.size() && cand_key(cands_[j]) == cand_key(cands_[i])) ++j;
      // One key: union of intervals, one event per disjoint piece.
      std::size_t k = i;
      while (k < j) {
        Cand c = cands_[k];
        std::size_t m = k + 1;
        while (m < j && cands_[m].start <= c.end) {
          c.end = std::max(c.end, cands_[m].end);
          ++m;
        }
        Event e;
        e.metric = c.metric;
        e.asn = c.asn;
        e.culprit = c.culprit;
        e.weight = accomplice(c.metric) ? config_.accomplice_weight : config_.culprit_weight;
        e.start = c.start;
        e.end = c.end;
        e.prefix = d_.prefixes.prefix(c.prefix);
        const auto asns = d_.paths.asns(c.path);
        e.path.assign(asns.begin(), asns.end());
        describe(c, e);
        out.push_back(std::move(e));
        k = m;
      }
      i = j;
    }
    std::ranges::stable_sort(out, [](const Event& a, const Event& b) {
      return std::tie(a.asn, a.metric, a.start) < std::tie(b.asn, b.metric, b.start);
    });
    return out;
  }

  const RoutingData& d_;
  const RoutingInputs& in_;
  const Config& config_;
  const registry::AsRelations& rel_;
  std::vector<PathFacts> facts_;
  std::vector<M4Fact> m4_;
  std::vector<net::Asn> seq_;
  std::vector<Cand> cands_;
  std::size_t related_ = 0;
  std::unordered_map<std::uint64_t, std::string> rov_cache_;
  std::unordered_map<std::uint64_t, std::string> irr_cache_;
};

}  // namespace

std::vector<Event> detect_events(const RoutingData& data, const RoutingInputs& inputs,
                                 const Config& config, std::vector<std::string>& notes) {
  Detector d(data, inputs, config);
  return d.run(notes);
}

}  // namespace manrs::check::detail
