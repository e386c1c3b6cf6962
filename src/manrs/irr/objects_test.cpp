// Tests of the typed views (irr/objects.h): prefix ranges, set names and members, route, sets.
#include "manrs/irr/objects.h"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"

namespace manrs::irr {
namespace {

PrefixRange range(std::string_view text) {
  auto r = parse_prefix_range(text);
  EXPECT_TRUE(r.has_value()) << text << ": " << r.error().to_string();
  return r ? *r : PrefixRange{};
}

std::string error_of(std::string_view text) {
  auto r = parse_prefix_range(text);
  return r ? std::string("ok") : r.error().message;
}

TEST(PrefixRangeTest, ParsesTheRfc2622Operators) {
  const auto exact = range("192.0.2.0/24");
  EXPECT_TRUE(exact.exact());
  EXPECT_EQ(exact.min_len, 24);
  const auto minus = range("128.9.0.0/16^-");
  EXPECT_EQ(minus.min_len, 17);
  EXPECT_EQ(minus.max_len, 32);
  const auto plus = range("5.0.0.0/8^+");
  EXPECT_EQ(plus.min_len, 8);
  EXPECT_EQ(plus.max_len, 32);
  const auto n = range("30.0.0.0/8^16");
  EXPECT_EQ(n.min_len, 16);
  EXPECT_EQ(n.max_len, 16);
  const auto nm = range("30.0.0.0/8^24-32");
  EXPECT_EQ(nm.min_len, 24);
  EXPECT_EQ(nm.max_len, 32);
  const auto v6 = range("2001:db8::/32^48-64");
  EXPECT_EQ(v6.min_len, 48);
  EXPECT_EQ(v6.max_len, 64);
  EXPECT_EQ(range("2001:db8::/32^-").max_len, 128);
}

TEST(PrefixRangeTest, RejectsBadOperatorsAndHostBits) {
  EXPECT_EQ(error_of("192.0.2.1/24"),
            "prefix: want no host bits set (192.0.2.0/24), have '192.0.2.1/24'");
  EXPECT_EQ(error_of("192.0.2.0"),
            "prefix: want an address prefix (address/length), have '192.0.2.0'");
  EXPECT_EQ(error_of("192.0.2.0/33"),
            "prefix: want an address prefix (address/length), have '192.0.2.0/33'");
  EXPECT_EQ(error_of("192.0.2.0/24^16"),
            "range operator: want ^-, ^+, ^n or ^n-m with 24 <= n <= m <= 32, have '^16'");
  EXPECT_EQ(error_of("192.0.2.0/24^26-25"),
            "range operator: want ^-, ^+, ^n or ^n-m with 24 <= n <= m <= 32, have '^26-25'");
  EXPECT_EQ(error_of("192.0.2.0/24^33"),
            "range operator: want ^-, ^+, ^n or ^n-m with 24 <= n <= m <= 32, have '^33'");
  EXPECT_NE(error_of("192.0.2.0/24^"), "ok");
  EXPECT_NE(error_of("192.0.2.0/24^+-"), "ok");
  EXPECT_NE(error_of("192.0.2.0/24^-1"), "ok");
  EXPECT_NE(error_of("192.0.2.0/32^-"), "ok");  // no more specifics of a /32
  EXPECT_NE(error_of("2001:db8::/32^129"), "ok");
  EXPECT_NE(error_of("192.0.2.0/24^99999999999"), "ok");
  EXPECT_NE(error_of(""), "ok");
}

TEST(PrefixRangeTest, PrintsTheShortestForm) {
  for (const char* text : {"192.0.2.0/24", "192.0.2.0/24^+", "192.0.2.0/24^-", "192.0.2.0/24^26",
                           "192.0.2.0/24^25-26", "2001:db8::/32^48", "192.0.2.1/32"}) {
    EXPECT_EQ(range(text).to_rpsl(), text);
  }
  EXPECT_EQ(range("192.0.2.0/24^24").to_rpsl(), "192.0.2.0/24");
  EXPECT_EQ(range("192.0.2.0/24^24-32").to_rpsl(), "192.0.2.0/24^+");
  EXPECT_EQ(range("192.0.2.0/24^25-32").to_rpsl(), "192.0.2.0/24^-");
  EXPECT_EQ(range("192.0.2.0/32^32-32").to_rpsl(), "192.0.2.0/32");
  EXPECT_EQ(range("2001:DB8::/32^+").to_rpsl(), "2001:db8::/32^+");
}

TEST(PrefixRangeTest, AppliesAnOuterOperatorToEveryPrefixOfTheRange) {
  auto apply = [](std::string_view member, std::string_view op) {
    auto r = range(member).apply(op);
    return r ? r->to_rpsl() : std::string("none");
  };
  // RFC 2622 §2: rs-foo^+ holds the inclusive more specifics of every prefix of rs-foo.
  EXPECT_EQ(apply("128.9.0.0/16", "^+"), "128.9.0.0/16^+");
  EXPECT_EQ(apply("128.9.0.0/16", "^-"), "128.9.0.0/16^-");
  EXPECT_EQ(apply("5.0.0.0/8^+", "^24-32"), "5.0.0.0/8^24-32");
  EXPECT_EQ(apply("5.0.0.0/8^+", "^-"), "5.0.0.0/8^-");
  EXPECT_EQ(apply("5.0.0.0/8^-", "^+"), "5.0.0.0/8^-");
  EXPECT_EQ(apply("30.0.0.0/8^24", "^+"), "30.0.0.0/8^24-32");
  EXPECT_EQ(apply("30.0.0.0/8^24-28", "^27-30"), "30.0.0.0/8^27-30");
  EXPECT_EQ(apply("30.0.0.0/8^24-28", "^16-26"), "30.0.0.0/8^24-26");
  EXPECT_EQ(apply("30.0.0.0/8^24-28", "^16"), "none");  // no prefix of the range has /16s
  EXPECT_EQ(apply("192.0.2.0/24", "^26"), "192.0.2.0/24^26");
  EXPECT_EQ(apply("192.0.2.0/32", "^-"), "none");
  EXPECT_EQ(apply("192.0.2.0/24", "^33"), "none");
  EXPECT_EQ(apply("192.0.2.0/24", "^x"), "none");
  EXPECT_EQ(apply("192.0.2.0/24", ""), "192.0.2.0/24");
  EXPECT_EQ(apply("2001:db8::/32", "^48"), "2001:db8::/32^48");
}

TEST(SetNameTest, AcceptsHierarchicalNames) {
  EXPECT_TRUE(is_as_set_name("AS-FOO"));
  EXPECT_TRUE(is_as_set_name("as-foo_bar-1"));
  EXPECT_TRUE(is_as_set_name("AS64500:AS-CUSTOMERS"));
  EXPECT_TRUE(is_as_set_name("AS-FOO:AS64500"));
  EXPECT_TRUE(is_as_set_name("AS1:AS-A:AS-B"));
  EXPECT_FALSE(is_as_set_name("AS-"));
  EXPECT_FALSE(is_as_set_name("AS64500"));
  EXPECT_FALSE(is_as_set_name("AS64500:AS64501"));
  EXPECT_FALSE(is_as_set_name("AS64500:RS-FOO"));
  EXPECT_FALSE(is_as_set_name("AS-FOO:"));
  EXPECT_FALSE(is_as_set_name(":AS-FOO"));
  EXPECT_FALSE(is_as_set_name("AS-FO.O"));
  EXPECT_FALSE(is_as_set_name(""));
  EXPECT_TRUE(is_route_set_name("RS-FOO"));
  EXPECT_TRUE(is_route_set_name("AS1:RS-EXPORT:AS2"));
  EXPECT_FALSE(is_route_set_name("AS-FOO"));
  EXPECT_TRUE(is_filter_set_name("FLTR-BOGONS"));
  EXPECT_TRUE(is_filter_set_name("AS1:fltr-x"));
  EXPECT_FALSE(is_filter_set_name("RS-FOO"));
}

std::string member_error(std::string_view item, bool route_set) {
  auto m = parse_set_member(item, route_set);
  return m ? std::string("ok") : m.error().message;
}

TEST(SetMemberTest, ParsesEveryKind) {
  auto asn = parse_set_member("as65001", false);
  ASSERT_TRUE(asn.has_value());
  EXPECT_EQ(asn->kind, SetMember::Kind::kAsn);
  EXPECT_EQ(asn->asn, 65001U);
  auto big = parse_set_member("AS4294967295", false);
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->asn, 4294967295U);
  auto set = parse_set_member("as64500:as-Cust", false);
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->kind, SetMember::Kind::kAsSet);
  EXPECT_EQ(set->name, "AS64500:AS-CUST");
  auto pinned = parse_set_member("ripe::AS-FOO", false);
  ASSERT_TRUE(pinned.has_value());
  EXPECT_EQ(pinned->source, "RIPE");
  EXPECT_EQ(pinned->name, "AS-FOO");
  EXPECT_EQ(parse_set_member("AS-ANY", false)->kind, SetMember::Kind::kAsAny);
  EXPECT_EQ(parse_set_member("rs-any", true)->kind, SetMember::Kind::kRsAny);
  auto prefix = parse_set_member("192.0.2.0/24^+", true);
  ASSERT_TRUE(prefix.has_value());
  EXPECT_EQ(prefix->kind, SetMember::Kind::kPrefix);
  EXPECT_EQ(prefix->range.to_rpsl(), "192.0.2.0/24^+");
  auto rs = parse_set_member("RS-FOO^24", true);
  ASSERT_TRUE(rs.has_value());
  EXPECT_EQ(rs->kind, SetMember::Kind::kRouteSet);
  EXPECT_EQ(rs->range_op, "^24");
  auto asop = parse_set_member("AS65001^+", true);
  ASSERT_TRUE(asop.has_value());
  EXPECT_EQ(asop->kind, SetMember::Kind::kAsn);
  EXPECT_EQ(asop->range_op, "^+");
  auto asset_op = parse_set_member("AS-FOO^16-24", true);
  ASSERT_TRUE(asset_op.has_value());
  EXPECT_EQ(asset_op->range_op, "^16-24");
}

TEST(SetMemberTest, RejectsWhatTheClassDoesNotAllow) {
  EXPECT_EQ(member_error("AS-", false), "member: want an AS number or an as-set name, have 'AS-'");
  EXPECT_EQ(member_error("192.0.2.0/24", false),
            "member: want an AS number or an as-set name, have '192.0.2.0/24'");
  EXPECT_EQ(member_error("RS-FOO", false),
            "member: want an AS number or an as-set name, have 'RS-FOO'");
  EXPECT_EQ(member_error("AS65001^+", false),
            "member: want an AS number or an as-set name, have 'AS65001^+'");
  EXPECT_EQ(member_error("65001", false),
            "member: want an AS number or an as-set name, have '65001'");
  EXPECT_EQ(member_error("AS1.10", false),
            "member: want an AS number or an as-set name, have 'AS1.10'");
  EXPECT_EQ(member_error("AS4294967296", false),
            "member: want an AS number or an as-set name, have 'AS4294967296'");
  EXPECT_EQ(member_error("192.0.2.1/24", true),
            "member: prefix: want no host bits set (192.0.2.0/24), have '192.0.2.1/24'");
  EXPECT_EQ(member_error("RS-FOO^x", true),
            "member: want a range operator ^-, ^+, ^n or ^n-m (n <= m <= 128) after the name, have "
            "'RS-FOO^x'");
  EXPECT_EQ(
      member_error("::AS-FOO", false),
      "member: want SOURCE::NAME with a source of letters, digits, '-' or '_', have '::AS-FOO'");
  EXPECT_EQ(member_error("RS-ANY", false),
            "member: want an AS number or an as-set name, have 'RS-ANY'");
  EXPECT_EQ(member_error("2001:db8::/32", true), "ok");
}

RpslObject object(std::string_view text) {
  auto o = parse_rpsl_object(text, "t", 10);
  EXPECT_TRUE(o.has_value()) << o.error().to_string();
  return o ? *o : RpslObject{};
}

TEST(RouteObjectTest, ParsesPrefixOriginAndCommonFields) {
  const auto obj = object(
      "route: 192.0.2.0/24\ndescr: Example\norigin: as64500 # comment\nholes: 192.0.2.128/25, "
      "10.0.0.0/8\nmnt-by: maint-a, Maint-B\nmember-of: rs-foo\nsource: ripe\n"
      "created: 2020-01-01T00:00:00Z\n");
  auto r = parse_route(obj, "t");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->prefix.to_string(), "192.0.2.0/24");
  EXPECT_EQ(r->origin, 64500U);
  EXPECT_EQ(r->descr, std::vector<std::string>{"Example"});
  ASSERT_EQ(r->holes.size(), 1U);
  EXPECT_EQ(r->holes[0].to_rpsl(), "192.0.2.128/25");
  EXPECT_EQ(
      r->problems,
      std::vector<std::string>{
          "t:13: holes: want a prefix inside 192.0.2.0/24 (no range operator), have '10.0.0.0/8'"});
  EXPECT_EQ(r->common.mnt_by, (std::vector<std::string>{"MAINT-A", "MAINT-B"}));
  EXPECT_EQ(r->common.member_of, std::vector<std::string>{"RS-FOO"});
  EXPECT_EQ(r->common.source, "RIPE");
  EXPECT_EQ(r->common.created, "2020-01-01T00:00:00Z");
}

std::string route_error(std::string_view text) {
  auto r = parse_route(object(text), "t");
  return r ? std::string("ok") : r.error().to_string();
}

TEST(RouteObjectTest, RejectsBadKeysAndOrigins) {
  EXPECT_EQ(route_error("route: 192.0.2.1/24\norigin: AS1\n"),
            "t:10: route: want a prefix without host bits (192.0.2.0/24), have '192.0.2.1/24'");
  EXPECT_EQ(route_error("route: 2001:db8::/32\norigin: AS1\n"),
            "t:10: route: want an IPv4 prefix, have '2001:db8::/32'");
  EXPECT_EQ(route_error("route6: 192.0.2.0/24\norigin: AS1\n"),
            "t:10: route6: want an IPv6 prefix, have '192.0.2.0/24'");
  EXPECT_EQ(route_error("route6: 2001:db8::1/32\norigin: AS1\n"),
            "t:10: route6: want a prefix without host bits (2001:db8::/32), have '2001:db8::1/32'");
  EXPECT_EQ(route_error("route: 192.0.2.0/24\n"),
            "t:10: origin: want an AS number, have no origin attribute");
  EXPECT_EQ(route_error("route: 192.0.2.0/24\norigin: ASX\n"),
            "t:11: origin: want an AS number (AS + digits), have 'ASX'");
  EXPECT_EQ(route_error("route: 192.0.2.0/24\norigin: AS1\norigin: AS2\n"),
            "t:12: origin: want one, have a second one (the first is at line 11)");
  EXPECT_EQ(route_error("as-set: AS-FOO\n"), "t:10: class: want route or route6, have 'as-set'");
  EXPECT_EQ(route_error("route6: 2001:DB8::/32\norigin: AS1\n"), "ok");
}

TEST(SetObjectTest, AsSetKeepsGoodMembersAndReportsBadOnes) {
  const auto obj = object(
      "as-set: as-foo\nmembers: AS1, AS-BAR,\n AS2:AS-X AS-\nmembers: 192.0.2.0/24\n"
      "mbrs-by-ref: maint-x\n");
  auto s = parse_as_set(obj, "t");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_EQ(s->name, "AS-FOO");
  ASSERT_EQ(s->members.size(), 3U);
  EXPECT_EQ(s->members[0].asn, 1U);
  EXPECT_EQ(s->members[1].name, "AS-BAR");
  EXPECT_EQ(s->members[2].name, "AS2:AS-X");
  EXPECT_EQ(s->mbrs_by_ref, std::vector<std::string>{"MAINT-X"});
  EXPECT_EQ(s->problems,
            (std::vector<std::string>{
                "t:11: members: want an AS number or an as-set name, have 'AS-'",
                "t:13: members: want an AS number or an as-set name, have '192.0.2.0/24'"}));
  auto bad_name = parse_as_set(object("as-set: RS-FOO\n"), "t");
  ASSERT_FALSE(bad_name.has_value());
  EXPECT_EQ(bad_name.error().to_string(),
            "t:10: as-set: want an as-set name (AS-..., or hierarchical like AS64500:AS-FOO), have "
            "'RS-FOO'");
}

TEST(SetObjectTest, RouteSetSplitsMembersAndMpMembers) {
  const auto obj = object(
      "route-set: AS1:RS-FOO\nmembers: 192.0.2.0/24^+, RS-BAR^24, AS1, 2001:db8::/32\n"
      "mp-members: 2001:db8::/32^48, 198.51.100.0/24\n");
  auto s = parse_route_set(obj, "t");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_EQ(s->name, "AS1:RS-FOO");
  ASSERT_EQ(s->members.size(), 3U);
  EXPECT_EQ(s->members[1].range_op, "^24");
  ASSERT_EQ(s->mp_members.size(), 2U);
  EXPECT_EQ(s->mp_members[0].range.to_rpsl(), "2001:db8::/32^48");
  EXPECT_EQ(s->problems,
            std::vector<std::string>{"t:11: members: want an IPv4 prefix range (IPv6 belongs in "
                                     "mp-members), have '2001:db8::/32'"});
}

// ----- aut-num --------------------------------------------------------------------------------

Result<AutNumObject> aut_num(std::string_view text) { return parse_aut_num(object(text), "t"); }

TEST(AutNumTest, SplitsTermsActionsAndFilter) {
  auto a = aut_num(
      "aut-num: AS64500\nas-name: EXAMPLE\n"
      "import: from AS1 action pref=100; med=10; from AS2 at 192.0.2.1 accept AS-FOO AND NOT "
      "{0.0.0.0/0};\n"
      "export: protocol BGP4 into OSPF to AS1 announce ANY\n"
      "mp-import: afi ipv4.unicast, ipv6.unicast from AS3 accept AS3 # comment\n"
      "mp-export: afi any to AS-ANY EXCEPT AS5 action community.append(64500:1); announce "
      "AS64500:AS-ALL\n"
      "default: to AS1 action pref=100; networks ANY\n"
      "mp-default: afi ipv6 to AS2\n"
      "import: from AS1 action pref=100;accept ANY\n"
      "IMPORT: FROM AS1\n  ACCEPT\n  ANY\n");
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  EXPECT_EQ(a->asn, 64500U);
  EXPECT_EQ(a->as_name, "EXAMPLE");
  EXPECT_TRUE(a->problems.empty());
  ASSERT_EQ(a->policies.size(), 8U);
  const Policy& imp = a->policies[0];
  EXPECT_EQ(imp.kind, Policy::Kind::kImport);
  EXPECT_EQ(imp.line, 12U);
  ASSERT_EQ(imp.terms.size(), 2U);
  EXPECT_EQ(imp.terms[0].peering, "AS1");
  EXPECT_EQ(imp.terms[0].action, "pref=100; med=10;");
  EXPECT_EQ(imp.terms[1].peering, "AS2 at 192.0.2.1");
  EXPECT_EQ(imp.terms[1].action, "");
  EXPECT_EQ(imp.filter, "AS-FOO AND NOT {0.0.0.0/0}");
  EXPECT_FALSE(imp.structured);
  const Policy& exp = a->policies[1];
  EXPECT_EQ(exp.protocol, "BGP4");
  EXPECT_EQ(exp.into, "OSPF");
  EXPECT_EQ(exp.filter, "ANY");
  const Policy& mpi = a->policies[2];
  EXPECT_EQ(mpi.afi, (std::vector<std::string>{"ipv4.unicast", "ipv6.unicast"}));
  EXPECT_EQ(mpi.filter, "AS3");
  EXPECT_EQ(mpi.text, "afi ipv4.unicast, ipv6.unicast from AS3 accept AS3");
  const Policy& mpe = a->policies[3];
  EXPECT_EQ(to_string(mpe.kind), "mp-export");
  EXPECT_EQ(mpe.afi, std::vector<std::string>{"any"});
  EXPECT_EQ(mpe.terms[0].peering, "AS-ANY EXCEPT AS5");
  EXPECT_EQ(mpe.filter, "AS64500:AS-ALL");
  EXPECT_FALSE(mpe.structured);
  EXPECT_EQ(a->policies[4].filter, "ANY");
  EXPECT_EQ(a->policies[4].terms[0].action, "pref=100;");
  EXPECT_EQ(a->policies[5].filter, "");  // mp-default without networks
  EXPECT_EQ(a->policies[6].filter, "ANY");
  EXPECT_EQ(a->policies[6].terms[0].action, "pref=100;");
  EXPECT_EQ(a->policies[7].terms[0].peering, "AS1");
  EXPECT_EQ(a->policies[7].filter, "ANY");
}

TEST(AutNumTest, KeepsStructuredPoliciesWhole) {
  auto a = aut_num(
      "aut-num: AS1\n"
      "import: from AS2 action pref = 1; accept AS-FOO;\n"
      "  except { from AS3 action pref = 2; accept AS3; }\n"
      "mp-import: afi ipv6.unicast { from AS4 accept ANY; } refine { from AS5 accept AS5; }\n");
  ASSERT_TRUE(a.has_value());
  ASSERT_EQ(a->policies.size(), 2U);
  EXPECT_TRUE(a->policies[0].structured);
  EXPECT_EQ(
      a->policies[0].filter,
      "from AS2 action pref = 1; accept AS-FOO; except { from AS3 action pref = 2; accept AS3; }");
  EXPECT_TRUE(a->policies[0].terms.empty());
  EXPECT_TRUE(a->policies[1].structured);
  EXPECT_EQ(a->policies[1].afi, std::vector<std::string>{"ipv6.unicast"});
  EXPECT_EQ(a->policies[1].filter, "{ from AS4 accept ANY; } refine { from AS5 accept AS5; }");
}

TEST(AutNumTest, ReportsPoliciesThatCannotBeStructured) {
  auto a = aut_num(
      "aut-num: as7\n"
      "import: accept ANY\n"
      "import: from AS1\n"
      "export: to AS1 announce\n"
      "import: from action pref=1; accept ANY\n"
      "import: from AS1 action accept ANY\n"
      "mp-import: afi ipv5 from AS1 accept ANY\n"
      "import: AS2 from AS1 accept ANY\n"
      "import-via: from AS1 accept ANY\n"
      "export: protocol\n"
      "import: from AS1 accept ANY\n");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->asn, 7U);
  ASSERT_EQ(a->policies.size(), 1U);
  EXPECT_EQ(a->policies[0].line, 20U);
  EXPECT_EQ(
      a->problems,
      (std::vector<std::string>{
          "t:11: import: want 'from <peering> ...', have 'accept ANY'",
          "t:12: import: want 'accept <filter>' at the end, have 'from AS1'",
          "t:13: export: want a filter after 'announce', have 'to AS1 announce'",
          "t:14: import: want a peering after 'from', have 'from action pref=1; accept ANY'",
          "t:15: import: want an action after 'action', have 'from AS1 action accept ANY'",
          "t:16: mp-import: want an afi list (ipv4, ipv6, any[.unicast|.multicast]), have "
          "'afi ipv5 from AS1 accept ANY'",
          "t:17: import: want 'from <peering>' first, have 'AS2 from AS1 accept ANY'",
          "t:18: import-via: want an intermediate AS before 'from', have 'from AS1 accept ANY'",
          "t:19: export: want a protocol name after 'protocol', have 'protocol'"}));
}

TEST(AutNumTest, RejectsABadKey) {
  auto a = aut_num("aut-num: ASX\n");
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().to_string(), "t:10: aut-num: want an AS number (AS + digits), have 'ASX'");
  auto lacnic = aut_num("aut-num: 278\n");
  ASSERT_TRUE(lacnic.has_value());
  EXPECT_EQ(lacnic->asn, 278U);
}

std::filesystem::path shared(const char* name) {
  return std::filesystem::path(MANRS_SHARED_DIR) / "data/rpsl" / name;
}

std::vector<AutNumObject> read_aut_nums(const char* name) {
  std::vector<AutNumObject> out;
  auto src = core::open_input(shared(name).string());
  EXPECT_TRUE(src.has_value());
  if (!src) return out;
  RpslReader reader(**src);
  for (;;) {
    auto o = reader.next();
    EXPECT_TRUE(o.has_value());
    if (!o || *o == nullptr) break;
    auto a = parse_aut_num(**o, name);
    EXPECT_TRUE(a.has_value()) << a.error().to_string();
    if (a) out.push_back(std::move(*a));
  }
  EXPECT_EQ(reader.problem_count(), 0U);
  return out;
}

TEST(AutNumSharedDataTest, As29075) {
  if (!std::filesystem::exists(shared("AS29075.aut-num"))) GTEST_SKIP() << "no shared data";
  const auto all = read_aut_nums("AS29075.aut-num");
  ASSERT_EQ(all.size(), 1U);
  const AutNumObject& a = all[0];
  EXPECT_EQ(a.asn, 29075U);
  EXPECT_EQ(a.as_name, "IELO");
  EXPECT_TRUE(a.problems.empty());
  // 413 import, 4 export, 2 import-via, 2 export-via lines (grep -c).
  ASSERT_EQ(a.policies.size(), 421U);
  const Policy& up = a.policies[0];
  EXPECT_EQ(up.line, 7U);
  ASSERT_EQ(up.terms.size(), 7U);
  EXPECT_EQ(up.terms[0].peering, "AS5511");
  EXPECT_EQ(up.terms[5].peering, "AS174");
  EXPECT_EQ(up.terms[6].action, "pref=200; med=200;");
  EXPECT_EQ(up.filter, "ANY");
  const Policy& down = a.policies[1];
  EXPECT_EQ(down.kind, Policy::Kind::kExport);
  EXPECT_EQ(down.terms.size(), 7U);
  EXPECT_EQ(down.filter, "AS-IELO");
  std::vector<const Policy*> via;
  for (const auto& p : a.policies) {
    if (p.kind == Policy::Kind::kImportVia || p.kind == Policy::Kind::kExportVia) via.push_back(&p);
    EXPECT_FALSE(p.structured);
  }
  ASSERT_EQ(via.size(), 4U);
  EXPECT_EQ(via[0]->line, 106U);
  ASSERT_EQ(via[0]->terms.size(), 1U);
  EXPECT_EQ(via[0]->terms[0].via, "AS44530");
  EXPECT_EQ(via[0]->terms[0].peering, "AS-ANY");
  EXPECT_EQ(via[0]->terms[0].action, "pref=200; med=105;");
  EXPECT_EQ(via[0]->filter, "AS-HOPUS");
  EXPECT_EQ(via[2]->line, 466U);
  ASSERT_EQ(via[2]->terms.size(), 7U);
  EXPECT_EQ(via[2]->terms[0].via, "AS6695");
  EXPECT_EQ(via[2]->terms[6].via, "AS51706");
  EXPECT_EQ(via[2]->terms[3].peering, "AS-ANY EXCEPT AS29075:AS-CUSTOMERS");
  EXPECT_EQ(via[2]->terms[3].action, "pref=200; med=100;");
  EXPECT_EQ(via[2]->filter, "ANY");
  ASSERT_EQ(via[3]->terms.size(), 7U);
  EXPECT_EQ(via[3]->terms[1].via, "AS6777");
  EXPECT_EQ(via[3]->terms[1].peering, "AS-ANY EXCEPT AS29075:AS-CUSTOMERS");
  EXPECT_EQ(via[3]->terms[1].action, "");
  EXPECT_EQ(via[3]->filter, "AS-IELO");
}

TEST(AutNumSharedDataTest, RpslViaDraftExample) {
  if (!std::filesystem::exists(shared("AS15562-draft-ietf-grow-rpsl-via-01_1.aut-num"))) {
    GTEST_SKIP() << "no shared data";
  }
  const auto all = read_aut_nums("AS15562-draft-ietf-grow-rpsl-via-01_1.aut-num");
  ASSERT_EQ(all.size(), 1U);
  const auto& p = all[0].policies;
  ASSERT_EQ(p.size(), 6U);
  EXPECT_TRUE(all[0].problems.empty());
  EXPECT_EQ(p[0].kind, Policy::Kind::kImportVia);
  ASSERT_EQ(p[0].terms.size(), 1U);
  EXPECT_EQ(p[0].terms[0].via, "AS6777");
  EXPECT_EQ(p[0].terms[0].peering, "AS15562");
  EXPECT_EQ(p[0].terms[0].action, "pref = 2;");
  EXPECT_EQ(p[0].filter, "AS-SNIJDERS");
  EXPECT_EQ(p[1].kind, Policy::Kind::kExportVia);
  EXPECT_EQ(p[1].terms[0].action, "community.={15562:40};");
  EXPECT_EQ(p[2].terms[0].via, "AS15562:AS-ROUTESERVERS");
  EXPECT_EQ(p[2].terms[0].peering, "AS15562:AS-CUSTOMERS");
  EXPECT_EQ(p[2].filter, "NOT ANY");
  EXPECT_EQ(p[4].terms[0].peering, "AS4247483647");
  EXPECT_EQ(p[4].filter, "AS4247483647");
}

TEST(AutNumSharedDataTest, EveryRipeNonAuthAutNum) {
  if (!std::filesystem::exists(shared("ripe-nonauth.db.aut-num.gz"))) GTEST_SKIP() << "no data";
  const auto all = read_aut_nums("ripe-nonauth.db.aut-num.gz");
  ASSERT_EQ(all.size(), 2109U);  // grep -c '^aut-num:'
  std::map<std::string, std::size_t> kinds;
  std::size_t structured = 0;
  std::size_t problems = 0;
  std::size_t with_terms = 0;
  const Policy* as6 = nullptr;
  for (const auto& a : all) {
    problems += a.problems.size();
    for (const auto& p : a.policies) {
      ++kinds[std::string(to_string(p.kind))];
      structured += p.structured ? 1U : 0U;
      with_terms += p.terms.empty() ? 0U : 1U;
      if (p.text.find("from AS6 212.157.241.150") != std::string::npos) as6 = &p;
    }
  }
  // Policy lines per kind by grep -i -c '^<kind>:'; every one is structured.
  EXPECT_EQ(kinds, (std::map<std::string, std::size_t>{{"default", 43},
                                                       {"export", 10736},
                                                       {"export-via", 14},
                                                       {"import", 10992},
                                                       {"import-via", 14},
                                                       {"mp-export", 9444},
                                                       {"mp-import", 9458}}));
  EXPECT_EQ(problems, 0U);
  // grep -c -P '^mp-(import|export):\s+afi \S+ \{': the only structured ones.
  EXPECT_EQ(structured, 21U);
  EXPECT_EQ(with_terms, 40701U - 21U);
  ASSERT_NE(as6, nullptr);
  EXPECT_EQ(as6->line, 1080U);
  EXPECT_EQ(as6->afi, std::vector<std::string>{"ipv4.unicast"});
  ASSERT_EQ(as6->terms.size(), 1U);
  EXPECT_EQ(as6->terms[0].peering, "AS6 212.157.241.150 at 212.157.241.149");
  EXPECT_EQ(as6->filter, "{129.185.30.0/22^22-24, 129.185.34.0/23^23-24}");
}

// ----- contacts, inetnum, as-block, filter-set ------------------------------------------------

TEST(ContactTest, KeepsAuthMethodsButNoSecrets) {
  auto m = parse_contact(object("mntner: test-mnt\nauth: MD5-PW $1$abc$def # x\nauth: "
                                "pgpkey-1234ABCD\nauth: SSO user@example.net\nauth: bcrypt-pw "
                                "$2b$12$xyz\nauth: # Filtered\nupd-to: a@example.net\n"
                                "mnt-nfy: b@example.net\nmnt-by: test-mnt\n"),
                         "t");
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_EQ(m->cls, ObjectClass::kMntner);
  EXPECT_EQ(m->handle, "TEST-MNT");
  EXPECT_EQ(m->auth, (std::vector<std::string>{"MD5-PW", "PGPKEY-1234ABCD", "SSO", "BCRYPT-PW"}));
  EXPECT_EQ(m->upd_to, std::vector<std::string>{"a@example.net"});
  EXPECT_EQ(m->mnt_nfy, std::vector<std::string>{"b@example.net"});
  auto p = parse_contact(object("person: John Smith\naddress: Street 1\naddress: Town\nphone: +1 "
                                "555\ne-mail: js@example.net\nnic-hdl: js1-test\n"
                                "abuse-mailbox: abuse@example.net\n"),
                         "t");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->handle, "JS1-TEST");
  EXPECT_EQ(p->name, "John Smith");
  EXPECT_EQ(p->address, (std::vector<std::string>{"Street 1", "Town"}));
  EXPECT_EQ(p->abuse_mailbox, std::vector<std::string>{"abuse@example.net"});
  auto o = parse_contact(
      object("organisation: ORG-EX1-TEST\norg-name: Example\nabuse-c: AA1-TEST\n"), "t");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->handle, "ORG-EX1-TEST");
  EXPECT_EQ(o->name, "Example");
  EXPECT_EQ(o->common.abuse_c, "AA1-TEST");
  auto no_handle = parse_contact(object("role: Abuse Team\n"), "t");
  ASSERT_FALSE(no_handle.has_value());
  EXPECT_EQ(no_handle.error().to_string(), "t:10: role: want a handle (nic-hdl), have none");
}

TEST(InetnumTest, ParsesRangesAndPrefixes) {
  auto r = parse_inetnum(object("inetnum: 192.0.2.0 - 192.0.2.127\nnetname: EX\ncountry: nl\n"
                                "status: assigned pa\n"),
                         "t");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->first.to_string(), "192.0.2.0");
  EXPECT_EQ(r->last.to_string(), "192.0.2.127");
  EXPECT_EQ(r->netname, "EX");
  EXPECT_EQ(r->country, "NL");
  EXPECT_EQ(r->status, "ASSIGNED PA");
  auto lacnic = parse_inetnum(object("inetnum: 24.232.16/24\n"), "t");
  ASSERT_TRUE(lacnic.has_value());
  EXPECT_EQ(lacnic->last.to_string(), "24.232.16.255");
  auto v6 = parse_inetnum(object("inet6num: 2001:db8::/48\n"), "t");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->last.to_string(), "2001:db8:0:ffff:ffff:ffff:ffff:ffff");
  auto lacnic6 = parse_inetnum(object("inetnum: 2001:1200:2000::/48\n"), "t");
  ASSERT_TRUE(lacnic6.has_value());
  EXPECT_TRUE(lacnic6->first.is_v6());
  auto mixed = parse_inetnum(object("inetnum: 192.0.2.0 - 2001:db8::\n"), "t");
  EXPECT_FALSE(mixed.has_value());
  auto bad = parse_inetnum(object("inetnum: 192.0.2.9 - 192.0.2.1\n"), "t");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().to_string(),
            "t:10: inetnum: want first <= last, have '192.0.2.9 - 192.0.2.1'");
  auto fam = parse_inetnum(object("inet6num: 192.0.2.0/24\n"), "t");
  ASSERT_FALSE(fam.has_value());
  EXPECT_EQ(fam.error().to_string(),
            "t:10: inet6num: want an IPv6 range 'first - last' or a prefix, have '192.0.2.0/24'");
}

TEST(AsBlockTest, ParsesTheRange) {
  auto b = parse_as_block(object("as-block: AS64496 - AS64511\nsource: RIPE\n"), "t");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->first, 64496U);
  EXPECT_EQ(b->last, 64511U);
  EXPECT_EQ(b->common.source, "RIPE");
  EXPECT_TRUE(parse_as_block(object("as-block: as1-as2\n"), "t").has_value());
  auto bad = parse_as_block(object("as-block: AS9 - AS1\n"), "t");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "as-block: want first <= last, have 'AS9 - AS1'");
  EXPECT_EQ(parse_as_block(object("as-block: AS1\n"), "t").error().message,
            "as-block: want 'AS<first> - AS<last>', have 'AS1'");
}

TEST(FilterSetTest, KeepsTheFilters) {
  auto f = parse_filter_set(object("filter-set: fltr-martian\nfilter: { 0.0.0.0/0,\n  "
                                   "10.0.0.0/8^+ }\nmp-filter: { ::/0 }\n"),
                            "t");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->name, "FLTR-MARTIAN");
  EXPECT_EQ(f->filter, "{ 0.0.0.0/0, 10.0.0.0/8^+ }");
  EXPECT_EQ(f->mp_filter, "{ ::/0 }");
  EXPECT_FALSE(parse_filter_set(object("filter-set: AS-FOO\n"), "t").has_value());
}

}  // namespace
}  // namespace manrs::irr
