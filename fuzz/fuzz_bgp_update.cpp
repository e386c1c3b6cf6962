// fuzz_bgp_update — libFuzzer target for the BGP UPDATE decoder (STYLE.md T5).
//
// Byte 0 selects the decoding context (several contexts share one target, STYLE.md T5):
//   bit 0: 2-octet ASNs (RFC 6793 AS4_PATH merge) instead of 4-octet
//   bit 1: ADD-PATH (RFC 7911)            bit 2: inside an MRT RIB entry (abbreviated MP_REACH)
//   bit 3: detect ADD-PATH NLRI           bits 4-5: MRT record type used for the bgpdump line
//   bit 6: with bit 2, summary mode (route statistics); without, a *_LOCAL message
//   bit 7: IPv6 peer
// The rest is an UPDATE body (after the 19-byte header) for bgp::decode_update. The decoded
// update is then formatted as `bgpdump -m` lines, so the formatter sees hostile values too.
// Differential check (STYLE.md T4): in a 4-octet RIB context, summary mode must agree with full
// decoding on everything route statistics use (problems, actions, origin AS, NLRI).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include "manrs/bgp/update.h"
#include "manrs/core/byte_reader.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/record.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "summary and full decoding differ: %s\n", what);
    std::abort();
  }
}

// What route statistics read must not depend on AttrContext::summary.
void compare_summary(const manrs::bgp::Update& a, const manrs::bgp::Update& b) {
  const auto& x = a.attrs;
  const auto& y = b.attrs;
  check(x.present == y.present && x.seen == y.seen, "present/seen");
  check(x.action == y.action, "action");
  check(x.problems.size() == y.problems.size(), "problem count");
  for (std::size_t i = 0; i < x.problems.size(); ++i) {
    check(x.problems[i].type == y.problems[i].type &&
              x.problems[i].action == y.problems[i].action &&
              x.problems[i].message == y.problems[i].message,
          "problem");
  }
  check(x.as_path_error == y.as_path_error, "as_path_error");
  check(x.as_path.origin() == y.as_path.origin(), "origin AS");
  check(x.add_path_detected == y.add_path_detected, "add_path_detected");
  check(
      x.mp_reach.present == y.mp_reach.present && x.mp_reach.nlri.size() == y.mp_reach.nlri.size(),
      "MP_REACH");
  check(x.mp_unreach.withdrawn.size() == y.mp_unreach.withdrawn.size(), "MP_UNREACH");
  check(a.nlri.size() == b.nlri.size() && a.withdrawn.size() == b.withdrawn.size(), "NLRI");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t sel = data[0];
  manrs::bgp::AttrContext ctx;
  ctx.asn_len = (sel & 1U) != 0 ? 2U : 4U;
  ctx.add_path = (sel & 2U) != 0;
  ctx.mrt_rib = (sel & 4U) != 0;
  ctx.detect_add_path = (sel & 8U) != 0;
  ctx.summary = ctx.mrt_rib && (sel & 0x40U) != 0;

  std::span<const std::byte> body{reinterpret_cast<const std::byte*>(data + 1),  // NOLINT
                                  size - 1};
  manrs::mrt::Record rec;
  manrs::core::ByteReader r{body, "fuzz.update", 0};
  auto st = manrs::bgp::decode_update(r, ctx, rec.bgp4mp.update);
  if (!st) {
    if (st.error().source.empty() || st.error().message.empty()) std::abort();
    return 0;
  }
  if (ctx.mrt_rib && ctx.asn_len == 4) {
    manrs::bgp::AttrContext other = ctx;
    other.summary = !ctx.summary;
    manrs::bgp::Update u;
    check(manrs::bgp::decode_update(manrs::core::ByteReader{body, "fuzz.update", 0}, other, u)
              .has_value(),
          "status");
    compare_summary(rec.bgp4mp.update, u);
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
  rec.bgp4mp.local = !ctx.mrt_rib && (sel & 0x40U) != 0;
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
