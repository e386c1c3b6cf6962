// fuzz_vrp — libFuzzer target for the VRP/ASPA readers and writers (STYLE.md T5): the input is
// a VRP file in any format rpki::parse_vrps reads (JSON, CSV, ROA list, BIRD, OpenBGPD).
//
// Reads the bytes twice: with format detection, and with an explicit format chosen by the input
// size (so every parser also sees every other format's bytes); strict mode on every other size.
// Checks the reader's contract: errors and problems name a source and say what; the problem
// list is bounded; the set is normalized and every VRP passes check_vrp. Then writes the set in
// every output format and reads each back (differential round trip): the VRPs, and the ASPAs
// and router keys where the format carries them, must come back unchanged with no problem.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "manrs/rpki/reader.h"
#include "manrs/rpki/vrp.h"
#include "manrs/rpki/writer.h"

namespace {

using manrs::rpki::Format;
using manrs::rpki::OutputFormat;

void check_error(const manrs::Error& e) {
  if (e.source.empty() || e.message.empty()) std::abort();  // every error names where and what
}

void check_set(const manrs::rpki::VrpSet& set, const manrs::rpki::ReadReport& report,
               const manrs::rpki::ReadOptions& options) {
  if (report.problems.size() > options.max_problems) std::abort();
  if (report.problems.size() > report.rejected) std::abort();
  for (const auto& p : report.problems) check_error(p);
  for (std::size_t i = 0; i < set.vrps.size(); ++i) {
    const auto& v = set.vrps[i];
    if (!manrs::rpki::check_vrp(v.prefix, v.max_length)) std::abort();
    if (i > 0 && !(set.vrps[i - 1] < v)) std::abort();  // sorted, unique
    if (v.ta >= set.trust_anchors.size()) std::abort();
  }
  for (std::size_t i = 0; i < set.aspas.size(); ++i) {
    const auto& a = set.aspas[i];
    if (a.providers.empty()) std::abort();
    if (i > 0 && set.aspas[i - 1].customer >= a.customer) std::abort();  // one per customer
    for (std::size_t k = 1; k < a.providers.size(); ++k) {
      if (a.providers[k - 1] >= a.providers[k]) std::abort();
    }
  }
}

struct Target {
  OutputFormat out;
  Format in;
  bool aspa;
  bool keys;
};

constexpr std::array<Target, 7> kTargets{{
    {OutputFormat::kRpkiClientJson, Format::kJson, true, true},
    {OutputFormat::kStayrtrJson, Format::kJson, true, true},
    {OutputFormat::kCsv, Format::kCsv, false, false},
    {OutputFormat::kBird2, Format::kBird, false, false},
    {OutputFormat::kBird1, Format::kBird, false, false},
    {OutputFormat::kOpenBgpd, Format::kOpenBgpd, true, false},
    {OutputFormat::kPlain, Format::kRoaList, false, false},
}};

void round_trip(const manrs::rpki::VrpSet& set) {
  std::string text;
  for (const auto& t : kTargets) {
    text.clear();
    manrs::rpki::write_vrps(set, t.out, text);
    manrs::rpki::ReadOptions options;
    options.format = t.in;
    manrs::rpki::ReadReport report;
    auto back = manrs::rpki::parse_vrps(text, "fuzz-out", options, &report);
    if (!back || report.rejected != 0) std::abort();  // we cannot read what we wrote
    if (back->vrps != set.vrps) std::abort();
    if (t.aspa ? back->aspas != set.aspas : !back->aspas.empty()) std::abort();
    if (t.keys && back->router_keys != set.router_keys) std::abort();
  }
}

void read(std::string_view data, Format format, bool strict) {
  manrs::rpki::ReadOptions options;
  options.format = format;
  options.strict = strict;
  options.max_problems = 8;
  manrs::rpki::ReadReport report;
  auto set = manrs::rpki::parse_vrps(data, "fuzz.vrp", options, &report);
  if (!set) {
    check_error(set.error());
    return;
  }
  if (strict && report.rejected != 0) std::abort();
  check_set(*set, report, options);
  round_trip(*set);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);  // NOLINT
  static constexpr std::array<Format, 5> kFormats{Format::kJson, Format::kCsv, Format::kRoaList,
                                                  Format::kBird, Format::kOpenBgpd};
  read(text, Format::kAuto, false);
  read(text, kFormats[size % kFormats.size()], (size & 1U) != 0);
  return 0;
}
