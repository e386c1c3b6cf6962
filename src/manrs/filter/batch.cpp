#include "manrs/filter/batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "manrs/filter/render.h"

namespace manrs::filter {
namespace {

namespace fs = std::filesystem;

std::string where(const std::string& path, const toml::node* n) {
  if (n == nullptr) {
    return path;
  }
  const auto& s = n->source();
  return fmt::format("{}:{}:{}", path, s.begin.line, s.begin.column);
}

Error bad(const std::string& path, const toml::node* n, std::string_view key, std::string_view want,
          std::string_view have) {
  return make_error(ErrorCode::kMalformed,
                    fmt::format("{}: {}: want {}, have {}", where(path, n), key, want, have));
}

std::string type_name(const toml::node& n) {
  std::ostringstream os;
  os << n.type();
  return os.str();
}

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || s == "." || s == "..") {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// Reads the customer-level options shared by [defaults] and [[customer]].
Result<void> read_options(const std::string& path, const toml::table& t, BatchCustomer& c) {
  for (const auto& kv : t) {
    const auto& k = kv.first;
    const auto& v = kv.second;
    const std::string key(k.str());
    auto want_bool = [&](bool& out) -> Result<void> {
      if (!v.is_boolean()) return bad(path, &v, key, "true or false", type_name(v));
      out = *v.value<bool>();
      return {};
    };
    auto want_len = [&](unsigned& out, unsigned max) -> Result<void> {
      auto i = v.value<std::int64_t>();
      if (!v.is_integer() || !i || *i < 0 || *i > max) {
        return bad(path, &v, key, fmt::format("an integer 0..{}", max), type_name(v));
      }
      out = static_cast<unsigned>(*i);
      return {};
    };
    Result<void> r;
    if (key == "mode") {
      auto s = v.value<std::string>();
      auto m = s ? parse_mode(*s) : std::nullopt;
      if (!m) return bad(path, &v, key, "irr, irr-rpki, irr+roa or rpki", s ? *s : type_name(v));
      c.options.mode = *m;
      c.mode_set = true;
    } else if (key == "ipv4") {
      r = want_bool(c.options.v4);
    } else if (key == "ipv6") {
      r = want_bool(c.options.v6);
    } else if (key == "aggregate") {
      r = want_bool(c.options.aggregate);
    } else if (key == "allow_empty") {
      r = want_bool(c.options.allow_empty);
    } else if (key == "max_length4") {
      r = want_len(c.options.max_len_v4, 32);
    } else if (key == "max_length6") {
      r = want_len(c.options.max_len_v6, 128);
    } else if (key == "min_length4") {
      r = want_len(c.options.min_len_v4, 32);
    } else if (key == "min_length6") {
      r = want_len(c.options.min_len_v6, 128);
    } else if (key == "more_specifics4" || key == "more_specifics6") {
      unsigned n = 0;
      r = want_len(n, key == "more_specifics4" ? 32 : 128);
      (key == "more_specifics4" ? c.options.more_specifics_v4 : c.options.more_specifics_v6) = n;
    } else {
      continue;  // the caller handles its own keys
    }
    if (!r) return r;
  }
  return {};
}

Result<std::vector<std::string>> string_list(const std::string& path, const toml::node& v,
                                             std::string_view key) {
  std::vector<std::string> out;
  if (auto s = v.value<std::string>()) {
    out.push_back(*s);
    return out;
  }
  const auto* arr = v.as_array();
  if (arr == nullptr) return bad(path, &v, key, "a string or an array of strings", type_name(v));
  for (const auto& e : *arr) {
    auto s = e.value<std::string>();
    if (!s) return bad(path, &e, key, "a string", type_name(e));
    out.push_back(*s);
  }
  return out;
}

Result<BatchSession> read_session(const std::string& path, const toml::node& n,
                                  const BatchSession& defaults) {
  const auto* t = n.as_table();
  if (t == nullptr) return bad(path, &n, "session", "a table", type_name(n));
  BatchSession s = defaults;
  for (const auto& kv : *t) {
    const auto& k = kv.first;
    const auto& v = kv.second;
    const std::string key(k.str());
    if (key == "router") {
      auto x = v.value<std::string>();
      if (!x || !valid_name(*x)) {
        return bad(path, &v, key, "a name of [A-Za-z0-9._-] (a folder)", x ? *x : type_name(v));
      }
      s.router = *x;
    } else if (key == "dialect") {
      auto x = v.value<std::string>();
      if (!x || find_dialect(*x) == nullptr) {
        return bad(path, &v, key, "a dialect id (manrs filter --help)", x ? *x : type_name(v));
      }
      s.dialect = find_dialect(*x)->id();
    } else if (key == "list_name") {
      auto x = v.value<std::string>();
      if (!x) return bad(path, &v, key, "a string", type_name(v));
      s.list_name = *x;
    } else if (key == "as_path") {
      if (!v.is_boolean()) return bad(path, &v, key, "true or false", type_name(v));
      s.as_path = *v.value<bool>();
    } else if (key == "peer_as") {
      auto x = v.value<std::int64_t>();
      if (!x || *x < 0 || *x > 4294967295LL) {
        return bad(path, &v, key, "an ASN", type_name(v));
      }
      s.peer_as = static_cast<net::Asn>(*x);
      s.as_path = true;
    } else {
      return bad(path, &v, "session", "router, dialect, list_name, as_path, peer_as", key);
    }
  }
  if (s.router.empty()) return bad(path, &n, "session", "a router name", "none");
  if (s.dialect.empty()) return bad(path, &n, "session", "a dialect", "none");
  return s;
}

Result<void> write_atomically(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      return make_error(ErrorCode::kIo, fmt::format("{}: cannot write", tmp.string()));
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    return make_error(ErrorCode::kIo, fmt::format("{}: rename: {}", file.string(), ec.message()));
  }
  return {};
}

}  // namespace

std::string_view to_string(BatchStatus s) {
  switch (s) {
    case BatchStatus::kWritten:
      return "written";
    case BatchStatus::kUnchanged:
      return "unchanged";
    case BatchStatus::kRefused:
      return "REFUSED";
    case BatchStatus::kFailed:
      return "FAILED";
  }
  return "?";
}

Result<BatchConfig> parse_batch_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kIo, fmt::format("{}: cannot open", path));
  }
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > (std::size_t{16} << 20)) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("{}: want a configuration under 16 MiB, have more", path));
    }
  }
  return parse_batch_config_text(text, path);
}

Result<BatchConfig> parse_batch_config_text(std::string_view text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& s = e.source();
    return make_error(ErrorCode::kMalformed, fmt::format("{}:{}:{}: {}", path, s.begin.line,
                                                         s.begin.column, e.description()));
  }
  BatchConfig c;
  c.path = path;
  const fs::path base = fs::path(path).parent_path();
  auto rel = [&base](const std::string& p) {
    if (p.empty() || fs::path(p).is_absolute()) return p;
    // NAME=FILE (RPSL): keep the name, resolve the file.
    const auto eq = p.find('=');
    if (eq != std::string::npos && p.find('/') > eq) {
      return p.substr(0, eq + 1) + (base / p.substr(eq + 1)).string();
    }
    return (base / p).string();
  };
  BatchCustomer defaults;
  BatchSession default_session;
  std::vector<BatchSession> default_sessions;
  for (const auto& kv : root) {
    const auto& k = kv.first;
    const auto& v = kv.second;
    const std::string key(k.str());
    if (key == "output_dir") {
      auto s = v.value<std::string>();
      if (!s) return bad(path, &v, key, "a string", type_name(v));
      c.output_dir = fs::path(*s).is_absolute() ? *s : (base / *s).string();
    } else if (key == "max_change") {
      auto d = v.value<double>();
      if (!d || *d < 0) return bad(path, &v, key, "a percentage >= 0", type_name(v));
      c.max_change = *d;
    } else if (key == "rpsl" || key == "sources" || key == "vrps" || key == "slurm" ||
               key == "unallocated") {
      auto l = string_list(path, v, key);
      if (!l) return l.error();
      auto& dst = key == "rpsl"      ? c.rpsl
                  : key == "sources" ? c.sources
                  : key == "vrps"    ? c.vrps
                  : key == "slurm"   ? c.slurm
                                     : c.unallocated;
      for (auto& s : *l) dst.push_back(key == "sources" ? s : rel(s));
    } else if (key == "defaults") {
      const auto* t = v.as_table();
      if (t == nullptr) return bad(path, &v, key, "a table", type_name(v));
      auto r = read_options(path, *t, defaults);
      if (!r) return r.error();
      if (const auto* ss = t->get("sessions")) {
        const auto* arr = ss->as_array();
        if (arr == nullptr) return bad(path, ss, "sessions", "an array of tables", type_name(*ss));
        for (const auto& s : *arr) {
          auto x = read_session(path, s, default_session);
          if (!x) return x.error();
          default_sessions.push_back(*x);
        }
      }
    } else if (key == "customer") {
      continue;  // below, after the defaults
    } else {
      return bad(path, &v, "top-level key",
                 "output_dir, max_change, rpsl, sources, vrps, slurm, unallocated, defaults, "
                 "customer",
                 key);
    }
  }
  if (c.output_dir.empty()) {
    c.output_dir = (base / "filters").string();
  }
  const auto* customers = root.get("customer");
  if (customers == nullptr || !customers->is_array_of_tables()) {
    return bad(path, customers, "customer", "one or more [[customer]] tables",
               customers == nullptr ? "none" : type_name(*customers));
  }
  for (const auto& n : *customers->as_array()) {
    const auto& t = *n.as_table();
    BatchCustomer cust = defaults;
    auto r = read_options(path, t, cust);
    if (!r) return r.error();
    for (const auto& kv : t) {
      const auto& k = kv.first;
      const auto& v = kv.second;
      const std::string key(k.str());
      if (key == "name") {
        auto s = v.value<std::string>();
        if (!s || !valid_name(*s)) {
          return bad(path, &v, key, "a name of [A-Za-z0-9._-] (a file name)",
                     s ? *s : type_name(v));
        }
        cust.name = *s;
      } else if (key == "target") {
        auto s = v.value<std::string>();
        if (!s || s->empty())
          return bad(path, &v, key, "an AS-SET, ASN or route-set", type_name(v));
        cust.target = *s;
      } else if (key == "sessions") {
        const auto* arr = v.as_array();
        if (arr == nullptr) return bad(path, &v, key, "an array of tables", type_name(v));
        for (const auto& s : *arr) {
          auto x = read_session(path, s, default_session);
          if (!x) return x.error();
          cust.sessions.push_back(*x);
        }
      } else if (key != "mode" && key != "ipv4" && key != "ipv6" && key != "aggregate" &&
                 key != "allow_empty" && key.rfind("max_length", 0) != 0 &&
                 key.rfind("min_length", 0) != 0 && key.rfind("more_specifics", 0) != 0) {
        return bad(path, &v, "customer key",
                   "name, target, sessions, mode, ipv4, ipv6, aggregate, allow_empty, "
                   "max_length4/6, min_length4/6, more_specifics4/6",
                   key);
      }
    }
    if (cust.target.empty()) return bad(path, &n, "customer", "a target", "none");
    if (cust.name.empty()) {
      cust.name = cust.target;
      for (char& ch : cust.name) {
        if (!valid_name(std::string_view(&ch, 1))) ch = '_';
      }
    }
    if (cust.sessions.empty()) cust.sessions = default_sessions;
    if (cust.sessions.empty()) {
      return bad(path, &n, "customer " + cust.name, "sessions (or [defaults] sessions)", "none");
    }
    for (const auto& other : c.customers) {
      if (other.name == cust.name) {
        return bad(path, &n, "customer name", "a unique name", cust.name);
      }
    }
    c.customers.push_back(std::move(cust));
  }
  return c;
}

namespace {

// One customer generated and rendered for each of its sessions (on a worker thread).
struct Prepared {
  Result<Filter> filter;
  std::vector<Result<std::string>> texts;
  double ms = 0;
};

Prepared prepare(const BatchCustomer& cust, const BatchRunOptions& options) {
  GenerateOptions go = cust.options;
  go.expand.scope = options.scope;
  go.unallocated = options.unallocated;
  if (!cust.mode_set) {
    go.mode = options.rpki != nullptr ? Mode::kIrrRpki : Mode::kIrr;
  }
  const auto t0 = std::chrono::steady_clock::now();
  Prepared p{generate(options.db, options.rpki, cust.target, go), {}, 0};
  p.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (p.filter) {
    for (const auto& s : cust.sessions) {
      RenderOptions ro;
      ro.name = s.list_name.empty() ? cust.name : s.list_name;
      ro.as_path = s.as_path;
      ro.peer_as = s.peer_as;
      p.texts.push_back(find_dialect(s.dialect)->render_filter(*p.filter, ro));
    }
  }
  return p;
}

void write_customer(const BatchConfig& config, const BatchRunOptions& options,
                    const BatchCustomer& cust, Prepared& prep, std::vector<BatchResult>& results) {
  const auto& f = prep.filter;
  const double ms = prep.ms;
  std::size_t session_index = 0;
  for (const auto& s : cust.sessions) {
    ++session_index;
    BatchResult r;
    r.customer = cust.name;
    r.target = cust.target;
    r.router = s.router;
    r.dialect = s.dialect;
    r.generate_ms = ms;
    r.file = (fs::path(config.output_dir) / s.router / (cust.name + "." + s.dialect)).string();
    if (!f) {
      r.status = BatchStatus::kFailed;
      r.message = f.error().to_string();
      results.push_back(std::move(r));
      continue;
    }
    r.expand_ms = f->expand_ms;
    r.collect_ms = f->collect_ms;
    r.finish_ms = f->finish_ms;
    r.v4 = f->v4.entries.size();
    r.v6 = f->v6.entries.size();
    r.asns = f->asns.size();
    r.partial = f->findings.partial();
    if (r.partial) {
      r.message = fmt::format("partial expansion: {} missing set(s)", f->findings.missing.size());
    }
    auto& text = prep.texts[session_index - 1];
    if (!text) {
      r.status = BatchStatus::kFailed;
      r.message = text.error().to_string();
      results.push_back(std::move(r));
      continue;
    }
    std::error_code ec;
    if (fs::exists(r.file, ec)) {
      r.had_previous = true;
      std::ifstream in(r.file, std::ios::binary);
      std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (old == *text) {
        r.status = BatchStatus::kUnchanged;
        results.push_back(std::move(r));
        continue;
      }
      auto prev = read_previous(r.file);
      if (prev) {
        const auto delta = compare(*f, *prev);
        r.added = delta.added;
        r.removed = delta.removed;
        r.change_percent = delta.percent();
        for (std::size_t k = 0; k < delta.added_entries.size() && k < 1000; ++k) {
          r.added_entries.push_back(delta.added_entries[k].to_string());
        }
        for (std::size_t k = 0; k < delta.removed_entries.size() && k < 1000; ++k) {
          r.removed_entries.push_back(delta.removed_entries[k].to_string());
        }
        if (delta.percent() > config.max_change && !options.force) {
          r.status = BatchStatus::kRefused;
          r.message = fmt::format("{:.1f}% change (+{} -{}) exceeds {:.1f}%: previous file kept",
                                  delta.percent(), delta.added, delta.removed, config.max_change);
          results.push_back(std::move(r));
          continue;
        }
      }
    } else {
      r.added = r.v4 + r.v6;
    }
    if (!options.dry_run) {
      auto w = write_atomically(r.file, *text);
      if (!w) {
        r.status = BatchStatus::kFailed;
        r.message = w.error().to_string();
      }
    }
    results.push_back(std::move(r));
  }
}

}  // namespace

std::vector<BatchResult> run_batch(const BatchConfig& config, const BatchRunOptions& options) {
  std::vector<BatchResult> results;
  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threads = std::max(1U, std::min(threads, 64U));
  // Customers are prepared in chunks on `threads` workers; files are compared and written in
  // the configuration's order on this thread.
  const std::size_t chunk = std::size_t{8} * threads;
  for (std::size_t base = 0; base < config.customers.size(); base += chunk) {
    const std::size_t n = std::min(chunk, config.customers.size() - base);
    std::vector<std::optional<Prepared>> prepared(n);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < n; i = next++) {
        prepared[i].emplace(prepare(config.customers[base + i], options));
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < n; ++t) {
      pool.emplace_back(work);
    }
    work();
    for (auto& th : pool) {
      th.join();
    }
    for (std::size_t i = 0; i < n; ++i) {
      write_customer(config, options, config.customers[base + i], *prepared[i], results);
    }
  }
  return results;
}

}  // namespace manrs::filter
