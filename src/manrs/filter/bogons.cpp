// The bogon tables are manrs-spec §4.9's "Filter as bogon? = yes" rows (IANA special-purpose
// registries, NLNOG bogon_prefixes / bogon_asns, MANRS OCV). IPv6 keeps only 2000::/3 (plus the
// NAT64 well-known prefix 64:ff9b::/96, which the registry marks globally reachable).
#include "manrs/filter/bogons.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "manrs/core/input.h"
#include "manrs/filter/internal/lines.h"

namespace manrs::filter {
namespace {

std::vector<BogonPrefix> make_table(std::initializer_list<std::array<std::string_view, 3>> rows) {
  std::vector<BogonPrefix> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    auto p = net::Prefix::parse(r[0]);
    if (p) {
      out.push_back(BogonPrefix{*p, r[1], r[2]});
    }
  }
  return out;
}

const net::Prefix& global_unicast_v6() {
  static const net::Prefix p = *net::Prefix::parse("2000::/3");
  return p;
}

const net::Prefix& nat64_wkp() {
  static const net::Prefix p = *net::Prefix::parse("64:ff9b::/96");
  return p;
}

// The blocks of the complement of 2000::/3 (and of 64:ff9b::/96 inside it): the shortest
// prefixes not overlapping them, computed once.
std::vector<BogonPrefix> outside_global_v6() {
  std::vector<BogonPrefix> out;
  for (const char* s : {"0000::/3", "4000::/2", "8000::/1"}) {
    out.push_back(BogonPrefix{*net::Prefix::parse(s), "outside 2000::/3", "RFC 4291"});
  }
  return out;
}

}  // namespace

const std::vector<BogonPrefix>& bogon_prefixes_v4() {
  static const std::vector<BogonPrefix> table = make_table({
      {"0.0.0.0/8", "\"This network\"", "RFC 791"},
      {"10.0.0.0/8", "Private-use", "RFC 1918"},
      {"100.64.0.0/10", "Shared address space", "RFC 6598"},
      {"127.0.0.0/8", "Loopback", "RFC 1122"},
      {"169.254.0.0/16", "Link-local", "RFC 3927"},
      {"172.16.0.0/12", "Private-use", "RFC 1918"},
      {"192.0.0.0/24", "IETF protocol assignments", "RFC 6890"},
      {"192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"},
      {"192.88.99.0/24", "Deprecated 6to4 relay anycast", "RFC 7526"},
      {"192.168.0.0/16", "Private-use", "RFC 1918"},
      {"198.18.0.0/15", "Benchmarking", "RFC 2544"},
      {"198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"},
      {"203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"},
      {"224.0.0.0/4", "Multicast", "RFC 5771"},
      {"240.0.0.0/4", "Reserved", "RFC 1112"},
  });
  return table;
}

const std::vector<BogonPrefix>& bogon_prefixes_v6() {
  static const std::vector<BogonPrefix> table = make_table({
      {"::/128", "Unspecified", "RFC 4291"},
      {"::1/128", "Loopback", "RFC 4291"},
      {"::ffff:0:0/96", "IPv4-mapped", "RFC 4291"},
      {"::/96", "IPv4-compatible (deprecated)", "RFC 4291"},
      {"64:ff9b:1::/48", "Local-use NAT64", "RFC 8215"},
      {"100::/64", "Discard-only", "RFC 6666"},
      {"100:0:0:1::/64", "Dummy IPv6 prefix", "RFC 9780"},
      {"2001::/32", "Teredo", "RFC 4380"},
      {"2001:2::/48", "Benchmarking", "RFC 5180"},
      {"2001:10::/28", "Deprecated ORCHID", "RFC 4843"},
      {"2001:db8::/32", "Documentation", "RFC 3849"},
      {"2002::/16", "6to4", "RFC 3056"},
      {"3ffe::/16", "Former 6bone", "RFC 3701"},
      {"3fff::/20", "Documentation", "RFC 9637"},
      {"5f00::/16", "SRv6 SIDs", "RFC 9602"},
      {"fc00::/7", "Unique local", "RFC 4193"},
      {"fe80::/10", "Link-local", "RFC 4291"},
      {"fec0::/10", "Former site-local", "RFC 3879"},
      {"ff00::/8", "Multicast", "RFC 4291"},
  });
  return table;
}

const std::vector<BogonAsnRange>& bogon_asns() {
  static const std::vector<BogonAsnRange> table = {
      {0, 0, "Reserved", "RFC 7607"},
      {23456, 23456, "AS_TRANS", "RFC 6793"},
      {64496, 64511, "Documentation", "RFC 5398"},
      {64512, 65534, "Private use", "RFC 6996"},
      {65535, 65535, "Reserved", "RFC 7300"},
      {65536, 65551, "Documentation", "RFC 5398"},
      {65552, 131071, "IANA reserved", "IANA registry"},
      {4200000000U, 4294967294U, "Private use", "RFC 6996"},
      {4294967295U, 4294967295U, "Reserved", "RFC 7300"},
  };
  return table;
}

std::optional<BogonPrefix> bogon_prefix(const net::Prefix& p) {
  if (p.length() == 0) {
    return std::nullopt;
  }
  // Fast path: the first bits of the address rule out every block for most prefixes.
  const auto& head = p.address().bytes();
  if (p.is_v4()) {
    switch (head[0]) {
      case 0:
      case 10:
      case 100:
      case 127:
      case 169:
      case 172:
      case 192:
      case 198:
      case 203:
        break;
      default:
        if (head[0] < 224 && p.length() >= 8) {
          return std::nullopt;
        }
    }
  } else if ((head[0] & 0xe0U) == 0x20U && p.length() >= 16 &&
             !((head[0] == 0x20 && (head[1] == 0x01 || head[1] == 0x02)) ||
               (head[0] == 0x3f && (head[1] == 0xfe || head[1] == 0xff)))) {
    return std::nullopt;
  }
  const auto& table = p.is_v4() ? bogon_prefixes_v4() : bogon_prefixes_v6();
  for (const auto& b : table) {
    if (b.prefix.contains(p)) {
      return b;
    }
  }
  if (!p.is_v4() && !global_unicast_v6().contains(p) && !nat64_wkp().contains(p)) {
    static const std::vector<BogonPrefix> outside = outside_global_v6();
    for (const auto& b : outside) {
      if (b.prefix.contains(p)) {
        return b;
      }
    }
    return outside.front();
  }
  return std::nullopt;
}

std::vector<net::Prefix> bogons_inside(const net::Prefix& p) {
  std::vector<net::Prefix> out;
  const auto& table = p.is_v4() ? bogon_prefixes_v4() : bogon_prefixes_v6();
  for (const auto& b : table) {
    if (p.contains(b.prefix) && b.prefix.length() > p.length()) {
      out.push_back(b.prefix);
    }
  }
  if (!p.is_v4()) {
    static const std::vector<BogonPrefix> outside = outside_global_v6();
    for (const auto& b : outside) {
      if (p.contains(b.prefix) && b.prefix.length() > p.length()) {
        out.push_back(b.prefix);
      }
    }
  }
  // Nested blocks (::/128 inside ::/96): keep the outermost only.
  std::sort(out.begin(), out.end());
  std::vector<net::Prefix> outer;
  for (const auto& b : out) {
    if (outer.empty() || !outer.back().contains(b)) {
      outer.push_back(b);
    }
  }
  return outer;
}

const BogonAsnRange* bogon_asn(net::Asn asn) {
  for (const auto& r : bogon_asns()) {
    if (asn >= r.first && asn <= r.last) {
      return &r;
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------- unallocated space

namespace {

std::vector<std::string_view> split_fields(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (out.size() < 16) {
    const std::size_t pos = line.find(sep, start);
    out.push_back(
        line.substr(start, pos == std::string_view::npos ? line.size() - start : pos - start));
    if (pos == std::string_view::npos) {
      break;
    }
    start = pos + 1;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// The CIDR blocks covering [start, start + count) (IPv4, host order).
void v4_range_blocks(std::uint64_t start, std::uint64_t count, std::vector<net::Prefix>& out) {
  const std::uint64_t end = start + count;  // exclusive, <= 2^32
  while (start < end) {
    unsigned size_bits = 0;
    while (size_bits < 32) {
      const std::uint64_t size = std::uint64_t{1} << (size_bits + 1);
      if ((start & (size - 1)) != 0 || start + size > end) {
        break;
      }
      ++size_bits;
    }
    out.push_back(
        net::Prefix::make(net::IpAddress::v4(static_cast<std::uint32_t>(start)), 32 - size_bits));
    start += std::uint64_t{1} << size_bits;
  }
}

}  // namespace

Result<std::size_t> Unallocated::load_file(const std::string& path) {
  auto src = core::open_input(path);
  if (!src) {
    return src.error();
  }
  return load(**src);
}

Result<std::size_t> Unallocated::load(core::ByteSource& source) {
  const std::string path(source.name());
  const auto source_index = static_cast<std::uint32_t>(sources_.size());
  sources_.push_back(path);
  std::size_t added = 0;
  auto handle = [&](std::string_view line, std::uint64_t line_no) -> Status {
    line = trim(line);
    if (line.empty() || line.front() == '#') {
      return {};
    }
    if (line.find('|') != std::string_view::npos) {
      // delegated-extended: registry|cc|type|start|value|date|status[|opaque-id[|ext...]]
      auto f = split_fields(line, '|');
      if (f.size() < 7 || f[1] == "*" || f[5] == "summary") {
        return {};  // version or summary line
      }
      if (f[2] != "ipv4" && f[2] != "ipv6") {
        return {};
      }
      const std::string_view status = trim(f[6]);
      if (status != "available" && status != "reserved") {
        return {};
      }
      auto addr = net::IpAddress::parse(f[3]);
      std::uint64_t value = 0;
      auto [ptr, ec] = std::from_chars(f[4].data(), f[4].data() + f[4].size(), value);
      if (!addr || ec != std::errc() || ptr != f[4].data() + f[4].size()) {
        return make_error(ErrorCode::kMalformed,
                          fmt::format("{}:{}: start/value: want an address and a number, have "
                                      "'{}|{}'",
                                      path, line_no, f[3], f[4]));
      }
      if (f[2] == "ipv4") {
        if (!addr->is_v4()) {
          return make_error(
              ErrorCode::kMalformed,
              fmt::format("{}:{}: start: want an IPv4 address, have {}", path, line_no, f[3]));
        }
        if (value == 0 || addr->v4_value() + value > (std::uint64_t{1} << 32)) {
          return make_error(ErrorCode::kMalformed,
                            fmt::format("{}:{}: value: want an IPv4 address count within the "
                                        "address space, have {}",
                                        path, line_no, f[4]));
        }
        std::vector<net::Prefix> blocks;
        v4_range_blocks(addr->v4_value(), value, blocks);
        for (const auto& b : blocks) {
          blocks_.push_back(Block{b, source_index});
          ++added;
        }
      } else {
        if (addr->is_v4()) {
          return make_error(
              ErrorCode::kMalformed,
              fmt::format("{}:{}: start: want an IPv6 address, have {}", path, line_no, f[3]));
        }
        if (value > 128) {
          return make_error(ErrorCode::kMalformed,
                            fmt::format("{}:{}: value: want an IPv6 prefix length, have {}", path,
                                        line_no, f[4]));
        }
        blocks_.push_back(
            Block{net::Prefix::make(*addr, static_cast<unsigned>(value)), source_index});
        ++added;
      }
      return {};
    }
    auto p = net::Prefix::parse(line);
    if (!p) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("{}:{}: prefix: want a CIDR prefix, have '{}'", path, line_no,
                                    line.substr(0, 64)));
    }
    blocks_.push_back(Block{*p, source_index});
    ++added;
    return {};
  };
  MANRS_TRY_VOID(detail::for_each_line(source, 4096, "4096 bytes", handle));
  return added;
}

void Unallocated::add(const net::Prefix& p, std::string source) {
  auto it = std::find(sources_.begin(), sources_.end(), source);
  std::uint32_t index = 0;
  if (it == sources_.end()) {
    index = static_cast<std::uint32_t>(sources_.size());
    sources_.push_back(std::move(source));
  } else {
    index = static_cast<std::uint32_t>(it - sources_.begin());
  }
  blocks_.push_back(Block{p, index});
}

void Unallocated::finalize() {
  std::sort(blocks_.begin(), blocks_.end(),
            [](const Block& a, const Block& b) { return a.prefix < b.prefix; });
  std::vector<Block> outer;
  outer.reserve(blocks_.size());
  for (const auto& b : blocks_) {
    if (outer.empty() || !outer.back().prefix.contains(b.prefix)) {
      outer.push_back(b);
    }
  }
  blocks_ = std::move(outer);
}

std::optional<net::Prefix> Unallocated::containing(const net::Prefix& p) const {
  // Blocks do not nest: the only candidate is the last block starting at or before p.
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), p,
                             [](const net::Prefix& key, const Block& b) { return key < b.prefix; });
  if (it == blocks_.begin()) {
    return std::nullopt;
  }
  --it;
  if (it->prefix.contains(p)) {
    return it->prefix;
  }
  return std::nullopt;
}

std::vector<net::Prefix> Unallocated::inside(const net::Prefix& p) const {
  std::vector<net::Prefix> out;
  auto it = std::lower_bound(blocks_.begin(), blocks_.end(), p,
                             [](const Block& b, const net::Prefix& key) { return b.prefix < key; });
  for (; it != blocks_.end() && p.contains(it->prefix); ++it) {
    if (it->prefix.length() > p.length()) {
      out.push_back(it->prefix);
    }
  }
  return out;
}

std::string_view Unallocated::source_of(const net::Prefix& block) const {
  auto it = std::lower_bound(blocks_.begin(), blocks_.end(), block,
                             [](const Block& b, const net::Prefix& key) { return b.prefix < key; });
  if (it != blocks_.end() && it->prefix == block && it->source < sources_.size()) {
    return sources_[it->source];
  }
  return {};
}

}  // namespace manrs::filter
