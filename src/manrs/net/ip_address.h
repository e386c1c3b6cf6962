// net/ip_address.h — IPv4/IPv6 addresses: parse, print (RFC 5952), compare.
//
// IpAddress is a value type: 16 bytes plus the family; IPv4 lives in the first 4 bytes, the
// rest is zero, so two addresses compare by (family, bytes). Text output follows RFC 5952 for
// IPv6 (lower case, longest zero run of >= 2 groups compressed, first run on ties); IPv4-mapped
// addresses (::ffff:0:0/96) use the RFC 5952 §5 mixed notation "::ffff:192.0.2.1".
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "manrs/core/result.h"

namespace manrs::net {

enum class Family : std::uint8_t { kV4 = 4, kV6 = 6 };

class IpAddress {
 public:
  IpAddress() = default;  // 0.0.0.0

  [[nodiscard]] static IpAddress v4(std::uint32_t host_order);
  // 4 network-order bytes.
  [[nodiscard]] static IpAddress v4_bytes(const std::uint8_t* bytes) {
    IpAddress a;
    a.family_ = Family::kV4;
    std::memcpy(a.bytes_.data(), bytes, 4);
    return a;
  }
  // 16 network-order bytes.
  [[nodiscard]] static IpAddress v6_bytes(const std::uint8_t* bytes) {
    IpAddress a;
    a.family_ = Family::kV6;
    std::memcpy(a.bytes_.data(), bytes, 16);
    return a;
  }
  // Parses dotted-quad IPv4 or any RFC 4291 §2.2 IPv6 text form. Untrusted input.
  [[nodiscard]] static Result<IpAddress> parse(std::string_view text);

  [[nodiscard]] Family family() const { return family_; }
  [[nodiscard]] bool is_v4() const { return family_ == Family::kV4; }
  [[nodiscard]] bool is_v6() const { return family_ == Family::kV6; }
  [[nodiscard]] unsigned max_len() const { return is_v4() ? 32U : 128U; }
  [[nodiscard]] const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  // Host order; IPv4 only.
  [[nodiscard]] std::uint32_t v4_value() const {
    return (std::uint32_t{bytes_[0]} << 24) | (std::uint32_t{bytes_[1]} << 16) |
           (std::uint32_t{bytes_[2]} << 8) | std::uint32_t{bytes_[3]};
  }
  // Bit i counted from the most significant bit (0 <= i < max_len()).
  [[nodiscard]] bool bit(unsigned i) const {
    return ((unsigned{bytes_[i >> 3U]} >> (7U - (i & 7U))) & 1U) != 0;
  }
  // The address with all bits from `len` on cleared.
  [[nodiscard]] IpAddress masked(unsigned len) const;

  // RFC 5952 text ("2001:db8::1", "192.0.2.1", "::ffff:192.0.2.1").
  [[nodiscard]] std::string to_string() const;
  // Appends the RFC 5952 text to `out` (no allocation when `out` has room).
  void append_to(std::string& out) const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend std::strong_ordering operator<=>(const IpAddress& a, const IpAddress& b) {
    if (auto c = a.family_ <=> b.family_; std::is_neq(c)) {
      return c;
    }
    return a.bytes_ <=> b.bytes_;
  }

 private:
  std::array<std::uint8_t, 16> bytes_{};
  Family family_ = Family::kV4;
};

// Appends dotted-quad text of 4 network-order bytes to out.
void append_ipv4(std::string& out, const std::uint8_t* bytes);

}  // namespace manrs::net
