#include "manrs/bgp/nlri.h"

#include <fmt/format.h>

#include "manrs/core/limits.h"

namespace manrs::bgp {

Status decode_nlri(core::ByteReader r, std::uint16_t afi, bool add_path,
                   std::vector<NlriPrefix>& out) {
  if (afi != kAfiIpv4 && afi != kAfiIpv6) {
    return r.error(ErrorCode::kUnsupported, "RFC 4760 §3 NLRI AFI", "1 or 2",
                   fmt::format("{}", afi));
  }
  const unsigned max_len = afi == kAfiIpv4 ? 32U : 128U;
  std::uint8_t bytes[16];
  while (!r.empty()) {
    std::uint32_t path_id = 0;
    if (add_path) {
      if (!r.can_read(4)) return r.truncated("RFC 7911 §3 NLRI path identifier", 4);
      path_id = r.get_u32();
    }
    if (!r.can_read(1)) return r.truncated("RFC 4271 §4.3 NLRI prefix length", 1);
    unsigned len = r.get_u8();
    if (len > max_len) {
      return make_error(
          ErrorCode::kMalformed,
          fmt::format("RFC 4271 §4.3 NLRI prefix length: want <= {}, have {}", max_len, len),
          r.where_at(r.offset() - 1));
    }
    std::size_t n = (len + 7) / 8;
    if (!r.can_read(n)) return r.truncated("RFC 4271 §4.3 NLRI prefix", n);
    if (out.size() >= limits::kMaxNlriPrefixes) {
      return r.error(ErrorCode::kLimitExceeded, "NLRI prefix count",
                     fmt::format("<= {}", limits::kMaxNlriPrefixes), "more");
    }
    for (auto& b : bytes) b = 0;
    r.get_bytes(bytes, n);
    net::IpAddress addr =
        afi == kAfiIpv4 ? net::IpAddress::v4_bytes(bytes) : net::IpAddress::v6_bytes(bytes);
    out.push_back({net::Prefix::make(addr, len), path_id});
  }
  return {};
}

}  // namespace manrs::bgp
