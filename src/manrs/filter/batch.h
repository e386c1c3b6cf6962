// filter/batch.h — `manrs batch CONFIG.toml`: every customer's filters for every session in one
// run, each file checked against the one the previous run wrote (the delta check), with a
// summary. The configuration format is documented in docs/filter.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/filter/generate.h"

namespace manrs::filter {

struct BatchSession {
  std::string router;     // a name: the output sub-folder ("edge1")
  std::string dialect;    // a dialect id (render.h)
  std::string list_name;  // base name of the lists ("" = the customer's name)
  bool as_path = false;
  std::optional<net::Asn> peer_as;
};

struct BatchCustomer {
  std::string name;         // file and list name ("cust-a")
  std::string target;       // AS-SET, ASN or route-set
  GenerateOptions options;  // mode, families, lengths, aggregation (scope/unallocated: run_batch)
  bool mode_set = false;    // options.mode came from the file (else: the run's default)
  std::vector<BatchSession> sessions;
};

struct BatchConfig {
  std::string path;        // the configuration file
  std::string output_dir;  // where files go (relative paths: to the configuration's folder)
  double max_change = 20.0;
  // Inputs (paths relative to the configuration's folder); the command line may add more.
  std::vector<std::string> rpsl, sources, vrps, slurm, unallocated;
  std::vector<BatchCustomer> customers;
};

// Parses the TOML file. Errors: "<file>:<line>:<col>: <key>: want <x>, have <y>".
[[nodiscard]] Result<BatchConfig> parse_batch_config(const std::string& path);
// The same from text; `path` names it and anchors relative paths.
[[nodiscard]] Result<BatchConfig> parse_batch_config_text(std::string_view text,
                                                          const std::string& path);

enum class BatchStatus : std::uint8_t {
  kWritten,    // new or changed within the threshold (or forced)
  kUnchanged,  // same bytes as the previous run
  kRefused,    // the delta check failed: the previous file is kept
  kFailed,     // generation or rendering failed: the previous file is kept
};
[[nodiscard]] std::string_view to_string(BatchStatus s);

struct BatchResult {
  std::string customer;
  std::string target;
  std::string router;
  std::string dialect;
  std::string file;
  BatchStatus status = BatchStatus::kWritten;
  std::size_t v4 = 0, v6 = 0, asns = 0;
  bool had_previous = false;
  std::size_t added = 0, removed = 0;
  // The entries added and removed against the previous file (the first 1,000 of each).
  std::vector<std::string> added_entries, removed_entries;
  double change_percent = 0;
  bool partial = false;
  double generate_ms = 0;
  double expand_ms = 0, collect_ms = 0, finish_ms = 0;  // parts of generate_ms
  std::string message;  // the error, the refusal, or the expansion warnings
};

struct BatchRunOptions {
  irr::QueryScope scope;
  const irr::Database* db = nullptr;
  const RpkiIndex* rpki = nullptr;
  const Unallocated* unallocated = nullptr;
  bool force = false;    // write even when the delta check fails
  bool dry_run = false;  // compute and compare, write nothing
  unsigned threads = 0;  // generation workers (0 = one per core); files are written in order
};

// Generates once per customer, renders once per session, compares with the file already in
// place, writes (atomically: a temporary file renamed over the old one).
[[nodiscard]] std::vector<BatchResult> run_batch(const BatchConfig& config,
                                                 const BatchRunOptions& options);

}  // namespace manrs::filter
