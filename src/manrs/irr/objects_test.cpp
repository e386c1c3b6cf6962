// Tests of the typed views (irr/objects.h): prefix ranges, set names and members, route, sets.
#include "manrs/irr/objects.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

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
  EXPECT_EQ(r->problems, std::vector<std::string>{
                             "t:13: holes: want a prefix inside 192.0.2.0/24, have '10.0.0.0/8'"});
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

}  // namespace
}  // namespace manrs::irr
