// Tests of the whois server on loopback (bounded time): persistent and pipelined connections,
// close after one answer, CRLF and half-closed clients, 100 concurrent clients, slowloris and
// !t idle timeouts, too-long lines, max_clients, a client that never reads (backpressure,
// write timeout, other clients unaffected), stop() with open connections, /metrics, the query
// log, and bgpq4 / bgpq3 / whois(1) against the server when they are installed.
#include "manrs/irr/server.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "manrs/irr/whois_test_util.h"

namespace manrs::irr {
namespace {

using namespace std::chrono_literals;

// tiny.rpsl's facts (../shared/tools/tiny.rpsl), with AS-PUB's ASNs in members: (an as-set has
// no mp-members) so that bgpq3, which drops private ASNs, has something to print.
constexpr std::string_view kTiny = R"(as-set: AS-FOO
members: AS65001, AS-BAR
source: FAKE

as-set: AS-BAR
members: AS65002, AS65003, AS-FOO
source: FAKE

as-set: AS-PUB
members: AS3333, AS2121
source: FAKE

route: 192.0.2.0/24
origin: AS65001
source: FAKE

route: 198.51.100.0/25
origin: AS65001
source: FAKE

route: 198.51.100.128/25
origin: AS65001
source: FAKE

route: 203.0.113.0/24
origin: AS65002
source: FAKE

route: 203.0.113.0/25
origin: AS65002
source: FAKE

route: 198.18.0.0/15
origin: AS65003
source: FAKE

route: 193.0.0.0/21
origin: AS3333
source: FAKE

route: 193.0.10.0/23
origin: AS2121
source: FAKE

route: 193.0.12.0/23
origin: AS2121
source: FAKE

route6: 2001:db8::/32
origin: AS65001
source: FAKE
)";

constexpr std::string_view kG1 = "A47\n192.0.2.0/24 198.51.100.0/25 198.51.100.128/25\nC\n";
constexpr std::string_view kG2 = "A30\n203.0.113.0/24 203.0.113.0/25\nC\n";
constexpr std::string_view kG3 = "A14\n198.18.0.0/15\nC\n";

// A blocking loopback client with a receive timeout.
class Client {
 public:
  explicit Client(std::uint16_t port, int rcvbuf = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (rcvbuf > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    }
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  }
  ~Client() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  [[nodiscard]] bool connected() const { return connected_; }

  bool send(std::string_view s) {
    while (!s.empty()) {
      ssize_t n = ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        return false;
      }
      s.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

  // Reads until the peer closes (true) or the timeout / an error (false).
  bool read_to_eof(std::string& out) {
    char buf[65536];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n == 0) {
        return true;
      }
      if (n < 0) {
        last_errno_ = errno;
        return false;
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
  }

  // Reads until `n` complete IRRd answers arrived (or the timeout).
  std::vector<std::string> answers(std::size_t n) {
    std::vector<std::string> got;
    char buf[65536];
    while (got.size() < n) {
      std::size_t len = testutil::irrd_answer_len(pending_);
      if (len != std::string::npos) {
        got.push_back(pending_.substr(0, len));
        pending_.erase(0, len);
        continue;
      }
      ssize_t r = ::recv(fd_, buf, sizeof(buf), 0);
      if (r <= 0) {
        break;
      }
      pending_.append(buf, static_cast<std::size_t>(r));
    }
    return got;
  }
  [[nodiscard]] int last_errno() const { return last_errno_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  int last_errno_ = 0;
  std::string pending_;
};

std::string http_get(std::uint16_t port, std::string_view path) {
  Client c(port);
  c.send("GET " + std::string(path) + " HTTP/1.0\r\n\r\n");
  std::string out;
  c.read_to_eof(out);
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testutil::load_text(db_, kTiny, "tiny"));
    db_.finalize();
  }

  void start(ServerOptions so = {}, ResponderOptions ro = {}) {
    responder_ = std::make_unique<Responder>(db_, std::move(ro));
    so.listen = {"127.0.0.1:0"};
    if (so.threads == 0) {
      so.threads = 2;
    }
    so.log = [this](std::string_view line) {
      std::lock_guard lock(log_mu_);
      log_.emplace_back(line);
    };
    server_ = std::make_unique<Server>(*responder_, so);
    auto st = server_->start();
    ASSERT_TRUE(st.has_value()) << st.error().to_string();
    port_ = server_->ports().at(0);
    ASSERT_NE(port_, 0);
  }

  void TearDown() override {
    if (server_) {
      server_->stop();
    }
  }

  std::vector<std::string> log() {
    std::lock_guard lock(log_mu_);
    return log_;
  }

  Database db_;
  std::unique_ptr<Responder> responder_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

TEST_F(ServerTest, PersistentPipelinedQueriesAreAnsweredInOrder) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.connected());
  // bgpq4's first segment plus pipelined !g queries, all in one write.
  ASSERT_TRUE(c.send("!!\n!nbgpq4 1.9\n!gas65003\n!gas65001\n\n!gAS65002\n!a\n!q\n"));
  std::string out;
  EXPECT_TRUE(c.read_to_eof(out));  // !q closes
  EXPECT_EQ(out, "C\n" + std::string(kG3) + std::string(kG1) + std::string(kG2) +
                     "F Missing required set name for A query\n");
}

TEST_F(ServerTest, ClosesAfterOneAnswerWithoutMultipleMode) {
  start();
  Client c(port_);
  // More queries follow in the same segment; IRRd answers the first and closes. The unread
  // rest must not turn the close into a reset that destroys the answer.
  std::string more;
  for (int i = 0; i < 2000; ++i) {
    more += "!gAS65002\n";
  }
  ASSERT_TRUE(c.send("!gas65001\r\n" + more));
  std::string out;
  EXPECT_TRUE(c.read_to_eof(out)) << "errno " << c.last_errno();
  EXPECT_EQ(out, kG1);
}

TEST_F(ServerTest, HalfClosedClientGetsItsAnswers) {
  start();
  {
    Client c(port_);
    c.send("!!\n!gAS65001\n!gAS65002");  // the last line has no newline
    c.shutdown_write();
    std::string out;
    EXPECT_TRUE(c.read_to_eof(out));
    EXPECT_EQ(out, std::string(kG1) + std::string(kG2));
  }
  {
    Client c(port_);  // whois(1) style: one RIPE query, CRLF
    c.send("-K -i origin as65002\r\n");
    std::string out;
    EXPECT_TRUE(c.read_to_eof(out));
    EXPECT_EQ(out,
              "route: 203.0.113.0/24\norigin: AS65002\n\nroute: 203.0.113.0/25\norigin: "
              "AS65002\n\n\n");
  }
  {
    Client c(port_);  // RIPE -k keeps the connection
    c.send("-k AS-NOPE\n");
    c.send("!gAS65003\n");
    std::string out;
    c.shutdown_write();
    EXPECT_TRUE(c.read_to_eof(out));
    EXPECT_EQ(out, "%  No entries found for the selected source(s).\n\n\n" + std::string(kG3));
  }
}

TEST_F(ServerTest, HundredConcurrentClientsFiftyQueriesEach) {
  ServerOptions so;
  so.threads = 4;
  start(so);
  std::atomic<int> good{0}, bad{0};
  std::vector<std::thread> threads;
  threads.reserve(100);
  for (int t = 0; t < 100; ++t) {
    threads.emplace_back([&, t] {
      Client c(port_);
      if (!c.connected() || !c.send("!!\n")) {
        ++bad;
        return;
      }
      for (int i = 0; i < 50; ++i) {
        int which = (t + i) % 3;
        c.send(which == 0 ? "!gAS65001\n" : which == 1 ? "!gas65002\n" : "!gAS65003\n");
        auto got = c.answers(1);
        const std::string_view want = which == 0 ? kG1 : which == 1 ? kG2 : kG3;
        if (got.size() == 1 && got[0] == want) {
          ++good;
        } else {
          ++bad;
        }
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(good.load(), 5000);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(server_->stats().queries.load(), 5000U);
  EXPECT_EQ(server_->stats().accepted.load(), 100U);
}

TEST_F(ServerTest, SlowlorisIsClosedByTheIdleTimeout) {
  ServerOptions so;
  so.idle_timeout = 300ms;
  start(so);
  Client c(port_);
  c.send("!!\n");
  auto t0 = std::chrono::steady_clock::now();
  bool closed = false;
  // One byte every 50 ms never completes a query.
  for (char ch : std::string("!gAS6500000000000000000000000000000000000000000")) {
    if (!c.send(std::string(1, ch))) {
      closed = true;
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  std::string out;
  EXPECT_TRUE(closed || c.read_to_eof(out));
  EXPECT_EQ(out, "");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);
  EXPECT_GE(server_->stats().timeouts.load(), 1U);
}

TEST_F(ServerTest, BangTSetsTheConnectionTimeout) {
  start();  // server idle timeout: 10 minutes
  Client c(port_);
  auto t0 = std::chrono::steady_clock::now();
  c.send("!!\n!t1\n");
  std::string out;
  EXPECT_TRUE(c.read_to_eof(out));
  EXPECT_EQ(out, "C\n");
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 3s);
}

TEST_F(ServerTest, TooLongLinesAreRefused) {
  start();
  {
    Client c(port_);
    c.send("!!\n!i" + std::string(kMaxQueryLineBytes + 10, 'A'));  // no newline yet
    std::string out;
    EXPECT_TRUE(c.read_to_eof(out));
    EXPECT_EQ(out, "F Query too long: want at most 16384 bytes\n");
  }
  {
    Client c(port_);
    c.send(std::string(kMaxQueryLineBytes + 1, 'A') + "\n");
    std::string out;
    EXPECT_TRUE(c.read_to_eof(out));
    EXPECT_EQ(out, "%% ERROR: Query too long: want at most 16384 bytes\n\n\n");
  }
  {
    Client c(port_);  // exactly at the limit is a query
    c.send("!i" + std::string(kMaxQueryLineBytes - 2, 'A') + "\n");
    std::string out;
    EXPECT_TRUE(c.read_to_eof(out));
    EXPECT_EQ(out, "D\n");
  }
  EXPECT_EQ(server_->stats().errors.load(), 2U);
}

TEST_F(ServerTest, MaxClientsRejectsExtraConnections) {
  ServerOptions so;
  so.max_clients = 2;
  start(so);
  Client a(port_), b(port_);
  a.send("!!\n!gAS65003\n");
  b.send("!!\n!gAS65003\n");
  EXPECT_EQ(a.answers(1), std::vector<std::string>{std::string(kG3)});
  EXPECT_EQ(b.answers(1), std::vector<std::string>{std::string(kG3)});
  Client c(port_);
  c.send("!gAS65003\n");
  std::string out;
  EXPECT_TRUE(c.read_to_eof(out) || c.last_errno() == ECONNRESET);
  EXPECT_EQ(out, "");
  EXPECT_EQ(server_->stats().rejected.load(), 1U);
  a.send("!gAS65001\n");
  EXPECT_EQ(a.answers(1), std::vector<std::string>{std::string(kG1)});
}

TEST_F(ServerTest, ClientThatNeverReadsIsBoundedAndDoesNotHurtOthers) {
  ServerOptions so;
  so.max_pending_bytes = std::size_t{64} * 1024;
  so.write_timeout = 1500ms;
  ResponderOptions ro;
  ro.version = std::string(8000, 'v');  // each !v answers ~8 KB
  start(so, ro);
  Client hog(port_, 4096);
  std::string flood = "!!\n";
  for (int i = 0; i < 5000; ++i) {
    flood += "!v\n";  // 15 KB of queries, 40 MB of answers
  }
  ASSERT_TRUE(hog.send(flood));
  // The answered count stops growing (even on a loaded machine) well below the 5000 queries.
  auto t0 = std::chrono::steady_clock::now();
  std::uint64_t before = 0, now = server_->stats().queries.load();
  do {
    before = now;
    std::this_thread::sleep_for(300ms);
    now = server_->stats().queries.load();
  } while ((now != before || now == 0) && std::chrono::steady_clock::now() - t0 < 10s);
  EXPECT_EQ(now, before) << "the server stopped answering the hog";
  EXPECT_LT(now, 2000U) << "answers held for the hog are bounded";
  std::printf("hog: %llu answers before backpressure\n", static_cast<unsigned long long>(now));
  // Another client is served at once.
  Client other(port_);
  other.send("!gAS65002\n");
  std::string out;
  EXPECT_TRUE(other.read_to_eof(out));
  EXPECT_EQ(out, kG2);
  // The hog is closed by the write timeout.
  t0 = std::chrono::steady_clock::now();
  while ((server_->stats().timeouts.load() == 0 || server_->stats().connections.load() != 0) &&
         std::chrono::steady_clock::now() - t0 < 5s) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(server_->stats().timeouts.load(), 1U);
  EXPECT_EQ(server_->stats().connections.load(), 0U);
}

TEST_F(ServerTest, StopClosesOpenConnectionsAndIsIdempotent) {
  start();
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(std::make_unique<Client>(port_));
    clients.back()->send("!!\n!gAS65003\n");
    EXPECT_EQ(clients.back()->answers(1), std::vector<std::string>{std::string(kG3)});
  }
  EXPECT_EQ(server_->stats().connections.load(), 5U);
  auto t0 = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  server_->stop();
  for (auto& c : clients) {
    std::string out;
    EXPECT_TRUE(c->read_to_eof(out) || c->last_errno() == ECONNRESET);
    EXPECT_EQ(out, "");
  }
  EXPECT_EQ(server_->stats().connections.load(), 0U);
  Client late(port_);
  EXPECT_FALSE(late.connected());
}

TEST_F(ServerTest, MetricsAndQueryLog) {
  ServerOptions so;
  so.http_listen = {"127.0.0.1:0"};
  start(so);
  constexpr std::string_view kZ = "F Unrecognised command: z\n";
  {
    Client c(port_);
    c.send("!!\n!gAS65001\n!z\n!q\n");
    std::string out;
    c.read_to_eof(out);
  }
  std::string m = http_get(server_->http_ports().at(0), "/metrics");
  EXPECT_EQ(m.rfind("HTTP/1.0 200 OK\r\n", 0), 0U) << m;
  EXPECT_NE(m.find("\nmanrs_irr_queries_total 2\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\nmanrs_irr_errors_total 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\nmanrs_irr_accepted_total 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\nmanrs_irr_bytes_sent_total " + std::to_string(kG1.size() + kZ.size()) + "\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("# TYPE manrs_irr_connections gauge\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\nmanrs_irr_rejected_total 0\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\nmanrs_irr_timeouts_total 0\n"), std::string::npos) << m;
  EXPECT_EQ(http_get(server_->http_ports().at(0), "/nope").rfind("HTTP/1.0 404", 0), 0U);
  EXPECT_EQ(server_->metrics(), m.substr(m.find("\r\n\r\n") + 4));

  bool seen_g = false, seen_z = false, seen_connect = false;
  for (const std::string& line : log()) {
    seen_connect = seen_connect || (line.rfind("client 127.0.0.1:", 0) == 0 &&
                                    line.find(" connected") != std::string::npos);
    if (line.rfind("peer=127.0.0.1:", 0) == 0) {
      seen_g = seen_g || line.find(" q=\"!gAS65001\" status=A bytes=" + std::to_string(kG1.size()) +
                                   " us=") != std::string::npos;
      seen_z = seen_z || line.find(" q=\"!z\" status=F bytes=" + std::to_string(kZ.size()) +
                                   " us=") != std::string::npos;
    }
  }
  EXPECT_TRUE(seen_g);
  EXPECT_TRUE(seen_z);
  EXPECT_TRUE(seen_connect);
}

TEST(ServerStartTest, BadAndUnbindableAddresses) {
  Database db;
  ASSERT_TRUE(testutil::load_text(db, kTiny, "tiny"));
  db.finalize();
  Responder r(db, {});
  {
    ServerOptions so;
    so.listen = {"localhost:43"};
    Server s(r, so);
    auto st = s.start();
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message, "listen address: want an IPv4 or IPv6 address, have 'localhost'");
  }
  {
    ServerOptions so;
    so.listen = {"127.0.0.1:99999"};
    Server s(r, so);
    auto st = s.start();
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message, "listen port: want 0..65535, have '99999'");
  }
  {
    ServerOptions so;
    so.listen = {"127.0.0.1:0"};
    so.threads = 1;
    Server first(r, so);
    ASSERT_TRUE(first.start().has_value());
    // A taken port is skipped when another address binds.
    so.listen = {"127.0.0.1:" + std::to_string(first.ports()[0]), "127.0.0.1:0"};
    so.skip_unbindable = true;
    Server second(r, so);
    ASSERT_TRUE(second.start().has_value());
    EXPECT_EQ(second.ports()[0], 0);
    EXPECT_NE(second.ports()[1], 0);
  }
}

TEST_F(ServerTest, ServesIpv6Loopback) {
  responder_ = std::make_unique<Responder>(db_, ResponderOptions{});
  ServerOptions so;
  so.listen = {"[::1]:0"};
  so.threads = 1;
  so.log = [this](std::string_view line) {
    std::lock_guard lock(log_mu_);
    log_.emplace_back(line);
  };
  server_ = std::make_unique<Server>(*responder_, so);
  if (auto st = server_->start(); !st) {
    GTEST_SKIP() << "no IPv6 loopback: " << st.error().to_string();
  }
  int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_port = htons(server_->ports().at(0));
  a.sin6_addr = in6addr_loopback;
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
  const std::string q = "!6as65001\n";
  ASSERT_EQ(::send(fd, q.data(), q.size(), MSG_NOSIGNAL), static_cast<ssize_t>(q.size()));
  std::string out;
  char buf[4096];
  ssize_t n = 0;
  while ((n = ::recv(fd, buf, sizeof(buf), 0)) > 0) {
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  EXPECT_EQ(out, "A14\n2001:db8::/32\nC\n");
  bool logged = false;
  for (const std::string& line : log()) {
    logged = logged || line.rfind("peer=[::1]:", 0) == 0;
  }
  EXPECT_TRUE(logged) << "peers are logged as [v6]:port";
}

// ---- real clients (skipped when not installed)

int run(const std::string& cmd, std::string& out) {
  out.clear();
  std::FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) {
    return -1;
  }
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) {
    out.append(buf, n);
  }
  int st = ::pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST_F(ServerTest, Bgpq4AcceptsOurFraming) {
  if (!std::filesystem::exists("/usr/bin/bgpq4")) {
    GTEST_SKIP() << "bgpq4 is not installed";
  }
  start();
  const std::string host = "-h 127.0.0.1:" + std::to_string(port_);
  std::string out;
  // The !a probe, !s-lc, !a4AS-FOO (capture #26): no -p needed, the client sees no ASNs.
  EXPECT_EQ(run("/usr/bin/bgpq4 " + host + " -4 AS-FOO", out), 0) << out;
  EXPECT_EQ(out,
            "no ip prefix-list NN\n"
            "ip prefix-list NN permit 192.0.2.0/24\n"
            "ip prefix-list NN permit 198.18.0.0/15\n"
            "ip prefix-list NN permit 198.51.100.0/25\n"
            "ip prefix-list NN permit 198.51.100.128/25\n"
            "ip prefix-list NN permit 203.0.113.0/24\n"
            "ip prefix-list NN permit 203.0.113.0/25\n");
  EXPECT_EQ(run("/usr/bin/bgpq4 " + host + " -S FAKE -6 AS-FOO", out), 0) << out;
  EXPECT_EQ(out, "no ipv6 prefix-list NN\nipv6 prefix-list NN permit 2001:db8::/32\n");
  // !iAS-FOO,1 (as-path lists).
  EXPECT_EQ(run("/usr/bin/bgpq4 " + host + " -p -f 65000 AS-FOO", out), 0) << out;
  EXPECT_EQ(out,
            "no ip as-path access-list NN\n"
            "ip as-path access-list NN permit ^65000(_[0-9]+)*_(65001|65002|65003)$\n");
  // An unknown source makes bgpq4 give up: IRRd answers !s with F.
  EXPECT_NE(run("/usr/bin/bgpq4 " + host + " -S NOPE AS-FOO", out), 0) << out;
  EXPECT_NE(out.find("Invalid source(s)"), std::string::npos) << out;
  // Unknown set: D, an empty list.
  EXPECT_EQ(run("/usr/bin/bgpq4 " + host + " -4 AS-NOPE", out), 0) << out;
  EXPECT_NE(out.find("ip prefix-list NN deny 0.0.0.0/0"), std::string::npos) << out;
}

TEST_F(ServerTest, Bgpq3AndWhoisAcceptOurFraming) {
  start();
  const std::string port = std::to_string(port_);
  std::string out;
  if (std::filesystem::exists("/usr/bin/bgpq3")) {
    // !iAS-PUB,1 then one !gasN per ASN, pipelined.
    EXPECT_EQ(run("/usr/bin/bgpq3 -h 127.0.0.1:" + port + " -4 AS-PUB", out), 0) << out;
    EXPECT_EQ(out,
              "no ip prefix-list NN\n"
              "ip prefix-list NN permit 193.0.0.0/21\n"
              "ip prefix-list NN permit 193.0.10.0/23\n"
              "ip prefix-list NN permit 193.0.12.0/23\n");
  }
  if (std::filesystem::exists("/usr/bin/whois")) {
    // whois(1) sends "!gas65001\r\n" and waits for the server to close.
    EXPECT_EQ(run("/usr/bin/whois -h 127.0.0.1 -p " + port + " -- '!gAS65001'", out), 0) << out;
    EXPECT_EQ(out, kG1);
    EXPECT_EQ(run("/usr/bin/whois -h 127.0.0.1 -p " + port + " AS-FOO", out), 0) << out;
    EXPECT_EQ(out, "as-set: AS-FOO\nmembers: AS65001, AS-BAR\nsource: FAKE\n\n\n");
  }
}

}  // namespace
}  // namespace manrs::irr
