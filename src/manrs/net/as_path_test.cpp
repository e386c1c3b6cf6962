#include "manrs/net/as_path.h"

#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>

#include <gtest/gtest.h>

namespace manrs::net {
namespace {

using Segments = std::initializer_list<std::pair<SegmentType, std::initializer_list<Asn>>>;

AsPath make_path(Segments segments) {
  AsPath path;
  for (const auto& [type, asns] : segments) {
    path.add_segment(type);
    for (Asn a : asns) {
      path.push(a);
    }
  }
  return path;
}

constexpr auto kSeq = SegmentType::kSequence;
constexpr auto kSet = SegmentType::kSet;
constexpr auto kConfedSeq = SegmentType::kConfedSequence;
constexpr auto kConfedSet = SegmentType::kConfedSet;

TEST(AsPathTest, LengthOriginFirstAndText) {
  struct Case {
    std::string_view name;
    AsPath path;
    std::size_t length;  // RFC 4271 §9.1.2.2
    std::optional<Asn> origin;
    std::optional<Asn> first;
    std::string_view text;
  };
  const Case cases[] = {
      {"empty", make_path({}), 0, std::nullopt, std::nullopt, ""},
      {"sequence", make_path({{kSeq, {64496, 64497, 64498}}}), 3, 64498, 64496,
       "64496 64497 64498"},
      {"prepends count", make_path({{kSeq, {64496, 64496, 64496, 64499}}}), 4, 64499, 64496,
       "64496 64496 64496 64499"},
      // RFC 6811 §2: an AS_SET at the end leaves the origin undetermined (NONE).
      {"set last", make_path({{kSeq, {64496, 64497}}, {kSet, {64498, 64499}}}), 3, std::nullopt,
       64496, "64496 64497 {64498,64499}"},
      {"set in the middle", make_path({{kSeq, {64496}}, {kSet, {64497, 64498}}, {kSeq, {64499}}}),
       3, 64499, 64496, "64496 {64497,64498} 64499"},
      {"set only", make_path({{kSet, {64496, 64497}}}), 1, std::nullopt, std::nullopt,
       "{64496,64497}"},
      // RFC 5065 §5.3: confederation segments count 0 towards the length.
      {"confed sequence first", make_path({{kConfedSeq, {65001, 65002}}, {kSeq, {64496, 64497}}}),
       2, 64497, std::nullopt, "(65001 65002) 64496 64497"},
      {"confed set first", make_path({{kConfedSet, {65001, 65002}}, {kSeq, {64496}}}), 1, 64496,
       std::nullopt, "[65001,65002] 64496"},
      {"confed only", make_path({{kConfedSeq, {65001}}}), 0, std::nullopt, std::nullopt, "(65001)"},
      {"empty trailing segment skipped", make_path({{kSeq, {64496}}, {kSeq, {}}}), 1, 64496, 64496,
       "64496"},
      {"4-byte", make_path({{kSeq, {4200000000U, 4294967295U}}}), 2, 4294967295U, 4200000000U,
       "4200000000 4294967295"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.path.length(), c.length);
    EXPECT_EQ(c.path.origin(), c.origin);
    EXPECT_EQ(c.path.first(), c.first);
    EXPECT_EQ(c.path.to_string(), c.text);
    EXPECT_EQ(c.path.empty(), c.name == "empty");
  }
}

TEST(AsPathTest, SegmentsViewTheFlatAsnList) {
  AsPath path = make_path({{kConfedSeq, {65001}}, {kSeq, {64496, 64497}}, {kSet, {64498}}});
  ASSERT_EQ(path.segments().size(), 3U);
  ASSERT_EQ(path.asns().size(), 4U);
  auto seq = path.segment_asns(path.segments()[1]);
  ASSERT_EQ(seq.size(), 2U);
  EXPECT_EQ(seq[0], 64496U);
  EXPECT_EQ(seq[1], 64497U);
  EXPECT_EQ(path.segments()[2].type, kSet);
  EXPECT_EQ(path.segments()[2].start, 3U);
}

TEST(AsPathTest, ComparesAndClears) {
  AsPath a = make_path({{kSeq, {64496, 64497}}});
  AsPath b = make_path({{kSeq, {64496, 64497}}});
  AsPath c = make_path({{kSeq, {64496}}, {kSeq, {64497}}});  // same ASNs, other segments
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a == c);
  a.clear();
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.length(), 0U);
  EXPECT_EQ(a, AsPath{});
}

}  // namespace
}  // namespace manrs::net
