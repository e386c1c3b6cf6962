#include "manrs/net/prefix.h"

#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace manrs::net {

Prefix Prefix::make(const IpAddress& addr, unsigned len) {
  Prefix p;
  if (len > addr.max_len()) len = addr.max_len();
  p.addr_ = addr.masked(len);
  p.len_ = static_cast<std::uint8_t>(len);
  return p;
}

Result<Prefix> Prefix::parse(std::string_view text, bool allow_host_bits) {
  auto slash = text.find('/');
  std::string_view addr_text = text.substr(0, slash);
  MANRS_TRY(IpAddress addr, IpAddress::parse(addr_text));
  unsigned len = addr.max_len();
  if (slash != std::string_view::npos) {
    std::string_view len_text = text.substr(slash + 1);
    unsigned v = 0;
    auto [ptr, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), v);
    if (len_text.empty() || ec != std::errc{} || ptr != len_text.data() + len_text.size() ||
        v > addr.max_len()) {
      return make_error(ErrorCode::kMalformed, fmt::format("prefix length: want 0..{}, have '{}'",
                                                           addr.max_len(), len_text.substr(0, 16)));
    }
    len = v;
  }
  Prefix p = make(addr, len);
  if (!allow_host_bits && p.addr_ != addr) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("prefix '{}': want host bits zero, have {}", text.substr(0, 64),
                                  addr.to_string()));
  }
  return p;
}

bool Prefix::contains(const Prefix& other) const {
  if (other.family() != family() || other.len_ < len_) return false;
  return other.addr_.masked(len_) == addr_;
}

Prefix Prefix::child(bool one) const {
  auto bytes = addr_.bytes();
  const unsigned i = len_;
  if (one) {
    bytes[i >> 3U] = static_cast<std::uint8_t>(bytes[i >> 3U] | (0x80U >> (i & 7U)));
  }
  const IpAddress a =
      is_v4() ? IpAddress::v4_bytes(bytes.data()) : IpAddress::v6_bytes(bytes.data());
  return make(a, i + 1);
}

bool Prefix::contains(const IpAddress& addr) const {
  if (addr.family() != family()) return false;
  return addr.masked(len_) == addr_;
}

void Prefix::append_to(std::string& out) const {
  addr_.append_to(out);
  out += '/';
  char buf[4];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), static_cast<unsigned>(len_));
  out.append(buf, ptr);
}

std::string Prefix::to_string() const {
  std::string s;
  append_to(s);
  return s;
}

std::size_t PrefixHash::operator()(const Prefix& p) const noexcept {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::memcpy(&a, p.address().bytes().data(), 8);
  std::memcpy(&b, p.address().bytes().data() + 8, 8);
  std::uint64_t h = a * 0x9E3779B97F4A7C15ULL;
  h ^= (b + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2)) * 0xC2B2AE3D27D4EB4FULL;
  h ^= (std::uint64_t{p.length()} << 1) | (p.is_v4() ? 1U : 0U);
  h *= 0xFF51AFD7ED558CCDULL;
  return static_cast<std::size_t>(h ^ (h >> 33));
}

}  // namespace manrs::net
