// bgp/nlri.h — NLRI prefixes (RFC 4271 §4.3, RFC 4760 §5) with optional ADD-PATH identifiers
// (RFC 7911 §3), and their decoder.
//
// A prefix is `length` bits followed by ceil(length/8) address bytes; host bits beyond the
// length are cleared (RFC 4271 leaves them undefined; upstream bgpdump masks them too).
#pragma once

#include <cstdint>
#include <vector>

#include "manrs/core/byte_reader.h"
#include "manrs/core/result.h"
#include "manrs/net/prefix.h"

namespace manrs::bgp {

inline constexpr std::uint16_t kAfiIpv4 = 1;
inline constexpr std::uint16_t kAfiIpv6 = 2;
inline constexpr std::uint8_t kSafiUnicast = 1;
inline constexpr std::uint8_t kSafiMulticast = 2;
inline constexpr std::uint8_t kSafiUnicastMulticast = 3;  // deprecated RFC 4760 value

struct NlriPrefix {
  net::Prefix prefix;
  std::uint32_t path_id = 0;  // 0 unless ADD-PATH
};

// Decodes prefixes of `afi` (kAfiIpv4 / kAfiIpv6) until `r` is empty, appending to `out`.
// Errors (malformed, naming field and offset): a length above the family's maximum, a prefix
// running past the end, an AFI we cannot hold, more than limits::kMaxNlriPrefixes prefixes.
// Prefixes decoded before the error stay in `out`.
[[nodiscard]] Status decode_nlri(core::ByteReader r, std::uint16_t afi, bool add_path,
                                 std::vector<NlriPrefix>& out);

}  // namespace manrs::bgp
