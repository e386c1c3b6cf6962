// check/coordination_test.cpp — Action 3 (M8), M6 / as-sets and M5 on hand-made RPSL, hand-made
// and real PeeringDB data and hand-made Spoofer results; expectations computed by hand.
#include "manrs/check/coordination.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/check/spoofing.h"
#include "manrs/core/input.h"
#include "manrs/irr/database.h"
#include "manrs/registry/peeringdb.h"
#include "manrs/registry/spoofer.h"

namespace manrs::check {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRpsl = R"(aut-num:        AS64500
as-name:        EXAMPLE-AS
descr:          Example
import:         from AS64501 accept ANY
mp-export:      afi any.unicast to AS64501 announce AS64500:AS-ALL
admin-c:        EX1-TEST
tech-c:         NOC1-TEST
org:            ORG-EX1-TEST
mnt-by:         EX-MNT
mnt-by:         RIPE-NCC-END-MNT
last-modified:  2024-01-10T00:00:00Z
source:         TEST

aut-num:        AS64501
as-name:        OTHER-AS
tech-c:         NOPE-TEST
changed:        hostmaster@example.net 20100101
changed:        hostmaster@example.net 20120304
source:         TEST

person:         Ed Example
address:        1 Road
phone:          +31 20 000 0000
nic-hdl:        EX1-TEST
mnt-by:         EX-MNT
last-modified:  2015-01-01T00:00:00Z
source:         TEST

role:           Example NOC
address:        1 Road
e-mail:         noc@example.net
nic-hdl:        NOC1-TEST
mnt-by:         EX-MNT
last-modified:  2024-01-01T00:00:00Z
source:         TEST

role:           Example Abuse
e-mail:         abuse@example.net
abuse-mailbox:  abuse@example.net
nic-hdl:        ABU1-TEST
mnt-by:         EX-MNT
source:         TEST

organisation:   ORG-EX1-TEST
org-name:       Example BV
org-type:       OTHER
abuse-c:        ABU1-TEST
e-mail:         info@example.net
mnt-by:         EX-MNT
source:         TEST

mntner:         EX-MNT
auth:           MD5-PW $1$abc$def
mnt-by:         EX-MNT
source:         TEST

as-set:         AS64500:AS-CUSTOMERS
members:        AS64510
mnt-by:         EX-MNT
source:         TEST

as-set:         AS-EXAMPLE
members:        AS64500
mnt-by:         EX-MNT
source:         TEST

as-set:         AS-OTHER
members:        AS64999
mnt-by:         OTHER-MNT
source:         TEST
)";

irr::Database load_db(std::string_view text) {
  irr::Database db;
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "test.db");
  EXPECT_TRUE(src);
  irr::LoadOptions o;
  o.progress = false;
  auto r = db.load(**src, o);
  EXPECT_TRUE(r);
  EXPECT_EQ(r->skipped, 0U);
  db.finalize();
  return db;
}

constexpr std::int64_t kNow = 1717200000;  // 2024-06-01T00:00:00Z

struct Want {
  std::string id;
  bool ok;
  bool counted;
  std::string value;
  std::string detail;
  std::optional<std::int64_t> updated;
  bool stale;
};

void expect_checks(const std::vector<Check>& got, const std::vector<Want>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(want[i].id);
    EXPECT_EQ(got[i].id, want[i].id);
    EXPECT_EQ(got[i].ok, want[i].ok);
    EXPECT_EQ(got[i].counted, want[i].counted);
    EXPECT_EQ(got[i].value, want[i].value);
    EXPECT_EQ(got[i].detail, want[i].detail);
    EXPECT_EQ(got[i].updated, want[i].updated);
    EXPECT_EQ(got[i].stale, want[i].stale);
    EXPECT_FALSE(got[i].title.empty());
  }
}

TEST(CoordinationTest, CompleteAutNumWithContactsOrganisationAndStaleness) {
  const irr::Database db = load_db(kRpsl);
  const IrrContactData data = irr_contact_data(db);
  EXPECT_TRUE(data.persons_or_roles);
  EXPECT_TRUE(data.mntners);
  EXPECT_TRUE(data.organisations);
  const Coordination c = coordination_checks(64500, &db, nullptr, kNow, Config{});
  EXPECT_TRUE(c.have_irr);
  EXPECT_FALSE(c.have_peeringdb);
  expect_checks(
      c.checks,
      {
          {"irr.aut-num", true, false, "AS64500 EXAMPLE-AS", "", 1704844800, false},
          {"irr.aut-num.admin-c", true, true, "EX1-TEST (person, 'Ed Example', +31 20 000 0000)",
           "EX1-TEST: no e-mail; not changed since 2015-01-01 (more than 730 days)", 1420070400,
           true},
          {"irr.aut-num.tech-c", true, true, "NOC1-TEST (role, 'Example NOC', noc@example.net)",
           "NOC1-TEST: no phone", 1704067200, false},
          {"irr.organisation", true, false,
           "ORG-EX1-TEST (organisation, 'Example BV', info@example.net)", "", std::nullopt, false},
          {"irr.aut-num.abuse-c", true, false,
           "ABU1-TEST (role, 'Example Abuse', abuse@example.net, abuse-mailbox "
           "abuse@example.net) (via organisation ORG-EX1-TEST)",
           "", std::nullopt, false},
          {"irr.abuse-mailbox", true, false, "abuse@example.net", "", std::nullopt, false},
          {"irr.aut-num.mnt-by", true, false, "EX-MNT, RIPE-NCC-END-MNT",
           "RIPE-NCC-END-MNT: no mntner object with this name", std::nullopt, false},
      });
  EXPECT_EQ(m8_percent(c), 100.0);
}

TEST(CoordinationTest, MissingAndDanglingContactsScoreZero) {
  const irr::Database db = load_db(kRpsl);
  const Coordination c = coordination_checks(64501, &db, nullptr, kNow, Config{});
  expect_checks(
      c.checks,
      {
          {"irr.aut-num", true, false, "AS64501 OTHER-AS",
           "not changed since 2012-03-04 (more than 730 days)", 1330819200, true},
          {"irr.aut-num.admin-c", false, true, "", "aut-num AS64501 has no admin-c", std::nullopt,
           false},
          {"irr.aut-num.tech-c", false, true, "",
           "NOPE-TEST: no role or person object with this nic-hdl", std::nullopt, false},
          {"irr.aut-num.abuse-c", false, false, "",
           "no abuse-c on the aut-num and no org: to inherit one from", std::nullopt, false},
          {"irr.abuse-mailbox", false, false, "",
           "no abuse-mailbox on the abuse-c role or the organisation", std::nullopt, false},
          {"irr.aut-num.mnt-by", false, false, "", "aut-num has no mnt-by", std::nullopt, false},
      });
  EXPECT_EQ(m8_percent(c), 0.0);

  const Coordination none = coordination_checks(64502, &db, nullptr, kNow, Config{});
  expect_checks(none.checks, {
                                 {"irr.aut-num.admin-c", false, true, "",
                                  "no aut-num AS64502 in the IRR data", std::nullopt, false},
                                 {"irr.aut-num.tech-c", false, true, "",
                                  "no aut-num AS64502 in the IRR data", std::nullopt, false},
                                 {"irr.aut-num", false, false, "",
                                  "no aut-num AS64502 in the IRR data", std::nullopt, false},
                             });
  EXPECT_EQ(m8_percent(none), 0.0);
  EXPECT_EQ(m8_percent(coordination_checks(64500, nullptr, nullptr, kNow, Config{})), std::nullopt);
}

// The public RIPE dumps: no person/role/mntner objects. A non-empty admin-c counts ([PROTO]).
TEST(CoordinationTest, UnresolvableHandlesCountWithoutPersonData) {
  const irr::Database db = load_db(
      "aut-num: AS64503\nas-name: DUMP-AS\nadmin-c: DUMY-RIPE\ntech-c: DUMY-RIPE\n"
      "mnt-by: DUMP-MNT\nsource: RIPE\n");
  const Coordination c = coordination_checks(64503, &db, nullptr, kNow, Config{});
  ASSERT_EQ(c.checks.size(), 6U);
  EXPECT_EQ(c.checks[1].id, "irr.aut-num.admin-c");
  EXPECT_TRUE(c.checks[1].ok);
  EXPECT_EQ(c.checks[1].value, "DUMY-RIPE");
  EXPECT_EQ(c.checks[1].detail, "DUMY-RIPE not resolved: no role/person objects in the data");
  EXPECT_EQ(c.checks[5].id, "irr.aut-num.mnt-by");
  EXPECT_TRUE(c.checks[5].ok);
  EXPECT_EQ(c.checks[5].detail, "DUMP-MNT not resolved: no mntner objects in the data");
  EXPECT_EQ(m8_percent(c), 100.0);
}

constexpr std::string_view kPdb = R"({
  "net": {"data": [
    {"id": 1, "org_id": 1, "asn": 64501, "name": "Other", "irr_as_set": "TEST::AS64500:AS-CUSTOMERS AS-MISSING",
     "status": "ok", "updated": "2024-05-01T00:00:00Z"},
    {"id": 2, "org_id": 1, "asn": 64502, "name": "Hidden", "irr_as_set": "", "status": "ok",
     "updated": "2020-01-01T00:00:00Z"}]},
  "poc": {"data": [
    {"id": 11, "net_id": 1, "role": "NOC", "visible": "Users", "name": "NOC",
     "email": "noc@other.example", "phone": "", "updated": "2024-05-01T00:00:00Z", "status": "ok"},
    {"id": 12, "net_id": 1, "role": "Abuse", "visible": "Public", "name": "Abuse", "email": "",
     "phone": "", "updated": "2024-05-01T00:00:00Z", "status": "ok"},
    {"id": 21, "net_id": 2, "role": "NOC", "visible": "Private", "name": "NOC",
     "email": "noc@hidden.example", "phone": "", "updated": "2020-01-01T00:00:00Z", "status": "ok"},
    {"id": 22, "net_id": 2, "role": "Technical", "visible": "Public", "name": "Tech",
     "email": "", "phone": "", "updated": "2020-01-01T00:00:00Z", "status": "ok"}]}
})";

TEST(CoordinationTest, PeeringDbContactsByRoleAndVisibility) {
  const irr::Database db = load_db(kRpsl);
  registry::PeeringDb pdb;
  ASSERT_TRUE(pdb.load_text(kPdb, "pdb.json"));
  pdb.finalize();
  // AS64501: IRR contacts fail, the PeeringDB NOC poc (Users, e-mail) carries M8.
  const Coordination c = coordination_checks(64501, &db, &pdb, kNow, Config{});
  ASSERT_EQ(c.checks.size(), 12U);
  const std::vector<Want> pdb_want = {
      {"peeringdb.net", true, false, "Other", "", 1714521600, false},
      {"peeringdb.poc.noc", true, true, "NOC (Users, noc@other.example)", "", 1714521600, false},
      {"peeringdb.poc.technical", false, true, "", "no Technical poc", std::nullopt, false},
      {"peeringdb.poc.abuse", false, false, "Abuse (Public)", "poc 12: no e-mail or phone",
       std::nullopt, false},
      {"peeringdb.poc.policy", false, false, "", "no Policy poc", std::nullopt, false},
      {"peeringdb.poc.maintenance", false, false, "", "no Maintenance poc", std::nullopt, false},
  };
  expect_checks(std::vector<Check>(c.checks.begin() + 6, c.checks.end()), pdb_want);
  EXPECT_EQ(c.checks[6].source, "PeeringDB net 1");
  EXPECT_EQ(m8_percent(c), 100.0);

  // AS64502: no aut-num; the NOC poc is Private and the Technical one has no e-mail or phone.
  const Coordination h = coordination_checks(64502, &db, &pdb, kNow, Config{});
  ASSERT_EQ(h.checks.size(), 9U);
  EXPECT_EQ(h.checks[3].id, "peeringdb.net");
  EXPECT_TRUE(h.checks[3].stale);
  EXPECT_EQ(h.checks[4].id, "peeringdb.poc.noc");
  EXPECT_FALSE(h.checks[4].ok);
  EXPECT_EQ(h.checks[4].detail, "poc 21: visible Private");
  EXPECT_EQ(h.checks[5].id, "peeringdb.poc.technical");
  EXPECT_FALSE(h.checks[5].ok);
  EXPECT_EQ(h.checks[5].detail, "poc 22: no e-mail or phone");
  EXPECT_EQ(m8_percent(h), 0.0);

  const Coordination missing = coordination_checks(64999, nullptr, &pdb, kNow, Config{});
  ASSERT_EQ(missing.checks.size(), 1U);
  EXPECT_EQ(missing.checks[0].detail, "no PeeringDB net for AS64999");
  EXPECT_EQ(m8_percent(missing), 0.0);
}

// An IRR with route objects only (no aut-num at all) says nothing about contacts: no IRR checks,
// M8 rests on PeeringDB, and without PeeringDB there is no data (not 0 %).
TEST(CoordinationTest, RouteObjectsOnlyIrrIsNoContactData) {
  const irr::Database db =
      load_db("route: 192.0.2.0/24\norigin: AS64501\nmnt-by: MAINT-X\nsource: TEST\n\n");
  const Coordination none = coordination_checks(64501, &db, nullptr, kNow, Config{});
  EXPECT_FALSE(none.have_irr);
  EXPECT_TRUE(none.checks.empty());
  EXPECT_EQ(m8_percent(none), std::nullopt);
  registry::PeeringDb pdb;
  ASSERT_TRUE(pdb.load_text(kPdb, "pdb.json"));
  pdb.finalize();
  const Coordination with_pdb = coordination_checks(64501, &db, &pdb, kNow, Config{});
  ASSERT_FALSE(with_pdb.checks.empty());
  EXPECT_EQ(with_pdb.checks[0].id, "peeringdb.net");
  EXPECT_EQ(m8_percent(with_pdb), 100.0);
}

// Real 2026 pages; the roles per net were read by hand from poc/page-{1,2}.json.
TEST(CoordinationTest, RealPeeringDbPages) {
  const fs::path api =
      fs::path(MANRS_SHARED_DIR) / "data/peeringdb/peeringdb-plus-2026-04/beta/anon/api";
  if (!fs::exists(api)) GTEST_SKIP() << "shared data not found: " << api;
  registry::PeeringDb pdb;
  for (const char* rel : {"net/page-1.json", "poc/page-1.json", "poc/page-2.json"}) {
    ASSERT_TRUE(pdb.load_file((api / rel).string()));
  }
  pdb.finalize();
  auto check = [](const Coordination& c, std::string_view id) -> const Check* {
    for (const Check& k : c.checks) {
      if (k.id == id) return &k;
    }
    return nullptr;
  };
  // AS6939 (net 291): Technical + NOC, Public, e-mail and phone.
  const Coordination he = coordination_checks(6939, nullptr, &pdb, kNow, Config{});
  EXPECT_TRUE(check(he, "peeringdb.poc.noc")->ok);
  EXPECT_TRUE(check(he, "peeringdb.poc.technical")->ok);
  EXPECT_FALSE(check(he, "peeringdb.poc.abuse")->ok);
  EXPECT_EQ(m8_percent(he), 100.0);
  // AS3300 (net 257): Policy + Technical with e-mail only.
  const Coordination bt = coordination_checks(3300, nullptr, &pdb, kNow, Config{});
  EXPECT_FALSE(check(bt, "peeringdb.poc.noc")->ok);
  EXPECT_TRUE(check(bt, "peeringdb.poc.technical")->ok);
  EXPECT_TRUE(check(bt, "peeringdb.poc.policy")->ok);
  EXPECT_EQ(m8_percent(bt), 100.0);
  // AS6805 (net 115): only a Policy poc → no counted contact.
  const Coordination td = coordination_checks(6805, nullptr, &pdb, kNow, Config{});
  EXPECT_TRUE(check(td, "peeringdb.poc.policy")->ok);
  EXPECT_EQ(check(td, "peeringdb.poc.noc")->detail, "no NOC poc");
  EXPECT_EQ(m8_percent(td), 0.0);
  // AS4436 (net 1): a net without any poc in these pages.
  EXPECT_EQ(m8_percent(coordination_checks(4436, nullptr, &pdb, kNow, Config{})), 0.0);
}

TEST(PolicyTest, M6AndAsSets) {
  const irr::Database db = load_db(kRpsl);
  registry::PeeringDb pdb;
  ASSERT_TRUE(pdb.load_text(kPdb, "pdb.json"));
  pdb.finalize();
  const PolicyInfo p = policy_checks(64500, &db, nullptr, Config{});
  EXPECT_TRUE(p.aut_num);
  EXPECT_EQ(p.imports, 1U);
  EXPECT_EQ(p.exports, 1U);
  EXPECT_EQ(p.as_name, "EXAMPLE-AS");
  EXPECT_EQ(p.as_sets, (std::vector<std::string>{"AS-EXAMPLE", "AS64500:AS-CUSTOMERS"}));
  expect_checks(p.checks, {
                              {"irr.aut-num.policy", true, true,
                               "1 import/mp-import, 1 export/mp-export", "", 1704844800, false},
                              {"irr.as-set", true, false, "AS-EXAMPLE, AS64500:AS-CUSTOMERS", "",
                               std::nullopt, false},
                          });
  EXPECT_EQ(m6_percent(p), 100.0);

  const PolicyInfo q = policy_checks(64501, &db, &pdb, Config{});
  EXPECT_TRUE(q.aut_num);
  EXPECT_EQ(q.peeringdb_as_set, "TEST::AS64500:AS-CUSTOMERS AS-MISSING");
  EXPECT_EQ(q.as_sets, (std::vector<std::string>{"AS64500:AS-CUSTOMERS"}));
  expect_checks(q.checks,
                {
                    {"irr.aut-num.policy", false, true, "0 import/mp-import, 0 export/mp-export",
                     "no import or mp-import; no export or mp-export", 1330819200, false},
                    {"irr.as-set", true, false, "AS64500:AS-CUSTOMERS", "", std::nullopt, false},
                    {"peeringdb.irr_as_set", false, false, "TEST::AS64500:AS-CUSTOMERS AS-MISSING",
                     "AS-MISSING: no such as-set in the IRR data", std::nullopt, false},
                });
  EXPECT_EQ(q.checks[0].source, "TEST");  // updated from its newest changed: line
  EXPECT_EQ(m6_percent(q), 0.0);

  const PolicyInfo r = policy_checks(64502, &db, &pdb, Config{});
  EXPECT_FALSE(r.aut_num);
  EXPECT_EQ(r.checks[0].detail, "no aut-num AS64502 in the IRR data");
  EXPECT_EQ(r.checks[1].detail, "no as-set named AS64502:AS-...");
  EXPECT_EQ(r.checks[2].detail, "irr_as_set is empty");
  EXPECT_EQ(m6_percent(r), 0.0);
  EXPECT_EQ(m6_percent(policy_checks(64500, nullptr, &pdb, Config{})), std::nullopt);
}

TEST(SpoofingTest, M5CountsDistinctSpoofablePrefixesInTheMonth) {
  registry::SpooferResults s;
  ASSERT_TRUE(
      s.load_text("session,timestamp,asn4,client4,routedspoof,privatespoof\n"
                  "1,2015-11-03T10:00:00Z,64500,192.0.2.0/24,received,blocked\n"
                  "2,2015-11-20T10:00:00Z,64500,192.0.2.0/24,blocked,received\n"
                  "3,2015-11-21T10:00:00Z,64500,198.51.100.0/24,blocked,blocked\n"
                  "4,2015-11-22T10:00:00Z,64500,203.0.113.0/24,unknown,\n"
                  "5,2015-10-31T23:59:59Z,64500,203.0.113.0/24,received,\n"
                  "6,2015-12-01T00:00:00Z,64500,203.0.113.0/24,received,\n"
                  "7,2015-11-05T00:00:00Z,64501,203.0.113.0/24,blocked,\n",
                  "s.csv"));
  s.finalize();
  auto w = month_window("2015-11");
  ASSERT_TRUE(w);
  const SpoofingInfo info = spoofing_info(64500, &s, *w);
  EXPECT_TRUE(info.have_data);
  EXPECT_EQ(info.tests, 3U);  // sessions 1, 2, 3 (4 is inconclusive, 5 and 6 outside)
  EXPECT_EQ(info.spoofable_prefixes, 1U);
  EXPECT_EQ(info.evidence,
            (std::vector<std::string>{"192.0.2.0/24: 2 tests received spoofed packets (routed and "
                                      "private source addresses), last 2015-11-20"}));
  const Config cfg;
  ASSERT_TRUE(m5_percent(info, cfg));
  EXPECT_NEAR(*m5_percent(info, cfg), 48.6, 0.05);  // §3.4.3: raw 1 → 48.6 %
  const SpoofingInfo clean = spoofing_info(64501, &s, *w);
  EXPECT_EQ(clean.tests, 1U);
  EXPECT_EQ(m5_percent(clean, cfg), 100.0);
  EXPECT_EQ(m5_percent(spoofing_info(64502, &s, *w), cfg), std::nullopt);  // no tests
  EXPECT_EQ(m5_percent(spoofing_info(64500, nullptr, *w), cfg), std::nullopt);
}

}  // namespace
}  // namespace manrs::check
