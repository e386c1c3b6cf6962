// Whois load client for the IRR benchmark (issue 5): N concurrent bgpq4-style clients, each on
// its own persistent connection ("!!"), sending IRRd `!` queries from a file (one per line; each
// client starts at its own offset and wraps), pipelined W deep, for D seconds. It parses the
// IRRd framing of every answer ("A<n>\n<n bytes>C\n", "C\n", "D\n", "F ...\n") — so the server,
// not the client, is measured, and a framing error is caught — and counts answers and bytes.
//
//   whois_load_client HOST PORT QUERIES [--clients N] [--seconds D] [--window W] [--quiet]
// Output: "RESULT clients=N queries=Q seconds=S qps=X p50_ms=.. p99_ms=.. bytes=B errors=E
// a=.. c=.. d=.. f=..". Exit 1 on a framing error, a closed connection or a connect failure.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

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

struct ClientResult {
  std::uint64_t answers = 0, bytes = 0;
  std::uint64_t counts[4] = {0, 0, 0, 0};  // A C D F
  std::vector<float> latency_ms;
  std::string error;
};

// Parses complete answers at the front of `buf`; returns how many bytes they used (0 = need
// more). Sets kind to 0..3 (A C D F) or -1 on a framing error.
std::size_t parse_answer(const std::string& buf, int& kind) {
  kind = -1;
  if (buf.empty()) return 0;
  const std::size_t nl = buf.find('\n');
  if (nl == std::string::npos) return 0;
  switch (buf[0]) {
    case 'A': {
      const long n = std::strtol(buf.c_str() + 1, nullptr, 10);
      if (n <= 0) return nl + 1;                                          // kind -1: framing error
      const std::size_t need = nl + 1 + static_cast<std::size_t>(n) + 2;  // data+"\n" then "C\n"
      if (buf.size() < need) return 0;
      if (buf.compare(need - 2, 2, "C\n") != 0 || buf[need - 3] != '\n') return need;
      kind = 0;
      return need;
    }
    case 'C':
      kind = nl == 1 ? 1 : -1;
      return nl + 1;
    case 'D':
      kind = nl == 1 ? 2 : -1;
      return nl + 1;
    case 'F':
      kind = 3;
      return nl + 1;
    default:
      return nl + 1;
  }
}

void run_client(const std::string& host, const std::string& port,
                const std::vector<std::string>& queries, std::size_t offset, double seconds,
                std::size_t window, ClientResult& r) {
  const int fd = connect_to(host, port);
  if (fd < 0) {
    r.error = "connect failed";
    return;
  }
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  std::string out = "!!\n";
  std::string in;
  std::vector<Clock::time_point> sent;  // send times of the queries in flight, in order
  std::size_t next = offset;
  bool stop_sending = false;
  char buf[65536];
  while (true) {
    if (!stop_sending && Clock::now() >= end) stop_sending = true;
    while (!stop_sending && sent.size() < window) {
      out += queries[next % queries.size()];
      out += '\n';
      ++next;
      sent.push_back(Clock::now());
    }
    if (stop_sending && sent.empty() && out.empty()) break;
    pollfd p{fd, POLLIN, 0};
    if (!out.empty()) p.events |= POLLOUT;
    if (poll(&p, 1, 30000) <= 0) {
      r.error = "timeout waiting for the server";
      break;
    }
    if ((p.revents & POLLOUT) != 0) {
      const ssize_t n = send(fd, out.data(), out.size(), MSG_NOSIGNAL);
      if (n < 0) {
        r.error = std::string("send: ") + std::strerror(errno);
        break;
      }
      out.erase(0, static_cast<std::size_t>(n));
    }
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) {
        r.error = "server closed the connection";
        break;
      }
      in.append(buf, static_cast<std::size_t>(n));
      r.bytes += static_cast<std::uint64_t>(n);
      for (;;) {
        int kind = -1;
        const std::size_t used = parse_answer(in, kind);
        if (used == 0) break;
        if (kind < 0) {
          r.error = "framing error near: " + in.substr(0, std::min<std::size_t>(used, 60));
          close(fd);
          return;
        }
        in.erase(0, used);
        if (sent.empty()) {
          r.error = "answer without a query";
          close(fd);
          return;
        }
        r.latency_ms.push_back(
            std::chrono::duration<float, std::milli>(Clock::now() - sent.front()).count());
        sent.erase(sent.begin());
        ++r.answers;
        ++r.counts[kind];
      }
    }
  }
  close(fd);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: %s HOST PORT QUERIES [--clients N] [--seconds D] [--window W] "
                 "[--quiet]\n",
                 argv[0]);
    return 2;
  }
  const std::string host = argv[1], port = argv[2];
  std::size_t clients = 100, window = 4;
  double seconds = 10;
  bool quiet = false;
  for (int i = 4; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--clients" && i + 1 < argc) {
      clients = std::strtoul(argv[++i], nullptr, 10);
    } else if (a == "--seconds" && i + 1 < argc) {
      seconds = std::strtod(argv[++i], nullptr);
    } else if (a == "--window" && i + 1 < argc) {
      window = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else if (a == "--quiet") {
      quiet = true;
    } else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  std::vector<std::string> queries;
  std::ifstream f(argv[3]);
  for (std::string line; std::getline(f, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  if (queries.empty()) {
    std::fprintf(stderr, "no queries in %s\n", argv[3]);
    return 2;
  }
  std::vector<ClientResult> results(clients);
  std::vector<std::thread> threads;
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < clients; ++i) {
    threads.emplace_back(run_client, host, port, std::cref(queries), (i * 7919) % queries.size(),
                         seconds, window, std::ref(results[i]));
  }
  for (auto& t : threads) t.join();
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::uint64_t answers = 0, bytes = 0, counts[4] = {0, 0, 0, 0};
  std::size_t errors = 0;
  std::vector<float> lat;
  for (const auto& r : results) {
    answers += r.answers;
    bytes += r.bytes;
    for (int k = 0; k < 4; ++k) counts[k] += r.counts[k];
    lat.insert(lat.end(), r.latency_ms.begin(), r.latency_ms.end());
    if (!r.error.empty()) {
      ++errors;
      if (!quiet) std::fprintf(stderr, "client error: %s\n", r.error.c_str());
    }
  }
  std::sort(lat.begin(), lat.end());
  auto pct = [&](double p) {
    return lat.empty()
               ? 0.0
               : static_cast<double>(
                     lat[static_cast<std::size_t>(p * static_cast<double>(lat.size() - 1))]);
  };
  std::printf(
      "RESULT clients=%zu queries=%llu seconds=%.2f qps=%.0f p50_ms=%.2f p99_ms=%.2f "
      "bytes=%llu errors=%zu a=%llu c=%llu d=%llu f=%llu\n",
      clients, static_cast<unsigned long long>(answers), secs, static_cast<double>(answers) / secs,
      pct(0.5), pct(0.99), static_cast<unsigned long long>(bytes), errors,
      static_cast<unsigned long long>(counts[0]), static_cast<unsigned long long>(counts[1]),
      static_cast<unsigned long long>(counts[2]), static_cast<unsigned long long>(counts[3]));
  return errors == 0 ? 0 : 1;
}
