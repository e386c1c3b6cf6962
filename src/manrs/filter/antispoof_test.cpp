// Anti-spoofing: RFC 8704's EFP-uRPF algorithms A and B on the RFC's own scenarios (Figures 1,
// 3 and 4) rebuilt by hand, observations from MRT (hand-written files and a real RIB checked
// against a brute-force scan of the decoded paths), and the planner (strict / feasible / loose,
// IRR ∪ ROAs ∪ observed, evidence on every entry).
#include "manrs/filter/antispoof.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/core/testing/temp_dir.h"
#include "manrs/core/testing/wire_bytes.h"
#include "manrs/filter/test_util.h"
#include "manrs/mrt/reader.h"

namespace manrs::filter {
namespace {

using manrs::testing::Bytes;
using manrs::testing::operator+;
using manrs::testing::u16;
using manrs::testing::u32;
using testing::make_db;
using testing::make_vrps;
using testing::pfx;

// Routable (non-bogon) prefixes standing for the RFC's P1..P6.
const net::Prefix kP1 = pfx("185.1.0.0/24");
const net::Prefix kP2 = pfx("185.2.0.0/24");
const net::Prefix kP3 = pfx("185.3.0.0/24");
const net::Prefix kP4 = pfx("185.4.0.0/24");
const net::Prefix kP5 = pfx("185.5.0.0/24");
const net::Prefix kP6 = pfx("185.6.0.0/24");

constexpr net::Asn kAs1 = 64501, kAs2 = 64502, kAs3 = 64503, kAs4 = 64504, kAs5 = 64505;

Neighbor nb(net::Asn asn, Relation rel, std::vector<Route> routes) {
  Neighbor n;
  n.asn = asn;
  n.relation = rel;
  n.routes = std::move(routes);
  return n;
}

std::vector<net::Prefix> ps(std::initializer_list<net::Prefix> l) {
  std::vector<net::Prefix> v(l);
  std::sort(v.begin(), v.end());
  return v;
}

const RpfList* list_for(const std::vector<RpfList>& lists, net::Asn asn) {
  for (const auto& l : lists) {
    if (l.interface == net::format_asn(asn)) {
      return &l;
    }
  }
  return nullptr;
}

net::IpAddress addr_in(const net::Prefix& p) { return p.address(); }

// ---- RFC 8704 scenarios -------------------------------------------------------------------

// Figure 1 (scenario 1), seen at AS2 (ISP-a): the customer AS1 announces P1 to AS2 and P2 to
// AS3 (ISP-b); AS2 hears P2 only from AS3 as [AS3 AS1]. Packets from AS1 with a source in P2
// arrive at AS2 on the AS1 interface: strict and feasible-path uRPF drop them; EFP-uRPF does not.
std::vector<Neighbor> figure1_at_as2() {
  return {nb(kAs1, Relation::kCustomer, {{kP1, kAs1}}),
          nb(kAs3, Relation::kLateralPeer, {{kP2, kAs1}, {kP6, kAs3}})};
}

TEST(Rfc8704Test, Figure1StrictFailsEfpWorks) {
  const auto model = figure1_at_as2();
  // Feasible-path (and so strict) uRPF on AS1's interface: only P1 was received there.
  EXPECT_EQ(feasible_path_prefixes(model, "AS64501"), ps({kP1}));
  // Algorithm A: Set A = {AS1}; X_1 = {P1, P2} (P2 from the lateral peer); AS1's interface
  // received P1 of X_1, so it gets all of X_1. AS3's own P6 (origin AS3, not in A) stays out.
  const auto a = efp_algorithm_a(model);
  ASSERT_EQ(a.size(), 1U);
  EXPECT_EQ(a[0].interface, "AS64501");
  EXPECT_EQ(a[0].prefixes(), ps({kP1, kP2}));
  EXPECT_TRUE(a[0].permits(addr_in(kP2)));
  EXPECT_FALSE(a[0].permits(addr_in(kP6)));
  ASSERT_EQ(a[0].entries[1].prefix, kP2);
  EXPECT_EQ(a[0].entries[1].origins, std::vector<net::Asn>{kAs1});
  EXPECT_EQ(a[0].entries[1].received_from, std::vector<net::Asn>{kAs3});
  // Algorithm B: P = {P1}, A = {AS1}, Q = {P2}; Z = {P1, P2}.
  const auto b = efp_algorithm_b(model);
  EXPECT_EQ(b.prefixes(), ps({kP1, kP2}));
  EXPECT_TRUE(b.entries[0].from_customer);   // P1 in Set P
  EXPECT_FALSE(b.entries[1].from_customer);  // P2 in Set Q
}

// Figure 3 (scenario 3), seen at AS4: AS1 announces P1 to AS2, P2 to AS3 (both customers of
// AS4) and P3 to AS5 (a lateral peer of AS4). AS2 also originates its own P4. Packets from AS1
// may arrive at AS4 via AS2 or AS3 with a source in P1, P2 or P3.
std::vector<Neighbor> figure3_at_as4() {
  return {nb(kAs2, Relation::kCustomer, {{kP1, kAs1}, {kP4, kAs2}}),
          nb(kAs3, Relation::kCustomer, {{kP2, kAs1}}),
          nb(kAs5, Relation::kLateralPeer, {{kP3, kAs1}})};
}

TEST(Rfc8704Test, Figure3EfpAcceptsAllOfAs1OnBothCustomers) {
  const auto model = figure3_at_as4();
  EXPECT_EQ(feasible_path_prefixes(model, "AS64502"), ps({kP1, kP4}));  // no P2, P3: drops
  const auto a = efp_algorithm_a(model);
  ASSERT_EQ(a.size(), 2U);
  const auto* as2 = list_for(a, kAs2);
  const auto* as3 = list_for(a, kAs3);
  ASSERT_NE(as2, nullptr);
  ASSERT_NE(as3, nullptr);
  // Set A = {AS1, AS2}; X_AS1 = {P1, P2, P3} goes to AS2 and AS3 (each received one of it);
  // X_AS2 = {P4} only to AS2.
  EXPECT_EQ(as2->prefixes(), ps({kP1, kP2, kP3, kP4}));
  EXPECT_EQ(as3->prefixes(), ps({kP1, kP2, kP3}));
  for (const auto& p : {kP1, kP2, kP3}) {
    EXPECT_TRUE(as2->permits(addr_in(p))) << p.to_string();
    EXPECT_TRUE(as3->permits(addr_in(p))) << p.to_string();
  }
}

// Where A and B differ: on the same model B gives every customer interface Z = P ∪ Q, so AS3's
// interface also accepts AS2's own P4, which algorithm A keeps to AS2's interface.
TEST(Rfc8704Test, AlgorithmsAAndBDifferOnFigure3) {
  const auto model = figure3_at_as4();
  const auto a = efp_algorithm_a(model);
  const auto b = efp_algorithm_b(model);
  EXPECT_EQ(b.prefixes(), ps({kP1, kP2, kP3, kP4}));
  EXPECT_EQ(b.neighbors, (std::vector<net::Asn>{kAs2, kAs3}));
  EXPECT_FALSE(list_for(a, kAs3)->permits(addr_in(kP4)));
  EXPECT_TRUE(b.permits(addr_in(kP4)));
  // B's Q only takes peer/provider prefixes whose origin is in A: a peer's unrelated prefix
  // stays out of both.
  auto more = model;
  more[2].routes.push_back({kP6, kAs5});
  EXPECT_FALSE(efp_algorithm_b(more).permits(addr_in(kP6)));
  for (const auto& l : efp_algorithm_a(more)) {
    EXPECT_FALSE(l.permits(addr_in(kP6))) << l.interface;
  }
}

// Figure 4 (§3.3, the challenging scenario), seen at AS4: AS1 announces P1, P2 to AS2 with
// NO_EXPORT (AS2 does not propagate them to AS4) and to AS3 normally; AS4 hears them only from
// AS3. Packets from AS1 with a source in P1/P2 arrive at AS4 via AS2: algorithm A fails, B
// works (the RFC's verdicts).
TEST(Rfc8704Test, Figure4ChallengingScenarioAFailsBWorks) {
  const std::vector<Neighbor> model = {
      nb(kAs2, Relation::kCustomer, {{kP5, kAs2}}),
      nb(kAs3, Relation::kCustomer, {{kP1, kAs1}, {kP2, kAs1}, {kP6, kAs3}})};
  const auto a = efp_algorithm_a(model);
  const auto* as2 = list_for(a, kAs2);
  ASSERT_NE(as2, nullptr);
  EXPECT_EQ(as2->prefixes(), ps({kP5}));
  EXPECT_FALSE(as2->permits(addr_in(kP1)));
  EXPECT_FALSE(as2->permits(addr_in(kP2)));
  EXPECT_EQ(list_for(a, kAs3)->prefixes(), ps({kP1, kP2, kP6}));
  const auto b = efp_algorithm_b(model);
  EXPECT_TRUE(b.permits(addr_in(kP1)));
  EXPECT_TRUE(b.permits(addr_in(kP2)));
  EXPECT_EQ(b.prefixes(), ps({kP1, kP2, kP5, kP6}));
}

// Figure 2 (scenario 2): AS1 prepends (P2 [AS1 AS1 AS1] to AS2). Through the observations in
// router view the prepended path still has origin AS1, and at AS2 the EFP list of AS1's
// interface holds both prefixes.
TEST(Rfc8704Test, Figure2PrependingKeepsTheOrigin) {
  Observations obs(kAs2, MrtView::kRouter);
  net::AsPath p1, p2, p2_via3;
  p1.add_segment(net::SegmentType::kSequence);
  p1.push(kAs1);
  p2.add_segment(net::SegmentType::kSequence);
  for (int i = 0; i < 3; ++i) {
    p2.push(kAs1);
  }
  p2_via3.add_segment(net::SegmentType::kSequence);
  p2_via3.push(kAs3);
  p2_via3.push(kAs1);
  obs.add_route(kP1, kAs1, p1);
  obs.add_route(kP2, kAs1, p2);
  obs.add_route(kP2, kAs3, p2_via3);
  EXPECT_EQ(obs.received_from(kAs1), (std::vector<Route>{{kP1, kAs1}, {kP2, kAs1}}));
  EXPECT_EQ(obs.received_from(kAs3), (std::vector<Route>{{kP2, kAs1}}));
  EXPECT_EQ(obs.upstreams({kAs1}), (std::vector<net::Asn>{kAs2, kAs3}));
}

// ---- observations: path handling ------------------------------------------------------------

net::AsPath path(std::initializer_list<std::pair<net::SegmentType, std::vector<net::Asn>>> segs) {
  net::AsPath p;
  for (const auto& [t, asns] : segs) {
    p.add_segment(t);
    for (auto a : asns) {
      p.push(a);
    }
  }
  return p;
}
constexpr auto kSeq = net::SegmentType::kSequence;
constexpr auto kSet = net::SegmentType::kSet;

TEST(ObservationsTest, CollectorViewPathCases) {
  constexpr net::Asn kLocal = 64500;
  Observations obs(kLocal);
  // Prepending on both sides of local_as.
  obs.add_route(kP1, 65000, path({{kSeq, {65000, kLocal, kLocal, 64510, 64510, 64511}}}));
  // AS_SET at the end: the aggregate belongs to the AS that formed it (64512).
  obs.add_route(kP2, 65000, path({{kSeq, {65000, kLocal, 64512}}, {kSet, {64513, 64514}}}));
  // local_as followed by a set: it aggregated itself, no neighbour known.
  obs.add_route(kP3, 65000, path({{kSeq, {65000, kLocal}}, {kSet, {64515, 64516}}}));
  // local_as originates.
  obs.add_route(kP4, 65000, path({{kSeq, {65000, kLocal}}}));
  // A loop (poisoning): skipped.
  obs.add_route(kP5, 65000, path({{kSeq, {65000, kLocal, 64517, kLocal, 64518}}}));
  // local_as only inside a set.
  obs.add_route(kP6, 65000, path({{kSeq, {65000}}, {kSet, {kLocal, 64519}}}));
  // A path without local_as: no route, but adjacencies.
  obs.add_route(kP1, 65001, path({{kSeq, {65001, 64520, 64511}}}));
  const auto& s = obs.stats();
  EXPECT_EQ(s.routes, 7U);
  EXPECT_EQ(s.received, 2U);
  EXPECT_EQ(s.set_after_local, 1U);
  EXPECT_EQ(s.local_origin, 1U);
  EXPECT_EQ(s.loops, 1U);
  EXPECT_EQ(s.local_in_set, 1U);
  EXPECT_EQ(obs.neighbors(), (std::vector<net::Asn>{64510, 64512}));
  EXPECT_EQ(obs.received_from(64510), (std::vector<Route>{{kP1, 64511}}));
  EXPECT_EQ(obs.received_from(64512), (std::vector<Route>{{kP2, 64512}}));
  // 64511 is reached through 64510 (local's neighbour) and through 64520.
  EXPECT_EQ(obs.upstreams({64510, 64511}), (std::vector<net::Asn>{kLocal, 64520}));
  EXPECT_EQ(obs.upstreams({64512}), (std::vector<net::Asn>{kLocal}));
  // No adjacency across a set: 64512 -> 64513 is not an edge.
  EXPECT_TRUE(obs.upstreams({64513}).empty());
}

TEST(ObservationsTest, RouterViewPeersAreNeighbours) {
  constexpr net::Asn kLocal = 64500;
  Observations obs(kLocal, MrtView::kRouter);
  obs.add_route(kP1, 64510, path({{kSeq, {64510, 64511}}}));
  obs.add_route(kP2, 64510, path({{kSet, {64512, 64513}}}));          // only a set: each member
  obs.add_route(kP3, kLocal, path({{kSeq, {64530}}}));                // iBGP: skipped
  obs.add_route(kP4, 64540, path({{kSeq, {64540, kLocal, 64541}}}));  // loop: skipped
  // A route server that does not add itself: the session's peer is still the neighbour.
  obs.add_route(kP5, 64550, path({{kSeq, {64551}}}));
  EXPECT_EQ(obs.received_from(64510),
            (std::vector<Route>{{kP1, 64511}, {kP2, 64512}, {kP2, 64513}}));
  EXPECT_EQ(obs.received_from(64550), (std::vector<Route>{{kP5, 64551}}));
  EXPECT_EQ(obs.stats().ibgp, 1U);
  EXPECT_EQ(obs.stats().loops, 1U);
  EXPECT_EQ(obs.neighbors(), (std::vector<net::Asn>{64510, 64550}));
  EXPECT_EQ(obs.upstreams({64551}), (std::vector<net::Asn>{64550}));
  EXPECT_EQ(obs.upstreams({64550}), (std::vector<net::Asn>{kLocal}));
}

// ---- observations from MRT files written here ------------------------------------------------

Bytes mrt_record(std::uint16_t type, std::uint16_t subtype, const Bytes& body) {
  return u32(1700000000) + u16(type) + u16(subtype) + u32(static_cast<std::uint32_t>(body.size())) +
         body;
}

// PEER_INDEX_TABLE with IPv4 peers, 4-byte ASNs.
Bytes peer_index(const std::vector<net::Asn>& peer_asns) {
  Bytes b = u32(0x0A000001) + u16(0) + u16(static_cast<std::uint16_t>(peer_asns.size()));
  for (std::size_t i = 0; i < peer_asns.size(); ++i) {
    b = b + Bytes{0x02} + u32(static_cast<std::uint32_t>(i + 1)) +
        Bytes{198, 51, 100, static_cast<std::uint8_t>(i + 1)} + u32(peer_asns[i]);
  }
  return mrt_record(13, 1, b);
}

Bytes as_path_attr(const std::vector<std::pair<std::uint8_t, std::vector<net::Asn>>>& segs) {
  Bytes v;
  for (const auto& [t, asns] : segs) {
    v = v + Bytes{t, static_cast<std::uint8_t>(asns.size())};
    for (auto a : asns) {
      v = v + u32(a);
    }
  }
  return Bytes{0x40, 2, static_cast<std::uint8_t>(v.size())} + v;
}

// RIB_IPV4_UNICAST: one prefix, entries (peer index, AS_PATH segments).
Bytes rib_v4(
    std::uint32_t seq, const net::Prefix& p,
    const std::vector<
        std::pair<std::uint16_t, std::vector<std::pair<std::uint8_t, std::vector<net::Asn>>>>>&
        entries) {
  const auto& bytes = p.address().bytes();
  Bytes b = u32(seq) + Bytes{static_cast<std::uint8_t>(p.length())};
  for (unsigned i = 0; i < (p.length() + 7) / 8; ++i) {
    b.push_back(bytes[i]);
  }
  b = b + u16(static_cast<std::uint16_t>(entries.size()));
  for (const auto& [peer, segs] : entries) {
    const Bytes attrs =
        Bytes{0x40, 1, 1, 0} + as_path_attr(segs) + Bytes{0x40, 3, 4, 198, 51, 100, 1};
    b = b + u16(peer) + u32(1700000000) + u16(static_cast<std::uint16_t>(attrs.size())) + attrs;
  }
  return mrt_record(13, 2, b);
}

std::string write_file(const std::filesystem::path& dir, const std::string& name, const Bytes& b) {
  const auto file = dir / name;
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return file.string();
}

TEST(ObservationsTest, FromWrittenTableDumpV2) {
  manrs::testing::TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  constexpr net::Asn kLocal = 64500;
  const Bytes file = peer_index({65000, 65001, kLocal}) +
                     rib_v4(0, kP1,
                            {{0, {{2, {65000, kLocal, 64510, 64510}}}},  // prepending, origin 64510
                             {1, {{2, {65001, 64520, 64510}}}},  // another upstream of 64510
                             {2, {{2, {64510}}}}}) +             // local_as's own view (collector)
                     rib_v4(1, kP2, {{0, {{2, {65000, kLocal, 64511}}, {1, {64512, 64513}}}}}) +
                     rib_v4(2, kP3, {{0, {{2, {65000, kLocal}}}}});
  const auto name = write_file(dir.path(), "rib.mrt", file);

  Observations collector(kLocal);
  ASSERT_TRUE(collector.add_mrt_file(name).has_value());
  EXPECT_EQ(collector.stats().files, 1U);
  EXPECT_EQ(collector.stats().records, 4U);
  EXPECT_EQ(collector.stats().routes, 5U);
  EXPECT_EQ(collector.received_from(64510), (std::vector<Route>{{kP1, 64510}}));
  EXPECT_EQ(collector.received_from(64511), (std::vector<Route>{{kP2, 64511}}));
  EXPECT_EQ(collector.stats().local_origin, 1U);
  EXPECT_EQ(collector.upstreams({64510}), (std::vector<net::Asn>{kLocal, 64520}));

  // The same file as the operator's router dump: peers 65000, 65001 are neighbours; the entry
  // of peer AS64500 is iBGP.
  Observations router(kLocal, MrtView::kRouter);
  ASSERT_TRUE(router.add_mrt_file(name).has_value());
  EXPECT_EQ(router.neighbors(), (std::vector<net::Asn>{65001}));  // 65000's paths loop via local
  EXPECT_EQ(router.received_from(65001), (std::vector<Route>{{kP1, 64510}}));
  EXPECT_EQ(router.stats().ibgp, 1U);
  EXPECT_EQ(router.stats().loops, 3U);

  // A missing file is an error, not an empty observation.
  auto missing = collector.add_mrt_file((dir.path() / "nope.mrt").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
}

// ---- observations on a real RIB vs a brute-force scan ----------------------------------------

TEST(ObservationsRealData, MatchesBruteForceOverDecodedPaths) {
  const std::string file =
      std::string(MANRS_SHARED_DIR) + "/data/mrt/rib.20080501.0644_firstMB.bz2";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "shared MRT data not found: " << file;
  }
  // AS7018 is the busiest transit AS of the first routes of this RouteViews RIB (TABLE_DUMP
  // v1); the test checks that it is seen in the middle of many paths.
  constexpr net::Asn kLocal = 7018;
  constexpr std::size_t kMaxRoutes = 40000;  // keep the test fast (debug + ASan builds)
  struct Seen {
    net::Prefix prefix;
    std::vector<net::Asn> seq;  // AS_SEQUENCE members, with prepending
    bool has_set = false;
  };
  std::vector<Seen> routes;
  std::size_t middle = 0;
  Observations obs(kLocal);  // fed record by record, as add_mrt_file does
  {
    auto src = core::open_input(file);
    ASSERT_TRUE(src.has_value());
    mrt::Reader reader(std::move(*src));
    mrt::Record rec;
    while (routes.size() < kMaxRoutes) {
      auto more = reader.next(rec);
      ASSERT_TRUE(more.has_value()) << more.error().to_string();
      if (!*more) {
        break;
      }
      obs.add_record(rec);
      auto take = [&](const net::Prefix& prefix, const bgp::PathAttributes& a) {
        if (a.as_path_error) {
          return;
        }
        Seen s;
        s.prefix = prefix;
        for (const auto& seg : a.as_path.segments()) {
          if (seg.type != net::SegmentType::kSequence) {
            s.has_set = true;
            continue;
          }
          for (auto asn : a.as_path.segment_asns(seg)) {
            s.seq.push_back(asn);
          }
        }
        for (std::size_t k = 1; k + 1 < s.seq.size(); ++k) {
          middle += s.seq[k] == kLocal ? 1U : 0U;
        }
        routes.push_back(std::move(s));
      };
      if (rec.kind == mrt::RecordKind::kRib && rec.rib.safi == 1) {
        for (std::size_t i = 0; i < rec.rib.count; ++i) {
          take(rec.rib.prefix, rec.rib.entries[i].attrs);
        }
      } else if (rec.kind == mrt::RecordKind::kTableDump) {
        for (std::size_t i = 0; i < rec.table_dump.count; ++i) {
          take(rec.table_dump.entries[i].prefix, rec.table_dump.entries[i].attrs);
        }
      }
    }
  }
  ASSERT_EQ(routes.size(), kMaxRoutes);
  EXPECT_GT(middle, 10000U);
  EXPECT_EQ(obs.stats().routes, routes.size());

  // Brute force over sequence-only paths: drop consecutive repeats; local_as exactly once and
  // not last; the next AS is the neighbour, the last one the origin.
  std::set<std::tuple<net::Asn, net::Prefix, net::Asn>> expect;
  std::set<std::pair<net::Asn, net::Asn>> edges;
  std::set<net::Prefix> with_set;
  for (const auto& s : routes) {
    if (s.has_set) {
      with_set.insert(s.prefix);
      continue;
    }
    std::vector<net::Asn> d;
    for (auto a : s.seq) {
      if (d.empty() || d.back() != a) {
        d.push_back(a);
      }
    }
    for (std::size_t k = 0; k + 1 < d.size(); ++k) {
      edges.insert({d[k], d[k + 1]});
    }
    if (std::count(d.begin(), d.end(), kLocal) != 1) {
      continue;
    }
    const auto at = static_cast<std::size_t>(std::find(d.begin(), d.end(), kLocal) - d.begin());
    if (at + 1 < d.size()) {
      expect.insert({d[at + 1], s.prefix, d.back()});
    }
  }
  std::set<std::tuple<net::Asn, net::Prefix, net::Asn>> got;
  for (auto n : obs.neighbors()) {
    for (const auto& r : obs.received_from(n)) {
      got.insert({n, r.prefix, r.origin});
    }
  }
  EXPECT_GT(expect.size(), 500U);
  // Equal, except for routes whose path has an AS_SET (the brute force leaves those out).
  for (const auto& t : expect) {
    EXPECT_EQ(got.count(t), 1U) << std::get<0>(t) << " " << std::get<1>(t).to_string();
  }
  for (const auto& t : got) {
    if (expect.count(t) == 0) {
      EXPECT_EQ(with_set.count(std::get<1>(t)), 1U) << std::get<1>(t).to_string();
    }
  }
  // The upstreams of the first neighbours' cones = their brute-force predecessors (no AS_SET
  // path in this sample, so the edge sets agree exactly).
  ASSERT_TRUE(with_set.empty());
  std::size_t checked = 0;
  for (auto n : obs.neighbors()) {
    if (++checked > 20) {
      break;
    }
    std::set<net::Asn> want;
    for (const auto& [a, b] : edges) {
      if (b == n && a != n) {
        want.insert(a);
      }
    }
    const auto ups = obs.upstreams({n});
    EXPECT_EQ(std::set<net::Asn>(ups.begin(), ups.end()), want) << n;
    EXPECT_EQ(want.count(kLocal), 1U) << n;
  }
}

// ---- the planner ------------------------------------------------------------------------------

void expect_evidence_everywhere(const SavPlan& plan) {
  for (const auto& i : plan.interfaces) {
    for (const auto* list : {&i.v4, &i.v6}) {
      for (const auto& e : *list) {
        EXPECT_FALSE(e.evidence.empty()) << i.customer << " " << e.to_string();
        EXPECT_TRUE(e.exact()) << e.to_string();
        for (const auto& ev : e.evidence) {
          EXPECT_TRUE(e.prefix.contains(ev.prefix)) << e.to_string() << " " << ev.describe();
        }
      }
    }
  }
}

std::vector<net::Prefix> prefixes_of(const std::vector<Entry>& es) {
  std::vector<net::Prefix> out;
  for (const auto& e : es) {
    out.push_back(e.prefix);
  }
  return out;
}

TEST(PlanTest, SingleHomedGetsStrict) {
  constexpr net::Asn kLocal = 64500;
  Observations obs(kLocal);
  obs.add_route(kP1, 65000, path({{kSeq, {65000, kLocal, 64510}}}));
  obs.add_route(kP2, 65000, path({{kSeq, {65000, kLocal, 64510, 64511}}}));
  obs.add_route(pfx("10.1.0.0/16"), 65000, path({{kSeq, {65000, kLocal, 64510}}}));  // bogon
  AntispoofOptions o;
  o.local_as = kLocal;
  o.observations = &obs;
  o.explain = true;
  CustomerSpec c;
  c.target = "as64510";
  c.interface = "ge-0/0/1";
  auto plan = plan_antispoof({c}, o);
  ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
  ASSERT_EQ(plan->interfaces.size(), 1U);
  const auto& i = plan->interfaces[0];
  EXPECT_EQ(i.customer, "AS64510");
  EXPECT_EQ(i.interface, "ge-0/0/1");
  EXPECT_EQ(i.urpf, UrpfMode::kStrict);
  EXPECT_TRUE(i.acl);
  EXPECT_EQ(prefixes_of(i.v4), ps({kP1, kP2}));  // 10.1.0.0/16 is a bogon: not permitted
  EXPECT_EQ(i.v4[1].evidence[0].describe(),
            "input 185.2.0.0/24 mrt collector: received from AS64510, origin AS64511");
  EXPECT_EQ(i.algorithm, "strict uRPF (BCP 38)");
  const bool said = std::any_of(i.notes.begin(), i.notes.end(), [](const std::string& n) {
    return n.find("single-homed: only AS64500") != std::string::npos;
  });
  EXPECT_TRUE(said);
  expect_evidence_everywhere(*plan);
}

TEST(PlanTest, MultihomedGetsFeasibleWithEfpList) {
  constexpr net::Asn kLocal = 64502;  // RFC Figure 1 at AS2, with observations
  Observations obs(kLocal, MrtView::kRouter);
  obs.add_route(kP1, kAs1, path({{kSeq, {kAs1}}}));
  obs.add_route(kP2, kAs3, path({{kSeq, {kAs3, kAs1}}}));
  obs.add_route(kP6, kAs3, path({{kSeq, {kAs3}}}));
  AntispoofOptions o;
  o.local_as = kLocal;
  o.observations = &obs;
  o.explain = true;
  CustomerSpec c;
  c.target = "AS64501";
  for (auto alg : {EfpAlgorithm::kA, EfpAlgorithm::kB}) {
    o.algorithm = alg;
    auto plan = plan_antispoof({c}, o);
    ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
    const auto& i = plan->interfaces[0];
    EXPECT_EQ(i.urpf, UrpfMode::kFeasible);
    EXPECT_EQ(prefixes_of(i.v4), ps({kP1, kP2}));
    EXPECT_EQ(i.algorithm, alg == EfpAlgorithm::kA ? "EFP-uRPF algorithm A (RFC 8704 section 3.1.1)"
                                                   : "EFP-uRPF algorithm B (RFC 8704 section 3.4)");
    ASSERT_EQ(i.v4[1].evidence.size(), 1U);
    EXPECT_EQ(i.v4[1].evidence[0].describe(),
              alg == EfpAlgorithm::kA
                  ? "input 185.2.0.0/24 EFP-uRPF A: in X_i of origin AS64501 (Set A), received "
                    "from AS64503"
                  : "input 185.2.0.0/24 EFP-uRPF B: in Set Q (origin AS64501), received from "
                    "AS64503");
    expect_evidence_everywhere(*plan);
  }
  // The operator can overrule the observation.
  c.multihomed = false;
  auto plan = plan_antispoof({c}, o);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->interfaces[0].urpf, UrpfMode::kStrict);
  EXPECT_EQ(prefixes_of(plan->interfaces[0].v4), ps({kP1}));
}

TEST(PlanTest, ExplicitModelFigure4WithBothAlgorithms) {
  // RFC Figure 4 at AS4 through the planner: customers AS2 and AS3 given, their routes given by
  // the operator; AS1's prefixes reach AS4 only via AS3, and AS1 sits behind AS2 too (its IRR
  // would say so; here the operator marks AS2 multihomed).
  AntispoofOptions o;
  o.local_as = kAs4;
  CustomerSpec c2;
  c2.target = "AS64502";
  c2.routes = {{kP5, kAs2}};
  c2.multihomed = true;
  CustomerSpec c3;
  c3.target = "AS64503";
  c3.routes = {{kP1, kAs1}, {kP2, kAs1}, {kP6, kAs3}};
  o.algorithm = EfpAlgorithm::kA;
  auto a = plan_antispoof({c2, c3}, o);
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  EXPECT_EQ(prefixes_of(a->interfaces[0].v4), ps({kP5}));
  o.algorithm = EfpAlgorithm::kB;
  auto b = plan_antispoof({c2, c3}, o);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(prefixes_of(b->interfaces[0].v4), ps({kP1, kP2, kP5, kP6}));
  // AS3 is single-homed here (no one else carries its routes): strict, its own routes only.
  EXPECT_EQ(b->interfaces[1].urpf, UrpfMode::kStrict);
  EXPECT_EQ(prefixes_of(b->interfaces[1].v4), ps({kP1, kP2, kP6}));
  expect_evidence_everywhere(*b);
}

constexpr std::string_view kIrr = R"(as-set: AS200010:AS-CUST
members: AS200010, AS200011
source: TEST

route: 185.10.0.0/22
origin: AS200010
source: TEST

route: 185.10.1.0/24
origin: AS200010
source: TEST

route: 185.11.0.0/24
origin: AS200011
source: TEST

route: 185.12.0.0/24
origin: AS200011
source: TEST

route: 10.0.0.0/8
origin: AS200011
source: TEST

route6: 2a0a:1000::/32
origin: AS200010
source: TEST
)";

TEST(PlanTest, IrrRoaAndObservedUnion) {
  auto db = make_db(kIrr);
  // 185.12.0.0/24 by AS200011 is RPKI-invalid (the ROA says AS200999); AS200010 has a ROA for
  // 185.13.0.0/24 that no route object covers.
  auto vrps = make_vrps({{"185.12.0.0/24", 24, 200999}, {"185.13.0.0/24", 24, 200010}});
  RpkiIndex rpki(vrps);
  constexpr net::Asn kLocal = 200000;
  Observations obs(kLocal);
  obs.add_route(pfx("185.14.0.0/24"), 65000, path({{kSeq, {65000, kLocal, 200010, 200012}}}));
  obs.add_route(pfx("185.10.2.0/24"), 65000, path({{kSeq, {65000, kLocal, 200010}}}));
  AntispoofOptions o;
  o.local_as = kLocal;
  o.db = db.get();
  o.rpki = &rpki;
  o.generate.mode = Mode::kIrrRpki;
  o.observations = &obs;
  o.explain = true;
  CustomerSpec c;
  c.target = "AS200010:AS-CUST";
  auto plan = plan_antispoof({c}, o);
  ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
  const auto& i = plan->interfaces[0];
  EXPECT_EQ(i.customer, "AS200010:AS-CUST");
  EXPECT_EQ(i.urpf, UrpfMode::kStrict);
  // IRR (minus the bogon and the RPKI-invalid object) ∪ ROA ∪ observed; 185.10.1.0/24 and the
  // observed 185.10.2.0/24 fold into 185.10.0.0/22 with their evidence.
  EXPECT_EQ(prefixes_of(i.v4), ps({pfx("185.10.0.0/22"), pfx("185.11.0.0/24"), pfx("185.13.0.0/24"),
                                   pfx("185.14.0.0/24")}));
  EXPECT_EQ(prefixes_of(i.v6), ps({pfx("2a0a:1000::/32")}));
  EXPECT_EQ(i.v4[0].evidence.size(), 3U);
  std::set<Evidence::Kind> kinds;
  for (const auto& e : i.v4) {
    for (const auto& ev : e.evidence) {
      kinds.insert(ev.kind);
    }
  }
  EXPECT_EQ(kinds.size(), 3U);  // route objects, ROAs, observations
  EXPECT_EQ(i.v4[2].evidence[0].kind, Evidence::Kind::kRoa);
  EXPECT_EQ(i.v4[3].evidence[0].describe(),
            "input 185.14.0.0/24 mrt collector: received from AS200010, origin AS200012");
  expect_evidence_everywhere(*plan);
}

TEST(PlanTest, PeersAndProvidersGetLooseAndErrorsAreReported) {
  AntispoofOptions o;
  o.local_as = 64500;
  CustomerSpec peer;
  peer.target = "AS64520";
  peer.relation = Relation::kLateralPeer;
  peer.interface = "xe-1/0/0";
  CustomerSpec cust;
  cust.target = "AS64510";
  cust.routes = {{kP1, 64510}};
  auto plan = plan_antispoof({peer, cust}, o);
  ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
  EXPECT_EQ(plan->interfaces[0].urpf, UrpfMode::kLoose);
  EXPECT_FALSE(plan->interfaces[0].acl);
  EXPECT_TRUE(plan->interfaces[0].v4.empty());
  // No routing data beyond the operator's own routes: single-homed (no one else carries them).
  EXPECT_EQ(plan->interfaces[1].urpf, UrpfMode::kStrict);

  // No data at all: assumed single-homed, and said so.
  CustomerSpec bare;
  bare.target = "AS64511";
  o.allow_empty = true;
  auto assumed = plan_antispoof({bare}, o);
  ASSERT_TRUE(assumed.has_value());
  EXPECT_EQ(assumed->interfaces[0].urpf, UrpfMode::kStrict);
  EXPECT_TRUE(std::any_of(assumed->interfaces[0].notes.begin(), assumed->interfaces[0].notes.end(),
                          [](const std::string& n) { return n.find("assumed") != n.npos; }));
  // ...but an empty list is an error unless allowed.
  o.allow_empty = false;
  auto empty = plan_antispoof({bare}, o);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kPolicy);
  EXPECT_NE(empty.error().message.find("AS64511: no permitted source prefix"), std::string::npos);
  // An AS-SET without the IRR.
  CustomerSpec set;
  set.target = "AS-FOO";
  auto noirr = plan_antispoof({set}, o);
  ASSERT_FALSE(noirr.has_value());
  EXPECT_EQ(noirr.error().message, "antispoof AS-FOO: an AS-SET needs an IRR database (--rpsl)");
  o.local_as = 0;
  EXPECT_FALSE(plan_antispoof({cust}, o).has_value());
}

}  // namespace
}  // namespace manrs::filter
