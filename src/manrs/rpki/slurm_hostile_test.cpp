// Hostile SLURM inputs (STYLE.md T3): tests/hostile/slurm/<case>.json with golden
// <case>.expected, plus generated inputs too big to keep in the tree (deep nesting, oversize).
//
// Each case is parsed with parse_slurm (source "<case>.json") and must (1) never crash (this test
// runs under ASan/UBSan in the asan preset), (2) give the exact ErrorCode and message recorded
// in <case>.expected ("error <code>: <source>: <message>"), or, for inputs that are valid, the
// counts of what was read ("ok ..."). Valid cases are also applied to a small VrpSet and merged
// with themselves. MANRS_UPDATE_GOLDEN=1 rewrites the .expected files.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/testing/golden.h"
#include "manrs/rpki/slurm.h"

namespace manrs::rpki {
namespace {

const std::filesystem::path kDir = std::filesystem::path(MANRS_SOURCE_DIR) / "tests/hostile/slurm";

std::string outcome(const Result<Slurm>& s) {
  if (!s) {
    return "error " + std::string(to_string(s.error().code)) + ": " + s.error().to_string() + "\n";
  }
  return "ok prefix_filters=" + std::to_string(s->prefix_filters.size()) +
         " bgpsec_filters=" + std::to_string(s->bgpsec_filters.size()) +
         " aspa_filters=" + std::to_string(s->aspa_filters.size()) +
         " prefix_assertions=" + std::to_string(s->prefix_assertions.size()) +
         " bgpsec_assertions=" + std::to_string(s->bgpsec_assertions.size()) +
         " aspa_assertions=" + std::to_string(s->aspa_assertions.size()) + "\n";
}

std::vector<std::string> all_cases() {
  std::vector<std::string> names;
  for (const auto& f :
       testing::case_files(kDir, [](const std::string& ext) { return ext == ".json"; })) {
    names.push_back(f.stem().string());
  }
  return names;
}

TEST(SlurmHostileTest, EveryCaseMatchesItsGolden) {
  const auto names = all_cases();
  ASSERT_GE(names.size(), 40U) << kDir << " holds the cases";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const std::string text = testing::read_file(kDir / (name + ".json"));
    auto s = parse_slurm(text, name + ".json");
    testing::expect_golden(kDir / (name + ".expected"), outcome(s));
    if (!s) {
      // Every error names the file (and an offset only for JSON-level damage).
      EXPECT_EQ(s.error().source.rfind(name + ".json", 0), 0U) << s.error().source;
      EXPECT_FALSE(s.error().message.empty());
      EXPECT_LT(s.error().message.size(), 600U) << "messages stay readable";
      continue;
    }
    VrpSet set;
    set.vrps = {Vrp{*net::Prefix::parse("192.0.2.0/24"), 24, 64496, 0, 0}};
    set.aspas = {Aspa{64496, {64497}, 0, 0}};
    apply_slurm(*s, set);
    EXPECT_TRUE(std::is_sorted(set.vrps.begin(), set.vrps.end()));
    std::vector<Slurm> two{*s, *s};
    auto merged = merge_slurm(std::move(two));
    // RFC 8416 §4.2: a copy of a file overlaps it unless it has nothing but asn-only filters.
    const bool keyed = !s->prefix_assertions.empty() || !s->bgpsec_filters.empty() ||
                       !s->bgpsec_assertions.empty() || !s->aspa_filters.empty() ||
                       !s->aspa_assertions.empty() ||
                       std::any_of(s->prefix_filters.begin(), s->prefix_filters.end(),
                                   [](const PrefixFilter& f) { return f.prefix.has_value(); });
    EXPECT_NE(merged.has_value(), keyed);
  }
}

// ----- generated cases ------------------------------------------------------------------------

TEST(SlurmHostileTest, DeepNestingIsRejectedBeforeParsing) {
  // A million '[' would overflow the stack of any recursive descent.
  const std::string deep(1000000, '[');
  auto s = parse_slurm(deep, "deep.json");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(s.error().to_string(),
            "deep.json@64: JSON nesting: want at most 64 levels of arrays and objects, have more");

  std::string objects = R"({"slurmVersion": 1, "comment": )";
  for (int i = 0; i < 100000; ++i) objects += R"({"a": )";
  auto o = parse_slurm(objects, "objects.json");
  ASSERT_FALSE(o.has_value());
  EXPECT_EQ(o.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.error().source, "objects.json@409");  // the 65th '{': 31 + 63 * 6

  // 64 levels are fine for the guard (the parser then reports the real problem).
  std::string ok = std::string(63, '[') + std::string(63, ']');
  auto p = parse_slurm("{\"slurmVersion\": 1, \"x\": " + ok + "}", "ok.json");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code, ErrorCode::kPolicy);  // "x": an unknown member
}

TEST(SlurmHostileTest, BracketsInsideStringsDoNotCount) {
  const std::string text = R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [
      {"asn": 1, "comment": ")" +
                           std::string(10000, '[') + R"(\"{{{{"}]}})";
  auto s = parse_slurm(text, "strings.json");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_EQ(s->prefix_filters[0].comment.size(), 10005U);
}

TEST(SlurmHostileTest, OversizeInputIsRejectedUnread) {
  const std::string big(64U * 1024U * 1024U + 1U, ' ');
  auto s = parse_slurm(big, "big.json");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(s.error().to_string(),
            "big.json: file size: want at most 67108864 bytes, have 67108865");
}

TEST(SlurmHostileTest, ManyEntriesStayFast) {
  // 100k prefix filters of one file, 100k VRPs: the trie keeps apply_slurm near-linear, and
  // the overlap check of merge_slurm is O(n log n) even when one /8 covers everything.
  std::string text = R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [)";
  text += R"({"prefix": "10.0.0.0/8", "asn": 1})";
  for (int i = 0; i < 100000; ++i) {
    text += ",{\"prefix\": \"10." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256) +
            ".0/24\", \"asn\": " + std::to_string(i + 2) + "}";
  }
  text += "]}}";
  auto s = parse_slurm(text, "many.json");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  VrpSet set;
  for (int i = 0; i < 100000; ++i) {
    set.vrps.push_back(Vrp{*net::Prefix::parse("10." + std::to_string(i / 256 % 256) + "." +
                                               std::to_string(i % 256) + ".0/24"),
                           24, static_cast<net::Asn>(i % 2 == 0 ? i + 2 : 1000000), 0, 0});
  }
  SlurmReport r = apply_slurm(*s, set);
  EXPECT_EQ(r.vrps_filtered, 50000U);  // the even ones match their filter's asn
  std::vector<Slurm> files{*s, *s};
  EXPECT_FALSE(merge_slurm(std::move(files)).has_value());
}

TEST(SlurmHostileTest, ManyAspaAndBgpsecEntriesStayFast) {
  // 50k ASPA assertions (distinct customers, then the same ones again: merged per customer),
  // 50k BGPsec filters against 10k router keys.
  std::string text = R"({"slurmVersion": 2, "validationOutputFilters": {"bgpsecFilters": [)";
  for (int i = 0; i < 50000; ++i) {
    text += (i == 0 ? "" : ",") + std::string(R"({"asn": )") + std::to_string(2 * i) + "}";
  }
  text += R"(]}, "locallyAddedAssertions": {"aspaAssertions": [)";
  for (int i = 0; i < 100000; ++i) {
    text += (i == 0 ? "" : ",") + std::string(R"({"customerAsn": )") +
            std::to_string(i % 50000 + 1) + R"(, "providerAsns": [)" +
            std::to_string(i < 50000 ? 1000000 : 1000001) + "]}";
  }
  text += "]}}";
  auto s = parse_slurm(text, "many.json");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  ASSERT_EQ(s->aspa_assertions.size(), 50000U);
  EXPECT_EQ(s->aspa_assertions[0].providers, (std::vector<net::Asn>{1000000, 1000001}));
  VrpSet set;
  for (int i = 0; i < 10000; ++i) {
    RouterKey k;
    k.asn = static_cast<net::Asn>(i);
    k.spki = {0x30, 0x00};
    set.router_keys.push_back(k);
  }
  SlurmReport r = apply_slurm(*s, set);
  EXPECT_EQ(r.keys_filtered, 5000U);
  EXPECT_EQ(r.aspas_asserted, 50000U);
}

}  // namespace
}  // namespace manrs::rpki
