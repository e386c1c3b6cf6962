// app/irr_db.h — shared by the `manrs irr` subcommands: load RPSL files into one Database in
// the source order an operator expects, optionally RPKI-aware.
#pragma once

#include <string>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/irr/database.h"

namespace manrs::app {

struct IrrDbOptions {
  // "FILE" (objects keep their `source:`) or "NAME=FILE" (the file is loaded as source NAME).
  std::vector<std::string> rpsl;
  // Order of preference; empty = the RIR registries (AFRINIC, APNIC, ARIN, LACNIC, RIPE) first,
  // then the others alphabetically (manrs-spec §4.8.5: authoritative sources first).
  std::vector<std::string> sources;
  std::vector<std::string> vrps;  // RPKI-aware mode: validate route objects against these
  bool rpki_aware = false;        // hide RPKI-invalid route objects
  bool quiet = false;             // no per-file summary on stderr
};

// Loads and finalizes. Per file on stderr (unless quiet): objects, skipped, rate, and the first
// problems. An unreadable file, an unknown --sources name or --rpki-aware without --vrps is an
// Error.
[[nodiscard]] Result<irr::Database> load_irr_database(const IrrDbOptions& options);

// The scope for queries: --sources (validated) or every source, plus the RPKI-aware flag.
[[nodiscard]] Result<irr::QueryScope> irr_scope(const irr::Database& db,
                                                const IrrDbOptions& options);

// "RIPE,RADB" for messages.
[[nodiscard]] std::string scope_names(const irr::Database& db, const irr::QueryScope& scope);

}  // namespace manrs::app
