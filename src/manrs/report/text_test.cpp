#include "manrs/report/text.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/testing/golden.h"
#include "manrs/report/testing/sample_reports.h"

namespace manrs::report {
namespace {

namespace sample = testing;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool has_line(const std::vector<std::string>& lines, std::string_view want) {
  for (const std::string& l : lines) {
    if (l == want) return true;
  }
  return false;
}

std::size_t count(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + 1))
    ++n;
  return n;
}

// Every ESC in `s` starts one of our SGR sequences: ESC [ digits (; digits)* m.
bool only_sgr_escapes(const std::string& s) {
  for (std::size_t p = s.find('\x1b'); p != std::string::npos; p = s.find('\x1b', p + 1)) {
    std::size_t i = p + 1;
    if (i >= s.size() || s[i] != '[') return false;
    ++i;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';')) ++i;
    if (i >= s.size() || s[i] != 'm') return false;
  }
  return true;
}

TEST(TextTest, FullReportMatchesGolden) {
  const std::string text = render_text(sample::full_report(), TextOptions{});
  manrs::testing::expect_golden(
      std::filesystem::path(MANRS_SOURCE_DIR) / "tests/golden/report/full.txt", text);
}

TEST(TextTest, ActionLinesReadAtAGlance) {
  const auto lines = lines_of(render_text(sample::full_report(), TextOptions{}));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0], "AS64500  EXAMPLE-NET Example Networks B.V.");
  EXPECT_EQ(lines[1],
            "NL \xC2\xB7 ripencc \xC2\xB7 month 2015-11 (2015-11-01 \xE2\x80\x93 2015-11-30 UTC) "
            "\xC2\xB7 generated 2015-12-01 06:00 UTC");
  // 21.6 % → 2 of 10 cells; 85 % → 9 (rounded); no data → dots.
  const std::string full = "\xE2\x96\x88";
  const std::string empty = "\xE2\x96\x91";
  auto bar = [&](int n) {
    std::string s;
    for (int i = 0; i < 10; ++i) s += i < n ? full : empty;
    return s;
  };
  EXPECT_TRUE(has_line(lines, "  1  Filtering      " + bar(2) +
                                  "   21.6 %  Lagging   3 incidents, raw 4.5 \xE2\x86\x92 21.6 %"));
  EXPECT_TRUE(has_line(lines,
                       "  2  Anti-spoofing  ..........        \xE2\x80\x93  No data   no "
                       "Spoofer tests from the AS's prefixes"));
  EXPECT_TRUE(
      has_line(lines, "  3  Coordination   " + bar(10) +
                          "  100.0 %  Ready     contacts registered in the IRR and PeeringDB"));
  EXPECT_TRUE(has_line(
      lines, "  4  IRR            " + bar(8) + "   80.0 %  Aspiring  16 of 20 routes covered"));
  EXPECT_TRUE(
      has_line(lines, "  4  RPKI           " + bar(9) +
                          "   85.0 %  Aspiring  17 valid, 0 invalid, 3 not found of 20 routes"));
}

TEST(TextTest, IncidentsComeInTimeOrderWithEvidence) {
  const std::string text = render_text(sample::full_report(), TextOptions{});
  const auto lines = lines_of(text);
  EXPECT_TRUE(has_line(lines, "Incidents (Action 1)  4 in the month, 3 scored in Filtering"));
  const std::size_t m2 =
      text.find("  M2         198.51.100.0/24     2015-11-03 06:00 \xE2\x80\x93 06:40  ");
  const std::size_t m3 =
      text.find("  M3         10.20.0.0/16        2015-11-10 00:00 \xE2\x80\x93 11-12 03:00");
  const std::size_t m2c =
      text.find("  M2C        2001:db8:ffff::/48  2015-11-20 12:00 \xE2\x80\x93 12:15");
  const std::size_t m1 =
      text.find("  M1 (info)  203.0.113.0/24      2015-11-25 08:00 \xE2\x80\x93 11:00");
  ASSERT_NE(m2, std::string::npos) << text;
  ASSERT_NE(m3, std::string::npos);
  ASSERT_NE(m2c, std::string::npos);
  ASSERT_NE(m1, std::string::npos);
  EXPECT_LT(m2, m3);
  EXPECT_LT(m3, m2c);
  EXPECT_LT(m2c, m1);
  // Durations and scores (by hand: 40 min → 1, 51 h → 3, 15 min → 0.5, 3 h → 1).
  EXPECT_NE(text.find("06:40          40 min      1\n"), std::string::npos);
  EXPECT_NE(text.find("11-12 03:00   2 d 3 h      3\n"), std::string::npos);
  EXPECT_NE(text.find("12:15          15 min    0.5\n"), std::string::npos);
  EXPECT_TRUE(has_line(lines,
                       "      10.20.0.0/16 is private-use space (RFC 1918, IANA special-purpose "
                       "registry)"));
  // Action 4 numbers and the routes needing work.
  EXPECT_TRUE(has_line(lines,
                       "  IRR   16 covered by a route object of the origin (80.0 %), 1 other "
                       "origin, 3 none"));
  EXPECT_TRUE(has_line(lines, "  RPKI  17 valid, 0 invalid, 3 not found"));
  EXPECT_TRUE(has_line(lines, "  4 routes need work:"));
  EXPECT_TRUE(has_line(lines,
                       "  198.51.100.0/24     not found  other origin     12  route "
                       "198.51.100.0/24 AS64501 (RIPE)"));
  // Checks, fixes (titles only without verbose), trend.
  EXPECT_EQ(count(text, "  \xE2\x9C\x93 "), 6u);  // ✓: 4 coordination + 2 policy
  EXPECT_EQ(count(text, "  \xE2\x9C\x97 "), 2u);  // ✗
  EXPECT_TRUE(has_line(lines, "   3. [IRR] Register route6 2001:db8:10::/48 origin AS64500"));
  EXPECT_EQ(text.find("mnt-by:"), std::string::npos);
  EXPECT_TRUE(
      has_line(lines, "  2015-10       48.6              \xE2\x80\x93         100.0  80.0  85.0"));
  EXPECT_EQ(text.find('\x1b'), std::string::npos);  // no colour unless asked
}

TEST(TextTest, VerboseShowsEventsFixTextsAndMetrics) {
  TextOptions o;
  o.verbose = true;
  const std::string text = render_text(sample::full_report(), o);
  const auto lines = lines_of(text);
  EXPECT_TRUE(
      has_line(lines,
               "        event 2 \xC2\xB7 moas-1446531000-64500_64501 \xC2\xB7 2015-11-03 "
               "06:10 \xE2\x80\x93 06:40 \xC2\xB7 culprit AS64500 \xC2\xB7 path 64497 64500"));
  EXPECT_TRUE(has_line(lines, "        route6:  2001:db8:10::/48"));
  EXPECT_TRUE(has_line(lines, "        mnt-by:  EXAMPLE-MNT"));
  EXPECT_TRUE(has_line(lines, "      why: announced by 66 peers, no route object covers it"));
  EXPECT_TRUE(has_line(lines, "Metrics"));
  EXPECT_TRUE(has_line(lines, "  M3      scored    3        \xE2\x80\x93  51 h: (2 + 1) x 1"));
  // Verbose never cuts: the long evidence is whole.
  EXPECT_NE(text.find("AS64500 has no ROA and no route object for it"), std::string::npos);
}

TEST(TextTest, RowLimitCutsTablesWithACount) {
  TextOptions o;
  o.max_rows = 2;
  const std::string text = render_text(sample::full_report(), o);
  EXPECT_NE(text.find("  M3      10.20.0.0/16  "), std::string::npos) << text;
  EXPECT_EQ(text.find("2001:db8:ffff::/48"), std::string::npos);
  EXPECT_EQ(count(text, "  \xE2\x80\xA6 2 more (the JSON output has them all)"),
            2u);  // incidents, routes
  // Inputs, coordination checks and fixes have 5 each; policy checks 3.
  EXPECT_EQ(count(text, "  \xE2\x80\xA6 3 more (the JSON output has them all)"), 3u);
  EXPECT_EQ(count(text, "  \xE2\x80\xA6 1 more (the JSON output has them all)"), 1u);
  // The trend keeps the newest months.
  EXPECT_EQ(text.find("  2015-08 "), std::string::npos);
  EXPECT_NE(text.find("  2015-11 "), std::string::npos);
}

TEST(TextTest, ColourOnlyWhenAskedAndOnlyOurs) {
  TextOptions o;
  o.colour = true;
  const std::string text = render_text(sample::full_report(), o);
  EXPECT_NE(text.find("\x1b[31mLagging \x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[32mReady   \x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[33mAspiring\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[1mAS64500\x1b[0m"), std::string::npos);
  EXPECT_TRUE(only_sgr_escapes(text));
}

TEST(TextTest, HostileTextCannotDriveTheTerminal) {
  for (const bool colour : {false, true}) {
    for (const bool verbose : {false, true}) {
      TextOptions o;
      o.colour = colour;
      o.verbose = verbose;
      const std::string text = render_text(sample::hostile_report(), o);
      SCOPED_TRACE(text);
      EXPECT_TRUE(only_sgr_escapes(text));
      EXPECT_EQ(text.find("\x1b[31mRED"), std::string::npos);
      EXPECT_EQ(text.find("\x1b]0;"), std::string::npos);
      EXPECT_EQ(text.find('\x07'), std::string::npos);
      EXPECT_EQ(text.find('\0'), std::string::npos);
      EXPECT_EQ(text.find("\xC2\x9B"), std::string::npos);  // C1 CSI
      EXPECT_EQ(text.find('\xff'), std::string::npos);
      if (!colour) {
        EXPECT_EQ(text.find('\x1b'), std::string::npos);
      }
      // Shown as data, replaced characters marked.
      EXPECT_NE(text.find("<script>alert(\"holder\")</script> & 'Q' \xEF\xBF\xBD[31mRED"),
                std::string::npos);
    }
  }
}

TEST(TextTest, EmptyReportSaysNoData) {
  const std::string text = render_text(sample::empty_report(), TextOptions{});
  const auto lines = lines_of(text);
  EXPECT_EQ(lines[0], "AS64511  (holder unknown)");
  EXPECT_EQ(count(text, "No data"), 5u);
  EXPECT_EQ(count(text, ".........."), 5u);
  EXPECT_TRUE(has_line(lines, "Data: no inputs recorded"));
  EXPECT_TRUE(has_line(lines, "Incidents (Action 1)  none recorded in the month"));
  EXPECT_TRUE(has_line(lines, "Anti-spoofing (Action 2)  no CAIDA Spoofer results given"));
  EXPECT_TRUE(has_line(lines, "Coordination (Action 3)  no IRR or PeeringDB data given"));
  EXPECT_TRUE(has_line(lines, "Routing information (Action 4)  no routing data"));
  EXPECT_TRUE(has_line(lines, "  - AS64511 was not seen in the routing data of 2015-11"));
  EXPECT_EQ(text.find("Fixes"), std::string::npos);
  EXPECT_EQ(text.find("Trend"), std::string::npos);
  EXPECT_EQ(text.find('%'), std::string::npos);  // no number where there is no data
}

}  // namespace
}  // namespace manrs::report
