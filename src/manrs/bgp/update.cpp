#include "manrs/bgp/update.h"

#include <fmt/format.h>

namespace manrs::bgp {

Result<Message> decode_message(core::ByteReader& r) {
  if (!r.can_read(19)) return r.truncated("RFC 4271 §4.1 message header", 19);
  const std::uint8_t* m = r.cursor();
  for (int i = 0; i < 16; ++i) {
    if (m[i] != 0xFF) {
      return r.error(ErrorCode::kMalformed, "RFC 4271 §4.1 marker", "16 bytes of 0xff",
                     fmt::format("0x{:02x} at byte {}", m[i], i));
    }
  }
  r.advance(16);
  Message msg;
  msg.header.length = r.get_u16();
  msg.header.type = r.get_u8();
  if (msg.header.length < 19) {
    return make_error(
        ErrorCode::kMalformed,
        fmt::format("RFC 4271 §4.1 message length: want >= 19, have {}", msg.header.length),
        r.where_at(r.offset() - 3));
  }
  std::size_t body_len = msg.header.length - 19U;
  if (body_len > r.remaining()) msg.truncated_by = body_len - r.remaining();
  msg.body = r.sub_lenient(body_len);
  return msg;
}

Status decode_update(core::ByteReader body, const AttrContext& ctx, Update& out) {
  out.clear();
  MANRS_TRY(std::uint16_t wlen, body.read_u16("RFC 4271 §4.3 withdrawn routes length"));
  MANRS_TRY(core::ByteReader wr, body.sub(wlen, "RFC 4271 §4.3 withdrawn routes"));
  MANRS_TRY(std::uint16_t alen, body.read_u16("RFC 4271 §4.3 total path attribute length"));
  MANRS_TRY(core::ByteReader ar, body.sub(alen, "RFC 4271 §4.3 path attributes"));
  MANRS_TRY_VOID(decode_attributes(ar, ctx, out.attrs));
  const bool add_path = ctx.add_path || out.attrs.add_path_detected;
  Status st = decode_nlri(wr, kAfiIpv4, add_path, out.withdrawn);
  if (st) st = decode_nlri(body, kAfiIpv4, add_path, out.nlri);
  if (!st && ctx.detect_add_path && !add_path) {
    // RFC 7911 NLRI under a subtype that does not announce ADD-PATH (seen from BIRD).
    out.withdrawn.clear();
    out.nlri.clear();
    if (decode_nlri(wr, kAfiIpv4, true, out.withdrawn) &&
        decode_nlri(body, kAfiIpv4, true, out.nlri)) {
      out.attrs.add_path_detected = true;
      return {};
    }
    out.withdrawn.clear();
    out.nlri.clear();
    st = decode_nlri(wr, kAfiIpv4, add_path, out.withdrawn);
    if (st) st = decode_nlri(body, kAfiIpv4, add_path, out.nlri);
  }
  if (!st) {
    // RFC 7606 §5.3: a malformed NLRI field: treat-as-withdraw. The prefixes decoded before
    // the damage are kept (libbgpdump prints them too) and the problem is recorded.
    out.attrs.add_problem(
        0, ErrorAction::kTreatAsWithdraw,
        fmt::format("RFC 7606 §5.3 {}: {}", st.error().source, st.error().message));
  }
  return {};
}

}  // namespace manrs::bgp
