// MRT decoding throughput (STYLE.md §10): TABLE_DUMP_V2 RIB records through mrt::Reader, full
// and summary decoding, and the bgpdump -m formatter. Input is built in memory: a peer table
// and `records` RIB_IPV4_UNICAST records of 16 entries (ORIGIN, AS_PATH, NEXT_HOP, MED,
// COMMUNITIES), ~1 KiB each, like a route-collector dump.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "manrs/core/input.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/reader.h"

namespace {

using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& b, std::uint32_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
void put32(Bytes& b, std::uint32_t v) {
  put16(b, v >> 16);
  put16(b, v & 0xFFFFU);
}
void record(Bytes& out, std::uint16_t subtype, const Bytes& body) {
  put32(out, 1700000000);
  put16(out, 13);
  put16(out, subtype);
  put32(out, static_cast<std::uint32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
}

Bytes make_rib(std::size_t records) {
  constexpr unsigned kPeers = 16;
  Bytes out;
  Bytes pit;
  put32(pit, 0xC0000201);
  put16(pit, 0);
  put16(pit, kPeers);
  for (unsigned p = 0; p < kPeers; ++p) {
    pit.push_back(2);  // IPv4, 4-byte AS
    put32(pit, 0x0A000000 + p);
    put32(pit, 0xC6336400 + p);
    put32(pit, 64500 + p);
  }
  record(out, 1, pit);
  for (std::size_t i = 0; i < records; ++i) {
    Bytes body;
    put32(body, static_cast<std::uint32_t>(i));
    body.push_back(24);
    std::uint32_t net = 0x01000000U + static_cast<std::uint32_t>(i << 8);
    body.push_back(static_cast<std::uint8_t>(net >> 24));
    body.push_back(static_cast<std::uint8_t>(net >> 16));
    body.push_back(static_cast<std::uint8_t>(net >> 8));
    put16(body, kPeers);
    for (unsigned p = 0; p < kPeers; ++p) {
      Bytes attrs = {0x40, 1, 1, 0};
      unsigned hops = 3 + (p + static_cast<unsigned>(i)) % 5;
      attrs.insert(attrs.end(), {0x40, 2, static_cast<std::uint8_t>(2 + 4 * hops), 2,
                                 static_cast<std::uint8_t>(hops)});
      for (unsigned h = 0; h < hops; ++h) {
        put32(attrs, h == 0 ? 64500 + p : 1000 + h * 7 + static_cast<std::uint32_t>(i % 50000));
      }
      attrs.insert(attrs.end(), {0x40, 3, 4, 198, 51, 100, static_cast<std::uint8_t>(p)});
      attrs.insert(attrs.end(), {0x80, 4, 4, 0, 0, 0, 10});
      attrs.insert(attrs.end(), {0xC0, 8, 8});
      put32(attrs, (64500U + p) << 16 | 100U);
      put32(attrs, (64500U + p) << 16 | 200U);
      put16(body, p);
      put32(body, 1699999000);
      put16(body, static_cast<std::uint32_t>(attrs.size()));
      body.insert(body.end(), attrs.begin(), attrs.end());
    }
    record(out, 2, body);
  }
  return out;
}

void run(benchmark::State& state, bool summary, bool format) {
  const Bytes data = make_rib(static_cast<std::size_t>(state.range(0)));
  std::uint64_t entries = 0;
  std::string text;
  for (auto _ : state) {
    auto src = manrs::core::open_memory(std::as_bytes(std::span{data}), "bench");
    manrs::mrt::DecodeOptions opt;
    opt.summary = summary;
    manrs::mrt::Reader reader(std::move(*src), opt);
    manrs::mrt::Record rec;
    for (;;) {
      auto more = reader.next(rec);
      if (!more || !*more) break;
      entries += rec.rib.count;
      if (format) {
        manrs::mrt::format_bgpdump(rec, text);
        text.clear();
      }
    }
    benchmark::DoNotOptimize(entries);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(data.size()));
  state.counters["entries/s"] =
      benchmark::Counter(static_cast<double>(entries), benchmark::Counter::kIsRate);
}

void BM_MrtDecodeRib(benchmark::State& state) { run(state, false, false); }
void BM_MrtDecodeRibSummary(benchmark::State& state) { run(state, true, false); }
void BM_MrtBgpdumpFormat(benchmark::State& state) { run(state, false, true); }

BENCHMARK(BM_MrtDecodeRib)->Arg(1000)->Arg(20000);
BENCHMARK(BM_MrtDecodeRibSummary)->Arg(1000)->Arg(20000);
BENCHMARK(BM_MrtBgpdumpFormat)->Arg(1000)->Arg(20000);

}  // namespace

BENCHMARK_MAIN();
