// routing_perf_tool — runs RoutingAnalysis over MRT files and prints the pass's figures (routes/s,
// peak memory). Not installed; for the benchmark figures in the README.
//   routing_perf_tool [--vrps FILE] [--irr FILE]... [--threads N] MRT...
//   routing_perf_tool --synth RIB OUT_DIR [PEERS UPDATES]: writes OUT_DIR/rib.mrt (every route
//     of the sample RIB once per peer, TABLE_DUMP_V2) and OUT_DIR/updates.mrt (UPDATES
//     announcements/withdrawals of those prefixes with their real paths, spread over 24 h).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sys/resource.h>

#include "manrs/check/routing.h"
#include "manrs/check/testing/mrt_builder.h"
#include "manrs/core/input.h"
#include "manrs/irr/database.h"
#include "manrs/mrt/reader.h"
#include "manrs/rpki/reader.h"
#include "manrs/rpki/rov.h"

namespace {

int synth(const std::string& rib, const std::string& dir, unsigned peers, unsigned updates) {
  using namespace manrs;  // NOLINT(google-build-using-namespace)
  auto src = core::open_input(rib);
  if (!src) return 1;
  mrt::Reader reader(std::move(*src));
  mrt::Record rec;
  std::vector<std::pair<std::string, check::testing::PathSpec>> routes;
  for (;;) {
    auto more = reader.next(rec);
    if (!more) {
      if (reader.failed()) break;
      continue;
    }
    if (!*more) break;
    auto take = [&](const net::Prefix& p, const bgp::PathAttributes& a) {
      check::testing::PathSpec ps;
      for (const auto& seg : a.as_path.segments()) {
        if (seg.type != net::SegmentType::kSequence) continue;
        for (const net::Asn x : a.as_path.segment_asns(seg)) ps.seq.push_back(x);
      }
      if (!ps.seq.empty()) routes.emplace_back(p.to_string(), std::move(ps));
    };
    if (rec.kind == mrt::RecordKind::kTableDump) {
      for (std::size_t i = 0; i < rec.table_dump.count; ++i) {
        take(rec.table_dump.entries[i].prefix, rec.table_dump.entries[i].attrs);
      }
    } else if (rec.kind == mrt::RecordKind::kRib) {
      for (std::size_t i = 0; i < rec.rib.count; ++i)
        take(rec.rib.prefix, rec.rib.entries[i].attrs);
    }
  }
  const std::uint32_t t0 = 1446336000;
  std::vector<check::testing::MrtBuilder::PeerSpec> ps;
  for (unsigned i = 0; i < peers; ++i)
    ps.push_back({fmt::format("10.0.{}.{}", i / 200, i % 200 + 1), 3356 + i});
  check::testing::MrtBuilder r;
  r.peer_index(t0, ps);
  for (const auto& [p, path] : routes) {
    std::vector<check::testing::RibRoute> rr;
    for (unsigned i = 0; i < peers; ++i) {
      check::testing::PathSpec x = path;
      x.seq.insert(x.seq.begin(), ps[i].asn);
      rr.push_back({static_cast<std::uint16_t>(i), x});
    }
    r.rib(t0, p, rr);
  }
  r.write(dir + "/rib.mrt");
  check::testing::MrtBuilder u;
  std::mt19937_64 rng(7);
  for (unsigned k = 0; k < updates; ++k) {
    const auto t = static_cast<std::uint32_t>(t0 + 1 + (std::uint64_t{k} * 86400) / updates);
    const auto& [p, path] = routes[rng() % routes.size()];
    const auto& peer = ps[rng() % peers];
    if (rng() % 3 == 0) {
      u.withdraw(t, peer, {p});
    } else {
      check::testing::PathSpec x = routes[rng() % routes.size()].second;
      x.seq.insert(x.seq.begin(), peer.asn);
      x.seq.push_back(path.seq.back());
      u.announce(t, peer, {p}, x);
    }
  }
  u.write(dir + "/updates.mrt");
  fmt::print("{} routes x {} peers, {} updates\n", routes.size(), peers, updates);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace manrs;  // NOLINT(google-build-using-namespace)
  if (argc >= 4 && std::string(argv[1]) == "--synth") {
    return synth(argv[2], argv[3], argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 9,
                 argc > 5 ? static_cast<unsigned>(std::atoi(argv[5])) : 2000000);
  }
  check::RoutingInputs in;
  std::unique_ptr<rpki::RovTable> rov;
  std::unique_ptr<irr::Database> irr;
  std::vector<std::string> irr_files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--vrps" && i + 1 < argc) {
      auto v = rpki::read_vrps(argv[++i]);
      if (!v) {
        fmt::print(stderr, "{}\n", v.error().to_string());
        return 1;
      }
      rov = std::make_unique<rpki::RovTable>(v->vrps);
      in.rov = rov.get();
    } else if (a == "--irr" && i + 1 < argc) {
      irr_files.emplace_back(argv[++i]);
    } else if (a == "--threads" && i + 1 < argc) {
      in.threads = static_cast<unsigned>(std::atoi(argv[++i]));
    } else {
      in.mrt_files.push_back(a);
    }
  }
  if (!irr_files.empty()) {
    irr = std::make_unique<irr::Database>();
    irr::LoadOptions o;
    o.progress = false;
    for (const std::string& f : irr_files) {
      auto r = irr->load_file(f, o);
      if (!r) {
        fmt::print(stderr, "{}\n", r.error().to_string());
        return 1;
      }
    }
    irr->finalize();
    in.irr = irr.get();
  }
  in.progress = true;
  const check::Config config;
  auto a = check::RoutingAnalysis::run(in, std::nullopt, config);
  if (!a) {
    fmt::print(stderr, "{}\n", a.error().to_string());
    return 1;
  }
  const check::RoutingStats& s = (*a)->stats();
  const std::uint64_t routes = s.rib_entries + s.announcements + s.withdrawals;
  fmt::print("files {} records {} rib_entries {} announcements {} withdrawals {} errors {}\n",
             s.files, s.records, s.rib_entries, s.announcements, s.withdrawals, s.record_errors);
  fmt::print("window {} segments {} prefixes {} origins {}\n", (*a)->window().month, s.segments,
             s.prefixes, s.origins);
  fmt::print("run {:.2f} s, {:.0f} routes/s\n", s.seconds, static_cast<double>(routes) / s.seconds);
  std::size_t events = 0;
  std::size_t per_metric[check::kMetricCount] = {};
  std::size_t routes_info = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<net::Asn> ases = (*a)->ases();
  for (const net::Asn asn : ases) {
    for (const check::Event& e : (*a)->events(asn)) {
      ++events;
      ++per_metric[static_cast<std::size_t>(e.metric)];
    }
    routes_info += (*a)->routing_info(asn).routes.size();
  }
  const double q = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("ases {} events {} routing_info routes {} (queries {:.2f} s)\n", ases.size(), events,
             routes_info, q);
  for (std::size_t m = 0; m < check::kMetricCount; ++m) {
    if (per_metric[m] > 0) {
      fmt::print("  {} {}\n", check::metric_id(static_cast<check::Metric>(m)), per_metric[m]);
    }
  }
  for (const std::string& w : (*a)->warnings()) fmt::print("warning: {}\n", w);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  fmt::print("max RSS {:.1f} MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
