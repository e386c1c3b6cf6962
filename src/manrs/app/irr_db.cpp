// app/irr_db.cpp — see irr_db.h.
#include "manrs/app/irr_db.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "manrs/app/rpki_inputs.h"
#include "manrs/rpki/rov.h"

namespace manrs::app {
namespace {

// "NAME=FILE" when NAME looks like a source name and FILE exists while the whole text does not.
std::pair<std::string, std::string> split_source(const std::string& arg) {
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0 || std::filesystem::exists(arg)) {
    return {"", arg};
  }
  const std::string name = arg.substr(0, eq);
  const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
  if (!ok) return {"", arg};
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return {upper, arg.substr(eq + 1)};
}

}  // namespace

Result<irr::Database> load_irr_database(const IrrDbOptions& options) {
  if (options.rpki_aware && options.vrps.empty()) {
    return make_error(ErrorCode::kPolicy, "--rpki-aware: want --vrps FILE, have none");
  }
  irr::Database db;
  for (const auto& arg : options.rpsl) {
    auto [source, path] = split_source(arg);
    irr::LoadOptions lo;
    if (!source.empty()) {
      lo.default_source = source;
      lo.force_source = true;
    }
    lo.progress = !options.quiet;
    MANRS_TRY(auto report, db.load_file(path, lo));
    if (!options.quiet) {
      fmt::print(stderr, "{}: {} objects{}, {} skipped, {:.2f} s ({:.0f} objects/s)\n", path,
                 report.objects, source.empty() ? "" : " as source " + source, report.skipped,
                 report.seconds,
                 report.seconds > 0 ? static_cast<double>(report.objects) / report.seconds : 0.0);
      for (const auto& p : report.problems) fmt::print(stderr, "  {}\n", p);
      if (report.skipped > report.problems.size()) {
        fmt::print(stderr, "  ... {} more skipped objects\n",
                   report.skipped - report.problems.size());
      }
    }
  }
  db.finalize();
  // Default order: the RIR registries (authoritative for their resources) first.
  std::vector<std::string> order = options.sources;
  if (order.empty()) {
    static constexpr std::array<std::string_view, 5> kRirs = {"AFRINIC", "APNIC", "ARIN", "LACNIC",
                                                              "RIPE"};
    for (auto r : kRirs) {
      if (db.find_source(r)) order.emplace_back(r);
    }
  }
  MANRS_TRY_VOID(db.set_source_order(order));
  if (!options.vrps.empty()) {
    VrpLoadOptions vo;
    vo.files = options.vrps;
    vo.quiet = options.quiet;
    MANRS_TRY(auto set, load_vrp_set(vo));
    rpki::RovTable table(set.vrps);
    db.apply_rpki(table);
    if (!options.quiet) {
      const auto st = db.stats();
      fmt::print(stderr, "RPKI: route objects {} valid, {} invalid, {} not found{}\n",
                 st.rpki_valid, st.rpki_invalid, st.rpki_not_found,
                 options.rpki_aware ? " (invalid ones hidden: --rpki-aware)" : "");
    }
  }
  return db;
}

Result<irr::QueryScope> irr_scope(const irr::Database& db, const IrrDbOptions& options) {
  MANRS_TRY(auto scope, db.scope(options.sources));
  scope.exclude_rpki_invalid = options.rpki_aware;
  return scope;
}

std::string scope_names(const irr::Database& db, const irr::QueryScope& scope) {
  std::string out;
  if (scope.sources.empty()) {
    for (const auto& s : db.sources()) out += (out.empty() ? "" : ",") + s;
  } else {
    for (auto id : scope.sources) {
      out += (out.empty() ? "" : ",") + std::string(db.source_name(id));
    }
  }
  return out;
}

}  // namespace manrs::app
