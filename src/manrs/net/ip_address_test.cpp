#include "manrs/net/ip_address.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::net {
namespace {

IpAddress addr(std::string_view text) {
  auto a = IpAddress::parse(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a.has_value() ? *a : IpAddress{};
}

TEST(IpAddressTest, ParsesAndPrintsCanonicalText) {
  struct Case {
    std::string_view in;
    std::string_view out;
    Family family;
  };
  const Case cases[] = {
      {"192.0.2.1", "192.0.2.1", Family::kV4},
      {"0.0.0.0", "0.0.0.0", Family::kV4},
      {"255.255.255.255", "255.255.255.255", Family::kV4},
      {"10.0.100.9", "10.0.100.9", Family::kV4},
      {"2001:db8::1", "2001:db8::1", Family::kV6},
      {"::", "::", Family::kV6},
      {"::1", "::1", Family::kV6},
      {"0:0:0:0:0:0:0:0", "::", Family::kV6},
      {"1::", "1::", Family::kV6},
      {"2001:db8::", "2001:db8::", Family::kV6},
      // RFC 5952 §4.1 leading zeros dropped, §4.3 lower case.
      {"2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1", Family::kV6},
      // RFC 5952 §4.2.3: the longest run is compressed; on a tie, the first.
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", Family::kV6},
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1", Family::kV6},
      {"fe80:0:0:0:1:0:0:0", "fe80::1:0:0:0", Family::kV6},
      // RFC 5952 §4.2.2: a single zero group is not compressed.
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1", Family::kV6},
      {"::1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7", Family::kV6},
      {"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", Family::kV6},
      {"2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
       Family::kV6},
      // RFC 5952 §5: IPv4-mapped addresses print in mixed notation (our documented choice).
      {"::ffff:192.0.2.1", "::ffff:192.0.2.1", Family::kV6},
      {"::ffff:c000:201", "::ffff:192.0.2.1", Family::kV6},
      {"0:0:0:0:0:ffff:0:0", "::ffff:0.0.0.0", Family::kV6},
      // Other embedded-IPv4 forms print in hex.
      {"::192.0.2.1", "::c000:201", Family::kV6},
      {"64:ff9b::192.0.2.1", "64:ff9b::c000:201", Family::kV6},
      {"::fffe:c000:201", "::fffe:c000:201", Family::kV6},
      {"1::ffff:c000:201", "1::ffff:c000:201", Family::kV6},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    auto a = IpAddress::parse(c.in);
    ASSERT_TRUE(a.has_value()) << a.error().to_string();
    EXPECT_EQ(a->family(), c.family);
    EXPECT_EQ(a->to_string(), c.out);
    std::string appended = "x=";
    a->append_to(appended);
    EXPECT_EQ(appended, "x=" + std::string(c.out));
    // The canonical text parses back to the same address.
    auto again = IpAddress::parse(a->to_string());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, *a);
  }
}

TEST(IpAddressTest, RejectsMalformedText) {
  using namespace std::string_literals;
  const std::string cases[] = {
      "",
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "01.2.3.4",  // leading zeros would be octal to inet_aton; refuse them
      "1.2.3.4.",
      " 1.2.3.4",
      "1.2.3.4 ",
      "0x1.2.3.4",
      "1:2:3:4:5:6:7:8:9",
      "2001:db8:::1",
      "2001:db8::1::2",
      "g::1",
      ":",
      "12345::",
      "1.2.3.4\0junk"s,
      "::1\0"s,
      "1.2.3.4/24",
  };
  for (const auto& text : cases) {
    SCOPED_TRACE(text);
    auto a = IpAddress::parse(text);
    ASSERT_FALSE(a.has_value()) << a->to_string();
    EXPECT_EQ(a.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(a.error().message.rfind("IP address: want IPv4 or IPv6 text, have ", 0), 0U)
        << a.error().message;
  }
}

TEST(IpAddressTest, ErrorMessageNamesTheTextAndBoundsIt) {
  auto a = IpAddress::parse("1.2.3");
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().message, "IP address: want IPv4 or IPv6 text, have '1.2.3'");

  auto b = IpAddress::parse(std::string(1000, '9'));
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().message,
            "IP address: want IPv4 or IPv6 text, have '" + std::string(64, '9') + "'");
}

TEST(IpAddressTest, BuildsFromIntegersAndBytes) {
  EXPECT_EQ(IpAddress{}.to_string(), "0.0.0.0");
  EXPECT_TRUE(IpAddress{}.is_v4());

  IpAddress a = IpAddress::v4(0xC0000201U);
  EXPECT_EQ(a.to_string(), "192.0.2.1");
  EXPECT_EQ(a.v4_value(), 0xC0000201U);
  EXPECT_EQ(a, addr("192.0.2.1"));
  EXPECT_EQ(a.max_len(), 32U);

  const std::uint8_t v4[] = {198, 51, 100, 7};
  EXPECT_EQ(IpAddress::v4_bytes(v4), addr("198.51.100.7"));

  const std::uint8_t v6[] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  IpAddress b = IpAddress::v6_bytes(v6);
  EXPECT_EQ(b, addr("2001:db8::1"));
  EXPECT_TRUE(b.is_v6());
  EXPECT_EQ(b.max_len(), 128U);
}

TEST(IpAddressTest, BitCountsFromTheMostSignificant) {
  IpAddress a = addr("128.0.0.1");
  EXPECT_TRUE(a.bit(0));
  EXPECT_FALSE(a.bit(1));
  EXPECT_FALSE(a.bit(30));
  EXPECT_TRUE(a.bit(31));
  IpAddress b = addr("::1");
  EXPECT_FALSE(b.bit(0));
  EXPECT_TRUE(b.bit(127));
  EXPECT_FALSE(b.bit(126));
}

TEST(IpAddressTest, MaskedClearsBitsFromLength) {
  struct Case {
    std::string_view in;
    unsigned len;
    std::string_view out;
  };
  const Case cases[] = {
      {"192.0.2.255", 24, "192.0.2.0"},
      {"192.0.2.255", 25, "192.0.2.128"},
      {"192.0.2.255", 0, "0.0.0.0"},
      {"192.0.2.255", 32, "192.0.2.255"},
      {"192.0.2.255", 33, "192.0.2.255"},  // >= max_len: unchanged
      {"255.255.255.255", 7, "254.0.0.0"},
      {"255.255.255.255", 1, "128.0.0.0"},
      {"255.255.255.255", 31, "255.255.255.254"},
      {"2001:db8:ffff:ffff::1", 32, "2001:db8::"},
      {"2001:db8:ffff:ffff::1", 48, "2001:db8:ffff::"},
      {"2001:db8:ffff:ffff::1", 0, "::"},
      {"2001:db8:ffff:ffff::1", 128, "2001:db8:ffff:ffff::1"},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 127, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65, "ffff:ffff:ffff:ffff:8000::"},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 64, "ffff:ffff:ffff:ffff::"},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 3, "e000::"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.in) + "/" + std::to_string(c.len));
    IpAddress m = addr(c.in).masked(c.len);
    EXPECT_EQ(m.to_string(), c.out);
    EXPECT_EQ(m.family(), addr(c.in).family());
  }
}

TEST(IpAddressTest, OrdersByFamilyThenBytes) {
  // Sorted order: every IPv4 address before every IPv6 address, then numeric.
  const std::vector<std::string_view> sorted = {
      "0.0.0.0",     "0.0.0.1",         "0.0.0.2", "0.255.255.255", "1.0.0.0",        "10.0.0.0",
      "192.0.2.1",   "255.255.255.255", "::",      "::1",           "::ffff:0.0.0.0", "2001:db8::",
      "2001:db8::1", "ffff::",
  };
  std::vector<IpAddress> addrs;
  for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
    addrs.push_back(addr(*it));
  }
  std::sort(addrs.begin(), addrs.end());
  ASSERT_EQ(addrs.size(), sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    SCOPED_TRACE(sorted[i]);
    EXPECT_EQ(addrs[i].to_string(), sorted[i]);
    if (i > 0) {
      EXPECT_LT(addrs[i - 1], addrs[i]);
      EXPECT_NE(addrs[i - 1], addrs[i]);
    }
  }
  // "::" (IPv6) differs from 0.0.0.0 (IPv4) although both are all-zero bytes.
  EXPECT_NE(addr("::"), addr("0.0.0.0"));
  EXPECT_EQ(addr("2001:db8::1"), addr("2001:0db8:0:0::0:1"));
}

}  // namespace
}  // namespace manrs::net
