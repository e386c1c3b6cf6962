// The score history: record, trend, replace, reopen, damaged and foreign files, the state
// directory apart from a read-only data directory.
#include "manrs/check/history.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "manrs/core/testing/temp_dir.h"

namespace manrs::check {
namespace {

namespace fs = std::filesystem;

AsReport report(net::Asn asn, const std::string& month, std::optional<double> filtering,
                std::optional<double> rpki) {
  AsReport r;
  r.asn = asn;
  r.window.month = month;
  r.generated_at = 1446336000;
  for (std::size_t i = 0; i < kActionCount; ++i) {
    ActionScore a;
    a.action = static_cast<Action>(i);
    r.actions.push_back(a);
  }
  r.actions[0].percent = filtering;
  r.actions[0].level = filtering ? Readiness::kAspiring : Readiness::kNoData;
  r.actions[4].percent = rpki;
  r.actions[2].percent = 100.0;  // coordination
  return r;
}

void sql(const fs::path& db, const char* text) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(h, text, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  sqlite3_close(h);
}

TEST(History, RecordThreeMonthsAndReadTheTrend) {
  testing::TempDir dir;
  auto h = History::open((dir.path() / "state").string());
  ASSERT_TRUE(h) << h.error().to_string();
  EXPECT_EQ(h->path(), (dir.path() / "state" / "manrs.sqlite").string());
  ASSERT_TRUE(h->record(report(64500, "2015-09", 40.0, std::nullopt)));
  ASSERT_TRUE(h->record(report(64500, "2015-11", 60.5, 12.25)));
  ASSERT_TRUE(h->record(report(64500, "2015-10", 48.6, 0.0)));
  ASSERT_TRUE(h->record(report(64501, "2015-10", 99.0, 99.0)));  // another AS

  auto t = h->trend(64500, "2015-11");
  ASSERT_TRUE(t) << t.error().to_string();
  ASSERT_EQ(t->size(), 3U);
  EXPECT_EQ((*t)[0].month, "2015-09");  // oldest first, whatever the recording order
  EXPECT_EQ((*t)[1].month, "2015-10");
  EXPECT_EQ((*t)[2].month, "2015-11");
  EXPECT_EQ((*t)[0].percent[0], 40.0);
  EXPECT_FALSE((*t)[0].percent[4].has_value());  // no data stays no data
  EXPECT_FALSE((*t)[0].percent[1].has_value());
  EXPECT_EQ((*t)[2].percent[4], 12.25);
  EXPECT_EQ((*t)[1].percent[4], 0.0);
  EXPECT_EQ((*t)[2].percent[2], 100.0);

  auto two = h->trend(64500, "2015-11", 2);  // 2015-10 and 2015-11
  ASSERT_TRUE(two);
  ASSERT_EQ(two->size(), 2U);
  EXPECT_EQ(two->front().month, "2015-10");
  auto upto = h->trend(64500, "2015-10");
  ASSERT_TRUE(upto);
  ASSERT_EQ(upto->size(), 2U);
  EXPECT_EQ(upto->back().month, "2015-10");
  auto none = h->trend(64502, "2015-11");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto zero = h->trend(64500, "2015-11", 0);
  ASSERT_TRUE(zero);
  EXPECT_TRUE(zero->empty());
  auto bad = h->trend(64500, "2015-13");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kMalformed);
}

TEST(History, TrendCrossesTheYear) {
  testing::TempDir dir;
  auto h = History::open(dir.path().string());
  ASSERT_TRUE(h);
  for (const char* m : {"2015-10", "2015-11", "2015-12", "2016-01", "2016-02"}) {
    ASSERT_TRUE(h->record(report(64500, m, 50.0, 50.0)));
  }
  auto t = h->trend(64500, "2016-01", 3);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 3U);
  EXPECT_EQ((*t)[0].month, "2015-11");
  EXPECT_EQ((*t)[2].month, "2016-01");
}

TEST(History, ReplaceAMonthAndReopen) {
  testing::TempDir dir;
  const std::string state = (dir.path() / "s").string();
  {
    auto h = History::open(state);
    ASSERT_TRUE(h);
    ASSERT_TRUE(h->record(report(64500, "2015-10", 10.0, 20.0), R"({"asn":64500,"v":1})"));
    ASSERT_TRUE(h->record(report(64500, "2015-11", 30.0, 40.0)));
    // The same AS and month again: replaced, not added.
    auto again = report(64500, "2015-10", 90.0, std::nullopt);
    ASSERT_TRUE(h->record(again, R"({"asn":64500,"v":2})"));
  }
  auto h = History::open(state);  // reopened: the rows persisted
  ASSERT_TRUE(h);
  auto t = h->trend(64500, "2015-11");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 2U);
  EXPECT_EQ((*t)[0].percent[0], 90.0);
  EXPECT_FALSE((*t)[0].percent[4].has_value());
  EXPECT_EQ((*t)[1].percent[0], 30.0);
  auto json = h->report_json(64500, "2015-10");
  ASSERT_TRUE(json);
  ASSERT_TRUE(json->has_value());
  EXPECT_EQ(**json, R"({"asn":64500,"v":2})");
  auto no_json = h->report_json(64500, "2015-11");
  ASSERT_TRUE(no_json);
  EXPECT_FALSE(no_json->has_value());
  auto no_row = h->report_json(64500, "2015-12");
  ASSERT_TRUE(no_row);
  EXPECT_FALSE(no_row->has_value());
  // What was stored, column by column (the readiness text and the counts).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() / "s" / "manrs.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT count(*), max(filtering_level), min(rpki_level), "
                               "sum(routes), max(generated_at) FROM scores",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 2);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), "aspiring");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)), "no-data");
  EXPECT_EQ(sqlite3_column_int(st, 3), 0);
  EXPECT_EQ(sqlite3_column_int64(st, 4), 1446336000);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(History, CountsComeFromTheReport) {
  testing::TempDir dir;
  auto h = History::open(dir.path().string());
  ASSERT_TRUE(h);
  auto r = report(64500, "2015-11", 50.0, 50.0);
  r.routing.routes.resize(7);
  r.events.resize(5);
  MetricResult m3;
  m3.metric = Metric::kM3;
  m3.scored = true;
  m3.incidents.resize(2);
  MetricResult m1;  // informational: not counted
  m1.metric = Metric::kM1;
  m1.incidents.resize(4);
  r.metrics = {m1, m3};
  ASSERT_TRUE(h->record(r));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(h->path().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "SELECT routes, incidents, events FROM scores", -1, &st, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 7);
  EXPECT_EQ(sqlite3_column_int(st, 1), 2);
  EXPECT_EQ(sqlite3_column_int(st, 2), 5);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(History, NotADatabaseIsAnErrorNamingTheFile) {
  testing::TempDir dir;
  const auto file = dir.path() / "manrs.sqlite";
  {
    std::ofstream f(file, std::ios::binary);
    for (int i = 0; i < 200; ++i) f << "this is not an SQLite database\n";
  }
  auto h = History::open(dir.path().string());
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(h.error().source, file.string());
  EXPECT_NE(h.error().message.find("file is not a database"), std::string::npos)
      << h.error().message;
  EXPECT_EQ(fs::file_size(file), 200U * 31U);  // left as it was
}

TEST(History, DamagedPagesAreAnErrorNamingTheFile) {
  testing::TempDir dir;
  const auto file = dir.path() / "manrs.sqlite";
  {
    auto h = History::open(dir.path().string());
    ASSERT_TRUE(h);
    const std::string json(3000, 'x');
    for (int m = 1; m <= 12; ++m) {
      ASSERT_TRUE(h->record(report(64500, fmt::format("2015-{:02}", m), 1.0, 1.0), json));
    }
  }
  const auto size = fs::file_size(file);
  ASSERT_GT(size, 4U * 4096U);
  {
    // Every page after the first (the schema) overwritten.
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    const std::string junk(size - 4096, '\xff');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto h = History::open(dir.path().string());
  Error e;
  if (!h) {
    e = h.error();
  } else {
    auto t = h->trend(64500, "2015-12");
    ASSERT_FALSE(t);
    e = t.error();
  }
  EXPECT_EQ(e.source, file.string());
  EXPECT_EQ(e.code, ErrorCode::kMalformed) << e.to_string();
}

TEST(History, ForeignDatabaseAndNewerSchemaAreRefused) {
  testing::TempDir dir;
  sql(dir.path() / "manrs.sqlite", "CREATE TABLE other (x INTEGER)");
  auto h = History::open(dir.path().string());
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(h.error().message, "tables: want schema_version and scores, have other");

  testing::TempDir dir2;
  ASSERT_TRUE(History::open(dir2.path().string()));
  sql(dir2.path() / "manrs.sqlite", "UPDATE schema_version SET version = 2");
  auto newer = History::open(dir2.path().string());
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(newer.error().message.find("schema version: want <= 1, have 2"), std::string::npos);
}

std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> snapshot(const fs::path& d) {
  std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> m;
  for (const auto& e : fs::recursive_directory_iterator(d)) {
    m[e.path().string()] = {e.is_regular_file() ? e.file_size() : 0, e.last_write_time()};
  }
  return m;
}

TEST(History, ReadOnlyDataDirectoryIsNeverWritten) {
  testing::TempDir dir;
  const auto data = dir.path() / "data";
  fs::create_directories(data / "mrt");
  std::ofstream(data / "mrt" / "rib.txt") << "a RIB";
  fs::permissions(data / "mrt", fs::perms::owner_read | fs::perms::owner_exec);
  fs::permissions(data, fs::perms::owner_read | fs::perms::owner_exec);
  const auto before = snapshot(data);
  const auto data_mtime = fs::last_write_time(data);
  {
    auto h = History::open((dir.path() / "state").string());
    ASSERT_TRUE(h);
    ASSERT_TRUE(h->record(report(64500, "2015-11", 1.0, 2.0), "{}"));
    ASSERT_TRUE(h->trend(64500, "2015-11"));
  }
  EXPECT_EQ(snapshot(data), before);
  EXPECT_EQ(fs::last_write_time(data), data_mtime);
  EXPECT_TRUE(fs::exists(dir.path() / "state" / "manrs.sqlite"));
  if (::geteuid() != 0) {
    // A state directory inside the read-only tree cannot be made: an error naming it.
    auto h = History::open((data / "state").string());
    ASSERT_FALSE(h);
    EXPECT_EQ(h.error().code, ErrorCode::kIo);
    EXPECT_EQ(h.error().source, (data / "state").string());
    EXPECT_EQ(snapshot(data), before);
  }  // as root permissions do not apply; the part above still holds
  fs::permissions(data, fs::perms::owner_all);
  fs::permissions(data / "mrt", fs::perms::owner_all);
}

TEST(History, DefaultStateDir) {
  const char* old_xdg = std::getenv("XDG_STATE_HOME");
  const char* old_home = std::getenv("HOME");
  const std::string xdg = old_xdg != nullptr ? old_xdg : "";
  const std::string home = old_home != nullptr ? old_home : "";
  ::setenv("XDG_STATE_HOME", "/var/lib/x", 1);
  ::setenv("HOME", "/home/op", 1);
  EXPECT_EQ(default_state_dir(), "/var/lib/x/manrs");
  ::setenv("XDG_STATE_HOME", "relative/ignored", 1);  // the XDG spec: relative paths are invalid
  EXPECT_EQ(default_state_dir(), "/home/op/.local/state/manrs");
  ::unsetenv("XDG_STATE_HOME");
  EXPECT_EQ(default_state_dir(), "/home/op/.local/state/manrs");
  ::unsetenv("HOME");
  EXPECT_EQ(default_state_dir(), "./manrs-state");
  if (old_xdg != nullptr) ::setenv("XDG_STATE_HOME", xdg.c_str(), 1);
  if (old_home != nullptr) ::setenv("HOME", home.c_str(), 1);
}

TEST(History, ABadMonthIsNotRecorded) {
  testing::TempDir dir;
  auto h = History::open(dir.path().string());
  ASSERT_TRUE(h);
  auto r = report(64500, "November", 1.0, 1.0);
  auto s = h->record(r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "report month: want YYYY-MM, have 'November'");
}

}  // namespace
}  // namespace manrs::check
