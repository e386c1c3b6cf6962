#include "manrs/registry/asrel.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::registry {
namespace {

TEST(AsRelationsTest, LoadsTheCaidaSerial2Sample) {
  const std::filesystem::path file =
      std::filesystem::path(MANRS_SHARED_DIR) / "data/asrel/20210901.as-rel2.excerpt.txt.bz2";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared data not found: " << file;
  auto rels = AsRelations::load_file(file.string());
  ASSERT_TRUE(rels) << rels.error().to_string();
  // Counted by hand: bzcat | grep -v '^#' | awk -F'|' '{print $3}' | sort | uniq -c
  // gives 12 lines "-1" and 10 lines "0"; no pair appears twice.
  EXPECT_EQ(rels->size(), 22U);
  EXPECT_EQ(rels->provider_customer_links(), 12U);
  EXPECT_EQ(rels->peer_links(), 10U);
  EXPECT_EQ(rels->rel(1, 1898), Rel::kProvider);  // 1|1898|-1|bgp
  EXPECT_EQ(rels->rel(1898, 1), Rel::kCustomer);
  EXPECT_EQ(rels->rel(1, 8641), Rel::kPeer);  // 1|8641|0|bgp
  EXPECT_EQ(rels->rel(8641, 1), Rel::kPeer);
  EXPECT_EQ(rels->rel(10, 131401), Rel::kProvider);  // the last line
  EXPECT_EQ(rels->rel(1, 2), Rel::kNone);
  EXPECT_EQ(rels->customers(1),
            (std::vector<net::Asn>{1898, 5401, 28618, 50017, 58243, 60664, 61396}));
  EXPECT_EQ(rels->peers(1), (std::vector<net::Asn>{8641, 11537, 56847, 263036, 267701}));
  EXPECT_EQ(rels->providers(55855), (std::vector<net::Asn>{2}));
  EXPECT_TRUE(rels->note().empty());
}

TEST(AsRelationsTest, ParsesSerial1WithCommentsAndCrLf) {
  auto rels = AsRelations::parse("# comment\n64500|64501|-1\r\n64500|64502|0\n\n", "a.txt");
  ASSERT_TRUE(rels) << rels.error().to_string();
  EXPECT_EQ(rels->size(), 2U);
  EXPECT_EQ(rels->rel(64501, 64500), Rel::kCustomer);
  EXPECT_EQ(rels->rel(64502, 64500), Rel::kPeer);
}

TEST(AsRelationsTest, ALaterLineReplacesAnEarlierOne) {
  auto rels = AsRelations::parse("1|2|-1\n2|1|-1\n", "a.txt");
  ASSERT_TRUE(rels);
  EXPECT_EQ(rels->rel(2, 1), Rel::kProvider);
  EXPECT_EQ(rels->size(), 1U);
}

TEST(AsRelationsTest, ErrorsNameFileLineAndField) {
  struct Case {
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"1|2|-1\n1|2\n",
       "a.txt:2: fields: want 3 (serial-1) or 4 (serial-2) separated by '|', have 2"},
      {"1|2|1|bgp\n", "a.txt:1: relationship: want -1 (provider-customer) or 0 (peer), have '1'"},
      {"#\nAS1|2|-1\n", "a.txt:2: provider: want an AS number (0-4294967295), have 'AS1'"},
      {"1|99999999999|0\n", "a.txt:1: peer: want an AS number (0-4294967295), have '99999999999'"},
      {"7|7|-1\n", "a.txt:1: customer: want an AS other than AS7, have AS7"},
      {"1|2|0|a|b|c\n",
       "a.txt:1: fields: want 3 (serial-1) or 4 (serial-2) separated by '|', "
       "have more than 5"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto rels = AsRelations::parse(c.text, "a.txt");
    ASSERT_FALSE(rels);
    EXPECT_EQ(rels.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(rels.error().to_string(), c.want);
  }
}

// Tier-1s 1 and 2 peer; 1 serves 10, 11, 12; 2 serves 20, 21, 22; 10 serves 100. Paths as a
// collector sees them (neighbour first). Worked by hand (degrees: 1 and 2 have 4, 10 has 2, the
// rest 1; the top provider of every path is its first AS of degree 4):
//  - transit counts: (2 customer of 1) from P1-P3 = 3, (1 customer of 2) from P4 = 1, so with
//    L = 1 the link is not a sibling link and would be "2 customer of 1";
//  - not-peering marks: every link away from the top, and at the top the side of the smaller
//    neighbour degree; only 1-2 stays unmarked, and 4/4 < R: a peer link.
std::vector<std::vector<net::Asn>> tier_paths() {
  return {
      {10, 1, 2, 20}, {11, 1, 2, 21},   {12, 1, 2, 22}, {20, 2, 1, 10, 100}, {10, 1, 1, 1, 11},
      {20, 2, 22},    {100, 10, 1, 12}, {21, 2, 20},    {10, 1, 2, 1, 10},  // a loop: ignored
  };
}

TEST(GaoInferenceTest, InfersProvidersCustomersAndPeers) {
  GaoInference gao;
  for (const auto& p : tier_paths()) gao.add_path(p);
  EXPECT_EQ(gao.paths(), 8U);
  const AsRelations rels = gao.infer();
  EXPECT_EQ(rels.rel(1, 2), Rel::kPeer);
  for (net::Asn c : {10U, 11U, 12U}) EXPECT_EQ(rels.rel(1, c), Rel::kProvider) << c;
  for (net::Asn c : {20U, 21U, 22U}) EXPECT_EQ(rels.rel(c, 2), Rel::kCustomer) << c;
  EXPECT_EQ(rels.rel(10, 100), Rel::kProvider);
  EXPECT_EQ(rels.size(), 8U);
  EXPECT_EQ(rels.peer_links(), 1U);
  EXPECT_EQ(rels.sibling_links(), 0U);
  EXPECT_NE(rels.note().find("Gao"), std::string::npos);
  EXPECT_NE(rels.note().find("from 8 observed AS paths"), std::string::npos);
}

TEST(GaoInferenceTest, PeerRatioDecidesPeering) {
  GaoOptions o;
  o.peer_ratio = 0.5;  // no pair of degrees is within 0.5: no peers
  GaoInference gao(o);
  for (const auto& p : tier_paths()) gao.add_path(p);
  const AsRelations rels = gao.infer();
  EXPECT_EQ(rels.rel(1, 2), Rel::kProvider);  // the transit majority: 2 is 1's customer
  EXPECT_EQ(rels.peer_links(), 0U);
}

TEST(GaoInferenceTest, BothDirectionsRarelySeenMakeASibling) {
  GaoInference gao;
  gao.add_path(std::vector<net::Asn>{5, 6});  // top 5 (first of equal degree): 6 customer of 5
  gao.add_path(std::vector<net::Asn>{6, 5});  // top 6: 5 customer of 6
  const AsRelations rels = gao.infer();
  EXPECT_EQ(rels.rel(5, 6), Rel::kNone);
  EXPECT_EQ(rels.sibling_links(), 1U);
  EXPECT_EQ(rels.size(), 0U);
}

}  // namespace
}  // namespace manrs::registry
