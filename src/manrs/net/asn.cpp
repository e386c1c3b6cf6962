#include "manrs/net/asn.h"

#include <charconv>

#include <fmt/format.h>

namespace manrs::net {

namespace {

bool parse_u32(std::string_view s, std::uint64_t max, std::uint32_t& out) {
  if (s.empty() || s.size() > 10) return false;
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || v > max) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

}  // namespace

Result<Asn> parse_asn(std::string_view text) {
  std::string_view s = text;
  if (s.size() >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) {
    s.remove_prefix(2);
  }
  auto bad = [&] {
    return make_error(
        ErrorCode::kMalformed,
        fmt::format("RFC 5396 ASN: want asplain or asdot, have '{}'", text.substr(0, 32)));
  };
  auto dot = s.find('.');
  std::uint32_t v = 0;
  if (dot == std::string_view::npos) {
    if (!parse_u32(s, 0xFFFFFFFFULL, v)) return bad();
    return v;
  }
  std::uint32_t hi = 0;
  std::uint32_t lo = 0;
  if (!parse_u32(s.substr(0, dot), 0xFFFF, hi) || !parse_u32(s.substr(dot + 1), 0xFFFF, lo)) {
    return bad();
  }
  return (hi << 16) | lo;
}

std::string format_asn(Asn asn) { return fmt::format("AS{}", asn); }

std::string format_asdot(Asn asn) {
  if (asn <= 0xFFFF) return fmt::format("{}", asn);
  return fmt::format("{}.{}", asn >> 16, asn & 0xFFFF);
}

}  // namespace manrs::net
