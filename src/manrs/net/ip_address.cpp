#include "manrs/net/ip_address.h"

#include <cstring>

#include <arpa/inet.h>
#include <fmt/format.h>

namespace manrs::net {

IpAddress IpAddress::v4(std::uint32_t host_order) {
  IpAddress a;
  a.family_ = Family::kV4;
  a.bytes_[0] = static_cast<std::uint8_t>(host_order >> 24);
  a.bytes_[1] = static_cast<std::uint8_t>(host_order >> 16);
  a.bytes_[2] = static_cast<std::uint8_t>(host_order >> 8);
  a.bytes_[3] = static_cast<std::uint8_t>(host_order);
  return a;
}

IpAddress IpAddress::masked(unsigned len) const {
  IpAddress a = *this;
  unsigned max = max_len();
  if (len >= max) return a;
  unsigned byte = len / 8;
  unsigned rem = len % 8;
  if (rem != 0) {
    a.bytes_[byte] = static_cast<std::uint8_t>(a.bytes_[byte] & (0xFFU << (8 - rem)));
    ++byte;
  }
  for (unsigned i = byte; i < 16; ++i) a.bytes_[i] = 0;
  return a;
}

Result<IpAddress> IpAddress::parse(std::string_view text) {
  // inet_pton needs a NUL-terminated string; addresses are short, so bound the copy.
  char buf[64];
  if (text.empty() || text.size() >= sizeof(buf)) {
    return make_error(
        ErrorCode::kMalformed,
        fmt::format("IP address: want IPv4 or IPv6 text, have '{}'", text.substr(0, 64)));
  }
  // An embedded NUL would end the C string early and let trailing junk through.
  if (text.find('\0') != std::string_view::npos) {
    return make_error(ErrorCode::kMalformed, "IP address: want IPv4 or IPv6 text, have a NUL byte");
  }
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  IpAddress a;
  if (text.find(':') == std::string_view::npos) {
    if (inet_pton(AF_INET, buf, a.bytes_.data()) == 1) {
      a.family_ = Family::kV4;
      return a;
    }
  } else if (inet_pton(AF_INET6, buf, a.bytes_.data()) == 1) {
    a.family_ = Family::kV6;
    return a;
  }
  return make_error(ErrorCode::kMalformed,
                    fmt::format("IP address: want IPv4 or IPv6 text, have '{}'", text));
}

void append_ipv4(std::string& out, const std::uint8_t* b) {
  char buf[16];
  char* p = buf;
  for (int i = 0; i < 4; ++i) {
    unsigned v = b[i];
    if (v >= 100) {
      *p++ = static_cast<char>('0' + v / 100);
      *p++ = static_cast<char>('0' + (v / 10) % 10);
    } else if (v >= 10) {
      *p++ = static_cast<char>('0' + v / 10);
    }
    *p++ = static_cast<char>('0' + v % 10);
    *p++ = '.';
  }
  out.append(buf, static_cast<std::size_t>(p - buf - 1));
}

void IpAddress::append_to(std::string& out) const {
  if (is_v4()) {
    append_ipv4(out, bytes_.data());
    return;
  }
  // RFC 5952 §5 / RFC 4291 §2.5.5.2: an IPv4-mapped address (::ffff:0:0/96) prints in mixed
  // notation, "::ffff:192.0.2.1", as inet_ntop and bgpdump do. Other embedded-IPv4 forms (the
  // deprecated IPv4-compatible ::/96, RFC 6052 64:ff9b::/96) print in plain hex.
  bool mapped = true;
  for (std::size_t i = 0; i < 10; ++i) mapped = mapped && bytes_[i] == 0;
  if (mapped && bytes_[10] == 0xFF && bytes_[11] == 0xFF) {
    out += "::ffff:";
    append_ipv4(out, bytes_.data() + 12);
    return;
  }
  // RFC 5952 §4: compress the longest run (>= 2) of zero groups, the first on ties.
  std::array<unsigned, 8> g{};
  for (std::size_t i = 0; i < 8; ++i) {
    g[i] = (unsigned{bytes_[2 * i]} << 8U) | unsigned{bytes_[2 * i + 1]};
  }
  std::size_t best = 8;  // 8 = no run compressed
  std::size_t best_len = 1;
  for (std::size_t i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (i != 0 && i != best + best_len) out += ':';
    unsigned v = g[i];
    bool started = false;
    for (int s = 12; s >= 0; s -= 4) {
      unsigned nib = (v >> static_cast<unsigned>(s)) & 0xFU;
      if (nib != 0 || started || s == 0) {
        out += kHex[nib];
        started = true;
      }
    }
  }
}

std::string IpAddress::to_string() const {
  std::string s;
  append_to(s);
  return s;
}

}  // namespace manrs::net
