// rtr/server.cpp — the RTR cache server on standalone asio: acceptors, per-connection protocol
// handling (RFC 8210 §7 version negotiation, queries, Error Reports), the send queue of shared
// buffers, timeouts, Serial Notify, and the minimal HTTP/1.0 GET endpoint.
//
// Everything below runs on the one I/O thread except start(), notify() and stop(), which post to
// it. A connection queues shared_ptrs to the Cache's encoded payloads plus an offset: a full sync
// copies no snapshot bytes, and a client that does not read holds only references.
#include "manrs/rtr/server.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <set>
#include <thread>
#include <utility>

#include <asio.hpp>
#include <fmt/format.h>

namespace manrs::rtr {

namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kWriteChunk = 256 * 1024;
constexpr std::size_t kInitialReadBuffer = 4096;
constexpr std::size_t kMaxHttpRequest = 8192;
constexpr auto kHttpTimeout = std::chrono::seconds(10);

std::string endpoint_text(const tcp::socket& s) {
  asio::error_code ec;
  auto ep = s.remote_endpoint(ec);
  if (ec) {
    return "?";
  }
  auto addr = ep.address();
  return addr.is_v6() ? fmt::format("[{}]:{}", addr.to_string(), ep.port())
                      : fmt::format("{}:{}", addr.to_string(), ep.port());
}

}  // namespace

Result<std::pair<std::string, std::uint16_t>> parse_listen(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return make_error(manrs::ErrorCode::kMalformed,
                      fmt::format("listen address: want ADDR:PORT or [V6]:PORT, have '{}'", text));
  }
  std::string_view host = text.substr(0, colon);
  std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535 ||
      port_text.empty()) {
    return make_error(manrs::ErrorCode::kMalformed,
                      fmt::format("listen port: want 0..65535, have '{}'", port_text));
  }
  asio::error_code aec;
  (void)asio::ip::make_address(std::string(host), aec);
  if (aec) {
    return make_error(manrs::ErrorCode::kMalformed,
                      fmt::format("listen address: want an IPv4 or IPv6 address, have '{}'", host));
  }
  return std::pair<std::string, std::uint16_t>(std::string(host), static_cast<std::uint16_t>(port));
}

class Connection;
class HttpConnection;

struct Server::Impl {
  Impl(Cache& c, ServerOptions o) : cache(c), opt(std::move(o)) {}

  asio::io_context io;  // first: destroyed last
  Cache& cache;
  ServerOptions opt;
  HttpHandler http;
  ServerStats stats;
  std::vector<std::unique_ptr<tcp::acceptor>> rtr_acceptors, http_acceptors;
  std::vector<std::uint16_t> rtr_ports, http_ports;
  std::set<std::shared_ptr<Connection>> conns;
  std::set<std::shared_ptr<HttpConnection>> http_conns;
  std::thread thread;
  bool started = false;

  void log(std::string_view line) const {
    if (opt.log) {
      opt.log(line);
    }
  }
  void accept_rtr(tcp::acceptor& a);
  void accept_http(tcp::acceptor& a);
  void retry_accept(tcp::acceptor& a, bool is_http);
};

// One RTR client.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server::Impl& srv, tcp::socket s)
      : srv_(srv), sock_(std::move(s)), timer_(srv.io), peer_(endpoint_text(sock_)) {
    in_.resize(kInitialReadBuffer);
  }

  void start() {
    last_read_ = Clock::now();
    srv_.log(fmt::format("client {} connected", peer_));
    arm_timer();
    do_read();
  }

  void notify(const CacheState& st) {
    if (version_ < 0 || closing_ || closed_ || !st.has_data ||
        queue_.size() * 2 > srv_.opt.max_queue_entries) {
      return;  // a notify is only a hint; a busy client will query anyway
    }
    Bytes b;
    encode_serial_notify(b, static_cast<std::uint8_t>(version_), st.session_id, st.serial);
    count(PduType::kSerialNotify, 1);
    enqueue_owned(std::move(b));
  }

  void close(std::string_view why) {
    if (closed_) {
      return;
    }
    closed_ = true;
    asio::error_code ec;
    sock_.shutdown(tcp::socket::shutdown_both, ec);
    sock_.close(ec);
    timer_.cancel();
    if (version_ >= 0) {
      --srv_.stats.clients[static_cast<std::size_t>(version_)];
    }
    --srv_.stats.connections;
    srv_.log(fmt::format("client {} closed: {}", peer_, why));
    srv_.conns.erase(shared_from_this());
  }

 private:
  void arm_timer() {
    auto tick = std::min(srv_.opt.idle_timeout, srv_.opt.write_timeout) / 4;
    tick = std::clamp(tick, std::chrono::milliseconds(10), std::chrono::milliseconds(5000));
    timer_.expires_after(tick);
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (ec || self->closed_) {
        return;
      }
      auto now = Clock::now();
      if (self->writing_ && now - self->write_since_ > self->srv_.opt.write_timeout) {
        self->close("write timeout (client does not read)");
        return;
      }
      if (!self->writing_ && now - self->last_read_ > self->srv_.opt.idle_timeout) {
        self->close("idle timeout");
        return;
      }
      self->arm_timer();
    });
  }

  void do_read() {
    sock_.async_read_some(asio::buffer(in_.data() + in_len_, in_.size() - in_len_),
                          [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
                            if (self->closed_) {
                              return;
                            }
                            if (ec) {
                              self->close(ec == asio::error::eof ? "end of stream" : ec.message());
                              return;
                            }
                            self->in_len_ += n;
                            self->last_read_ = Clock::now();
                            self->on_data();
                            if (!self->closing_ && !self->closed_) {
                              self->do_read();
                            }
                          });
  }

  std::uint8_t reply_version(std::uint8_t pdu_version) const {
    return version_ >= 0 ? static_cast<std::uint8_t>(version_) : std::min(pdu_version, kMaxVersion);
  }

  void on_data() {
    std::size_t pos = 0;
    while (!closing_ && !closed_) {
      std::span<const std::uint8_t> avail(in_.data() + pos, in_len_ - pos);
      std::uint32_t len = 0;
      PduError err;
      Framing f = frame(avail, kMaxPduBytes, len, err);
      if (f == Framing::kNeedMore) {
        if (avail.size() >= kHeaderBytes) {
          std::uint32_t declared = (std::uint32_t{avail[4]} << 24U) |
                                   (std::uint32_t{avail[5]} << 16U) |
                                   (std::uint32_t{avail[6]} << 8U) | std::uint32_t{avail[7]};
          if (declared > in_.size()) {  // frame() bounded it by kMaxPduBytes
            std::memmove(in_.data(), in_.data() + pos, avail.size());
            in_len_ = avail.size();
            pos = 0;
            in_.resize(declared);
          }
        }
        break;
      }
      if (f == Framing::kBad) {
        fatal(reply_version(avail[0]), err.code,
              avail.first(std::min<std::size_t>(avail.size(), kHeaderBytes)), err.message);
        return;
      }
      handle(avail.first(len));
      pos += len;
    }
    if (pos > 0 && !closed_) {
      std::memmove(in_.data(), in_.data() + pos, in_len_ - pos);
      in_len_ -= pos;
    }
  }

  void handle(std::span<const std::uint8_t> bytes) {
    std::uint8_t v = bytes[0];
    bool is_error_report = bytes[1] == static_cast<std::uint8_t>(PduType::kErrorReport);
    if (version_ < 0 && v > kMaxVersion) {
      // RFC 8210 §7: a query in a version above ours gets Error Report code 4 in our version.
      fatal(kMaxVersion, ErrorCode::kUnsupportedVersion, bytes,
            fmt::format("protocol version: want 0..{}, have {}", kMaxVersion, v));
      return;
    }
    if (version_ >= 0 && v != version_) {
      fatal(static_cast<std::uint8_t>(version_), ErrorCode::kUnexpectedVersion, bytes,
            fmt::format("protocol version: want {} (this session's), have {}", version_, v));
      return;
    }
    Pdu pdu;
    PduError err;
    if (!decode(bytes, pdu, err)) {
      if (is_error_report) {
        close_after_flush(fmt::format("malformed Error Report from client: {}", err.message));
        return;
      }
      fatal(reply_version(v), err.code, bytes, err.message);
      return;
    }
    if (version_ < 0) {
      version_ = v;
      ++srv_.stats.clients[v];
      srv_.log(fmt::format("client {} speaks version {}", peer_, v));
    }
    switch (pdu.type) {
      case PduType::kResetQuery: {
        auto st = srv_.cache.state();
        if (!st->has_data) {
          no_data();
          return;
        }
        send_payload(*st, st->full[v]);
        return;
      }
      case PduType::kSerialQuery: {
        auto st = srv_.cache.state();
        if (!st->has_data) {
          no_data();
          return;
        }
        const Payload* p =
            pdu.session_id == st->session_id ? st->delta_from(pdu.serial, v) : nullptr;
        if (p == nullptr) {
          Bytes b;
          encode_cache_reset(b, v);
          count(PduType::kCacheReset, 1);
          enqueue_owned(std::move(b));
          return;
        }
        send_payload(*st, *p);
        return;
      }
      case PduType::kErrorReport:
        close_after_flush(fmt::format("client sent Error Report {} ({}): {}",
                                      static_cast<unsigned>(pdu.error_code),
                                      to_string(pdu.error_code), pdu.error_text));
        return;
      default:
        fatal(v, ErrorCode::kInvalidRequest, bytes,
              fmt::format("PDU type: want a Reset Query, Serial Query or Error Report, have {}",
                          to_string(pdu.type)));
        return;
    }
  }

  void no_data() {
    Bytes b;
    encode_error_report(b, static_cast<std::uint8_t>(version_), ErrorCode::kNoDataAvailable, {},
                        "no data available yet");
    count(PduType::kErrorReport, 1);
    ++srv_.stats.errors_sent;
    enqueue_owned(std::move(b));
  }

  void send_payload(const CacheState& st, const Payload& p) {
    auto v = static_cast<std::uint8_t>(version_);
    Bytes head;
    encode_cache_response(head, v, st.session_id);
    count(PduType::kCacheResponse, 1);
    enqueue_owned(std::move(head));
    if (p.bytes && !p.bytes->empty()) {
      for (std::size_t i = 0; i < kPduTypes; ++i) {
        srv_.stats.pdus_sent[i] += p.counts[i];
      }
      enqueue(p.bytes);
    }
    Bytes tail;
    encode_end_of_data(tail, v, st.session_id, st.serial, srv_.opt.timers);
    count(PduType::kEndOfData, 1);
    enqueue_owned(std::move(tail));
  }

  void fatal(std::uint8_t version, ErrorCode code, std::span<const std::uint8_t> pdu,
             const std::string& message) {
    Bytes b;
    encode_error_report(b, version, code, pdu, message);
    count(PduType::kErrorReport, 1);
    ++srv_.stats.errors_sent;
    enqueue_owned(std::move(b));
    close_after_flush(fmt::format("sent Error Report {} ({}): {}", static_cast<unsigned>(code),
                                  to_string(code), message));
  }

  void close_after_flush(std::string why) {
    closing_ = true;
    close_reason_ = std::move(why);
    if (!writing_ && queue_.empty()) {
      close(close_reason_);
    }
  }

  void count(PduType t, std::uint64_t n) { srv_.stats.pdus_sent[static_cast<std::size_t>(t)] += n; }

  void enqueue_owned(Bytes b) { enqueue(std::make_shared<const Bytes>(std::move(b))); }

  void enqueue(SharedBytes b) {
    if (closed_) {
      return;
    }
    if (queue_.size() >= srv_.opt.max_queue_entries) {
      close("send queue full (client queries without reading)");
      return;
    }
    queue_.push_back({std::move(b), 0});
    do_write();
  }

  void do_write() {
    if (writing_ || closed_) {
      return;
    }
    if (queue_.empty()) {
      if (closing_) {
        close(close_reason_);
      }
      return;
    }
    writing_ = true;
    write_since_ = Clock::now();
    const auto& f = queue_.front();
    std::size_t n = std::min(kWriteChunk, f.bytes->size() - f.offset);
    sock_.async_write_some(
        asio::buffer(f.bytes->data() + f.offset, n),
        [self = shared_from_this()](const asio::error_code& ec, std::size_t written) {
          self->writing_ = false;
          if (self->closed_) {
            return;
          }
          if (ec) {
            self->close(ec.message());
            return;
          }
          auto& front = self->queue_.front();
          front.offset += written;
          if (front.offset >= front.bytes->size()) {
            self->queue_.pop_front();
          }
          self->do_write();
        });
  }

  struct Out {
    SharedBytes bytes;
    std::size_t offset = 0;
  };

  Server::Impl& srv_;
  tcp::socket sock_;
  asio::steady_timer timer_;
  std::string peer_;
  Bytes in_;
  std::size_t in_len_ = 0;
  std::deque<Out> queue_;
  int version_ = -1;
  bool writing_ = false;
  bool closing_ = false;
  bool closed_ = false;
  std::string close_reason_;
  Clock::time_point last_read_, write_since_;
};

// One HTTP/1.0 request: read the request head, answer, close.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(Server::Impl& srv, tcp::socket s)
      : srv_(srv), sock_(std::move(s)), timer_(srv.io) {}

  void start() {
    timer_.expires_after(kHttpTimeout);
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (!ec) {
        self->close();
      }
    });
    do_read();
  }

  void close() {
    if (closed_) {
      return;
    }
    closed_ = true;
    asio::error_code ec;
    sock_.close(ec);
    timer_.cancel();
    srv_.http_conns.erase(shared_from_this());
  }

 private:
  void do_read() {
    std::size_t old = in_.size();
    in_.resize(kMaxHttpRequest);
    sock_.async_read_some(
        asio::buffer(in_.data() + old, kMaxHttpRequest - old),
        [self = shared_from_this(), old](const asio::error_code& ec, std::size_t n) {
          if (self->closed_) {
            return;
          }
          self->in_.resize(old + n);
          if (ec) {
            self->close();
            return;
          }
          std::string_view req(self->in_.data(), self->in_.size());
          if (req.find("\r\n\r\n") == std::string_view::npos &&
              req.find("\n\n") == std::string_view::npos) {
            if (self->in_.size() >= kMaxHttpRequest) {
              self->respond(431, "request head too large\n", "text/plain");
              return;
            }
            self->do_read();
            return;
          }
          self->answer(req);
        });
  }

  void answer(std::string_view req) {
    auto line_end = req.find_first_of("\r\n");
    std::string_view line = req.substr(0, line_end);
    if (line.substr(0, 4) != "GET ") {
      respond(405, "only GET\n", "text/plain");
      return;
    }
    line.remove_prefix(4);
    std::string_view path = line.substr(0, line.find(' '));
    path = path.substr(0, path.find('?'));
    std::string body;
    std::string type = "text/plain";
    int status = 404;
    if (srv_.http) {
      status = srv_.http(path, body, type);
    }
    if (status == 404 && body.empty()) {
      body = "not found\n";
    }
    respond(status, std::move(body), type);
  }

  void respond(int status, std::string body, std::string_view type) {
    std::string_view reason = status == 200   ? "OK"
                              : status == 404 ? "Not Found"
                              : status == 405 ? "Method Not Allowed"
                                              : "Error";
    out_ = fmt::format(
        "HTTP/1.0 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        status, reason, type, body.size());
    out_ += body;
    asio::async_write(sock_, asio::buffer(out_),
                      [self = shared_from_this()](const asio::error_code&, std::size_t) {
                        asio::error_code ec;
                        self->sock_.shutdown(tcp::socket::shutdown_both, ec);
                        self->close();
                      });
  }

  Server::Impl& srv_;
  tcp::socket sock_;
  asio::steady_timer timer_;
  std::string in_;
  std::string out_;
  bool closed_ = false;
};

void Server::Impl::retry_accept(tcp::acceptor& a, bool is_http) {
  // Out of descriptors or similar: try again shortly instead of spinning.
  auto t = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(100));
  t->async_wait([this, t, &a, is_http](const asio::error_code& ec) {
    if (!ec && a.is_open()) {
      is_http ? accept_http(a) : accept_rtr(a);
    }
  });
}

void Server::Impl::accept_rtr(tcp::acceptor& a) {
  a.async_accept([this, &a](const asio::error_code& ec, tcp::socket s) {
    if (ec) {
      if (ec != asio::error::operation_aborted && a.is_open()) {
        log(fmt::format("accept: {}", ec.message()));
        retry_accept(a, false);
      }
      return;
    }
    if (conns.size() >= opt.max_clients) {
      ++stats.rejected;
      log(fmt::format("client {} rejected: {} clients already", endpoint_text(s), conns.size()));
      asio::error_code ignored;
      s.close(ignored);
    } else {
      ++stats.accepted;
      ++stats.connections;
      asio::error_code ignored;
      s.set_option(tcp::no_delay(true), ignored);
      auto c = std::make_shared<Connection>(*this, std::move(s));
      conns.insert(c);
      c->start();
    }
    accept_rtr(a);
  });
}

void Server::Impl::accept_http(tcp::acceptor& a) {
  a.async_accept([this, &a](const asio::error_code& ec, tcp::socket s) {
    if (ec) {
      if (ec != asio::error::operation_aborted && a.is_open()) {
        retry_accept(a, true);
      }
      return;
    }
    if (http_conns.size() < 64) {
      auto c = std::make_shared<HttpConnection>(*this, std::move(s));
      http_conns.insert(c);
      c->start();
    }
    accept_http(a);
  });
}

Server::Server(Cache& cache, ServerOptions options)
    : impl_(std::make_unique<Impl>(cache, std::move(options))) {}

Server::~Server() { stop(); }

void Server::set_http_handler(HttpHandler handler) { impl_->http = std::move(handler); }

namespace {

Result<std::unique_ptr<tcp::acceptor>> bind_one(asio::io_context& io, const std::string& text) {
  MANRS_TRY(auto hp, parse_listen(text));
  asio::error_code ec;
  tcp::endpoint ep(asio::ip::make_address(hp.first, ec), hp.second);
  auto a = std::make_unique<tcp::acceptor>(io);
  auto fail = [&](std::string_view what) {
    return make_error(manrs::ErrorCode::kIo, fmt::format("{} {}: {}", what, text, ec.message()));
  };
  if (a->open(ep.protocol(), ec); ec) {
    return fail("open");
  }
  a->set_option(tcp::acceptor::reuse_address(true), ec);
  if (ep.address().is_v6()) {
    a->set_option(asio::ip::v6_only(true), ec);
  }
  if (a->bind(ep, ec); ec) {
    return fail("bind");
  }
  if (a->listen(asio::socket_base::max_listen_connections, ec); ec) {
    return fail("listen");
  }
  return a;
}

}  // namespace

Status Server::start() {
  Impl& s = *impl_;
  if (s.started) {
    return make_error(manrs::ErrorCode::kInternal, "server already started");
  }
  for (const auto& l : s.opt.listen) {
    auto a = bind_one(s.io, l);
    if (!a) {
      if (!s.opt.skip_unbindable || s.opt.listen.size() < 2) {
        return std::move(a.error());
      }
      if (s.opt.log) {
        s.opt.log(fmt::format("cannot listen on {}: skipped ({})", l, a.error().message));
      }
      s.rtr_ports.push_back(0);
      continue;
    }
    s.rtr_ports.push_back((*a)->local_endpoint().port());
    s.rtr_acceptors.push_back(std::move(*a));
  }
  if (s.rtr_acceptors.empty() && !s.opt.listen.empty()) {
    return make_error(manrs::ErrorCode::kIo, "no listen address could be bound");
  }
  for (const auto& l : s.opt.http_listen) {
    MANRS_TRY(auto a, bind_one(s.io, l));
    s.http_ports.push_back(a->local_endpoint().port());
    s.http_acceptors.push_back(std::move(a));
  }
  for (auto& a : s.rtr_acceptors) {
    s.accept_rtr(*a);
  }
  for (auto& a : s.http_acceptors) {
    s.accept_http(*a);
  }
  s.started = true;
  s.thread = std::thread([&s] { s.io.run(); });
  return {};
}

void Server::notify() {
  Impl* s = impl_.get();
  asio::post(s->io, [s] {
    auto st = s->cache.state();
    auto conns = s->conns;  // notify() may close a connection (queue full)
    for (const auto& c : conns) {
      c->notify(*st);
    }
  });
}

void Server::stop() {
  Impl* s = impl_.get();
  if (!s->started) {
    return;
  }
  s->started = false;
  asio::post(s->io, [s] {
    asio::error_code ec;
    for (auto& a : s->rtr_acceptors) {
      a->close(ec);
    }
    for (auto& a : s->http_acceptors) {
      a->close(ec);
    }
    auto conns = s->conns;
    for (const auto& c : conns) {
      c->close("server shutting down");
    }
    auto https = s->http_conns;
    for (const auto& c : https) {
      c->close();
    }
    s->io.stop();
  });
  if (s->thread.joinable()) {
    s->thread.join();
  }
}

std::vector<std::uint16_t> Server::rtr_ports() const { return impl_->rtr_ports; }
std::vector<std::uint16_t> Server::http_ports() const { return impl_->http_ports; }
const ServerStats& Server::stats() const { return impl_->stats; }

}  // namespace manrs::rtr
