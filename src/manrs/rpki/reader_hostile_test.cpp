// Hostile VRP inputs (STYLE.md T3): tests/hostile/vrp/<case>, made by make_cases.py there.
//
// Each case is read with read_vrps (so compressed cases go through core::open_input) and must
// (1) never crash (this test runs under ASan/UBSan in the asan preset), (2) give every problem
// and error a code, a message and a source naming the case (and a line where there is one),
// (3) keep the good entries, and (4) in strict mode fail with exactly the first problem. The
// transcript of each case (format, counts, entries, problems, error, strict outcome) is compared
// with <case>.expected; MANRS_UPDATE_GOLDEN=1 rewrites those files.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "manrs/core/testing/golden.h"
#include "manrs/rpki/reader.h"

namespace manrs::rpki {
namespace {

const std::filesystem::path kDir = std::filesystem::path(MANRS_SOURCE_DIR) / "tests/hostile/vrp";

// The error as the transcript shows it: the case folder is cut from the source.
std::string shown(const Error& e) {
  std::string s = fmt::format("{} {}", to_string(e.code), e.to_string());
  const std::string dir = kDir.string() + "/";
  for (std::size_t at = s.find(dir); at != std::string::npos; at = s.find(dir)) {
    s.erase(at, dir.size());
  }
  return s;
}

void check_error(const Error& e, const std::string& name) {
  EXPECT_FALSE(e.message.empty()) << name;
  EXPECT_NE(e.source.find(name), std::string::npos) << name << ": source " << e.source;
}

std::string transcript(const std::string& name) {
  const auto path = (kDir / name).string();
  std::string out;
  ReadReport r;
  auto set = read_vrps(path, {}, &r);
  out += fmt::format("format {}\n", to_string(r.format));
  if (!set) {
    check_error(set.error(), name);
    out += "error " + shown(set.error()) + "\n";
  } else {
    out += fmt::format("entries {} rejected {} problems {}\n", r.entries, r.rejected,
                       r.problems.size());
    EXPECT_LE(r.problems.size(), ReadOptions{}.max_problems);
    EXPECT_LE(r.problems.size(), r.rejected);
    for (const auto& p : r.problems) {
      check_error(p, name);
      out += "problem " + shown(p) + "\n";
    }
    constexpr std::size_t kShown = 12;
    for (std::size_t i = 0; i < set->vrps.size() && i < kShown; ++i) {
      const Vrp& v = set->vrps[i];
      out += fmt::format("vrp {} {} AS{}", v.prefix.to_string(), unsigned{v.max_length}, v.asn);
      if (v.ta != 0) out += fmt::format(" ta={}", set->ta_name(v.ta));
      if (v.expires != 0) out += fmt::format(" exp={}", v.expires);
      out += "\n";
    }
    if (set->vrps.size() > kShown) out += fmt::format("... {} vrps\n", set->vrps.size());
    for (const auto& a : set->aspas) {
      out += fmt::format("aspa AS{} ->", a.customer);
      for (std::size_t i = 0; i < a.providers.size() && i < kShown; ++i) {
        out += fmt::format(" {}", a.providers[i]);
      }
      if (a.providers.size() > kShown) out += fmt::format(" ... {} providers", a.providers.size());
      out += "\n";
    }
    for (const auto& k : set->router_keys) {
      out += fmt::format("key AS{} ski {:02x}{:02x}.. spki {} bytes\n", k.asn, k.ski[0], k.ski[1],
                         k.spki.size());
    }
    if (set->metadata.build_time != 0) {
      out += fmt::format("build_time {}\n", set->metadata.build_time);
    }
  }
  // Strict mode fails with the first problem, or succeeds exactly when nothing was rejected.
  ReadOptions strict;
  strict.strict = true;
  auto s = read_vrps(path, strict);
  if (s) {
    EXPECT_TRUE(set.has_value() && r.rejected == 0) << name;
    out += "strict ok\n";
  } else {
    check_error(s.error(), name);
    if (set.has_value()) {
      EXPECT_GT(r.rejected, 0U) << name;
      if (!r.problems.empty()) {
        EXPECT_EQ(shown(s.error()), shown(r.problems[0])) << name;
      }
    } else {  // the first problem, or the structural error when there was none before it
      EXPECT_EQ(shown(s.error()), shown(r.problems.empty() ? set.error() : r.problems[0])) << name;
    }
    out += "strict error " + shown(s.error()) + "\n";
  }
  return out;
}

std::vector<std::string> all_cases() {
  std::vector<std::string> names;
  for (const auto& f : testing::case_files(
           kDir, [](const std::string& ext) { return ext != ".expected" && ext != ".py"; })) {
    names.push_back(f.filename().string());
  }
  return names;
}

TEST(VrpReaderHostileTest, GoldenTranscripts) {
  const auto names = all_cases();
  ASSERT_GE(names.size(), 30U) << "run tests/hostile/vrp/make_cases.py";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    testing::expect_golden(kDir / (name + ".expected"), transcript(name));
  }
}

TEST(VrpReaderHostileTest, EveryGoldenHasItsCase) {
  for (const auto& e : std::filesystem::directory_iterator(kDir)) {
    if (e.path().extension() != ".expected") continue;
    EXPECT_TRUE(std::filesystem::exists(kDir / e.path().stem())) << e.path();
  }
}

// 70000 distinct trust-anchor names: the table saturates at 65535 names (the rest become
// "unknown"), and interning stays linear (a scan per new name would take minutes here).
TEST(VrpReaderHostileTest, TrustAnchorTableSaturates) {
  std::string json = "{\"roas\": [\n";
  for (int i = 0; i < 70000; ++i) {
    json += fmt::format(
        "{}{{\"asn\": 1, \"prefix\": \"10.{}.{}.0/24\", \"maxLength\": 24, "
        "\"ta\": \"ta-{}\"}}\n",
        i == 0 ? "" : ",", (i >> 8) & 255, i & 255, i);
  }
  json += "]}\n";
  ReadReport r;
  auto set = parse_vrps(json, "tas.json", {}, &r);
  ASSERT_TRUE(set.has_value()) << set.error().to_string();
  EXPECT_EQ(r.entries, 70000U);
  EXPECT_EQ(set->trust_anchors.size(), 65535U);
  EXPECT_EQ(set->vrps.size(), 65536U);  // 10.x.y.0/24 repeats after 65536 prefixes
  std::size_t unknown = 0;
  for (const auto& v : set->vrps) unknown += v.ta == 0 ? 1U : 0U;
  EXPECT_GT(unknown, 0U);
}

// A count in the input never sizes an allocation: a 2-byte-per-entry flood of empty objects
// is read entry by entry and reported (bounded problem list, exact count).
TEST(VrpReaderHostileTest, EntryFloodKeepsProblemsBounded) {
  std::string json = "{\"metadata\": {\"vrps\": 4294967295}, \"roas\": [{}";
  for (int i = 0; i < 100000; ++i) json += ",{}";
  json += "]}";
  ReadReport r;
  auto set = parse_vrps(json, "flood.json", {}, &r);
  ASSERT_TRUE(set.has_value()) << set.error().to_string();
  EXPECT_EQ(r.rejected, 100001U);
  EXPECT_EQ(r.problems.size(), ReadOptions{}.max_problems);
  EXPECT_EQ(r.problems[0].to_string(), "flood.json:1: roas[0].prefix: missing");
}

}  // namespace
}  // namespace manrs::rpki
