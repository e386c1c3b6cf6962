// irr/server.h — the whois TCP server of `manrs irr serve`: line-oriented, persistent and
// pipelined connections answered by a Responder, with connection and buffer limits, idle and
// write timeouts, a query log and counters for /metrics.
//
// Each connection reads lines and answers them in order (several queries in one segment are
// answered in that order; bgpq4 pipelines `!g` queries). Output is buffered per connection up
// to a bound; while it is over the bound the server stops reading from that client. Port 43 is
// privileged, so the default is 127.0.0.1:4343 and [::1]:4343. asio stays in server.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/irr/whois.h"

namespace manrs::irr {

struct ServerOptions {
  std::vector<std::string> listen{"127.0.0.1:4343", "[::1]:4343"};
  // With several listen addresses, one that cannot be bound is logged and skipped as long as
  // another one binds.
  bool skip_unbindable = false;
  std::vector<std::string> http_listen;  // /metrics; empty = none
  std::size_t max_clients = 1024;
  // I/O threads (0 = one per core). Queries are answered on these threads.
  unsigned threads = 0;
  // A connection with no complete query for this long is closed (IRRd: 30 min for `!!`).
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(10)};
  // A client whose pending write makes no progress for this long is closed.
  std::chrono::milliseconds write_timeout{std::chrono::seconds(60)};
  // Answers buffered for one client before the server stops reading its queries.
  std::size_t max_pending_bytes = std::size_t{4} * 1024U * 1024U;
  // One line per query ("peer=127.0.0.1:50000 q=\"!gAS3333\" status=A bytes=1234 us=56") and
  // per connection event; null = silent. Called from the I/O threads, one call at a time (the
  // server serializes the calls).
  std::function<void(std::string_view)> log;
};

struct ServerStats {
  std::atomic<std::uint64_t> accepted{0}, rejected{0}, queries{0}, errors{0}, bytes_sent{0};
  std::atomic<std::uint64_t> timeouts{0};
  std::atomic<std::uint32_t> connections{0};
};

class Server {
 public:
  // `responder` must outlive the server.
  Server(const Responder& responder, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every address and starts the I/O threads.
  Status start();
  // Closes listeners and connections, joins the threads. Idempotent.
  void stop();
  [[nodiscard]] std::vector<std::uint16_t> ports() const;       // after start(); 0 = skipped
  [[nodiscard]] std::vector<std::uint16_t> http_ports() const;  // after start()
  [[nodiscard]] const ServerStats& stats() const;
  // Prometheus text of the counters (manrs_irr_*).
  [[nodiscard]] std::string metrics() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace manrs::irr
