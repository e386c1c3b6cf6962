// Tests of the RPSL scanner (irr/rpsl.h): handwritten cases and every file of the shared data.
#include "manrs/irr/rpsl.h"

#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"

namespace manrs::irr {
namespace {

struct Scanned {
  std::vector<std::string> texts;
  std::vector<std::string> classes;
  std::vector<std::string> keys;
  std::vector<std::string> problems;
};

Scanned scan(std::string_view text, RpslReaderOptions options = {}) {
  Scanned out;
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "t.rpsl");
  EXPECT_TRUE(src.has_value());
  RpslReader reader(**src, options);
  std::string scratch;
  for (;;) {
    auto obj = reader.next();
    EXPECT_TRUE(obj.has_value()) << obj.error().to_string();
    if (!obj || *obj == nullptr) break;
    out.texts.emplace_back((*obj)->text);
    out.classes.emplace_back(to_string((*obj)->cls));
    out.keys.emplace_back((*obj)->key(scratch));
  }
  for (const auto& p : reader.problems()) out.problems.push_back(reader.describe(p));
  return out;
}

TEST(RpslReaderTest, SplitsObjectsOnBlankLines) {
  const auto s = scan(
      "% header\n#comment\n\nroute: 192.0.2.0/24\norigin: AS1\n\n\n"
      "AS-SET: AS-FOO  # c\nmembers: AS1,\n  AS2\n+ AS3\n \t\nmntner: M\n");
  ASSERT_EQ(s.texts.size(), 3U);
  EXPECT_EQ(s.classes, (std::vector<std::string>{"route", "as-set", "mntner"}));
  EXPECT_EQ(s.keys, (std::vector<std::string>{"192.0.2.0/24", "AS-FOO", "M"}));
  EXPECT_EQ(s.texts[1], "AS-SET: AS-FOO  # c\nmembers: AS1,\n  AS2\n+ AS3\n");
  EXPECT_EQ(s.texts[2], "mntner: M\n");
  EXPECT_TRUE(s.problems.empty());
}

TEST(RpslReaderTest, ReportsBadLinesWithTheirNumber) {
  const auto s =
      scan("route: 192.0.2.0/24\nbad line\norigin: AS1\n\n  cont\nx: y\n\n*xxte: 1\n\nok: 1\n");
  EXPECT_EQ(s.keys, (std::vector<std::string>{"1"}));
  EXPECT_EQ(s.problems,
            (std::vector<std::string>{
                "t.rpsl:2: attribute: want 'name: value', have 'bad line'",
                "t.rpsl:5: continuation line: want an attribute before it, have '  cont'",
                "t.rpsl:8: attribute name: want letters, digits, '-' or '_', have '*xxte'"}));
}

TEST(RpslValueTest, CleansCommentsAndContinuations) {
  std::string scratch;
  EXPECT_EQ(attribute_value("   AS1  ", scratch), "AS1");
  EXPECT_EQ(attribute_value(" AS1, # x\n+ AS2\r\n\tAS3 #y\n+\n", scratch), "AS1, AS2 AS3");
}

struct FileCounts {
  std::uint64_t objects = 0;
  std::map<std::string, std::uint64_t> by_class;  // by class name as written, lower-cased
  std::vector<std::string> problems;
};

FileCounts scan_file(const std::string& name) {
  FileCounts c;
  auto src = core::open_input(std::string(MANRS_SHARED_DIR) + "/data/rpsl/" + name);
  EXPECT_TRUE(src.has_value());
  if (!src) return c;
  RpslReader reader(**src);
  for (;;) {
    auto obj = reader.next();
    EXPECT_TRUE(obj.has_value()) << obj.error().to_string();
    if (!obj || *obj == nullptr) break;
    std::string cls((*obj)->class_name);
    for (auto& ch : cls) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ++c.by_class[cls];
  }
  c.objects = reader.objects();
  for (const auto& p : reader.problems()) c.problems.push_back(reader.describe(p));
  return c;
}

bool have_shared_data() {
  return std::filesystem::is_directory(std::string(MANRS_SHARED_DIR) + "/data/rpsl");
}

TEST(RpslSharedDataTest, BigDumpsHaveTheExactObjectCounts) {
  if (!have_shared_data()) GTEST_SKIP() << "no shared data at " << MANRS_SHARED_DIR;
  const auto route = scan_file("ripe-nonauth.db.route.gz");
  EXPECT_EQ(route.objects, 52082U);
  EXPECT_EQ(route.by_class.at("route"), 52082U);
  EXPECT_TRUE(route.problems.empty());
  const auto sets = scan_file("ripe.db.as-set.gz");
  EXPECT_EQ(sets.by_class.at("as-set"), 25174U);
  EXPECT_TRUE(sets.problems.empty());
}

// Throughput of the scanner alone, run by hand: MANRS_RPSL_BENCH=/tmp/big.rpsl (see docs/rpsl.md).
TEST(RpslBenchTest, ScansAFileGivenByTheEnvironment) {
  const char* path = std::getenv("MANRS_RPSL_BENCH");
  if (path == nullptr) GTEST_SKIP() << "set MANRS_RPSL_BENCH=<file> to measure the scanner";
  auto src = core::open_input(path);
  ASSERT_TRUE(src.has_value());
  RpslReader reader(**src);
  std::uint64_t attributes = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  for (;;) {
    auto obj = reader.next();
    ASSERT_TRUE(obj.has_value());
    if (*obj == nullptr) break;
    attributes += (*obj)->attributes.size();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("%.3f s CPU; ", cpu);
  std::printf("%llu objects, %llu attributes, %.1f MB in %.3f s: %.2f M objects/s, %.0f MB/s\n",
              static_cast<unsigned long long>(reader.objects()),
              static_cast<unsigned long long>(attributes),
              static_cast<double>(reader.bytes_read()) / 1e6, s,
              static_cast<double>(reader.objects()) / s / 1e6,
              static_cast<double>(reader.bytes_read()) / s / 1e6);
}

}  // namespace
}  // namespace manrs::irr
