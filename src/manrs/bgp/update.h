// bgp/update.h — BGP message header (RFC 4271 §4.1) and UPDATE message (RFC 4271 §4.3).
//
// decode_message() checks the 16-byte marker and the length and returns the message type
// and body; decode_update() splits an UPDATE body into withdrawn routes, path attributes
// (bgp/attributes.h, RFC 7606 error handling) and NLRI. An Update is reusable: decode_update
// clears it first and keeps vector capacity.
#pragma once

#include <cstdint>
#include <vector>

#include "manrs/bgp/attributes.h"
#include "manrs/bgp/nlri.h"
#include "manrs/core/byte_reader.h"
#include "manrs/core/result.h"

namespace manrs::bgp {

enum class MessageType : std::uint8_t {
  kOpen = 1,
  kUpdate = 2,
  kNotification = 3,
  kKeepalive = 4,
  kRouteRefresh = 5,
};

struct MessageHeader {
  std::uint16_t length = 0;  // as declared, header included
  std::uint8_t type = 0;
};

// Reads the 19-byte header from `r`; on success `body` covers the rest of the message (at most
// length - 19 bytes, fewer when the record was cut: then `truncated_by` says how many are
// missing). Errors: kMalformed for a bad marker or a length < 19 or > 65535 (RFC 8654).
struct Message {
  MessageHeader header;
  core::ByteReader body;
  std::size_t truncated_by = 0;
};
[[nodiscard]] Result<Message> decode_message(core::ByteReader& r);

struct Update {
  std::vector<NlriPrefix> withdrawn;  // IPv4 withdrawn routes field
  PathAttributes attrs;
  std::vector<NlriPrefix> nlri;  // IPv4 NLRI field

  void clear() {
    withdrawn.clear();
    attrs.clear();
    nlri.clear();
  }
};

// Decodes an UPDATE body. `ctx.add_path` applies to the IPv4 fields too (RFC 7911).
// Errors: kMalformed/kTruncated naming the field, when the withdrawn-routes or attribute
// lengths overrun the message. A malformed IPv4 prefix is not an error: the prefixes before
// it are kept and attrs.problems gets a treat-as-withdraw entry (RFC 7606 §5.3).
[[nodiscard]] Status decode_update(core::ByteReader body, const AttrContext& ctx, Update& out);

}  // namespace manrs::bgp
