// bench_trie — PrefixTrie on a full-table-sized set: ~800k IPv4 + ~200k IPv6 random prefixes
// with a routing-table-like length mix (mostly /24 and /48). Arg = total prefixes.
//   BM_TrieInsert        builds the trie (prefixes/s; memory before and after compact())
//   BM_TrieCompact       compact() after the build (prefixes/s)
//   BM_TrieCovering      RFC 6811-style lookups: every covering prefix of a route (lookups/s)
//   BM_TrieLongestMatch  longest match of random addresses (lookups/s)
// Lookups go in random order, the worst case for caches; routes sorted as in a RIB dump hit
// neighbouring nodes one after another.
#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "manrs/net/prefix_trie.h"

namespace manrs::net {
namespace {

constexpr std::uint64_t kSeed = 20240601;

// A length drawn from (length, weight) pairs.
template <std::size_t N>
unsigned pick(std::mt19937_64& rng, const std::array<std::pair<unsigned, unsigned>, N>& mix) {
  unsigned total = 0;
  for (const auto& [len, weight] : mix) total += weight;
  auto r = static_cast<unsigned>(rng() % total);
  for (const auto& [len, weight] : mix) {
    if (r < weight) return len;
    r -= weight;
  }
  return mix[0].first;
}

// Length mixes shaped like the 2024 default-free zone (per mille of prefixes per length).
unsigned v4_length(std::mt19937_64& rng) {
  static constexpr std::array<std::pair<unsigned, unsigned>, 12> kMix = {{{24, 600},
                                                                          {23, 100},
                                                                          {22, 120},
                                                                          {21, 45},
                                                                          {20, 40},
                                                                          {19, 25},
                                                                          {18, 14},
                                                                          {17, 8},
                                                                          {16, 14},
                                                                          {15, 2},
                                                                          {14, 1},
                                                                          {12, 1}}};
  return pick(rng, kMix);
}

unsigned v6_length(std::mt19937_64& rng) {
  static constexpr std::array<std::pair<unsigned, unsigned>, 11> kMix = {{{48, 550},
                                                                          {47, 20},
                                                                          {46, 30},
                                                                          {44, 80},
                                                                          {40, 60},
                                                                          {36, 40},
                                                                          {32, 150},
                                                                          {29, 20},
                                                                          {56, 20},
                                                                          {64, 20},
                                                                          {128, 10}}};
  return pick(rng, kMix);
}

IpAddress random_v4(std::mt19937_64& rng) {
  // Keep to 1.0.0.0-223.255.255.255 (unicast), like real tables.
  auto v = static_cast<std::uint32_t>(rng());
  v = (v % (224U << 24U)) | (1U << 24U);
  return IpAddress::v4(v);
}

IpAddress random_v6(std::mt19937_64& rng) {
  // 2000::/3 (global unicast).
  std::array<std::uint8_t, 16> b{};
  for (auto& byte : b) byte = static_cast<std::uint8_t>(rng());
  b[0] = static_cast<std::uint8_t>(0x20U | (b[0] & 0x1FU));
  return IpAddress::v6_bytes(b.data());
}

std::vector<Prefix> make_prefixes(std::size_t total, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::size_t v6 = total / 5;
  std::vector<Prefix> out;
  out.reserve(total);
  for (std::size_t i = 0; i < total - v6; ++i) {
    out.push_back(Prefix::make(random_v4(rng), v4_length(rng)));
  }
  for (std::size_t i = 0; i < v6; ++i) {
    out.push_back(Prefix::make(random_v6(rng), v6_length(rng)));
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

PrefixTrie<std::uint32_t> make_trie(const std::vector<Prefix>& prefixes) {
  PrefixTrie<std::uint32_t> trie;
  std::uint32_t asn = 64496;
  for (const Prefix& p : prefixes) trie.insert(p, asn++);
  return trie;
}

void BM_TrieInsert(benchmark::State& state) {
  const auto prefixes = make_prefixes(static_cast<std::size_t>(state.range(0)), kSeed);
  for (auto _ : state) {
    PrefixTrie<std::uint32_t> trie = make_trie(prefixes);
    benchmark::DoNotOptimize(trie);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  PrefixTrie<std::uint32_t> trie = make_trie(prefixes);
  state.counters["prefixes"] = static_cast<double>(trie.size());
  state.counters["bytes"] = static_cast<double>(trie.memory_bytes());
  trie.compact();
  state.counters["bytes_compact"] = static_cast<double>(trie.memory_bytes());
}
BENCHMARK(BM_TrieInsert)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_TrieCompact(benchmark::State& state) {
  const auto prefixes = make_prefixes(static_cast<std::size_t>(state.range(0)), kSeed);
  for (auto _ : state) {
    state.PauseTiming();
    PrefixTrie<std::uint32_t> trie = make_trie(prefixes);
    state.ResumeTiming();
    trie.compact();
    benchmark::DoNotOptimize(trie);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_TrieCompact)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Args: total prefixes, 1 = compact() after loading, 1 = queries in Prefix order (a RIB dump).
void BM_TrieCovering(benchmark::State& state) {
  // A VRP-like trie; the queries are routes: half are stored prefixes, the rest /24s and /48s
  // of random addresses (with few covering prefixes).
  const auto stored = make_prefixes(static_cast<std::size_t>(state.range(0)), kSeed);
  PrefixTrie<std::uint32_t> trie = make_trie(stored);
  if (state.range(1) != 0) trie.compact();
  std::mt19937_64 rng(kSeed + 1);
  std::vector<Prefix> queries;
  for (std::size_t i = 0; i < (1U << 16U); ++i) {
    if (i % 2 == 0) {
      queries.push_back(stored[rng() % stored.size()]);
    } else if (i % 10 < 8) {
      queries.push_back(Prefix::make(random_v4(rng), 24));
    } else {
      queries.push_back(Prefix::make(random_v6(rng), 48));
    }
  }
  if (state.range(2) != 0) std::sort(queries.begin(), queries.end());
  std::size_t i = 0;
  std::uint64_t hits = 0;
  for (auto _ : state) {
    trie.covering(queries[i++ & 0xFFFFU],
                  [&](const Prefix&, const ValueList<std::uint32_t>& v) { hits += v.size(); });
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
  state.counters["hits/lookup"] =
      static_cast<double>(hits) /
      static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
}
BENCHMARK(BM_TrieCovering)
    ->Args({100'000, 0, 0})
    ->Args({1'000'000, 0, 0})
    ->Args({1'000'000, 1, 0})
    ->Args({1'000'000, 1, 1});

// Args: total prefixes, 1 = compact() after loading.
void BM_TrieLongestMatch(benchmark::State& state) {
  PrefixTrie<std::uint32_t> trie =
      make_trie(make_prefixes(static_cast<std::size_t>(state.range(0)), kSeed));
  if (state.range(1) != 0) trie.compact();
  std::mt19937_64 rng(kSeed + 2);
  std::vector<IpAddress> queries;
  for (std::size_t i = 0; i < (1U << 16U); ++i) {
    queries.push_back(i % 5 == 4 ? random_v6(rng) : random_v4(rng));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto m = trie.longest_match(queries[i++ & 0xFFFFU]);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TrieLongestMatch)->Args({1'000'000, 0})->Args({1'000'000, 1});

}  // namespace
}  // namespace manrs::net

BENCHMARK_MAIN();
