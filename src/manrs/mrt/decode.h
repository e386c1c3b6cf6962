// mrt/decode.h — decoders for MRT record bodies (pure: bytes in, values out).
//
// Each takes a ByteReader over exactly the record body (after the common header and, for the
// _ET types, the microsecond field) and fills the matching Record member. Errors name the
// field, the RFC section and the absolute offset. mrt::Reader calls these; they are public
// so that tests and the fuzz target can drive them directly.
#pragma once

#include <cstdint>

#include "manrs/core/byte_reader.h"
#include "manrs/core/result.h"
#include "manrs/mrt/record.h"

namespace manrs::mrt {

// RFC 6396 §4.3.1.
[[nodiscard]] Status decode_peer_index_table(core::ByteReader r, PeerIndexTable& out);
// RFC 6396 §4.3.2-4.3.3, RFC 8050 §4. `peers` must be present when the record has entries.
// `summary`: decode attributes in bgp::AttrContext::summary mode (route statistics).
[[nodiscard]] Status decode_rib(core::ByteReader r, std::uint16_t subtype,
                                const PeerIndexTable& peers, Rib& out, bool summary = false);
// RFC 6396 §4.2 (subtypes 1 IPv4, 2 IPv6; 3 and 4 are the 4-byte-AS variants libbgpdump
// reads). Decodes every entry of batched early-RIS records.
[[nodiscard]] Status decode_table_dump(core::ByteReader r, std::uint16_t subtype, TableDump& out);
// RFC 6396 §4.4, RFC 8050 §3: MESSAGE*, STATE_CHANGE*. `length` is the declared body length
// (for Zebra's 8-byte STATE_CHANGE).
[[nodiscard]] Status decode_bgp4mp(core::ByteReader r, std::uint16_t subtype, Bgp4mp& out,
                                   RecordKind& kind);
// The deprecated MRTd BGP type 5 (RFC 6396 §B.2.3): UPDATE, KEEPALIVE, STATE_CHANGE.
[[nodiscard]] Status decode_legacy_bgp(core::ByteReader r, std::uint16_t subtype, Bgp4mp& out,
                                       RecordKind& kind);

[[nodiscard]] bool is_add_path_bgp4mp(std::uint16_t subtype);
[[nodiscard]] bool is_add_path_rib(std::uint16_t subtype);

}  // namespace manrs::mrt
