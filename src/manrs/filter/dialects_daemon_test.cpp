// BIRD, FRR, OpenBGPD, JSON and plain dialects: golden files for hand-built Filters (ranges,
// empty lists, origin ASNs with and without a peer AS, lists split at max_entries, the SAV plan
// as data), and the behaviour around them: refusing over-long lists (kPolicy), anti-spoofing
// unsupported on routing daemons (kUnsupported), names within each parser's limit, IRR text
// that cannot leave a comment, the model's invariants. tests/integration/router_parsers.sh
// feeds the same golden files to bird -p, FRR and OpenBGPD's bgpd -n.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "manrs/core/testing/golden.h"
#include "manrs/filter/render.h"
#include "manrs/filter/test_util.h"

namespace manrs::filter {
namespace {

using testing::pfx;

std::filesystem::path golden_dir() {
  return std::filesystem::path(MANRS_SOURCE_DIR) / "tests" / "golden" / "filter";
}

const std::vector<const Dialect*>& daemon_dialects() {
  static const std::vector<const Dialect*> all = {
      &bird_dialect(), &frr_dialect(), &openbgpd_dialect(), &json_dialect(), &plain_dialect()};
  return all;
}

std::string ext(const Dialect& d) { return d.id() == "json" ? ".json" : ".txt"; }

Evidence route(std::string_view p, net::Asn asn, std::string detail = "valid") {
  Evidence ev;
  ev.kind = Evidence::Kind::kRouteObject;
  ev.prefix = pfx(p);
  ev.asn = asn;
  ev.source = "RIPE";
  ev.detail = std::move(detail);
  return ev;
}

Evidence roa(std::string_view p, unsigned max_length, net::Asn asn) {
  Evidence ev;
  ev.kind = Evidence::Kind::kRoa;
  ev.prefix = pfx(p);
  ev.asn = asn;
  ev.max_length = static_cast<std::uint8_t>(max_length);
  ev.source = "ripe";
  return ev;
}

Entry entry(std::string_view p, unsigned min_len, unsigned max_len, std::vector<Evidence> ev) {
  Entry e;
  e.prefix = pfx(p);
  e.min_len = static_cast<std::uint8_t>(min_len);
  e.max_len = static_cast<std::uint8_t>(max_len);
  e.evidence = std::move(ev);
  return e;
}

Entry exact(std::string_view p, std::vector<Evidence> ev) {
  const unsigned len = pfx(p).length();
  return entry(p, len, len, std::move(ev));
}

// Both families with every range shape: exact, "le" (min = length), "ge .. le" (min > length),
// "or-longer" (max = family maximum); exclusions and findings for the header.
Filter ranges_filter() {
  Filter f;
  f.target = "AS64500:AS-CUSTOMERS";
  f.mode = Mode::kIrrRpki;
  f.asns = {64500, 64501, 64502};
  f.sources = {"RIPE", "RADB"};
  f.rpki_description = "6 VRPs from vrps.csv";
  f.v4.entries = {
      entry("185.1.0.0/22", 22, 32, {roa("185.1.0.0/22", 32, 64500)}),
      exact("192.0.2.0/24", {route("192.0.2.0/24", 64501)}),
      entry("198.51.100.0/24", 24, 26,
            {route("198.51.100.0/24", 64502), route("198.51.100.128/25", 64502, "not-found")}),
      entry("203.0.113.0/24", 25, 26, {route("203.0.113.0/25", 64501)}),
  };
  f.v4.excluded = {
      {exact("10.0.0.0/8", {route("10.0.0.0/8", 64501)}), Exclusion::kBogon,
       "10.0.0.0/8 Private-Use (RFC 1918)"},
      {exact("198.51.100.0/28", {route("198.51.100.0/28", 64502)}), Exclusion::kTooSpecific,
       "longer than /24"},
  };
  f.v6.entries = {
      exact("2001:db8::/32", {route("2001:db8::/32", 64501)}),
      entry("2001:db8:1000::/36", 36, 48, {route("2001:db8:1000::/36", 64502)}),
      entry("2001:db8:2000::/36", 40, 128, {roa("2001:db8:2000::/36", 128, 64500)}),
  };
  f.v6.excluded = {{exact("2001:db8:f000::/36", {route("2001:db8:f000::/36", 64666, "invalid")}),
                    Exclusion::kRpkiInvalid, "invalid: roa 2001:db8::/32-48 AS64501 (ripe)"}};
  f.findings.missing = {"AS-MISSING (from AS64500:AS-CUSTOMERS)"};
  f.findings.cycles = {"AS-B -> AS64500:AS-CUSTOMERS"};
  f.findings.sets_visited = 3;
  return f;
}

// IPv4 only, exact and "le" entries with route-object evidence (the OpenBGPD origin-set can say
// the same), 12 origin ASNs (line wrapping) including the peer AS.
Filter peer_filter() {
  Filter f;
  f.target = "AS64500";
  f.mode = Mode::kIrr;
  f.has_v6 = false;
  f.asns = {64500, 64501, 64502, 64503, 64504, 64505, 64506, 64507, 64508, 64509, 64510, 64511};
  f.sources = {"RIPE"};
  f.v4.entries = {
      exact("192.0.2.0/24", {route("192.0.2.0/24", 64500), route("192.0.2.0/24", 64501),
                             route("192.0.2.0/24", 64666, "invalid")}),
      entry("198.51.100.0/24", 24, 25, {route("198.51.100.0/24", 64502)}),
  };
  f.findings.sets_visited = 1;
  return f;
}

// A route-set that expanded to nothing: no entries, no ASNs, not found.
Filter empty_filter() {
  Filter f;
  f.target = "RS-EMPTY";
  f.mode = Mode::kIrr;
  f.findings.found = false;
  return f;
}

// Five IPv4 entries and one IPv6 entry, split at two per list.
Filter split_filter() {
  Filter f;
  f.target = "AS-SPLIT";
  f.asns = {64501};
  for (const char* p :
       {"192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/26", "192.0.2.192/26", "198.51.100.0/24"}) {
    f.v4.entries.push_back(exact(p, {route(p, 64501)}));
  }
  f.v6.entries.push_back(entry("2001:db8::/32", 32, 48, {route("2001:db8::/32", 64501)}));
  return f;
}

SavPlan sav_plan() {
  SavPlan plan;
  SavInterface a;
  a.customer = "AS64501";
  a.interface = "xe-0/0/1";
  a.urpf = UrpfMode::kStrict;
  a.v4 = {exact("192.0.2.0/24", {route("192.0.2.0/24", 64501)})};
  a.v6 = {exact("2001:db8::/32", {route("2001:db8::/32", 64501)})};
  a.algorithm = "strict uRPF (BCP 38)";
  a.notes = {"single-homed: one upstream seen (AS64500)"};
  SavInterface b;
  b.customer = "AS-MULTI";
  b.urpf = UrpfMode::kFeasible;
  b.acl = false;
  b.algorithm =
      "EFP-uRPF algorithm A (RFC 8704 \xc2\xa7"
      "3.3)";
  plan.interfaces = {a, b};
  return plan;
}

struct Case {
  std::string name;
  Filter filter;
  RenderOptions options;
};

std::vector<Case> golden_cases() {
  std::vector<Case> cases;
  RenderOptions o;
  o.as_path = true;
  cases.push_back({"ranges", ranges_filter(), o});
  o.peer_as = 64500;
  cases.push_back({"aspath-peer", peer_filter(), o});
  o.peer_as.reset();
  cases.push_back({"empty", empty_filter(), o});
  RenderOptions s;
  s.header = false;
  s.max_entries = 2;
  s.name = "CUST1";
  cases.push_back({"split", split_filter(), s});
  return cases;
}

TEST(DaemonDialects, Golden) {
  for (const Dialect* d : daemon_dialects()) {
    for (const Case& c : golden_cases()) {
      SCOPED_TRACE(std::string(d->id()) + " " + c.name);
      auto text = d->render_filter(c.filter, c.options);
      ASSERT_TRUE(text.has_value()) << text.error().to_string();
      manrs::testing::expect_golden(golden_dir() / d->id() / (c.name + ext(*d)), *text);
    }
  }
}

TEST(DaemonDialects, AntispoofIsDataForJsonAndPlain) {
  for (const Dialect* d : {&json_dialect(), &plain_dialect()}) {
    SCOPED_TRACE(d->id());
    auto text = d->render_antispoof(sav_plan(), RenderOptions{});
    ASSERT_TRUE(text.has_value()) << text.error().to_string();
    manrs::testing::expect_golden(golden_dir() / d->id() / ("antispoof" + ext(*d)), *text);
  }
}

TEST(DaemonDialects, AntispoofUnsupportedOnRoutingDaemons) {
  const std::vector<std::pair<const Dialect*, std::string>> want = {
      {&bird_dialect(), "nftables"}, {&frr_dialect(), "rp_filter"}, {&openbgpd_dialect(), "pf"}};
  for (const auto& [d, reason] : want) {
    auto r = d->render_antispoof(sav_plan(), RenderOptions{});
    ASSERT_FALSE(r.has_value()) << d->id();
    EXPECT_EQ(r.error().code, ErrorCode::kUnsupported) << d->id();
    EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
  }
}

TEST(DaemonDialects, RefuseOverLimitIsPolicyError) {
  RenderOptions o;
  o.max_entries = 4;
  o.over_limit = OverLimit::kRefuse;
  for (const Dialect* d : {&bird_dialect(), &frr_dialect(), &openbgpd_dialect()}) {
    SCOPED_TRACE(d->id());
    auto r = d->render_filter(split_filter(), o);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kPolicy);
    // Names the list, the limit and the size.
    const std::string name = d->id() == "bird" ? "AS_SPLIT_V4" : "AS-SPLIT-V4";
    EXPECT_EQ(r.error().message, "list " + name + ": entries: want at most 4 per list (" +
                                     std::string(d->title()) + "), have 5");
    // Within the limit: rendered, one list per family.
    o.max_entries = 5;
    auto ok = d->render_filter(split_filter(), o);
    ASSERT_TRUE(ok.has_value()) << ok.error().to_string();
    EXPECT_EQ(ok->find(name + (d->id() == "bird" ? "_1" : "-1")), std::string::npos);
    o.max_entries = 4;
  }
  // JSON and plain have no per-list limit: the whole list, whatever max_entries says.
  for (const Dialect* d : {&json_dialect(), &plain_dialect()}) {
    auto r = d->render_filter(split_filter(), o);
    ASSERT_TRUE(r.has_value()) << d->id();
    EXPECT_NE(r->find("192.0.2.192/26"), std::string::npos);
  }
}

TEST(DaemonDialects, SplitKeepsEveryEntryOnce) {
  RenderOptions o;
  o.max_entries = 2;
  o.header = false;
  auto r = frr_dialect().render_filter(split_filter(), o);
  ASSERT_TRUE(r.has_value());
  for (const char* p :
       {"192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/26", "192.0.2.192/26", "198.51.100.0/24"}) {
    std::size_t n = 0;
    for (std::size_t at = r->find(std::string(p) + "\n"); at != std::string::npos;
         at = r->find(std::string(p) + "\n", at + 1)) {
      ++n;
    }
    EXPECT_EQ(n, 1U) << p;
  }
  EXPECT_NE(r->find("ip prefix-list AS-SPLIT-V4-3 seq 5 permit 198.51.100.0/24\n"),
            std::string::npos);
  EXPECT_EQ(r->find("AS-SPLIT-V4-4"), std::string::npos);
}

// IRR text (set names, problems) in the header cannot end the comment and inject config.
TEST(DaemonDialects, HostileTextStaysInComments) {
  Filter f = peer_filter();
  f.target = "AS-EVIL\nip prefix-list X permit any";
  f.findings.missing = {"AS-X\r\ndefine X = [ 0.0.0.0/0{0,32} ];", "AS-Y\\"};
  f.findings.problems = {"bad member \"\x01\" \n}\nallow from any"};
  f.sources = {"RIPE\nprefix-set Y { 0.0.0.0/0 or-longer }"};
  RenderOptions o;
  o.as_path = true;
  const std::vector<std::pair<const Dialect*, char>> comment = {{&bird_dialect(), '#'},
                                                                {&frr_dialect(), '!'},
                                                                {&openbgpd_dialect(), '#'},
                                                                {&plain_dialect(), '#'}};
  for (const auto& [d, mark] : comment) {
    auto r = d->render_filter(f, o);
    ASSERT_TRUE(r.has_value());
    std::istringstream in(*r);
    std::string line;
    while (std::getline(in, line)) {
      const bool config = line.empty() || line[0] != mark;
      if (config) {
        EXPECT_EQ(line.find("0.0.0.0/0"), std::string::npos) << d->id() << ": " << line;
        EXPECT_EQ(line.find("permit any"), std::string::npos) << d->id() << ": " << line;
        EXPECT_EQ(line.find("allow from any"), std::string::npos) << d->id() << ": " << line;
      }
      EXPECT_EQ(line.find('\\'), std::string::npos) << d->id() << ": " << line;
      EXPECT_EQ(line.find('\r'), std::string::npos) << d->id() << ": " << line;
    }
  }
  auto j = json_dialect().render_filter(f, o);
  ASSERT_TRUE(j.has_value());
  EXPECT_NE(j->find(R"("target": "AS-EVIL\u000aip prefix-list X permit any")"), std::string::npos);
  EXPECT_NE(j->find(R"("AS-Y\\")"), std::string::npos);
}

// Long targets: every name fits the parser's limit (BIRD 64, OpenBGPD 127, FRR 128) and two
// long names that differ only at the end stay different.
TEST(DaemonDialects, NamesFitParserLimits) {
  const std::string a(200, 'A');
  struct Limit {
    const Dialect* d;
    std::string keyword;
    std::size_t max;
  };
  const std::vector<Limit> limits = {{&bird_dialect(), "define ", 64},
                                     {&frr_dialect(), "ip prefix-list ", 128},
                                     {&openbgpd_dialect(), "prefix-set ", 127}};
  for (const Limit& l : limits) {
    std::vector<std::string> names;
    for (const std::string& target : {"AS-" + a + "-X", "AS-" + a + "-Y"}) {
      Filter f = split_filter();
      f.target = target;
      RenderOptions o;
      o.max_entries = 2;
      o.as_path = true;
      auto r = l.d->render_filter(f, o);
      ASSERT_TRUE(r.has_value());
      std::istringstream in(*r);
      std::string line;
      std::size_t seen = 0;
      while (std::getline(in, line)) {
        if (line.rfind(l.keyword, 0) != 0) {
          continue;
        }
        const std::string rest = line.substr(l.keyword.size());
        const std::string name = rest.substr(0, rest.find(' '));
        EXPECT_LE(name.size(), l.max) << l.d->id() << ": " << name;
        ++seen;
        if (seen == 1) {
          names.push_back(name);
        }
      }
      EXPECT_GE(seen, 3U) << l.d->id();
    }
    ASSERT_EQ(names.size(), 2U);
    EXPECT_NE(names[0], names[1]) << l.d->id();
  }
}

TEST(DaemonDialects, BirdSymbols) {
  Filter f = split_filter();
  f.target = "AS64500:AS-CUST.1";
  auto r = bird_dialect().render_filter(f, RenderOptions{});
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->find("define AS64500_AS_CUST_1_V4 = ["), std::string::npos) << *r;
  RenderOptions o;
  o.name = "6939";
  o.as_path = true;
  r = bird_dialect().render_filter(f, o);
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->find("define _6939_V4 = ["), std::string::npos) << *r;
  EXPECT_NE(r->find("define _6939_ASPATH = ["), std::string::npos) << *r;
}

// The OpenBGPD origin-set is left out when it could not say what the prefix-set says.
TEST(DaemonDialects, OpenBgpdOriginSetOnlyWhenExact) {
  RenderOptions o;
  o.as_path = true;
  auto with = openbgpd_dialect().render_filter(peer_filter(), o);
  ASSERT_TRUE(with.has_value());
  EXPECT_NE(with->find("origin-set AS64500-ORIGINS {"), std::string::npos);
  EXPECT_EQ(with->find("source-as 64666"), std::string::npos);  // RPKI-invalid route object
  auto without = openbgpd_dialect().render_filter(ranges_filter(), o);
  ASSERT_TRUE(without.has_value());
  EXPECT_EQ(without->find("origin-set AS"), std::string::npos);
  EXPECT_NE(without->find("# no origin-set: 203.0.113.0/24{25,26} leaves out its own length"),
            std::string::npos);
  Filter f = peer_filter();
  f.v4.entries[1].evidence = {};
  auto bare = openbgpd_dialect().render_filter(f, o);
  ASSERT_TRUE(bare.has_value());
  EXPECT_NE(bare->find("# no origin-set: 198.51.100.0/24{24,25} has no origin evidence"),
            std::string::npos);
}

TEST(DaemonDialects, RejectsBrokenModel) {
  Filter f = split_filter();
  f.v4.entries.push_back(exact("2001:db8:1::/48", {}));  // IPv6 entry in the IPv4 list
  Filter g = split_filter();
  g.v6.entries[0].min_len = 30;  // shorter than the prefix
  Filter h = split_filter();
  h.v4.entries[0].max_len = 33;
  for (const Dialect* d : daemon_dialects()) {
    if (d->id() == "json") {
      continue;  // data, not configuration: the model as it is
    }
    for (const Filter* bad : {&f, &g, &h}) {
      auto r = d->render_filter(*bad, RenderOptions{});
      ASSERT_FALSE(r.has_value()) << d->id();
      EXPECT_EQ(r.error().code, ErrorCode::kInternal) << d->id();
    }
  }
}

TEST(DaemonDialects, FamiliesAndPartsAsAsked) {
  Filter f = ranges_filter();
  f.has_v4 = false;
  RenderOptions o;
  o.header = false;
  for (const Dialect* d : daemon_dialects()) {
    auto r = d->render_filter(f, o);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->find("192.0.2.0"), std::string::npos) << d->id();
    EXPECT_NE(r->find("2001:db8::/32"), std::string::npos) << d->id();
    if (d->id() != "json") {  // JSON evidence has "asn": 64502, ...
      EXPECT_EQ(r->find("64502,"), std::string::npos) << d->id();  // no AS list without as_path
    }
  }
  o.prefix_lists = false;
  o.as_path = true;
  auto r = frr_dialect().render_filter(f, o);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r,
            "! origin ASNs of AS64500:AS-CUSTOMERS (3)\n"
            "no bgp as-path access-list AS64500-AS-CUSTOMERS-ASPATH\n"
            "bgp as-path access-list AS64500-AS-CUSTOMERS-ASPATH seq 5 permit "
            "^(_[0-9]+)*_(64500|64501|64502)$\n");
}

// The JSON parses, keeps the documented key order and says what the model says.
TEST(DaemonDialects, JsonParsesInDocumentedOrder) {
  RenderOptions o;
  o.as_path = true;
  o.peer_as = 64500;
  Filter f = ranges_filter();
  f.findings.problems = {"quote \" backslash \\ newline \n tab \t bell \x07"};
  auto text = json_dialect().render_filter(f, o);
  ASSERT_TRUE(text.has_value());
  const auto j = nlohmann::ordered_json::parse(*text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) {
    keys.push_back(k);
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"target", "mode", "sources", "rpki", "asns",
                                            "bogon_asns", "as_path", "ipv4", "ipv6", "findings"}));
  EXPECT_EQ(j["as_path"]["peer_as"], 64500);
  EXPECT_EQ(j["ipv4"]["entries"].size(), f.v4.entries.size());
  EXPECT_EQ(j["ipv6"]["excluded"][0]["reason"], "rpki-invalid");
  EXPECT_EQ(j["ipv4"]["entries"][0]["prefix"], "185.1.0.0/22");
  EXPECT_EQ(j["ipv4"]["entries"][0]["max"], 32);
  EXPECT_EQ(j["ipv4"]["entries"][0]["evidence"][0]["max_length"], 32);
  EXPECT_EQ(j["findings"]["problems"][0], f.findings.problems[0]);
  EXPECT_TRUE(j["findings"]["partial"].get<bool>());
  auto plan = json_dialect().render_antispoof(sav_plan(), o);
  ASSERT_TRUE(plan.has_value());
  const auto p = nlohmann::json::parse(*plan);
  EXPECT_EQ(p["interfaces"][1]["algorithm"],
            "EFP-uRPF algorithm A (RFC 8704 \xc2\xa7"
            "3.3)");
}

}  // namespace
}  // namespace manrs::filter
