// `manrs check AS...|--all`: the MANRS compliance report (manrs-spec §3, §5.1) — per AS and
// calendar month, an Observatory-style score per action with every incident's evidence and the
// fix, as text, JSON or a self-contained HTML page; `--all` scores every visible AS as a table.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "manrs/app/commands.h"
#include "manrs/app/irr_db.h"
#include "manrs/app/rpki_inputs.h"
#include "manrs/check/assemble.h"
#include "manrs/check/datadir.h"
#include "manrs/check/history.h"
#include "manrs/check/model.h"
#include "manrs/check/routing.h"
#include "manrs/filter/bogons.h"
#include "manrs/irr/database.h"
#include "manrs/net/asn.h"
#include "manrs/registry/asnames.h"
#include "manrs/registry/asrel.h"
#include "manrs/registry/delegated.h"
#include "manrs/registry/peeringdb.h"
#include "manrs/registry/spoofer.h"
#include "manrs/report/html.h"
#include "manrs/report/json.h"
#include "manrs/report/text.h"
#include "manrs/rpki/aspa.h"
#include "manrs/rpki/rov.h"
#include "manrs/rpki/vrp.h"

namespace manrs::app {

namespace {

struct CheckCli {
  std::set<std::string> discovered;  // files found under --data (a broken one is skipped)
  std::vector<std::string> targets;
  bool all = false;
  std::vector<std::string> data;
  std::vector<std::string> mrt, vrps, slurm, rpsl, sources, peeringdb, delegated, unallocated,
      spoofer, as_names;
  std::string as_rel;
  std::string month;
  std::string format = "text";
  std::string output;
  std::string html;
  std::string json;
  std::string state;
  bool no_history = false;
  unsigned threads = 0;
  std::string color = "auto";
  bool verbose = false;
  bool quiet = false;
  // Config
  check::Config config;
  std::string penalty = "linear";
  double snapshot_hours = 8;
};

// Everything loaded, owned here; check::Sources points into it.
struct Loaded {
  std::optional<irr::Database> irr;
  std::unique_ptr<rpki::VrpSet> vrps;
  std::unique_ptr<rpki::RovTable> rov;
  std::unique_ptr<rpki::AspaTable> aspa;
  std::unique_ptr<registry::AsRelations> relations;
  std::unique_ptr<registry::PeeringDb> peeringdb;
  std::unique_ptr<registry::DelegatedStats> delegated;
  std::unique_ptr<registry::AsNames> names;
  std::unique_ptr<registry::SpooferResults> spoofer;
  filter::Unallocated unallocated;
  std::vector<check::Input> inputs;
  std::vector<std::string> warnings;
};

void note(const CheckCli& c, const std::string& line) {
  if (!c.quiet) fmt::print(stderr, "{}\n", line);
}

void add_input(Loaded& l, std::string_view kind, const std::string& path, std::string summary) {
  l.inputs.push_back(check::Input{std::string(kind), path, std::move(summary)});
}

// --data DIR: every file by content, added to the explicit lists.
Status discover(CheckCli& c) {
  for (const std::string& dir : c.data) {
    auto files = check::scan_data_dir(dir);
    if (!files) return files.error();
    std::map<std::string, std::size_t> counts;
    for (const check::DataFile& f : *files) {
      ++counts[std::string(check::data_kind_id(f.kind))];
      c.discovered.insert(f.path);
      switch (f.kind) {
        case check::DataKind::kMrtRib:
        case check::DataKind::kMrtUpdates:
          c.mrt.push_back(f.path);
          break;
        case check::DataKind::kVrps:
          c.vrps.push_back(f.path);
          break;
        case check::DataKind::kSlurm:
          c.slurm.push_back(f.path);
          break;
        case check::DataKind::kRpsl:
          c.rpsl.push_back(f.path);
          break;
        case check::DataKind::kPeeringDb:
          c.peeringdb.push_back(f.path);
          break;
        case check::DataKind::kAsRel:
          if (c.as_rel.empty()) c.as_rel = f.path;
          break;
        case check::DataKind::kDelegated:
          c.delegated.push_back(f.path);
          c.unallocated.push_back(f.path);
          break;
        case check::DataKind::kFullbogons:
          c.unallocated.push_back(f.path);
          break;
        case check::DataKind::kAsNames:
          c.as_names.push_back(f.path);
          break;
        case check::DataKind::kSpoofer:
          c.spoofer.push_back(f.path);
          break;
        case check::DataKind::kIanaRegistry:
        case check::DataKind::kUnknown:
          break;
      }
    }
    std::string line = fmt::format("data {}: {} files:", dir, files->size());
    for (const auto& [k, n] : counts) line += fmt::format(" {} {}", n, k);
    note(c, line);
  }
  return {};
}

// A file found under --data that does not load is skipped with a warning (the directory may
// hold anything); a file named on the command line must load.
bool skip_broken(const CheckCli& c, Loaded& l, const std::string& path, const Error& e) {
  if (c.discovered.count(path) == 0) return false;
  l.warnings.push_back(fmt::format("skipped {}: {}", path, e.to_string()));
  note(c, "warning: " + l.warnings.back());
  return true;
}

// The files of `files` that load on their own (each tried with `try_one`); broken discovered
// ones are dropped with a warning, a broken explicit one is the error.
template <typename F>
Result<std::vector<std::string>> loadable(const CheckCli& c, Loaded& l,
                                          const std::vector<std::string>& files, F try_one) {
  std::vector<std::string> ok;
  for (const std::string& f : files) {
    if (c.discovered.count(f) == 0) {
      ok.push_back(f);
      continue;
    }
    Status st = try_one(f);
    if (!st) {
      skip_broken(c, l, f, st.error());
      continue;
    }
    ok.push_back(f);
  }
  return ok;
}

Result<Loaded> load(const CheckCli& c) {
  Loaded l;
  if (!c.rpsl.empty()) {
    IrrDbOptions o;
    o.rpsl = c.rpsl;
    o.sources = c.sources;
    o.quiet = true;
    auto db = load_irr_database(o);
    if (!db) return db.error();
    l.irr.emplace(std::move(*db));
    for (const std::string& f : c.rpsl) add_input(l, "rpsl", f, "");
    note(c, fmt::format("irr: {} objects, {} route objects from {} files", l.irr->object_count(),
                        l.irr->route_count(), c.rpsl.size()));
  }
  if (!c.vrps.empty()) {
    VrpLoadOptions o;
    o.files = c.vrps;
    o.slurm = c.slurm;
    o.quiet = true;
    std::size_t rejected = 0;
    auto set = load_vrp_set(o, &rejected);
    if (!set && !c.discovered.empty()) {
      // Only when the whole set does not load: find the broken files found under --data, one
      // by one, and load the rest (each file is otherwise read once).
      auto try_one = [](VrpLoadOptions one) -> Status {
        one.quiet = true;
        auto s = load_vrp_set(one);
        if (!s) return s.error();
        return {};
      };
      auto vrp_files = loadable(c, l, c.vrps, [&](const std::string& f) {
        VrpLoadOptions one;
        one.files = {f};
        return try_one(one);
      });
      auto slurm_files = loadable(c, l, c.slurm, [&](const std::string& f) {
        VrpLoadOptions one;
        one.slurm = {f};
        return try_one(one);
      });
      o.files = *vrp_files;
      o.slurm = *slurm_files;
      rejected = 0;
      set = load_vrp_set(o, &rejected);
    }
    if (!set) return set.error();
    l.vrps = std::make_unique<rpki::VrpSet>(std::move(*set));
    l.rov = std::make_unique<rpki::RovTable>(l.vrps->vrps);
    if (!l.vrps->aspas.empty()) l.aspa = std::make_unique<rpki::AspaTable>(l.vrps->aspas);
    for (const std::string& f : o.files) add_input(l, "vrps", f, "");
    for (const std::string& f : o.slurm) add_input(l, "slurm", f, "");
    note(c, fmt::format("rpki: {} VRPs, {} ASPA records from {} files{}", l.vrps->vrps.size(),
                        l.vrps->aspas.size(), o.files.size(),
                        rejected > 0 ? fmt::format(" ({} entries rejected)", rejected) : ""));
  }
  if (!c.as_rel.empty()) {
    auto rel = registry::AsRelations::load_file(c.as_rel);
    if (rel) {
      l.relations = std::make_unique<registry::AsRelations>(std::move(*rel));
      add_input(l, "as-rel", c.as_rel, fmt::format("{} links", l.relations->size()));
    } else if (!skip_broken(c, l, c.as_rel, rel.error())) {
      return rel.error();
    }
  }
  if (!c.peeringdb.empty()) {
    l.peeringdb = std::make_unique<registry::PeeringDb>();
    for (const std::string& f : c.peeringdb) {
      auto rep = l.peeringdb->load_file(f);
      if (!rep) {
        if (skip_broken(c, l, f, rep.error())) continue;
        return rep.error();
      }
      add_input(l, "peeringdb", f,
                fmt::format("{} nets, {} pocs, {} orgs", rep->nets, rep->pocs, rep->orgs));
    }
    l.peeringdb->finalize();
  }
  if (!c.delegated.empty()) {
    l.delegated = std::make_unique<registry::DelegatedStats>();
    for (const std::string& f : c.delegated) {
      auto rep = l.delegated->load_file(f);
      if (!rep) {
        if (skip_broken(c, l, f, rep.error())) continue;
        return rep.error();
      }
      add_input(l, "delegated", f, "");
    }
    l.delegated->finalize();
  }
  for (const std::string& f : c.unallocated) {
    auto n = l.unallocated.load_file(f);
    if (!n && !skip_broken(c, l, f, n.error())) return n.error();
  }
  l.unallocated.finalize();
  if (!c.as_names.empty()) {
    l.names = std::make_unique<registry::AsNames>();
    for (const std::string& f : c.as_names) {
      auto n = l.names->load_file(f);
      if (!n) {
        if (skip_broken(c, l, f, n.error())) continue;
        return n.error();
      }
      add_input(l, "as-names", f, fmt::format("{} names", *n));
    }
  }
  if (!c.spoofer.empty()) {
    l.spoofer = std::make_unique<registry::SpooferResults>();
    for (const std::string& f : c.spoofer) {
      auto rep = l.spoofer->load_file(f);
      if (!rep) {
        if (skip_broken(c, l, f, rep.error())) continue;
        return rep.error();
      }
      add_input(l, "spoofer", f, "");
    }
    l.spoofer->finalize();
  }
  return l;
}

bool colour_for(const std::string& mode, std::FILE* to) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return ::isatty(::fileno(to)) == 1 && std::getenv("NO_COLOR") == nullptr;
}

Status write_file(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return {};
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) return make_error(ErrorCode::kIo, fmt::format("{}: cannot write", path));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return make_error(ErrorCode::kIo, fmt::format("{}: {}", path, ec.message()));
  return {};
}

// "report-{asn}.html" → "report-64500.html"; a name without {asn} gets "-<asn>" before the
// extension when several ASes are checked.
std::string per_as(const std::string& path, net::Asn asn, bool several) {
  const std::size_t at = path.find("{asn}");
  if (at != std::string::npos) {
    return path.substr(0, at) + std::to_string(asn) + path.substr(at + 5);
  }
  if (!several) return path;
  const std::size_t dot = path.rfind('.');
  const std::size_t slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return fmt::format("{}-{}", path, asn);
  }
  return fmt::format("{}-{}{}", path.substr(0, dot), asn, path.substr(dot));
}

void run_check(CheckCli& c, ExitCode& rc) {
  const auto t0 = std::chrono::steady_clock::now();
  if (c.penalty == "exponential") {
    c.config.penalty = check::Penalty::kExponential;
  } else if (c.penalty != "linear") {
    fmt::print(stderr, "manrs check: --penalty: want linear or exponential, have '{}'\n",
               c.penalty);
    rc = ExitCode::kFailed;
    return;
  }
  c.config.snapshot_duration = static_cast<std::int64_t>(c.snapshot_hours * 3600);
  if (c.all == !c.targets.empty()) {
    fmt::print(stderr, "manrs check: give one or more ASNs, or --all\n");
    rc = ExitCode::kFailed;
    return;
  }
  std::vector<net::Asn> asns;
  for (const std::string& t : c.targets) {
    auto asn = net::parse_asn(t);
    if (!asn) {
      fmt::print(stderr, "manrs check: {}: want an ASN (AS64500, 64500, 1.10), have '{}'\n", t, t);
      rc = ExitCode::kFailed;
      return;
    }
    asns.push_back(*asn);
  }
  std::optional<check::TimeWindow> window;
  if (!c.month.empty()) {
    auto w = check::month_window(c.month);
    if (!w) {
      fmt::print(stderr, "manrs check: {}\n", w.error().to_string());
      rc = ExitCode::kFailed;
      return;
    }
    window = *w;
  }
  if (auto st = discover(c); !st) {
    fmt::print(stderr, "manrs check: {}\n", st.error().to_string());
    rc = ExitCode::kFailed;
    return;
  }
  auto loaded = load(c);
  if (!loaded) {
    fmt::print(stderr, "manrs check: {}\n", loaded.error().to_string());
    rc = ExitCode::kFailed;
    return;
  }
  Loaded& l = *loaded;

  std::unique_ptr<check::RoutingAnalysis> routing;
  if (!c.mrt.empty()) {
    check::RoutingInputs in;
    in.mrt_files = c.mrt;
    in.rov = l.rov.get();
    in.aspa = l.aspa.get();
    in.irr = l.irr ? &*l.irr : nullptr;
    in.relations = l.relations.get();
    in.unallocated = l.unallocated.empty() ? nullptr : &l.unallocated;
    in.threads = c.threads;
    in.progress = ::isatty(STDERR_FILENO) == 1 && !c.quiet;
    auto r = check::RoutingAnalysis::run(in, window, c.config);
    if (!r) {
      fmt::print(stderr, "manrs check: {}\n", r.error().to_string());
      rc = ExitCode::kFailed;
      return;
    }
    routing = std::move(*r);
    const check::RoutingStats& s = routing->stats();
    note(c, fmt::format("routing: {} files, {} RIB entries, {} announcements, {} withdrawals, "
                        "{} segments in {} ({} prefixes, {} origins) in {:.1f} s",
                        s.files, s.rib_entries, s.announcements, s.withdrawals, s.segments,
                        routing->window().month, s.prefixes, s.origins, s.seconds));
    // Damaged MRT records ("file@offset: ...") are shown up to 10; the analysis' own notes
    // always.
    std::size_t damaged = 0;
    for (const std::string& w : routing->warnings()) {
      const bool record = w.find('@') != std::string::npos && w.find(": ") > w.find('@');
      if (record && ++damaged > 10) continue;
      note(c, "warning: " + w);
    }
    if (damaged > 10)
      note(c, fmt::format("warning: ... {} more damaged MRT records", damaged - 10));
    if (s.record_errors > 0) rc = ExitCode::kDataSkipped;
    for (check::Input& i : routing->inputs()) l.inputs.push_back(std::move(i));
  } else if (window) {
    // No routing data: the window is still the month asked for.
  }

  check::Sources src;
  src.irr = l.irr ? &*l.irr : nullptr;
  src.rov = l.rov.get();
  src.vrps = l.vrps.get();
  src.peeringdb = l.peeringdb.get();
  src.delegated = l.delegated.get();
  src.names = l.names.get();
  src.spoofer = l.spoofer.get();
  if (src.irr != nullptr) {
    src.irr_contacts = check::irr_contact_data(*src.irr);
    src.as_set_names = src.irr->set_names(irr::ObjectClass::kAsSet);
  }
  src.inputs = l.inputs;
  for (const std::string& w : l.warnings) src.notes.push_back("input " + w);
  src.notes.emplace_back(
      "Readiness thresholds are product defaults, not MANRS's (the Observatory's are not "
      "public): Ready >= " +
      fmt::format("{:g} %, Aspiring >= {:g} %", c.config.ready_min, c.config.aspiring_min));

  std::optional<check::History> history;
  if (!c.no_history) {
    const std::string dir = c.state.empty() ? check::default_state_dir() : c.state;
    auto h = check::History::open(dir);
    if (!h) {
      note(c, fmt::format("warning: history not kept: {}", h.error().to_string()));
    } else {
      history.emplace(std::move(*h));
    }
  }

  if (c.all) {
    std::vector<net::Asn> universe =
        routing ? routing->universe(c.config.min_peers) : std::vector<net::Asn>{};
    if (l.delegated) {
      // §3.1: ASNs the NRO stats list as reserved or available are not scored; ASNs the
      // files do not mention at all are kept (the files may cover one RIR only).
      std::erase_if(universe, [&](net::Asn a) {
        const registry::Delegation* d = l.delegated->find(a);
        return d != nullptr && !registry::is_delegated_status(d->status);
      });
    }
    note(c, fmt::format("scoring {} ASes seen by at least {} peers", universe.size(),
                        c.config.min_peers));
    std::vector<check::AsReport> reports(universe.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    unsigned workers =
        c.threads != 0 ? c.threads : std::max(1U, std::thread::hardware_concurrency());
    workers = std::min<unsigned>(workers,
                                 static_cast<unsigned>(std::max<std::size_t>(1, universe.size())));
    const bool show = ::isatty(STDERR_FILENO) == 1 && !c.quiet;
    check::BuildOptions bo;
    bo.fixes = false;
    auto work = [&] {
      for (std::size_t i = next++; i < universe.size(); i = next++) {
        reports[i] = check::build_report(universe[i], routing.get(), src, c.config, bo);
        ++done;
      }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work);
    std::thread ticker;
    std::atomic<bool> stop{false};
    if (show) {
      ticker = std::thread([&] {
        while (!stop.load()) {
          fmt::print(stderr, "\rcheck --all: {} / {} ASes\x1b[K", done.load(), universe.size());
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        fmt::print(stderr, "\r\x1b[K");
      });
    }
    work();
    for (std::thread& t : pool) t.join();
    stop = true;
    if (ticker.joinable()) ticker.join();
    std::vector<check::TableRow> rows;
    rows.reserve(reports.size());
    for (const check::AsReport& r : reports) rows.push_back(check::table_row(r));
    if (history) {
      for (const check::AsReport& r : reports) {
        if (auto st = history->record(r); !st) {
          note(c, fmt::format("warning: history: {}", st.error().to_string()));
          break;
        }
      }
    }
    std::string out;
    if (c.format == "csv") {
      out = report::render_table_csv(rows);
    } else if (c.format == "json") {
      out = report::render_table_json(rows);
    } else {
      out = report::render_table_text(rows);
    }
    if (auto st = write_file(c.output, out); !st) {
      fmt::print(stderr, "manrs check: {}\n", st.error().to_string());
      rc = ExitCode::kFailed;
      return;
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    note(c, fmt::format("check --all: {} ASes in {:.1f} s", rows.size(), secs));
    return;
  }

  const bool several = asns.size() > 1;
  for (const net::Asn asn : asns) {
    check::BuildOptions bo;
    check::AsReport r = check::build_report(asn, routing.get(), src, c.config, bo);
    if (!routing && window) r.window = *window;
    r.generated_at = static_cast<std::int64_t>(std::time(nullptr));
    if (history && !r.window.month.empty()) {
      if (auto st = history->record(r); !st) {
        note(c, fmt::format("warning: history: {}", st.error().to_string()));
      }
      if (auto t = history->trend(asn, r.window.month, 12)) {
        r.history = std::move(*t);
      } else {
        note(c, fmt::format("warning: history: {}", t.error().to_string()));
      }
    }
    std::string out;
    if (c.format == "json") {
      out = report::render_json(r);
    } else if (c.format == "html") {
      out = report::render_html(r);
    } else {
      report::TextOptions to;
      to.colour = colour_for(c.color, stdout) && (c.output.empty() || c.output == "-");
      to.verbose = c.verbose;
      out = report::render_text(r, to);
    }
    Status st = write_file(c.output.empty() ? c.output : per_as(c.output, asn, several), out);
    if (st && !c.html.empty())
      st = write_file(per_as(c.html, asn, several), report::render_html(r));
    if (st && !c.json.empty())
      st = write_file(per_as(c.json, asn, several), report::render_json(r));
    if (!st) {
      fmt::print(stderr, "manrs check: {}\n", st.error().to_string());
      rc = ExitCode::kFailed;
      return;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  note(c, fmt::format("check: {} AS{} in {:.2f} s", asns.size(), several ? "es" : "", secs));
}

}  // namespace

void register_check(CLI::App& app, ExitCode& rc) {
  auto c = std::make_shared<CheckCli>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "MANRS readiness of an AS for one calendar month: a score per action (Filtering, "
      "Anti-spoofing, Coordination, IRR, RPKI), every incident with its evidence, and the fixes");
  cmd->add_option("asn", c->targets, "ASNs to check (AS64500, 64500)");
  cmd->add_flag("--all", c->all, "score every AS seen in the routing data (a table)");
  cmd->add_option("--data", c->data,
                  "data directory: every file under it is used, recognised by its content");
  cmd->add_option("--mrt", c->mrt, "MRT RIB dumps and update files");
  cmd->add_option("--vrps", c->vrps, "VRPs (rpki-client/Routinator JSON, CSV, ROA lists; ASPA)");
  cmd->add_option("--slurm", c->slurm, "SLURM files (RFC 8416) applied to the VRPs");
  cmd->add_option("--rpsl", c->rpsl, "IRR dumps (FILE or SOURCE=FILE)");
  cmd->add_option("--sources", c->sources, "IRR source order of preference");
  cmd->add_option("--peeringdb", c->peeringdb, "PeeringDB JSON (API pages or a dump)");
  cmd->add_option("--as-rel", c->as_rel,
                  "CAIDA as-rel (serial-1/2); without it relationships are inferred from paths");
  cmd->add_option("--delegated", c->delegated, "NRO/RIR delegated-extended stats");
  cmd->add_option("--unallocated", c->unallocated,
                  "administrative bogons: fullbogons lists or delegated stats");
  cmd->add_option("--spoofer", c->spoofer, "CAIDA Spoofer results");
  cmd->add_option("--as-names", c->as_names, "AS names (JSON object ASN → name)");
  cmd->add_option("--month", c->month, "YYYY-MM (default: the month of the newest routing data)");
  cmd->add_option("--format", c->format, "text, json, html; with --all: text, csv, json")
      ->check(CLI::IsMember({"text", "json", "html", "csv"}));
  cmd->add_option("-o,--output", c->output,
                  "write here instead of stdout ({asn} is replaced; one file per AS)");
  cmd->add_option("--html", c->html, "also write the HTML page here");
  cmd->add_option("--json", c->json, "also write the JSON report here");
  cmd->add_option("--state", c->state,
                  "history directory (default $XDG_STATE_HOME/manrs or ~/.local/state/manrs)");
  cmd->add_flag("--no-history", c->no_history, "do not read or write the history");
  cmd->add_option("--threads", c->threads, "worker threads (default: all cores)");
  cmd->add_option("--color", c->color, "auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_flag("-v,--verbose", c->verbose, "every event, the text of every fix");
  cmd->add_flag("-q,--quiet", c->quiet, "no progress notes on stderr");
  cmd->add_option("--min-peers", c->config.min_peers,
                  "--all: an AS is scored when at least this many peers saw its routes")
      ->capture_default_str();
  cmd->add_option("--ready-min", c->config.ready_min, "Ready at or above this percent")
      ->capture_default_str();
  cmd->add_option("--aspiring-min", c->config.aspiring_min,
                  "Aspiring at or above this percent, Lagging below")
      ->capture_default_str();
  cmd->add_option("--penalty", c->penalty, "incidents over 24 h: linear or exponential")
      ->capture_default_str();
  cmd->add_option("--curve-base", c->config.curve_base,
                  "decay curve: percent = 100 × base^√(raw/R)")
      ->capture_default_str();
  cmd->add_option("--curve-raw", c->config.curve_raw, "decay curve: R")->capture_default_str();
  cmd->add_flag("--score-leaks", c->config.score_leaks,
                "count route leaks (M1/M1C) in the Filtering score");
  cmd->add_option("--snapshot-hours", c->snapshot_hours,
                  "a route seen only in the last RIB dump lasts this long")
      ->capture_default_str();
  cmd->add_option("--stale-days", c->config.stale_days,
                  "contacts and objects unchanged this long are stale")
      ->capture_default_str();
  cmd->callback([c, &rc] { run_check(*c, rc); });
}

}  // namespace manrs::app
