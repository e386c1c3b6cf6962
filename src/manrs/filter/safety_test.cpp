// The delta check: the last deployed list read back from every dialect's syntax, compared.
#include <fstream>

#include <gtest/gtest.h>

#include "manrs/core/testing/temp_dir.h"
#include "manrs/filter/generate.h"
#include "manrs/filter/test_util.h"

namespace manrs::filter {
namespace {

using testing::pfx;
using testing::texts;

std::set<std::string> read_back(const std::string& text) {
  manrs::testing::TempDir dir;
  const auto file = dir.path() / "prev.txt";
  std::ofstream(file) << text;
  auto prev = read_previous(file.string());
  EXPECT_TRUE(prev.has_value());
  std::set<std::string> out = texts(prev->v4);
  for (const auto& s : texts(prev->v6)) out.insert(s);
  return out;
}

TEST(ReadPrevious, EverySyntaxWeWrite) {
  // Cisco / Arista / FRR / IOS XR.
  EXPECT_EQ(read_back("no ip prefix-list X\n"
                      "ip prefix-list X permit 185.1.0.0/22\n"
                      "ip prefix-list X seq 10 permit 185.2.0.0/16 le 24\n"
                      "ip prefix-list X permit 185.3.0.0/16 ge 20 le 24\n"
                      "ipv6 prefix-list X permit 2a0a::/32 le 48\n"
                      "ip prefix-list X deny 0.0.0.0/0\n"
                      "! a comment 185.9.0.0/16\n"
                      "prefix-set X\n  185.4.0.0/22 le 23,\n  185.5.0.0/22\nend-set\n"),
            (std::set<std::string>{"185.1.0.0/22", "185.2.0.0/16{16,24}", "185.3.0.0/16{20,24}",
                                   "2a0a::/32{32,48}", "185.4.0.0/22{22,23}", "185.5.0.0/22"}));
  // Junos.
  EXPECT_EQ(read_back("policy-options {\n replace: prefix-list X {\n  185.1.0.0/22;\n }\n"
                      " route-filter-list Y {\n  185.2.0.0/16 upto /24;\n"
                      "  185.3.0.0/16 prefix-length-range /20-/24;\n  185.6.0.0/16 exact;\n"
                      "  185.7.0.0/16 orlonger;\n }\n}\n"),
            (std::set<std::string>{"185.1.0.0/22", "185.2.0.0/16{16,24}", "185.3.0.0/16{20,24}",
                                   "185.6.0.0/16", "185.7.0.0/16{16,32}"}));
  // BIRD, OpenBGPD, plain.
  EXPECT_EQ(read_back("define X_V4 = [\n  185.1.0.0/22,\n  185.2.0.0/16{16,24},\n"
                      "  185.3.0.0/16+\n];\n"
                      "prefix-set X {\n  185.4.0.0/16 prefixlen 16 - 24\n"
                      "  185.5.0.0/16 or-longer\n  185.6.0.0/22 }\n"),
            (std::set<std::string>{"185.1.0.0/22", "185.2.0.0/16{16,24}", "185.3.0.0/16{16,32}",
                                   "185.4.0.0/16{16,24}", "185.5.0.0/16{16,32}", "185.6.0.0/22"}));
  // Huawei, Nokia classic and MD-CLI, MikroTik.
  EXPECT_EQ(
      read_back("ip ip-prefix X index 10 permit 185.1.0.0 22\n"
                "ip ip-prefix X index 20 permit 185.2.0.0 16 greater-equal 20 "
                "less-equal 24\n"
                "prefix 185.3.0.0/16 through 24\n"
                "prefix 185.4.0.0/16 prefix-length-range 20-24\n"
                "prefix 185.5.0.0/16 type range start-length 20 end-length 24\n"
                "/routing filter rule add chain=X rule=\"if (dst in 185.6.0.0/16 && "
                "dst-len in 16-24) {accept}\"\n"
                "/routing filter rule add chain=X rule=\"reject\"\n"),
      (std::set<std::string>{"185.1.0.0/22", "185.2.0.0/16{20,24}", "185.3.0.0/16{16,24}",
                             "185.4.0.0/16{20,24}", "185.5.0.0/16{20,24}", "185.6.0.0/16{16,24}"}));
}

TEST(ReadPrevious, MissingFileIsAnError) {
  EXPECT_FALSE(read_previous("/nonexistent/prev.txt").has_value());
}

TEST(Delta, CountsAddedAndRemoved) {
  Filter f;
  for (auto s : {"185.1.0.0/22", "185.2.0.0/22", "185.3.0.0/22", "185.4.0.0/22"}) {
    f.v4.entries.push_back(Entry::make_exact(pfx(s)));
  }
  PreviousList prev;
  for (auto s : {"185.1.0.0/22", "185.2.0.0/22", "185.3.0.0/22", "185.9.0.0/22", "185.8.0.0/22"}) {
    prev.v4.push_back(Entry::make_exact(pfx(s)));
  }
  auto d = compare(f, prev);
  EXPECT_EQ(d.previous, 5U);
  EXPECT_EQ(d.current, 4U);
  EXPECT_EQ(d.added, 1U);
  EXPECT_EQ(d.removed, 2U);
  EXPECT_DOUBLE_EQ(d.percent(), 60.0);
  EXPECT_EQ(d.added_entries.at(0).to_string(), "185.4.0.0/22");
  // A family that was not asked for does not count as removed.
  f.has_v4 = false;
  EXPECT_EQ(compare(f, prev).removed, 0U);
  // Nothing before: every entry is new (100% per entry, the check refuses a first run only
  // when the threshold is below that).
  PreviousList none;
  f.has_v4 = true;
  EXPECT_DOUBLE_EQ(compare(f, none).percent(), 400.0);
}

}  // namespace
}  // namespace manrs::filter
