// ParallelReader must deliver exactly what Reader delivers, in order, errors included, for any
// number of workers: checked on every real MRT file in ../shared/data/mrt.
#include "manrs/mrt/parallel_reader.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/reader.h"
#include "manrs/mrt/stats.h"

namespace manrs::mrt {
namespace {

namespace fs = std::filesystem;

// Formatted records and error messages, in order, folded into a hash (FNV-1a) so that large
// files need no large strings.
struct Trace {
  std::uint64_t hash = 1469598103934665603ULL;
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  std::string buf;
  void fold() {
    for (char c : buf) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    buf.clear();
  }
};

Trace serial(const std::string& path) {
  Trace t;
  auto src = core::open_input(path);
  EXPECT_TRUE(src.has_value());
  if (!src) return t;
  Reader r(std::move(*src));
  Record rec;
  for (;;) {
    auto more = r.next(rec);
    if (!more) {
      ++t.errors;
      t.buf += "ERROR " + more.error().to_string() + "\n";
      if (r.failed()) break;
      continue;
    }
    if (!*more) break;
    ++t.records;
    format_bgpdump(rec, t.buf);
    if (t.buf.size() > 65536) t.fold();
  }
  t.fold();
  return t;
}

Trace parallel(const std::string& path, unsigned workers) {
  Trace t;
  auto src = core::open_input(path);
  EXPECT_TRUE(src.has_value());
  if (!src) return t;
  ParallelReader r(std::move(*src), workers);
  const Record* rec = nullptr;
  for (;;) {
    auto more = r.next(rec);
    if (!more) {
      ++t.errors;
      t.buf += "ERROR " + more.error().to_string() + "\n";
      continue;
    }
    if (!*more) break;
    ++t.records;
    format_bgpdump(*rec, t.buf);
    if (t.buf.size() > 65536) t.fold();
  }
  t.fold();
  return t;
}

std::vector<std::string> shared_mrt_files() {
  std::vector<std::string> out;
  fs::path dir = fs::path(MANRS_SHARED_DIR) / "data" / "mrt";
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    if (e.path().parent_path().filename() == "expected") continue;
    out.push_back(e.path().string());
  }
  return out;
}

TEST(ParallelReaderTest, SameRecordsAndErrorsAsReaderOnEveryRealFile) {
  auto files = shared_mrt_files();
  if (files.empty()) GTEST_SKIP() << MANRS_SHARED_DIR << "/data/mrt is absent";
  std::uint64_t total = 0;
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    Trace s = serial(f);
    // Every file with 2 workers; the small ones also with 1 and 3.
    std::vector<unsigned> workers{2};
    if (fs::file_size(f) < 200000) workers = {1, 2, 3};
    for (unsigned w : workers) {
      SCOPED_TRACE(w);
      Trace p = parallel(f, w);
      EXPECT_EQ(p.records, s.records);
      EXPECT_EQ(p.errors, s.errors);
      EXPECT_EQ(p.hash, s.hash) << "output differs";
    }
    total += s.records;
  }
  EXPECT_GT(total, 400000U);  // the shared set holds ~460k records
}

std::string stats_text(const std::string& path, bool summary) {
  auto src = core::open_input(path);
  EXPECT_TRUE(src.has_value());
  if (!src) return {};
  DecodeOptions opt;
  opt.summary = summary;
  Reader r(std::move(*src), opt);
  Record rec;
  MrtStats st;
  for (;;) {
    auto more = r.next(rec);
    if (!more) continue;
    if (!*more) break;
    st.add(rec);
  }
  st.add_reader(r.stats());
  return st.to_text();
}

// `manrs mrt stats` decodes RIB attributes in summary mode; the figures must not change.
TEST(ParallelReaderTest, SummaryDecodeGivesTheSameStatistics) {
  auto files = shared_mrt_files();
  if (files.empty()) GTEST_SKIP() << MANRS_SHARED_DIR << "/data/mrt is absent";
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    EXPECT_EQ(stats_text(f, true), stats_text(f, false));
  }
}

TEST(ParallelReaderTest, StopsEarlyWithoutHanging) {
  auto files = shared_mrt_files();
  if (files.empty()) GTEST_SKIP() << MANRS_SHARED_DIR << "/data/mrt is absent";
  // Destroying the reader while batches are in flight must join every thread.
  for (const auto& f : files) {
    auto src = core::open_input(f);
    ASSERT_TRUE(src.has_value());
    ParallelReader r(std::move(*src), 2);
    const Record* rec = nullptr;
    auto more = r.next(rec);
    (void)more;
  }
}

}  // namespace
}  // namespace manrs::mrt
