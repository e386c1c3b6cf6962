// check/datadir.h — finds the inputs of `manrs check` in a data directory by their content.
//
// `manrs fetch` lays files out as ../shared/data is (mrt/, vrp/, rpsl/, peeringdb/, asrel/,
// misc/rir-delegated/, spoofer/), but an operator's directory may be anything: every regular
// file under the directory (recursively, hidden files and *.part downloads skipped) is opened,
// decompressed by magic, and its first bytes classified. Names are only a tie-breaker.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"

namespace manrs::check {

enum class DataKind : std::uint8_t {
  kMrtRib,        // TABLE_DUMP / TABLE_DUMP_V2
  kMrtUpdates,    // BGP4MP(_ET), MRTd BGP
  kVrps,          // rpki-client / Routinator / RIPE validator JSON, CSV, ROA lists (with ASPA)
  kSlurm,         // RFC 8416
  kRpsl,          // IRR dumps
  kPeeringDb,     // PeeringDB API pages or dumps
  kAsRel,         // CAIDA as-rel serial-1 / serial-2
  kDelegated,     // NRO / RIR delegated(-extended) stats
  kFullbogons,    // Team Cymru fullbogons (prefix per line): administrative bogons
  kAsNames,       // JSON object ASN → name
  kSpoofer,       // CAIDA Spoofer results (CSV with a header)
  kIanaRegistry,  // IANA XML registries (the built-in tables are used; listed for the record)
  kUnknown,
};
[[nodiscard]] std::string_view data_kind_id(DataKind k);  // "mrt-rib", "vrps", ...

struct DataFile {
  std::string path;
  DataKind kind = DataKind::kUnknown;
  std::string why;  // what identified it ("TABLE_DUMP_V2 header", "RPSL attribute route:")
};

// Classifies the first bytes of a file (already decompressed). `name` is the file name.
[[nodiscard]] DataKind classify(std::span<const std::byte> head, std::string_view name,
                                std::string* why = nullptr);

// Classifies one file: opens it (any compression), reads up to 64 KiB. A file that cannot be
// opened or decompressed at all is kUnknown with the reason in `why`.
[[nodiscard]] DataFile classify_file(const std::string& path);

// Every file under `dir`, sorted by path. An unreadable directory is an error naming it.
[[nodiscard]] Result<std::vector<DataFile>> scan_data_dir(const std::string& dir);

}  // namespace manrs::check
