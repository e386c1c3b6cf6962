// rpki/rov_property_test.cpp — seeded property test: RovTable against a naive RFC 6811
// implementation (every VRP checked for every route) on random, heavily nested VRP sets in both
// families, including AS0 VRPs, NONE origins and routes shorter and longer than the VRPs.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "manrs/rpki/rov.h"

namespace manrs::rpki {
namespace {

RovState naive(const std::vector<Vrp>& vrps, const net::Prefix& route,
               std::optional<net::Asn> origin) {
  bool covered = false;
  bool asn_match = false;
  for (const auto& v : vrps) {
    if (v.prefix.family() != route.family() || v.prefix.length() > route.length() ||
        !v.prefix.contains(route)) {
      continue;
    }
    covered = true;
    if (origin && v.asn != 0 && v.asn == *origin) {
      if (route.length() <= v.max_length) {
        return RovState::kValid;
      }
      asn_match = true;
    }
  }
  if (!covered) {
    return RovState::kNotFound;
  }
  return asn_match ? RovState::kInvalidLength : RovState::kInvalidAsn;
}

// Addresses drawn from a few small clusters so that prefixes nest and collide often.
net::Prefix random_prefix(std::mt19937_64& rng, bool v6, unsigned min_len, unsigned max_len) {
  std::uint8_t bytes[16] = {};
  const std::uint64_t cluster = rng() % 4;
  if (v6) {
    // Three clusters inside 2000::/4 (the indexed space) and one outside it (fc00::/7).
    bytes[0] = cluster == 3 ? 0xfc : 0x20;
    bytes[1] = static_cast<std::uint8_t>(0x01 + cluster);
    for (int i = 2; i < 16; ++i) {
      bytes[i] = static_cast<std::uint8_t>(i < 6 ? rng() % 4 : rng());
    }
  } else {
    bytes[0] = static_cast<std::uint8_t>(10 + cluster);
    for (int i = 1; i < 4; ++i) {
      bytes[i] = static_cast<std::uint8_t>(i < 3 ? rng() % 4 : rng());
    }
  }
  const auto len = static_cast<unsigned>(min_len + rng() % (max_len - min_len + 1));
  const auto addr = v6 ? net::IpAddress::v6_bytes(bytes) : net::IpAddress::v4_bytes(bytes);
  return net::Prefix::make(addr, len);
}

TEST(RovProperty, AgreesWithNaiveRfc6811) {
  std::mt19937_64 rng(6811);
  std::size_t states[4] = {};
  for (int round = 0; round < 40; ++round) {
    std::vector<Vrp> vrps;
    const int n = 1 + static_cast<int>(rng() % 300);
    for (int i = 0; i < n; ++i) {
      const bool v6 = rng() % 3 == 0;
      const unsigned bits = v6 ? 128 : 32;
      const auto p = random_prefix(rng, v6, v6 ? 8 : 4, v6 ? 64 : 28);
      const auto max_len = static_cast<std::uint8_t>(std::min<unsigned>(
          bits, p.length() + static_cast<unsigned>(rng() % 3 == 0 ? rng() % 9 : 0)));
      const net::Asn asn = rng() % 10 == 0 ? 0 : static_cast<net::Asn>(1 + rng() % 6);
      vrps.push_back(Vrp{p, max_len, asn, 0, 0});
    }
    const RovTable table(vrps);
    std::vector<RouteQuery> batch;
    std::vector<RovState> batch_want;
    for (int q = 0; q < 3000; ++q) {
      const bool v6 = rng() % 3 == 0;
      const auto route = random_prefix(rng, v6, 0, v6 ? 128 : 32);
      std::optional<net::Asn> origin;
      if (rng() % 20 != 0) {
        origin = static_cast<net::Asn>(rng() % 8);
      }
      const auto want = naive(vrps, route, origin);
      const auto have = table.validate(route, origin);
      ASSERT_EQ(have, want) << route.to_string() << " origin "
                            << (origin ? std::to_string(*origin) : "NONE") << " round " << round;
      ++states[static_cast<int>(have)];
      RouteQuery rq;
      const auto& b = route.address().bytes();
      for (int k = 0; k < 8; ++k) {
        rq.hi = (rq.hi << 8U) | b[static_cast<std::size_t>(k)];
        rq.lo = (rq.lo << 8U) | b[static_cast<std::size_t>(8 + k)];
      }
      if (!v6) {
        rq.hi = route.address().v4_value();
        rq.lo = 0;
      }
      rq.v6 = v6;
      rq.len = static_cast<std::uint8_t>(route.length());
      rq.origin = origin.value_or(0);
      rq.has_origin = origin.has_value();
      batch.push_back(rq);
      batch_want.push_back(want);
      // The explanation lists exactly the covering VRPs (each once).
      auto why = table.covering(route);
      EXPECT_TRUE(std::is_sorted(why.begin(), why.end(), [](const Vrp& x, const Vrp& y) {
        return x.prefix.length() < y.prefix.length();
      }));
      std::vector<Vrp> cover;
      for (const auto& v : vrps) {
        if (v.prefix.family() == route.family() && v.prefix.length() <= route.length() &&
            v.prefix.contains(route)) {
          cover.push_back(v);
        }
      }
      std::sort(cover.begin(), cover.end());
      cover.erase(std::unique(cover.begin(), cover.end()), cover.end());
      std::sort(why.begin(), why.end());
      ASSERT_EQ(why, cover) << route.to_string();
      EXPECT_EQ(why.empty(), have == RovState::kNotFound);
    }
    // The batch API gives the same verdicts (groups of 16 and a partial last group).
    std::vector<RovState> batch_have(batch.size());
    table.validate_batch(batch, batch_have);
    ASSERT_EQ(batch_have, batch_want) << "round " << round;
  }
  // Every state occurred often: the generator exercises all branches.
  for (auto c : states) {
    EXPECT_GT(c, 1000U);
  }
}

}  // namespace
}  // namespace manrs::rpki
