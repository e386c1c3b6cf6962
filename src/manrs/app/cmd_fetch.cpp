// `manrs fetch [SOURCE...] --data DIR`: downloads the public sources of `manrs check` (RIS and
// RouteViews MRT, VRP JSON, IRR dumps, PeeringDB, CAIDA as-rel, RIR/NRO delegated stats,
// Spoofer) into the data directory, resuming interrupted files and verifying published
// checksums (fetch/catalogue.h, fetch/download.h; docs/fetch.md).
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "manrs/app/commands.h"
#include "manrs/fetch/catalogue.h"
#include "manrs/fetch/download.h"

namespace manrs::app {
namespace {

struct FetchCli {
  std::vector<std::string> sources;
  std::string data;
  std::string month;
  std::string date;
  std::vector<std::string> collectors;
  std::string base_url;
  bool list = false;
  bool dry_run = false;
  fetch::FetchOptions opt;
};

std::string_view cadence_id(fetch::Cadence c) {
  switch (c) {
    case fetch::Cadence::kCurrent:
      return "current";
    case fetch::Cadence::kMonthly:
      return "monthly";
    case fetch::Cadence::kDaily:
      return "daily";
    case fetch::Cadence::kWindow:
      return "window";
    case fetch::Cadence::k5Min:
      return "5-minute";
    case fetch::Cadence::k15Min:
      return "15-minute";
  }
  return "?";
}

void print_list() {
  for (const auto& s : fetch::sources()) {
    fmt::print("{:<19} {:<9} {}{}\n", s.name, cadence_id(s.cadence), s.title,
               s.in_default_set ? " [default]" : "");
    if (!s.default_collector.empty()) {
      fmt::print("    collector {{C}}: default {}\n", s.default_collector);
    }
    for (const auto& f : s.files) {
      fmt::print("    {}\n      -> {}{}\n", f.url, f.path,
                 s.checksum == fetch::Checksum::kNone
                     ? ""
                     : fmt::format("  (+ .{})", fetch::checksum_id(s.checksum)));
    }
  }
}

ExitCode run_fetch(FetchCli& c) {
  if (c.list) {
    print_list();
    return ExitCode::kOk;
  }
  if (c.data.empty() && !c.dry_run) {
    std::fprintf(stderr, "manrs fetch: --data: want the data directory, have none\n");
    return ExitCode::kFailed;
  }
  auto when = fetch::parse_when(c.month, c.date, fetch::yesterday(std::time(nullptr)));
  if (!when) {
    std::fprintf(stderr, "manrs fetch: %s\n", when.error().to_string().c_str());
    return ExitCode::kFailed;
  }
  if (!c.base_url.empty() && c.base_url.rfind("http://", 0) != 0 &&
      c.base_url.rfind("https://", 0) != 0) {
    std::fprintf(stderr, "manrs fetch: --base-url: want http:// or https://, have '%s'\n",
                 c.base_url.c_str());
    return ExitCode::kFailed;
  }
  if (c.sources.empty()) {
    for (const auto& s : fetch::sources()) {
      if (s.in_default_set) c.sources.emplace_back(s.name);
    }
  }
  fetch::Params params;
  params.when = *when;
  params.collectors = c.collectors;
  params.base_url = c.base_url;
  std::vector<fetch::Item> items;
  for (const auto& name : c.sources) {
    auto more = fetch::expand(name, params);
    if (!more) {
      std::fprintf(stderr, "manrs fetch: %s\n", more.error().to_string().c_str());
      return ExitCode::kFailed;
    }
    items.insert(items.end(), more->begin(), more->end());
  }
  if (c.dry_run) {
    for (const auto& i : items) {
      fmt::print("{}  {}{}\n", i.url, c.data.empty() ? i.path : c.data + "/" + i.path,
                 i.checksum_url.empty() ? "" : "  checksum " + i.checksum_url);
    }
    return ExitCode::kOk;
  }
  c.opt.progress = ::isatty(STDERR_FILENO) == 1;
  fetch::Fetcher fetcher;
  unsigned ok = 0, present = 0, failed = 0;
  std::uint64_t bytes = 0;
  for (const auto& i : items) {
    auto r = fetcher.fetch(i, c.data, c.opt);
    if (!r) {
      ++failed;
      std::fprintf(stderr, "manrs fetch: %s: %s\n", i.path.c_str(), r.error().to_string().c_str());
      fmt::print("failed  {}\n", i.path);
      continue;
    }
    if (r->present) {
      ++present;
      fmt::print("present {}  {} bytes  (use --force to download again)\n", r->path, r->bytes);
      continue;
    }
    ++ok;
    bytes += r->downloaded;
    std::string how = "new";
    if (r->resumed) how = fmt::format("resumed at {}", r->resumed_from);
    if (r->restarted) how += r->resumed ? ", restarted once" : " (server ignored Range: restarted)";
    fmt::print("ok      {}  {} bytes  {:.2f} s  {}  {} attempt{}  checksum {}\n", r->path, r->bytes,
               r->seconds, how, r->attempts, r->attempts == 1 ? "" : "s", r->checksum);
  }
  fmt::print("{} fetched ({} bytes downloaded), {} already present, {} failed\n", ok, bytes,
             present, failed);
  std::fflush(stdout);
  if (failed == 0) return ExitCode::kOk;
  return ok + present > 0 ? ExitCode::kDataSkipped : ExitCode::kFailed;
}

}  // namespace

void register_fetch(CLI::App& app, ExitCode& rc) {
  auto c = std::make_shared<FetchCli>();
  auto* f = app.add_subcommand(
      "fetch",
      "download the public sources (RIS/RouteViews MRT, VRPs, IRR dumps, PeeringDB, CAIDA as-rel, "
      "delegated stats, Spoofer) into the data directory, resumable and checksum-verified");
  f->add_option("source", c->sources,
                "sources to fetch (see --list; default: those marked [default])");
  f->add_option("--data", c->data, "the data directory (files go to mrt/, vrp/, rpsl/, ...)");
  f->add_option("--month", c->month, "YYYY-MM: the month's files (default: yesterday's, UTC)");
  f->add_option("--date", c->date, "YYYY-MM-DD: the day's files");
  f->add_option("--collector", c->collectors,
                "RIS (rrc00, ...) and/or RouteViews (route-views2, route-views.linx, ...) "
                "collectors; repeatable")
      ->allow_extra_args(false);
  f->add_option("--base-url", c->base_url,
                "replace the host of every URL by this (a mirror, or a test server)");
  f->add_flag("--list", c->list, "list the sources with their URL templates and local paths");
  f->add_flag("--dry-run", c->dry_run, "print each URL and where it would go; download nothing");
  f->add_option("--retries", c->opt.retries, "further attempts after a transient failure")
      ->capture_default_str();
  f->add_option("--timeout", c->opt.timeout_seconds,
                "seconds to connect, and seconds without a byte before an attempt fails")
      ->capture_default_str();
  f->add_option("--retry-delay", c->opt.retry_delay_seconds,
                "seconds before retry n is n times this (at most 30)")
      ->capture_default_str();
  f->add_option("--max-bytes", c->opt.max_bytes, "largest file accepted")->capture_default_str();
  f->add_flag("--force", c->opt.force, "download files that are already present again");
  f->callback([c, &rc] { rc = run_fetch(*c); });
}

}  // namespace manrs::app
