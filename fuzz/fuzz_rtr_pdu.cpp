// fuzz_rtr_pdu — libFuzzer target for the RTR PDU codec (STYLE.md T5): the input is a byte
// stream as a peer would send it on an RTR connection.
//
// The stream is cut into PDUs with rtr::frame (kMaxPduBytes) and each is decoded with
// rtr::decode. Invariants: no crash or out-of-bounds read (ASan); a failure carries a message;
// a decoded PDU re-encodes with the rtr::encode_* functions to exactly its input bytes, except
// v0/v1 Prefix PDUs with host bits set (decode masks them), which must re-decode to the same
// PDU.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "manrs/rtr/pdu.h"

namespace {

using manrs::rtr::PduType;

std::vector<std::uint8_t> reencode(const manrs::rtr::Pdu& p) {
  namespace rtr = manrs::rtr;
  std::vector<std::uint8_t> out;
  switch (p.type) {
    case PduType::kSerialNotify:
      rtr::encode_serial_notify(out, p.version, p.session_id, p.serial);
      break;
    case PduType::kSerialQuery:
      rtr::encode_serial_query(out, p.version, p.session_id, p.serial);
      break;
    case PduType::kResetQuery:
      rtr::encode_reset_query(out, p.version);
      break;
    case PduType::kCacheResponse:
      rtr::encode_cache_response(out, p.version, p.session_id);
      break;
    case PduType::kIpv4Prefix:
    case PduType::kIpv6Prefix:
      rtr::encode_prefix(out, p.version, p.announce, p.prefix, p.max_length, p.asn);
      break;
    case PduType::kEndOfData:
      rtr::encode_end_of_data(out, p.version, p.session_id, p.serial,
                              p.timers.value_or(rtr::Timers{}));
      break;
    case PduType::kCacheReset:
      rtr::encode_cache_reset(out, p.version);
      break;
    case PduType::kRouterKey:
      rtr::encode_router_key(out, p.version, p.announce, p.ski, p.asn, p.spki);
      break;
    case PduType::kErrorReport:
      rtr::encode_error_report(out, p.version, p.error_code, p.encapsulated, p.error_text);
      break;
    case PduType::kAspa:
      rtr::encode_aspa(out, p.version, p.announce, p.asn, p.providers);
      break;
  }
  return out;
}

bool same(const manrs::rtr::Pdu& a, const manrs::rtr::Pdu& b) {
  return a.version == b.version && a.type == b.type && a.announce == b.announce &&
         a.prefix == b.prefix && a.max_length == b.max_length && a.asn == b.asn;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> rest(data, size);
  while (!rest.empty()) {
    std::uint32_t length = 0;
    manrs::rtr::PduError error;
    const auto framing = manrs::rtr::frame(rest, manrs::rtr::kMaxPduBytes, length, error);
    if (framing == manrs::rtr::Framing::kNeedMore) break;
    if (framing == manrs::rtr::Framing::kBad) {
      if (error.message.empty()) std::abort();
      break;
    }
    if (length < manrs::rtr::kHeaderBytes || length > rest.size()) std::abort();
    const auto bytes = rest.first(length);
    rest = rest.subspan(length);
    manrs::rtr::Pdu pdu;
    if (!manrs::rtr::decode(bytes, pdu, error)) {
      if (error.message.empty()) std::abort();
      continue;
    }
    const auto again = reencode(pdu);
    if (std::equal(again.begin(), again.end(), bytes.begin(), bytes.end())) continue;
    // Only v0/v1 Prefix PDUs with host bits set may differ (decode masks them).
    const bool prefix = pdu.type == PduType::kIpv4Prefix || pdu.type == PduType::kIpv6Prefix;
    if (!prefix || pdu.version >= 2) std::abort();
    manrs::rtr::Pdu back;
    if (!manrs::rtr::decode(again, back, error) || !same(pdu, back)) std::abort();
  }
  return 0;
}
