// rpki/rov_test.cpp — RFC 6811 verdicts on hand-made VRP sets: every state and reason, AS0,
// AS_SET origins, nested and equal prefixes, /0 and host routes, and the explanation.
#include "manrs/rpki/rov.h"

#include <gtest/gtest.h>

namespace manrs::rpki {
namespace {

net::Prefix P(const char* text) { return *net::Prefix::parse(text); }
Vrp V(const char* prefix, unsigned max_len, net::Asn asn) {
  return Vrp{P(prefix), static_cast<std::uint8_t>(max_len), asn, 0, 0};
}

// The VRPs of ../shared/tools/vrps-small.json.
std::vector<Vrp> small() {
  return {V("192.0.2.0/24", 24, 65001),   V("198.51.100.0/24", 25, 65001),
          V("203.0.113.0/24", 24, 65002), V("203.0.113.0/24", 24, 0),
          V("2001:db8::/32", 48, 65001),  V("2001:db8:1000::/36", 36, 65002)};
}

TEST(Rov, StatesOnTheSmallSet) {
  const RovTable t(small());
  EXPECT_EQ(t.size(), 6U);
  EXPECT_EQ(t.validate(P("192.0.2.0/24"), 65001), RovState::kValid);
  EXPECT_EQ(t.validate(P("192.0.2.0/24"), 65002), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("192.0.2.128/25"), 65001), RovState::kInvalidLength);
  EXPECT_EQ(t.validate(P("198.51.100.128/25"), 65001), RovState::kValid);
  EXPECT_EQ(t.validate(P("198.51.100.0/26"), 65001), RovState::kInvalidLength);
  EXPECT_EQ(t.validate(P("192.0.0.0/16"), 65001), RovState::kNotFound);  // less specific
  EXPECT_EQ(t.validate(P("10.0.0.0/8"), 65001), RovState::kNotFound);
  // AS0 VRP next to a real one: the real one still validates, AS0 matches nobody.
  EXPECT_EQ(t.validate(P("203.0.113.0/24"), 65002), RovState::kValid);
  EXPECT_EQ(t.validate(P("203.0.113.0/24"), 0), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("2001:db8:ffff::/48"), 65001), RovState::kValid);
  EXPECT_EQ(t.validate(P("2001:db8:ffff::/49"), 65001), RovState::kInvalidLength);
  // Covered by both /32 (65001, max 48) and /36 (65002, max 36).
  EXPECT_EQ(t.validate(P("2001:db8:1000::/36"), 65002), RovState::kValid);
  EXPECT_EQ(t.validate(P("2001:db8:1000::/40"), 65002), RovState::kInvalidLength);
  EXPECT_EQ(t.validate(P("2001:db8:1000::/40"), 65001), RovState::kValid);
  EXPECT_EQ(t.validate(P("2001:db8:1000::/40"), 65003), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("2001:db9::/32"), 65001), RovState::kNotFound);
}

TEST(Rov, AsSetOriginIsNoneAndInvalidWhenCovered) {
  const RovTable t(small());
  EXPECT_EQ(t.validate(P("192.0.2.0/24"), std::nullopt), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("10.0.0.0/24"), std::nullopt), RovState::kNotFound);
}

TEST(Rov, OnlyAs0CoversMeansInvalid) {
  const RovTable t(std::vector<Vrp>{V("10.0.0.0/8", 32, 0)});
  EXPECT_EQ(t.validate(P("10.1.0.0/16"), 64500), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("11.0.0.0/8"), 64500), RovState::kNotFound);
}

TEST(Rov, SiblingsAndDeepNestingFindTheRightCover) {
  // 10/8 > 10.0/16 > 10.0.0/24, and a sibling 10.1/16 with children; routes fall in the gaps.
  const std::vector<Vrp> vrps = {V("10.0.0.0/8", 8, 1),        V("10.0.0.0/16", 16, 2),
                                 V("10.0.0.0/24", 24, 3),      V("10.1.0.0/16", 24, 4),
                                 V("10.1.128.0/17", 17, 5),    V("10.1.200.0/24", 24, 6),
                                 V("10.255.255.255/32", 32, 7)};
  const RovTable t(vrps);
  EXPECT_EQ(t.validate(P("10.0.1.0/24"), 2), RovState::kInvalidLength);  // under /16 (max 16)
  EXPECT_EQ(t.validate(P("10.0.1.0/24"), 9), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("10.0.0.0/24"), 3), RovState::kValid);
  EXPECT_EQ(t.validate(P("10.1.200.0/24"), 4), RovState::kValid);  // via the /16, max 24
  EXPECT_EQ(t.validate(P("10.1.200.0/24"), 6), RovState::kValid);
  EXPECT_EQ(t.validate(P("10.1.201.0/24"), 5), RovState::kInvalidLength);
  EXPECT_EQ(t.validate(P("10.2.0.0/16"), 1), RovState::kInvalidLength);  // only the /8 covers
  EXPECT_EQ(t.validate(P("10.0.0.0/8"), 1), RovState::kValid);
  EXPECT_EQ(t.validate(P("10.255.255.255/32"), 7), RovState::kValid);
  EXPECT_EQ(t.validate(P("10.255.255.254/32"), 7), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("9.0.0.0/8"), 1), RovState::kNotFound);
  EXPECT_EQ(t.validate(P("0.0.0.0/0"), 1), RovState::kNotFound);

  const auto why = t.covering(P("10.1.200.0/24"));
  ASSERT_EQ(why.size(), 4U);  // shortest first
  EXPECT_EQ(why[0], V("10.0.0.0/8", 8, 1));
  EXPECT_EQ(why[1], V("10.1.0.0/16", 24, 4));
  EXPECT_EQ(why[2], V("10.1.128.0/17", 17, 5));
  EXPECT_EQ(why[3], V("10.1.200.0/24", 24, 6));
  EXPECT_TRUE(t.covering(P("11.0.0.0/8")).empty());
}

TEST(Rov, DefaultRouteVrpsAndHostRoutes) {
  const RovTable t(std::vector<Vrp>{V("0.0.0.0/0", 32, 65000), V("::/0", 0, 65000),
                                    V("2001:db8::1/128", 128, 65001)});
  EXPECT_EQ(t.validate(P("198.51.100.7/32"), 65000), RovState::kValid);
  EXPECT_EQ(t.validate(P("198.51.100.7/32"), 65001), RovState::kInvalidAsn);
  EXPECT_EQ(t.validate(P("::/0"), 65000), RovState::kValid);
  EXPECT_EQ(t.validate(P("2001:db8::/32"), 65000), RovState::kInvalidLength);
  EXPECT_EQ(t.validate(P("2001:db8::1/128"), 65001), RovState::kValid);
  EXPECT_EQ(t.validate(P("2001:db8::2/128"), 65001), RovState::kInvalidAsn);
  EXPECT_EQ(t.covering(P("2001:db8::1/128")).size(), 2U);
}

TEST(Rov, EmptyTableFindsNothing) {
  const RovTable t;
  EXPECT_EQ(t.validate(P("192.0.2.0/24"), 1), RovState::kNotFound);
  EXPECT_EQ(t.validate(P("2001:db8::/32"), 1), RovState::kNotFound);
}

TEST(Rov, DuplicatesInInputCountOnce) {
  const RovTable t(std::vector<Vrp>{V("192.0.2.0/24", 24, 1), V("192.0.2.0/24", 24, 1)});
  EXPECT_EQ(t.size(), 1U);
}

TEST(Rov, RouteOrigin) {
  net::AsPath path;
  EXPECT_EQ(route_origin(path, 64500), 64500U);  // empty: own AS
  path.add_segment(net::SegmentType::kSequence);
  path.push(1);
  path.push(2);
  EXPECT_EQ(route_origin(path, 64500), 2U);
  path.add_segment(net::SegmentType::kSet);
  path.push(3);
  path.push(4);
  EXPECT_EQ(route_origin(path, 64500), std::nullopt);
  path.add_segment(net::SegmentType::kSequence);  // an empty trailing segment is ignored
  EXPECT_EQ(route_origin(path, 64500), std::nullopt);
  net::AsPath confed;
  confed.add_segment(net::SegmentType::kSequence);
  confed.push(1);
  confed.add_segment(net::SegmentType::kConfedSequence);
  confed.push(65535);
  EXPECT_EQ(route_origin(confed, 64500), 64500U);
}

TEST(Rov, StateNames) {
  EXPECT_EQ(to_string(RovState::kInvalidLength), "invalid-length");
  EXPECT_EQ(rfc_name(RovState::kInvalidLength), "invalid");
  EXPECT_EQ(rfc_name(RovState::kNotFound), "not-found");
}

}  // namespace
}  // namespace manrs::rpki
