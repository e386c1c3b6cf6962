// fuzz_mrt — libFuzzer target for the MRT reader (STYLE.md T5): the input is an MRT file.
//
// Feeds the bytes to mrt::Reader through core::open_memory, reads every record (errors
// included) and formats each decoded record as `bgpdump -m` lines and as jsonl, and counts it
// in MrtStats, as `manrs mrt dump/stats` do: the framing, the resynchronisation, every body
// decoder and every consumer of decoded records see hostile bytes. Also checks the
// reader's progress contract: every call that returns a record or an error moves the offset
// forward (else a damaged file could make a caller loop forever).
// Inputs of odd length are read in DecodeOptions::summary mode (what `manrs mrt stats` uses),
// so both attribute decoders are fuzzed without changing what the bytes mean.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>

#include "manrs/core/input.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/jsonl_format.h"
#include "manrs/mrt/reader.h"
#include "manrs/mrt/stats.h"

namespace {

// Far more calls than records a -max_len=70000 input can hold; a bound, not a expectation.
constexpr int kMaxCalls = 100000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::byte> bytes{reinterpret_cast<const std::byte*>(data), size};  // NOLINT
  auto source = manrs::core::open_memory(bytes, "fuzz.mrt", {1});
  if (!source) return 0;
  manrs::mrt::DecodeOptions options;
  options.summary = (size & 1U) != 0;
  manrs::mrt::Reader reader(std::move(*source), options);
  manrs::mrt::Record rec;
  manrs::mrt::MrtStats stats;
  std::string out;
  std::uint64_t last = reader.offset();
  for (int calls = 0; calls < kMaxCalls; ++calls) {
    auto more = reader.next(rec);
    if (more && !*more) break;
    if (more) {
      out.clear();
      manrs::mrt::format_bgpdump(rec, out);
      manrs::mrt::format_jsonl(rec, out);
      stats.add(rec);
    } else if (more.error().source.empty() || more.error().message.empty()) {
      std::abort();  // every error names where and what
    }
    if (reader.failed()) continue;
    if (reader.offset() <= last) std::abort();  // no progress: a caller would loop forever
    last = reader.offset();
  }
  stats.add_reader(reader.stats());
  out = stats.to_text();
  out += stats.to_json();
  return 0;
}
