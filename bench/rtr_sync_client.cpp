// Minimal native RTR client for benchmarks (issue 4): N threads, each doing R full syncs
// (Reset Query -> read PDUs until End of Data) against one cache; it only reads PDU headers,
// skips bodies and counts PDUs and bytes, so the server, not the client, is measured. The same
// binary runs against manrs and StayRTR (tools/bench-rtr.sh).
//
//   rtr_sync_client HOST PORT [--version V] [--parallel N] [--repeat R] [--timeout S]
//                   [--wait S] [--quiet]
//   --version  RTR version of the Reset Query (0, 1, 2; default 1)
//   --parallel concurrent clients (threads), each with its own connection (default 1)
//   --repeat   full syncs per client, each on a new connection (default 1)
//   --timeout  per-sync limit in seconds (default 120)
//   --wait     retry connect/sync until the first End of Data or S seconds (time to serving)
// Output: one line per measure and a final "RESULT ..." line (key=value, for scripts). Exit 1
// if any sync failed (Error Report, close before End of Data, timeout) or if the PDU or byte
// counts differ between syncs (every client of one cache must get the same set).
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

struct SyncResult {
  bool ok = false;
  std::string error;
  std::uint64_t pdus = 0;
  std::uint64_t bytes = 0;
  std::uint32_t serial = 0;
  double seconds = 0;
};

int connect_to(const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0) return -1;
  int fd = -1;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) continue;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  return fd;
}

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

SyncResult full_sync(const std::string& host, const std::string& port, int version,
                     double timeout_s) {
  SyncResult r;
  const auto t0 = Clock::now();
  const int fd = connect_to(host, port);
  if (fd < 0) {
    r.error = "connect failed";
    return r;
  }
  const std::array<unsigned char, 8> query{
      static_cast<unsigned char>(version), 2, 0, 0, 0, 0, 0, 8};
  if (send(fd, query.data(), query.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(query.size())) {
    r.error = "send failed";
    close(fd);
    return r;
  }
  std::vector<unsigned char> buf(1 << 18);
  std::array<unsigned char, 24> hdr{};  // header (8) + End of Data serial, kept whole
  std::size_t have = 0;                 // header bytes collected for the current PDU
  std::uint64_t skip = 0;               // body bytes of the current PDU still to skip
  std::uint32_t length = 0;
  bool started = false;
  const auto deadline = t0 + std::chrono::duration<double>(timeout_s);
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      r.error = "timeout";
      break;
    }
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    if (n <= 0) {
      r.error = n == 0 ? "closed before End of Data" : "recv failed";
      break;
    }
    r.bytes += static_cast<std::uint64_t>(n);
    std::size_t i = 0;
    const auto un = static_cast<std::size_t>(n);
    bool done = false;
    while (i < un && !done) {
      if (skip > 0) {  // inside a PDU body
        const std::size_t k = std::min<std::uint64_t>(skip, un - i);
        // keep the first 16 bytes of a type-7/10 body beside the header
        for (std::size_t j = 0; j < k && have < hdr.size(); ++j) hdr[have++] = buf[i + j];
        i += k;
        skip -= k;
      } else {
        hdr[have++] = buf[i++];
        if (have < 8) continue;
        if (have == 8) {
          length = be32(&hdr[4]);
          if (length < 8 || length > (1u << 20)) {
            r.error = "bad PDU length " + std::to_string(length);
            done = true;
            break;
          }
          skip = length - 8;
        }
      }
      if (have >= 8 && skip == 0) {  // one PDU complete
        ++r.pdus;
        const unsigned type = hdr[1];
        if (type == 10) {
          r.error = "Error Report code " + std::to_string((hdr[2] << 8) | hdr[3]);
          done = true;
        } else if (type == 3) {
          started = true;
        } else if (type == 7) {
          if (!started) r.error = "End of Data without Cache Response";
          r.serial = have >= 12 ? be32(&hdr[8]) : 0;
          r.ok = started;
          done = true;
        }
        have = 0;
      }
    }
    if (done || r.ok) break;
  }
  close(fd);
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return r;
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s HOST PORT [--version V] [--parallel N] [--repeat R] [--timeout S] "
                 "[--wait S] [--quiet]\n",
                 argv[0]);
    return 2;
  }
  const std::string host = argv[1];
  const std::string port = argv[2];
  int version = 1;
  int parallel = 1;
  int repeat = 1;
  double timeout_s = 120;
  double wait_s = 0;
  bool quiet = false;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--version")
      version = std::atoi(next());
    else if (a == "--parallel")
      parallel = std::max(1, std::atoi(next()));
    else if (a == "--repeat")
      repeat = std::max(1, std::atoi(next()));
    else if (a == "--timeout")
      timeout_s = std::atof(next());
    else if (a == "--wait")
      wait_s = std::atof(next());
    else if (a == "--quiet")
      quiet = true;
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (version < 0 || version > 2) {
    std::fprintf(stderr, "--version must be 0, 1 or 2\n");
    return 2;
  }

  const auto start = Clock::now();
  if (wait_s > 0) {  // time to serving: the first complete sync
    const auto until = start + std::chrono::duration<double>(wait_s);
    SyncResult r;
    for (;;) {
      r = full_sync(host, port, version, timeout_s);
      if (r.ok || Clock::now() >= until) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    if (!r.ok) {
      std::fprintf(stderr, "not serving after %.1f s: %s\n", s, r.error.c_str());
      return 1;
    }
    std::printf("RESULT ready_s=%.4f pdus=%llu bytes=%llu serial=%u\n", s,
                static_cast<unsigned long long>(r.pdus), static_cast<unsigned long long>(r.bytes),
                r.serial);
    return 0;
  }

  std::vector<SyncResult> results(static_cast<std::size_t>(parallel) *
                                  static_cast<std::size_t>(repeat));
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(parallel));
  for (int t = 0; t < parallel; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < repeat; ++k)
        results[static_cast<std::size_t>(t) * static_cast<std::size_t>(repeat) +
                static_cast<std::size_t>(k)] = full_sync(host, port, version, timeout_s);
    });
  }
  for (auto& th : threads) th.join();
  const double total = std::chrono::duration<double>(Clock::now() - start).count();

  int failed = 0;
  bool differ = false;
  std::vector<double> times;
  const SyncResult* first = nullptr;
  for (const auto& r : results) {
    if (!r.ok) {
      if (failed++ < 5) std::fprintf(stderr, "sync failed: %s\n", r.error.c_str());
      continue;
    }
    times.push_back(r.seconds);
    if (first == nullptr)
      first = &r;
    else if (r.pdus != first->pdus || r.bytes != first->bytes)
      differ = true;
  }
  const unsigned long long pdus = first ? first->pdus : 0;
  const unsigned long long bytes = first ? first->bytes : 0;
  if (!quiet) {
    std::printf("syncs: %zu (%d parallel x %d), v%d, %d failed\n", results.size(), parallel, repeat,
                version, failed);
    std::printf("per sync: %llu PDUs, %llu bytes%s\n", pdus, bytes,
                differ ? "  (COUNTS DIFFER between syncs)" : "");
    std::printf("time per sync: min %.4f s, median %.4f s, max %.4f s\n", pct(times, 0),
                pct(times, 0.5), pct(times, 1));
    std::printf("total: %.4f s\n", total);
  }
  std::printf(
      "RESULT total_s=%.4f median_s=%.4f max_s=%.4f syncs=%zu failed=%d pdus=%llu "
      "bytes=%llu differ=%d\n",
      total, pct(times, 0.5), pct(times, 1), results.size(), failed, pdus, bytes, differ ? 1 : 0);
  return failed == 0 && !differ ? 0 : 1;
}
