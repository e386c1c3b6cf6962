// Tests of the whois query decoder: every IRRd `!` command and RIPE flag form, case and CRLF
// handling, and the exact error texts (IRRd 4's words) for bad and hostile lines.
#include "manrs/irr/query.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::irr {
namespace {

Query ok(std::string_view line) {
  auto q = parse_query(line);
  EXPECT_TRUE(q.has_value()) << "'" << line << "': " << q.error().message;
  return q ? *q : Query{};
}

std::string err(std::string_view line) {
  auto q = parse_query(line);
  EXPECT_FALSE(q.has_value()) << "'" << line << "' parsed";
  if (q) {
    return "";
  }
  EXPECT_EQ(q.error().code, ErrorCode::kMalformed);
  EXPECT_TRUE(q.error().source.empty()) << "the message is what the client sees";
  return q.error().message;
}

net::Prefix pfx(std::string_view s) { return *net::Prefix::parse(s); }

TEST(QueryTest, BlankLinesAreEmpty) {
  for (std::string_view line : {"", " ", "\r", "\t \r", "  \n"}) {
    SCOPED_TRACE(std::string(line));
    EXPECT_EQ(ok(line).kind, Query::Kind::kEmpty);
  }
}

TEST(QueryTest, MultipleIdentVersionQuit) {
  EXPECT_EQ(ok("!!").kind, Query::Kind::kMultiple);
  EXPECT_EQ(ok("!!garbage").kind, Query::Kind::kMultiple);  // IRRd ignores the rest
  auto n = ok("!nbgpq4 1.9");
  EXPECT_EQ(n.kind, Query::Kind::kIdent);
  EXPECT_EQ(n.text, "bgpq4 1.9");
  EXPECT_EQ(ok("!v").kind, Query::Kind::kVersion);
  EXPECT_EQ(ok("!q").kind, Query::Kind::kQuit);
  EXPECT_EQ(ok("!Q").kind, Query::Kind::kQuit);
  EXPECT_EQ(ok("  !q\r").kind, Query::Kind::kQuit);
  EXPECT_EQ(err("!qx"), "Unrecognised command: q");
}

TEST(QueryTest, RoutesByOrigin) {
  auto g = ok("!gAS65001");
  EXPECT_EQ(g.kind, Query::Kind::kRoutesByOrigin);
  EXPECT_EQ(g.asn, 65001U);
  EXPECT_EQ(g.family, net::Family::kV4);
  auto six = ok("!6as3333\r");  // whois(1): lower case, CRLF
  EXPECT_EQ(six.kind, Query::Kind::kRoutesByOrigin);
  EXPECT_EQ(six.asn, 3333U);
  EXPECT_EQ(six.family, net::Family::kV6);
  EXPECT_EQ(ok("!GAS0").asn, 0U);
  EXPECT_EQ(ok("!gAS4294967295").asn, 4294967295U);
  EXPECT_EQ(err("!g"), "Missing parameter for g query");
  EXPECT_EQ(err("!6"), "Missing parameter for 6 query");
  EXPECT_EQ(err("!g65001"), "Invalid AS number 65001: must start with \"AS\"");
  EXPECT_EQ(err("!gASX"), "Invalid AS number ASX: number part is not numeric");
  EXPECT_EQ(err("!gas"), "Invalid AS number AS: number part is not numeric");
  EXPECT_EQ(err("!gAS1.10"), "Invalid AS number AS1.10: number part is not numeric");
  EXPECT_EQ(err("!gAS-FOO"), "Invalid AS number AS-FOO: number part is not numeric");
  EXPECT_EQ(err("!gAS4294967296"), "Invalid AS number AS4294967296: valid range is 0-4294967295");
  EXPECT_EQ(err("!gAS99999999999999999999999999"),
            "Invalid AS number AS99999999999999999999999999: valid range is 0-4294967295");
}

TEST(QueryTest, SetMembers) {
  auto i = ok("!iAS-FOO");
  EXPECT_EQ(i.kind, Query::Kind::kSetMembers);
  EXPECT_EQ(i.name, "AS-FOO");
  EXPECT_FALSE(i.recursive);
  auto r = ok("!ias64500:as-customers,1");
  EXPECT_EQ(r.name, "AS64500:AS-CUSTOMERS");
  EXPECT_TRUE(r.recursive);
  EXPECT_EQ(ok("!iRIPE::AS-FOO,1").name, "RIPE::AS-FOO");
  // Only ",1" means recursive (IRRd): ",0" stays part of the (unknown) name.
  EXPECT_EQ(ok("!iAS-FOO,0").name, "AS-FOO,0");
  EXPECT_EQ(ok("!i,1").name, "");
  EXPECT_EQ(err("!i"), "Missing parameter for i query");
}

TEST(QueryTest, SetPrefixes) {
  auto a = ok("!aAS-FOO");
  EXPECT_EQ(a.kind, Query::Kind::kSetPrefixes);
  EXPECT_EQ(a.name, "AS-FOO");
  EXPECT_FALSE(a.family.has_value());
  auto a4 = ok("!a4as-foo");
  EXPECT_EQ(a4.family, net::Family::kV4);
  EXPECT_EQ(a4.name, "AS-FOO");
  EXPECT_EQ(ok("!a6AS-FOO").family, net::Family::kV6);
  // bgpq4's probe compares this text exactly.
  EXPECT_EQ(err("!a"), "Missing required set name for A query");
  EXPECT_EQ(err("!a4"), "Missing required set name for A query");
  EXPECT_EQ(err("!a6\r"), "Missing required set name for A query");
}

TEST(QueryTest, ObjectByKey) {
  auto m = ok("!maut-num,AS3333");
  EXPECT_EQ(m.kind, Query::Kind::kObjectByKey);
  EXPECT_EQ(m.cls, ObjectClass::kAutNum);
  EXPECT_EQ(m.class_name, "aut-num");
  EXPECT_EQ(m.key, "AS3333");
  auto upper = ok("!mAS-SET,AS-FOO");
  EXPECT_EQ(upper.cls, ObjectClass::kAsSet);
  EXPECT_EQ(upper.class_name, "as-set");
  // Route keys: IRRd drops spaces and dashes (legacy composite keys).
  EXPECT_EQ(ok("!mroute,192.0.2.0/24AS65001").key, "192.0.2.0/24AS65001");
  EXPECT_EQ(ok("!mroute,192.0.2.0/24 AS65001").key, "192.0.2.0/24AS65001");
  EXPECT_EQ(ok("!mroute6,2001:db8::/32-as65001").key, "2001:DB8::/32AS65001");
  auto other = ok("!mpoem,POEM-FOO");
  EXPECT_EQ(other.cls, ObjectClass::kOther);
  EXPECT_EQ(other.class_name, "poem");
  EXPECT_EQ(ok("!maut-num,AS1,AS2").key, "AS1,AS2");  // one split only
  EXPECT_EQ(err("!maut-num"), "Invalid argument for object lookup: aut-num");
  EXPECT_EQ(err("!m"), "Missing parameter for m query");
}

TEST(QueryTest, ByMaintainer) {
  auto o = ok("!oripe-ncc-mnt");
  EXPECT_EQ(o.kind, Query::Kind::kByMaintainer);
  EXPECT_EQ(o.name, "RIPE-NCC-MNT");
  EXPECT_EQ(err("!o"), "Missing parameter for o query");
}

TEST(QueryTest, RouteSearch) {
  auto r = ok("!r192.0.2.0/24");
  EXPECT_EQ(r.kind, Query::Kind::kRouteSearch);
  EXPECT_EQ(r.prefix, pfx("192.0.2.0/24"));
  EXPECT_EQ(r.match, PrefixMatch::kExact);
  EXPECT_FALSE(r.origins_only);
  auto o = ok("!r2001:DB8::/32,o");
  EXPECT_EQ(o.prefix, pfx("2001:db8::/32"));
  EXPECT_TRUE(o.origins_only);
  EXPECT_EQ(o.match, PrefixMatch::kExact);
  EXPECT_EQ(ok("!r192.0.2.0/24,l").match, PrefixMatch::kOneLess);
  EXPECT_EQ(ok("!r192.0.2.0/24,L").match, PrefixMatch::kAllLess);
  EXPECT_EQ(ok("!r192.0.2.0/24,M").match, PrefixMatch::kAllMore);
  EXPECT_EQ(ok("!r192.0.2.1").prefix, pfx("192.0.2.1/32"));  // an address is a host prefix
  EXPECT_EQ(err("!r192.0.2.0/24,m"), "Invalid route search option: m");  // IRRd: M only
  EXPECT_EQ(err("!r192.0.2.0/24,"), "Invalid route search option: ");
  EXPECT_EQ(err("!r192.0.2.0/24,o,l"), "Invalid input for route search: 192.0.2.0/24,o,l");
  EXPECT_EQ(err("!r192.0.2.1/24"), "Invalid input for route search: 192.0.2.1/24");
  EXPECT_EQ(err("!r192.0.2.0/33"), "Invalid input for route search: 192.0.2.0/33");
  EXPECT_EQ(err("!rfoo,o"), "Invalid input for route search: foo,o");
  EXPECT_EQ(err("!r"), "Missing parameter for r query");
}

TEST(QueryTest, Sources) {
  auto s = ok("!sripe,radb");
  EXPECT_EQ(s.kind, Query::Kind::kSetSources);
  EXPECT_EQ(s.sources, (std::vector<std::string>{"RIPE", "RADB"}));
  EXPECT_EQ(ok("!sRIPE,").sources, (std::vector<std::string>{"RIPE", ""}));
  auto noop = ok("!s-*");
  EXPECT_EQ(noop.kind, Query::Kind::kSetSources);
  EXPECT_TRUE(noop.sources.empty());
  EXPECT_EQ(ok("!s-lc").kind, Query::Kind::kListSources);
  EXPECT_EQ(err("!s"), "Missing parameter for s query");
  auto j = ok("!j-*");
  EXPECT_EQ(j.kind, Query::Kind::kSerials);
  EXPECT_TRUE(j.all_sources);
  auto j2 = ok("!jripe,NOPE");
  EXPECT_FALSE(j2.all_sources);
  EXPECT_EQ(j2.sources, (std::vector<std::string>{"RIPE", "NOPE"}));
  EXPECT_EQ(err("!j"), "Missing parameter for j query");
}

TEST(QueryTest, TimeoutAndRpkiFilter) {
  auto t = ok("!t60");
  EXPECT_EQ(t.kind, Query::Kind::kTimeout);
  EXPECT_EQ(t.timeout_seconds, 60U);
  EXPECT_EQ(ok("!t1000").timeout_seconds, 1000U);
  EXPECT_EQ(err("!t0"), "Invalid value for timeout: 0");
  EXPECT_EQ(err("!t1001"), "Invalid value for timeout: 1001");
  EXPECT_EQ(err("!tx"), "Invalid value for timeout: x");
  EXPECT_EQ(err("!t99999999999999"), "Invalid value for timeout: 99999999999999");
  EXPECT_EQ(err("!t"), "Missing parameter for t query");
  EXPECT_EQ(ok("!fno-rpki-filter").kind, Query::Kind::kNoRpkiFilter);
  EXPECT_EQ(ok("!FNO-RPKI-FILTER").kind, Query::Kind::kNoRpkiFilter);
}

TEST(QueryTest, UnknownAndBareCommands) {
  EXPECT_EQ(err("!"), "Missing IRRD command");
  EXPECT_EQ(err("  !  "), "Missing IRRD command");
  EXPECT_EQ(err("!z"), "Unrecognised command: z");
  EXPECT_EQ(err("!J-*"), "Unrecognised command: J");  // IRRd's JSON status: not served
  EXPECT_EQ(err("!eAS-FOO"), "Unrecognised command: e");
  EXPECT_EQ(err("!\xff"), "Unrecognised command: \xff");
}

TEST(QueryTest, UserAgentPrefixHidesAnIrrdQuery) {
  auto q = ok("-V my-client !gAS65001");
  EXPECT_EQ(q.kind, Query::Kind::kRoutesByOrigin);
  EXPECT_EQ(q.asn, 65001U);
  EXPECT_TRUE(irrd_style("-V my-client !gAS65001"));
  EXPECT_FALSE(irrd_style("-V my-client AS-FOO"));
  EXPECT_EQ(ok("-V my-client AS-FOO").kind, Query::Kind::kRipe);
}

TEST(QueryTest, StyleOfALine) {
  EXPECT_TRUE(irrd_style("!gAS1"));
  EXPECT_TRUE(irrd_style("  !x\r"));
  EXPECT_TRUE(irrd_style(std::string_view("-i origin\0AS1", 13)));
  EXPECT_FALSE(irrd_style("AS-FOO"));
  EXPECT_FALSE(irrd_style("-k"));
  EXPECT_FALSE(irrd_style(""));
}

TEST(QueryTest, RipePlainKey) {
  auto q = ok("as-foo\r");  // whois(1) AS-FOO
  EXPECT_EQ(q.kind, Query::Kind::kRipe);
  EXPECT_EQ(q.key, "as-foo");
  EXPECT_TRUE(q.ripe.inverse.empty());
  EXPECT_FALSE(q.ripe.match_given);
  EXPECT_EQ(ok("AS-FOO AS-BAR").key, "AS-BAR");  // IRRd: the last search answers
  EXPECT_EQ(ok("192.0.2.0/24").key, "192.0.2.0/24");
}

TEST(QueryTest, RipeInverse) {
  auto q = ok("-K -i origin as65001\r");
  EXPECT_EQ(q.kind, Query::Kind::kRipe);
  EXPECT_TRUE(q.ripe.keys_only);
  EXPECT_EQ(q.ripe.inverse, (std::vector<std::string>{"origin"}));
  EXPECT_EQ(q.key, "as65001");
  auto m = ok("-i MNT-BY,member-of,mnt-by FOO-MNT trailing words");
  EXPECT_EQ(m.ripe.inverse, (std::vector<std::string>{"mnt-by", "member-of"}));
  EXPECT_EQ(m.key, "FOO-MNT");  // the search ends the query (IRRd ignores the rest)
  EXPECT_EQ(ok("-i mbrs-by-ref ANY").ripe.inverse, (std::vector<std::string>{"mbrs-by-ref"}));
  EXPECT_EQ(err("-i origin"), "Missing argument for flag/search: i");
  EXPECT_EQ(err("-i"), "Missing argument for flag/search: i");
  EXPECT_EQ(err("-i admin-c JS1-TEST"),
            "Inverse attribute search not supported for admin-c,only supported for attributes: "
            "origin, mnt-by, member-of, mbrs-by-ref");
}

TEST(QueryTest, RipeFlags) {
  auto q = ok("-k -r -B -G -F -K -T route,ROUTE6 -s RIPE,radb -V whois5.5 192.0.2.0/24");
  EXPECT_TRUE(q.ripe.keepalive_toggle);
  EXPECT_TRUE(q.ripe.keys_only);
  EXPECT_EQ(q.ripe.types, (std::vector<ObjectClass>{ObjectClass::kRoute, ObjectClass::kRoute6}));
  EXPECT_EQ(q.sources, (std::vector<std::string>{"RIPE", "RADB"}));
  EXPECT_FALSE(q.all_sources);
  EXPECT_EQ(q.key, "192.0.2.0/24");
  auto a = ok("-a AS-FOO");
  EXPECT_TRUE(a.all_sources);
  EXPECT_TRUE(a.sources.empty());
  auto k = ok("-k");
  EXPECT_TRUE(k.ripe.keepalive_toggle);
  EXPECT_TRUE(k.key.empty());
  EXPECT_EQ(err("-s"), "Missing argument for flag/search: s");
  EXPECT_EQ(err("-T"), "Missing argument for flag/search: T");
  EXPECT_EQ(err("-T route,poem AS1"), "Unknown object class: poem");
  EXPECT_EQ(err("-z AS1"), "Unrecognised flag/search: z");
  EXPECT_EQ(err("-rBG AS1"), "Unrecognised flag/search: rBG");
  EXPECT_EQ(err("- AS1"), "Unrecognised flag/search: ");
  EXPECT_EQ(err("-t route"), "Flag -t (object templates, NRTM) is not supported by this server");
  EXPECT_EQ(err("-g RIPE:3:1-LAST"),
            "Flag -g (object templates, NRTM) is not supported by this server");
  EXPECT_EQ(err("-q"), "Missing argument for flag/search: q");
  EXPECT_EQ(err("-V"), "Missing argument for flag/search: V");
}

TEST(QueryTest, RipePrefixSearches) {
  struct Case {
    std::string_view line;
    PrefixMatch match;
  };
  for (const Case& c : {Case{"-x 192.0.2.0/24", PrefixMatch::kExact},
                        Case{"-l 192.0.2.0/24", PrefixMatch::kOneLess},
                        Case{"-L 192.0.2.0/24", PrefixMatch::kAllLess},
                        Case{"-m 192.0.2.0/24", PrefixMatch::kOneMore},
                        Case{"-M 192.0.2.0/24", PrefixMatch::kAllMore}}) {
    SCOPED_TRACE(std::string(c.line));
    auto q = ok(c.line);
    EXPECT_TRUE(q.ripe.match_given);
    EXPECT_EQ(q.match, c.match);
    EXPECT_EQ(q.prefix, pfx("192.0.2.0/24"));
  }
  EXPECT_EQ(ok("-s RIPE -M 2001:db8::/32").prefix, pfx("2001:db8::/32"));
  EXPECT_EQ(err("-M"), "Missing argument for flag/search: M");
  EXPECT_EQ(err("-x AS-FOO"), "Invalid input for route search: AS-FOO");
  EXPECT_EQ(err("-L 10.0.0.1/8"), "Invalid input for route search: 10.0.0.1/8");
}

TEST(QueryTest, HostileLines) {
  EXPECT_EQ(err(std::string_view("!gAS1\0", 6)), "Queries may not contain null bytes");
  EXPECT_EQ(err(std::string_view("\0", 1)), "Queries may not contain null bytes");
  EXPECT_EQ(err(std::string_view("AS-FOO\0-k", 9)), "Queries may not contain null bytes");
  std::string huge(kMaxQueryLineBytes + 1, 'A');
  EXPECT_EQ(err(huge), "Query too long: want at most 16384 bytes, have 16385");
  std::string big_ok = "!i" + std::string(kMaxQueryLineBytes - 2, 'B');
  EXPECT_EQ(ok(big_ok).name.size(), kMaxQueryLineBytes - 2);
  // Many flags, deep junk, control characters: decoded or refused, never a crash.
  std::string flags;
  for (int i = 0; i < 2000; ++i) {
    flags += "-k ";
  }
  EXPECT_TRUE(ok(flags).ripe.keepalive_toggle);
  EXPECT_EQ(ok("\x01\x02\x7f").key, "\x01\x02\x7f");
  EXPECT_EQ(err("!g\xff\xfe"), "Invalid AS number \xff\xfe: must start with \"AS\"");
  EXPECT_EQ(ok("!n\xff\xfe").text, "\xff\xfe");
}

}  // namespace
}  // namespace manrs::irr
