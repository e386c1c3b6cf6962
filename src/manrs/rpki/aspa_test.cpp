// rpki/aspa_test.cpp — ASPA verification: the provider authorisation function, path
// preparation, every branch of the upstream and downstream procedures on hand-made paths over a
// small ASPA set, and the NIST BRIO vector (../shared/docs/manrs-spec.md §4.4.5).
#include "manrs/rpki/aspa.h"

#include <gtest/gtest.h>

namespace manrs::rpki {
namespace {

using Seq = std::vector<net::Asn>;

// A small ASPA world (customer -> providers):
//   10 -> {20, 21}; 20 -> {30}; 21 -> {30}; 30 -> {40}; 50 -> {} as AS0 (no providers: AS0 ASPA)
//   AS 40, 60 and 99 have no ASPA.
AspaTable world() {
  const std::vector<Aspa> aspas = {
      {10, {20}, 0, 0}, {10, {21}, 0, 0},  // two objects for one customer: united
      {20, {30}, 0, 0}, {21, {30}, 0, 0}, {30, {40}, 0, 0}, {50, {0}, 0, 0},
  };
  return AspaTable(aspas);
}

AspaResult up(const Seq& path) { return verify_aspa(world(), path, AspaProcedure::kUpstream); }
AspaResult down(const Seq& path) { return verify_aspa(world(), path, AspaProcedure::kDownstream); }

TEST(AspaTable, Hop) {
  const auto t = world();
  EXPECT_EQ(t.size(), 5U);
  EXPECT_EQ(t.hop(10, 20), AspaHop::kProviderPlus);
  EXPECT_EQ(t.hop(10, 21), AspaHop::kProviderPlus);  // from the second object
  EXPECT_EQ(t.hop(10, 30), AspaHop::kNotProviderPlus);
  EXPECT_EQ(t.hop(40, 10), AspaHop::kNoAttestation);
  EXPECT_EQ(t.hop(50, 1), AspaHop::kNotProviderPlus);  // AS0 ASPA: nobody is a provider
  EXPECT_TRUE(t.has(50));
  EXPECT_FALSE(t.has(40));
}

// Paths are written as received: neighbour first, origin last.
TEST(AspaUpstream, SingleAsIsValid) { EXPECT_EQ(up({10}).state, AspaState::kValid); }

TEST(AspaUpstream, AllProviderPlusIsValid) {
  const auto r = up({40, 30, 20, 10});
  EXPECT_EQ(r.state, AspaState::kValid);
  EXPECT_EQ(r.path_length, 4U);
  EXPECT_EQ(r.max_up, 4U);
  EXPECT_EQ(r.min_up, 4U);
}

TEST(AspaUpstream, PrependsAreCollapsed) {
  const auto r = up({40, 40, 30, 20, 20, 20, 10, 10});
  EXPECT_EQ(r.state, AspaState::kValid);
  EXPECT_EQ(r.path_length, 4U);
}

TEST(AspaUpstream, NoAttestationGivesUnknown) {
  // 40 has no ASPA: the hop 40 -> 99 is unattested.
  const auto r = up({99, 40, 30, 20, 10});
  EXPECT_EQ(r.state, AspaState::kUnknown);
  EXPECT_EQ(r.min_up, 4U);
  EXPECT_EQ(r.max_up, 5U);
}

TEST(AspaUpstream, NotProviderPlusGivesInvalidWithTheHop) {
  // 20 -> 21: 21 is not a provider of 20 (a leak through a lateral peer).
  const auto r = up({30, 21, 20, 10});
  EXPECT_EQ(r.state, AspaState::kInvalid);
  EXPECT_EQ(r.reason, AspaReason::kNotProviderPlus);
  EXPECT_EQ(r.hop_from, 20U);
  EXPECT_EQ(r.hop_to, 21U);
  EXPECT_EQ(r.max_up, 2U);
}

TEST(AspaUpstream, InvalidBeatsAnEarlierUnknown) {
  // 40 -> 99 unattested, then 99... the first hop from the origin (60 -> 10) is unattested
  // (60 has no ASPA), 10 -> 30 is not provider+: Invalid.
  const auto r = up({30, 10, 60});
  EXPECT_EQ(r.state, AspaState::kInvalid);
  EXPECT_EQ(r.hop_from, 10U);
  EXPECT_EQ(r.hop_to, 30U);
  EXPECT_EQ(r.min_up, 1U);
}

TEST(AspaUpstream, As0AspaMakesAnyProviderInvalid) {
  EXPECT_EQ(up({40, 50}).state, AspaState::kInvalid);
}

TEST(AspaDownstream, ShortPathsAreValid) {
  EXPECT_EQ(down({10}).state, AspaState::kValid);
  EXPECT_EQ(down({30, 10}).state, AspaState::kValid);  // N <= 2, even with a bad hop
}

TEST(AspaDownstream, UpThenDownIsValid) {
  // Origin 10 up to 20 up to 30, then down to 21 (30 is 21's provider) and down to 10? Use
  // 10 -> 20 -> 30 (up), then 30 -> 21 (down: 30 is a provider of 21): received from 21.
  const auto r = down({21, 30, 20, 10});
  EXPECT_EQ(r.state, AspaState::kValid);
  EXPECT_EQ(r.max_up, 3U);  // 10 20 30
  EXPECT_EQ(r.min_up, 3U);
  EXPECT_EQ(r.max_down, 2U);  // 21 30
  EXPECT_EQ(r.min_down, 2U);
}

TEST(AspaDownstream, ValleyIsInvalid) {
  // 10 up to 20, down to 10? Build a valley: origin 20, up to 30, down to 21, up again to 30?
  // Path as received: 40 30 21 20 — hops from origin: 20->21 not provider+ (max_up = 1);
  // from the top: 40 -> 30 no attestation for 40? hop(40, 30): 40 has no ASPA (not NotPP);
  // hop(30, 21): 30's providers are {40}: 21 is not provider+ of 30 -> max_down = 2.
  const auto r = down({40, 30, 21, 20});
  EXPECT_EQ(r.max_up, 1U);
  EXPECT_EQ(r.max_down, 2U);
  EXPECT_EQ(r.state, AspaState::kInvalid);  // 1 + 2 < 4
  EXPECT_EQ(r.hop_from, 20U);
  EXPECT_EQ(r.hop_to, 21U);
}

TEST(AspaDownstream, UnattestedMiddleIsUnknown) {
  // 60 and 99 have no ASPA: 10 -> 20 up (P+), 20 -> 60 (NotPP: 60 not in {30}).
  // Use only unattested hops in the middle: origin 99 -> 60 -> 40 (all without ASPA).
  const auto r = down({40, 60, 99});
  EXPECT_EQ(r.state, AspaState::kUnknown);
  EXPECT_EQ(r.max_up, 3U);
  EXPECT_EQ(r.min_up, 1U);
  EXPECT_EQ(r.min_down, 1U);
}

TEST(AspaDownstream, NistBrioVector) {
  // B receives from E the path E G F C A (manrs-spec §4.4.5). ASPAs: A -> {C}, C -> {F},
  // G -> {H} (so F and E are not providers of G); E and F have no ASPA.
  const net::Asn A = 1, C = 3, E = 5, F = 6, G = 7, H = 8;
  const std::vector<Aspa> aspas = {{A, {C}, 0, 0}, {C, {F}, 0, 0}, {G, {H}, 0, 0}};
  const AspaTable t(aspas);
  const auto r = verify_aspa(t, Seq{E, G, F, C, A}, AspaProcedure::kDownstream);
  EXPECT_EQ(r.path_length, 5U);
  EXPECT_EQ(r.max_up, 4U);
  EXPECT_EQ(r.min_up, 3U);
  EXPECT_EQ(r.max_down, 2U);
  EXPECT_EQ(r.min_down, 1U);
  EXPECT_EQ(r.state, AspaState::kUnknown);
  // The same path through the upstream procedure: G -> E is not provider+: Invalid.
  const auto u = verify_aspa(t, Seq{E, G, F, C, A}, AspaProcedure::kUpstream);
  EXPECT_EQ(u.state, AspaState::kInvalid);
  EXPECT_EQ(u.hop_from, G);
  EXPECT_EQ(u.hop_to, E);
}

TEST(AspaPreparation, AsSetAndEmptyPathsAreInvalid) {
  const auto t = world();
  net::AsPath path;
  path.add_segment(net::SegmentType::kSequence);
  path.push(20);
  path.push(10);
  EXPECT_EQ(verify_aspa(t, path, AspaProcedure::kUpstream).state, AspaState::kValid);
  path.add_segment(net::SegmentType::kSet);
  path.push(10);
  path.push(11);
  const auto r = verify_aspa(t, path, AspaProcedure::kUpstream);
  EXPECT_EQ(r.state, AspaState::kInvalid);
  EXPECT_EQ(r.reason, AspaReason::kAsSet);
  const auto e = verify_aspa(t, net::AsPath{}, AspaProcedure::kDownstream);
  EXPECT_EQ(e.state, AspaState::kInvalid);
  EXPECT_EQ(e.reason, AspaReason::kEmpty);
}

TEST(AspaPreparation, ConfederationSegmentsAreDropped) {
  const auto t = world();
  net::AsPath path;
  path.add_segment(net::SegmentType::kConfedSequence);
  path.push(65001);
  path.add_segment(net::SegmentType::kSequence);
  path.push(20);
  path.push(10);
  const auto r = verify_aspa(t, path, AspaProcedure::kUpstream);
  EXPECT_EQ(r.state, AspaState::kValid);
  EXPECT_EQ(r.path_length, 2U);
}

TEST(Aspa, Names) {
  EXPECT_EQ(to_string(AspaState::kUnknown), "unknown");
  EXPECT_EQ(to_string(AspaHop::kNotProviderPlus), "not-provider+");
  EXPECT_EQ(to_string(AspaProcedure::kDownstream), "downstream");
}

}  // namespace
}  // namespace manrs::rpki
