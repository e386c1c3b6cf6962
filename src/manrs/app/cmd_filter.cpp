// `manrs filter TARGET`: the customer prefix filter and AS-path filter of MANRS Action 1 from
// IRR ∩ RPKI, in a router dialect, with provenance (--explain) and the safety checks of the
// MANRS implementation guide (non-empty, delta check against the last deployed list, bogons
// never allowed). `manrs filter --batch CONFIG.toml` runs many customers at once (batch.cpp).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "manrs/app/commands.h"
#include "manrs/app/filter_inputs.h"
#include "manrs/app/json_text.h"
#include "manrs/filter/batch.h"
#include "manrs/filter/generate.h"
#include "manrs/filter/render.h"

namespace manrs::app {
namespace {

struct FilterCli {
  FilterInputOptions in;
  std::string target;
  std::string mode;
  bool v4 = false, v6 = false;
  std::string dialect = "cisco";
  std::string name;
  bool as_path = false;
  bool no_prefixes = false;
  std::optional<std::uint32_t> peer_as;
  bool aggregate = false;
  std::optional<unsigned> more_specifics, more_specifics4, more_specifics6;
  unsigned max_len4 = 24, max_len6 = 48;
  unsigned min_len4 = 0, min_len6 = 0;
  bool explain = false;
  std::string previous;
  double max_change = 20.0;
  bool force = false;
  bool allow_empty = false;
  bool strict = false;
  std::string over_limit = "split";
  std::optional<std::size_t> max_entries;
  bool no_header = false;
  std::string output;
  unsigned max_depth = 64;
  std::size_t max_sets = 200000;
};

std::string evidence_list(const std::vector<filter::Evidence>& ev, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    if (i == limit) {
      out += fmt::format("; ... {} more", ev.size() - limit);
      break;
    }
    if (i > 0) {
      out += "; ";
    }
    out += ev[i].describe();
  }
  return out;
}

void explain_list(std::string& out, const filter::PrefixList& list, std::string_view fam) {
  out += fmt::format("# {}: {} entries, {} excluded\n", fam, list.entries.size(),
                     list.excluded.size());
  for (const auto& e : list.entries) {
    out += fmt::format("+ {:<28} {}\n", e.to_string(), evidence_list(e.evidence, 8));
  }
  for (const auto& x : list.excluded) {
    out += fmt::format("- {:<28} {}: {} [{}]\n", x.entry.to_string(), filter::to_string(x.reason),
                       x.detail, evidence_list(x.entry.evidence, 4));
  }
}

}  // namespace

std::vector<std::string> filter_warnings(const filter::Filter& f) {
  std::vector<std::string> w;
  const auto& x = f.findings;
  auto some = [](const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 5; ++i) {
      s += (i > 0 ? ", " : "") + v[i];
    }
    if (v.size() > 5) {
      s += fmt::format(", ... and {} more", v.size() - 5);
    }
    return s;
  };
  if (!x.missing.empty()) {
    w.push_back(fmt::format("partial: {} referenced set(s) not found: {}", x.missing.size(),
                            some(x.missing)));
  }
  if (!x.cycles.empty()) {
    w.push_back(
        fmt::format("{} cycle(s) in the set, not followed: {}", x.cycles.size(), some(x.cycles)));
  }
  if (!x.any_members.empty()) {
    w.push_back(fmt::format("AS-ANY/RS-ANY member (not expanded) in: {}", some(x.any_members)));
  }
  if (x.depth_limited) {
    w.push_back("partial: nesting deeper than --max-depth was cut");
  }
  if (x.size_limited) {
    w.push_back("partial: a size limit of the expansion was reached");
  }
  for (std::size_t i = 0; i < x.problems.size() && i < 5; ++i) {
    w.push_back(x.problems[i]);
  }
  if (!f.bogon_asns.empty()) {
    std::vector<std::string> a;
    for (auto asn : f.bogon_asns) {
      a.push_back(fmt::format("AS{}", asn));
    }
    w.push_back(fmt::format("{} bogon ASN(s) dropped from the origins: {}", a.size(), some(a)));
  }
  return w;
}

std::string filter_summary(const filter::Filter& f) {
  std::string s =
      fmt::format("{} (mode {}): {} ASNs", f.target, filter::to_string(f.mode), f.asns.size());
  if (f.has_v4) {
    s += fmt::format(", {} IPv4 entries", f.v4.entries.size());
  }
  if (f.has_v6) {
    s += fmt::format(", {} IPv6 entries", f.v6.entries.size());
  }
  std::size_t counts[6] = {};
  for (const auto* l : {&f.v4, &f.v6}) {
    for (const auto& x : l->excluded) {
      ++counts[static_cast<std::size_t>(x.reason)];
    }
  }
  std::string ex;
  for (std::size_t i = 0; i < 6; ++i) {
    if (counts[i] != 0) {
      ex += fmt::format("{}{} {}", ex.empty() ? "" : ", ", counts[i],
                        filter::to_string(static_cast<filter::Exclusion>(i)));
    }
  }
  if (!ex.empty()) {
    s += fmt::format("; excluded: {}", ex);
  }
  return s;
}

std::string filter_explain(const filter::Filter& f) {
  std::string out = fmt::format(
      "# {} mode {} sources {} {}\n", f.target, filter::to_string(f.mode),
      f.sources.empty() ? "-" : fmt::format("{}", fmt::join(f.sources, ",")), f.rpki_description);
  std::vector<std::string> asns;
  for (std::size_t i = 0; i < f.asns.size() && i < 40; ++i) {
    asns.push_back(fmt::format("AS{}", f.asns[i]));
  }
  out += fmt::format(
      "# origin ASNs ({}): {}{}\n", f.asns.size(), fmt::join(asns, " "),
      f.asns.size() > asns.size()
          ? fmt::format(" ... and {} more (-d json lists all)", f.asns.size() - asns.size())
          : std::string());
  for (const auto& w : filter_warnings(f)) {
    out += fmt::format("# warning: {}\n", w);
  }
  if (f.has_v4) {
    explain_list(out, f.v4, "IPv4");
  }
  if (f.has_v6) {
    explain_list(out, f.v6, "IPv6");
  }
  return out;
}

namespace {

ExitCode run_filter(const FilterCli& c) {
  const auto t0 = std::chrono::steady_clock::now();
  auto inputs = load_filter_inputs(c.in);
  if (!inputs) {
    fmt::print(stderr, "manrs filter: {}\n", inputs.error().to_string());
    return ExitCode::kFailed;
  }
  filter::GenerateOptions o;
  if (!c.mode.empty()) {
    auto m = filter::parse_mode(c.mode);
    if (!m) {
      fmt::print(stderr, "manrs filter: --mode: want irr, irr-rpki, irr+roa or rpki, have '{}'\n",
                 c.mode);
      return ExitCode::kFailed;
    }
    o.mode = *m;
  } else {
    o.mode = inputs->rpki ? filter::Mode::kIrrRpki : filter::Mode::kIrr;
  }
  const filter::Dialect* dialect = filter::find_dialect(c.dialect);
  if (dialect == nullptr) {
    std::string ids;
    for (const auto* d : filter::dialects()) {
      ids += fmt::format("{}{}", ids.empty() ? "" : ", ", d->id());
    }
    fmt::print(stderr, "manrs filter: --dialect: want one of {}, have '{}'\n", ids, c.dialect);
    return ExitCode::kFailed;
  }
  o.v4 = c.v4 || !c.v6;
  o.v6 = c.v6 || !c.v4;
  o.expand.scope = inputs->scope;
  o.expand.max_depth = c.max_depth;
  o.expand.max_sets = c.max_sets;
  o.max_len_v4 = c.max_len4;
  o.max_len_v6 = c.max_len6;
  o.min_len_v4 = c.min_len4;
  o.min_len_v6 = c.min_len6;
  o.more_specifics_v4 = c.more_specifics4;
  o.more_specifics_v6 = c.more_specifics6;
  if (c.more_specifics) {
    if (*c.more_specifics <= 32 && !o.more_specifics_v4) {
      o.more_specifics_v4 = c.more_specifics;
    }
    if (!o.more_specifics_v6 && (*c.more_specifics > 32 || (c.v6 && !c.v4))) {
      o.more_specifics_v6 = c.more_specifics;
    }
  }
  o.aggregate = c.aggregate;
  o.allow_empty = c.allow_empty;
  o.unallocated = inputs->unallocated.empty() ? nullptr : &inputs->unallocated;
  const auto t1 = std::chrono::steady_clock::now();
  auto f = filter::generate(inputs->db ? &*inputs->db : nullptr,
                            inputs->rpki ? inputs->rpki.get() : nullptr, c.target, o);
  const auto t2 = std::chrono::steady_clock::now();
  if (!f) {
    fmt::print(stderr, "manrs filter: {}\n", f.error().to_string());
    return ExitCode::kFailed;
  }
  f->rpki_description = inputs->rpki_description;
  const bool quiet = c.in.quiet;
  ExitCode rc = ExitCode::kOk;
  for (const auto& w : filter_warnings(*f)) {
    fmt::print(stderr, "manrs filter: warning: {}\n", w);
  }
  if (c.strict && f->findings.partial()) {
    fmt::print(stderr, "manrs filter: {}: the expansion is partial and --strict is set\n",
               f->target);
    return ExitCode::kDataSkipped;
  }
  if (!c.previous.empty()) {
    auto prev = filter::read_previous(c.previous);
    if (!prev) {
      fmt::print(stderr, "manrs filter: --previous: {}\n", prev.error().to_string());
      return ExitCode::kFailed;
    }
    const auto d = filter::compare(*f, *prev);
    const std::string line =
        fmt::format("{} entries before, {} now: +{} -{} ({:.1f}% change, limit {:.1f}%)",
                    d.previous, d.current, d.added, d.removed, d.percent(), c.max_change);
    if (d.percent() > c.max_change && !c.force) {
      fmt::print(stderr,
                 "manrs filter: {}: delta check failed against {}: {}; review and re-run with "
                 "--force to deploy\n",
                 f->target, c.previous, line);
      for (std::size_t i = 0; i < d.added_entries.size() && i < 10; ++i) {
        fmt::print(stderr, "  + {}\n", d.added_entries[i].to_string());
      }
      for (std::size_t i = 0; i < d.removed_entries.size() && i < 10; ++i) {
        fmt::print(stderr, "  - {}\n", d.removed_entries[i].to_string());
      }
      return ExitCode::kFailed;
    }
    if (!quiet) {
      fmt::print(stderr, "manrs filter: delta vs {}: {}{}\n", c.previous, line,
                 d.percent() > c.max_change ? " (forced)" : "");
    }
  }
  std::string text;
  if (c.explain) {
    text = filter_explain(*f);
  } else {
    filter::RenderOptions ro;
    ro.name = c.name;
    ro.prefix_lists = !c.no_prefixes;
    ro.as_path = c.as_path || c.peer_as.has_value();
    ro.peer_as = c.peer_as;
    ro.header = !c.no_header;
    ro.max_entries = c.max_entries;
    if (c.over_limit == "refuse") {
      ro.over_limit = filter::OverLimit::kRefuse;
    } else if (c.over_limit != "split") {
      fmt::print(stderr, "manrs filter: --over-limit: want split or refuse, have '{}'\n",
                 c.over_limit);
      return ExitCode::kFailed;
    }
    auto r = dialect->render_filter(*f, ro);
    if (!r) {
      fmt::print(stderr, "manrs filter: {}\n", r.error().to_string());
      return ExitCode::kFailed;
    }
    text = std::move(*r);
  }
  if (c.output.empty() || c.output == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    std::ofstream out(c.output, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      fmt::print(stderr, "manrs filter: -o {}: cannot write\n", c.output);
      return ExitCode::kFailed;
    }
  }
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  fmt::print(stderr, "manrs filter: {}; load {:.0f} ms, generate {:.1f} ms\n", filter_summary(*f),
             ms(t0, t1), ms(t1, t2));
  return rc;
}

struct BatchCli {
  std::string config;
  FilterInputOptions in;
  std::string output_dir;
  bool force = false;
  bool dry_run = false;
  bool json = false;
  bool diff = false;
  unsigned threads = 0;
};

ExitCode run_batch_cmd(const BatchCli& c) {
  auto cfg = filter::parse_batch_config(c.config);
  if (!cfg) {
    fmt::print(stderr, "manrs batch: {}\n", cfg.error().to_string());
    return ExitCode::kFailed;
  }
  if (!c.output_dir.empty()) {
    cfg->output_dir = c.output_dir;
  }
  FilterInputOptions in = c.in;
  for (const auto& r : cfg->rpsl) in.db.rpsl.push_back(r);
  if (in.db.sources.empty()) in.db.sources = cfg->sources;
  for (const auto& r : cfg->vrps) in.vrps.push_back(r);
  for (const auto& r : cfg->slurm) in.slurm.push_back(r);
  for (const auto& r : cfg->unallocated) in.unallocated.push_back(r);
  const auto t0 = std::chrono::steady_clock::now();
  auto inputs = load_filter_inputs(in);
  if (!inputs) {
    fmt::print(stderr, "manrs batch: {}\n", inputs.error().to_string());
    return ExitCode::kFailed;
  }
  const auto t1 = std::chrono::steady_clock::now();
  filter::BatchRunOptions ro;
  ro.scope = inputs->scope;
  ro.db = inputs->db ? &*inputs->db : nullptr;
  ro.rpki = inputs->rpki.get();
  ro.unallocated = inputs->unallocated.empty() ? nullptr : &inputs->unallocated;
  ro.force = c.force;
  ro.dry_run = c.dry_run;
  ro.threads = c.threads;
  auto results = filter::run_batch(*cfg, ro);
  const auto t2 = std::chrono::steady_clock::now();
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  ExitCode rc = ExitCode::kOk;
  std::size_t counts[4] = {};
  double gen_ms = 0;
  std::string last_customer;
  for (const auto& r : results) {
    ++counts[static_cast<std::size_t>(r.status)];
    if (r.customer != last_customer) {
      gen_ms += r.generate_ms;
      last_customer = r.customer;
    }
    if (r.status == filter::BatchStatus::kRefused || r.status == filter::BatchStatus::kFailed) {
      rc = ExitCode::kFailed;
    }
  }
  if (c.json) {
    std::string out = "{\"config\":";
    append_json_string(out, cfg->path);
    out +=
        fmt::format(",\"load_ms\":{:.1f},\"run_ms\":{:.1f},\"results\":[", ms(t0, t1), ms(t1, t2));
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      out += i == 0 ? "{" : ",{";
      out += "\"customer\":";
      append_json_string(out, r.customer);
      out += ",\"target\":";
      append_json_string(out, r.target);
      out += ",\"router\":";
      append_json_string(out, r.router);
      out += ",\"dialect\":";
      append_json_string(out, r.dialect);
      out += ",\"file\":";
      append_json_string(out, r.file);
      out += ",\"status\":";
      append_json_string(out, std::string(filter::to_string(r.status)));
      out += fmt::format(
          ",\"asns\":{},\"ipv4\":{},\"ipv6\":{},\"had_previous\":{},\"added\":{},\"removed\":{},"
          "\"change_percent\":{:.2f},\"partial\":{},\"generate_ms\":{:.3f},\"expand_ms\":{:.3f},"
          "\"collect_ms\":{:.3f},\"finish_ms\":{:.3f},\"message\":",
          r.asns, r.v4, r.v6, r.had_previous, r.added, r.removed, r.change_percent, r.partial,
          r.generate_ms, r.expand_ms, r.collect_ms, r.finish_ms);
      append_json_string(out, r.message);
      out += "}";
    }
    out += "]}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    fmt::print("{:<20} {:<24} {:<10} {:<9} {:>7} {:>7} {:>14} {:<9} {}\n", "customer", "target",
               "router", "dialect", "IPv4", "IPv6", "delta", "status", "note");
    for (const auto& r : results) {
      const std::string delta =
          r.had_previous ? fmt::format("+{} -{} {:.0f}%", r.added, r.removed, r.change_percent)
                         : std::string("new");
      fmt::print("{:<20} {:<24} {:<10} {:<9} {:>7} {:>7} {:>14} {:<9} {}\n", r.customer, r.target,
                 r.router, r.dialect, r.v4, r.v6, delta, filter::to_string(r.status), r.message);
      if (c.diff) {
        for (const auto& e : r.added_entries) fmt::print("    + {}\n", e);
        for (const auto& e : r.removed_entries) fmt::print("    - {}\n", e);
      }
    }
  }
  fmt::print(stderr,
             "manrs batch: {} customers, {} files: {} written, {} unchanged, {} refused, {} "
             "failed{}; load {:.0f} ms, generation {:.1f} ms ({:.2f} ms per customer), total run "
             "{:.0f} ms\n",
             cfg->customers.size(), results.size(), counts[0], counts[1], counts[2], counts[3],
             c.dry_run ? " (dry run: nothing written)" : "", ms(t0, t1), gen_ms,
             cfg->customers.empty() ? 0.0 : gen_ms / static_cast<double>(cfg->customers.size()),
             ms(t1, t2));
  return rc;
}

}  // namespace

void add_filter_input_options(CLI::App* cmd, FilterInputOptions& o) {
  cmd->add_option("--rpsl", o.db.rpsl,
                  "RPSL file (plain/gz/bz2/xz/zstd); NAME=FILE loads it as source NAME (repeat)")
      ->allow_extra_args(false);
  cmd->add_option("--sources", o.db.sources,
                  "IRR sources in order of preference, comma-separated (default: RIR "
                  "registries first)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--vrps", o.vrps, "VRP file(s) (any format manrs reads): RPKI in the filter")
      ->allow_extra_args(false);
  cmd->add_option("--slurm", o.slurm, "SLURM file(s) applied to the VRPs")->allow_extra_args(false);
  cmd->add_option("--unallocated", o.unallocated,
                  "exclude unallocated space: fullbogons list or delegated-extended stats (repeat)")
      ->allow_extra_args(false);
  cmd->add_flag("-q,--quiet", o.quiet, "no per-file load lines on stderr");
}

void register_filter(CLI::App& app, ExitCode& rc) {
  auto c = std::make_shared<FilterCli>();
  auto* f = app.add_subcommand(
      "filter",
      "customer prefix and AS-path filter from IRR ∩ RPKI in a router dialect, with provenance "
      "and safety checks");
  add_filter_input_options(f, c->in);
  f->add_option("target", c->target, "AS-SET (AS-FOO, SOURCE::AS-FOO), ASN (AS64500) or route-set")
      ->required();
  f->add_option("--mode", c->mode, "irr | irr-rpki (default with --vrps) | irr+roa | rpki");
  f->add_flag("-4", c->v4, "IPv4 only");
  f->add_flag("-6", c->v6, "IPv6 only");
  f->add_option("-d,--dialect", c->dialect,
                "cisco, iosxr, junos, arista, nokia, nokia-md, huawei, mikrotik, bird, frr, "
                "openbgpd, json, plain")
      ->capture_default_str();
  f->add_option("-l,--name", c->name, "base name of the lists (default: from the target)");
  f->add_flag("--as-path", c->as_path, "also the AS-path / origin filter");
  f->add_option("--peer-as", c->peer_as, "AS-path filter anchored at this peer AS (bgpq4 -f)");
  f->add_flag("--no-prefixes", c->no_prefixes, "no prefix lists (with --as-path)");
  f->add_flag("-A,--aggregate", c->aggregate, "lossless aggregation into ranges (bgpq4 -A)");
  f->add_option("-R,--more-specifics", c->more_specifics,
                "allow more-specifics of IRR prefixes up to this length (bgpq4 -R)");
  f->add_option("--more-specifics4", c->more_specifics4, "the same, IPv4 only");
  f->add_option("--more-specifics6", c->more_specifics6, "the same, IPv6 only");
  f->add_option("--max-length4", c->max_len4, "longest IPv4 prefix that may pass")
      ->capture_default_str();
  f->add_option("--max-length6", c->max_len6, "longest IPv6 prefix that may pass")
      ->capture_default_str();
  f->add_option("--min-length4", c->min_len4, "shortest IPv4 prefix that may pass");
  f->add_option("--min-length6", c->min_len6, "shortest IPv6 prefix that may pass");
  f->add_flag("--explain", c->explain,
              "print why each entry is in (evidence) or out (reason) instead of the config");
  f->add_option("--previous", c->previous,
                "the last deployed list (any dialect we write): refuse a change beyond "
                "--max-change");
  f->add_option("--max-change", c->max_change, "delta check threshold in percent")
      ->capture_default_str();
  f->add_flag("--force", c->force, "deploy even when the delta check fails");
  f->add_flag("--allow-empty", c->allow_empty,
              "an empty filter is not an error (rendered as an explicit deny-all)");
  f->add_flag("--strict", c->strict, "exit 1 when the AS-SET expansion is partial");
  f->add_option("--over-limit", c->over_limit, "a list beyond the platform's limit: split | refuse")
      ->capture_default_str();
  f->add_option("--max-entries", c->max_entries, "per-list entry limit (default: the platform's)");
  f->add_flag("--no-header", c->no_header, "no comment header");
  f->add_option("-o,--output", c->output, "write here instead of stdout");
  f->add_option("--max-depth", c->max_depth, "AS-SET nesting followed")->capture_default_str();
  f->add_option("--max-sets", c->max_sets, "sets visited at most")->capture_default_str();
  f->callback([c, &rc] { rc = run_filter(*c); });

  auto b = std::make_shared<BatchCli>();
  auto* bc = app.add_subcommand(
      "batch", "every customer's filters for every session from one TOML file, with delta checks");
  add_filter_input_options(bc, b->in);
  bc->add_option("config", b->config, "batch configuration (TOML, see docs/filter.md)")->required();
  bc->add_option("--out", b->output_dir, "output folder (default: the file's output_dir)");
  bc->add_flag("--force", b->force, "write files even when their delta check fails");
  bc->add_flag("--dry-run", b->dry_run, "generate and compare, write nothing");
  bc->add_flag("--json", b->json, "the summary as JSON");
  bc->add_option("--threads", b->threads, "generation workers (0 = one per core)")
      ->capture_default_str();
  bc->add_flag("--diff", b->diff, "under each changed file, the entries added (+) and removed (-)");
  bc->callback([b, &rc] { rc = run_batch_cmd(*b); });
}

}  // namespace manrs::app
