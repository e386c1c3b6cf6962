// Bogons: the built-in tables (manrs-spec §4.9) against the IANA special-purpose registries in
// ../shared/data/bogons, bogon ASNs, and unallocated space from fullbogons and delegated stats.
#include "manrs/filter/bogons.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "manrs/core/testing/temp_dir.h"
#include "manrs/filter/test_util.h"

namespace manrs::filter {
namespace {

using testing::pfx;

const std::filesystem::path kBogons = std::filesystem::path(MANRS_SHARED_DIR) / "data" / "bogons";

TEST(Bogons, PrefixesInsideBlocks) {
  EXPECT_TRUE(bogon_prefix(pfx("10.1.2.0/24")));
  EXPECT_EQ(bogon_prefix(pfx("198.18.0.0/15"))->rfc, "RFC 2544");
  EXPECT_TRUE(bogon_prefix(pfx("255.255.255.255/32")));
  EXPECT_TRUE(bogon_prefix(pfx("224.0.0.0/3")) == std::nullopt);  // covers, not inside
  EXPECT_FALSE(bogon_prefix(pfx("192.0.0.0/16")));
  EXPECT_FALSE(bogon_prefix(pfx("193.0.0.0/21")));
  EXPECT_FALSE(bogon_prefix(pfx("0.0.0.0/0")));
  EXPECT_TRUE(bogon_prefix(pfx("2001:db8:1::/48")));
  EXPECT_TRUE(bogon_prefix(pfx("fc00::/8")));
  EXPECT_TRUE(bogon_prefix(pfx("1000::/4")));  // outside 2000::/3
  EXPECT_EQ(bogon_prefix(pfx("1000::/4"))->purpose, "outside 2000::/3");
  EXPECT_FALSE(bogon_prefix(pfx("64:ff9b::/96")));  // NAT64 well-known: may be routed
  EXPECT_FALSE(bogon_prefix(pfx("2a00:1450::/32")));
  EXPECT_FALSE(bogon_prefix(pfx("2001:4:112::/48")));  // AS112-v6
  const auto inside = bogons_inside(pfx("192.0.0.0/16"));
  ASSERT_EQ(inside.size(), 2U);
  EXPECT_EQ(inside[0].to_string(), "192.0.0.0/24");
  EXPECT_EQ(inside[1].to_string(), "192.0.2.0/24");
  // The three blocks outside 2000::/3 (which hold the rest) and the 7 blocks inside it.
  EXPECT_EQ(bogons_inside(pfx("::/0")).size(), 10U);
  EXPECT_EQ(bogons_inside(pfx("2000::/3")).size(), 7U);
}

TEST(Bogons, Asns) {
  for (net::Asn a : {0U, 23456U, 64496U, 64511U, 64512U, 65534U, 65535U, 65551U, 65552U, 131071U,
                     4200000000U, 4294967294U, 4294967295U}) {
    EXPECT_NE(bogon_asn(a), nullptr) << a;
  }
  for (net::Asn a : {1U, 3320U, 23455U, 64495U, 131072U, 4199999999U}) {
    EXPECT_EQ(bogon_asn(a), nullptr) << a;
  }
}

// Every record of the IANA special-purpose registries that is not globally reachable is inside
// a bogon of ours (except 2001::/23, filtered by its sub-blocks); every globally reachable one is
// not, except the anycast /32s inside 192.0.0.0/24 that the spec filters as one /24 aggregate.
TEST(Bogons, AgreeWithIanaRegistries) {
  for (const char* file : {"iana-ipv4-special-registry.xml", "iana-ipv6-special-registry.xml"}) {
    const auto path = kBogons / file;
    if (!std::filesystem::exists(path)) {
      GTEST_SKIP() << "shared data absent: " << path;
    }
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string xml = ss.str();
    // <record> ... <address>A</address> ... <global>True|False</global> ... </record>
    auto field = [](std::string_view body, std::string_view tag) -> std::string {
      const std::string open = "<" + std::string(tag) + ">";
      const std::string close = "</" + std::string(tag) + ">";
      const auto a = body.find(open);
      if (a == std::string_view::npos) return {};
      const auto b = body.find(close, a);
      if (b == std::string_view::npos) return {};
      return std::string(body.substr(a + open.size(), b - a - open.size()));
    };
    std::size_t checked = 0;
    std::size_t pos = 0;
    while ((pos = xml.find("<record", pos)) != std::string::npos) {
      const auto end_rec = xml.find("</record>", pos);
      if (end_rec == std::string::npos) break;
      const std::string_view body(xml.data() + pos, end_rec - pos);
      pos = end_rec;
      std::string addr = field(body, "address");
      const std::string gl = field(body, "global");
      if (addr.empty() || gl.empty()) {
        continue;
      }
      addr.erase(0, addr.find_first_not_of(' '));
      if (addr.find(',') != std::string::npos) {
        addr = addr.substr(0, addr.find(','));
      }
      auto p = net::Prefix::parse(addr);
      if (!p) {
        continue;  // ranges like "2001:1::1/128 [1]" footnotes
      }
      const bool is_global = gl.find("True") != std::string::npos;
      const bool in_192_0_0 = pfx("192.0.0.0/24").contains(*p);
      // manrs-spec §4.9.2: 2001::/23 is filtered by its sub-blocks, not as a whole (it holds
      // globally reachable blocks such as AMT 2001:3::/32 and AS112-v6).
      const bool ietf_2001_23 = *p == pfx("2001::/23");
      if (!is_global && !ietf_2001_23 && gl.find("False") != std::string::npos) {
        EXPECT_TRUE(bogon_prefix(*p)) << addr << " is not globally reachable";
        ++checked;
      } else if (is_global && !in_192_0_0) {
        EXPECT_FALSE(bogon_prefix(*p)) << addr << " is globally reachable";
        ++checked;
      }
    }
    EXPECT_GT(checked, 10U) << file;
  }
}

TEST(Unallocated, FullbogonsAndDelegatedStats) {
  const auto v4 = kBogons / "fullbogons-ipv4-2024-03-10.txt";
  const auto nro = std::filesystem::path(MANRS_SHARED_DIR) / "data" / "misc" / "rir-delegated" /
                   "nro-extended-delegated-stats-20160406-excerpt.txt";
  if (!std::filesystem::exists(v4) || !std::filesystem::exists(nro)) {
    GTEST_SKIP() << "shared data absent: " << v4;
  }
  // Independent count of the prefix lines.
  std::ifstream in(v4);
  std::string line;
  std::size_t lines = 0;
  while (std::getline(in, line)) {
    lines += (!line.empty() && line[0] != '#') ? 1U : 0U;
  }
  Unallocated u;
  auto n = u.load_file(v4.string());
  ASSERT_TRUE(n.has_value()) << n.error().to_string();
  EXPECT_EQ(*n, lines);
  u.finalize();
  EXPECT_TRUE(u.containing(pfx("10.1.0.0/16")));
  EXPECT_FALSE(u.containing(pfx("193.0.0.0/21")));  // RIPE NCC, allocated
  EXPECT_FALSE(u.containing(pfx("8.8.8.0/24")));
  // Delegated stats: every "available"/"reserved" ipv4/ipv6 record, counted independently.
  std::ifstream d(nro);
  std::size_t records = 0;
  while (std::getline(d, line)) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string field;
    while (std::getline(ls, field, '|')) f.push_back(field);
    if (f.size() >= 7 && (f[2] == "ipv4" || f[2] == "ipv6") && f[1] != "*" &&
        (f[6] == "available" || f[6] == "reserved")) {
      ++records;
    }
  }
  Unallocated un;
  auto m = un.load_file(nro.string());
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_GE(*m, records);  // IPv4 counts that are not powers of two become several blocks
  EXPECT_GT(records, 0U);
}

TEST(Unallocated, ErrorsNameFileLineField) {
  manrs::testing::TempDir dir;
  const auto bad = dir.path() / "bad.txt";
  std::ofstream(bad) << "# comment\n10.0.0.0/8\nnot-a-prefix\n";
  Unallocated u;
  auto r = u.load_file(bad.string());
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().to_string().find("bad.txt:3: prefix"), std::string::npos)
      << r.error().to_string();
  const auto bad2 = dir.path() / "deleg.txt";
  std::ofstream(bad2) << "ripencc|NL|ipv4|193.0.0.0|huge|20000101|available\n"
                      << "ripencc|NL|ipv4|255.255.255.0|512|20000101|available\n";
  Unallocated u2;
  auto r2 = u2.load_file(bad2.string());
  ASSERT_FALSE(r2.has_value());
  EXPECT_NE(r2.error().to_string().find("deleg.txt:1: start/value"), std::string::npos)
      << r2.error().to_string();
  // Non-power-of-two counts become the covering CIDR blocks.
  const auto ok = dir.path() / "ok.txt";
  std::ofstream(ok) << "2|nro|20160406|3|19830101|20160405|+0000\n"
                    << "nro|*|ipv4|*|3|summary\n"
                    << "ripencc||ipv4|185.0.0.0|768|20000101|reserved|ripencc\n";
  Unallocated u3;
  auto r3 = u3.load_file(ok.string());
  ASSERT_TRUE(r3.has_value()) << r3.error().to_string();
  EXPECT_EQ(*r3, 2U);  // 185.0.0.0/23 + 185.0.2.0/24
  u3.finalize();
  EXPECT_TRUE(u3.containing(pfx("185.0.2.0/24")));
  EXPECT_FALSE(u3.containing(pfx("185.0.3.0/24")));
  EXPECT_EQ(u3.inside(pfx("185.0.0.0/16")).size(), 2U);
}

}  // namespace
}  // namespace manrs::filter
