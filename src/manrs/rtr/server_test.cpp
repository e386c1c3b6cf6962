// rtr/server_test.cpp — the server over real loopback sockets: a raw client (POSIX socket +
// the PDU codec) checks full syncs in v0/v1/v2, deltas, Cache Reset, Serial Notify, Error
// Reports for garbage and version changes, and that a client which never reads does not
// block another one's full sync. Every read has a timeout.
#include "manrs/rtr/server.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace manrs::rtr {
namespace {

rpki::Vrp vrp(const char* prefix, unsigned max_len, net::Asn asn) {
  rpki::Vrp v;
  v.prefix = net::Prefix::parse(prefix).value();
  v.max_length = static_cast<std::uint8_t>(max_len);
  v.asn = asn;
  return v;
}

rpki::RouterKey test_key() {
  rpki::RouterKey k;
  k.asn = 65005;
  k.ski.fill(0x11);
  k.spki = {0x30, 0x03, 0x01, 0x02, 0x03};
  return k;
}

rpki::VrpSet set_a() {
  rpki::VrpSet s;
  s.vrps = {vrp("192.0.2.0/24", 24, 65001), vrp("198.51.100.0/24", 25, 65002),
            vrp("2001:db8::/32", 48, 65003)};
  s.aspas = {{65001, {65002, 65003}, 0, 0}};
  s.router_keys = {test_key()};
  s.normalize();
  return s;
}

rpki::VrpSet set_b() {
  rpki::VrpSet s = set_a();
  s.vrps.erase(s.vrps.begin());  // withdraw 192.0.2.0/24
  s.vrps.push_back(vrp("203.0.113.0/24", 24, 65004));
  s.aspas[0].providers = {65002};
  s.normalize();
  return s;
}

class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  [[nodiscard]] bool connected() const { return connected_; }
  void send(const Bytes& b) const {
    ASSERT_EQ(::send(fd_, b.data(), b.size(), MSG_NOSIGNAL), static_cast<ssize_t>(b.size()));
  }
  // Next PDU, or nullopt at end of stream / timeout.
  std::optional<Pdu> read() {
    Bytes head(kHeaderBytes);
    if (!read_exact(head.data(), head.size())) {
      return std::nullopt;
    }
    std::uint32_t len = (std::uint32_t{head[4]} << 24U) | (std::uint32_t{head[5]} << 16U) |
                        (std::uint32_t{head[6]} << 8U) | head[7];
    if (len < kHeaderBytes || len > (1U << 20U)) {
      ADD_FAILURE() << "bad length " << len;
      return std::nullopt;
    }
    head.resize(len);
    if (!read_exact(head.data() + kHeaderBytes, len - kHeaderBytes)) {
      return std::nullopt;
    }
    Pdu p;
    PduError err;
    EXPECT_TRUE(decode(head, p, err)) << err.message;
    return p;
  }
  // PDUs up to and including End of Data, Cache Reset or Error Report.
  std::vector<Pdu> read_response() {
    std::vector<Pdu> out;
    while (auto p = read()) {
      out.push_back(*p);
      if (p->type == PduType::kEndOfData || p->type == PduType::kCacheReset ||
          p->type == PduType::kErrorReport) {
        break;
      }
    }
    return out;
  }
  bool at_eof() {
    std::uint8_t c = 0;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool read_exact(std::uint8_t* p, std::size_t n) const {
    while (n > 0) {
      ssize_t r = ::recv(fd_, p, n, 0);
      if (r <= 0) {
        return false;
      }
      p += r;
      n -= static_cast<std::size_t>(r);
    }
    return true;
  }
  int fd_ = -1;
  bool connected_ = false;
};

Bytes reset_query(std::uint8_t v) {
  Bytes b;
  encode_reset_query(b, v);
  return b;
}

Bytes serial_query(std::uint8_t v, std::uint16_t session, std::uint32_t serial) {
  Bytes b;
  encode_serial_query(b, v, session, serial);
  return b;
}

struct Fixture : ::testing::Test {
  Cache cache{777};
  std::unique_ptr<Server> server;
  std::uint16_t port = 0;

  void start(ServerOptions opt = {}) {
    opt.listen = {"127.0.0.1:0"};
    server = std::make_unique<Server>(cache, opt);
    ASSERT_TRUE(server->start().has_value());
    port = server->rtr_ports().at(0);
  }
  void TearDown() override {
    if (server) {
      server->stop();
    }
  }
};

using ServerTest = Fixture;

TEST_F(ServerTest, ResetQueryInEveryVersionGetsExactlyTheSet) {
  cache.update(set_a());
  start();
  for (std::uint8_t v = 0; v <= 2; ++v) {
    Client c(port);
    ASSERT_TRUE(c.connected());
    c.send(reset_query(v));
    auto r = c.read_response();
    ASSERT_GE(r.size(), 2U);
    EXPECT_EQ(r.front().type, PduType::kCacheResponse);
    EXPECT_EQ(r.front().session_id, 777);
    EXPECT_EQ(r.back().type, PduType::kEndOfData);
    EXPECT_EQ(r.back().serial, 0U);
    EXPECT_EQ(r.back().timers.has_value(), v >= 1);
    std::vector<std::string> prefixes;
    std::size_t keys = 0;
    std::size_t aspas = 0;
    for (const auto& p : r) {
      EXPECT_EQ(p.version, v);
      if (p.type == PduType::kIpv4Prefix || p.type == PduType::kIpv6Prefix) {
        EXPECT_TRUE(p.announce);
        prefixes.push_back(p.prefix.to_string() + "-" + std::to_string(p.max_length) + " " +
                           std::to_string(p.asn));
      }
      keys += p.type == PduType::kRouterKey ? 1 : 0;
      if (p.type == PduType::kAspa) {
        ++aspas;
        EXPECT_EQ(p.asn, 65001U);
        EXPECT_EQ(p.providers, (std::vector<net::Asn>{65002, 65003}));
      }
    }
    EXPECT_EQ(prefixes,
              (std::vector<std::string>{"192.0.2.0/24-24 65001", "198.51.100.0/24-25 65002",
                                        "2001:db8::/32-48 65003"}));
    EXPECT_EQ(keys, v >= 1 ? 1U : 0U);
    EXPECT_EQ(aspas, v >= 2 ? 1U : 0U);
  }
}

TEST_F(ServerTest, NotifyThenSerialQueryGetsExactlyTheDelta) {
  cache.update(set_a());
  start();
  Client c(port);
  c.send(reset_query(2));
  ASSERT_EQ(c.read_response().back().type, PduType::kEndOfData);
  cache.update(set_b());
  server->notify();
  auto n = c.read();
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->type, PduType::kSerialNotify);
  EXPECT_EQ(n->serial, 1U);
  EXPECT_EQ(n->session_id, 777);
  c.send(serial_query(2, 777, 0));
  auto r = c.read_response();
  ASSERT_EQ(r.size(), 5U);  // response, withdraw, announce, ASPA, end of data
  EXPECT_EQ(r[0].type, PduType::kCacheResponse);
  EXPECT_FALSE(r[1].announce);
  EXPECT_EQ(r[1].prefix.to_string(), "192.0.2.0/24");
  EXPECT_TRUE(r[2].announce);
  EXPECT_EQ(r[2].prefix.to_string(), "203.0.113.0/24");
  EXPECT_EQ(r[3].type, PduType::kAspa);
  EXPECT_EQ(r[3].providers, (std::vector<net::Asn>{65002}));
  EXPECT_EQ(r[4].serial, 1U);
  // Up to date: empty delta.
  c.send(serial_query(2, 777, 1));
  EXPECT_EQ(c.read_response().size(), 2U);
}

TEST_F(ServerTest, UnknownSerialOrSessionGetsCacheReset) {
  cache.update(set_a());
  start();
  Client c(port);
  c.send(serial_query(1, 777, 12345));
  auto r = c.read_response();
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].type, PduType::kCacheReset);
  c.send(serial_query(1, 778, 0));
  r = c.read_response();
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].type, PduType::kCacheReset);
}

TEST_F(ServerTest, NoDataIsANonFatalErrorReport) {
  start();
  Client c(port);
  c.send(reset_query(1));
  auto r = c.read_response();
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].type, PduType::kErrorReport);
  EXPECT_EQ(r[0].error_code, ErrorCode::kNoDataAvailable);
  cache.update(set_a());
  c.send(reset_query(1));
  EXPECT_EQ(c.read_response().back().type, PduType::kEndOfData);
}

TEST_F(ServerTest, GarbageGetsErrorReportAndClose) {
  cache.update(set_a());
  start();
  Client c(port);
  c.send(Bytes{0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04});  // length 4 < header
  auto r = c.read_response();
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].type, PduType::kErrorReport);
  EXPECT_TRUE(c.at_eof());

  Client big(port);  // declared length above kMaxPduBytes
  big.send(Bytes{0x01, 0x02, 0x00, 0x00, 0x7F, 0x00, 0x00, 0x00});
  r = big.read_response();
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].type, PduType::kErrorReport);
  EXPECT_TRUE(big.at_eof());
}

TEST_F(ServerTest, VersionChangeIsError8AndTooNewIsError4InVersion2) {
  cache.update(set_a());
  start();
  Client c(port);
  c.send(reset_query(1));
  ASSERT_EQ(c.read_response().back().type, PduType::kEndOfData);
  c.send(reset_query(0));
  auto r = c.read_response();
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].error_code, ErrorCode::kUnexpectedVersion);
  EXPECT_EQ(r[0].version, 1);
  EXPECT_TRUE(c.at_eof());

  Client n(port);
  n.send(Bytes{0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08});
  r = n.read_response();
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].error_code, ErrorCode::kUnsupportedVersion);
  EXPECT_EQ(r[0].version, 2);
  EXPECT_TRUE(n.at_eof());
}

TEST_F(ServerTest, ClientErrorReportCloses) {
  cache.update(set_a());
  start();
  Client c(port);
  Bytes b;
  encode_error_report(b, 1, ErrorCode::kCorruptData, {}, "bad");
  c.send(b);
  EXPECT_TRUE(c.at_eof());
}

TEST_F(ServerTest, StalledClientDoesNotBlockOthers) {
  rpki::VrpSet big;
  for (std::uint32_t i = 0; i < 200000; ++i) {
    rpki::Vrp v;
    v.prefix = net::Prefix::make(net::IpAddress::v4(0x0A000000U | i), 32);
    v.max_length = 32;
    v.asn = 65000 + (i % 100);
    big.vrps.push_back(v);
  }
  big.normalize();
  cache.update(std::move(big));
  ServerOptions opt;
  opt.write_timeout = std::chrono::milliseconds(1500);
  start(opt);
  Client stalled(port);
  stalled.send(reset_query(1));  // 4 MB answer, never read
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto t0 = std::chrono::steady_clock::now();
  Client c(port);
  c.send(reset_query(1));
  auto r = c.read_response();
  EXPECT_EQ(r.size(), 200002U);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  // The stalled one is closed by the write timeout.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (server->stats().connections.load() > 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(server->stats().connections.load(), 1U);
}

TEST_F(ServerTest, MaxClients) {
  cache.update(set_a());
  ServerOptions opt;
  opt.max_clients = 1;
  start(opt);
  Client a(port);
  a.send(reset_query(1));
  ASSERT_EQ(a.read_response().back().type, PduType::kEndOfData);
  Client b(port);
  EXPECT_TRUE(b.at_eof());
}

TEST(ParseListenTest, Forms) {
  EXPECT_EQ(parse_listen("127.0.0.1:8323").value().second, 8323);
  EXPECT_EQ(parse_listen("[::1]:8323").value().first, "::1");
  EXPECT_FALSE(parse_listen("localhost:1").has_value());
  EXPECT_FALSE(parse_listen("127.0.0.1:70000").has_value());
  EXPECT_FALSE(parse_listen("127.0.0.1").has_value());
}

}  // namespace
}  // namespace manrs::rtr
