#include "manrs/app/filter_inputs.h"

#include <fmt/format.h>

#include "manrs/app/rpki_inputs.h"

namespace manrs::app {

Result<FilterInputs> load_filter_inputs(const FilterInputOptions& options) {
  FilterInputs in;
  if (!options.db.rpsl.empty()) {
    IrrDbOptions dbo = options.db;
    dbo.quiet = options.quiet || dbo.quiet;
    dbo.vrps.clear();
    dbo.rpki_aware = false;
    auto db = load_irr_database(dbo);
    if (!db) {
      return db.error();
    }
    in.db.emplace(std::move(*db));
    auto scope = irr_scope(*in.db, dbo);
    if (!scope) {
      return scope.error();
    }
    in.scope = *scope;
  }
  if (!options.vrps.empty()) {
    VrpLoadOptions vo;
    vo.files = options.vrps;
    vo.slurm = options.slurm;
    vo.quiet = options.quiet;
    auto set = load_vrp_set(vo);
    if (!set) {
      return set.error();
    }
    in.vrps = std::make_unique<rpki::VrpSet>(std::move(*set));
    in.rpki = std::make_unique<filter::RpkiIndex>(*in.vrps);
    in.rpki_description =
        fmt::format("{} VRPs from {}", in.vrps->vrps.size(), fmt::join(options.vrps, ", "));
  }
  for (const auto& path : options.unallocated) {
    auto n = in.unallocated.load_file(path);
    if (!n) {
      return n.error();
    }
  }
  in.unallocated.finalize();
  return in;
}

}  // namespace manrs::app
