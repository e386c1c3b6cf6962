// `manrs rtr serve`: an RPKI-to-Router cache (RFC 6810/8210/8210bis) serving a VRP set (+ SLURM)
// loaded with load_vrp_set; polls the inputs and replaces the served set only with a good one
// (loaded, not empty, not shrunk too much); /metrics, /status and /vrps.json over HTTP.
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sys/stat.h>

#include "manrs/app/commands.h"
#include "manrs/app/json_text.h"
#include "manrs/app/log.h"
#include "manrs/app/rpki_inputs.h"
#include "manrs/rpki/writer.h"
#include "manrs/rtr/cache.h"
#include "manrs/rtr/server.h"

namespace manrs::app {
namespace {

struct RtrOptions {
  VrpLoadOptions vrps;
  std::vector<std::string> listen;
  std::string http = "127.0.0.1:9323";
  rtr::Timers timers;
  unsigned reload_interval = 600;
  unsigned poll_interval = 2;
  double max_shrink = 0.2;
  std::int64_t max_age = 0;  // 0 = never stale
  bool stale_stop = false;
  std::size_t max_clients = 1024;
  int session_id = -1;
};

// What /metrics and /status report besides the cache and server counters (guarded by mu).
struct ReloadStatus {
  std::mutex mu;
  std::int64_t last_update = 0, last_success = 0, last_failure = 0;
  std::string last_error;
  bool stale = false;
};

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void log_line(std::string_view line) { app::log_line("rtr", line); }

// mtime + size of every input: a change triggers a reload.
std::vector<std::pair<std::int64_t, std::int64_t>> input_stamps(const RtrOptions& o) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  auto add = [&](const std::string& f) {
    struct stat st {};
    if (::stat(f.c_str(), &st) != 0) {
      out.emplace_back(-1, -1);
    } else {
      out.emplace_back(
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
          static_cast<std::int64_t>(st.st_size));
    }
  };
  for (const auto& f : o.vrps.files) add(f);
  for (const auto& f : o.vrps.slurm) add(f);
  return out;
}

std::string describe(const rpki::VrpSet& s) {
  return fmt::format("{} VRPs ({} IPv4, {} IPv6), {} ASPAs, {} router keys", s.vrps.size(),
                     s.v4_count(), s.v6_count(), s.aspas.size(), s.router_keys.size());
}

bool is_stale(const RtrOptions& o, const rpki::VrpSet& s) {
  return o.max_age > 0 && s.metadata.build_time != 0 &&
         now_seconds() - s.metadata.build_time > o.max_age;
}

// Loads the inputs and, if the result is acceptable, updates the cache. Returns true if the
// cache changed (the caller notifies clients).
bool reload(const RtrOptions& o, rtr::Cache& cache, ReloadStatus& status, bool first) {
  auto fail = [&](const std::string& why) {
    log_line(fmt::format("reload rejected, {}: {}",
                         first ? "nothing to serve yet" : "keeping the last good set", why));
    std::lock_guard lock(status.mu);
    status.last_failure = now_seconds();
    status.last_error = why;
    return false;
  };
  auto loaded = load_vrp_set(o.vrps);
  if (!loaded) {
    return fail(loaded.error().to_string());
  }
  rpki::VrpSet& set = *loaded;
  if (set.vrps.empty() && set.aspas.empty() && set.router_keys.empty()) {
    return fail("the inputs hold no VRPs, ASPAs or router keys");
  }
  auto old = cache.state();
  if (old->has_data || !first) {
    std::size_t before = old->set->vrps.size();
    if (before > 0 &&
        static_cast<double>(set.vrps.size()) < static_cast<double>(before) * (1.0 - o.max_shrink)) {
      return fail(fmt::format("VRPs shrank from {} to {} (more than --max-shrink {})", before,
                              set.vrps.size(), o.max_shrink));
    }
  }
  bool stale = is_stale(o, set);
  std::string desc = describe(set);
  // Stale data with --stale-stop is stored but never served, not even briefly.
  auto r = cache.update(std::move(set), !(stale && o.stale_stop));
  {
    std::lock_guard lock(status.mu);
    status.last_success = now_seconds();
    status.stale = stale;
    if (r.changed) {
      status.last_update = status.last_success;
    }
  }
  if (stale) {
    log_line(fmt::format("data is stale (build time older than {} s){}", o.max_age,
                         o.stale_stop ? ": not serving it (--stale-stop)" : ""));
  }
  if (r.changed) {
    log_line(fmt::format("serial {}: {}; +{} -{}", r.serial, desc, r.announced, r.withdrawn));
  }
  return r.changed;
}

std::string metrics(const rtr::Cache& cache, const rtr::Server& server, ReloadStatus& status) {
  auto st = cache.state();
  const auto& s = *st->set;
  const auto& stats = server.stats();
  std::string out;
  auto gauge = [&](std::string_view name, std::string_view help, std::string_view type) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  };
  gauge("rtr_serial", "serial of the served data", "gauge");
  out += fmt::format("rtr_serial {}\n", st->serial);
  gauge("rtr_vrps", "VRPs served, by address family", "gauge");
  out += fmt::format("rtr_vrps{{family=\"ipv4\"}} {}\nrtr_vrps{{family=\"ipv6\"}} {}\n",
                     s.v4_count(), s.v6_count());
  gauge("rtr_aspas", "ASPA records served (customers)", "gauge");
  out += fmt::format("rtr_aspas {}\n", s.aspas.size());
  gauge("rtr_router_keys", "BGPsec router keys served", "gauge");
  out += fmt::format("rtr_router_keys {}\n", s.router_keys.size());
  gauge("rtr_clients", "connected clients by negotiated protocol version", "gauge");
  for (std::size_t v = 0; v < stats.clients.size(); ++v) {
    out += fmt::format("rtr_clients{{version=\"{}\"}} {}\n", v, stats.clients[v].load());
  }
  gauge("rtr_pdus_sent_total", "PDUs sent by type", "counter");
  for (std::size_t t = 0; t < rtr::kPduTypes; ++t) {
    if (t == 5) continue;  // reserved type
    out += fmt::format("rtr_pdus_sent_total{{type=\"{}\"}} {}\n",
                       rtr::to_string(static_cast<rtr::PduType>(t)), stats.pdus_sent[t].load());
  }
  std::lock_guard lock(status.mu);
  gauge("rtr_last_update_timestamp_seconds", "when the served data last changed", "gauge");
  out += fmt::format("rtr_last_update_timestamp_seconds {}\n", status.last_update);
  gauge("rtr_reload_success_timestamp_seconds", "last reload that was accepted", "gauge");
  out += fmt::format("rtr_reload_success_timestamp_seconds {}\n", status.last_success);
  gauge("rtr_reload_failure_timestamp_seconds", "last reload that was rejected", "gauge");
  out += fmt::format("rtr_reload_failure_timestamp_seconds {}\n", status.last_failure);
  gauge("rtr_data_stale", "1 if the data's build time is older than --max-age", "gauge");
  out += fmt::format("rtr_data_stale {}\n", status.stale ? 1 : 0);
  return out;
}

std::string json_escape(std::string_view s) {
  std::string out;
  append_json_escaped(out, s);
  return out;
}

std::string status_json(const rtr::Cache& cache, const rtr::Server& server, ReloadStatus& status) {
  auto st = cache.state();
  const auto& s = *st->set;
  const auto& stats = server.stats();
  std::lock_guard lock(status.mu);
  return fmt::format(
      "{{\"session_id\":{},\"serial\":{},\"serving\":{},\"vrps\":{{\"ipv4\":{},\"ipv6\":{}}},"
      "\"aspas\":{},\"router_keys\":{},\"build_time\":{},\"stale\":{},\"clients\":{},"
      "\"last_update\":{},\"last_reload_success\":{},\"last_reload_failure\":{},"
      "\"last_error\":\"{}\",\"history\":{}}}\n",
      st->session_id, st->serial, st->has_data, s.v4_count(), s.v6_count(), s.aspas.size(),
      s.router_keys.size(), s.metadata.build_time, status.stale, stats.connections.load(),
      status.last_update, status.last_success, status.last_failure, json_escape(status.last_error),
      st->history.size());
}

ExitCode run_rtr_serve(RtrOptions o) {
  o.vrps.quiet = false;
  if (auto t = rtr::check_timers(o.timers); !t) {
    log_line(t.error().to_string());
    return ExitCode::kFailed;
  }
  // The defaults: a host without IPv6 (or without IPv4 loopback) still serves on the other one.
  const bool default_listen = o.listen.empty();
  if (default_listen) {
    o.listen = {"127.0.0.1:8323", "[::1]:8323"};
  }
  std::uint16_t session = 0;
  if (o.session_id >= 0) {
    session = static_cast<std::uint16_t>(o.session_id);
  } else {
    std::random_device rd;
    session = static_cast<std::uint16_t>(rd() & 0xFFFFU);
  }
  // Block the signals before any thread starts; the main loop takes them with sigtimedwait.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);

  rtr::Cache cache(session);
  ReloadStatus status;
  auto stamps = input_stamps(o);
  reload(o, cache, status, true);

  rtr::ServerOptions so;
  so.listen = o.listen;
  so.skip_unbindable = default_listen;
  if (!o.http.empty()) {
    so.http_listen = {o.http};
  }
  so.timers = o.timers;
  so.max_clients = o.max_clients;
  so.idle_timeout = std::chrono::seconds(std::uint64_t{o.timers.refresh} + o.timers.expire);
  so.log = log_line;
  rtr::Server server(cache, so);
  server.set_http_handler([&](std::string_view path, std::string& body, std::string& type) {
    if (path == "/metrics") {
      body = metrics(cache, server, status);
      type = "text/plain; version=0.0.4";
      return 200;
    }
    if (path == "/status") {
      body = status_json(cache, server, status);
      type = "application/json";
      return 200;
    }
    if (path == "/vrps.json") {
      rpki::write_vrps(*cache.state()->set, rpki::OutputFormat::kRpkiClientJson, body);
      type = "application/json";
      return 200;
    }
    return 404;
  });
  if (auto s = server.start(); !s) {
    log_line(s.error().to_string());
    return ExitCode::kFailed;
  }
  const auto ports = server.rtr_ports();
  for (std::size_t i = 0; i < o.listen.size(); ++i) {
    if (ports[i] != 0) {  // 0: a default address that could not be bound (logged by the server)
      log_line(fmt::format("session {}: RTR on {} (port {})", session, o.listen[i], ports[i]));
    }
  }
  if (!o.http.empty()) {
    log_line(fmt::format("HTTP on {} (port {}): /metrics /status /vrps.json", o.http,
                         server.http_ports()[0]));
  }
  auto last_reload = std::chrono::steady_clock::now();
  for (;;) {
    timespec ts{static_cast<time_t>(std::max(1U, o.poll_interval)), 0};
    int sig = sigtimedwait(&sigs, nullptr, &ts);
    if (sig == SIGINT || sig == SIGTERM) {
      log_line(fmt::format("signal {}: shutting down", sig));
      break;
    }
    auto now = std::chrono::steady_clock::now();
    auto cur = input_stamps(o);
    bool due = now - last_reload >= std::chrono::seconds(o.reload_interval);
    if (cur != stamps || due) {
      if (cur != stamps) {
        log_line("input changed: reloading");
      }
      stamps = cur;
      last_reload = now;
      if (reload(o, cache, status, false)) {
        server.notify();
      }
    } else if (o.max_age > 0) {
      auto st = cache.state();
      bool stale = is_stale(o, *st->set);
      bool was = false;
      {
        std::lock_guard lock(status.mu);
        was = status.stale;
        status.stale = stale;
      }
      if (stale && !was) {
        log_line(fmt::format("data became stale (build time older than {} s){}", o.max_age,
                             o.stale_stop ? ": no longer serving it" : ""));
        if (o.stale_stop) {
          cache.set_available(false);
        }
      }
    }
  }
  server.stop();
  return ExitCode::kOk;
}

}  // namespace

void register_rtr(CLI::App& app, ExitCode& rc) {
  auto* rtr = app.add_subcommand("rtr", "RPKI-to-Router (RFC 6810/8210/8210bis) cache server");
  rtr->require_subcommand(1);
  auto opt = std::make_shared<RtrOptions>();
  auto* cmd = rtr->add_subcommand("serve", "serve a VRP set (+ SLURM) to routers over RTR");
  cmd->add_option("--vrps", opt->vrps.files, "VRP/ASPA file(s), any format manrs reads (repeat)")
      ->allow_extra_args(false)
      ->required();
  cmd->add_option("--slurm", opt->vrps.slurm, "RFC 8416 SLURM file(s) (repeat)")
      ->allow_extra_args(false);
  cmd->add_option("--listen", opt->listen,
                  "RTR address ADDR:PORT or [V6]:PORT (repeat; default 127.0.0.1:8323 and "
                  "[::1]:8323)")
      ->allow_extra_args(false);
  cmd->add_option("--http", opt->http, "HTTP address for /metrics, /status, /vrps.json ('' = none)")
      ->capture_default_str();
  cmd->add_option("--refresh", opt->timers.refresh, "End of Data Refresh (1..86400 s)")
      ->capture_default_str();
  cmd->add_option("--retry", opt->timers.retry, "End of Data Retry (1..7200 s)")
      ->capture_default_str();
  cmd->add_option("--expire", opt->timers.expire, "End of Data Expire (600..172800 s)")
      ->capture_default_str();
  cmd->add_option("--reload-interval", opt->reload_interval,
                  "re-read the inputs this often even without a change (s)")
      ->capture_default_str();
  cmd->add_option("--poll-interval", opt->poll_interval,
                  "check the inputs' mtime and size this often (s)")
      ->capture_default_str();
  cmd->add_option("--max-shrink", opt->max_shrink,
                  "reject a new set with this share fewer VRPs than the served one")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max-age", opt->max_age,
                  "data whose build time is older than this is stale (s; 0 = never)")
      ->capture_default_str();
  cmd->add_flag("--stale-stop", opt->stale_stop, "do not serve stale data");
  cmd->add_option("--max-clients", opt->max_clients, "concurrent RTR connections")
      ->capture_default_str();
  cmd->add_option("--session-id", opt->session_id, "session id (0..65535; default random)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--vrp-format", opt->vrps.format, "force the VRP input format")
      ->capture_default_str();
  cmd->callback([opt, &rc] { rc = run_rtr_serve(*opt); });
}

}  // namespace manrs::app
