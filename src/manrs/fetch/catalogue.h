// fetch/catalogue.h — the public data sources `manrs fetch` knows: their URL templates, the
// cadence of their files, and where each file goes in the data directory (the layout of
// ../shared/data: mrt/, vrp/, rpsl/, peeringdb/, asrel/, misc/rir-delegated/, spoofer/).
//
// Pure code: expand() turns a source and a day or month into the list of files to download
// (URL, local path, checksum side file); no I/O. Start with sources(), then expand().
// docs/fetch.md lists every source with its templates.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"

namespace manrs::fetch {

// How a source publishes a checksum of each file.
enum class Checksum : std::uint8_t {
  kNone,    // nothing published
  kMd5,     // a side file "<url>.md5" (RIR statistics exchange format §1)
  kSha256,  // a side file "<url>.sha256"
};
[[nodiscard]] std::string_view checksum_id(Checksum c);  // "none", "md5", "sha256"

// How often a source publishes a file, and so which files a day or a month means.
enum class Cadence : std::uint8_t {
  kCurrent,  // only the current snapshot exists (IRR dumps, PeeringDB API): one file, no date
  kMonthly,  // one file per month (CAIDA as-rel, dated the 1st)
  kDaily,    // one file per day: the day of --date, or the 1st of --month
  kWindow,   // one query over the window: the day of --date or the whole --month
  k5Min,     // every 5 minutes over the day of --date, or every day of --month
  k15Min,    // every 15 minutes, likewise
};

// The family of route collectors a source takes (--collector picks the names of its family).
enum class Collectors : std::uint8_t { kNone, kRis, kRouteViews };

// One file of a source: templates with the placeholders
//   {C} collector name, {RVDIR} RouteViews base ("bgpdata" for route-views2, else
//   "<collector>/bgpdata"), {YYYY} {MM} {DD} {HHMM}, {START} {END} (YYYY-MM-DD, end exclusive),
//   {WINDOW} ("YYYY-MM" for a month, "YYYY-MM-DD" for a day).
struct FileTemplate {
  std::string_view url;  // "https://data.ris.ripe.net/{C}/{YYYY}.{MM}/bview.{YYYY}{MM}{DD}.0000.gz"
  std::string_view path;  // relative to the data directory: "mrt/{C}.bview.{YYYY}{MM}{DD}.0000.gz"
};

struct SourceInfo {
  std::string_view name;   // "ris-bview"
  std::string_view title;  // one line
  Cadence cadence = Cadence::kCurrent;
  Collectors collectors = Collectors::kNone;
  std::string_view default_collector;  // "rrc00", "route-views2", "" when none
  Checksum checksum = Checksum::kNone;
  bool in_default_set = false;  // fetched when no SOURCE is named
  std::vector<FileTemplate> files;
};

// Every source, in a fixed order.
[[nodiscard]] std::span<const SourceInfo> sources();
[[nodiscard]] const SourceInfo* find_source(std::string_view name);

// A UTC calendar day or month. `day` = 0 means the whole month.
struct When {
  int year = 0;
  int month = 0;
  int day = 0;
};
// From --month YYYY-MM or --date YYYY-MM-DD (at most one non-empty); both empty → `fallback`.
// Errors name the option: "--date: want YYYY-MM-DD, have '2015-13-01'".
[[nodiscard]] Result<When> parse_when(std::string_view month, std::string_view date, When fallback);
// The day before the day containing Unix time `now` (yesterday's files are complete).
[[nodiscard]] When yesterday(std::int64_t now);
[[nodiscard]] int days_in_month(int year, int month);

struct Params {
  When when;
  std::vector<std::string> collectors;  // any family; each source takes those of its family
  std::string base_url;                 // "" or "http://127.0.0.1:8080": replaces every host
};

// One file to download.
struct Item {
  std::string source;  // "ris-bview"
  std::string url;     // after --base-url
  std::string path;    // relative to the data directory, '/'-separated
  Checksum checksum = Checksum::kNone;
  std::string checksum_url;  // url + ".md5" / ".sha256", or ""
};

// The files of `source` for params. Errors: an unknown source (the message lists the names), a
// collector name that is not [a-z0-9.-] (it becomes part of a path).
[[nodiscard]] Result<std::vector<Item>> expand(std::string_view source, const Params& params);
// `url` with its scheme and host replaced by `base` (no trailing '/'): "https://h/a/b?q" with
// "http://127.0.0.1:80" → "http://127.0.0.1:80/a/b?q". An empty base leaves url as it is.
[[nodiscard]] std::string rebase(std::string_view url, std::string_view base);
// The collectors of `family` named in `names`, or {default} when none is.
[[nodiscard]] std::vector<std::string> collectors_for(const SourceInfo& s,
                                                      std::span<const std::string> names);

}  // namespace manrs::fetch
