// Aggregation: hand cases with the expected ranges, normalisation, and a seeded property test
// (random prefix sets: the aggregated list matches exactly the same prefixes, never more entries).
#include <random>

#include <gtest/gtest.h>

#include "manrs/filter/generate.h"
#include "manrs/filter/test_util.h"

namespace manrs::filter {
namespace {

using testing::matched;
using testing::pfx;
using testing::texts;

std::vector<Entry> exact(std::initializer_list<std::string_view> l) {
  std::vector<Entry> out;
  for (auto s : l) {
    out.push_back(Entry::make_exact(pfx(s)));
    out.back().evidence.push_back(Evidence{Evidence::Kind::kInput, pfx(s), 0, 0, "t", ""});
  }
  return out;
}

TEST(Aggregate, SiblingsBecomeRanges) {
  EXPECT_EQ(texts(aggregate_entries(exact({"100.0.0.0/25", "100.0.0.128/25"}))),
            (std::set<std::string>{"100.0.0.0/24{25,25}"}));
  EXPECT_EQ(texts(aggregate_entries(exact({"100.0.0.0/24", "100.0.0.0/25", "100.0.0.128/25"}))),
            (std::set<std::string>{"100.0.0.0/24{24,25}"}));
  // Four /24s and the /22: one range; a lone /26 stays.
  EXPECT_EQ(texts(aggregate_entries(exact({"100.0.0.0/22", "100.0.0.0/24", "100.0.1.0/24",
                                           "100.0.2.0/24", "100.0.3.0/24", "100.0.8.0/26"}))),
            (std::set<std::string>{"100.0.0.0/22", "100.0.0.0/22{24,24}", "100.0.8.0/26"}));
  // Nothing to merge.
  EXPECT_EQ(texts(aggregate_entries(exact({"100.0.0.0/24", "100.0.2.0/24"}))),
            (std::set<std::string>{"100.0.0.0/24", "100.0.2.0/24"}));
  // Families stay apart.
  EXPECT_EQ(texts(aggregate_entries(exact({"2a00::/33", "2a00:0:8000::/33", "100.0.0.0/24"}))),
            (std::set<std::string>{"2a00::/32{33,33}", "100.0.0.0/24"}));
}

TEST(Aggregate, EvidenceFollowsTheEntries) {
  auto out = aggregate_entries(exact({"100.0.0.0/25", "100.0.0.128/25", "100.0.9.0/24"}));
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0].evidence.size(), 2U);
  EXPECT_EQ(out[1].evidence.size(), 1U);
}

TEST(Normalize, CoveredEntriesMergeIntoTheirCover) {
  std::vector<Entry> v = exact({"100.0.0.0/24", "100.0.0.0/25", "100.0.1.0/24"});
  Entry range = Entry::make_exact(pfx("100.0.0.0/24"));
  range.max_len = 26;
  v.push_back(range);
  normalize_entries(v);
  EXPECT_EQ(texts(v), (std::set<std::string>{"100.0.0.0/24{24,26}", "100.0.1.0/24"}));
  EXPECT_EQ(v[0].evidence.size(), 2U);  // the /24 and the /25 evidence
}

TEST(Aggregate, PropertyLosslessOnRandomSets) {
  std::mt19937 gen(20261127);
  auto rng = [&gen] { return static_cast<unsigned>(gen()); };
  for (int round = 0; round < 200; ++round) {
    std::vector<Entry> in;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      const unsigned len = 16 + rng() % 9;  // /16../24 inside 100.64.0.0/10's neighbour 101/8
      const std::uint32_t addr = (101U << 24) | ((rng() & 0x3U) << 16) | (rng() & 0xffffU);
      Entry e = Entry::make_exact(net::Prefix::make(net::IpAddress::v4(addr), len));
      if (rng() % 4 == 0) {
        e.max_len = static_cast<std::uint8_t>(std::min(24U, len + rng() % 3));
      }
      in.push_back(e);
    }
    auto want = matched(in);
    auto norm = in;
    normalize_entries(norm);
    auto out = aggregate_entries(norm);
    EXPECT_EQ(matched(out), want) << "round " << round;
    EXPECT_LE(out.size(), norm.size()) << "round " << round;
    for (const auto& e : out) {
      EXPECT_GE(e.min_len, e.prefix.length());
      EXPECT_LE(e.min_len, e.max_len);
    }
  }
}

}  // namespace
}  // namespace manrs::filter
