#include "manrs/filter/render.h"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

namespace manrs::filter {

std::string list_name(const std::string& base, ListKind kind) {
  std::string name;
  name.reserve(base.size() + 8);
  for (char c : base) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    name += ok ? c : '-';
  }
  if (name.empty()) {
    name = "FILTER";
  }
  switch (kind) {
    case ListKind::kV4:
      return name + "-V4";
    case ListKind::kV6:
      return name + "-V6";
    case ListKind::kAsPath:
      return name + "-ASPATH";
    case ListKind::kAclV4:
      return name + "-SAV-V4";
    case ListKind::kAclV6:
      return name + "-SAV-V6";
  }
  return name;
}

std::vector<std::string> asn_alternations(const std::vector<net::Asn>& asns,
                                          std::size_t max_per_line) {
  std::vector<std::string> out;
  std::string cur;
  std::size_t n = 0;
  for (net::Asn a : asns) {
    if (max_per_line != 0 && n == max_per_line) {
      out.push_back(std::move(cur));
      cur.clear();
      n = 0;
    }
    if (n > 0) {
      cur += '|';
    }
    cur += fmt::format("{}", a);
    ++n;
  }
  if (n > 0) {
    out.push_back(std::move(cur));
  }
  return out;
}

std::vector<std::size_t> chunk_sizes(std::size_t n, std::size_t limit) {
  std::vector<std::size_t> out;
  if (limit == 0 || n <= limit) {
    out.push_back(n);
    return out;
  }
  while (n > 0) {
    const std::size_t take = std::min(n, limit);
    out.push_back(take);
    n -= take;
  }
  return out;
}

namespace {

std::string v4_mask_text(std::uint32_t m) {
  return fmt::format("{}.{}.{}.{}", (m >> 24) & 0xffU, (m >> 16) & 0xffU, (m >> 8) & 0xffU,
                     m & 0xffU);
}

std::uint32_t v4_netmask(unsigned len) { return len == 0 ? 0U : ~std::uint32_t{0} << (32 - len); }

}  // namespace

std::string wildcard_mask(const net::Prefix& p) {
  const std::string addr = p.address().to_string();
  if (!p.is_v4()) {
    return fmt::format("{}/{}", addr, p.length());
  }
  return fmt::format("{} {}", addr, v4_mask_text(~v4_netmask(p.length())));
}

std::string netmask(const net::Prefix& p) {
  const std::string addr = p.address().to_string();
  if (!p.is_v4()) {
    return fmt::format("{}/{}", addr, p.length());
  }
  return fmt::format("{} {}", addr, v4_mask_text(v4_netmask(p.length())));
}

}  // namespace manrs::filter
