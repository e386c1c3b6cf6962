// rtr/server.h — the RTR cache server (RFC 6810 §5-8, RFC 8210 §5-8, draft-ietf-sidrops-8210bis):
// TCP acceptors on several addresses, one I/O thread, per connection version negotiation, Reset
// and Serial Queries answered from the Cache's shared encoded payloads, Serial Notify on update,
// Error Reports for malformed input, bounded send queues and timeouts. Optionally a minimal
// HTTP/1.0 GET endpoint (metrics, status) on the same I/O thread.
//
// asio stays inside server.cpp: this header only declares the interface.
#pragma once

#include <array>
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
#include "manrs/rtr/cache.h"
#include "manrs/rtr/pdu.h"

namespace manrs::rtr {

struct ServerOptions {
  // "127.0.0.1:8323", "[::1]:8323" (port 0 = any free port; see Server::rtr_ports()).
  std::vector<std::string> listen{"127.0.0.1:8323", "[::1]:8323"};
  // With several listen addresses, one that cannot be bound (no IPv6, port taken) is logged and
  // skipped (its rtr_ports() entry is 0) as long as another one binds.
  bool skip_unbindable = false;
  std::vector<std::string> http_listen;  // empty = no HTTP endpoint
  Timers timers;
  std::size_t max_clients = 1024;
  // A client that sends nothing for this long is closed (routers query every Refresh seconds).
  std::chrono::milliseconds idle_timeout{std::chrono::hours(2)};
  // A client whose pending write makes no progress for this long is closed.
  std::chrono::milliseconds write_timeout{std::chrono::seconds(60)};
  // Responses a client may have queued (each a shared buffer, so a full sync costs one entry).
  std::size_t max_queue_entries = 64;
  // One line per connection event (connect, version, error, close); null = silent.
  std::function<void(std::string_view)> log;
};

// Counters for /metrics (read from any thread).
struct ServerStats {
  std::array<std::atomic<std::uint64_t>, kPduTypes> pdus_sent{};
  std::array<std::atomic<std::uint32_t>, kMaxVersion + 1> clients{};  // negotiated, by version
  std::atomic<std::uint32_t> connections{0};                          // all open connections
  std::atomic<std::uint64_t> accepted{0}, rejected{0}, errors_sent{0};
};

// Answers one HTTP GET: fills body and content type and returns the status code (200, 404).
using HttpHandler =
    std::function<int(std::string_view path, std::string& body, std::string& content_type)>;

class Server {
 public:
  Server(Cache& cache, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void set_http_handler(HttpHandler handler);  // before start()
  // Binds every address and starts the I/O thread. Fails if an address cannot be bound.
  Status start();
  // Sends Serial Notify (the cache's current serial) to every client that has a version.
  // Thread-safe.
  void notify();
  // Closes the listeners and every connection, joins the I/O thread. Idempotent.
  void stop();

  [[nodiscard]] std::vector<std::uint16_t> rtr_ports() const;   // after start(), bound ports
  [[nodiscard]] std::vector<std::uint16_t> http_ports() const;  // after start()
  [[nodiscard]] const ServerStats& stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Splits "ADDR:PORT" / "[v6]:PORT" (checks the address and port) for messages and binding.
[[nodiscard]] Result<std::pair<std::string, std::uint16_t>> parse_listen(std::string_view text);

}  // namespace manrs::rtr
