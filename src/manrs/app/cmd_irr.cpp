// `manrs irr serve|expand|lookup|stats`: a local IRR database built from RPSL dumps, queried
// from the command line or served to bgpq4/bgpq3/peering tools over the IRRd whois protocol.
//
// Every subcommand loads the same way (irr_db.cpp): --rpsl FILE (objects keep their `source:`)
// or --rpsl NAME=FILE (the whole file is source NAME), --sources for the order of preference
// (default: the RIR registries first, then the others alphabetically), and optionally
// --vrps + --rpki-aware to hide RPKI-invalid route objects like IRRd 4.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "manrs/app/commands.h"
#include "manrs/app/irr_db.h"
#include "manrs/app/json_text.h"
#include "manrs/app/log.h"
#include "manrs/irr/database.h"
#include "manrs/irr/expand.h"
#include "manrs/irr/server.h"
#include "manrs/irr/whois.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::app {
namespace {

// ---------------------------------------------------------------- expand

struct ExpandCli {
  IrrDbOptions db;
  std::string name;
  bool v4 = false, v6 = false;
  bool json = false, report = false, strict = false, allow_empty = false, contributions = false;
  unsigned max_depth = 64;
  std::size_t max_sets = 200000;
};

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

void json_list(std::string& out, const std::vector<std::string>& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, v[i]);
  }
  out += ']';
}

// "a, b, c" — at most `limit` items (0 = all), then "... and N more".
std::string join_some(const std::vector<std::string>& v, std::size_t limit) {
  if (limit == 0 || v.size() <= limit) return join(v, ", ");
  std::vector<std::string> head(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(limit));
  return fmt::format("{}, ... and {} more (--report or --json lists all)", join(head, ", "),
                     v.size() - limit);
}

// The warnings an operator must see before using the result (stderr with `limit` items per
// list; JSON and --report with all of them).
std::vector<std::string> expansion_warnings(const irr::Expansion& e, const irr::ExpandOptions& o,
                                            std::size_t limit) {
  std::vector<std::string> w;
  if (!e.missing.empty()) {
    w.push_back(
        fmt::format("{} referenced set(s) not found in the selected sources, the "
                    "expansion is partial: {}",
                    e.missing.size(), join_some(e.missing, limit)));
  }
  if (!e.cycles.empty()) {
    w.push_back(
        fmt::format("{} cycle(s), not followed: {}", e.cycles.size(), join_some(e.cycles, limit)));
  }
  if (!e.any_members.empty()) {
    w.push_back(
        fmt::format("AS-ANY/RS-ANY member (not expanded) in: {}", join_some(e.any_members, limit)));
  }
  if (e.depth_limited) {
    w.push_back(fmt::format("nesting deeper than --max-depth {} was cut", o.max_depth));
  }
  if (e.size_limited) {
    w.push_back(fmt::format("size limit reached (--max-sets {}, {} ASNs, {} prefixes): partial",
                            o.max_sets, o.max_asns, o.max_prefixes));
  }
  const std::size_t n = limit == 0 ? e.problems.size() : std::min(limit, e.problems.size());
  for (std::size_t i = 0; i < n; ++i) w.push_back(e.problems[i]);
  if (n < e.problems.size()) {
    w.push_back(fmt::format("... and {} more problems", e.problems.size() - n));
  }
  return w;
}

ExitCode run_expand(const ExpandCli& c) {
  auto db = load_irr_database(c.db);
  if (!db) {
    fmt::print(stderr, "manrs irr expand: {}\n", db.error().to_string());
    return ExitCode::kFailed;
  }
  irr::ExpandOptions o;
  auto scope = irr_scope(*db, c.db);
  if (!scope) {
    fmt::print(stderr, "manrs irr expand: {}\n", scope.error().to_string());
    return ExitCode::kFailed;
  }
  o.scope = *scope;
  o.max_depth = c.max_depth;
  o.max_sets = c.max_sets;
  o.contributions = c.report || c.contributions;
  o.allow_empty = c.allow_empty;
  const bool route_set = irr::is_route_set_name(c.name) && !irr::is_as_set_name(c.name);
  const auto t0 = std::chrono::steady_clock::now();
  auto e = route_set ? irr::expand_route_set(*db, c.name, o) : irr::expand_as_set(*db, c.name, o);
  if (!e) {
    fmt::print(stderr, "manrs irr expand: {}\n", e.error().to_string());
    return ExitCode::kFailed;
  }
  // Prefixes: a route-set's own ranges, or the route objects of an as-set's ASNs.
  std::vector<std::string> prefixes;
  const bool want_prefixes = c.v4 || c.v6 || route_set;
  if (route_set) {
    for (const auto& r : e->prefixes) {
      if ((c.v4 && !r.prefix.is_v4()) || (c.v6 && r.prefix.is_v4())) continue;
      prefixes.push_back(r.to_rpsl());
    }
  } else if (want_prefixes) {
    for (auto fam : {net::Family::kV4, net::Family::kV6}) {
      if ((fam == net::Family::kV4 && !c.v4) || (fam == net::Family::kV6 && !c.v6)) continue;
      for (const auto& p : irr::route_prefixes(*db, e->asns, fam, o.scope)) {
        prefixes.push_back(p.to_string());
      }
    }
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const auto warnings = expansion_warnings(*e, o, 0);
  for (const auto& w : expansion_warnings(*e, o, 10)) {
    fmt::print(stderr, "manrs irr expand: {}: warning: {}\n", e->root, w);
  }
  if (want_prefixes && prefixes.empty() && !c.allow_empty) {
    fmt::print(stderr,
               "manrs irr expand: {}: no {} route objects for its {} ASNs: an empty filter "
               "would permit everything on some routers (use --allow-empty to accept)\n",
               e->root, c.v4 && !c.v6 ? "IPv4" : (c.v6 && !c.v4 ? "IPv6" : ""), e->asns.size());
    return ExitCode::kFailed;
  }
  std::string out;
  if (c.json) {
    out += "{\"set\":";
    append_json_string(out, e->root);
    out += fmt::format(",\"class\":\"{}\",\"partial\":{},\"sets_visited\":{},\"depth\":{}",
                       route_set ? "route-set" : "as-set", e->partial(), e->sets_visited,
                       e->max_depth_seen);
    out += ",\"asns\":[";
    for (std::size_t i = 0; i < e->asns.size(); ++i) {
      out += fmt::format("{}{}", i > 0 ? "," : "", e->asns[i]);
    }
    out += "],\"prefixes\":";
    json_list(out, prefixes);
    out += ",\"missing\":";
    json_list(out, e->missing);
    out += ",\"cycles\":";
    json_list(out, e->cycles);
    out += ",\"any_members\":";
    json_list(out, e->any_members);
    out += fmt::format(",\"depth_limited\":{},\"size_limited\":{},\"warnings\":", e->depth_limited,
                       e->size_limited);
    json_list(out, warnings);
    out += ",\"contributions\":[";
    for (std::size_t i = 0; i < e->contributions.size(); ++i) {
      const auto& m = e->contributions[i];
      out += i > 0 ? "," : "";
      out += "{\"member\":";
      append_json_string(out, m.member);
      out += fmt::format(",\"asns\":{},\"unique_asns\":{},\"prefixes\":{},\"missing\":{}}}", m.asns,
                         m.unique_asns, m.prefixes, m.missing);
    }
    out += fmt::format("],\"milliseconds\":{:.3f}}}\n", ms);
  } else if (c.report) {
    out += fmt::format("{} ({}): {} ASNs", e->root, route_set ? "route-set" : "as-set",
                       e->asns.size());
    if (want_prefixes) out += fmt::format(", {} prefixes", prefixes.size());
    out += fmt::format(", {} sets visited, depth {}, {:.1f} ms{}\n", e->sets_visited,
                       e->max_depth_seen, ms, e->partial() ? " — PARTIAL" : "");
    if (!e->contributions.empty()) {
      // Per-member prefix counts exist for route-sets; an as-set's members contribute ASNs.
      out += fmt::format("\n{:<40} {:>8} {:>8}{}\n", "member", "ASNs", "unique",
                         route_set ? fmt::format(" {:>9}", "prefixes") : "");
      auto rows = e->contributions;
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.asns > b.asns; });
      for (const auto& m : rows) {
        out += fmt::format("{:<40} {:>8} {:>8}{}{}\n", m.member, m.asns, m.unique_asns,
                           route_set ? fmt::format(" {:>9}", m.prefixes) : "",
                           m.missing ? "  (not found)" : "");
      }
    }
    // Short warnings first, then the full lists one item per line.
    const auto brief = expansion_warnings(*e, o, 10);
    if (!brief.empty()) {
      out += "\nwarnings:\n";
      for (const auto& w : brief) out += "  " + w + "\n";
    }
    auto section = [&](std::string_view title, const std::vector<std::string>& items) {
      if (items.empty()) return;
      out += fmt::format("\n{} ({}):\n", title, items.size());
      for (const auto& i : items) out += "  " + i + "\n";
    };
    section("missing sets (not in the selected sources)", e->missing);
    section("cycles (edges not followed)", e->cycles);
    section("sets with AS-ANY/RS-ANY", e->any_members);
    section("problems", e->problems);
  } else if (want_prefixes) {
    for (const auto& p : prefixes) {
      out += p;
      out += '\n';
    }
  } else {
    for (auto a : e->asns) out += fmt::format("AS{}\n", a);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (c.strict && e->partial()) {
    return ExitCode::kDataSkipped;
  }
  return ExitCode::kOk;
}

// ---------------------------------------------------------------- lookup

struct LookupCli {
  IrrDbOptions db;
  std::string query;
  std::string match = "auto";
  std::string inverse;
  std::vector<std::string> types;
  bool json = false, keys = false;
};

std::optional<irr::PrefixMatch> parse_match(std::string_view m) {
  if (m == "exact") return irr::PrefixMatch::kExact;
  if (m == "one-less") return irr::PrefixMatch::kOneLess;
  if (m == "all-less") return irr::PrefixMatch::kAllLess;
  if (m == "one-more") return irr::PrefixMatch::kOneMore;
  if (m == "all-more") return irr::PrefixMatch::kAllMore;
  return std::nullopt;
}

// The primary-key lines of an object (whois -K): the class line, plus origin for routes.
std::string key_lines(std::string_view text, irr::ObjectClass cls) {
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    const bool origin = (cls == irr::ObjectClass::kRoute || cls == irr::ObjectClass::kRoute6) &&
                        line.size() > 7 && irr::iequals(line.substr(0, 7), "origin:");
    if (first || origin) {
      out += line;
      out += '\n';
    }
    first = false;
    pos = end + 1;
  }
  return out;
}

ExitCode run_lookup(const LookupCli& c) {
  auto db = load_irr_database(c.db);
  if (!db) {
    fmt::print(stderr, "manrs irr lookup: {}\n", db.error().to_string());
    return ExitCode::kFailed;
  }
  auto scope = irr_scope(*db, c.db);
  if (!scope) {
    fmt::print(stderr, "manrs irr lookup: {}\n", scope.error().to_string());
    return ExitCode::kFailed;
  }
  std::vector<irr::ObjectClass> types;
  for (const auto& t : c.types) {
    auto cls = irr::parse_object_class(t);
    if (cls == irr::ObjectClass::kOther) {
      fmt::print(stderr,
                 "manrs irr lookup: --type: want an RPSL class (route, as-set, ...), "
                 "have '{}'\n",
                 t);
      return ExitCode::kFailed;
    }
    types.push_back(cls);
  }
  std::vector<irr::ObjectId> ids;
  std::vector<irr::RpkiStatus> rpki;  // parallel to ids for route objects
  auto add_route = [&](const irr::RouteEntry& r) {
    ids.push_back(r.object);
    rpki.push_back(r.rpki);
  };
  auto add = [&](irr::ObjectId id) {
    ids.push_back(id);
    rpki.push_back(irr::RpkiStatus::kNotChecked);
  };
  auto as_prefix = net::Prefix::parse(c.query);
  auto as_asn = net::parse_asn(c.query);
  const bool looks_asn = as_asn && !irr::is_as_set_name(c.query);
  if (!c.inverse.empty()) {
    if (c.inverse == "origin") {
      if (!as_asn) {
        fmt::print(stderr, "manrs irr lookup: --inverse origin: want an AS number, have '{}'\n",
                   c.query);
        return ExitCode::kFailed;
      }
      db->routes_by_origin(*as_asn, std::nullopt, *scope, add_route);
    } else if (c.inverse == "mnt-by") {
      for (auto id : db->by_mnt_by(c.query, *scope)) add(id);
    } else if (c.inverse == "member-of") {
      for (const auto& r : db->by_member_of(c.query, *scope)) add(r.object);
    } else {
      fmt::print(stderr,
                 "manrs irr lookup: --inverse: want origin, mnt-by or member-of, have "
                 "'{}'\n",
                 c.inverse);
      return ExitCode::kFailed;
    }
  } else if (as_prefix) {
    std::optional<irr::PrefixMatch> m;
    if (c.match != "auto") {
      m = parse_match(c.match);
      if (!m) {
        fmt::print(stderr,
                   "manrs irr lookup: --match: want exact, one-less, all-less, one-more "
                   "or all-more, have '{}'\n",
                   c.match);
        return ExitCode::kFailed;
      }
    }
    // Like whois: the exact route objects, or else the most specific covering ones.
    db->routes_by_prefix(*as_prefix, m.value_or(irr::PrefixMatch::kExact), *scope, add_route);
    if (!m && ids.empty()) {
      db->routes_by_prefix(*as_prefix, irr::PrefixMatch::kOneLess, *scope, add_route);
    }
  } else if (looks_asn) {
    for (auto id : db->find(irr::ObjectClass::kAutNum, net::format_asn(*as_asn), *scope)) add(id);
    db->routes_by_origin(*as_asn, std::nullopt, *scope, add_route);
  } else {
    for (auto id : db->find(irr::ObjectClass::kOther, c.query, *scope)) add(id);
  }
  std::string out;
  std::size_t shown = 0;
  if (c.json) out += '[';
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto cls = db->object_class(ids[i]);
    if (!types.empty() && std::find(types.begin(), types.end(), cls) == types.end()) continue;
    const std::string text =
        c.keys ? key_lines(db->object_text(ids[i]), cls) : std::string(db->object_text(ids[i]));
    if (c.json) {
      out += shown > 0 ? ",\n" : "\n";
      out += "{\"class\":";
      append_json_string(out, irr::to_string(cls));
      out += ",\"source\":";
      append_json_string(out, db->source_name(db->object_source(ids[i])));
      if (cls == irr::ObjectClass::kRoute || cls == irr::ObjectClass::kRoute6) {
        out += ",\"rpki\":";
        append_json_string(out, irr::to_string(rpki[i]));
      }
      out += ",\"text\":";
      append_json_string(out, text);
      out += '}';
    } else {
      if (shown > 0) out += '\n';
      out += text;
    }
    ++shown;
  }
  if (c.json) out += shown > 0 ? "\n]\n" : "]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (shown == 0) {
    fmt::print(stderr, "manrs irr lookup: no entries found for '{}' in {}\n", c.query,
               scope_names(*db, *scope));
    return ExitCode::kDataSkipped;
  }
  return ExitCode::kOk;
}

// ---------------------------------------------------------------- stats

struct StatsCli {
  IrrDbOptions db;
  bool json = false;
};

ExitCode run_stats(const StatsCli& c) {
  const auto t0 = std::chrono::steady_clock::now();
  auto db = load_irr_database(c.db);
  if (!db) {
    fmt::print(stderr, "manrs irr stats: {}\n", db.error().to_string());
    return ExitCode::kFailed;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto st = db->stats();
  std::string out;
  if (c.json) {
    out += "{\"sources\":";
    json_list(out, db->sources());
    out += ",\"objects\":[";
    for (std::size_t i = 0; i < st.rows.size(); ++i) {
      out += i > 0 ? "," : "";
      out += "{\"source\":";
      append_json_string(out, st.rows[i].source);
      out += fmt::format(",\"class\":\"{}\",\"count\":{}}}", irr::to_string(st.rows[i].cls),
                         st.rows[i].objects);
    }
    out += fmt::format(
        "],\"total\":{},\"routes\":{},\"text_bytes\":{},\"index_bytes\":{},\"load_seconds\":{:.3f}",
        st.objects, db->route_count(), st.text_bytes, st.index_bytes, secs);
    out += fmt::format(",\"rpki\":{{\"valid\":{},\"invalid\":{},\"not_found\":{}}}}}\n",
                       st.rpki_valid, st.rpki_invalid, st.rpki_not_found);
  } else {
    out += fmt::format("{:<16} {:<14} {:>12}\n", "source", "class", "objects");
    for (const auto& r : st.rows) {
      out += fmt::format("{:<16} {:<14} {:>12}\n", r.source, irr::to_string(r.cls), r.objects);
    }
    out += fmt::format("{:<31} {:>12}\n", "total", st.objects);
    out += fmt::format("\nsources (preference order): {}\n", join(db->sources(), ","));
    out += fmt::format("memory: {:.1f} MiB object text, {:.1f} MiB indexes ({:.0f} bytes/object)\n",
                       static_cast<double>(st.text_bytes) / 1048576.0,
                       static_cast<double>(st.index_bytes) / 1048576.0,
                       st.objects > 0 ? static_cast<double>(st.text_bytes + st.index_bytes) /
                                            static_cast<double>(st.objects)
                                      : 0.0);
    out += fmt::format("loaded in {:.2f} s ({:.0f} objects/s)\n", secs,
                       secs > 0 ? static_cast<double>(st.objects) / secs : 0.0);
    if (st.rpki_valid + st.rpki_invalid + st.rpki_not_found > 0) {
      out += fmt::format("route objects vs RPKI: {} valid, {} invalid, {} not found\n",
                         st.rpki_valid, st.rpki_invalid, st.rpki_not_found);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return ExitCode::kOk;
}

// ---------------------------------------------------------------- serve

struct ServeCli {
  IrrDbOptions db;
  std::vector<std::string> listen;
  std::string http = "127.0.0.1:9343";
  std::string query_log;  // "" = none, "-" = stderr, else a file
  std::size_t max_clients = 1024;
  unsigned threads = 0;
  unsigned idle_timeout = 600;
  std::size_t max_response_mb = 64;
  unsigned max_depth = 64;
  std::size_t max_sets = 200000;
};

ExitCode run_serve(ServeCli c) {
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);

  c.db.quiet = false;
  auto db = load_irr_database(c.db);
  if (!db) {
    log_line("irr", db.error().to_string());
    return ExitCode::kFailed;
  }
  irr::ResponderOptions ro;
  ro.version = "manrs 0.1.0 (IRRd 4 compatible whois)";
  ro.default_sources = db->sources();
  if (!c.db.sources.empty()) ro.default_sources = c.db.sources;
  ro.exclude_rpki_invalid = c.db.rpki_aware;
  ro.expand.max_depth = c.max_depth;
  ro.expand.max_sets = c.max_sets;
  ro.expand.allow_empty = true;  // !i/!a of an empty set answer like IRRd, not with an error
  ro.max_response_bytes = c.max_response_mb * 1024U * 1024U;
  irr::Responder responder(*db, ro);

  std::FILE* qlog = nullptr;
  std::mutex qlog_mu;
  if (c.query_log == "-") {
    qlog = stderr;
  } else if (!c.query_log.empty()) {
    qlog = std::fopen(c.query_log.c_str(), "a");
    if (qlog == nullptr) {
      log_line("irr", fmt::format("cannot open --query-log {}", c.query_log));
      return ExitCode::kFailed;
    }
  }
  irr::ServerOptions so;
  const bool default_listen = c.listen.empty();
  so.listen = default_listen ? std::vector<std::string>{"127.0.0.1:4343", "[::1]:4343"} : c.listen;
  so.skip_unbindable = default_listen;
  if (!c.http.empty()) so.http_listen = {c.http};
  so.max_clients = c.max_clients;
  so.threads = c.threads;
  so.idle_timeout = std::chrono::seconds(c.idle_timeout);
  so.log = [&](std::string_view line) {
    if (qlog == nullptr) return;
    std::lock_guard lock(qlog_mu);
    log_line("irr", line, qlog);
    std::fflush(qlog);
  };
  irr::Server server(responder, so);
  if (auto s = server.start(); !s) {
    log_line("irr", s.error().to_string());
    return ExitCode::kFailed;
  }
  const auto ports = server.ports();
  for (std::size_t i = 0; i < so.listen.size() && i < ports.size(); ++i) {
    if (ports[i] != 0) {
      log_line("irr", fmt::format("whois on {} (port {}); sources {}", so.listen[i], ports[i],
                                  join(ro.default_sources, ",")));
    }
  }
  if (!c.http.empty() && !server.http_ports().empty()) {
    log_line("irr", fmt::format("HTTP on {} (port {}): /metrics", c.http, server.http_ports()[0]));
  }
  for (;;) {
    int sig = sigwaitinfo(&sigs, nullptr);
    if (sig == SIGINT || sig == SIGTERM) {
      log_line("irr", fmt::format("signal {}: shutting down", sig));
      break;
    }
  }
  server.stop();
  if (qlog != nullptr && qlog != stderr) std::fclose(qlog);
  return ExitCode::kOk;
}

void add_db_options(CLI::App* cmd, IrrDbOptions& o) {
  cmd->add_option("--rpsl", o.rpsl,
                  "RPSL file (plain/gz/bz2/xz/zstd); NAME=FILE loads it as source NAME (repeat)")
      ->allow_extra_args(false)
      ->required();
  cmd->add_option("--sources", o.sources,
                  "sources in order of preference, comma-separated (default: RIR registries "
                  "first, then the others alphabetically)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--vrps", o.vrps, "VRP file(s) for RPKI-aware mode (any format manrs reads)")
      ->allow_extra_args(false);
  cmd->add_flag("--rpki-aware", o.rpki_aware,
                "hide RPKI-invalid route objects (needs --vrps), like IRRd 4");
  cmd->add_flag("-q,--quiet", o.quiet, "no load summary on stderr");
}

}  // namespace

void register_irr(CLI::App& app, ExitCode& rc) {
  auto* irr = app.add_subcommand("irr", "IRR database: RPSL dumps, set expansion, whois server");
  irr->require_subcommand(1);

  auto ex = std::make_shared<ExpandCli>();
  auto* e = irr->add_subcommand("expand",
                                "expand an as-set to ASNs (or prefixes) or a route-set "
                                "to prefixes, with a report of what is missing");
  add_db_options(e, ex->db);
  e->add_option("set", ex->name, "AS-SET, ROUTE-SET or SOURCE::NAME")->required();
  e->add_flag("-4", ex->v4, "print the IPv4 route-object prefixes of the expanded ASNs");
  e->add_flag("-6", ex->v6, "print the IPv6 route-object prefixes of the expanded ASNs");
  e->add_flag("--json", ex->json, "JSON with ASNs, prefixes, missing sets, cycles, contributions");
  e->add_flag("--report", ex->report, "human report: totals, per-member contribution, warnings");
  e->add_flag("--contributions", ex->contributions,
              "per direct member: ASNs and prefixes it adds (always on with --report)");
  e->add_flag("--strict", ex->strict, "exit 1 when the expansion is partial");
  e->add_flag("--allow-empty", ex->allow_empty, "an empty expansion is not an error");
  e->add_option("--max-depth", ex->max_depth, "nesting levels followed")->capture_default_str();
  e->add_option("--max-sets", ex->max_sets, "sets visited at most")->capture_default_str();
  e->callback([ex, &rc] { rc = run_expand(*ex); });

  auto lk = std::make_shared<LookupCli>();
  auto* l = irr->add_subcommand("lookup",
                                "objects by prefix (routes), AS number (aut-num and "
                                "routes), or name (any class)");
  add_db_options(l, lk->db);
  l->add_option("query", lk->query, "PREFIX, ASN or object name")->required();
  l->add_option("--match", lk->match,
                "for prefixes: exact, one-less, all-less, one-more, all-more (default: exact, "
                "else the most specific covering objects)")
      ->capture_default_str();
  l->add_option("-i,--inverse", lk->inverse, "inverse lookup by origin, mnt-by or member-of");
  l->add_option("-T,--type", lk->types, "only these classes (repeat or comma-separated)")
      ->delimiter(',');
  l->add_flag("-K,--keys", lk->keys, "primary-key lines only");
  l->add_flag("--json", lk->json, "JSON array of {class, source, rpki, text}");
  l->callback([lk, &rc] { rc = run_lookup(*lk); });

  auto stc = std::make_shared<StatsCli>();
  auto* s = irr->add_subcommand("stats", "objects per source and class, memory, load rate");
  add_db_options(s, stc->db);
  s->add_flag("--json", stc->json, "JSON output");
  s->callback([stc, &rc] { rc = run_stats(*stc); });

  auto sv = std::make_shared<ServeCli>();
  auto* v = irr->add_subcommand("serve", "IRRd-compatible whois server (bgpq4, bgpq3, whois -h)");
  add_db_options(v, sv->db);
  v->add_option("--listen", sv->listen,
                "whois address ADDR:PORT or [V6]:PORT (repeat; default 127.0.0.1:4343 and "
                "[::1]:4343)")
      ->allow_extra_args(false);
  v->add_option("--http", sv->http, "HTTP address for /metrics ('' = none)")->capture_default_str();
  v->add_option("--query-log", sv->query_log,
                "log every query and connection: FILE, or - for "
                "stderr");
  v->add_option("--max-clients", sv->max_clients, "concurrent connections")->capture_default_str();
  v->add_option("--threads", sv->threads, "I/O threads (0 = one per core)")->capture_default_str();
  v->add_option("--idle-timeout", sv->idle_timeout, "close a connection idle this long (s)")
      ->capture_default_str();
  v->add_option("--max-response-mb", sv->max_response_mb, "largest single answer (MiB)")
      ->capture_default_str();
  v->add_option("--max-depth", sv->max_depth, "set nesting followed by !i,1 and !a")
      ->capture_default_str();
  v->add_option("--max-sets", sv->max_sets, "sets visited by one !i,1 or !a")
      ->capture_default_str();
  v->callback([sv, &rc] { rc = run_serve(*sv); });
}

}  // namespace manrs::app
