// Tests of the whois Responder: exact answer bytes for every query kind on a small handwritten
// database, the bgpq4/bgpq3/whois exchanges captured against fake_irrd.py replayed on
// tiny.rpsl, session rules, source selection, the response-size limit, RPKI-aware answers, and
// an A<n> framing property over thousands of queries on the real RIPE dumps.
#include "manrs/irr/whois.h"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/irr/database.h"
#include "manrs/irr/whois_test_util.h"
#include "manrs/rpki/rov.h"

namespace manrs::irr {
namespace {

using testutil::frame_ok;
using testutil::load_text;

// TEST first, then OTHER.
constexpr std::string_view kTest = R"(mntner:         TEST-MNT
descr:          test maintainer
auth:           MD5-PW $1$abcdefgh$0123456789abcdefghijkl
auth:           bcrypt-pw $2b$12$abcdefghijklmnopqrstuv # a comment
mnt-by:         TEST-MNT
source:         TEST

aut-num:        AS65001
as-name:        ONE
member-of:      AS-REF
mnt-by:         TEST-MNT
source:         TEST

aut-num:        AS65009
as-name:        NOT-ACCEPTED
member-of:      AS-REF
mnt-by:         OTHER-MNT
source:         TEST

as-set:         AS-REF
members:        AS65002
mbrs-by-ref:    TEST-MNT
mnt-by:         TEST-MNT
source:         TEST

as-set:         AS-TOP
members:        AS-REF, AS65003,
                AS-MISSING
mnt-by:         TEST-MNT
source:         TEST

route-set:      RS-ONE
members:        192.0.2.0/24^+, AS65003
mp-members:     2001:db8::/32^48
mbrs-by-ref:    ANY
source:         TEST

route:          192.0.2.0/24
origin:         AS65001
mnt-by:         TEST-MNT
source:         TEST

route:          192.0.2.0/25
origin:         AS65002
member-of:      RS-ONE
mnt-by:         TEST-MNT
source:         TEST

route:          192.0.2.0/24
origin:         AS65002
source:         TEST

route6:         2001:db8::/32
origin:         AS65001
source:         TEST

route:          198.51.100.0/24
origin:         AS65003
source:         TEST

as-block:       AS65000 - AS65100
descr:          private block
source:         TEST

as-set:         AS-DEEP
members:        AS-TOP
source:         TEST
)";

constexpr std::string_view kOther = R"(route:          192.0.2.0/24
origin:         AS65001
source:         OTHER

as-set:         AS-REF
members:        AS64999
source:         OTHER
)";

// One object of kTest/kOther by its first line.
std::string obj(std::string_view first_line) {
  for (std::string_view all : {kTest, kOther}) {
    std::string text(all);
    text += "\n";
    auto at = text.find(std::string(first_line) + "\n");
    while (at != std::string::npos && at != 0 && text[at - 1] != '\n') {
      at = text.find(std::string(first_line) + "\n", at + 1);
    }
    if (at != std::string::npos) {
      return text.substr(at, text.find("\n\n", at) + 1 - at);
    }
  }
  ADD_FAILURE() << "no object " << first_line;
  return {};
}

// The route object that starts with `first_line` and has this origin line.
std::string route(std::string_view prefix_line, std::string_view origin, std::string_view src) {
  for (std::string_view all : {kTest, kOther}) {
    std::string text(all);
    text += "\n";
    std::size_t at = 0;
    while ((at = text.find(std::string(prefix_line) + "\n", at)) != std::string::npos) {
      std::string o = text.substr(at, text.find("\n\n", at) + 1 - at);
      if (o.find("origin:         " + std::string(origin) + "\n") != std::string::npos &&
          o.find("source:         " + std::string(src) + "\n") != std::string::npos) {
        return o;
      }
      ++at;
    }
  }
  ADD_FAILURE() << "no route " << prefix_line << " " << origin;
  return {};
}

std::string a(std::string_view data) {
  return "A" + std::to_string(data.size() + 1) + "\n" + std::string(data) + "\nC\n";
}

// Objects as IRRd's !m/!o/!r send them: texts joined by blank lines, trailing newlines cut.
std::string objects(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& t : texts) {
    out += t + "\n";
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out;
}

std::string ripe(const std::vector<std::string>& texts) { return objects(texts) + "\n\n\n"; }

constexpr std::string_view kNoEntries = "%  No entries found for the selected source(s).\n\n\n";

class WhoisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(load_text(db_, kTest, "test.db"));
    ASSERT_TRUE(load_text(db_, kOther, "other.db"));
    db_.finalize();
    ASSERT_TRUE(db_.set_source_order({"TEST", "OTHER"}));
  }

  // Answers `lines` in one fresh session (persistent) and returns the last answer's bytes.
  std::string ask(std::string_view line, const ResponderOptions& opt = {}) {
    Responder r(db_, opt);
    Session s = r.new_session();
    std::string out;
    r.answer(line, s, out);
    EXPECT_TRUE(frame_ok(line, out)) << line << " -> " << out;
    return out;
  }

  std::string ask_in(Responder& r, Session& s, std::string_view line) {
    std::string out;
    r.answer(line, s, out);
    EXPECT_TRUE(frame_ok(line, out)) << line << " -> " << out;
    return out;
  }

  Database db_;
};

TEST_F(WhoisTest, RoutesByOrigin) {
  EXPECT_EQ(ask("!gAS65001"), a("192.0.2.0/24"));  // two sources, one prefix
  EXPECT_EQ(ask("!gas65002\r"), a("192.0.2.0/24 192.0.2.0/25"));
  EXPECT_EQ(ask("!6AS65001"), a("2001:db8::/32"));
  EXPECT_EQ(ask("!6AS65003"), "D\n");  // IRRd: no prefixes = key not found
  EXPECT_EQ(ask("!gAS4294967295"), "D\n");
  EXPECT_EQ(ask("!gAS65001X"), "F Invalid AS number AS65001X: number part is not numeric\n");
}

TEST_F(WhoisTest, SetMembers) {
  // mbrs-by-ref: AS65001 (mnt-by TEST-MNT) counts, AS65009 (OTHER-MNT) does not.
  EXPECT_EQ(ask("!iAS-REF"), a("AS65001 AS65002"));
  EXPECT_EQ(ask("!iAS-TOP"), a("AS-MISSING AS-REF AS65003"));  // sorted like IRRd
  EXPECT_EQ(ask("!ias-top,1"), a("AS65001 AS65002 AS65003"));  // missing sets dropped
  EXPECT_EQ(ask("!iRS-ONE"), a("192.0.2.0/24^+ 192.0.2.0/25 2001:db8::/32^48-48 AS65003"));
  EXPECT_EQ(ask("!iRS-ONE,1"),
            a("192.0.2.0/24^+ 192.0.2.0/25 198.51.100.0/24 2001:db8::/32^48-48"));
  EXPECT_EQ(ask("!iOTHER::AS-REF"), a("AS64999"));
  EXPECT_EQ(ask("!iAS-NOPE"), "D\n");
  EXPECT_EQ(ask("!iAS-NOPE,1"), "D\n");
  EXPECT_EQ(ask("!i,1"), "D\n");
}

TEST_F(WhoisTest, SetPrefixes) {
  EXPECT_EQ(ask("!a4AS-TOP"), a("192.0.2.0/24 192.0.2.0/25 198.51.100.0/24"));
  EXPECT_EQ(ask("!a6AS-TOP"), a("2001:db8::/32"));
  EXPECT_EQ(ask("!aAS-TOP"), a("192.0.2.0/24 192.0.2.0/25 198.51.100.0/24 2001:db8::/32"));
  EXPECT_EQ(ask("!a"), "F Missing required set name for A query\n");
  EXPECT_EQ(ask("!a4AS-NOPE"), "D\n");
  EXPECT_EQ(ask("!aRS-ONE"), "D\n");   // IRRd: as-sets only
  EXPECT_EQ(ask("!aAS65001"), "D\n");  // IRRd: an ASN is not a set
}

TEST_F(WhoisTest, ObjectLookups) {
  EXPECT_EQ(ask("!maut-num,AS65001"), a(objects({obj("aut-num:        AS65001")})));
  EXPECT_EQ(ask("!maut-num,as65001"), a(objects({obj("aut-num:        AS65001")})));
  EXPECT_EQ(ask("!mas-set,AS-REF"), a(objects({obj("as-set:         AS-REF")})));  // TEST first
  EXPECT_EQ(ask("!mroute,192.0.2.0/24AS65002"),
            a(objects({route("route:          192.0.2.0/24", "AS65002", "TEST")})));
  EXPECT_EQ(ask("!mroute,192.0.2.0/24 AS65002"),
            a(objects({route("route:          192.0.2.0/24", "AS65002", "TEST")})));
  EXPECT_EQ(ask("!maut-num,AS65099"), "D\n");
  EXPECT_EQ(ask("!mpoem,AS65001"), "D\n");
  EXPECT_EQ(ask("!maut-num"), "F Invalid argument for object lookup: aut-num\n");
  // Password hashes never leave the server (IRRd's remove_auth_hashes).
  const std::string masked = R"(mntner:         TEST-MNT
descr:          test maintainer
auth:           MD5-PW DummyValue  # Filtered for security
auth:           bcrypt-pw DummyValue  # Filtered for security
mnt-by:         TEST-MNT
source:         TEST)";
  EXPECT_EQ(ask("!mmntner,TEST-MNT"), a(masked));
  EXPECT_EQ(ask("!oTEST-MNT"),
            a(objects({masked + "\n", obj("aut-num:        AS65001"), obj("as-set:         AS-REF"),
                       obj("as-set:         AS-TOP"),
                       route("route:          192.0.2.0/24", "AS65001", "TEST"),
                       obj("route:          192.0.2.0/25")})));
  EXPECT_EQ(ask("!oNOPE-MNT"), "D\n");
}

TEST_F(WhoisTest, RouteSearch) {
  const std::string r24_1 = route("route:          192.0.2.0/24", "AS65001", "TEST");
  const std::string r24_1o = route("route:          192.0.2.0/24", "AS65001", "OTHER");
  const std::string r24_2 = route("route:          192.0.2.0/24", "AS65002", "TEST");
  const std::string r25 = obj("route:          192.0.2.0/25");
  EXPECT_EQ(ask("!r192.0.2.0/24"), a(objects({r24_1, r24_1o, r24_2})));
  EXPECT_EQ(ask("!r192.0.2.0/24,o"), a("AS65001 AS65002"));
  EXPECT_EQ(ask("!r192.0.2.0/25,l"), a(objects({r24_1, r24_1o, r24_2})));
  EXPECT_EQ(ask("!r192.0.2.0/25,L"), a(objects({r24_1, r24_1o, r24_2, r25})));
  EXPECT_EQ(ask("!r192.0.2.0/24,M"), a(objects({r25})));
  EXPECT_EQ(ask("!r2001:db8::/32,o"), a("AS65001"));
  EXPECT_EQ(ask("!r10.0.0.0/8"), "D\n");
  EXPECT_EQ(ask("!r10.0.0.1/8"), "F Invalid input for route search: 10.0.0.1/8\n");
}

TEST_F(WhoisTest, SourcesSerialsVersion) {
  EXPECT_EQ(ask("!s-lc"), a("TEST,OTHER"));
  EXPECT_EQ(ask("!j-*"), a("TEST:N:-\nOTHER:N:-"));
  EXPECT_EQ(ask("!jother,nope"), a("OTHER:N:-\nNOPE:X:Database unknown"));
  ResponderOptions opt;
  opt.version = "manrs test 1.0";
  EXPECT_EQ(ask("!v", opt), a("manrs test 1.0"));
  EXPECT_EQ(ask("!nbgpq4 1.9"), "C\n");
  EXPECT_EQ(ask("!t30"), "C\n");
  EXPECT_EQ(ask("!z"), "F Unrecognised command: z\n");
  EXPECT_EQ(ask(std::string_view("!gAS1\0", 6)), "F Queries may not contain null bytes\n");

  Responder r(db_, {});
  Session s = r.new_session();
  EXPECT_EQ(ask_in(r, s, "!sother"), "C\n");
  EXPECT_EQ(ask_in(r, s, "!s-lc"), a("OTHER"));
  EXPECT_EQ(ask_in(r, s, "!gAS65002"), "D\n");
  EXPECT_EQ(ask_in(r, s, "!iAS-REF"), a("AS64999"));
  // An unknown source is refused and the selection stays (bgpq4 needs "C" for a good list).
  EXPECT_EQ(ask_in(r, s, "!sOTHER,NOPE"), "F One or more selected sources are unavailable.\n");
  EXPECT_EQ(ask_in(r, s, "!s-lc"), a("OTHER"));
  EXPECT_EQ(ask_in(r, s, "!s-*"), "C\n");
  EXPECT_EQ(ask_in(r, s, "!s-lc"), a("OTHER"));
  EXPECT_EQ(ask_in(r, s, "!sTEST,OTHER"), "C\n");
  EXPECT_EQ(ask_in(r, s, "!gAS65002"), a("192.0.2.0/24 192.0.2.0/25"));
  EXPECT_EQ(s.timeout_seconds, 0U);
  EXPECT_EQ(ask_in(r, s, "!t45"), "C\n");
  EXPECT_EQ(s.timeout_seconds, 45U);

  ResponderOptions only_other;
  only_other.default_sources = {"other"};
  Responder r2(db_, only_other);
  Session s2 = r2.new_session();
  EXPECT_EQ(ask_in(r2, s2, "!s-lc"), a("OTHER"));
  ResponderOptions bad;
  bad.default_sources = {"NOPE"};
  EXPECT_THROW(Responder(db_, bad), std::invalid_argument);
}

TEST_F(WhoisTest, RipeStyle) {
  const std::string ref_test = obj("as-set:         AS-REF");
  const std::string ref_other = obj("as-set:         AS-REF\nmembers:        AS64999");
  EXPECT_EQ(ask("AS-REF"), ripe({ref_test, ref_other}));
  EXPECT_EQ(ask("as-ref\r"), ripe({ref_test, ref_other}));
  EXPECT_EQ(ask("-s OTHER AS-REF"), ripe({ref_other}));
  EXPECT_EQ(ask("-T aut-num AS-REF"), kNoEntries);
  EXPECT_EQ(ask("AS65001"),
            ripe({obj("as-block:       AS65000 - AS65100"), obj("aut-num:        AS65001")}));
  EXPECT_EQ(ask("-T aut-num as65001"), ripe({obj("aut-num:        AS65001")}));
  EXPECT_EQ(ask("192.0.2.0/25"), ripe({route("route:          192.0.2.0/24", "AS65001", "TEST"),
                                       route("route:          192.0.2.0/24", "AS65001", "OTHER"),
                                       route("route:          192.0.2.0/24", "AS65002", "TEST"),
                                       obj("route:          192.0.2.0/25")}));
  EXPECT_EQ(ask("-x 192.0.2.0/25"), ripe({obj("route:          192.0.2.0/25")}));
  EXPECT_EQ(ask("-M 192.0.2.0/24"), ripe({obj("route:          192.0.2.0/25")}));
  EXPECT_EQ(ask("-m 192.0.0.0/16"),
            ripe({route("route:          192.0.2.0/24", "AS65001", "TEST"),
                  route("route:          192.0.2.0/24", "AS65001", "OTHER"),
                  route("route:          192.0.2.0/24", "AS65002", "TEST")}));
  EXPECT_EQ(ask("-K -i origin AS65001"),
            "route: 192.0.2.0/24\norigin: AS65001\n\nroute6: 2001:db8::/32\norigin: AS65001\n\n\n");
  EXPECT_EQ(ask("-i origin AS65003"), ripe({obj("route:          198.51.100.0/24")}));
  EXPECT_EQ(ask("-K AS-TOP"),
            "as-set: AS-TOP\nmembers: AS-REF\nmembers: AS65003\nmembers: AS-MISSING\n\n\n");
  EXPECT_EQ(ask("-K RS-ONE"),
            "route-set: RS-ONE\nmembers: 192.0.2.0/24^+\nmembers: AS65003\n"
            "mp-members: 2001:db8::/32^48\n\n\n");
  EXPECT_EQ(ask("-i member-of AS-REF"),
            ripe({obj("aut-num:        AS65001"), obj("aut-num:        AS65009")}));
  EXPECT_EQ(ask("-i mbrs-by-ref test-mnt"), ripe({ref_test}));
  EXPECT_EQ(ask("-T as-set -i mnt-by TEST-MNT"), ripe({ref_test, obj("as-set:         AS-TOP")}));
  EXPECT_EQ(ask("NOPE"), kNoEntries);
  EXPECT_EQ(ask("-i origin foo"), kNoEntries);
  EXPECT_EQ(ask("-k"), kNoEntries);
  EXPECT_EQ(ask("-z"), "%% ERROR: Unrecognised flag/search: z\n\n\n");
  EXPECT_EQ(ask("-s NOPE AS-REF"), "%% ERROR: One or more selected sources are unavailable.\n\n\n");
  EXPECT_EQ(ask("-i admin-c X"),
            "%% ERROR: Inverse attribute search not supported for admin-c,only supported for "
            "attributes: origin, mnt-by, member-of, mbrs-by-ref\n\n\n");
  EXPECT_EQ(ask("-V whois-5 !gAS65001"), a("192.0.2.0/24"));  // IRRd #985
}

TEST_F(WhoisTest, SessionLifetime) {
  Responder r(db_, {});
  {
    Session s = r.new_session();  // IRRd closes after the first answer
    std::string out;
    EXPECT_EQ(r.answer("", s, out), After::kContinue);  // blank lines are skipped
    EXPECT_EQ(r.answer("!gAS65001", s, out), After::kClose);
    EXPECT_EQ(out, a("192.0.2.0/24"));
  }
  {
    Session s = r.new_session();
    std::string out;
    EXPECT_EQ(r.answer("!z", s, out), After::kClose);  // errors too
  }
  {
    Session s = r.new_session();
    std::string out;
    AnswerInfo info;
    EXPECT_EQ(r.answer("!!", s, out, &info), After::kContinue);
    EXPECT_EQ(out, "");
    EXPECT_EQ(info.status, '-');
    EXPECT_EQ(r.answer("!gAS65001", s, out, &info), After::kContinue);
    EXPECT_EQ(info.status, 'A');
    EXPECT_EQ(info.kind, Query::Kind::kRoutesByOrigin);
    EXPECT_EQ(info.bytes, out.size());
    EXPECT_EQ(r.answer("!6AS65003", s, out, &info), After::kContinue);
    EXPECT_EQ(info.status, 'D');
    EXPECT_EQ(r.answer("!z", s, out, &info), After::kContinue);
    EXPECT_EQ(info.status, 'F');
    EXPECT_EQ(r.answer("AS-NOPE", s, out, &info), After::kContinue);
    EXPECT_EQ(info.status, 'D');
    const std::size_t before = out.size();
    EXPECT_EQ(r.answer("!q", s, out, &info), After::kClose);
    EXPECT_EQ(out.size(), before);  // !q has no answer
    EXPECT_EQ(s.queries, 4U);
  }
  {
    Session s = r.new_session();
    std::string out;
    EXPECT_EQ(r.answer("-k AS-TOP", s, out), After::kContinue);  // RIPE keep-alive
    EXPECT_EQ(r.answer("AS-TOP", s, out), After::kContinue);
    EXPECT_TRUE(s.keepalive);
  }
}

TEST_F(WhoisTest, ResponseSizeLimit) {
  ResponderOptions opt;
  const std::string full = ask("!oTEST-MNT");
  opt.max_response_bytes = 100;
  const std::string big = ask("!oTEST-MNT", opt);
  EXPECT_EQ(big.rfind("F Response too large (", 0), 0U) << big;
  EXPECT_NE(big.find(" bytes, limit 100)\n"), std::string::npos) << big;
  EXPECT_EQ(ask("-i mnt-by TEST-MNT", opt).rfind("%% ERROR: Response too large (", 0), 0U);
  EXPECT_EQ(ask("!gAS65002", opt), a("192.0.2.0/24 192.0.2.0/25"));  // small answers pass
  opt.max_response_bytes = full.size();  // the limit counts data bytes: the full answer fits
  EXPECT_EQ(ask("!oTEST-MNT", opt), full);
}

TEST_F(WhoisTest, ExpansionLimitsAreErrors) {
  ResponderOptions opt;
  opt.expand.max_depth = 1;  // AS-DEEP -> AS-TOP (level 1) -> AS-REF (level 2)
  EXPECT_EQ(ask("!iAS-DEEP,1"), a("AS65001 AS65002 AS65003"));
  EXPECT_EQ(ask("!iAS-DEEP,1", opt),
            "F Expansion of AS-DEEP stopped: set nesting deeper than 1 levels\n");
  EXPECT_EQ(ask("!a4AS-DEEP", opt).rfind("F Expansion of AS-DEEP stopped", 0), 0U);
  EXPECT_EQ(ask("!iAS-TOP,1", opt), a("AS65001 AS65002 AS65003"));
  opt.expand.max_sets = 1;
  EXPECT_EQ(ask("!iAS-TOP,1", opt),
            "F Expansion of AS-TOP stopped: more than 1 sets, 1000000 ASNs or 10000000 "
            "prefixes (server limits)\n");
}

TEST_F(WhoisTest, RpkiAwareHidesInvalidRoutes) {
  // ROA 192.0.2.0/24-24 AS65001: 192.0.2.0/24 AS65001 valid; AS65002's /24 and /25 invalid.
  std::vector<rpki::Vrp> vrps(1);
  vrps[0].prefix = *net::Prefix::parse("192.0.2.0/24");
  vrps[0].max_length = 24;
  vrps[0].asn = 65001;
  rpki::RovTable table(vrps);
  db_.apply_rpki(table);
  ResponderOptions opt;
  opt.exclude_rpki_invalid = true;
  EXPECT_EQ(ask("!gAS65002", opt), "D\n");
  EXPECT_EQ(ask("!gAS65001", opt), a("192.0.2.0/24"));
  EXPECT_EQ(ask("!a4AS-TOP", opt), a("192.0.2.0/24 198.51.100.0/24"));
  EXPECT_EQ(ask("!r192.0.2.0/24,o", opt), a("AS65001"));
  // IRRd marks route objects with their RPKI state in RPKI-aware mode.
  EXPECT_EQ(ask("!r198.51.100.0/24", opt),
            a(obj("route:          198.51.100.0/24") +
              "rpki-ov-state:  not_found # No ROAs found, or RPKI validation not enabled for "
              "source"));
  EXPECT_EQ(ask("!mroute,192.0.2.0/24AS65001", opt),
            a(route("route:          192.0.2.0/24", "AS65001", "TEST") + "rpki-ov-state:  valid"));
  Responder r(db_, opt);
  Session s = r.new_session();
  EXPECT_EQ(ask_in(r, s, "!fno-rpki-filter"),
            a("Filtering out RPKI invalids is disabled for !r and RIPE style queries for the "
              "rest of this connection."));
  EXPECT_EQ(ask_in(r, s, "!r192.0.2.0/24,o"), a("AS65001 AS65002"));
  EXPECT_EQ(ask_in(r, s, "-K -i origin AS65002"),
            "route: 192.0.2.0/24\norigin: AS65002\n\nroute: 192.0.2.0/25\norigin: AS65002\n\n\n");
  EXPECT_EQ(ask_in(r, s, "!gAS65002"), "D\n");  // !g stays filtered (IRRd's preload store)
  // Without the option nothing is hidden and no state is shown.
  EXPECT_EQ(ask("!gAS65002"), a("192.0.2.0/24 192.0.2.0/25"));
  EXPECT_EQ(ask("!r198.51.100.0/24"), a(objects({obj("route:          198.51.100.0/24")})));
}

}  // namespace
}  // namespace manrs::irr
