// check/remediation_test.cpp — the fixes of a hand-made report, checked line by line; every RPSL
// text is parsed back by the project's RPSL scanner.
#include "manrs/check/remediation.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/check/coordination.h"
#include "manrs/core/input.h"
#include "manrs/irr/database.h"
#include "manrs/irr/rpsl.h"
#include "manrs/rpki/rov.h"

namespace manrs::check {
namespace {

constexpr std::string_view kRpsl = R"(aut-num:        AS64500
as-name:        EXAMPLE-AS
tech-c:         NOC1-TEST
mnt-by:         RIPE-NCC-END-MNT
mnt-by:         EX-MNT
source:         TEST

role:           Example NOC
e-mail:         noc@example.org
nic-hdl:        NOC1-TEST
source:         TEST

route:          198.51.100.0/24
origin:         AS64500
source:         TEST

route:          185.0.0.0/22
origin:         AS64500
source:         TEST

route:          185.0.1.0/24
origin:         AS64500
source:         TEST
)";

irr::Database load_db(std::string_view text) {
  irr::Database db;
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "test.db");
  irr::LoadOptions o;
  o.progress = false;
  EXPECT_TRUE(db.load(**src, o));
  db.finalize();
  return db;
}

net::Prefix pfx(std::string_view s) { return *net::Prefix::parse(s); }

AnnouncedRoute route(std::string_view p, IrrCoverage irr, rpki::RovState rov,
                     std::string rov_detail = {}, std::string irr_detail = {}) {
  AnnouncedRoute r;
  r.prefix = pfx(p);
  r.irr = irr;
  r.rov = rov;
  r.peers = 3;
  r.rov_detail = std::move(rov_detail);
  r.irr_detail = std::move(irr_detail);
  return r;
}

// Every object in `text` scans as RPSL: `attribute: value` lines only.
void expect_rpsl(const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    const std::string obj = text.substr(start, end - start) + "\n";
    auto parsed = irr::parse_rpsl_object(obj, "fix");
    ASSERT_TRUE(parsed) << parsed.error().to_string() << "\n" << obj;
    start = end + 2;
  }
}

class RemediationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = load_db(kRpsl);
    report_.asn = 64500;
    report_.holder = "Example BV";
    report_.window = *month_window("2015-11");
    report_.routing.have_irr = true;
    report_.routing.have_rpki = true;
    report_.routing.routes = {
        route("192.0.2.0/24", IrrCoverage::kNone, rpki::RovState::kNotFound),
        route("198.51.100.0/24", IrrCoverage::kExact, rpki::RovState::kValid),
        route("203.0.113.128/25", IrrCoverage::kLessSpecific, rpki::RovState::kInvalidLength,
              "AS64500 203.0.113.0/24-24"),
        route("2001:db8::/32", IrrCoverage::kOtherOrigin, rpki::RovState::kInvalidAsn,
              "AS64999 2001:db8::/32-32", "route6 2001:db8::/32 AS64999 (TEST)"),
    };
    Event bogon;
    bogon.metric = Metric::kM3;
    bogon.asn = bogon.culprit = 64500;
    bogon.prefix = pfx("10.0.0.0/8");
    bogon.detail = "10.0.0.0/8 (RFC 1918) originated by AS64500";
    bogon.reference = "m3-1446336000-64500";
    Event cust = bogon;
    cust.metric = Metric::kM2C;
    cust.culprit = 64510;
    cust.prefix = pfx("192.0.2.128/25");
    cust.detail = "192.0.2.128/25 originated by AS64510, authorised by neither RPKI nor IRR";
    report_.events = {bogon, bogon, cust};
    report_.coordination = coordination_checks(64500, &db_, nullptr, 1446336000, Config{});
    report_.policy = policy_checks(64500, &db_, nullptr, Config{});
    vrps_ = {rpki::Vrp{pfx("198.51.100.0/22"), 24, 64500, 0, 0},
             rpki::Vrp{pfx("203.0.113.0/24"), 24, 64500, 0, 0}};
    in_.irr = &db_;
    in_.vrps = vrps_;
    in_.customers = {64510};
    in_.providers = {64501};
    in_.peers = {64520};
    in_.registry = "ripencc";
  }

  irr::Database db_;
  AsReport report_;
  std::vector<rpki::Vrp> vrps_;
  RemediationInputs in_;
};

TEST_F(RemediationTest, EveryGapHasItsFix) {
  const std::vector<Fix> fixes = remediate(report_, in_);
  std::vector<std::string> kinds;
  for (const Fix& f : fixes) kinds.push_back(f.kind + " " + f.title);
  const std::vector<std::string> want = {
      "withdraw Stop originating 10.0.0.0/8 (M3)",
      "filter Filter the routes of customer AS64510 by IRR and RPKI",
      "antispoof Source address validation on the interfaces of customer AS64510",
      "contact Create a NOC role object for AS64500",
      "contact Reference the NOC role from aut-num AS64500",
      "route-object Register route 192.0.2.0/24 origin AS64500",
      "route-object Register route6 2001:db8::/32 origin AS64500",
      "aut-num Document the routing policy of AS64500 in its aut-num",
      "as-set Register the as-set AS64500:AS-ALL",
      "roa Create a ROA for 192.0.2.0/24 origin AS64500",
      "roa Create a ROA for exactly 203.0.113.128/25 origin AS64500",
      "roa The holder of 2001:db8::/32 must authorise AS64500",
      "roa Replace the ROA 198.51.100.0/22-24 AS64500 by minimal ROAs",
      "as0-roa Consider an AS0 ROA for 185.0.0.0/22",
  };
  EXPECT_EQ(kinds, want);
  for (const Fix& f : fixes) {
    SCOPED_TRACE(f.title);
    EXPECT_FALSE(f.reason.empty());
    if (f.kind == "route-object" || f.kind == "aut-num" || f.kind == "as-set" ||
        (f.kind == "contact" && f.title.starts_with("Create"))) {
      expect_rpsl(f.text);
    }
  }
  // Action order.
  EXPECT_EQ(fixes[0].action, Action::kFiltering);
  EXPECT_EQ(fixes[2].action, Action::kAntiSpoofing);
  EXPECT_EQ(fixes[3].action, Action::kCoordination);
  EXPECT_EQ(fixes[5].action, Action::kIrr);
  EXPECT_EQ(fixes[9].action, Action::kRpki);
}

TEST_F(RemediationTest, TextsLineByLine) {
  const std::vector<Fix> f = remediate(report_, in_);
  ASSERT_EQ(f.size(), 14U);
  EXPECT_EQ(f[0].reason, "10.0.0.0/8 (RFC 1918) originated by AS64500 [m3-1446336000-64500]");
  EXPECT_EQ(f[1].text, "manrs filter AS64510 --mode irr-rpki -d <dialect>");
  EXPECT_EQ(f[1].reason,
            "1 event (M2C) from customer AS64510, e.g.: 192.0.2.128/25 originated by AS64510, "
            "authorised by neither RPKI nor IRR");
  EXPECT_EQ(f[2].text, "manrs antispoof AS64510 --local-as 64500");
  EXPECT_EQ(f[3].text,
            "role:           Example BV NOC\n"
            "address:        Postal address of the NOC\n"
            "e-mail:         noc@example.net\n"
            "abuse-mailbox:  abuse@example.net\n"
            "nic-hdl:        AUTO-1\n"
            "remarks:        24/7 network operations centre of AS64500\n"
            "remarks:        PeeringDB: https://www.peeringdb.com/asn/64500\n"
            "mnt-by:         EX-MNT\n"
            "source:         RIPE\n");
  EXPECT_EQ(f[3].reason,
            "irr.aut-num.admin-c: aut-num AS64500 has no admin-c; irr.aut-num.abuse-c: no abuse-c "
            "on the aut-num and no org: to inherit one from; irr.abuse-mailbox: no abuse-mailbox "
            "on the abuse-c role or the organisation");
  EXPECT_EQ(f[4].text,
            "aut-num:        AS64500\n"
            "as-name:        EXAMPLE-AS\n"
            "tech-c:         NOC1-TEST\n"
            "mnt-by:         RIPE-NCC-END-MNT\n"
            "mnt-by:         EX-MNT\n"
            "admin-c:        AUTO-1\n"
            "abuse-c:        AUTO-1\n"
            "source:         TEST\n");
  EXPECT_EQ(f[5].text,
            "route:          192.0.2.0/24\n"
            "descr:          Example BV\n"
            "origin:         AS64500\n"
            "mnt-by:         EX-MNT\n"
            "source:         RIPE\n");
  EXPECT_EQ(f[5].reason, "announced in 2015-11 (seen by 3 peers); no route object covers it");
  EXPECT_EQ(f[6].text,
            "route6:         2001:db8::/32\n"
            "descr:          Example BV\n"
            "origin:         AS64500\n"
            "mnt-by:         EX-MNT\n"
            "source:         RIPE\n");
  EXPECT_NE(f[6].reason.find("route6 2001:db8::/32 AS64999 (TEST)"), std::string::npos);
  EXPECT_EQ(f[7].text,
            "aut-num:        AS64500\n"
            "as-name:        EXAMPLE-AS\n"
            "descr:          Example BV\n"
            "mp-import:      afi any.unicast from AS64501 accept ANY\n"
            "mp-import:      afi any.unicast from AS64520 accept AS64520\n"
            "mp-import:      afi any.unicast from AS64510 accept AS64510\n"
            "mp-export:      afi any.unicast to AS64501 announce AS64500:AS-ALL\n"
            "mp-export:      afi any.unicast to AS64520 announce AS64500:AS-ALL\n"
            "mp-export:      afi any.unicast to AS64510 announce ANY\n"
            "tech-c:         NOC1-TEST\n"
            "admin-c:        AUTO-1\n"
            "mnt-by:         EX-MNT\n"
            "source:         RIPE\n");
  EXPECT_EQ(f[7].reason, "aut-num has 0 import and 0 export lines (M6 needs at least one of each)");
  EXPECT_EQ(f[8].text,
            "as-set:         AS64500:AS-CUSTOMERS\n"
            "descr:          Customers of AS64500\n"
            "members:        AS64510\n"
            "tech-c:         AUTO-1\n"
            "admin-c:        AUTO-1\n"
            "mnt-by:         EX-MNT\n"
            "source:         RIPE\n"
            "\n"
            "as-set:         AS64500:AS-ALL\n"
            "descr:          AS64500 and its customers\n"
            "members:        AS64500, AS64500:AS-CUSTOMERS\n"
            "tech-c:         AUTO-1\n"
            "admin-c:        AUTO-1\n"
            "mnt-by:         EX-MNT\n"
            "source:         RIPE\n");
  EXPECT_EQ(f[9].text, "ASN,IP Prefix,Max Length\nAS64500,192.0.2.0/24,24\n");
  EXPECT_EQ(f[10].text, "ASN,IP Prefix,Max Length\nAS64500,203.0.113.128/25,25\n");
  EXPECT_NE(f[10].reason.find("AS64500 203.0.113.0/24-24"), std::string::npos);
  EXPECT_EQ(f[11].text, "ASN,IP Prefix,Max Length\nAS64500,2001:db8::/32,32\n");
  EXPECT_NE(f[11].reason.find("hijack"), std::string::npos);
  EXPECT_EQ(f[12].text, "ASN,IP Prefix,Max Length\nAS64500,198.51.100.0/24,24\n");
  // 185.0.0.0/22 and 185.0.1.0/24 are registered, unannounced: one candidate, the aggregate.
  EXPECT_EQ(f[13].text, "ASN,IP Prefix,Max Length\nAS0,185.0.0.0/22,32\n");
  EXPECT_NE(f[13].reason.find("route object (TEST)"), std::string::npos);
}

TEST_F(RemediationTest, MaintainerSourceAndNothingToFix) {
  in_.maintainer = "MY-MNT";
  in_.registry = "arin";
  std::vector<Fix> f = remediate(report_, in_);
  ASSERT_GE(f.size(), 6U);
  EXPECT_EQ(f[3].title, "Register NOC, Tech and Abuse POCs for AS64500");
  EXPECT_EQ(f[4].kind, "route-object");  // no RPSL aut-num edit for a POC registry
  EXPECT_EQ(f[4].text,
            "route:          192.0.2.0/24\n"
            "descr:          Example BV\n"
            "origin:         AS64500\n"
            "mnt-by:         MY-MNT\n"
            "source:         ARIN\n");
  EXPECT_EQ(irr_source_for("ripencc"), "RIPE");
  EXPECT_EQ(irr_source_for("afrinic"), "AFRINIC");
  EXPECT_EQ(irr_source_for(""), "RADB");

  // A clean AS: valid, registered routes, contacts, policy, an as-set → no fixes.
  const irr::Database db = load_db(
      "aut-num: AS64600\nas-name: CLEAN\nimport: from AS1 accept ANY\nexport: to AS1 announce "
      "AS64600\nadmin-c: C1-TEST\ntech-c: C1-TEST\nabuse-c: C1-TEST\nmnt-by: C-MNT\nsource: "
      "TEST\n\n"
      "role: Clean\ne-mail: a@b.c\nabuse-mailbox: a@b.c\nnic-hdl: C1-TEST\nsource: TEST\n\n"
      "mntner: C-MNT\nsource: TEST\n\nas-set: AS64600:AS-ALL\nmembers: AS64600\nsource: TEST\n\n"
      "route: 192.0.2.0/24\norigin: AS64600\nsource: TEST\n");
  AsReport clean;
  clean.asn = 64600;
  clean.routing.have_irr = clean.routing.have_rpki = true;
  clean.routing.routes = {route("192.0.2.0/24", IrrCoverage::kExact, rpki::RovState::kValid)};
  clean.coordination = coordination_checks(64600, &db, nullptr, 0, Config{});
  clean.policy = policy_checks(64600, &db, nullptr, Config{});
  RemediationInputs in;
  in.irr = &db;
  const std::vector<rpki::Vrp> vrps = {rpki::Vrp{pfx("192.0.2.0/24"), 24, 64600, 0, 0}};
  in.vrps = vrps;
  const auto none = remediate(clean, in);
  for (const Fix& x : none) ADD_FAILURE() << x.kind << ": " << x.title;
}

}  // namespace
}  // namespace manrs::check
