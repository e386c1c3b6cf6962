// app/filter_inputs.h — shared by `manrs filter`, `manrs filter --batch` and `manrs antispoof`:
// the IRR database, the VRPs (+SLURM) prepared for filter generation, unallocated space.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "manrs/app/irr_db.h"
#include "manrs/core/result.h"
#include "manrs/filter/bogons.h"
#include "manrs/filter/generate.h"
#include "manrs/filter/model.h"
#include "manrs/irr/database.h"
#include "manrs/rpki/vrp.h"

namespace manrs::app {

struct FilterInputOptions {
  IrrDbOptions db;                       // --rpsl, --sources (db.vrps unused)
  std::vector<std::string> vrps;         // --vrps
  std::vector<std::string> slurm;        // --slurm
  std::vector<std::string> unallocated;  // --unallocated
  bool quiet = false;
};

struct FilterInputs {
  std::optional<irr::Database> db;  // absent without --rpsl
  irr::QueryScope scope;
  std::unique_ptr<rpki::VrpSet> vrps;
  std::unique_ptr<filter::RpkiIndex> rpki;  // absent without --vrps
  std::string rpki_description;             // "40663 VRPs from FILE"
  filter::Unallocated unallocated;
};

// Loads what the options name (each part optional). Errors name the file.
[[nodiscard]] Result<FilterInputs> load_filter_inputs(const FilterInputOptions& options);

// --rpsl, --sources, --vrps, --slurm, --unallocated, -q.
void add_filter_input_options(CLI::App* cmd, FilterInputOptions& o);

// Messages shared by the filter commands (cmd_filter.cpp).
[[nodiscard]] std::vector<std::string> filter_warnings(const filter::Filter& f);
[[nodiscard]] std::string filter_summary(const filter::Filter& f);
[[nodiscard]] std::string filter_explain(const filter::Filter& f);

}  // namespace manrs::app
