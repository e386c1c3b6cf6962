// fuzz_bgp_update — libFuzzer target for the BGP UPDATE decoder (STYLE.md T5).
//
// Byte 0 selects the decoding context (several contexts share one target, STYLE.md T5):
//   bit 0: 2-octet ASNs (RFC 6793 AS4_PATH merge) instead of 4-octet
//   bit 1: ADD-PATH (RFC 7911)            bit 2: inside an MRT RIB entry (abbreviated MP_REACH)
//   bit 3: detect ADD-PATH NLRI           bits 4-5: MRT record type used for the bgpdump line
// The rest is an UPDATE body (after the 19-byte header) for bgp::decode_update. The decoded
// update is then formatted as `bgpdump -m` lines, so the formatter sees hostile values too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "manrs/bgp/update.h"
#include "manrs/core/byte_reader.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t sel = data[0];
  manrs::bgp::AttrContext ctx;
  ctx.asn_len = (sel & 1U) != 0 ? 2U : 4U;
  ctx.add_path = (sel & 2U) != 0;
  ctx.mrt_rib = (sel & 4U) != 0;
  ctx.detect_add_path = (sel & 8U) != 0;

  std::span<const std::byte> body{reinterpret_cast<const std::byte*>(data + 1),  // NOLINT
                                  size - 1};
  manrs::mrt::Record rec;
  manrs::core::ByteReader r{body, "fuzz.update", 0};
  auto st = manrs::bgp::decode_update(r, ctx, rec.bgp4mp.update);
  if (!st) {
    if (st.error().source.empty() || st.error().message.empty()) std::abort();
    return 0;
  }

  // Format as the MRT reader would: BGP4MP(_ET) MESSAGE(_AS4)(_ADDPATH), or MRTd BGP.
  static constexpr std::uint16_t kTypes[4] = {manrs::mrt::kTypeBgp4mp, manrs::mrt::kTypeBgp4mpEt,
                                              manrs::mrt::kTypeBgp, manrs::mrt::kTypeBgp4mp};
  rec.header.type = kTypes[(sel >> 4U) & 3U];
  rec.header.microseconds = 123;
  rec.kind = manrs::mrt::RecordKind::kBgp4mpMessage;
  rec.bgp4mp.message_type = static_cast<std::uint8_t>(manrs::bgp::MessageType::kUpdate);
  rec.bgp4mp.as4 = ctx.asn_len == 4;
  rec.bgp4mp.add_path = ctx.add_path;
  rec.bgp4mp.local = (sel & 0x40U) != 0;
  rec.bgp4mp.afi = (sel & 0x80U) != 0 ? manrs::bgp::kAfiIpv6 : manrs::bgp::kAfiIpv4;
  std::string out;
  manrs::mrt::format_bgpdump(rec, out);
  // Touch the decoded values the formatter does not print.
  const auto& a = rec.bgp4mp.update.attrs;
  out += a.as4_path.to_string();
  out += a.as_path.to_string();
  for (const auto& p : a.problems) out += p.message;
  for (const auto& u : a.unknown) out.append(u.value.size(), 'u');
  return 0;
}
