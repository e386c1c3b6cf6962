// Filter generation: the four modes, every exclusion reason, -R, ranges cut around bogons,
// safety (empty, unknown, partial), and the real RIPE data against an independent scan.
#include "manrs/filter/generate.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "manrs/filter/test_util.h"
#include "manrs/irr/expand.h"

namespace manrs::filter {
namespace {

using testing::make_db;
using testing::make_vrps;
using testing::matched;
using testing::pfx;
using testing::texts;

constexpr std::string_view kDb = R"(as-set: AS200000:AS-CUSTOMERS
members: AS200001, AS200002, AS64512
source: TEST

as-set: AS200000:AS-PARTIAL
members: AS200001, AS-NOWHERE
source: TEST

as-set: AS-EMPTY
source: TEST

route: 185.10.0.0/22
origin: AS200001
source: TEST

route: 185.10.0.0/24
origin: AS200001
source: TEST

route: 185.20.0.0/16
origin: AS200002
source: TEST

route: 185.30.0.0/24
origin: AS200002
source: TEST

route: 185.40.0.0/24
origin: AS200001
source: TEST

route: 185.40.0.0/24
origin: AS200002
source: TEST

route: 10.0.0.0/8
origin: AS200001
source: TEST

route: 185.50.0.0/25
origin: AS200001
source: TEST

route: 0.0.0.0/0
origin: AS200001
source: TEST

route: 185.99.0.0/24
origin: AS64512
source: TEST

route6: 2a0a:1::/32
origin: AS200001
source: TEST

route6: 2001:db8::/32
origin: AS200001
source: TEST

route6: 2a0a:2::/56
origin: AS200001
source: TEST

route-set: RS-TEST
members: 192.0.0.0/16^16-24, 185.70.0.0/24
source: TEST
)";

rpki::VrpSet test_vrps() {
  return make_vrps({{"185.30.0.0/24", 24, 3333},
                    {"185.40.0.0/24", 24, 200002},
                    {"185.10.0.0/22", 24, 200001},
                    {"185.60.0.0/23", 23, 200002}});
}

std::map<std::string, Exclusion> excluded(const PrefixList& l) {
  std::map<std::string, Exclusion> out;
  for (const auto& x : l.excluded) {
    out[x.entry.to_string()] = x.reason;
  }
  return out;
}

class GenerateTest : public ::testing::Test {
 protected:
  std::unique_ptr<irr::Database> db = make_db(kDb);
  rpki::VrpSet vrps = test_vrps();
  RpkiIndex rpki{vrps};
};

TEST_F(GenerateTest, IrrModeKeepsEveryRouteObjectThatMayPass) {
  GenerateOptions o;
  auto f = generate(db.get(), nullptr, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  EXPECT_EQ(f->asns, (std::vector<net::Asn>{200001, 200002}));
  EXPECT_EQ(f->bogon_asns, (std::vector<net::Asn>{64512}));
  EXPECT_EQ(texts(f->v4.entries),
            (std::set<std::string>{"185.10.0.0/22", "185.10.0.0/24", "185.20.0.0/16",
                                   "185.30.0.0/24", "185.40.0.0/24"}));
  EXPECT_EQ(excluded(f->v4),
            (std::map<std::string, Exclusion>{{"0.0.0.0/0", Exclusion::kDefaultRoute},
                                              {"10.0.0.0/8", Exclusion::kBogon},
                                              {"185.50.0.0/25", Exclusion::kTooSpecific}}));
  EXPECT_EQ(texts(f->v6.entries), (std::set<std::string>{"2a0a:1::/32"}));
  EXPECT_EQ(excluded(f->v6),
            (std::map<std::string, Exclusion>{{"2001:db8::/32", Exclusion::kBogon},
                                              {"2a0a:2::/56", Exclusion::kTooSpecific}}));
  // Evidence: both route objects of 185.40.0.0/24, with their source and origin.
  const auto it = std::find_if(f->v4.entries.begin(), f->v4.entries.end(),
                               [](const Entry& e) { return e.to_string() == "185.40.0.0/24"; });
  ASSERT_NE(it, f->v4.entries.end());
  ASSERT_EQ(it->evidence.size(), 2U);
  EXPECT_EQ(it->evidence[0].describe(), "route 185.40.0.0/24 AS200001 (TEST)");
  EXPECT_EQ(it->evidence[1].describe(), "route 185.40.0.0/24 AS200002 (TEST)");
  for (const auto& x : f->v4.excluded) {
    EXPECT_FALSE(x.detail.empty());
    EXPECT_FALSE(x.entry.evidence.empty());
  }
  EXPECT_NE(f->v4.excluded[1].detail.find("Private-use (RFC 1918)"), std::string::npos)
      << f->v4.excluded[1].detail;
}

TEST_F(GenerateTest, IrrMinusRpkiInvalid) {
  GenerateOptions o;
  o.mode = Mode::kIrrRpki;
  auto f = generate(db.get(), &rpki, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  EXPECT_EQ(texts(f->v4.entries), (std::set<std::string>{"185.10.0.0/22", "185.10.0.0/24",
                                                         "185.20.0.0/16", "185.40.0.0/24"}));
  auto ex = excluded(f->v4);
  EXPECT_EQ(ex.at("185.30.0.0/24"), Exclusion::kRpkiInvalid);
  for (const auto& x : f->v4.excluded) {
    if (x.reason == Exclusion::kRpkiInvalid) {
      EXPECT_EQ(x.detail,
                "no VRP authorises the origin; covered by roa 185.30.0.0/24-24 AS3333 (test-ta)");
    }
  }
  // 185.40.0.0/24: AS200001's object is invalid, AS200002's valid -> kept with both.
  for (const auto& e : f->v4.entries) {
    if (e.to_string() == "185.40.0.0/24") {
      ASSERT_EQ(e.evidence.size(), 2U);
      EXPECT_EQ(e.evidence[0].detail, "invalid");
      EXPECT_EQ(e.evidence[1].detail, "valid");
    }
    if (e.to_string() == "185.20.0.0/16") {
      EXPECT_EQ(e.evidence[0].detail, "not-found");
    }
  }
}

TEST_F(GenerateTest, IrrPlusRoaAndRpkiOnly) {
  GenerateOptions o;
  o.mode = Mode::kIrrPlusRoa;
  auto f = generate(db.get(), &rpki, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  EXPECT_EQ(texts(f->v4.entries), (std::set<std::string>{"185.10.0.0/22{22,24}", "185.20.0.0/16",
                                                         "185.40.0.0/24", "185.60.0.0/23"}));
  for (const auto& e : f->v4.entries) {
    if (e.to_string() == "185.10.0.0/22{22,24}") {
      // The ROA and both route objects it absorbed.
      std::set<std::string> ev;
      for (const auto& x : e.evidence) {
        ev.insert(x.describe());
      }
      EXPECT_EQ(ev, (std::set<std::string>{"roa 185.10.0.0/22-24 AS200001 (test-ta)",
                                           "route 185.10.0.0/22 AS200001 (TEST, rpki valid)",
                                           "route 185.10.0.0/24 AS200001 (TEST, rpki valid)"}));
    }
  }
  o.mode = Mode::kRpki;
  auto r = generate(db.get(), &rpki, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(texts(r->v4.entries),
            (std::set<std::string>{"185.10.0.0/22{22,24}", "185.40.0.0/24", "185.60.0.0/23"}));
  EXPECT_TRUE(r->v6.entries.empty());
  // RPKI only, an ASN, no IRR at all.
  auto a = generate(nullptr, &rpki, "as200002", o);
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  EXPECT_EQ(a->target, "AS200002");
  EXPECT_EQ(texts(a->v4.entries), (std::set<std::string>{"185.40.0.0/24", "185.60.0.0/23"}));
}

TEST_F(GenerateTest, ModesNeedTheirInputs) {
  GenerateOptions o;
  o.mode = Mode::kIrrRpki;
  EXPECT_FALSE(generate(db.get(), nullptr, "AS200001", o).has_value());
  o.mode = Mode::kIrr;
  EXPECT_FALSE(generate(nullptr, &rpki, "AS200001", o).has_value());
  auto bad = generate(db.get(), nullptr, "not a set", o);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().to_string().find("want an ASN"), std::string::npos);
}

TEST_F(GenerateTest, MoreSpecificsAndLengthLimits) {
  GenerateOptions o;
  o.more_specifics_v4 = 24;
  auto f = generate(db.get(), nullptr, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(texts(f->v4.entries),
            (std::set<std::string>{"185.10.0.0/22{22,24}", "185.20.0.0/16{16,24}", "185.30.0.0/24",
                                   "185.40.0.0/24"}));
  // -R beyond the maximum is clipped to it.
  o.more_specifics_v4 = 28;
  f = generate(db.get(), nullptr, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->v4.entries.front().to_string(), "185.10.0.0/22{22,24}");
  // A wider maximum lets the /25 in; a floor of /20 drops the /16.
  o = GenerateOptions{};
  o.max_len_v4 = 25;
  o.min_len_v4 = 20;
  f = generate(db.get(), nullptr, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(texts(f->v4.entries).count("185.50.0.0/25"), 1U);
  EXPECT_EQ(excluded(f->v4).at("185.20.0.0/16"), Exclusion::kTooShort);
}

TEST_F(GenerateTest, RangesNeverReachIntoBogons) {
  GenerateOptions o;
  auto f = generate(db.get(), nullptr, "RS-TEST", o);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  auto m = matched(f->v4.entries);
  // 192.0.0.0/16^16-24 holds 511 prefixes; 192.0.0.0/24 and 192.0.2.0/24 are bogons; plus
  // 185.70.0.0/24.
  EXPECT_EQ(m.size(), 511U - 2U + 1U);
  for (const auto& p : m) {
    EXPECT_FALSE(bogon_prefix(p).has_value()) << p.to_string();
  }
  EXPECT_EQ(m.count(pfx("192.0.1.0/24")), 1U);
  EXPECT_EQ(m.count(pfx("192.0.0.0/23")), 1U);  // covers a bogon, is not inside one
  EXPECT_EQ(m.count(pfx("192.0.2.0/24")), 0U);
  EXPECT_EQ(excluded(f->v4).size(), 2U);
  for (const auto& e : f->v4.entries) {
    ASSERT_FALSE(e.evidence.empty());
    EXPECT_EQ(e.evidence.front().kind, Evidence::Kind::kRouteSet);
  }
}

TEST_F(GenerateTest, UnallocatedSpaceIsOptional) {
  Unallocated u;
  u.add(pfx("185.20.0.0/16"), "test-fullbogons");
  u.add(pfx("185.10.2.0/23"), "test-fullbogons");
  u.finalize();
  GenerateOptions o;
  o.unallocated = &u;
  o.more_specifics_v4 = 24;
  auto f = generate(db.get(), nullptr, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(excluded(f->v4).at("185.20.0.0/16{16,24}"), Exclusion::kUnallocated);
  auto m = matched(f->v4.entries);
  EXPECT_EQ(m.count(pfx("185.10.2.0/24")), 0U);
  EXPECT_EQ(m.count(pfx("185.10.1.0/24")), 1U);
  EXPECT_EQ(m.count(pfx("185.10.0.0/22")), 1U);
}

TEST_F(GenerateTest, SafetyEmptyUnknownPartial) {
  GenerateOptions o;
  auto empty = generate(db.get(), nullptr, "AS-EMPTY", o);
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().to_string().find("empty result"), std::string::npos);
  o.allow_empty = true;
  auto allowed = generate(db.get(), nullptr, "AS-EMPTY", o);
  ASSERT_TRUE(allowed.has_value());
  EXPECT_TRUE(allowed->v4.entries.empty());
  // Only bogon / too specific candidates: empty after screening is an error too.
  o.allow_empty = false;
  auto screened = generate(db.get(), nullptr, "AS64512", o);
  ASSERT_FALSE(screened.has_value());
  auto unknown = generate(db.get(), nullptr, "AS-DOES-NOT-EXIST", o);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().to_string().find("not found"), std::string::npos)
      << unknown.error().to_string();
  auto partial = generate(db.get(), nullptr, "AS200000:AS-PARTIAL", o);
  ASSERT_TRUE(partial.has_value());
  EXPECT_TRUE(partial->findings.partial());
  EXPECT_EQ(partial->findings.missing.size(), 1U);
}

TEST_F(GenerateTest, AggregationIsLossless) {
  GenerateOptions o;
  o.mode = Mode::kIrrPlusRoa;
  auto plain = generate(db.get(), &rpki, "AS200000:AS-CUSTOMERS", o);
  o.aggregate = true;
  auto agg = generate(db.get(), &rpki, "AS200000:AS-CUSTOMERS", o);
  ASSERT_TRUE(plain.has_value() && agg.has_value());
  EXPECT_EQ(matched(plain->v4.entries), matched(agg->v4.entries));
}

// Real data: the IPv4 filter of AS3320:AS-DTAG (RIPE as-sets, RIPE-NONAUTH routes) equals an
// independent scan of the route dump: origin in the expanded ASNs, not a bogon, /1../24.
TEST(GenerateRealData, DtagMatchesIndependentScan) {
  const std::filesystem::path dir = std::filesystem::path(MANRS_SHARED_DIR) / "data" / "rpsl";
  if (!std::filesystem::exists(dir / "ripe.db.as-set.gz")) {
    GTEST_SKIP() << "shared data absent: " << dir;
  }
  irr::Database db;
  irr::LoadOptions lo;
  lo.progress = false;
  for (const char* f : {"ripe.db.as-set.gz", "ripe-nonauth.db.route.gz"}) {
    auto r = db.load_file((dir / f).string(), lo);
    ASSERT_TRUE(r.has_value());
  }
  db.finalize();
  auto ex = irr::expand_as_set(db, "AS3320:AS-DTAG");
  ASSERT_TRUE(ex.has_value());
  std::set<net::Asn> asns;
  for (auto a : ex->asns) {
    if (bogon_asn(a) == nullptr) {
      asns.insert(a);
    }
  }
  // Independent scan of the route objects.
  auto src = core::open_input((dir / "ripe-nonauth.db.route.gz").string());
  ASSERT_TRUE(src.has_value());
  std::string text;
  std::vector<std::byte> buf(1 << 16);
  for (;;) {
    auto n = (*src)->read(buf);
    ASSERT_TRUE(n.has_value());
    if (*n == 0) break;
    text.append(reinterpret_cast<const char*>(buf.data()), *n);  // NOLINT
  }
  std::set<std::string> want;
  std::size_t bogons = 0;
  std::string route;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("route:", 0) == 0) {
      route = line.substr(6);
      route.erase(0, route.find_first_not_of(" \t"));
    } else if (line.rfind("origin:", 0) == 0 && !route.empty()) {
      std::string o = line.substr(7);
      o.erase(0, o.find_first_not_of(" \t"));
      auto asn = net::parse_asn(o);
      auto p = net::Prefix::parse(route);
      if (asn && p && asns.count(*asn) != 0 && p->length() > 0 && p->length() <= 24) {
        if (bogon_prefix(*p)) {
          ++bogons;
        } else {
          want.insert(p->to_string());
        }
      }
      route.clear();
    }
  }
  GenerateOptions o;
  o.v6 = false;
  auto f = generate(&db, nullptr, "AS3320:AS-DTAG", o);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  EXPECT_GT(want.size(), 100U);
  EXPECT_EQ(texts(f->v4.entries), want);
  // Aggregated, the same prefixes match, with fewer entries.
  o.aggregate = true;
  auto a = generate(&db, nullptr, "AS3320:AS-DTAG", o);
  ASSERT_TRUE(a.has_value());
  EXPECT_LT(a->v4.entries.size(), f->v4.entries.size());
  EXPECT_EQ(matched(a->v4.entries), matched(f->v4.entries));
  std::size_t with_evidence = 0;
  for (const auto& e : a->v4.entries) {
    with_evidence += e.evidence.empty() ? 0U : 1U;
  }
  EXPECT_EQ(with_evidence, a->v4.entries.size());
}

}  // namespace
}  // namespace manrs::filter
