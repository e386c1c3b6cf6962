// rpki/reader.h — reads every VRP/ASPA export operators use into a VrpSet.
//
// Formats (detected from the content, not the file name; compressed files are read through
// core/input.h):
//  - JSON: rpki-client (`roas`, `aspas`, `bgpsec_keys`, `metadata`, and the older per-family
//    `provider_authorizations`), Routinator json/jsonext (`roas` with `source`, `routerKeys`,
//    `aspas`), RIPE NCC validator JSON, StayRTR/GoRTR caches. ASNs as 65001, "65001", "AS65001".
//  - CSV with a header naming the columns: rpki-client (ASN,IP Prefix,Max Length,Trust Anchor,
//    Expires), Routinator csv / csvcompat (quoted) / csvext (URI,ASN,IP Prefix,Max Length,Not
//    Before,Not After), RIPE NCC validator CSV.
//  - ROA lists: "<time> <asn> <prefix>[-maxlen] ..." (one ROA per line, ../shared/data/vrp/) and
//    plain "prefix/len maxlen asn" lines.
//  - BIRD roa tables (BIRD 2 `route P max N as A;`, BIRD 1 `roa P max N as A;`) as rpki-client
//    and Routinator write them; OpenBGPD `roa-set { ... }` and `aspa-set { ... }`.
// Per-family ASPA entries are merged into one provider set per customer (VrpSet::normalize).
// An invalid entry (bad prefix, maxLength out of range, bad ASN) is skipped and reported with
// file, line and field; broken structure (unterminated JSON, unknown format) is an Error.
// Every rule, message and limit: docs/rpki-formats.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/error.h"
#include "manrs/core/result.h"
#include "manrs/rpki/vrp.h"

namespace manrs::rpki {

enum class Format : std::uint8_t {
  kAuto,      // detect
  kJson,      // rpki-client / Routinator / RIPE validator / StayRTR JSON
  kCsv,       // any CSV with a header
  kRoaList,   // "<time> <asn> <prefix>[-maxlen]..." or "prefix/len maxlen asn"
  kBird,      // BIRD 1 or 2 roa table text
  kOpenBgpd,  // OpenBGPD roa-set / aspa-set
};

[[nodiscard]] std::string_view to_string(Format f);
// "json", "csv", "roa-list" (also "text"), "bird", "openbgpd"; kAuto for "auto".
[[nodiscard]] Result<Format> parse_format(std::string_view name);

struct ReadOptions {
  Format format = Format::kAuto;
  bool strict = false;            // any rejected entry makes the read fail
  std::size_t max_problems = 20;  // problems kept in ReadReport (the count is always exact)
};

struct ReadReport {
  Format format = Format::kAuto;  // what was detected
  std::size_t entries = 0;        // entries accepted (before normalize merges duplicates)
  std::size_t rejected = 0;       // entries skipped
  std::vector<Error> problems;    // the first max_problems of them, source = "file:line"
  // (one per rejected entry, except that a ROA-list line with a bad time or AS rejects all of
  // its prefixes with one problem)
};

// Reads one file ("-" = stdin; gzip/bzip2/xz/zstd by content) of at most 4 GiB decompressed
// (kLimitExceeded beyond). The returned set is normalized. Errors: kIo (open/read), the
// decompressor's errors, kMalformed (unknown format, broken structure, "file:line"), and in
// strict mode the first rejected entry's problem.
[[nodiscard]] Result<VrpSet> read_vrps(std::string_view path, const ReadOptions& options = {},
                                       ReadReport* report = nullptr);

// Parses bytes already in memory; `source` names them in errors. The returned set is normalized.
[[nodiscard]] Result<VrpSet> parse_vrps(std::string_view data, std::string_view source,
                                        const ReadOptions& options = {},
                                        ReadReport* report = nullptr);

// The format `data` looks like (kAuto when nothing fits).
[[nodiscard]] Format detect_format(std::string_view data);

}  // namespace manrs::rpki
