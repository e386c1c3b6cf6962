// Property test (STYLE.md T4): PrefixTrie against a linear scan over a std::map, on random
// prefixes of both families, short and long, nested and dense. The seed is printed with every
// failure; MANRS_TEST_SEED=<n> reruns with another base seed. Each round checks all queries at
// four points while it inserts, and compacts the trie half-way.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/net/prefix_trie.h"

namespace manrs::net {
namespace {

constexpr std::uint64_t kDefaultSeed = 0x6d616e7273ULL;  // "manrs"
constexpr int kRounds = 16;
constexpr int kInserts = 1200;
constexpr int kQueriesPerCheckpoint = 200;

std::uint64_t base_seed() {
  const char* env = std::getenv("MANRS_TEST_SEED");
  return env != nullptr ? std::strtoull(env, nullptr, 0) : kDefaultSeed;
}

bool get_bit(const std::array<std::uint8_t, 16>& b, unsigned i) {
  return ((unsigned{b[i / 8]} >> (7U - i % 8)) & 1U) != 0;
}

void set_bit(std::array<std::uint8_t, 16>& b, unsigned i, bool on) {
  auto m = static_cast<std::uint8_t>(1U << (7U - i % 8));
  b[i / 8] = static_cast<std::uint8_t>(on ? (b[i / 8] | m) : (b[i / 8] & ~m));
}

// `low` with its first n bits replaced by those of `high` (same family).
IpAddress splice(const IpAddress& low, const IpAddress& high, unsigned n) {
  auto b = low.bytes();
  for (unsigned i = 0; i < n; ++i) {
    set_bit(b, i, get_bit(high.bytes(), i));
  }
  return low.is_v4() ? IpAddress::v4_bytes(b.data()) : IpAddress::v6_bytes(b.data());
}

// Random addresses and prefixes. Addresses come near a few base addresses (keeping a random
// number of their leading bits) so that prefixes nest; in dense rounds everything falls in a
// few thousand addresses so that prefixes repeat and stack up on every length.
class Generator {
 public:
  Generator(std::mt19937_64& rng, bool dense) : rng_(rng), dense_(dense) {
    for (auto& b : bases_) {
      for (auto& byte : b) {
        byte = static_cast<std::uint8_t>(rng_());
      }
    }
  }

  IpAddress address(bool v4) {
    const unsigned max = v4 ? 32 : 128;
    std::array<std::uint8_t, 16> b{};
    for (auto& byte : b) {
      byte = static_cast<std::uint8_t>(rng_());
    }
    unsigned keep = 0;
    if (dense_) {
      keep = max - 12;
    } else if (uniform(0, 9) < 6) {
      keep = uniform(0, max);
    }
    const auto& base = bases_[uniform(0, dense_ ? 1 : bases_.size() - 1)];
    for (unsigned i = 0; i < keep; ++i) {
      set_bit(b, i, get_bit(base, i));
    }
    return v4 ? IpAddress::v4_bytes(b.data()) : IpAddress::v6_bytes(b.data());
  }

  Prefix prefix(bool v4) {
    const unsigned max = v4 ? 32 : 128;
    unsigned len = 0;
    if (dense_) {
      len = uniform(max - 16, max);
    } else if (uniform(0, 3) == 0) {
      len = uniform(0, max);
    } else if (v4) {
      len = uniform(8, 32);
    } else {
      len = uniform(0, 9) == 0 ? 128 : uniform(16, 64);
    }
    return Prefix::make(address(v4), len);
  }

  bool coin() { return (rng_() & 1U) != 0; }

  unsigned uniform(std::size_t lo, std::size_t hi) {
    return static_cast<unsigned>(std::uniform_int_distribution<std::size_t>(lo, hi)(rng_));
  }

 private:
  std::mt19937_64& rng_;
  bool dense_;
  std::array<std::array<std::uint8_t, 16>, 6> bases_{};
};

using Oracle = std::map<Prefix, std::vector<int>>;

std::string entry(const Prefix& p, const std::vector<int>& values) {
  std::string s = p.to_string() + "=";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      s += ',';
    }
    s += std::to_string(values[i]);
  }
  return s;
}

std::string entry(const Prefix& p, const ValueList<int>& values) {
  return entry(p, std::vector<int>(values.begin(), values.end()));
}

// Compares every query on `q` and `a` against one linear scan of the oracle.
void check_query(const PrefixTrie<int>& trie, const Oracle& oracle, const Prefix& q,
                 const IpAddress& a) {
  SCOPED_TRACE("query " + q.to_string() + " / address " + a.to_string());
  std::vector<std::string> want_covering;  // sorted by length below
  std::vector<Prefix> covering_prefixes;
  std::vector<std::string> want_covered;  // map order is Prefix order
  std::string want_exact = "none";
  std::string want_addr_match = "none";
  unsigned addr_match_len = 0;
  for (const auto& [p, values] : oracle) {
    if (p.contains(q)) {
      covering_prefixes.push_back(p);
    }
    if (q.contains(p)) {
      want_covered.push_back(entry(p, values));
    }
    if (p == q) {
      want_exact = entry(p, values);
    }
    if (p.contains(a) && (want_addr_match == "none" || p.length() > addr_match_len)) {
      want_addr_match = entry(p, values);
      addr_match_len = p.length();
    }
  }
  std::sort(covering_prefixes.begin(), covering_prefixes.end(),
            [](const Prefix& x, const Prefix& y) { return x.length() < y.length(); });
  want_covering.reserve(covering_prefixes.size());
  for (const Prefix& p : covering_prefixes) {
    want_covering.push_back(entry(p, oracle.at(p)));
  }
  const std::string want_longest = want_covering.empty() ? "none" : want_covering.back();

  std::vector<std::string> got_covering;
  trie.covering(
      q, [&](const Prefix& p, const ValueList<int>& v) { got_covering.push_back(entry(p, v)); });
  EXPECT_EQ(got_covering, want_covering);

  std::vector<std::string> got_covered;
  trie.covered(
      q, [&](const Prefix& p, const ValueList<int>& v) { got_covered.push_back(entry(p, v)); });
  EXPECT_EQ(got_covered, want_covered);

  const ValueList<int>* exact = trie.find_exact(q);
  EXPECT_EQ(exact != nullptr ? entry(q, *exact) : "none", want_exact);

  auto longest = trie.longest_match(q);
  EXPECT_EQ(longest ? entry(longest->prefix, *longest->values) : "none", want_longest);

  auto by_addr = trie.longest_match(a);
  EXPECT_EQ(by_addr ? entry(by_addr->prefix, *by_addr->values) : "none", want_addr_match);
}

void check_whole(const PrefixTrie<int>& trie, const Oracle& oracle, std::size_t values) {
  EXPECT_EQ(trie.size(), oracle.size());
  EXPECT_EQ(trie.value_count(), values);
  std::vector<std::string> got;
  trie.for_each([&](const Prefix& p, const ValueList<int>& v) { got.push_back(entry(p, v)); });
  std::vector<std::string> want;
  for (const auto& [p, v] : oracle) {
    want.push_back(entry(p, v));
  }
  EXPECT_EQ(got, want);
}

void run_round(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const bool dense = seed % 4 == 0;
  Generator gen(rng, dense);
  PrefixTrie<int> trie;
  Oracle oracle;
  std::vector<Prefix> stored;
  for (int i = 1; i <= kInserts; ++i) {
    // Now and then a second value for a prefix already there.
    Prefix p = !stored.empty() && gen.uniform(0, 9) == 0 ? stored[gen.uniform(0, stored.size() - 1)]
                                                         : gen.prefix(gen.uniform(0, 3) != 0);
    trie.insert(p, i);
    auto& values = oracle[p];
    if (values.empty()) {
      stored.push_back(p);
    }
    values.push_back(i);
    if (i != 1 && i != kInserts / 4 && i != kInserts / 2 && i != kInserts) {
      continue;
    }
    // Half-way, lay the trie out again; later inserts and checks run on the compacted trie.
    if (i == kInserts / 2) {
      trie.compact();
    }
    check_whole(trie, oracle, static_cast<std::size_t>(i));
    for (int k = 0; k < kQueriesPerCheckpoint; ++k) {
      // Half the queries start from a stored prefix, made shorter, longer or left as is.
      bool v4 = gen.coin();
      Prefix q = gen.prefix(v4);
      if (gen.coin()) {
        const Prefix& s = stored[gen.uniform(0, stored.size() - 1)];
        unsigned max = s.address().max_len();
        unsigned len = s.length();
        switch (gen.uniform(0, 2)) {
          case 0:
            len = gen.uniform(0, len);
            break;
          case 1:
            len = gen.uniform(len, max);
            break;
          default:
            break;
        }
        // A longer query keeps the stored prefix's bits, so it lies inside it.
        IpAddress a = len > s.length() ? splice(gen.address(s.is_v4()), s.address(), s.length())
                                       : s.address();
        q = Prefix::make(a, len);
      }
      check_query(trie, oracle, q, gen.address(q.is_v4()));
      if (::testing::Test::HasFailure()) {
        return;  // one failing query is enough to debug
      }
    }
  }
}

TEST(PrefixTriePropertyTest, MatchesLinearScanOracle) {
  const std::uint64_t base = base_seed();
  for (int round = 0; round < kRounds; ++round) {
    const std::uint64_t seed = base + static_cast<std::uint64_t>(round);
    SCOPED_TRACE("seed " + std::to_string(seed) +
                 " (rerun with MANRS_TEST_SEED=" + std::to_string(base) + ")");
    run_round(seed);
    if (HasFailure()) {
      return;
    }
  }
}

}  // namespace
}  // namespace manrs::net
