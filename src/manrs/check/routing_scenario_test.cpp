// Scenario tests for RoutingAnalysis: hand-made MRT files (testing/mrt_builder.h), relationships,
// VRPs and RPSL; every expected event, interval and score is worked out by hand from
// manrs-spec §3.3 and §3.4.2 in the comments.
#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/check/model.h"
#include "manrs/check/routing.h"
#include "manrs/check/testing/mrt_builder.h"
#include "manrs/core/input.h"
#include "manrs/core/testing/temp_dir.h"
#include "manrs/irr/database.h"
#include "manrs/registry/asrel.h"
#include "manrs/rpki/aspa.h"
#include "manrs/rpki/rov.h"

namespace manrs::check {
namespace {

using testing::MrtBuilder;
using testing::PathSpec;

constexpr std::int64_t kT0 = 1446336000;  // 2015-11-01T00:00:00Z
std::uint32_t at(std::int64_t offset) { return static_cast<std::uint32_t>(kT0 + offset); }

const MrtBuilder::PeerSpec kA{"10.0.0.1", 174};
const MrtBuilder::PeerSpec kB{"10.0.0.2", 3356};
const MrtBuilder::PeerSpec kC{"2001:db8::3", 10001};

class RoutingScenario : public ::testing::Test {
 protected:
  RoutingScenario() {
    // 174 and 3356 peer; 10001 is a customer of both; 10002 of 3356; 10003 of 10001; 15169 of
    // 174; 10004 of 3356.
    rel_.add_peers(174, 3356);
    rel_.add_provider_customer(174, 10001);
    rel_.add_provider_customer(3356, 10001);
    rel_.add_provider_customer(3356, 10002);
    rel_.add_provider_customer(10001, 10003);
    rel_.add_provider_customer(174, 15169);
    rel_.add_provider_customer(3356, 10004);
    rel_.finalize();
  }

  std::string file(const MrtBuilder& b, const std::string& name) {
    const std::string path = (dir_.path() / name).string();
    b.write(path);
    return path;
  }

  void vrps(std::vector<rpki::Vrp> v) { rov_.emplace(v); }
  void rpsl(std::string_view text) {
    irr_.emplace();
    irr::LoadOptions o;
    o.progress = false;
    o.default_source = "TEST";
    auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "test.db");
    ASSERT_TRUE(src);
    auto r = irr_->load(**src, o);
    ASSERT_TRUE(r) << r.error().to_string();
    ASSERT_TRUE(r->problems.empty()) << r->problems.front();
    irr_->finalize();
  }

  std::unique_ptr<RoutingAnalysis> run(const std::vector<std::string>& files,
                                       std::optional<TimeWindow> window = std::nullopt,
                                       bool with_relations = true) {
    RoutingInputs in;
    in.mrt_files = files;
    in.relations = with_relations ? &rel_ : nullptr;
    in.rov = rov_ ? &*rov_ : nullptr;
    in.irr = irr_ ? &*irr_ : nullptr;
    in.aspa = aspa_ ? &*aspa_ : nullptr;
    in.threads = 1;
    auto r = RoutingAnalysis::run(in, window, config_);
    EXPECT_TRUE(r) << r.error().to_string();
    return r ? std::move(*r) : nullptr;
  }

  static std::vector<Event> of(const std::vector<Event>& ev, Metric m) {
    std::vector<Event> out;
    for (const Event& e : ev) {
      if (e.metric == m) out.push_back(e);
    }
    return out;
  }
  // §3.4.2 raw value of one metric for one AS.
  double raw(const RoutingAnalysis& a, net::Asn asn, Metric m) const {
    const std::vector<Event> ev = a.events(asn);
    std::vector<std::uint32_t> idx;
    for (std::uint32_t i = 0; i < ev.size(); ++i) {
      if (ev[i].metric == m) idx.push_back(i);
    }
    double sum = 0;
    for (const Incident& inc : merge_events(ev, idx, config_)) sum += inc.score;
    return sum;
  }
  static net::Prefix pfx(const char* text) { return *net::Prefix::parse(text); }

  manrs::testing::TempDir dir_;
  registry::AsRelations rel_;
  std::optional<rpki::RovTable> rov_;
  std::optional<irr::Database> irr_;
  std::optional<rpki::AspaTable> aspa_;
  Config config_;
};

// M3 and M3C, merged across peers, ended by withdrawals. 192.168.0.0/16 (RFC 1918) from 10001:
// peer A sees [174 10001] over [100, 1100], peer B [3356 174 10001] over [600, 2600]. The union
// is [100, 2600] = 2500 s >= 30 min: one incident of 1.0 x w for 10001 (M3). The AS after the
// origin is 174 on both paths and 174 is 10001's provider: M3C for 174 over the same union.
// 3356 receives it from its peer 174: nothing.
TEST_F(RoutingScenario, BogonPrefixMergedAcrossPeersAndWithdrawn) {
  MrtBuilder b;
  b.announce(at(100), kA, {"192.168.0.0/16"}, {{174, 10001}})
      .announce(at(600), kB, {"192.168.0.0/16"}, {{3356, 174, 10001}})
      .withdraw(at(1100), kA, {"192.168.0.0/16"})
      .withdraw(at(2600), kB, {"192.168.0.0/16"});
  auto a = run({file(b, "u.mrt")});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->window().month, "2015-11");
  const auto m3 = of(a->events(10001), Metric::kM3);
  ASSERT_EQ(m3.size(), 1U);
  EXPECT_EQ(m3[0].start, kT0 + 100);
  EXPECT_EQ(m3[0].end, kT0 + 2600);
  EXPECT_EQ(m3[0].asn, 10001U);
  EXPECT_EQ(m3[0].culprit, 10001U);
  EXPECT_EQ(m3[0].weight, 1.0);
  EXPECT_EQ(m3[0].prefix, pfx("192.168.0.0/16"));
  EXPECT_EQ(m3[0].reference, "bogon-prefix-1446336100-10001");
  EXPECT_NE(m3[0].detail.find("RFC 1918"), std::string::npos) << m3[0].detail;
  EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), 1.0);
  EXPECT_NEAR(decay_percent(raw(*a, 10001, Metric::kM3), config_), 48.6, 0.05);

  const auto m3c = of(a->events(174), Metric::kM3C);
  ASSERT_EQ(m3c.size(), 1U);
  EXPECT_EQ(m3c[0].culprit, 10001U);
  EXPECT_EQ(m3c[0].start, kT0 + 100);
  EXPECT_EQ(m3c[0].end, kT0 + 2600);
  EXPECT_DOUBLE_EQ(raw(*a, 174, Metric::kM3C), 1.0);
  EXPECT_TRUE(a->events(3356).empty());

  const RoutingInfo info = a->routing_info(10001);
  ASSERT_EQ(info.routes.size(), 1U);
  EXPECT_EQ(info.routes[0].peers, 2U);
  EXPECT_EQ(info.routes[0].first_seen, kT0 + 100);
  EXPECT_EQ(info.routes[0].last_seen, kT0 + 2600);
  EXPECT_FALSE(info.have_irr);
  EXPECT_FALSE(info.have_rpki);
  EXPECT_EQ(a->stats().announcements, 2U);
  EXPECT_EQ(a->stats().withdrawals, 2U);
  EXPECT_EQ(a->universe(2), std::vector<net::Asn>{10001});
  EXPECT_TRUE(a->universe(3).empty());
  EXPECT_TRUE(a->relationships_note().empty());
}

// §3.4.2 breakpoints: d < 1800 → 0.5; d < 86400 → 1; else (⌊d/86400⌋ + 1) (linear) or
// 2^⌊d/86400⌋ (exponential).
TEST_F(RoutingScenario, DurationBreakpoints) {
  struct Case {
    std::int64_t duration;
    Penalty penalty;
    double raw;
  };
  const Case cases[] = {
      {1799, Penalty::kLinear, 0.5},          {1800, Penalty::kLinear, 1.0},
      {86399, Penalty::kLinear, 1.0},         {86400, Penalty::kLinear, 2.0},
      {3 * 86400 + 5, Penalty::kLinear, 4.0}, {3 * 86400 + 5, Penalty::kExponential, 8.0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.duration);
    config_.penalty = c.penalty;
    MrtBuilder b;
    b.announce(at(10), kA, {"10.0.0.0/8"}, {{174, 10001}})
        .withdraw(at(10 + c.duration), kA, {"10.0.0.0/8"});
    auto a = run({file(b, "u.mrt")});
    ASSERT_TRUE(a);
    const auto m3 = of(a->events(10001), Metric::kM3);
    ASSERT_EQ(m3.size(), 1U);
    EXPECT_EQ(m3[0].end - m3[0].start, c.duration);
    EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), c.raw);
  }
}

// A session drop (STATE_CHANGE leaving Established) ends every route of that peer only.
// Peer A: [50, 1050] (0.5), then again [5000, 105000] = 100000 s, n = 1 → 2: raw 2.5.
// Peer B's route from 50 is never withdrawn: it lasts until the data ends (105000).
TEST_F(RoutingScenario, SessionDropClosesThePeersRoutes) {
  MrtBuilder b;
  b.announce(at(50), kA, {"192.168.0.0/16"}, {{174, 10001}})
      .announce(at(50), kB, {"11.2.0.0/16"}, {{3356, 10002}})
      .state(at(1050), kA, 6, 1)
      .withdraw(at(1500), kA, {"192.168.0.0/16"})  // after the drop: changes nothing
      .state(at(2000), kA, 5, 6)
      .announce(at(5000), kA, {"192.168.0.0/16"}, {{174, 10001}})
      .withdraw(at(105000), kA, {"192.168.0.0/16"});
  auto a = run({file(b, "u.mrt")});
  ASSERT_TRUE(a);
  const auto m3 = of(a->events(10001), Metric::kM3);
  ASSERT_EQ(m3.size(), 2U);
  EXPECT_EQ(m3[0].start, kT0 + 50);
  EXPECT_EQ(m3[0].end, kT0 + 1050);
  EXPECT_EQ(m3[1].start, kT0 + 5000);
  EXPECT_EQ(m3[1].end, kT0 + 105000);
  EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), 2.5);
  const RoutingInfo other = a->routing_info(10002);
  ASSERT_EQ(other.routes.size(), 1U);
  EXPECT_EQ(other.routes[0].last_seen, kT0 + 105000);
}

// The snapshot rule: a RIB entry with no later data lasts snapshot_duration (8 h → 1.0; 100 s
// → 0.5). With an updates file whose data ends 90000 s after the dump, the route lasts until
// then (n = 1 → 2.0). The files are given newest first: they are read by first timestamp.
TEST_F(RoutingScenario, SnapshotRuleAndFileOrder) {
  MrtBuilder rib;
  rib.peer_index(at(3600), {kA, kB}).rib(at(3600), "192.168.0.0/16", {{0, {{174, 10001}}}});
  const std::string rib_file = file(rib, "rib.mrt");
  {
    auto a = run({rib_file});
    ASSERT_TRUE(a);
    const auto m3 = of(a->events(10001), Metric::kM3);
    ASSERT_EQ(m3.size(), 1U);
    EXPECT_EQ(m3[0].start, kT0 + 3600);
    EXPECT_EQ(m3[0].end, kT0 + 3600 + 8 * 3600);
    EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), 1.0);
    EXPECT_EQ(a->stats().rib_entries, 1U);
    ASSERT_EQ(a->inputs().size(), 1U);
    EXPECT_EQ(a->inputs()[0].kind, "mrt-rib");
  }
  {
    config_.snapshot_duration = 100;
    auto a = run({rib_file});
    ASSERT_TRUE(a);
    EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), 0.5);
    config_.snapshot_duration = 8 * 3600;
  }
  MrtBuilder upd;
  upd.announce(at(3700), kB, {"11.0.0.0/8"}, {{3356, 10002}})
      .withdraw(at(93600), kB, {"11.0.0.0/8"});
  auto a = run({file(upd, "upd.mrt"), rib_file});
  ASSERT_TRUE(a);
  const auto m3 = of(a->events(10001), Metric::kM3);
  ASSERT_EQ(m3.size(), 1U);
  EXPECT_EQ(m3[0].end, kT0 + 93600);
  EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), 2.0);
  ASSERT_EQ(a->inputs().size(), 2U);
  EXPECT_EQ(a->inputs()[0].kind, "mrt-rib");  // read first
  EXPECT_EQ(a->inputs()[1].kind, "mrt-updates");
}

// Stretches of data: a RIB dump and an update file of another peer 28 days later are two
// stretches (the gap is longer than a snapshot). Peer A's route is known only from the dump: it
// lasts the snapshot (8 h → 1.0), not until the newest record of the later file (28 days
// would be 29.0). Peer B's route lasts to the end of its own stretch.
TEST_F(RoutingScenario, SeparateStretchesOfData) {
  MrtBuilder rib;
  rib.peer_index(at(3600), {kA, kB}).rib(at(3600), "192.168.0.0/16", {{0, {{174, 10001}}}});
  MrtBuilder upd;
  const std::uint32_t later = 28 * 86400;
  upd.announce(at(later), kB, {"11.0.0.0/8"}, {{3356, 10002}})
      .announce(at(later + 600), kB, {"12.0.0.0/8"}, {{3356, 10003}});
  auto a = run({file(rib, "rib.mrt"), file(upd, "upd.mrt")});
  ASSERT_TRUE(a);
  const auto m3 = of(a->events(10001), Metric::kM3);
  ASSERT_EQ(m3.size(), 1U);
  EXPECT_EQ(m3[0].end, kT0 + 3600 + 8 * 3600);
  EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), 1.0);
  const RoutingInfo b = a->routing_info(10002);
  ASSERT_EQ(b.routes.size(), 1U);
  EXPECT_EQ(b.routes[0].first_seen, kT0 + later);
  EXPECT_EQ(b.routes[0].last_seen, kT0 + later + 600);
}

// Two RIB dumps of the same peer 2 h apart, no update between them: the bogon prefix missing
// from the second dump ended when it was taken (7200 s → 1.0), the prefix in both goes on.
TEST_F(RoutingScenario, RouteMissingFromTheNextDumpEnds) {
  MrtBuilder first;
  first.peer_index(at(3600), {kA})
      .rib(at(3600), "11.0.0.0/8", {{0, {{174, 10002}}}})
      .rib(at(3600), "192.168.0.0/16", {{0, {{174, 10001}}}});
  MrtBuilder second;
  second.peer_index(at(10800), {kA}).rib(at(10800), "11.0.0.0/8", {{0, {{174, 10002}}}});
  auto a = run({file(first, "rib1.mrt"), file(second, "rib2.mrt")});
  ASSERT_TRUE(a);
  const auto m3 = of(a->events(10001), Metric::kM3);
  ASSERT_EQ(m3.size(), 1U);
  EXPECT_EQ(m3[0].start, kT0 + 3600);
  EXPECT_EQ(m3[0].end, kT0 + 10800);
  EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM3), 1.0);
  const RoutingInfo kept = a->routing_info(10002);
  ASSERT_EQ(kept.routes.size(), 1U);
  EXPECT_EQ(kept.routes[0].last_seen, kT0 + 10800 + 8 * 3600);
}

// Window clipping: [-600, 7200] around 2015-11-01T00:00Z. October sees 600 s (0.5), November
// 7200 s (1.0); without a window the month of the newest data (November) is used.
TEST_F(RoutingScenario, WindowClipping) {
  MrtBuilder b;
  b.announce(at(-600), kA, {"10.0.0.0/8"}, {{174, 10001}}).withdraw(at(7200), kA, {"10.0.0.0/8"});
  const std::string f = file(b, "u.mrt");
  auto oct = run({f}, *month_window("2015-10"));
  ASSERT_TRUE(oct);
  auto ev = of(oct->events(10001), Metric::kM3);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_EQ(ev[0].start, kT0 - 600);
  EXPECT_EQ(ev[0].end, kT0);
  EXPECT_DOUBLE_EQ(raw(*oct, 10001, Metric::kM3), 0.5);
  auto nov = run({f});
  ASSERT_TRUE(nov);
  EXPECT_EQ(nov->window().start, kT0);
  ev = of(nov->events(10001), Metric::kM3);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_EQ(ev[0].start, kT0);
  EXPECT_EQ(ev[0].end, kT0 + 7200);
  EXPECT_DOUBLE_EQ(raw(*nov, 10001, Metric::kM3), 1.0);
  auto dec = run({f}, *month_window("2015-12"));
  ASSERT_TRUE(dec);
  EXPECT_TRUE(dec->events(10001).empty());
  EXPECT_TRUE(dec->routing_info(10001).routes.empty());
}

// M4/M4C: [3356 10002 64512]: the bogon 64512 (RFC 6996 private use) was accepted by 10002,
// the first non-bogon AS after it towards the collector; 3356 is 10002's provider → M4C.
// 7200 s → 1.0 each. A collector peer that is itself a bogon ([64513 10001]): nobody accepted it.
TEST_F(RoutingScenario, BogonAsnCharged) {
  const MrtBuilder::PeerSpec bogon_peer{"10.0.0.9", 64513};
  MrtBuilder b;
  b.announce(at(1000), kB, {"11.4.0.0/16"}, {{3356, 10002, 10002, 64512}})
      .announce(at(1000), bogon_peer, {"11.5.0.0/16"}, {{64513, 10001}})
      .withdraw(at(8200), kB, {"11.4.0.0/16"})
      .withdraw(at(8200), bogon_peer, {"11.5.0.0/16"});
  auto a = run({file(b, "u.mrt")});
  ASSERT_TRUE(a);
  const auto m4 = of(a->events(10002), Metric::kM4);
  ASSERT_EQ(m4.size(), 1U);
  EXPECT_EQ(m4[0].culprit, 10002U);
  EXPECT_EQ(m4[0].start, kT0 + 1000);
  EXPECT_EQ(m4[0].end, kT0 + 8200);
  EXPECT_EQ(m4[0].reference, "bogon-asn-1446337000-10002_64512");
  EXPECT_EQ(m4[0].path, (std::vector<net::Asn>{3356, 10002, 10002, 64512}));
  EXPECT_DOUBLE_EQ(raw(*a, 10002, Metric::kM4), 1.0);
  const auto m4c = of(a->events(3356), Metric::kM4C);
  ASSERT_EQ(m4c.size(), 1U);
  EXPECT_EQ(m4c[0].culprit, 10002U);
  EXPECT_DOUBLE_EQ(raw(*a, 3356, Metric::kM4C), 1.0);
  EXPECT_TRUE(a->events(10001).empty());
  EXPECT_TRUE(a->events(64513).empty());
}

// M2 MOAS: 11.1.0.0/16 has a ROA for AS10001 (valid, from the RIB at T0, lasting until T0 + 8 h
// by the snapshot rule). 10002 also originates it over [3600, 4200]: not authorised (RPKI
// invalid, no IRR data) → M2 over the overlap, 600 s → 0.5; its provider 3356 → M2C 0.5; the
// route is RPKI invalid → RPKI-INVALID over the same 600 s.
TEST_F(RoutingScenario, MoasHijack) {
  vrps({{pfx("11.1.0.0/16"), 16, 10001}});
  MrtBuilder b;
  b.peer_index(at(0), {kA, kB})
      .rib(at(0), "11.1.0.0/16", {{0, {{174, 10001}}}})
      .announce(at(3600), kB, {"11.1.0.0/16"}, {{3356, 10002}})
      .withdraw(at(4200), kB, {"11.1.0.0/16"});
  auto a = run({file(b, "m.mrt")});
  ASSERT_TRUE(a);
  const auto m2 = of(a->events(10002), Metric::kM2);
  ASSERT_EQ(m2.size(), 1U);
  EXPECT_EQ(m2[0].start, kT0 + 3600);
  EXPECT_EQ(m2[0].end, kT0 + 4200);
  EXPECT_EQ(m2[0].reference, "moas-1446339600-10002_10001");
  EXPECT_NE(m2[0].detail.find("MOAS"), std::string::npos) << m2[0].detail;
  EXPECT_NE(m2[0].detail.find("AS10001"), std::string::npos) << m2[0].detail;
  EXPECT_DOUBLE_EQ(raw(*a, 10002, Metric::kM2), 0.5);
  EXPECT_NEAR(decay_percent(raw(*a, 10002, Metric::kM2), config_), 60.0, 1e-9);
  const auto m2c = of(a->events(3356), Metric::kM2C);
  ASSERT_EQ(m2c.size(), 1U);
  EXPECT_EQ(m2c[0].culprit, 10002U);
  EXPECT_DOUBLE_EQ(raw(*a, 3356, Metric::kM2C), 0.5);
  const auto inv = of(a->events(10002), Metric::kRpkiInvalid);
  ASSERT_EQ(inv.size(), 1U);
  EXPECT_EQ(inv[0].end - inv[0].start, 600);
  EXPECT_TRUE(a->events(10001).empty());  // authorised
  const RoutingInfo r = a->routing_info(10001);
  ASSERT_EQ(r.routes.size(), 1U);
  EXPECT_EQ(r.routes[0].last_seen, kT0 + 8 * 3600);
}

// Without VRPs and IRR there is no M2 (and the warnings say why).
TEST_F(RoutingScenario, NoM2WithoutAuthorisationData) {
  MrtBuilder b;
  b.peer_index(at(0), {kA, kB})
      .rib(at(0), "11.1.0.0/16", {{0, {{174, 10001}}}})
      .announce(at(3600), kB, {"11.1.0.0/16"}, {{3356, 10002}});
  auto a = run({file(b, "m.mrt")});
  ASSERT_TRUE(a);
  EXPECT_TRUE(of(a->events(10002), Metric::kM2).empty());
  const auto w = a->warnings();
  EXPECT_TRUE(std::ranges::any_of(
      w, [](const std::string& s) { return s.find("M2/M2C not computed") != std::string::npos; }));
}

// Sub-MOAS. ROA AS10001 11.1.0.0/16-24; 10001 originates the /16 from the RIB at T0 (8 h).
//  - 11.1.64.0/18 from 10002 over [3600, 10800] (7200 s): unauthorised, inside 10001's /16 →
//    M2 sub-MOAS 1.0, M2C for its provider 3356 1.0, RPKI-INVALID 1.0.
//  - 11.1.128.0/17 from 10003, 10001's customer: the origins are related → not counted.
//  - 11.1.192.0/18 from 10004: RPKI invalid but a route object exists → authorised, no M2.
TEST_F(RoutingScenario, SubMoasHijackAndExceptions) {
  vrps({{pfx("11.1.0.0/16"), 24, 10001}});
  rpsl("route: 11.1.192.0/18\norigin: AS10004\nsource: TEST\n");
  MrtBuilder b;
  b.peer_index(at(0), {kA, kB})
      .rib(at(0), "11.1.0.0/16", {{0, {{174, 10001}}}})
      .announce(at(3600), kB, {"11.1.64.0/18"}, {{3356, 10002}})
      .announce(at(3600), kA, {"11.1.128.0/17"}, {{174, 10001, 10003}})
      .announce(at(3600), kB, {"11.1.192.0/18"}, {{3356, 10004}})
      .withdraw(at(10800), kB, {"11.1.64.0/18", "11.1.192.0/18"})
      .withdraw(at(10800), kA, {"11.1.128.0/17"});
  auto a = run({file(b, "s.mrt")});
  ASSERT_TRUE(a);
  const auto m2 = of(a->events(10002), Metric::kM2);
  ASSERT_EQ(m2.size(), 1U);
  EXPECT_EQ(m2[0].prefix, pfx("11.1.64.0/18"));
  EXPECT_EQ(m2[0].start, kT0 + 3600);
  EXPECT_EQ(m2[0].end, kT0 + 10800);
  EXPECT_EQ(m2[0].reference, "submoas-1446339600-10002_10001");
  EXPECT_NE(m2[0].detail.find("inside 11.1.0.0/16"), std::string::npos) << m2[0].detail;
  EXPECT_DOUBLE_EQ(raw(*a, 10002, Metric::kM2), 1.0);
  EXPECT_DOUBLE_EQ(raw(*a, 3356, Metric::kM2C), 1.0);
  EXPECT_DOUBLE_EQ(raw(*a, 10002, Metric::kRpkiInvalid), 1.0);
  EXPECT_TRUE(of(a->events(10003), Metric::kM2).empty());
  EXPECT_TRUE(of(a->events(10001), Metric::kM2C).empty());
  EXPECT_TRUE(of(a->events(10004), Metric::kM2).empty());
  EXPECT_DOUBLE_EQ(raw(*a, 10004, Metric::kRpkiInvalid), 1.0);
  const auto w = a->warnings();
  EXPECT_TRUE(std::ranges::any_of(w, [](const std::string& s) {
    return s.find("1 MOAS/sub-MOAS conflicts not counted") != std::string::npos;
  }));
}

// M1/M1C valley-free: [3356 10001 174 15169] seen by 3356: 15169 → 174 up, 174 → 10001 down,
// 10001 → 3356 up again: 10001 leaked its provider's route to its other provider (RFC 7908
// type 1). 3600 s → 1.0; 3356, 10001's provider, is the accomplice (M1C). With the unknown AS
// 999 in place of 174 nothing is judged.
TEST_F(RoutingScenario, RouteLeakValleyFree) {
  MrtBuilder b;
  b.announce(at(100), kB, {"11.6.0.0/16"}, {{3356, 10001, 174, 15169}})
      .announce(at(100), kB, {"11.7.0.0/16"}, {{3356, 10001, 999, 15169}})
      .withdraw(at(3700), kB, {"11.6.0.0/16", "11.7.0.0/16"});
  const std::string f = file(b, "l.mrt");
  auto a = run({f});
  ASSERT_TRUE(a);
  const auto m1 = of(a->events(10001), Metric::kM1);
  ASSERT_EQ(m1.size(), 1U);
  EXPECT_EQ(m1[0].prefix, pfx("11.6.0.0/16"));
  EXPECT_EQ(m1[0].reference, "leak-1446336100-10001_3356");
  EXPECT_NE(m1[0].detail.find("went down from AS174"), std::string::npos) << m1[0].detail;
  EXPECT_DOUBLE_EQ(raw(*a, 10001, Metric::kM1), 1.0);
  const auto m1c = of(a->events(3356), Metric::kM1C);
  ASSERT_EQ(m1c.size(), 1U);
  EXPECT_EQ(m1c[0].culprit, 10001U);
  EXPECT_DOUBLE_EQ(raw(*a, 3356, Metric::kM1C), 1.0);

  // ASPA: 174 attests it has no provider (AS0), so 174 → 10001 is "not provider+" and the
  // upstream procedure gives Invalid; 10001 sent the route on: a second M1 event (ASPA) over the
  // same interval, merged into the same incident (raw stays 1.0).
  std::vector<rpki::Aspa> aspas(1);
  aspas[0].customer = 174;
  aspas[0].providers = {0};
  aspa_.emplace(aspas);
  auto b2 = run({f});
  ASSERT_TRUE(b2);
  const auto m1b = of(b2->events(10001), Metric::kM1);
  ASSERT_EQ(m1b.size(), 2U);
  EXPECT_TRUE(std::ranges::any_of(m1b, [](const Event& e) {
    return e.reference == "aspa-leak-1446336100-10001_3356" &&
           e.detail.find("ASPA") != std::string::npos;
  }));
  EXPECT_DOUBLE_EQ(raw(*b2, 10001, Metric::kM1), 1.0);
  EXPECT_EQ(of(b2->events(3356), Metric::kM1C).size(), 2U);
}

// M7IRR / M7RPKI on hand-made VRPs and RPSL. 10001 originates four prefixes:
//   11.1.0.0/16  ROA AS10001 /16-16 → valid;          route 11.1.0.0/16 AS10001 → exact
//   11.1.2.0/24  the same ROA, longer → invalid-length; covered by that route → less-specific
//   12.0.0.0/16  no ROA → not-found;                   route AS10002 only → other-origin
//   13.0.0.0/16  ROA AS10002 → invalid-asn;             nothing → none
// irr_covered 2 → M7IRR 50 %; valid 1/4 − 10 × 2/4 < 0 → M7RPKI 0 %.
TEST_F(RoutingScenario, RouteCoverageCounts) {
  vrps({{pfx("11.1.0.0/16"), 16, 10001}, {pfx("13.0.0.0/16"), 16, 10002}});
  rpsl(
      "route: 11.1.0.0/16\norigin: AS10001\nsource: TEST\n\n"
      "route: 12.0.0.0/16\norigin: AS10002\nsource: TEST\n");
  MrtBuilder b;
  b.peer_index(at(0), {kA, kB, kC})
      .rib(at(0), "11.1.0.0/16", {{0, {{174, 10001}}}, {1, {{3356, 10001}}}})
      .rib(at(0), "11.1.2.0/24", {{0, {{174, 10001}}}})
      .rib(at(0), "12.0.0.0/16", {{2, {{10001}}}})
      .rib(at(0), "13.0.0.0/16", {{0, {{174, 10001}}}})
      .rib(at(0), "2001:db8:100::/48", {{2, {{10001}, {64500, 64501}}}});  // AS_SET: no origin
  auto a = run({file(b, "r.mrt")});
  ASSERT_TRUE(a);
  const RoutingInfo info = a->routing_info(10001);
  ASSERT_EQ(info.routes.size(), 4U);
  EXPECT_TRUE(info.have_irr);
  EXPECT_TRUE(info.have_rpki);
  EXPECT_EQ(info.routes[0].prefix, pfx("11.1.0.0/16"));
  EXPECT_EQ(info.routes[0].peers, 2U);
  EXPECT_EQ(info.routes[0].rov, rpki::RovState::kValid);
  EXPECT_EQ(info.routes[0].rov_detail, "AS10001 11.1.0.0/16-16");
  EXPECT_EQ(info.routes[0].irr, IrrCoverage::kExact);
  EXPECT_EQ(info.routes[0].irr_detail, "route 11.1.0.0/16 AS10001 (TEST)");
  EXPECT_EQ(info.routes[1].prefix, pfx("11.1.2.0/24"));
  EXPECT_EQ(info.routes[1].rov, rpki::RovState::kInvalidLength);
  EXPECT_EQ(info.routes[1].irr, IrrCoverage::kLessSpecific);
  EXPECT_EQ(info.routes[2].rov, rpki::RovState::kNotFound);
  EXPECT_EQ(info.routes[2].irr, IrrCoverage::kOtherOrigin);
  EXPECT_NE(info.routes[2].irr_detail.find("AS10002"), std::string::npos);
  EXPECT_EQ(info.routes[3].rov, rpki::RovState::kInvalidAsn);
  EXPECT_EQ(info.routes[3].irr, IrrCoverage::kNone);
  EXPECT_EQ(info.irr_covered, 2U);
  EXPECT_EQ(info.rpki_valid, 1U);
  EXPECT_EQ(info.rpki_invalid, 2U);
  EXPECT_EQ(info.rpki_not_found, 1U);
  EXPECT_DOUBLE_EQ(*m7irr_percent(info), 50.0);
  EXPECT_DOUBLE_EQ(*m7rpki_percent(info), 0.0);
  EXPECT_EQ(a->stats().rib_entries, 6U);
  EXPECT_EQ(a->universe(3), std::vector<net::Asn>{10001});
}

// Without a relationships file, Gao's inference is used and named.
TEST_F(RoutingScenario, InfersRelationshipsWhenNoneGiven) {
  MrtBuilder b;
  b.announce(at(100), kA, {"11.0.0.0/16"}, {{174, 10001}})
      .announce(at(100), kA, {"11.1.0.0/16"}, {{174, 15169}})
      .announce(at(100), kB, {"11.0.0.0/16"}, {{3356, 174, 10001}});
  auto a = run({file(b, "g.mrt")}, std::nullopt, false);
  ASSERT_TRUE(a);
  EXPECT_NE(a->relationships_note().find("Gao"), std::string::npos);
  // By hand: 174 has degree 3, the others 1. [174 10001] and [174 15169] have their top at the
  // neighbour, so their only link is never marked "not peering"; [3356 174 10001] marks the
  // link towards the smaller-degree side, 3356-174 (tie: the left one). Transit: 3356 → 174
  // once, never back: 3356 is 174's customer. 174-10001 and 174-15169 stay unmarked and 3/1 <
  // R = 60: peers (Gao's algorithm is made for full tables, where degree ratios separate tiers).
  EXPECT_EQ(a->relations().rel(3356, 174), registry::Rel::kCustomer);
  EXPECT_EQ(a->relations().rel(174, 10001), registry::Rel::kPeer);
  EXPECT_EQ(a->customers(174), (std::vector<net::Asn>{3356}));
  EXPECT_NE(a->relationships_note().find("from 3 observed AS paths"), std::string::npos);
}

TEST_F(RoutingScenario, UnreadableFileIsAnError) {
  RoutingInputs in;
  in.mrt_files = {(dir_.path() / "missing.mrt").string()};
  auto r = RoutingAnalysis::run(in, std::nullopt, config_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  EXPECT_NE(r.error().to_string().find("missing.mrt"), std::string::npos);
}

}  // namespace
}  // namespace manrs::check
