// irr/server.cpp — the whois TCP server on standalone asio: acceptors, N I/O threads (one
// io_context each; a connection lives on one of them, so its handlers never run concurrently),
// line splitting and in-order answers through the Responder, bounded output with backpressure,
// idle/write timeouts, close-after-answer with a half-close, counters and a minimal HTTP/1.0
// GET /metrics endpoint.
#include "manrs/irr/server.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include <asio.hpp>
#include <fmt/format.h>

namespace manrs::irr {

namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = std::size_t{16} * 1024;
constexpr std::size_t kWriteChunk = std::size_t{256} * 1024;
constexpr std::size_t kMaxHttpRequest = 8192;
constexpr std::size_t kMaxHttpClients = 64;
constexpr auto kHttpTimeout = std::chrono::seconds(10);
// After the last answer of a non-persistent connection: how long unread input is drained (so
// that closing does not reset the connection and destroy the answer in flight).
constexpr auto kDrainTime = std::chrono::seconds(2);
// Bytes of a query shown in the query log.
constexpr std::size_t kLogQueryBytes = 200;

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

// "ADDR:PORT" / "[V6]:PORT" (irr must not depend on rtr, so this is a local copy of the rule).
Result<std::pair<std::string, std::uint16_t>> parse_listen(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("listen address: want ADDR:PORT or [V6]:PORT, have '{}'", text));
  }
  std::string_view host = text.substr(0, colon);
  std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("listen port: want 0..65535, have '{}'", port_text));
  }
  asio::error_code aec;
  (void)asio::ip::make_address(std::string(host), aec);
  if (aec) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("listen address: want an IPv4 or IPv6 address, have '{}'", host));
  }
  return std::pair<std::string, std::uint16_t>(std::string(host), static_cast<std::uint16_t>(port));
}

Result<std::unique_ptr<tcp::acceptor>> bind_one(asio::io_context& io, const std::string& text) {
  MANRS_TRY(auto hp, parse_listen(text));
  asio::error_code ec;
  tcp::endpoint ep(asio::ip::make_address(hp.first, ec), hp.second);
  auto a = std::make_unique<tcp::acceptor>(io);
  auto fail = [&](std::string_view what) {
    return make_error(ErrorCode::kIo, fmt::format("{} {}: {}", what, text, ec.message()));
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

// The query as a log field: printable ASCII, quotes and backslashes escaped, cut at
// kLogQueryBytes.
std::string log_quote(std::string_view q) {
  std::string out;
  for (std::size_t i = 0; i < q.size() && i < kLogQueryBytes; ++i) {
    auto c = static_cast<unsigned char>(q[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c >= 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (q.size() > kLogQueryBytes) {
    out += "...";
  }
  return out;
}

}  // namespace

class Connection;
class HttpConnection;

struct Server::Impl {
  Impl(const Responder& r, ServerOptions o) : responder(r), opt(std::move(o)) {}

  // First: destroyed last (pending handlers own connections whose sockets use these).
  std::vector<std::unique_ptr<asio::io_context>> ios;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  const Responder& responder;
  const Server* server = nullptr;
  ServerOptions opt;
  ServerStats stats;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors, http_acceptors;
  std::vector<std::uint16_t> ports, http_ports;
  std::mutex conns_mu;  // conns is touched from every I/O thread
  std::set<std::shared_ptr<Connection>> conns;
  std::set<std::shared_ptr<HttpConnection>> http_conns;  // I/O thread 0 only
  std::vector<std::thread> threads;
  std::size_t next_io = 0;  // I/O thread 0 only
  std::mutex log_mu;
  bool started = false;
  bool stopped = false;

  void log(std::string_view line) {
    if (opt.log) {
      std::lock_guard lock(log_mu);
      opt.log(line);
    }
  }
  void accept(tcp::acceptor& a);
  void accept_http(tcp::acceptor& a);
  void retry_accept(tcp::acceptor& a, bool is_http);
  void forget(const std::shared_ptr<Connection>& c) {
    std::lock_guard lock(conns_mu);
    conns.erase(c);
  }
};

// One whois client. Every method runs on the connection's own io_context thread.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server::Impl& srv, tcp::socket s)
      : srv_(srv),
        sock_(std::move(s)),
        timer_(sock_.get_executor()),
        peer_(endpoint_text(sock_)),
        session_(srv.responder.new_session()) {}

  [[nodiscard]] tcp::socket::executor_type get_executor() { return sock_.get_executor(); }

  void start() {
    last_query_ = Clock::now();
    srv_.log(fmt::format("client {} connected", peer_));
    arm_timer();
    maybe_read();
  }

  void close(std::string_view why) {
    if (closed_) {
      return;
    }
    closed_ = true;
    asio::error_code ec;
    sock_.close(ec);
    timer_.cancel();
    --srv_.stats.connections;
    srv_.log(fmt::format("client {} closed: {}", peer_, why));
    srv_.forget(shared_from_this());
  }

 private:
  [[nodiscard]] std::size_t pending() const { return out_.size() + (wbuf_.size() - woff_); }

  [[nodiscard]] std::chrono::milliseconds idle_timeout() const {
    if (session_.timeout_seconds > 0) {
      return std::chrono::seconds(session_.timeout_seconds);
    }
    return srv_.opt.idle_timeout;
  }

  void arm_timer() {
    auto tick = std::min(idle_timeout(), srv_.opt.write_timeout) / 4;
    tick = std::clamp(tick, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
    timer_.expires_after(tick);
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (ec || self->closed_) {
        return;
      }
      self->on_tick();
    });
  }

  void on_tick() {
    auto now = Clock::now();
    if (writing_ && now - write_progress_ > srv_.opt.write_timeout) {
      ++srv_.stats.timeouts;
      close("write timeout (client does not read)");
      return;
    }
    if (draining_ && now > drain_until_) {
      close("closed after answer");
      return;
    }
    if (!writing_ && !closing_ && !eof_ && now - last_query_ > idle_timeout()) {
      ++srv_.stats.timeouts;
      close("idle timeout");
      return;
    }
    arm_timer();
  }

  void maybe_read() {
    if (closed_ || reading_ || eof_ || (closing_ && !draining_)) {
      return;
    }
    if (!draining_ && pending() > srv_.opt.max_pending_bytes) {
      return;  // backpressure: resumed when the output drains
    }
    reading_ = true;
    sock_.async_read_some(asio::buffer(rbuf_),
                          [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
                            self->on_read(ec, n);
                          });
  }

  void on_read(const asio::error_code& ec, std::size_t n) {
    reading_ = false;
    if (closed_) {
      return;
    }
    if (draining_) {
      if (ec) {
        close("closed after answer");
        return;
      }
      maybe_read();  // discard: the connection is done
      return;
    }
    if (ec) {
      if (ec != asio::error::eof) {
        close(ec.message());
        return;
      }
      eof_ = true;  // answer what arrived (a last line without "\n" included), then close
    } else {
      in_.append(rbuf_.data(), n);
    }
    process();
    flush();
    maybe_read();
  }

  // Answers complete lines while the output is under its bound.
  void process() {
    std::size_t pos = 0;
    while (!closing_ && !closed_ && pending() <= srv_.opt.max_pending_bytes) {
      auto nl = in_.find('\n', pos);
      if (nl == std::string::npos) {
        if (in_.size() - pos > kMaxQueryLineBytes) {
          too_long(std::string_view(in_).substr(pos));
        } else if (eof_ && pos < in_.size()) {
          answer(std::string_view(in_).substr(pos));
          pos = in_.size();
        }
        break;
      }
      std::string_view line = std::string_view(in_).substr(pos, nl - pos);
      pos = nl + 1;
      if (line.size() > kMaxQueryLineBytes) {
        too_long(line);
        break;
      }
      answer(line);
    }
    if (closing_) {
      in_.clear();  // queries after the last answer are not answered
    } else {
      in_.erase(0, pos);
    }
  }

  void answer(std::string_view line) {
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    auto t0 = Clock::now();
    AnswerInfo info;
    After after = srv_.responder.answer(line, session_, out_, &info);
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
    if (info.status != '-' || info.kind != Query::Kind::kEmpty) {
      last_query_ = Clock::now();
    }
    if (info.kind != Query::Kind::kEmpty || info.status == 'F') {
      if (info.status != '-') {  // !! and !q have no answer
        ++srv_.stats.queries;
      }
      if (info.status == 'F') {
        ++srv_.stats.errors;
      }
      srv_.log(fmt::format("peer={} q=\"{}\" status={} bytes={} us={}", peer_, log_quote(line),
                           info.status, info.bytes, us));
    }
    if (after == After::kClose) {
      closing_ = true;
    }
  }

  void too_long(std::string_view head) {
    std::size_t i = 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) {
      ++i;
    }
    std::string msg = fmt::format("Query too long: want at most {} bytes", kMaxQueryLineBytes);
    if (i < head.size() && head[i] == '!') {
      out_ += fmt::format("F {}\n", msg);
    } else {
      out_ += fmt::format("%% ERROR: {}\n\n\n", msg);
    }
    ++srv_.stats.queries;
    ++srv_.stats.errors;
    srv_.log(fmt::format("peer={} q=\"{}\" status=F bytes=0 us=0 (line over {} bytes)", peer_,
                         log_quote(head), kMaxQueryLineBytes));
    closing_ = true;
  }

  void flush() {
    if (writing_ || closed_) {
      return;
    }
    if (woff_ >= wbuf_.size()) {
      wbuf_.clear();
      woff_ = 0;
      if (out_.empty()) {
        if (closing_ || (eof_ && in_.empty())) {
          finish();
        }
        return;
      }
      std::swap(wbuf_, out_);
      if (out_.capacity() > kWriteChunk) {
        std::string().swap(out_);  // do not keep a large answer's buffer per idle client
      }
    }
    writing_ = true;
    write_progress_ = Clock::now();
    std::size_t n = std::min(kWriteChunk, wbuf_.size() - woff_);
    sock_.async_write_some(asio::buffer(wbuf_.data() + woff_, n),
                           [self = shared_from_this()](const asio::error_code& ec, std::size_t w) {
                             self->on_write(ec, w);
                           });
  }

  void on_write(const asio::error_code& ec, std::size_t written) {
    writing_ = false;
    if (closed_) {
      return;
    }
    if (ec) {
      close(ec.message());
      return;
    }
    srv_.stats.bytes_sent += written;
    woff_ += written;
    write_progress_ = Clock::now();
    if (woff_ >= wbuf_.size() && wbuf_.capacity() > kWriteChunk) {
      std::string().swap(wbuf_);
      woff_ = 0;
    }
    if (!in_.empty() && !closing_) {
      process();  // lines that waited for the output to drain
    }
    flush();
    maybe_read();
  }

  // Everything is answered and written: half-close, then drain what the client still sends.
  void finish() {
    if (draining_ || closed_) {
      return;
    }
    asio::error_code ec;
    sock_.shutdown(tcp::socket::shutdown_send, ec);
    if (eof_ || ec) {
      close(eof_ ? "end of stream" : "closed after answer");
      return;
    }
    draining_ = true;
    drain_until_ = Clock::now() + kDrainTime;
    maybe_read();
  }

  Server::Impl& srv_;
  tcp::socket sock_;
  asio::steady_timer timer_;
  std::string peer_;
  Session session_;
  std::array<char, kReadChunk> rbuf_{};
  std::string in_;    // bytes received and not answered yet
  std::string out_;   // answers not yet handed to the socket
  std::string wbuf_;  // the answers being written
  std::size_t woff_ = 0;
  bool reading_ = false, writing_ = false;
  bool eof_ = false;       // the client half-closed
  bool closing_ = false;   // no more queries are answered (kClose, too long)
  bool draining_ = false;  // answers written and send side shut down
  bool closed_ = false;
  Clock::time_point last_query_, write_progress_, drain_until_;
};

// One HTTP/1.0 request: read the request head, answer GET /metrics, close.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(Server::Impl& srv, tcp::socket s, const Server& server)
      : srv_(srv), server_(server), sock_(std::move(s)), timer_(sock_.get_executor()) {}

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
          std::string_view req(self->in_);
          if (req.find("\r\n\r\n") == std::string_view::npos &&
              req.find("\n\n") == std::string_view::npos) {
            if (self->in_.size() >= kMaxHttpRequest) {
              self->respond(431, "request head too large\n");
              return;
            }
            self->do_read();
            return;
          }
          self->answer(req);
        });
  }

  void answer(std::string_view req) {
    std::string_view line = req.substr(0, req.find_first_of("\r\n"));
    if (line.substr(0, 4) != "GET ") {
      respond(405, "only GET\n");
      return;
    }
    line.remove_prefix(4);
    std::string_view path = line.substr(0, line.find(' '));
    path = path.substr(0, path.find('?'));
    if (path == "/metrics") {
      respond(200, server_.metrics(), "text/plain; version=0.0.4");
      return;
    }
    respond(404, "not found\n");
  }

  void respond(int status, const std::string& body, std::string_view type = "text/plain") {
    std::string_view reason = status == 200   ? "OK"
                              : status == 404 ? "Not Found"
                              : status == 405 ? "Method Not Allowed"
                                              : "Request Header Fields Too Large";
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
  const Server& server_;
  tcp::socket sock_;
  asio::steady_timer timer_;
  std::string in_, out_;
  bool closed_ = false;
};

void Server::Impl::retry_accept(tcp::acceptor& a, bool is_http) {
  // Out of descriptors or similar: try again shortly instead of spinning.
  auto t = std::make_shared<asio::steady_timer>(*ios[0], std::chrono::milliseconds(100));
  t->async_wait([this, t, &a, is_http](const asio::error_code& ec) {
    if (!ec && a.is_open()) {
      is_http ? accept_http(a) : accept(a);
    }
  });
}

void Server::Impl::accept(tcp::acceptor& a) {
  asio::io_context& target = *ios[next_io];
  next_io = (next_io + 1) % ios.size();
  a.async_accept(target, [this, &a](const asio::error_code& ec, tcp::socket s) {
    if (ec) {
      if (ec != asio::error::operation_aborted && a.is_open()) {
        log(fmt::format("accept: {}", ec.message()));
        retry_accept(a, false);
      }
      return;
    }
    if (stats.connections.load() >= opt.max_clients) {
      ++stats.rejected;
      log(fmt::format("client {} rejected: {} clients already", endpoint_text(s),
                      stats.connections.load()));
      asio::error_code ignored;
      s.close(ignored);
    } else {
      ++stats.accepted;
      ++stats.connections;
      asio::error_code ignored;
      s.set_option(tcp::no_delay(true), ignored);
      auto c = std::make_shared<Connection>(*this, std::move(s));
      {
        std::lock_guard lock(conns_mu);
        conns.insert(c);
      }
      // The socket belongs to `target`: start there, so that all its handlers share a thread.
      asio::post(c->get_executor(), [c] { c->start(); });
    }
    accept(a);
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
    if (http_conns.size() < kMaxHttpClients) {
      auto c = std::make_shared<HttpConnection>(*this, std::move(s), *server);
      http_conns.insert(c);
      c->start();
    }
    accept_http(a);
  });
}

Server::Server(const Responder& responder, ServerOptions options)
    : impl_(std::make_unique<Impl>(responder, std::move(options))) {
  impl_->server = this;
}

Server::~Server() { stop(); }

Status Server::start() {
  Impl& s = *impl_;
  if (s.started || s.stopped) {
    return make_error(ErrorCode::kInternal, "server already started");
  }
  unsigned n = s.opt.threads != 0 ? s.opt.threads : std::thread::hardware_concurrency();
  n = std::clamp(n, 1U, 256U);
  for (unsigned i = 0; i < n; ++i) {
    s.ios.push_back(std::make_unique<asio::io_context>(1));
  }
  for (const auto& l : s.opt.listen) {
    auto a = bind_one(*s.ios[0], l);
    if (!a) {
      if (!s.opt.skip_unbindable || s.opt.listen.size() < 2) {
        return std::move(a.error());
      }
      s.log(fmt::format("cannot listen on {}: skipped ({})", l, a.error().message));
      s.ports.push_back(0);
      continue;
    }
    s.ports.push_back((*a)->local_endpoint().port());
    s.acceptors.push_back(std::move(*a));
  }
  if (s.acceptors.empty()) {
    return make_error(ErrorCode::kIo, "no listen address could be bound");
  }
  for (const auto& l : s.opt.http_listen) {
    MANRS_TRY(auto a, bind_one(*s.ios[0], l));
    s.http_ports.push_back(a->local_endpoint().port());
    s.http_acceptors.push_back(std::move(a));
  }
  for (auto& a : s.acceptors) {
    s.accept(*a);
  }
  for (auto& a : s.http_acceptors) {
    s.accept_http(*a);
  }
  for (auto& io : s.ios) {
    s.guards.push_back(asio::make_work_guard(*io));
  }
  s.started = true;
  for (auto& io : s.ios) {
    s.threads.emplace_back([ctx = io.get()] { ctx->run(); });
  }
  return {};
}

void Server::stop() {
  Impl* s = impl_.get();
  if (!s->started || s->stopped) {
    return;
  }
  s->stopped = true;
  asio::post(*s->ios[0], [s] {
    asio::error_code ec;
    for (auto& a : s->acceptors) {
      a->close(ec);
    }
    for (auto& a : s->http_acceptors) {
      a->close(ec);
    }
    auto https = s->http_conns;
    for (const auto& c : https) {
      c->close();
    }
  });
  std::set<std::shared_ptr<Connection>> conns;
  {
    std::lock_guard lock(s->conns_mu);
    conns = s->conns;
  }
  for (const auto& c : conns) {
    asio::post(c->get_executor(), [c] { c->close("server shutting down"); });
  }
  for (auto& io : s->ios) {
    asio::post(*io, [ctx = io.get()] { ctx->stop(); });
  }
  for (auto& t : s->threads) {
    if (t.joinable()) {
      t.join();
    }
  }
  s->guards.clear();
  std::lock_guard lock(s->conns_mu);
  s->conns.clear();
}

std::vector<std::uint16_t> Server::ports() const { return impl_->ports; }
std::vector<std::uint16_t> Server::http_ports() const { return impl_->http_ports; }
const ServerStats& Server::stats() const { return impl_->stats; }

std::string Server::metrics() const {
  const ServerStats& st = impl_->stats;
  std::string out;
  auto add = [&out](std::string_view name, std::string_view type, std::string_view help,
                    std::uint64_t v) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, v);
  };
  add("manrs_irr_connections", "gauge", "Open whois connections.", st.connections.load());
  add("manrs_irr_accepted_total", "counter", "Whois connections accepted.", st.accepted.load());
  add("manrs_irr_rejected_total", "counter", "Whois connections closed at once (max clients).",
      st.rejected.load());
  add("manrs_irr_queries_total", "counter", "Whois queries answered.", st.queries.load());
  add("manrs_irr_errors_total", "counter", "Whois queries answered with an error.",
      st.errors.load());
  add("manrs_irr_bytes_sent_total", "counter", "Bytes of whois answers written.",
      st.bytes_sent.load());
  add("manrs_irr_timeouts_total", "counter",
      "Whois connections closed by an idle or write timeout.", st.timeouts.load());
  return out;
}

}  // namespace manrs::irr
