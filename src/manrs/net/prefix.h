// net/prefix.h — an IP prefix (address + length): parse, print, compare, contains.
//
// A Prefix is always canonical: host bits beyond the length are zero (Prefix::make masks them;
// callers that must show the host bits as received, such as the bgpdump formatter, keep the raw
// bytes themselves). Ordering is (family, address, length), the order RIB dumps use.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "manrs/core/result.h"
#include "manrs/net/ip_address.h"

namespace manrs::net {

class Prefix {
 public:
  Prefix() = default;  // 0.0.0.0/0

  // Masks host bits; len must be <= addr.max_len() (clamped otherwise).
  [[nodiscard]] static Prefix make(const IpAddress& addr, unsigned len);
  // Parses "192.0.2.0/24" or "2001:db8::/32"; rejects host bits set unless `allow_host_bits`
  // (then they are masked). An address without "/len" is a host prefix. Untrusted input.
  [[nodiscard]] static Result<Prefix> parse(std::string_view text, bool allow_host_bits = false);

  [[nodiscard]] const IpAddress& address() const { return addr_; }
  [[nodiscard]] unsigned length() const { return len_; }
  [[nodiscard]] Family family() const { return addr_.family(); }
  [[nodiscard]] bool is_v4() const { return addr_.is_v4(); }

  // True if `other` lies within this prefix (same family, longer-or-equal, same leading bits).
  [[nodiscard]] bool contains(const Prefix& other) const;
  [[nodiscard]] bool contains(const IpAddress& addr) const;
  // One of the two halves one bit longer (`one`: the half whose next bit is 1). The length
  // must be below the family's maximum.
  [[nodiscard]] Prefix child(bool one) const;

  [[nodiscard]] std::string to_string() const;
  void append_to(std::string& out) const;

  friend bool operator==(const Prefix&, const Prefix&) = default;
  friend std::strong_ordering operator<=>(const Prefix& a, const Prefix& b) {
    if (auto c = a.addr_ <=> b.addr_; std::is_neq(c)) {
      return c;
    }
    return a.len_ <=> b.len_;
  }

 private:
  IpAddress addr_;
  std::uint8_t len_ = 0;
};

struct PrefixHash {
  std::size_t operator()(const Prefix& p) const noexcept;
};

}  // namespace manrs::net
