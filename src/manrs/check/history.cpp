#include "manrs/check/history.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <sqlite3.h>

namespace manrs::check {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSchema = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE scores (
  asn INTEGER NOT NULL,
  month TEXT NOT NULL,
  filtering REAL, anti_spoofing REAL, coordination REAL, irr REAL, rpki REAL,
  filtering_level TEXT NOT NULL, anti_spoofing_level TEXT NOT NULL,
  coordination_level TEXT NOT NULL, irr_level TEXT NOT NULL, rpki_level TEXT NOT NULL,
  routes INTEGER NOT NULL,
  incidents INTEGER NOT NULL,
  events INTEGER NOT NULL,
  generated_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  report_json TEXT,
  PRIMARY KEY (asn, month)
) WITHOUT ROWID;
)sql";

ErrorCode code_of(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT ? ErrorCode::kMalformed
                                                               : ErrorCode::kIo;
}

// A prepared statement, finalized at scope end.
class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }
  sqlite3_stmt** out() { return &s_; }
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// "YYYY-MM" shifted by `delta` months.
std::string shift_month(int year, int month, int delta) {
  int m = year * 12 + (month - 1) + delta;
  return fmt::format("{:04}-{:02}", m / 12, m % 12 + 1);
}

}  // namespace

struct History::Impl {
  sqlite3* db = nullptr;
  std::string path;

  ~Impl() {
    if (db != nullptr) sqlite3_close_v2(db);
  }

  Error error(int rc, std::string_view what) const {
    const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return make_error(code_of(rc), fmt::format("sqlite {}: {}", what, msg), path);
  }

  Status exec(const char* sql, std::string_view what) const {
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return error(rc, what);
    return {};
  }

  Status prepare(Stmt& st, const char* sql, std::string_view what) const {
    const int rc = sqlite3_prepare_v2(db, sql, -1, st.out(), nullptr);
    if (rc != SQLITE_OK) return error(rc, what);
    return {};
  }

  // Creates the schema in an empty database, or checks the version of an existing one.
  Status init_schema() {
    MANRS_TRY_VOID(exec("BEGIN IMMEDIATE", "begin"));
    auto body = [this]() -> Status {
      Stmt tables;
      MANRS_TRY_VOID(prepare(tables,
                             "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                             "read tables"));
      std::vector<std::string> names;
      int rc = 0;
      while ((rc = sqlite3_step(tables.get())) == SQLITE_ROW) {
        names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(tables.get(), 0)));
      }
      if (rc != SQLITE_DONE) return error(rc, "read tables");
      if (names.empty()) {
        MANRS_TRY_VOID(exec(kSchema, "create schema"));
        const std::string ins =
            fmt::format("INSERT INTO schema_version (version) VALUES ({})", kHistorySchemaVersion);
        return exec(ins.c_str(), "create schema");
      }
      if (std::find(names.begin(), names.end(), "schema_version") == names.end() ||
          std::find(names.begin(), names.end(), "scores") == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        return make_error(ErrorCode::kMalformed,
                          fmt::format("tables: want schema_version and scores, have {}", list),
                          path);
      }
      Stmt v;
      MANRS_TRY_VOID(prepare(v, "SELECT max(version) FROM schema_version", "read schema version"));
      rc = sqlite3_step(v.get());
      if (rc != SQLITE_ROW) return error(rc, "read schema version");
      if (sqlite3_column_type(v.get(), 0) != SQLITE_INTEGER) {
        return make_error(ErrorCode::kMalformed, "schema_version: want a version, have none", path);
      }
      const int version = sqlite3_column_int(v.get(), 0);
      if (version > kHistorySchemaVersion) {
        return make_error(ErrorCode::kUnsupported,
                          fmt::format("schema version: want <= {}, have {} (written by a newer "
                                      "manrs)",
                                      kHistorySchemaVersion, version),
                          path);
      }
      return {};
    };
    Status s = body();
    if (!s) {
      (void)exec("ROLLBACK", "rollback");
      return s;
    }
    return exec("COMMIT", "commit");
  }
};

std::string default_state_dir() {
  const char* xdg = std::getenv("XDG_STATE_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/manrs";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') return std::string(home) + "/.local/state/manrs";
  return "./manrs-state";
}

History::History(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
History::History(History&&) noexcept = default;
History& History::operator=(History&&) noexcept = default;
History::~History() = default;

const std::string& History::path() const { return impl_->path; }

Result<History> History::open(const std::string& state_dir) {
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (ec) {
    return make_error(ErrorCode::kIo, fmt::format("create state directory: {}", ec.message()),
                      state_dir);
  }
  auto impl = std::make_unique<Impl>();
  impl->path = (fs::path(state_dir) / "manrs.sqlite").string();
  const int rc = sqlite3_open_v2(impl->path.c_str(), &impl->db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) return impl->error(rc, "open");
  sqlite3_busy_timeout(impl->db, 5000);
  sqlite3_extended_result_codes(impl->db, 1);
  // WAL: readers do not block the writer. The first statement reads the header, so a file that
  // is not a database fails here ("file is not a database").
  {
    Stmt wal;
    MANRS_TRY_VOID(impl->prepare(wal, "PRAGMA journal_mode = WAL", "set WAL mode"));
    const int step = sqlite3_step(wal.get());
    if (step != SQLITE_ROW) return impl->error(step, "set WAL mode");
  }
  MANRS_TRY_VOID(impl->exec("PRAGMA synchronous = NORMAL", "set synchronous"));
  MANRS_TRY_VOID(impl->init_schema());
  return History(std::move(impl));
}

Status History::record(const AsReport& r, std::string_view report_json) {
  if (!month_window(r.window.month)) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("report month: want YYYY-MM, have '{}'", r.window.month),
                      impl_->path);
  }
  Stmt st;
  MANRS_TRY_VOID(impl_->prepare(
      st,
      "INSERT OR REPLACE INTO scores (asn, month, filtering, anti_spoofing, coordination, irr, "
      "rpki, filtering_level, anti_spoofing_level, coordination_level, irr_level, rpki_level, "
      "routes, incidents, events, generated_at, recorded_at, report_json) VALUES "
      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
      "prepare record"));
  sqlite3_stmt* s = st.get();
  sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(r.asn));
  sqlite3_bind_text(s, 2, r.window.month.data(), static_cast<int>(r.window.month.size()),
                    SQLITE_TRANSIENT);
  for (std::size_t i = 0; i < kActionCount; ++i) {
    const auto* a = find_action(r, static_cast<Action>(i));
    const int col = static_cast<int>(i);
    if (a != nullptr && a->percent) {
      sqlite3_bind_double(s, 3 + col, *a->percent);
    } else {
      sqlite3_bind_null(s, 3 + col);
    }
    const std::string_view level = readiness_id(a != nullptr ? a->level : Readiness::kNoData);
    sqlite3_bind_text(s, 8 + col, level.data(), static_cast<int>(level.size()), SQLITE_TRANSIENT);
  }
  const TableRow row = table_row(r);
  sqlite3_bind_int64(s, 13, row.routes);
  sqlite3_bind_int64(s, 14, row.incidents);
  sqlite3_bind_int64(s, 15, static_cast<sqlite3_int64>(r.events.size()));
  sqlite3_bind_int64(s, 16, r.generated_at);
  sqlite3_bind_int64(s, 17, static_cast<sqlite3_int64>(std::time(nullptr)));
  if (report_json.empty()) {
    sqlite3_bind_null(s, 18);
  } else {
    sqlite3_bind_text64(s, 18, report_json.data(), report_json.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
  }
  const int rc = sqlite3_step(s);
  if (rc != SQLITE_DONE) return impl_->error(rc, "record");
  return {};
}

Result<std::vector<HistoryPoint>> History::trend(net::Asn asn, const std::string& up_to_month,
                                                 unsigned months) {
  MANRS_TRY(const TimeWindow w, month_window(up_to_month));
  std::vector<HistoryPoint> out;
  if (months == 0) return out;
  const int year = std::stoi(w.month.substr(0, 4));
  const int month = std::stoi(w.month.substr(5, 2));
  const std::string first =
      shift_month(year, month, -static_cast<int>(std::min(months, 12000U)) + 1);
  Stmt st;
  MANRS_TRY_VOID(impl_->prepare(st,
                                "SELECT month, filtering, anti_spoofing, coordination, irr, rpki "
                                "FROM scores WHERE asn = ?1 AND month >= ?2 AND month <= ?3 "
                                "ORDER BY month",
                                "prepare trend"));
  sqlite3_bind_int64(st.get(), 1, static_cast<sqlite3_int64>(asn));
  sqlite3_bind_text(st.get(), 2, first.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.get(), 3, w.month.c_str(), -1, SQLITE_TRANSIENT);
  int rc = 0;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    HistoryPoint p;
    const auto* m = sqlite3_column_text(st.get(), 0);
    p.month = m != nullptr ? reinterpret_cast<const char*>(m) : "";
    for (std::size_t i = 0; i < kActionCount; ++i) {
      const int col = 1 + static_cast<int>(i);
      if (sqlite3_column_type(st.get(), col) != SQLITE_NULL) {
        p.percent[i] = sqlite3_column_double(st.get(), col);
      }
    }
    out.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return impl_->error(rc, "trend");
  return out;
}

Result<std::optional<std::string>> History::report_json(net::Asn asn, const std::string& month) {
  Stmt st;
  MANRS_TRY_VOID(impl_->prepare(st, "SELECT report_json FROM scores WHERE asn = ?1 AND month = ?2",
                                "prepare report_json"));
  sqlite3_bind_int64(st.get(), 1, static_cast<sqlite3_int64>(asn));
  sqlite3_bind_text(st.get(), 2, month.c_str(), -1, SQLITE_TRANSIENT);
  const int rc = sqlite3_step(st.get());
  if (rc == SQLITE_DONE) return std::optional<std::string>{};
  if (rc != SQLITE_ROW) return impl_->error(rc, "report_json");
  if (sqlite3_column_type(st.get(), 0) == SQLITE_NULL) return std::optional<std::string>{};
  const auto* text = static_cast<const char*>(sqlite3_column_blob(st.get(), 0));
  const int n = sqlite3_column_bytes(st.get(), 0);
  return std::optional<std::string>{std::string(text, static_cast<std::size_t>(n))};
}

}  // namespace manrs::check
