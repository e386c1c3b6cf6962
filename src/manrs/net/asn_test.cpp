#include "manrs/net/asn.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace manrs::net {
namespace {

TEST(AsnTest, ParsesAsplainAndAsdot) {
  struct Case {
    std::string_view in;
    Asn want;
  };
  const Case cases[] = {
      {"0", 0},
      {"64496", 64496},
      {"23456", kAsTrans},
      {"65535", 65535},
      {"65536", 65536},
      {"4294967295", 4294967295U},
      // RFC 5396 asdot: high.low 16-bit halves.
      {"1.10", 65546},
      {"1.0", 65536},
      {"0.65535", 65535},
      {"65535.65535", 4294967295U},
      // Optional "AS" prefix in any case.
      {"AS64496", 64496},
      {"as64496", 64496},
      {"As1", 1},
      {"aS0", 0},
      {"AS1.10", 65546},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    auto a = parse_asn(c.in);
    ASSERT_TRUE(a.has_value()) << a.error().to_string();
    EXPECT_EQ(*a, c.want);
  }
}

TEST(AsnTest, RejectsJunkAndOverflow) {
  const std::string_view cases[] = {
      "",
      "AS",
      "as",
      "4294967296",   // 2^32
      "99999999999",  // 11 digits
      "18446744073709551616",
      "-1",
      "+1",
      "1.",
      ".1",
      "1.65536",  // asdot halves are 16 bits
      "65536.0",
      "1.2.3",
      "1..2",
      "AS 1",
      " 1",
      "1 ",
      "64496x",
      "ASN1",
      "AS-1",
      "0x10",
      "ASAS1",
      "１",  // full-width digit
  };
  for (const auto& text : cases) {
    SCOPED_TRACE(text);
    auto a = parse_asn(text);
    ASSERT_FALSE(a.has_value()) << *a;
    EXPECT_EQ(a.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(a.error().message,
              "RFC 5396 ASN: want asplain or asdot, have '" + std::string(text) + "'");
  }
}

TEST(AsnTest, ErrorMessageBoundsTheText) {
  auto a = parse_asn(std::string(100, '7'));
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().message,
            "RFC 5396 ASN: want asplain or asdot, have '" + std::string(32, '7') + "'");
}

TEST(AsnTest, FormatsAsplainAndAsdot) {
  struct Case {
    Asn asn;
    std::string_view asdot;
    std::string_view asplain;
  };
  const Case cases[] = {
      {0, "0", "AS0"},
      {64496, "64496", "AS64496"},
      {65535, "65535", "AS65535"},
      {65536, "1.0", "AS65536"},
      {65546, "1.10", "AS65546"},
      {4200000000U, "64086.59904", "AS4200000000"},
      {4294967295U, "65535.65535", "AS4294967295"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.asn);
    EXPECT_EQ(format_asdot(c.asn), c.asdot);
    EXPECT_EQ(format_asn(c.asn), c.asplain);
    // Both forms parse back.
    EXPECT_EQ(parse_asn(format_asdot(c.asn)).value(), c.asn);
    EXPECT_EQ(parse_asn(format_asn(c.asn)).value(), c.asn);
  }
}

}  // namespace
}  // namespace manrs::net
