// check/history.h — the score history of `manrs check` (issue 7 point 9): one row per AS and
// month in an SQLite database, `<state dir>/manrs.sqlite`, from which the report draws its
// trend (AsReport::history).
//
// The state directory is not the data directory: data may be read-only and shared; the
// history is the user's own ($XDG_STATE_HOME/manrs by default, `--state DIR`). The schema is
// versioned (table schema_version); the database runs in WAL mode so that a report can read
// while another run records. docs/history.md describes the tables.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/check/model.h"
#include "manrs/core/result.h"
#include "manrs/net/asn.h"

namespace manrs::check {

// The schema version this code writes and reads.
inline constexpr int kHistorySchemaVersion = 1;

// $XDG_STATE_HOME/manrs when XDG_STATE_HOME is set and absolute (XDG Base Directory spec),
// else $HOME/.local/state/manrs, else "./manrs-state".
[[nodiscard]] std::string default_state_dir();

class History {
 public:
  // Opens (creating the directory, the file and the schema when needed) state_dir/manrs.sqlite.
  // Errors name the file: kIo when the directory or file cannot be created or opened (a
  // read-only place), kMalformed when the file is not an SQLite database or its tables are not
  // ours, kUnsupported when its schema version is newer than kHistorySchemaVersion.
  [[nodiscard]] static Result<History> open(const std::string& state_dir);

  History(History&&) noexcept;
  History& operator=(History&&) noexcept;
  ~History();

  // Stores the report's scores for (r.asn, r.window.month), replacing an earlier row of the same
  // AS and month: the five action percents (NULL = no data) and readiness levels, routes,
  // incidents (scored, Action 1), events, and `report_json` when not empty. kIo/kMalformed on
  // database errors (the message names the file).
  [[nodiscard]] Status record(const AsReport& r, std::string_view report_json = {});

  // The stored months of `asn` in the `months` calendar months that end with `up_to_month`
  // ("YYYY-MM", included), oldest first. Months with no row are absent (not made up).
  // kMalformed for a bad month string; database errors as for record().
  [[nodiscard]] Result<std::vector<HistoryPoint>> trend(net::Asn asn,
                                                        const std::string& up_to_month,
                                                        unsigned months = 12);

  // The report JSON stored for (asn, month), nullopt when there is no row or no JSON.
  [[nodiscard]] Result<std::optional<std::string>> report_json(net::Asn asn,
                                                               const std::string& month);

  [[nodiscard]] const std::string& path() const;

 private:
  struct Impl;
  explicit History(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace manrs::check
