#include "manrs/net/prefix.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::net {
namespace {

Prefix pfx(std::string_view text) {
  auto p = Prefix::parse(text);
  EXPECT_TRUE(p.has_value()) << text;
  return p.has_value() ? *p : Prefix{};
}

TEST(PrefixTest, ParsesCanonicalPrefixes) {
  struct Case {
    std::string_view in;
    std::string_view out;
    unsigned len;
    Family family;
  };
  const Case cases[] = {
      {"192.0.2.0/24", "192.0.2.0/24", 24, Family::kV4},
      {"0.0.0.0/0", "0.0.0.0/0", 0, Family::kV4},
      {"10.0.0.0/8", "10.0.0.0/8", 8, Family::kV4},
      {"192.0.2.1/32", "192.0.2.1/32", 32, Family::kV4},
      {"192.0.2.1", "192.0.2.1/32", 32, Family::kV4},  // no length: host prefix
      {"2001:db8::/32", "2001:db8::/32", 32, Family::kV6},
      {"::/0", "::/0", 0, Family::kV6},
      {"2001:DB8:0:0::/64", "2001:db8::/64", 64, Family::kV6},
      {"2001:db8::1", "2001:db8::1/128", 128, Family::kV6},
      {"::ffff:192.0.2.0/120", "::ffff:192.0.2.0/120", 120, Family::kV6},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    auto p = Prefix::parse(c.in);
    ASSERT_TRUE(p.has_value()) << p.error().to_string();
    EXPECT_EQ(p->to_string(), c.out);
    EXPECT_EQ(p->length(), c.len);
    EXPECT_EQ(p->family(), c.family);
    EXPECT_EQ(p->is_v4(), c.family == Family::kV4);
    std::string appended = "p ";
    p->append_to(appended);
    EXPECT_EQ(appended, "p " + std::string(c.out));
  }
}

TEST(PrefixTest, HostBitsRejectedUnlessAllowed) {
  struct Case {
    std::string_view in;
    std::string_view masked;
  };
  const Case cases[] = {
      {"192.0.2.1/24", "192.0.2.0/24"},
      {"10.255.0.0/8", "10.0.0.0/8"},
      {"1.2.3.4/0", "0.0.0.0/0"},
      {"2001:db8::1/32", "2001:db8::/32"},
      {"2001:db8:8000::/33", "2001:db8:8000::/33"},  // no host bits: accepted both ways
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    auto strict = Prefix::parse(c.in);
    auto lenient = Prefix::parse(c.in, /*allow_host_bits=*/true);
    ASSERT_TRUE(lenient.has_value()) << lenient.error().to_string();
    EXPECT_EQ(lenient->to_string(), c.masked);
    if (c.in == c.masked) {
      ASSERT_TRUE(strict.has_value());
      EXPECT_EQ(*strict, *lenient);
    } else {
      ASSERT_FALSE(strict.has_value());
      EXPECT_EQ(strict.error().code, ErrorCode::kMalformed);
    }
  }
  auto p = Prefix::parse("192.0.2.1/24");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().message, "prefix '192.0.2.1/24': want host bits zero, have 192.0.2.1");
}

TEST(PrefixTest, RejectsMalformedText) {
  struct Case {
    std::string_view in;
    std::string_view message;  // empty: only the code is checked
  };
  const Case cases[] = {
      {"192.0.2.0/33", "prefix length: want 0..32, have '33'"},
      {"2001:db8::/129", "prefix length: want 0..128, have '129'"},
      {"192.0.2.0/", "prefix length: want 0..32, have ''"},
      {"192.0.2.0/-1", "prefix length: want 0..32, have '-1'"},
      {"192.0.2.0/24/", "prefix length: want 0..32, have '24/'"},
      {"192.0.2.0/ 24", "prefix length: want 0..32, have ' 24'"},
      {"192.0.2.0/2a", "prefix length: want 0..32, have '2a'"},
      {"192.0.2.0/99999999999999999999", "prefix length: want 0..32, have '9999999999999999'"},
      {"/24", "IP address: want IPv4 or IPv6 text, have ''"},
      {"x/24", "IP address: want IPv4 or IPv6 text, have 'x'"},
      {"192.0.2/24", "IP address: want IPv4 or IPv6 text, have '192.0.2'"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    auto p = Prefix::parse(c.in, /*allow_host_bits=*/true);
    ASSERT_FALSE(p.has_value()) << p->to_string();
    EXPECT_EQ(p.error().code, ErrorCode::kMalformed);
    if (!c.message.empty()) {
      EXPECT_EQ(p.error().message, c.message);
    }
  }
}

TEST(PrefixTest, MakeMasksAndClamps) {
  IpAddress a = *IpAddress::parse("192.0.2.255");
  EXPECT_EQ(Prefix::make(a, 24).to_string(), "192.0.2.0/24");
  EXPECT_EQ(Prefix::make(a, 40).to_string(), "192.0.2.255/32");
  EXPECT_EQ(Prefix{}.to_string(), "0.0.0.0/0");
  IpAddress b = *IpAddress::parse("2001:db8::ff");
  EXPECT_EQ(Prefix::make(b, 200).to_string(), "2001:db8::ff/128");
  EXPECT_EQ(Prefix::make(b, 120).to_string(), "2001:db8::/120");
}

TEST(PrefixTest, ContainsPrefixes) {
  struct Case {
    std::string_view outer;
    std::string_view inner;
    bool contains;
  };
  const Case cases[] = {
      {"10.0.0.0/8", "10.1.0.0/16", true},
      {"10.1.0.0/16", "10.0.0.0/8", false},
      {"10.0.0.0/8", "10.0.0.0/8", true},
      {"10.0.0.0/8", "11.0.0.0/8", false},
      {"10.0.0.0/8", "11.0.0.0/16", false},
      {"10.0.0.0/7", "11.0.0.0/16", true},
      {"0.0.0.0/0", "203.0.113.7/32", true},
      {"0.0.0.0/0", "::/0", false},  // families never contain each other
      {"::/0", "0.0.0.0/0", false},
      {"::/0", "2001:db8::/32", true},
      {"2001:db8::/32", "2001:db8:ffff::/48", true},
      {"2001:db8::/32", "2001:db9::/48", false},
      {"2001:db8::/33", "2001:db8:8000::/48", false},
      {"2001:db8::1/128", "2001:db8::1/128", true},
      {"::/96", "0.0.0.0/0", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.outer) + " ⊇ " + std::string(c.inner));
    EXPECT_EQ(pfx(c.outer).contains(pfx(c.inner)), c.contains);
  }
}

TEST(PrefixTest, ContainsAddresses) {
  struct Case {
    std::string_view prefix;
    std::string_view addr;
    bool contains;
  };
  const Case cases[] = {
      {"192.0.2.0/24", "192.0.2.0", true},
      {"192.0.2.0/24", "192.0.2.255", true},
      {"192.0.2.0/24", "192.0.3.0", false},
      {"0.0.0.0/0", "255.255.255.255", true},
      {"0.0.0.0/0", "::", false},
      {"2001:db8::/32", "2001:db8:ffff::1", true},
      {"2001:db8::/32", "2001:db9::", false},
      {"::/0", "0.0.0.0", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.prefix) + " ∋ " + std::string(c.addr));
    EXPECT_EQ(pfx(c.prefix).contains(*IpAddress::parse(c.addr)), c.contains);
  }
}

TEST(PrefixTest, OrdersByFamilyAddressThenLength) {
  const std::vector<std::string_view> sorted = {
      "0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16",   "10.0.0.0/24",   "10.1.0.0/16",     "11.0.0.0/8",
      "::/0",      "::/96",      "2001:db8::/32", "2001:db8::/48", "2001:db8:1::/48",
  };
  std::vector<Prefix> prefixes;
  for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
    prefixes.push_back(pfx(*it));
  }
  std::sort(prefixes.begin(), prefixes.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    SCOPED_TRACE(sorted[i]);
    EXPECT_EQ(prefixes[i].to_string(), sorted[i]);
    if (i > 0) {
      EXPECT_LT(prefixes[i - 1], prefixes[i]);
    }
  }
  EXPECT_EQ(pfx("10.0.0.0/8"), *Prefix::parse("10.9.9.9/8", true));
}

TEST(PrefixTest, HashAgreesWithEqualityAndSpreads) {
  PrefixHash hash;
  EXPECT_EQ(hash(pfx("192.0.2.0/24")), hash(*Prefix::parse("192.0.2.77/24", true)));
  EXPECT_NE(hash(pfx("0.0.0.0/0")), hash(pfx("::/0")));
  EXPECT_NE(hash(pfx("10.0.0.0/8")), hash(pfx("10.0.0.0/16")));

  // Distinct prefixes that differ only in length, family or one address bit.
  std::unordered_set<Prefix, PrefixHash> set;
  std::unordered_set<std::size_t> hashes;
  std::size_t n = 0;
  for (unsigned len = 0; len <= 32; ++len) {
    for (unsigned bit = 0; bit < 32; ++bit) {
      Prefix p4 = Prefix::make(IpAddress::v4(1U << bit), len);
      set.insert(p4);
      hashes.insert(hash(p4));
      std::array<std::uint8_t, 16> b{};
      b[bit / 2] = static_cast<std::uint8_t>(1U << (bit % 8));
      Prefix p6 = Prefix::make(IpAddress::v6_bytes(b.data()), len * 4);
      set.insert(p6);
      hashes.insert(hash(p6));
      n += 2;
    }
  }
  EXPECT_LT(set.size(), n);              // masking made some equal...
  EXPECT_EQ(hashes.size(), set.size());  // ...and distinct ones hash apart
  for (const Prefix& p : set) {
    EXPECT_EQ(set.count(p), 1U);
  }
}

}  // namespace
}  // namespace manrs::net

namespace manrs::net {
namespace {

TEST(PrefixTest, ChildrenAreTheTwoHalves) {
  const Prefix p = *Prefix::parse("185.0.0.0/15");
  EXPECT_EQ(p.child(false).to_string(), "185.0.0.0/16");
  EXPECT_EQ(p.child(true).to_string(), "185.1.0.0/16");
  const Prefix v6 = *Prefix::parse("2a0a::/32");
  EXPECT_EQ(v6.child(true).to_string(), "2a0a:0:8000::/33");
  EXPECT_EQ(Prefix::parse("0.0.0.0/0")->child(true).to_string(), "128.0.0.0/1");
}

}  // namespace
}  // namespace manrs::net
