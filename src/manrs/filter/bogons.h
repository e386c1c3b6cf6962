// filter/bogons.h — bogon prefixes and ASNs (manrs-spec §4.9): the IANA special-purpose
// registries built in ("full bogons": never allowed in a filter, counted by M3/M4), and
// optional unallocated space ("administrative bogons") from Team Cymru's fullbogons lists or
// NRO/RIR delegated-extended statistics files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::filter {

struct BogonPrefix {
  net::Prefix prefix;
  std::string_view purpose;  // "Benchmarking"
  std::string_view rfc;      // "RFC 2544"
};

struct BogonAsnRange {
  net::Asn first = 0;
  net::Asn last = 0;
  std::string_view purpose;
  std::string_view rfc;
};

// The built-in tables, the "Filter as bogon? = yes" rows of manrs-spec §4.9.1-4.9.3. IPv6:
// every prefix outside 2000::/3 is a bogon too (reported as "outside 2000::/3 (RFC 4291)").
[[nodiscard]] const std::vector<BogonPrefix>& bogon_prefixes_v4();
[[nodiscard]] const std::vector<BogonPrefix>& bogon_prefixes_v6();
[[nodiscard]] const std::vector<BogonAsnRange>& bogon_asns();

// The bogon block that contains `p` (p equal to or more specific than it), or nullopt.
// 2000::/3's complement is returned as a synthetic entry. A /0 is not a bogon here (it is
// the default route, which the filter rejects for its own reason).
[[nodiscard]] std::optional<BogonPrefix> bogon_prefix(const net::Prefix& p);
// The bogon blocks strictly inside `p` (a range entry over them must be split).
[[nodiscard]] std::vector<net::Prefix> bogons_inside(const net::Prefix& p);
[[nodiscard]] const BogonAsnRange* bogon_asn(net::Asn asn);

// Unallocated space: a set of prefixes from files, looked up by containment.
class Unallocated {
 public:
  // Team Cymru fullbogons-ipv4/ipv6 text (one prefix per line, '#' comments) or NRO/RIR
  // delegated-extended stats ("registry|cc|type|start|value|date|status[|ext]": ipv4/ipv6
  // records with status "available" or "reserved" are unallocated; ipv4 `value` is an address
  // count and becomes the covering CIDR blocks). The format is detected from the content.
  // Errors name the file, the line and the field.
  [[nodiscard]] Result<std::size_t> load_file(const std::string& path);
  // The same from any byte source (its name() is the file in messages).
  [[nodiscard]] Result<std::size_t> load(core::ByteSource& source);
  void add(const net::Prefix& p, std::string source);
  // Call after loading: sorts and merges.
  void finalize();

  // The unallocated block containing `p`, or nullopt.
  [[nodiscard]] std::optional<net::Prefix> containing(const net::Prefix& p) const;
  // Unallocated blocks strictly inside `p`.
  [[nodiscard]] std::vector<net::Prefix> inside(const net::Prefix& p) const;
  [[nodiscard]] std::string_view source_of(const net::Prefix& block) const;
  [[nodiscard]] std::size_t size() const { return blocks_.size(); }
  [[nodiscard]] bool empty() const { return blocks_.empty(); }

 private:
  struct Block {
    net::Prefix prefix;
    std::uint32_t source = 0;
  };
  std::vector<Block> blocks_;  // sorted, no block inside another after finalize()
  std::vector<std::string> sources_;
};

}  // namespace manrs::filter
