// rpki/vrp_test.cpp — VrpSet canonical form: sort, merge duplicates, unite ASPAs, check_vrp.
#include "manrs/rpki/vrp.h"

#include <gtest/gtest.h>

namespace manrs::rpki {
namespace {

net::Prefix P(const char* text) { return *net::Prefix::parse(text); }

TEST(VrpSet, NormalizeSortsAndMergesDuplicatesKeepingLatestExpiry) {
  VrpSet set;
  const auto ta = set.intern_ta("ripe");
  set.vrps.push_back({P("2001:db8::/32"), 48, 65001, ta, 10});
  set.vrps.push_back({P("192.0.2.0/24"), 24, 65002, ta, 5});
  set.vrps.push_back({P("192.0.2.0/24"), 24, 65001, ta, 7});
  set.vrps.push_back({P("192.0.2.0/24"), 24, 65001, 0, 9});
  const auto report = set.normalize();
  EXPECT_EQ(report.duplicate_vrps, 1U);
  ASSERT_EQ(set.vrps.size(), 3U);
  EXPECT_EQ(set.vrps[0].asn, 65001U);
  EXPECT_EQ(set.vrps[0].expires, 9);
  EXPECT_EQ(set.vrps[0].ta, ta);  // the first one's trust anchor
  EXPECT_EQ(set.vrps[1].asn, 65002U);
  EXPECT_EQ(set.vrps[2].prefix, P("2001:db8::/32"));
  EXPECT_EQ(set.v4_count(), 2U);
  EXPECT_EQ(set.v6_count(), 1U);
}

TEST(VrpSet, AspasOfOneCustomerAreUnited) {
  VrpSet set;
  set.aspas.push_back({65001, {65003, 65002}, 0, 0});  // e.g. the ipv4 entry
  set.aspas.push_back({64999, {1}, 0, 0});
  set.aspas.push_back({65001, {65002, 65004}, 0, 0});  // the ipv6 entry
  const auto report = set.normalize();
  EXPECT_EQ(report.merged_aspas, 1U);
  ASSERT_EQ(set.aspas.size(), 2U);
  EXPECT_EQ(set.aspas[0].customer, 64999U);
  EXPECT_EQ(set.aspas[1].providers, (std::vector<net::Asn>{65002, 65003, 65004}));
}

TEST(VrpSet, MergeReinternsTrustAnchors) {
  VrpSet a;
  a.vrps.push_back({P("192.0.2.0/24"), 24, 1, a.intern_ta("apnic"), 0});
  VrpSet b;
  b.intern_ta("x");
  b.vrps.push_back({P("198.51.100.0/24"), 24, 2, b.intern_ta("ripe"), 0});
  a.merge(b);
  a.normalize();
  ASSERT_EQ(a.vrps.size(), 2U);
  EXPECT_EQ(a.ta_name(a.vrps[1].ta), "ripe");
  EXPECT_EQ(a.ta_name(a.vrps[0].ta), "apnic");
}

TEST(VrpSet, InternTaIsBounded) {
  VrpSet set;
  for (int i = 0; i < 70000; ++i) {
    (void)set.intern_ta("ta" + std::to_string(i));
  }
  EXPECT_EQ(set.trust_anchors.size(), 65535U);
  EXPECT_EQ(set.intern_ta("one more"), 0U);
}

TEST(VrpLess, SameOrderAsSpaceship) {
  const std::vector<Vrp> vrps = {
      {P("0.0.0.0/0"), 0, 1, 0, 0},           {P("10.0.0.0/8"), 8, 1, 0, 0},
      {P("10.0.0.0/8"), 8, 2, 0, 0},          {P("10.0.0.0/8"), 9, 1, 0, 0},
      {P("10.0.0.0/9"), 9, 1, 0, 0},          {P("10.128.0.0/9"), 9, 1, 0, 0},
      {P("255.255.255.255/32"), 32, 1, 0, 0}, {P("::/0"), 0, 1, 0, 0},
      {P("2001:db8::/32"), 32, 1, 0, 0},      {P("2001:db8::1:0:0:0/80"), 80, 1, 0, 0},
      {P("2001:db8::1/128"), 128, 1, 0, 0},   {P("ffff::/16"), 16, 1, 0, 0}};
  for (const auto& a : vrps) {
    for (const auto& b : vrps) {
      EXPECT_EQ(vrp_less(a, b), a < b) << a.prefix.to_string() << " " << b.prefix.to_string();
    }
  }
}

TEST(CheckVrp, MaxLengthRange) {
  EXPECT_TRUE(check_vrp(P("192.0.2.0/24"), 24).has_value());
  EXPECT_TRUE(check_vrp(P("192.0.2.0/24"), 32).has_value());
  EXPECT_TRUE(check_vrp(P("2001:db8::/32"), 128).has_value());
  const auto low = check_vrp(P("192.0.2.0/24"), 16);
  ASSERT_FALSE(low.has_value());
  EXPECT_EQ(low.error().message, "maxLength: want 24..32 for 192.0.2.0/24, have 16");
  EXPECT_FALSE(check_vrp(P("192.0.2.0/24"), 33).has_value());
  EXPECT_FALSE(check_vrp(P("2001:db8::/32"), 129).has_value());
}

}  // namespace
}  // namespace manrs::rpki
