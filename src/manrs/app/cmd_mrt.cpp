// `manrs mrt dump` and `manrs mrt stats`: read MRT files (RFC 6396) from RIS/RouteViews.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "manrs/app/commands.h"
#include "manrs/core/input.h"
#include "manrs/core/progress.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/jsonl_format.h"
#include "manrs/mrt/parallel_reader.h"
#include "manrs/mrt/reader.h"
#include "manrs/mrt/stats.h"

namespace manrs::app {

namespace {

struct MrtOptions {
  std::vector<std::string> files;
  std::string format = "bgpdump";
  bool json = false;
  bool quiet = false;
  unsigned threads = 0;
  unsigned jobs = 1;
  bool summary = false;           // stats: decode only what statistics need
  std::size_t max_messages = 20;  // per file, per kind, printed on stderr
};

// Reports per-file problems on stderr: every record error up to a cap, then a summary.
class Diagnostics {
 public:
  explicit Diagnostics(const MrtOptions& o) : opt_(o) {}
  void record_error(const Error& e) {
    ++errors_;
    if (!opt_.quiet && errors_ <= opt_.max_messages) {
      std::fprintf(stderr, "manrs: %s\n", e.to_string().c_str());
    }
  }
  void problems(const bgp::PathAttributes& a, const mrt::Record& rec) {
    if (a.problems.empty()) return;
    ++warnings_;
    if (opt_.quiet || warnings_ > opt_.max_messages) return;
    for (const auto& p : a.problems) {
      std::fprintf(stderr, "manrs: warning: %s@%llu: %s (%s)\n", std::string(current_).c_str(),
                   static_cast<unsigned long long>(rec.header.offset), p.message.c_str(),
                   std::string(bgp::to_string(p.action)).c_str());
    }
  }
  void start(std::string_view file) {
    current_ = file;
    errors_ = 0;
    warnings_ = 0;
  }
  void finish() {
    if (opt_.quiet) return;
    if (errors_ > opt_.max_messages) {
      std::fprintf(stderr, "manrs: %s: %llu more decoding errors not shown\n",
                   std::string(current_).c_str(),
                   static_cast<unsigned long long>(errors_ - opt_.max_messages));
    }
    if (warnings_ > opt_.max_messages) {
      std::fprintf(stderr, "manrs: %s: %llu more RFC 7606 warnings not shown\n",
                   std::string(current_).c_str(),
                   static_cast<unsigned long long>(warnings_ - opt_.max_messages));
    }
  }
  [[nodiscard]] std::uint64_t errors() const { return errors_; }

 private:
  const MrtOptions& opt_;
  std::string_view current_;
  std::uint64_t errors_ = 0;
  std::uint64_t warnings_ = 0;
};

void warn_problems(Diagnostics& d, const mrt::Record& rec) {
  switch (rec.kind) {
    case mrt::RecordKind::kRib:
      for (std::size_t i = 0; i < rec.rib.count; ++i) d.problems(rec.rib.entries[i].attrs, rec);
      break;
    case mrt::RecordKind::kTableDump:
      for (std::size_t i = 0; i < rec.table_dump.count; ++i) {
        d.problems(rec.table_dump.entries[i].attrs, rec);
      }
      break;
    case mrt::RecordKind::kBgp4mpMessage:
      d.problems(rec.bgp4mp.update.attrs, rec);
      break;
    default:
      break;
  }
}

// One file's records, decoded on this thread (jobs == 1) or by mrt::ParallelReader.
class FileReader {
 public:
  FileReader(std::unique_ptr<core::ByteSource> src, const MrtOptions& opt) {
    mrt::DecodeOptions dopt;
    dopt.summary = opt.summary;
    if (opt.jobs == 1) {
      seq_ = std::make_unique<mrt::Reader>(std::move(src), dopt);
    } else {
      par_ = std::make_unique<mrt::ParallelReader>(std::move(src), opt.jobs, dopt);
    }
  }
  Result<bool> next(const mrt::Record*& rec) {
    if (par_) return par_->next(rec);
    auto more = seq_->next(rec_);
    if (more && *more) rec = &rec_;
    return more;
  }
  // Valid once next() returned false.
  [[nodiscard]] bool failed() const { return par_ ? par_->failed() : seq_->failed(); }
  [[nodiscard]] const mrt::ReaderStats& stats() const {
    return par_ ? par_->stats() : seq_->stats();
  }
  [[nodiscard]] std::uint64_t offset() const { return par_ ? par_->offset() : seq_->offset(); }
  [[nodiscard]] std::uint64_t consumed() const {
    return par_ ? par_->consumed() : seq_->source().consumed();
  }

 private:
  std::unique_ptr<mrt::Reader> seq_;
  std::unique_ptr<mrt::ParallelReader> par_;
  mrt::Record rec_;
};

// Runs `visit(record)` over every record of every file; returns the exit code.
template <typename Visit, typename AfterFile>
ExitCode for_each_record(const MrtOptions& opt, Visit&& visit, AfterFile&& after_file) {
  ExitCode rc = ExitCode::kOk;
  Diagnostics diag(opt);
  const mrt::Record* rec = nullptr;
  core::InputOptions io;
  io.threads = opt.threads;
  for (const auto& file : opt.files) {
    auto src = core::open_input(file, io);
    if (!src) {
      std::fprintf(stderr, "manrs: %s\n", src.error().to_string().c_str());
      rc = ExitCode::kFailed;
      continue;
    }
    core::Progress progress(file, (*src)->size());
    FileReader reader(std::move(*src), opt);
    diag.start(file);
    std::uint64_t n = 0;
    for (;;) {
      auto more = reader.next(rec);
      if (!more) {
        diag.record_error(more.error());
        continue;  // after a fatal error the reader returns false
      }
      if (!*more) break;
      ++n;
      warn_problems(diag, *rec);
      visit(*rec);
      progress.update(reader.consumed(), n);
    }
    progress.finish();
    diag.finish();
    after_file(reader);
    if (diag.errors() != 0 && rc == ExitCode::kOk) rc = ExitCode::kDataSkipped;
  }
  return rc;
}

class Output {
 public:
  void flush_if_big() {
    if (buf_.size() >= (1U << 20)) flush();
  }
  void flush() {
    if (!buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), stdout);
    buf_.clear();
  }
  std::string& buf() { return buf_; }

 private:
  std::string buf_;
};

ExitCode run_dump(const MrtOptions& opt) {
  Output out;
  out.buf().reserve(2U << 20);
  const bool jsonl = opt.format == "jsonl";
  auto rc = for_each_record(
      opt,
      [&](const mrt::Record& rec) {
        if (jsonl) {
          mrt::format_jsonl(rec, out.buf());
        } else {
          mrt::format_bgpdump(rec, out.buf());
        }
        out.flush_if_big();
      },
      [&](const FileReader&) { out.flush(); });
  out.flush();
  std::fflush(stdout);
  return rc;
}

ExitCode run_stats(const MrtOptions& opt) {
  mrt::MrtStats stats;
  auto rc = for_each_record(
      opt, [&](const mrt::Record& rec) { stats.add(rec); },
      [&](const FileReader& r) {
        ++stats.files;
        stats.bytes += r.offset();
        stats.add_reader(r.stats());
        if (r.failed()) ++stats.input_errors;
      });
  std::string text = opt.json ? stats.to_json() : stats.to_text();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return rc;
}

void add_common(CLI::App* cmd, MrtOptions& opt) {
  cmd->add_option("files", opt.files,
                  "MRT files (raw, .gz, .bz2, .xz, .zst — detected by content; - = stdin)")
      ->required();
  cmd->add_flag("-q,--quiet", opt.quiet, "do not print decoding errors and warnings on stderr");
  cmd->add_option("--threads", opt.threads, "decompression threads for bzip2 (0 = all cores)");
  cmd->add_option("-j,--jobs", opt.jobs,
                  "record decoding threads: 1 decodes on the reading thread, 0 = one per core");
}

}  // namespace

void register_mrt(CLI::App& app, ExitCode& rc) {
  auto* mrt = app.add_subcommand("mrt", "read MRT routing archives (RFC 6396, RFC 8050)");
  mrt->require_subcommand(1);
  auto opt = std::make_shared<MrtOptions>();

  auto* dump = mrt->add_subcommand("dump", "print routes and updates, one per line");
  add_common(dump, *opt);
  dump->add_option("-f,--format", opt->format,
                   "bgpdump: the `bgpdump -m` line format; jsonl: one JSON object per route or "
                   "message with every attribute")
      ->check(CLI::IsMember({"bgpdump", "jsonl"}));
  dump->callback([opt, &rc] { rc = run_dump(*opt); });

  auto* stats = mrt->add_subcommand("stats", "count records, routes, peers, prefixes, errors");
  add_common(stats, *opt);
  stats->add_flag("--json", opt->json, "print JSON instead of text");
  stats->callback([opt, &rc] {
    opt->summary = true;
    rc = run_stats(*opt);
  });
}

}  // namespace manrs::app
