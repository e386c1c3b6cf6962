// RoutingAnalysis on the real samples: routing_info() must equal an independent brute-force
// computation (the RIB decoded record by record here, RFC 6811 by a scan of the VRP list, IRR
// coverage by a scan of the route objects read from the RPSL text here), and the events of
// update files must be internally consistent.
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/check/routing.h"
#include "manrs/core/input.h"
#include "manrs/filter/bogons.h"
#include "manrs/irr/database.h"
#include "manrs/mrt/reader.h"
#include "manrs/registry/asrel.h"
#include "manrs/rpki/reader.h"
#include "manrs/rpki/rov.h"

namespace manrs::check {
namespace {

namespace fs = std::filesystem;

fs::path shared(const std::string& rel) { return fs::path(MANRS_SHARED_DIR) / "data" / rel; }

const char* kRoaList = "vrp/roalist-authenticated-2017-05-17T023014Z.txt";

// ---- the independent side

struct Seen {
  std::set<std::pair<net::IpAddress, net::Asn>> peers;
  std::int64_t first = 0;
};
struct Oracle {
  std::map<std::pair<net::Asn, net::Prefix>, Seen> routes;  // (origin, prefix)
  std::int64_t last_dump = 0;
};

// The origin by RFC 6811 §2 for paths without confederations: the last AS of a final
// AS_SEQUENCE.
std::optional<net::Asn> origin_of(const net::AsPath& p) {
  std::optional<net::Asn> o;
  for (const auto& seg : p.segments()) {
    if (seg.type == net::SegmentType::kConfedSequence || seg.type == net::SegmentType::kConfedSet) {
      continue;
    }
    if (seg.type == net::SegmentType::kSequence && seg.count > 0) {
      o = p.asns()[seg.start + seg.count - 1];
    } else if (seg.count > 0) {
      o.reset();
    }
  }
  return o;
}

Oracle decode_rib(const fs::path& file) {
  Oracle o;
  auto src = core::open_input(file.string());
  EXPECT_TRUE(src);
  if (!src) return o;
  mrt::Reader reader(std::move(*src));
  mrt::Record rec;
  auto note = [&](const net::Prefix& p, const net::IpAddress& ip, net::Asn peer_as,
                  const bgp::PathAttributes& attrs, std::int64_t ts) {
    if (attrs.action >= bgp::ErrorAction::kTreatAsWithdraw) return;
    const auto origin = origin_of(attrs.as_path);
    if (!origin) return;
    Seen& s = o.routes[{*origin, p}];
    if (s.peers.empty() || ts < s.first) s.first = ts;
    s.peers.insert({ip, peer_as});
  };
  for (;;) {
    auto more = reader.next(rec);
    if (!more) {
      if (reader.failed()) break;  // a truncated stream: decode until it breaks
      continue;
    }
    if (!*more) break;
    const std::int64_t ts = rec.header.timestamp;
    if (rec.kind == mrt::RecordKind::kRib && rec.rib.safi == 1) {
      o.last_dump = std::max(o.last_dump, ts);
      for (std::size_t i = 0; i < rec.rib.count; ++i) {
        const mrt::RibEntry& e = rec.rib.entries[i];
        const mrt::Peer& peer = rec.peers->peers.at(e.peer_index);
        note(rec.rib.prefix, peer.address, peer.asn, e.attrs, ts);
      }
    } else if (rec.kind == mrt::RecordKind::kTableDump) {
      o.last_dump = std::max(o.last_dump, ts);
      for (std::size_t i = 0; i < rec.table_dump.count; ++i) {
        const mrt::TableDumpEntry& e = rec.table_dump.entries[i];
        note(e.prefix, e.peer_ip, e.peer_as, e.attrs, ts);
      }
    }
  }
  return o;
}

// Items whose prefix could cover a prefix: by family and leading 8 (IPv4) or 16 (IPv6) bits
// when the item's prefix is at least that long, else in a short list scanned always. Only
// narrows the scans below; every candidate is still checked with Prefix::contains.
template <typename T>
class Buckets {
 public:
  Buckets(const std::vector<T>& items, net::Prefix T::*prefix) {
    for (const T& item : items) {
      const net::Prefix& p = item.*prefix;
      if (p.length() >= bits(p)) {
        buckets_[key(p)].push_back(&item);
      } else {
        short_.push_back(&item);
      }
    }
  }
  template <typename F>
  void candidates(const net::Prefix& p, const F& f) const {
    for (const T* item : short_) f(*item);
    if (p.length() < bits(p)) {
      for (const auto& [k, v] : buckets_) {
        for (const T* item : v) f(*item);
      }
      return;
    }
    auto it = buckets_.find(key(p));
    if (it == buckets_.end()) return;
    for (const T* item : it->second) f(*item);
  }

 private:
  static unsigned bits(const net::Prefix& p) { return p.is_v4() ? 8 : 16; }
  static std::uint32_t key(const net::Prefix& p) {
    const auto& b = p.address().bytes();
    return p.is_v4() ? b[0] : (0x10000U | (unsigned{b[0]} << 8) | b[1]);
  }
  std::map<std::uint32_t, std::vector<const T*>> buckets_;
  std::vector<const T*> short_;
};

struct RouteObject {
  net::Prefix prefix;
  net::Asn origin = 0;
};

// RFC 6811 §2 by scanning the VRPs that may cover the route.
rpki::RovState brute_rov(const Buckets<rpki::Vrp>& vrps, const net::Prefix& p, net::Asn o) {
  bool covered = false;
  bool asn_match = false;
  bool valid = false;
  vrps.candidates(p, [&](const rpki::Vrp& v) {
    if (!v.prefix.contains(p)) return;
    covered = true;
    if (v.asn == o && o != 0) {
      asn_match = true;
      if (p.length() <= v.max_length) valid = true;
    }
  });
  if (valid) return rpki::RovState::kValid;
  if (!covered) return rpki::RovState::kNotFound;
  return asn_match ? rpki::RovState::kInvalidLength : rpki::RovState::kInvalidAsn;
}

// route/route6 objects read straight from the RPSL text: (prefix, origin).
std::vector<RouteObject> read_routes(const fs::path& file) {
  std::vector<RouteObject> out;
  auto src = core::open_input(file.string());
  EXPECT_TRUE(src);
  std::string text;
  std::vector<std::byte> buf(1 << 16);
  for (;;) {
    auto n = (*src)->read(buf);
    if (!n || *n == 0) break;
    text.append(reinterpret_cast<const char*>(buf.data()), *n);  // NOLINT
  }
  std::optional<net::Prefix> prefix;
  std::size_t pos = 0;
  auto value = [](std::string_view line) {
    line.remove_prefix(line.find(':') + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    return line;
  };
  while (pos < text.size()) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    const std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) {
      prefix.reset();
    } else if (line.starts_with("route:") || line.starts_with("route6:")) {
      auto p = net::Prefix::parse(value(line));
      if (p) prefix = *p;
    } else if (line.starts_with("origin:") && prefix) {
      std::string_view v = value(line);
      if (v.size() > 2 && (v[0] == 'A' || v[0] == 'a') && (v[1] == 'S' || v[1] == 's')) {
        v.remove_prefix(2);
        out.push_back({*prefix, static_cast<net::Asn>(std::stoul(std::string(v)))});
      }
    }
  }
  return out;
}

IrrCoverage brute_irr(const Buckets<RouteObject>& routes, const net::Prefix& p, net::Asn o) {
  bool exact = false;
  bool less = false;
  bool other = false;
  routes.candidates(p, [&](const RouteObject& r) {
    if (!r.prefix.contains(p)) return;
    if (r.origin != o) {
      other = true;
    } else if (r.prefix == p) {
      exact = true;
    } else {
      less = true;
    }
  });
  if (exact) return IrrCoverage::kExact;
  if (less) return IrrCoverage::kLessSpecific;
  return other ? IrrCoverage::kOtherOrigin : IrrCoverage::kNone;
}

// ---- the comparison

struct RealData {
  rpki::VrpSet vrps;
  std::unique_ptr<rpki::RovTable> rov;
  std::unique_ptr<irr::Database> irr;
  std::vector<RouteObject> route_objects;
};

RealData load_real() {
  RealData d;
  auto v = rpki::read_vrps(shared(kRoaList).string());
  EXPECT_TRUE(v) << v.error().to_string();
  if (v) d.vrps = std::move(*v);
  d.rov = std::make_unique<rpki::RovTable>(d.vrps.vrps);
  d.irr = std::make_unique<irr::Database>();
  irr::LoadOptions o;
  o.progress = false;
  for (const char* f : {"rpsl/ripe-nonauth.db.route.gz", "rpsl/ripe-nonauth.db.route6.half-a.gz"}) {
    auto r = d.irr->load_file(shared(f).string(), o);
    EXPECT_TRUE(r) << r.error().to_string();
    auto objs = read_routes(shared(f));
    d.route_objects.insert(d.route_objects.end(), objs.begin(), objs.end());
  }
  d.irr->finalize();
  return d;
}

void compare_rib(const fs::path& rib) {
  if (!fs::exists(rib) || !fs::exists(shared(kRoaList))) {
    GTEST_SKIP() << "shared data not found under " << MANRS_SHARED_DIR;
  }
  const RealData d = load_real();
  const Oracle oracle = decode_rib(rib);
  ASSERT_FALSE(oracle.routes.empty());

  RoutingInputs in;
  in.mrt_files = {rib.string()};
  in.rov = d.rov.get();
  in.irr = d.irr.get();
  in.threads = 2;
  const Config config;
  auto a = RoutingAnalysis::run(in, std::nullopt, config);
  ASSERT_TRUE(a) << a.error().to_string();
  const std::int64_t end = oracle.last_dump + config.snapshot_duration;

  // Origins to check: the 5 with most routes, 5 more with IRR coverage, 5 more with a VRP of
  // their own (chosen by the oracle, so that the comparison is not vacuous).
  std::map<net::Asn, std::size_t> count;
  std::set<net::Asn> with_irr;
  std::set<net::Asn> with_vrp;
  std::set<net::Asn> vrp_asns;
  for (const rpki::Vrp& v : d.vrps.vrps) vrp_asns.insert(v.asn);
  std::map<net::Asn, std::vector<net::Prefix>> objects_by_origin;
  for (const RouteObject& r : d.route_objects) objects_by_origin[r.origin].push_back(r.prefix);
  const Buckets<rpki::Vrp> vrp_buckets(d.vrps.vrps, &rpki::Vrp::prefix);
  const Buckets<RouteObject> route_buckets(d.route_objects, &RouteObject::prefix);
  for (const auto& [key, seen] : oracle.routes) {
    ++count[key.first];
    if (vrp_asns.contains(key.first)) with_vrp.insert(key.first);
    auto it = objects_by_origin.find(key.first);
    if (it != objects_by_origin.end() && std::ranges::any_of(it->second, [&](const net::Prefix& p) {
          return p.contains(key.second);
        })) {
      with_irr.insert(key.first);
    }
  }
  std::vector<std::pair<std::size_t, net::Asn>> by_count;
  for (const auto& [asn, n] : count) by_count.emplace_back(n, asn);
  std::ranges::sort(by_count, std::greater<>());
  std::set<net::Asn> chosen;
  std::size_t irr_picks = 0;
  std::size_t vrp_picks = 0;
  for (const auto& [n, asn] : by_count) {
    if (chosen.size() < 5) {
      chosen.insert(asn);
    } else if (irr_picks < 5 && with_irr.contains(asn) && chosen.insert(asn).second) {
      ++irr_picks;
    } else if (vrp_picks < 5 && with_vrp.contains(asn) && chosen.insert(asn).second) {
      ++vrp_picks;
    }
  }
  EXPECT_GE(chosen.size(), 8U);
  unsigned irr_seen = 0;
  unsigned rpki_seen = 0;
  for (const net::Asn asn : chosen) {
    SCOPED_TRACE(asn);
    const RoutingInfo info = (*a)->routing_info(asn);
    std::vector<AnnouncedRoute> want;
    unsigned covered = 0, valid = 0, invalid = 0, not_found = 0;
    for (auto it = oracle.routes.lower_bound({asn, net::Prefix()});
         it != oracle.routes.end() && it->first.first == asn; ++it) {
      AnnouncedRoute r;
      r.prefix = it->first.second;
      r.first_seen = it->second.first;
      r.last_seen = end;
      r.peers = static_cast<unsigned>(it->second.peers.size());
      r.rov = brute_rov(vrp_buckets, r.prefix, asn);
      r.irr = brute_irr(route_buckets, r.prefix, asn);
      covered += r.irr == IrrCoverage::kExact || r.irr == IrrCoverage::kLessSpecific ? 1U : 0U;
      valid += r.rov == rpki::RovState::kValid ? 1U : 0U;
      invalid += rpki::is_invalid(r.rov) ? 1U : 0U;
      not_found += r.rov == rpki::RovState::kNotFound ? 1U : 0U;
      want.push_back(r);
    }
    ASSERT_EQ(info.routes.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE(want[i].prefix.to_string());
      EXPECT_EQ(info.routes[i].prefix, want[i].prefix);
      EXPECT_EQ(info.routes[i].first_seen, want[i].first_seen);
      EXPECT_EQ(info.routes[i].last_seen, want[i].last_seen);
      EXPECT_EQ(info.routes[i].peers, want[i].peers);
      EXPECT_EQ(info.routes[i].rov, want[i].rov);
      EXPECT_EQ(info.routes[i].irr, want[i].irr);
    }
    EXPECT_EQ(info.irr_covered, covered);
    EXPECT_EQ(info.rpki_valid, valid);
    EXPECT_EQ(info.rpki_invalid, invalid);
    EXPECT_EQ(info.rpki_not_found, not_found);
    irr_seen += covered;
    rpki_seen += valid + invalid;
  }
  EXPECT_GT(irr_seen, 0U);
  EXPECT_GT(rpki_seen, 0U);
}

TEST(RoutingRealData, Rib6TruncatedStreamMatchesBruteForce) {
  compare_rib(shared("mrt/rib6.20151101.0600_firstMB.bz2"));
}

TEST(RoutingRealData, Bview2002MatchesBruteForce) {
  compare_rib(shared("mrt/bview.20020722.2337.gz"));
}

// Update files: events are consistent with the data they come from.
TEST(RoutingRealData, UpdateFileEventsAreConsistent) {
  const std::vector<std::string> files = {"mrt/updates.20070211.0141.gz",
                                          "mrt/updates.20160811.1600.gz",
                                          "mrt/rrc15.updates.20100227.1600.gz"};
  std::size_t total_events = 0;
  for (const std::string& name : files) {
    SCOPED_TRACE(name);
    const fs::path f = shared(name);
    if (!fs::exists(f)) GTEST_SKIP() << "shared data not found: " << f;
    RoutingInputs in;
    in.mrt_files = {f.string()};
    in.threads = 2;
    auto a = RoutingAnalysis::run(in, std::nullopt, Config{});
    ASSERT_TRUE(a) << a.error().to_string();
    const RoutingAnalysis& r = **a;
    EXPECT_GT(r.stats().announcements, 0U);
    EXPECT_NE(r.relationships_note().find("Gao"), std::string::npos);
    std::size_t events = 0;
    for (const net::Asn asn : r.ases()) {
      const std::vector<Event> ev = r.events(asn);
      events += ev.size();
      for (std::size_t i = 0; i < ev.size(); ++i) {
        const Event& e = ev[i];
        SCOPED_TRACE(e.reference);
        EXPECT_EQ(e.asn, asn);
        EXPECT_LE(e.start, e.end);
        EXPECT_GE(e.start, r.window().start);
        EXPECT_LE(e.end, r.window().end);
        EXPECT_FALSE(e.detail.empty());
        EXPECT_FALSE(e.reference.empty());
        if (i > 0) {
          EXPECT_TRUE(ev[i - 1].metric < e.metric ||
                      (ev[i - 1].metric == e.metric && ev[i - 1].start <= e.start));
        }
        switch (e.metric) {
          case Metric::kM3:
            EXPECT_TRUE(filter::bogon_prefix(e.prefix).has_value());
            EXPECT_EQ(e.path.back(), e.asn);
            break;
          case Metric::kM4:
            EXPECT_TRUE(std::ranges::any_of(
                e.path, [](net::Asn x) { return filter::bogon_asn(x) != nullptr; }));
            EXPECT_NE(std::ranges::find(e.path, e.asn), e.path.end());
            EXPECT_EQ(filter::bogon_asn(e.asn), nullptr);
            break;
          case Metric::kM1C:
          case Metric::kM3C:
          case Metric::kM4C:
            EXPECT_EQ(r.relations().rel(e.asn, e.culprit), registry::Rel::kProvider);
            EXPECT_EQ(e.weight, Config{}.accomplice_weight);
            break;
          case Metric::kM1:
            EXPECT_NE(std::ranges::find(e.path, e.asn), e.path.end());
            break;
          default:
            break;
        }
      }
    }
    total_events += events;
  }
  EXPECT_GT(total_events, 0U);
}

}  // namespace
}  // namespace manrs::check
