// bench/irr_load.cpp — load + index throughput of irr::Database, and the expansion of a set.
//
//   bench_irr_load FILE... [--expand AS-SET]... [--parse-sets] | --scan-only FILE...
//
// Loads every FILE (RPSL, plain or compressed) into one Database, finalizes it and prints
// objects, seconds, objects/s, MB/s, text and index bytes per object and the peak RSS; then
// expands each --expand set to ASNs and to IPv4/IPv6 route prefixes (median of 5 runs).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "manrs/irr/database.h"
#include "manrs/irr/expand.h"

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0)
      return std::strtol(line.c_str() + std::strlen(field), nullptr, 10);
  }
  return 0;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using manrs::irr::Database;
  std::vector<std::string> files;
  std::vector<std::string> sets;
  bool scan_only = false;
  bool parse_sets = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--scan-only") {
      scan_only = true;
    } else if (a == "--parse-sets") {
      parse_sets = true;
    } else if (a == "--expand" && i + 1 < argc) {
      sets.emplace_back(argv[++i]);
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: bench_irr_load FILE... [--expand AS-SET]...\n");
    return 2;
  }
  if (scan_only) {  // the scanner alone, for comparison
    double s0 = now();
    std::uint64_t objects = 0;
    std::uint64_t attrs = 0;
    for (const std::string& f : files) {
      auto src = manrs::core::open_input(f);
      if (!src) return 1;
      manrs::irr::RpslReader reader(**src);
      while (true) {
        auto o = reader.next();
        if (!o || *o == nullptr) break;
        ++objects;
        attrs += (*o)->attributes.size();
      }
    }
    double s1 = now();
    std::printf("scan only: %llu objects (%llu attributes) in %.2f s: %.0f objects/s\n",
                static_cast<unsigned long long>(objects), static_cast<unsigned long long>(attrs),
                s1 - s0, static_cast<double>(objects) / (s1 - s0));
    return 0;
  }
  Database db;
  manrs::irr::LoadOptions opt;
  opt.progress = false;
  double t0 = now();
  std::uint64_t bytes = 0;
  std::uint64_t skipped = 0;
  std::uint64_t loaded = 0;
  for (const std::string& f : files) {
    auto rep = db.load_file(f, opt);
    if (!rep) {
      std::fprintf(stderr, "%s\n", rep.error().to_string().c_str());
      return 1;
    }
    bytes += rep->bytes;
    skipped += rep->skipped;
    loaded += rep->objects;
  }
  double t1 = now();
  db.finalize();
  double t2 = now();
  auto st = db.stats();
  double n = static_cast<double>(st.objects);
  std::printf(
      "objects loaded %llu (skipped %llu), kept %llu (the others replaced by a later copy), "
      "routes %zu; load %.2f s + finalize %.2f s\n",
      static_cast<unsigned long long>(loaded), static_cast<unsigned long long>(skipped),
      static_cast<unsigned long long>(st.objects), db.route_count(), t1 - t0, t2 - t1);
  std::printf("objects/s %.0f (%.0f MB/s of RPSL)\n", static_cast<double>(loaded) / (t2 - t0),
              static_cast<double>(bytes) / 1e6 / (t2 - t0));
  std::printf(
      "text %.1f MB (%.0f B/object), indexes %.1f MB (%.0f B/object), peak RSS %.1f MB "
      "(%.0f B/object)\n",
      static_cast<double>(st.text_bytes) / 1e6, static_cast<double>(st.text_bytes) / n,
      static_cast<double>(st.index_bytes) / 1e6, static_cast<double>(st.index_bytes) / n,
      static_cast<double>(status_kb("VmHWM:")) / 1e3,
      static_cast<double>(status_kb("VmHWM:")) * 1024.0 / n);
  if (parse_sets) {  // every set definition parsed (they are parsed on first use)
    double a = now();
    std::size_t n_as = db.set_names(manrs::irr::ObjectClass::kAsSet).size();
    std::size_t n_rs = db.set_names(manrs::irr::ObjectClass::kRouteSet).size();
    double b = now();
    std::printf("parsed %zu as-sets and %zu route-sets in %.1f ms (%.2f us/set)\n", n_as, n_rs,
                (b - a) * 1e3,
                (b - a) * 1e6 / static_cast<double>(std::max<std::size_t>(1, n_as + n_rs)));
  }
  for (const std::string& s : sets) {
    std::vector<double> ta;
    std::vector<double> t4;
    std::vector<double> t6;
    std::size_t asns = 0;
    std::size_t p4 = 0;
    std::size_t p6 = 0;
    for (int rep = 0; rep < 5; ++rep) {
      double a = now();
      auto ex = manrs::irr::expand_as_set(db, s);
      double b = now();
      if (!ex) {
        std::fprintf(stderr, "%s\n", ex.error().to_string().c_str());
        return 1;
      }
      auto v4 = manrs::irr::route_prefixes(db, ex->asns, manrs::net::Family::kV4, {});
      double c = now();
      auto v6 = manrs::irr::route_prefixes(db, ex->asns, manrs::net::Family::kV6, {});
      double d = now();
      ta.push_back(b - a);
      t4.push_back(c - b);
      t6.push_back(d - c);
      asns = ex->asns.size();
      p4 = v4.size();
      p6 = v6.size();
    }
    std::printf(
        "%s: %zu ASNs in %.1f ms (first run, sets parsed on first use: %.1f ms); +%zu IPv4 "
        "prefixes in %.1f ms; +%zu IPv6 in %.1f ms\n",
        s.c_str(), asns, median(ta) * 1e3, ta[0] * 1e3, p4, median(t4) * 1e3, p6, median(t6) * 1e3);
    std::vector<double> tc;
    std::size_t members = 0;
    for (int rep = 0; rep < 5; ++rep) {
      manrs::irr::ExpandOptions o;
      o.contributions = true;
      double a = now();
      auto ex = manrs::irr::expand_as_set(db, s, o);
      tc.push_back(now() - a);
      members = ex ? ex->contributions.size() : 0;
    }
    std::printf("%s with the contributions of its %zu direct members: %.1f ms\n", s.c_str(),
                members, median(tc) * 1e3);
  }
  return 0;
}
