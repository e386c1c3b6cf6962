#include "manrs/irr/database.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/irr/expand.h"
#include "manrs/rpki/reader.h"
#include "manrs/rpki/rov.h"

namespace manrs::irr {
namespace {

const std::filesystem::path kRpsl = std::filesystem::path(MANRS_SHARED_DIR) / "data" / "rpsl";

LoadOptions quiet() {
  LoadOptions o;
  o.progress = false;
  return o;
}

LoadReport load_text(Database& db, std::string_view text, const LoadOptions& opt = quiet(),
                     std::string name = "test.db") {
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), std::move(name));
  EXPECT_TRUE(src.has_value());
  auto rep = db.load(**src, opt);
  EXPECT_TRUE(rep.has_value()) << rep.error().to_string();
  return rep ? *rep : LoadReport{};
}

net::Prefix pfx(std::string_view s) {
  auto p = net::Prefix::parse(s);
  EXPECT_TRUE(p.has_value()) << s;
  return *p;
}

std::vector<std::string> route_strings(const Database& db, const net::Prefix& p, PrefixMatch m,
                                       const QueryScope& scope = {}) {
  std::vector<std::string> out;
  db.routes_by_prefix(p, m, scope, [&](const RouteEntry& r) {
    out.push_back(r.prefix.to_string() + " AS" + std::to_string(r.origin) + " " +
                  std::string(db.source_name(r.source)));
  });
  return out;
}

constexpr std::string_view kSmall =
    "mntner:     TEST-MNT\n"
    "auth:       MD5-PW $1$x\n"
    "source:     TEST\n"
    "\n"
    "aut-num:    AS65001\n"
    "as-name:    ONE\n"
    "member-of:  AS-MEMBERS\n"
    "mnt-by:     TEST-MNT\n"
    "source:     test\n"
    "\n"
    "person:     John Doe\n"
    "nic-hdl:    JD1-TEST\n"
    "source:     TEST\n"
    "\n"
    "route:      192.0.2.0/24\n"
    "origin:     AS65001\n"
    "mnt-by:     TEST-MNT, OTHER-MNT\n"
    "source:     TEST\n"
    "\n"
    "as-set:     AS-MEMBERS\n"
    "members:    AS65003, AS-OTHER\n"
    "mbrs-by-ref: TEST-MNT\n"
    "source:     TEST\n"
    "\n"
    "route:      192.0.2.0/24\n"
    "origin:     AS65001\n"
    "source:     RADB\n"
    "\n"
    "route6:     2001:db8::/32\n"
    "origin:     AS65002\n"
    "mnt-by:     OTHER-MNT\n"
    "source:     RADB\n"
    "\n"
    "as-set:     AS-MEMBERS\n"
    "members:    AS65009\n"
    "source:     RADB\n"
    "\n"
    "inetnum:    192.0.2.0 - 192.0.2.255\n"
    "netname:    TEST-NET\n"
    "source:     TEST\n";

TEST(DatabaseTest, LoadsObjectsOfSeveralSources) {
  Database db;
  LoadReport rep = load_text(db, kSmall);
  db.finalize();
  EXPECT_EQ(rep.objects, 9U);
  EXPECT_EQ(rep.skipped, 0U);
  EXPECT_EQ(db.object_count(), 9U);
  EXPECT_EQ(db.route_count(), 3U);
  // Sources in the order they first appear; `source: test` is upper-cased.
  EXPECT_EQ(db.sources(), (std::vector<std::string>{"TEST", "RADB"}));
  ASSERT_TRUE(db.find_source("radb").has_value());
  EXPECT_EQ(db.source_name(*db.find_source("radb")), "RADB");

  auto aut = db.find(ObjectClass::kAutNum, "as65001", {});
  ASSERT_EQ(aut.size(), 1U);
  EXPECT_EQ(db.object_text(aut[0]),
            "aut-num:    AS65001\nas-name:    ONE\nmember-of:  AS-MEMBERS\nmnt-by:     TEST-MNT\n"
            "source:     test\n");
  EXPECT_EQ(db.object_class(aut[0]), ObjectClass::kAutNum);
  auto obj = db.object(aut[0]);
  ASSERT_TRUE(obj.has_value());
  EXPECT_EQ(obj->attributes.size(), 5U);
  // Persons are keyed by nic-hdl.
  EXPECT_EQ(db.find(ObjectClass::kPerson, "jd1-test", {}).size(), 1U);
  EXPECT_TRUE(db.find(ObjectClass::kPerson, "John Doe", {}).empty());
  // inetnum keys ignore whitespace.
  EXPECT_EQ(db.find(ObjectClass::kInetnum, "192.0.2.0-192.0.2.255", {}).size(), 1U);
  EXPECT_EQ(db.find(ObjectClass::kOther, "192.0.2.0 - 192.0.2.255", {}).size(), 1U);
  // Route keys: prefix+origin (IRRd style), prefix alone, any case; in scope order.
  auto r = db.find(ObjectClass::kRoute, "192.0.2.0/24AS65001", {});
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(db.source_name(db.object_source(r[0])), "TEST");
  EXPECT_EQ(db.source_name(db.object_source(r[1])), "RADB");
  EXPECT_EQ(db.find(ObjectClass::kRoute, "192.0.2.0/24as65001", {}).size(), 2U);
  EXPECT_EQ(db.find(ObjectClass::kRoute, "192.0.2.0/24", {}).size(), 2U);
  EXPECT_EQ(db.find(ObjectClass::kOther, "192.0.2.0/24", {}).size(), 2U);
  EXPECT_TRUE(db.find(ObjectClass::kRoute, "192.0.2.0/24AS65002", {}).empty());
  EXPECT_TRUE(db.find(ObjectClass::kRoute6, "192.0.2.0/24", {}).empty());
  EXPECT_EQ(db.find(ObjectClass::kRoute6, "2001:db8::/32AS65002", {}).size(), 1U);
  EXPECT_TRUE(db.find(ObjectClass::kAutNum, "AS-MEMBERS", {}).empty());
  EXPECT_EQ(db.find(ObjectClass::kOther, "AS-MEMBERS", {}).size(), 2U);

  // Stats per source (preference order) and class.
  DatabaseStats st = db.stats();
  EXPECT_EQ(st.objects, 9U);
  EXPECT_GT(st.text_bytes, 300U);
  EXPECT_GT(st.index_bytes, 0U);
  std::map<std::string, std::uint64_t> rows;
  for (const auto& row : st.rows)
    rows[row.source + "/" + std::string(to_string(row.cls))] = row.objects;
  EXPECT_EQ(rows, (std::map<std::string, std::uint64_t>{{"TEST/mntner", 1},
                                                        {"TEST/aut-num", 1},
                                                        {"TEST/person", 1},
                                                        {"TEST/route", 1},
                                                        {"TEST/as-set", 1},
                                                        {"TEST/inetnum", 1},
                                                        {"RADB/route", 1},
                                                        {"RADB/route6", 1},
                                                        {"RADB/as-set", 1}}));
  EXPECT_EQ(st.rows.front().source, "TEST");
}

TEST(DatabaseTest, SourceOrderScopesAndSetPreference) {
  Database db;
  load_text(db, kSmall);
  db.finalize();
  // The first source in scope order that has the set wins; a pin restricts to one source.
  const SetDef* s = db.find_set("as-members", {});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(db.source_name(s->source), "TEST");
  EXPECT_EQ(s->name, "AS-MEMBERS");
  EXPECT_EQ(s->mbrs_by_ref, std::vector<std::string>{"TEST-MNT"});
  ASSERT_EQ(s->members.size(), 2U);
  EXPECT_EQ(s->members[0].kind, SetMember::Kind::kAsn);
  EXPECT_EQ(s->members[1].name, "AS-OTHER");
  ASSERT_TRUE(db.set_source_order({"radb"}).has_value());
  EXPECT_EQ(db.sources(), (std::vector<std::string>{"RADB", "TEST"}));
  EXPECT_EQ(db.source_name(db.find_set("AS-MEMBERS", {})->source), "RADB");
  EXPECT_EQ(db.source_name(db.find_set("TEST::AS-MEMBERS", {})->source), "TEST");
  EXPECT_EQ(db.find_set("NOPE::AS-MEMBERS", {}), nullptr);
  auto r = db.find(ObjectClass::kRoute, "192.0.2.0/24AS65001", {});
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(db.source_name(db.object_source(r[0])), "RADB");

  auto scope = db.scope({"test"});
  ASSERT_TRUE(scope.has_value());
  EXPECT_EQ(db.source_name(db.find_set("AS-MEMBERS", *scope)->source), "TEST");
  EXPECT_EQ(db.find_set("RADB::AS-MEMBERS", *scope), nullptr);  // pinned outside the scope
  EXPECT_EQ(db.find(ObjectClass::kRoute, "192.0.2.0/24", *scope).size(), 1U);
  EXPECT_EQ(db.scope_names(*scope), "TEST");
  EXPECT_EQ(db.scope_names({}), "RADB,TEST");

  auto bad = db.scope({"TEST", "FOO"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kPolicy);
  EXPECT_EQ(bad.error().message, "sources: want one of RADB,TEST, have 'FOO'");
  auto bad2 = db.set_source_order({"FOO"});
  ASSERT_FALSE(bad2.has_value());
  EXPECT_EQ(bad2.error().message, "sources: want one of RADB,TEST, have 'FOO'");
  EXPECT_EQ(db.set_names(ObjectClass::kAsSet), std::vector<std::string_view>{"AS-MEMBERS"});
}

TEST(DatabaseTest, MntByAndMemberOfIndexes) {
  Database db;
  load_text(db, kSmall);
  db.finalize();
  auto objs = db.by_mnt_by("test-mnt", {});
  std::set<ObjectClass> classes;
  for (ObjectId id : objs) classes.insert(db.object_class(id));
  EXPECT_EQ(objs.size(), 2U);  // aut-num AS65001, route 192.0.2.0/24 TEST
  EXPECT_EQ(classes, (std::set<ObjectClass>{ObjectClass::kAutNum, ObjectClass::kRoute}));
  auto other = db.by_mnt_by("OTHER-MNT", {});
  ASSERT_EQ(other.size(), 2U);
  EXPECT_EQ(db.source_name(db.object_source(other[0])), "TEST");  // scope order
  EXPECT_TRUE(db.by_mnt_by("NOBODY-MNT", {}).empty());
  auto route = db.find(ObjectClass::kRoute, "192.0.2.0/24AS65001", {})[0];
  EXPECT_EQ(db.mnt_by(route), (std::vector<std::string_view>{"TEST-MNT", "OTHER-MNT"}));
  auto refs = db.by_member_of("as-members", {});
  ASSERT_EQ(refs.size(), 1U);
  EXPECT_EQ(refs[0].cls, ObjectClass::kAutNum);
  EXPECT_EQ(refs[0].asn, 65001U);
  EXPECT_TRUE(db.by_member_of("AS-NONE", {}).empty());
}

TEST(DatabaseTest, SameKeyInSameSourceLastWins) {
  Database db;
  load_text(db,
            "aut-num: AS1\nas-name: OLD\nsource: RIPE\n\n"
            "aut-num: AS1\nas-name: OTHER-SOURCE\nsource: RADB\n\n"
            "route: 10.0.0.0/8\norigin: AS1\ndescr: old\nmnt-by: OLD-MNT\nsource: RIPE\n\n"
            "as-set: AS-X\nmembers: AS1\nsource: RIPE\n\n");
  load_text(db,
            "aut-num: as1\nas-name: NEW\nsource: ripe\n\n"
            "route: 10.0.0.0/8\norigin: AS1\ndescr: new\nsource: RIPE\n\n"
            "as-set: as-x\nmembers: AS2\nsource: RIPE\n\n",
            quiet(), "second.db");
  db.finalize();
  EXPECT_EQ(db.object_count(), 4U);
  auto a = db.find(ObjectClass::kAutNum, "AS1", {});
  ASSERT_EQ(a.size(), 2U);
  EXPECT_NE(db.object_text(a[0]).find("NEW"), std::string_view::npos);
  EXPECT_NE(db.object_text(a[1]).find("OTHER-SOURCE"), std::string_view::npos);
  ASSERT_EQ(db.route_count(), 1U);
  EXPECT_NE(db.object_text(db.routes()[0].object).find("new"), std::string_view::npos);
  EXPECT_TRUE(db.by_mnt_by("OLD-MNT", {}).empty());  // the replaced object's indexes go too
  const SetDef* s = db.find_set("AS-X", {});
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->members.size(), 1U);
  EXPECT_EQ(s->members[0].asn, 2U);
}

TEST(DatabaseTest, BadObjectsAreCountedAndReported) {
  Database db;
  LoadReport rep = load_text(db,
                             "route: 10.0.0.1/8\norigin: AS1\nsource: RIPE\n\n"
                             "route: 10.0.0.0/8\norigin: ASX\nsource: RIPE\n\n"
                             "route: 2001:db8::/32\norigin: AS1\nsource: RIPE\n\n"
                             "route6: 2001:db8::/32\nsource: RIPE\n\n"
                             "aut-num: AS5\n\n"
                             "this is not rpsl\n\n"
                             "aut-num: AS6\nsource: RIPE\n");
  db.finalize();
  EXPECT_EQ(rep.objects, 1U);
  EXPECT_EQ(rep.skipped, 6U);
  EXPECT_EQ(rep.file, "test.db");
  ASSERT_EQ(rep.problems.size(), 6U);
  std::string all;
  for (const auto& p : rep.problems) all += p + "\n";
  EXPECT_NE(all.find("test.db:1: route: want an IPv4 prefix, have '10.0.0.1/8'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("test.db:6: origin: want an AS number, have 'ASX'"), std::string::npos) << all;
  EXPECT_NE(all.find("test.db:9: route: want an IPv4 prefix, have '2001:db8::/32'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("test.db:13: route6 2001:db8::/32: origin: want an AS number, have none"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("test.db:16: aut-num: source: want a source attribute, have none"),
            std::string::npos)
      << all;
  EXPECT_EQ(db.object_count(), 1U);

  // max_problems keeps the first ones; the count stays exact.
  Database db2;
  LoadOptions o = quiet();
  o.max_problems = 2;
  LoadReport rep2 = load_text(db2, "aut-num: AS1\n\naut-num: AS2\n\naut-num: AS3\n", o);
  EXPECT_EQ(rep2.skipped, 3U);
  EXPECT_EQ(rep2.problems.size(), 2U);
}

TEST(DatabaseTest, DefaultAndForcedSource) {
  constexpr std::string_view kText = "aut-num: AS1\nsource: RIPE\n\naut-num: AS2\n\n";
  Database db;
  LoadOptions o = quiet();
  o.default_source = "local";
  LoadReport rep = load_text(db, kText, o);
  db.finalize();
  EXPECT_EQ(rep.objects, 2U);
  EXPECT_EQ(db.sources(), (std::vector<std::string>{"RIPE", "LOCAL"}));
  EXPECT_EQ(db.source_name(db.object_source(db.find(ObjectClass::kAutNum, "AS2", {})[0])), "LOCAL");

  Database forced;
  o.force_source = true;
  load_text(forced, kText, o);
  forced.finalize();
  EXPECT_EQ(forced.sources(), std::vector<std::string>{"LOCAL"});
  EXPECT_EQ(forced.find(ObjectClass::kAutNum, "AS1", {}).size(), 1U);
}

TEST(DatabaseTest, LoadAfterFinalizeAndUnreadableFileAreErrors) {
  Database db;
  auto missing = db.load_file("/nonexistent/file.db", quiet());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  db.finalize();
  auto src = core::open_memory({}, "x");
  ASSERT_TRUE(src.has_value());
  EXPECT_FALSE(db.load(**src, quiet()).has_value());
}

// A hand-made tree of routes for the five PrefixMatch semantics.
constexpr std::string_view kTree =
    "route: 10.0.0.0/8\norigin: AS1\nsource: A\n\n"
    "route: 10.0.0.0/16\norigin: AS2\nsource: A\n\n"
    "route: 10.1.0.0/16\norigin: AS3\nsource: A\n\n"
    "route: 10.1.0.0/16\norigin: AS3\nsource: B\n\n"
    "route: 10.1.0.0/24\norigin: AS4\nsource: A\n\n"
    "route: 10.1.1.0/24\norigin: AS5\nsource: B\n\n"
    "route: 10.2.0.0/24\norigin: AS6\nsource: A\n\n"
    "route: 11.0.0.0/8\norigin: AS7\nsource: A\n\n"
    "route6: 2001:db8::/32\norigin: AS8\nsource: A\n\n"
    "route6: 2001:db8:1::/48\norigin: AS8\nsource: B\n\n";

TEST(DatabaseTest, RoutesByPrefixSemantics) {
  Database db;
  load_text(db, kTree);
  db.finalize();
  using V = std::vector<std::string>;
  EXPECT_EQ(route_strings(db, pfx("10.1.0.0/16"), PrefixMatch::kExact),
            (V{"10.1.0.0/16 AS3 A", "10.1.0.0/16 AS3 B"}));
  EXPECT_EQ(route_strings(db, pfx("10.1.0.0/24"), PrefixMatch::kOneLess),
            (V{"10.1.0.0/16 AS3 A", "10.1.0.0/16 AS3 B"}));
  EXPECT_EQ(route_strings(db, pfx("10.2.0.0/24"), PrefixMatch::kOneLess), (V{"10.0.0.0/8 AS1 A"}));
  EXPECT_EQ(route_strings(db, pfx("10.3.0.0/16"), PrefixMatch::kOneLess), (V{"10.0.0.0/8 AS1 A"}));
  EXPECT_TRUE(route_strings(db, pfx("10.0.0.0/8"), PrefixMatch::kOneLess).empty());
  EXPECT_EQ(route_strings(db, pfx("10.1.1.0/24"), PrefixMatch::kAllLess),
            (V{"10.0.0.0/8 AS1 A", "10.1.0.0/16 AS3 A", "10.1.0.0/16 AS3 B", "10.1.1.0/24 AS5 B"}));
  EXPECT_EQ(route_strings(db, pfx("10.0.0.0/8"), PrefixMatch::kAllMore),
            (V{"10.0.0.0/16 AS2 A", "10.1.0.0/16 AS3 A", "10.1.0.0/16 AS3 B", "10.1.0.0/24 AS4 A",
               "10.1.1.0/24 AS5 B", "10.2.0.0/24 AS6 A"}));
  EXPECT_EQ(
      route_strings(db, pfx("10.0.0.0/8"), PrefixMatch::kOneMore),
      (V{"10.0.0.0/16 AS2 A", "10.1.0.0/16 AS3 A", "10.1.0.0/16 AS3 B", "10.2.0.0/24 AS6 A"}));
  EXPECT_EQ(route_strings(db, pfx("0.0.0.0/0"), PrefixMatch::kOneMore),
            (V{"10.0.0.0/8 AS1 A", "11.0.0.0/8 AS7 A"}));
  EXPECT_EQ(route_strings(db, pfx("2001:db8::/32"), PrefixMatch::kAllMore),
            (V{"2001:db8:1::/48 AS8 B"}));
  EXPECT_EQ(route_strings(db, pfx("::/0"), PrefixMatch::kOneMore), (V{"2001:db8::/32 AS8 A"}));
  // Scope: with only B, the one-less of 10.1.1.0/24 is B's 10.1.0.0/16, and B comes first when
  // preferred.
  auto b = db.scope({"B"});
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(route_strings(db, pfx("10.1.1.0/24"), PrefixMatch::kOneLess, *b),
            (V{"10.1.0.0/16 AS3 B"}));
  EXPECT_EQ(route_strings(db, pfx("10.0.0.0/8"), PrefixMatch::kOneMore, *b),
            (V{"10.1.0.0/16 AS3 B"}));
  auto ba = db.scope({"B", "A"});
  EXPECT_EQ(route_strings(db, pfx("10.1.0.0/16"), PrefixMatch::kExact, *ba),
            (V{"10.1.0.0/16 AS3 B", "10.1.0.0/16 AS3 A"}));

  std::vector<std::string> by_origin;
  db.routes_by_origin(8, std::nullopt, {},
                      [&](const RouteEntry& r) { by_origin.push_back(r.prefix.to_string()); });
  EXPECT_EQ(by_origin, (V{"2001:db8::/32", "2001:db8:1::/48"}));
  by_origin.clear();
  db.routes_by_origin(8, net::Family::kV4, {},
                      [&](const RouteEntry& r) { by_origin.push_back(r.prefix.to_string()); });
  EXPECT_TRUE(by_origin.empty());
}

// ---- real data ------------------------------------------------------------------------------

// Objects of each class in the dumps, counted with `zcat FILE | grep -c '^CLASS:'`.
constexpr std::uint64_t kAsSets = 25174;
constexpr std::uint64_t kRoutes = 52082;
constexpr std::uint64_t kRoutes6 = 689;
constexpr std::uint64_t kAutNums = 2109;
constexpr std::uint64_t kAsBlocks = 565;

class RealDatabaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kRpsl)) return;
    db_ = std::make_unique<Database>();
    for (const char* f :
         {"ripe.db.as-set.gz", "ripe-nonauth.db.route.gz", "ripe-nonauth.db.route6.half-a.gz",
          "ripe-nonauth.db.aut-num.gz", "ripe.db.as-block.gz"}) {
      auto rep = db_->load_file((kRpsl / f).string(), quiet());
      ASSERT_TRUE(rep.has_value()) << rep.error().to_string();
      reports_.push_back(*rep);
    }
    db_->finalize();
  }
  static void TearDownTestSuite() { db_.reset(); }
  void SetUp() override {
    if (!db_) GTEST_SKIP() << "shared data not found at " << kRpsl;
  }
  static std::unique_ptr<Database> db_;
  static std::vector<LoadReport> reports_;
};
std::unique_ptr<Database> RealDatabaseTest::db_;
std::vector<LoadReport> RealDatabaseTest::reports_;

TEST_F(RealDatabaseTest, LoadsEveryObjectOfTheDumps) {
  ASSERT_EQ(reports_.size(), 5U);
  EXPECT_EQ(reports_[0].objects, kAsSets);
  EXPECT_EQ(reports_[1].objects, kRoutes);
  EXPECT_EQ(reports_[2].objects, kRoutes6);
  EXPECT_EQ(reports_[3].objects, kAutNums);
  EXPECT_EQ(reports_[4].objects, kAsBlocks);
  for (const auto& r : reports_) {
    EXPECT_EQ(r.skipped, 0U) << r.file << ": " << (r.problems.empty() ? "" : r.problems[0]);
    EXPECT_GT(r.bytes, 0U);
  }
  EXPECT_EQ(reports_[1].bytes, 34667789U);  // zcat | wc -c
  EXPECT_EQ(db_->object_count(), kAsSets + kRoutes + kRoutes6 + kAutNums + kAsBlocks);
  EXPECT_EQ(db_->route_count(), kRoutes + kRoutes6);
  EXPECT_EQ(db_->sources(), (std::vector<std::string>{"RIPE", "RIPE-NONAUTH"}));
  DatabaseStats st = db_->stats();
  std::map<std::string, std::uint64_t> rows;
  for (const auto& row : st.rows)
    rows[row.source + "/" + std::string(to_string(row.cls))] = row.objects;
  EXPECT_EQ(rows, (std::map<std::string, std::uint64_t>{{"RIPE/as-set", kAsSets},
                                                        {"RIPE/as-block", kAsBlocks},
                                                        {"RIPE-NONAUTH/route", kRoutes},
                                                        {"RIPE-NONAUTH/route6", kRoutes6},
                                                        {"RIPE-NONAUTH/aut-num", kAutNums}}));
  // Every byte of every object is kept once: the text is the input minus the separators and
  // the dump headers.
  EXPECT_GT(st.text_bytes, 60'000'000U);
  EXPECT_LT(st.text_bytes, 66'000'000U);
  EXPECT_EQ(db_->set_names(ObjectClass::kAsSet).size(), kAsSets);
  std::printf("[          ] %llu objects: text %.1f MB, indexes %.1f MB (%.0f B/object)\n",
              static_cast<unsigned long long>(st.objects), static_cast<double>(st.text_bytes) / 1e6,
              static_cast<double>(st.index_bytes) / 1e6,
              static_cast<double>(st.index_bytes) / static_cast<double>(st.objects));
}

TEST_F(RealDatabaseTest, FindsKnownObjects) {
  auto a = db_->find(ObjectClass::kAutNum, "AS12222", {});
  ASSERT_EQ(a.size(), 1U);
  EXPECT_TRUE(
      db_->object_text(a[0]).starts_with("aut-num:        AS12222\nas-name:        AS12222\n"
                                         "descr:          Akamai Technologies\n"));
  EXPECT_EQ(db_->mnt_by(a[0]), std::vector<std::string_view>{"AKAM1-RIPE-MNT"});
  auto r = db_->find(ObjectClass::kRoute, "63.105.192.0/20AS4663", {});
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(db_->source_name(db_->object_source(r[0])), "RIPE-NONAUTH");
  EXPECT_NE(db_->object_text(r[0]).find("descr:          ELIMNET\n"), std::string_view::npos);
  const SetDef* s = db_->find_set("as-restena", {});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->members.size(), 5U);
  EXPECT_EQ(s->members[3].name, "AS-LXP");
  EXPECT_EQ(s->members[0].asn, 2602U);
  EXPECT_EQ(db_->find(ObjectClass::kAsSet, "AS-TMPEBONECWIX", {}).size(), 1U);
  EXPECT_EQ(db_->find_set("AS-TMPEBONECWIX", {})->members.size(), 24U);
  // Seven aut-nums of the PEERING testbed claim membership of AS-PEERING-TESTBED.
  EXPECT_EQ(db_->by_member_of("AS-PEERING-TESTBED", {}).size(), 7U);
  EXPECT_FALSE(db_->by_mnt_by("AS4663-RIPE-MNT", {}).empty());
}

// Brute force over the route list for one query.
std::vector<const RouteEntry*> brute_force(std::span<const RouteEntry> all, const net::Prefix& q,
                                           PrefixMatch m) {
  std::vector<const RouteEntry*> out;
  auto strictly_contains = [](const net::Prefix& a, const net::Prefix& b) {
    return a != b && a.contains(b);
  };
  switch (m) {
    case PrefixMatch::kExact:
      for (const auto& r : all) {
        if (r.prefix == q) out.push_back(&r);
      }
      break;
    case PrefixMatch::kAllLess:
      for (const auto& r : all) {
        if (r.prefix.contains(q)) out.push_back(&r);
      }
      break;
    case PrefixMatch::kOneLess: {
      int best = -1;
      for (const auto& r : all) {
        if (strictly_contains(r.prefix, q))
          best = std::max(best, static_cast<int>(r.prefix.length()));
      }
      for (const auto& r : all) {
        if (strictly_contains(r.prefix, q) && static_cast<int>(r.prefix.length()) == best) {
          out.push_back(&r);
        }
      }
      break;
    }
    case PrefixMatch::kAllMore:
    case PrefixMatch::kOneMore: {
      std::set<net::Prefix> more;
      for (const auto& r : all) {
        if (strictly_contains(q, r.prefix)) more.insert(r.prefix);
      }
      for (const auto& r : all) {
        if (!strictly_contains(q, r.prefix)) continue;
        bool covered = false;
        if (m == PrefixMatch::kOneMore) {
          for (unsigned len = q.length() + 1; len < r.prefix.length() && !covered; ++len) {
            covered = more.contains(net::Prefix::make(r.prefix.address(), len));
          }
        }
        if (!covered) out.push_back(&r);
      }
      break;
    }
  }
  return out;
}

TEST_F(RealDatabaseTest, RoutesByPrefixMatchesBruteForce) {
  std::span<const RouteEntry> all = db_->routes();
  std::vector<net::Prefix> queries;
  for (std::size_t i = 0; i < all.size(); i += 2503) {
    const net::Prefix& p = all[i].prefix;
    queries.push_back(p);
    for (unsigned len : {8U, 12U, 16U, 20U, 23U, 28U, 40U}) {
      if (len < p.length()) queries.push_back(net::Prefix::make(p.address(), len));
    }
    queries.push_back(net::Prefix::make(p.address(), p.address().max_len()));
  }
  queries.push_back(pfx("0.0.0.0/0"));
  queries.push_back(pfx("::/0"));
  std::size_t nonempty = 0;
  for (const net::Prefix& q : queries) {
    for (PrefixMatch m : {PrefixMatch::kExact, PrefixMatch::kOneLess, PrefixMatch::kAllLess,
                          PrefixMatch::kOneMore, PrefixMatch::kAllMore}) {
      std::vector<const RouteEntry*> got;
      db_->routes_by_prefix(q, m, {}, [&](const RouteEntry& r) { got.push_back(&r); });
      std::vector<const RouteEntry*> want = brute_force(all, q, m);
      ASSERT_EQ(got, want) << q.to_string() << " match " << static_cast<int>(m);
      nonempty += got.empty() ? 0U : 1U;
    }
  }
  EXPECT_GT(nonempty, queries.size());  // the queries do hit routes
}

TEST_F(RealDatabaseTest, RoutesByOriginMatchesBruteForce) {
  std::span<const RouteEntry> all = db_->routes();
  std::map<net::Asn, std::vector<const RouteEntry*>> want;
  for (const auto& r : all) want[r.origin].push_back(&r);
  EXPECT_GT(want.size(), 1000U);
  for (const auto& [asn, routes] : want) {
    std::vector<const RouteEntry*> got;
    db_->routes_by_origin(asn, std::nullopt, {}, [&](const RouteEntry& r) { got.push_back(&r); });
    ASSERT_EQ(got, routes) << asn;
  }
}

// RFC 6811 by brute force over a map of VRP prefixes.
RpkiStatus rfc6811(const std::map<net::Prefix, std::vector<rpki::Vrp>>& vrps, const RouteEntry& r) {
  bool covered = false;
  for (unsigned len = 0; len <= r.prefix.length(); ++len) {
    auto it = vrps.find(net::Prefix::make(r.prefix.address(), len));
    if (it == vrps.end()) continue;
    covered = true;
    for (const rpki::Vrp& v : it->second) {
      if (v.asn == r.origin && r.prefix.length() <= v.max_length && r.origin != 0) {
        return RpkiStatus::kValid;
      }
    }
  }
  return covered ? RpkiStatus::kInvalid : RpkiStatus::kNotFound;
}

TEST(RealDatabaseRpkiTest, RpkiAwareModeMatchesBruteForce) {
  const auto vrp_file = std::filesystem::path(MANRS_SHARED_DIR) / "data" / "vrp" /
                        "roalist-authenticated-2017-05-25T053325Z.txt";
  if (!std::filesystem::exists(vrp_file) || !std::filesystem::exists(kRpsl)) {
    GTEST_SKIP() << "shared data not found";
  }
  Database db;
  for (const char* f : {"ripe-nonauth.db.route.gz", "ripe-nonauth.db.route6.half-a.gz"}) {
    ASSERT_TRUE(db.load_file((kRpsl / f).string(), quiet()).has_value());
  }
  db.finalize();
  auto set = rpki::read_vrps(vrp_file.string());
  ASSERT_TRUE(set.has_value()) << set.error().to_string();
  rpki::RovTable table(set->vrps);
  db.apply_rpki(table);
  std::map<net::Prefix, std::vector<rpki::Vrp>> vrps;
  for (const auto& v : set->vrps) vrps[v.prefix].push_back(v);
  std::map<RpkiStatus, std::size_t> counts;
  for (const RouteEntry& r : db.routes()) {
    ASSERT_EQ(r.rpki, rfc6811(vrps, r)) << r.prefix.to_string() << " AS" << r.origin;
    ++counts[r.rpki];
  }
  DatabaseStats st = db.stats();
  EXPECT_EQ(st.rpki_invalid, counts[RpkiStatus::kInvalid]);
  EXPECT_EQ(st.rpki_valid, counts[RpkiStatus::kValid]);
  EXPECT_EQ(st.rpki_not_found, counts[RpkiStatus::kNotFound]);
  EXPECT_GT(counts[RpkiStatus::kInvalid], 50U);
  EXPECT_GT(counts[RpkiStatus::kValid], 100U);
  EXPECT_EQ(st.rpki_invalid + st.rpki_valid + st.rpki_not_found, db.route_count());

  // exclude_rpki_invalid hides invalid routes from every lookup.
  QueryScope strict;
  strict.exclude_rpki_invalid = true;
  std::size_t hidden = 0;
  for (const RouteEntry& r : db.routes()) {
    if (r.rpki != RpkiStatus::kInvalid) continue;
    std::string key = r.prefix.to_string() + "AS" + std::to_string(r.origin);
    EXPECT_EQ(db.find(ObjectClass::kOther, key, {}).size(), 1U);
    EXPECT_TRUE(db.find(ObjectClass::kOther, key, strict).empty()) << key;
    bool seen = false;
    db.routes_by_prefix(r.prefix, PrefixMatch::kExact, strict,
                        [&](const RouteEntry& e) { seen = seen || e.object == r.object; });
    db.routes_by_origin(r.origin, std::nullopt, strict,
                        [&](const RouteEntry& e) { seen = seen || e.object == r.object; });
    for (std::string_view m : db.mnt_by(r.object)) {
      for (ObjectId id : db.by_mnt_by(m, strict)) seen = seen || id == r.object;
    }
    EXPECT_FALSE(seen) << key;
    if (++hidden == 50) break;
  }
  EXPECT_EQ(hidden, 50U);
  // ... and from route_prefixes (the expansion's route lookup).
  std::vector<net::Asn> origins;
  for (const RouteEntry& r : db.routes()) {
    if (r.rpki == RpkiStatus::kInvalid) origins.push_back(r.origin);
  }
  std::sort(origins.begin(), origins.end());
  origins.erase(std::unique(origins.begin(), origins.end()), origins.end());
  for (net::Family fam : {net::Family::kV4, net::Family::kV6}) {
    std::set<net::Prefix> want_all;
    std::set<net::Prefix> want_valid;
    for (const RouteEntry& r : db.routes()) {
      if (r.prefix.family() != fam ||
          !std::binary_search(origins.begin(), origins.end(), r.origin)) {
        continue;
      }
      want_all.insert(r.prefix);
      if (r.rpki != RpkiStatus::kInvalid) want_valid.insert(r.prefix);
    }
    EXPECT_EQ(route_prefixes(db, origins, fam, {}),
              std::vector<net::Prefix>(want_all.begin(), want_all.end()));
    EXPECT_EQ(route_prefixes(db, origins, fam, strict),
              std::vector<net::Prefix>(want_valid.begin(), want_valid.end()));
    if (fam == net::Family::kV4) {
      EXPECT_LT(want_valid.size(), want_all.size());
    }
  }
  std::size_t visible = 0;
  db.routes_by_prefix(pfx("0.0.0.0/0"), PrefixMatch::kAllMore, strict, [&](const RouteEntry& e) {
    EXPECT_NE(e.rpki, RpkiStatus::kInvalid);
    ++visible;
  });
  EXPECT_EQ(
      visible, kRoutes - [&] {
        std::size_t n = 0;
        for (const RouteEntry& r : db.routes())
          n += r.prefix.is_v4() && r.rpki == RpkiStatus::kInvalid;
        return n;
      }());
}

TEST(RealDatabaseTest2, LoadsTheRipeTestDatabase) {
  const auto f = kRpsl / "ripe-whois-TEST.db";
  if (!std::filesystem::exists(f)) GTEST_SKIP() << "shared data not found";
  Database db;
  auto rep = db.load_file(f.string(), quiet());
  ASSERT_TRUE(rep.has_value());
  db.finalize();
  // `grep -c '^source:'` = 220 objects with a source; every one is TEST.
  EXPECT_EQ(rep->objects + rep->skipped, 220U) << (rep->problems.empty() ? "" : rep->problems[0]);
  EXPECT_EQ(db.sources(), std::vector<std::string>{"TEST"});
  std::map<ObjectClass, std::uint64_t> by_class;
  for (const auto& row : db.stats().rows) by_class[row.cls] = row.objects;
  EXPECT_EQ(by_class[ObjectClass::kAutNum], 34U);
  EXPECT_EQ(by_class[ObjectClass::kMntner], 40U);
  EXPECT_EQ(by_class[ObjectClass::kInetnum], 36U);
  EXPECT_EQ(by_class[ObjectClass::kInet6num], 32U);
  EXPECT_EQ(by_class[ObjectClass::kOrganisation], 33U);
}

}  // namespace
}  // namespace manrs::irr
