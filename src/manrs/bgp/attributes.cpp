#include "manrs/bgp/attributes.h"

#include <fmt/format.h>

#include "manrs/core/limits.h"

namespace manrs::bgp {

namespace {

constexpr std::uint8_t kFlagExtendedLength = 0x10;

std::string_view attr_name(std::uint8_t type) {
  switch (type) {
    case 1:
      return "ORIGIN";
    case 2:
      return "AS_PATH";
    case 3:
      return "NEXT_HOP";
    case 4:
      return "MULTI_EXIT_DISC";
    case 5:
      return "LOCAL_PREF";
    case 6:
      return "ATOMIC_AGGREGATE";
    case 7:
      return "AGGREGATOR";
    case 8:
      return "COMMUNITIES";
    case 9:
      return "ORIGINATOR_ID";
    case 10:
      return "CLUSTER_LIST";
    case 14:
      return "MP_REACH_NLRI";
    case 15:
      return "MP_UNREACH_NLRI";
    case 16:
      return "EXTENDED_COMMUNITIES";
    case 17:
      return "AS4_PATH";
    case 18:
      return "AS4_AGGREGATOR";
    case 32:
      return "LARGE_COMMUNITY";
    case 35:
      return "OTC";
    default:
      return "attribute";
  }
}

// Decodes an AS_PATH / AS4_PATH value (RFC 4271 §4.3, RFC 6793). Returns false on a bad
// segment type or a segment running past the end (the path is then left partially filled).
bool decode_as_path(core::ByteReader r, unsigned asn_len, net::AsPath& path) {
  path.clear();
  while (!r.empty()) {
    if (!r.can_read(2)) return false;
    std::uint8_t type = r.get_u8();
    std::uint8_t count = r.get_u8();
    if (type < 1 || type > 4) return false;
    if (!r.can_read(std::size_t{count} * asn_len)) return false;
    if (path.asns().size() + count > limits::kMaxAsPathAsns) return false;
    path.add_segment(static_cast<net::SegmentType>(type));
    for (unsigned i = 0; i < count; ++i) path.push(asn_len == 2 ? r.get_u16() : r.get_u32());
  }
  return true;
}

// Like decode_as_path, but keeps only what AsPath::origin() needs: the last non-empty segment
// with its last ASN (summary mode). Empty segments are skipped as origin() skips them, and a
// malformed path keeps what came before the damage, as decode_as_path does.
bool decode_as_path_origin(core::ByteReader r, unsigned asn_len, net::AsPath& path) {
  path.clear();
  std::uint8_t last_type = 0;
  std::uint32_t last_asn = 0;
  std::size_t asns = 0;
  bool ok = true;
  while (!r.empty()) {
    if (!r.can_read(2)) {
      ok = false;
      break;
    }
    std::uint8_t type = r.get_u8();
    std::uint8_t count = r.get_u8();
    if (type < 1 || type > 4 || !r.can_read(std::size_t{count} * asn_len) ||
        asns + count > limits::kMaxAsPathAsns) {
      ok = false;
      break;
    }
    asns += count;
    if (count > 0) {
      r.advance((std::size_t{count} - 1U) * asn_len);
      last_asn = asn_len == 2 ? r.get_u16() : r.get_u32();
      last_type = type;
    }
  }
  if (last_type != 0) {
    path.add_segment(static_cast<net::SegmentType>(last_type));
    path.push(last_asn);
  }
  return ok;
}

// RFC 6793 §4.2.3 path length used for the merge: AS_SET counts 1, confederation segments 0.
std::size_t merge_count(const net::AsPath& p) { return p.length(); }

// RFC 6793 §4.2.3: prepend the leading part of AS_PATH to AS4_PATH so that the result has as
// many ASes as AS_PATH.
void merge_as4_path(const net::AsPath& as_path, const net::AsPath& as4_path, net::AsPath& out) {
  std::size_t have = merge_count(as_path);
  std::size_t want = merge_count(as4_path);
  out.clear();
  std::size_t take = have - want;
  for (const auto& seg : as_path.segments()) {
    if (take == 0) break;
    auto asns = as_path.segment_asns(seg);
    if (seg.type == net::SegmentType::kConfedSequence || seg.type == net::SegmentType::kConfedSet) {
      out.add_segment(seg.type);
      for (auto a : asns) out.push(a);
      continue;
    }
    if (seg.type == net::SegmentType::kSet) {
      out.add_segment(seg.type);
      for (auto a : asns) out.push(a);
      take -= seg.count > 0 ? 1 : 0;
      continue;
    }
    out.add_segment(seg.type);
    for (auto a : asns) {
      if (take == 0) break;
      out.push(a);
      --take;
    }
  }
  for (const auto& seg : as4_path.segments()) {
    out.add_segment(seg.type);
    for (auto a : as4_path.segment_asns(seg)) out.push(a);
  }
}

}  // namespace

std::string_view to_string(ErrorAction a) {
  switch (a) {
    case ErrorAction::kNone:
      return "none";
    case ErrorAction::kAttributeDiscard:
      return "attribute-discard";
    case ErrorAction::kTreatAsWithdraw:
      return "treat-as-withdraw";
    case ErrorAction::kSessionReset:
      return "session-reset";
  }
  return "unknown";
}

void PathAttributes::clear() {
  // Hot path (once per route): reset only what the previous decode touched.
  const std::uint64_t was = seen;
  auto had = [was](AttrType t) { return ((was >> static_cast<unsigned>(t)) & 1U) != 0; };
  present = 0;
  seen = 0;
  add_path_detected = false;
  origin = Origin::kIncomplete;
  origin_raw = 0;
  if (had(AttrType::kAsPath)) as_path.clear();
  as_path_error = false;
  if (had(AttrType::kAs4Path)) as4_path.clear();
  next_hop = {};
  med = 0;
  local_pref = 0;
  if (had(AttrType::kAggregator)) aggregator = {};
  if (had(AttrType::kAs4Aggregator)) as4_aggregator = {};
  if (had(AttrType::kCommunities)) communities.clear();
  if (had(AttrType::kExtendedCommunities)) ext_communities.clear();
  if (had(AttrType::kLargeCommunity)) large_communities.clear();
  if (had(AttrType::kOriginatorId)) originator_id = {};
  if (had(AttrType::kClusterList)) cluster_list.clear();
  otc = 0;
  if (had(AttrType::kMpReachNlri)) {
    mp_reach.present = false;
    mp_reach.abbreviated = false;
    mp_reach.afi = 0;
    mp_reach.safi = 0;
    mp_reach.next_hop_len = 0;
    mp_reach.next_hop = {};
    mp_reach.next_hop_link_local = {};
    mp_reach.nlri.clear();
  }
  if (had(AttrType::kMpUnreachNlri)) {
    mp_unreach.present = false;
    mp_unreach.afi = 0;
    mp_unreach.safi = 0;
    mp_unreach.withdrawn.clear();
  }
  if (!unknown.empty()) unknown.clear();
  if (!problems.empty()) problems.clear();
  action = ErrorAction::kNone;
}

void PathAttributes::add_problem(std::uint8_t type, ErrorAction a, std::string message) {
  problems.push_back({type, a, std::move(message)});
  if (a > action) action = a;
}

namespace {

net::IpAddress lenient_v4(core::ByteReader& v) {
  std::uint8_t b[4];
  v.get_bytes(b, 4);
  return net::IpAddress::v4_bytes(b);
}

// Reads the MP next hop (RFC 4760 §3; RFC 2545 §3 for 32-byte global + link-local).
void read_mp_next_hop(core::ByteReader& v, MpReach& mp) {
  mp.next_hop_len = v.get_u8();
  std::uint8_t buf[16] = {};
  if (mp.next_hop_len == 4) {
    v.get_bytes(buf, 4);
    mp.next_hop = net::IpAddress::v4_bytes(buf);
  } else if (mp.next_hop_len == 16 || mp.next_hop_len == 32) {
    v.get_bytes(buf, 16);
    mp.next_hop = net::IpAddress::v6_bytes(buf);
    if (mp.next_hop_len == 32) {
      v.get_bytes(buf, 16);
      mp.next_hop_link_local = net::IpAddress::v6_bytes(buf);
    }
  } else if (mp.next_hop_len == 12 || mp.next_hop_len == 24 || mp.next_hop_len == 48) {
    // VPN next hops (RFC 4364 §4.3.2): 8-byte RD then the address; keep the address.
    v.advance(8);
    if (mp.next_hop_len == 12) {
      v.get_bytes(buf, 4);
      mp.next_hop = net::IpAddress::v4_bytes(buf);
    } else {
      v.get_bytes(buf, 16);
      mp.next_hop = net::IpAddress::v6_bytes(buf);
      v.advance(mp.next_hop_len - 24U);
    }
  } else {
    v.advance(mp.next_hop_len);
  }
}

void decode_mp_reach(core::ByteReader v, const AttrContext& ctx, PathAttributes& out) {
  MpReach& mp = out.mp_reach;
  mp.present = true;
  // RFC 6396 §4.3.4: in TABLE_DUMP_V2 the attribute holds only next-hop length and next hop.
  // A full attribute starts with a 16-bit AFI whose first byte is 0, which tells them apart.
  if (ctx.mrt_rib && !v.empty() && v.cursor()[0] != 0) {
    mp.abbreviated = true;
    if (std::size_t{v.cursor()[0]} + 1U > v.remaining()) {
      out.add_problem(14, ErrorAction::kSessionReset,
                      fmt::format("RFC 6396 §4.3.4 MP_REACH_NLRI next hop: want {} bytes, have {}",
                                  std::size_t{v.cursor()[0]} + 1U, v.remaining()));
    }
    read_mp_next_hop(v, mp);
    return;
  }
  if (!v.can_read(4)) {
    out.add_problem(
        14, ErrorAction::kSessionReset,
        fmt::format("RFC 7606 §7.11 MP_REACH_NLRI: want >= 5 bytes, have {}", v.remaining()));
    return;
  }
  mp.afi = v.get_u16();
  mp.safi = v.get_u8();
  std::size_t nh_len = v.cursor()[0];
  if (!v.can_read(1 + nh_len + 1)) {
    out.add_problem(14, ErrorAction::kSessionReset,
                    fmt::format("RFC 7606 §7.11 MP_REACH_NLRI next hop: want {} bytes, have {}",
                                nh_len + 2, v.remaining()));
    return;
  }
  read_mp_next_hop(v, mp);
  // RFC 4760 §3: one reserved octet (formerly the SNPA count; RFC 2858 SNPAs are skipped).
  std::uint8_t snpa = v.get_u8();
  for (unsigned i = 0; i < snpa && !v.empty(); ++i) v.advance(v.get_u8());
  if (mp.afi != kAfiIpv4 && mp.afi != kAfiIpv6) return;  // other families: next hop only
  if (mp.safi != kSafiUnicast && mp.safi != kSafiMulticast && mp.safi != kSafiUnicastMulticast) {
    return;
  }
  const core::ByteReader nlri_start = v;
  auto st = decode_nlri(v, mp.afi, ctx.add_path, mp.nlri);
  if (!st && ctx.detect_add_path && !ctx.add_path) {
    std::size_t keep = mp.nlri.size();
    if (decode_nlri(nlri_start, mp.afi, true, mp.nlri)) {
      mp.nlri.erase(mp.nlri.begin(), mp.nlri.begin() + static_cast<std::ptrdiff_t>(keep));
      out.add_path_detected = true;
      return;
    }
    mp.nlri.resize(keep);
  }
  if (!st) {
    out.add_problem(14, ErrorAction::kSessionReset,
                    fmt::format("RFC 7606 §7.11 MP_REACH_NLRI: {}", st.error().message));
  }
}

void decode_mp_unreach(core::ByteReader v, const AttrContext& ctx, PathAttributes& out) {
  MpUnreach& mp = out.mp_unreach;
  mp.present = true;
  if (!v.can_read(3)) {
    out.add_problem(
        15, ErrorAction::kSessionReset,
        fmt::format("RFC 7606 §7.12 MP_UNREACH_NLRI: want >= 3 bytes, have {}", v.remaining()));
    return;
  }
  mp.afi = v.get_u16();
  mp.safi = v.get_u8();
  if (mp.afi != kAfiIpv4 && mp.afi != kAfiIpv6) return;
  if (mp.safi != kSafiUnicast && mp.safi != kSafiMulticast && mp.safi != kSafiUnicastMulticast) {
    return;
  }
  const core::ByteReader nlri_start = v;
  auto st = decode_nlri(v, mp.afi, ctx.add_path, mp.withdrawn);
  if (!st && ctx.detect_add_path && !ctx.add_path) {
    std::size_t keep = mp.withdrawn.size();
    if (decode_nlri(nlri_start, mp.afi, true, mp.withdrawn)) {
      mp.withdrawn.erase(mp.withdrawn.begin(),
                         mp.withdrawn.begin() + static_cast<std::ptrdiff_t>(keep));
      out.add_path_detected = true;
      return;
    }
    mp.withdrawn.resize(keep);
  }
  if (!st) {
    out.add_problem(15, ErrorAction::kSessionReset,
                    fmt::format("RFC 7606 §7.12 MP_UNREACH_NLRI: {}", st.error().message));
  }
}

}  // namespace

Status decode_attributes(core::ByteReader r, const AttrContext& ctx, PathAttributes& out) {
  out.clear();
  while (!r.empty()) {
    std::uint64_t attr_offset = r.offset();
    if (!r.can_read(3)) {
      out.add_problem(0, ErrorAction::kTreatAsWithdraw,
                      fmt::format("RFC 7606 §4 attribute header at @{}: want 3 bytes, have {}",
                                  attr_offset, r.remaining()));
      break;
    }
    std::uint8_t flags = r.get_u8();
    std::uint8_t type = r.get_u8();
    std::size_t len = 0;
    if ((flags & kFlagExtendedLength) != 0) {
      if (!r.can_read(2)) {
        out.add_problem(type, ErrorAction::kTreatAsWithdraw,
                        "RFC 7606 §4 attribute length: want 2 bytes, have 1");
        break;
      }
      len = r.get_u16();
    } else {
      len = r.get_u8();
    }
    if (!r.can_read(len)) {
      // RFC 7606 §4: an attribute that overruns the attribute block: treat-as-withdraw.
      out.add_problem(type, ErrorAction::kTreatAsWithdraw,
                      fmt::format("RFC 7606 §4 {} at @{} length: want <= {}, have {}",
                                  attr_name(type), attr_offset, r.remaining(), len));
      break;
    }
    core::ByteReader v = r.sub_lenient(len);
    const auto t = static_cast<AttrType>(type);
    const bool dup = type < 64 && out.was_seen(t);
    if (type < 64) out.seen |= 1ULL << type;
    if (dup) {
      // RFC 7606 §3 (g): repeated MP_REACH/MP_UNREACH reset the session; others: keep first.
      bool mp = t == AttrType::kMpReachNlri || t == AttrType::kMpUnreachNlri;
      out.add_problem(type, mp ? ErrorAction::kSessionReset : ErrorAction::kAttributeDiscard,
                      fmt::format("RFC 7606 §3 (g) {} at @{}: want once, have repeated",
                                  attr_name(type), attr_offset));
      continue;
    }
    auto bad_len = [&](ErrorAction a, std::string_view want, std::string_view section) {
      out.add_problem(type, a,
                      fmt::format("RFC 7606 {} {} at @{} length: want {}, have {}", section,
                                  attr_name(type), attr_offset, want, len));
    };
    switch (t) {
      case AttrType::kOrigin:
        out.origin_raw = v.get_u8();
        if (len != 1) {
          bad_len(ErrorAction::kTreatAsWithdraw, "1", "§7.1");
          break;
        }
        if (out.origin_raw > 2) {
          out.add_problem(
              type, ErrorAction::kTreatAsWithdraw,
              fmt::format("RFC 7606 §7.1 ORIGIN value: want 0..2, have {}", out.origin_raw));
        }
        out.origin =
            out.origin_raw <= 2 ? static_cast<Origin>(out.origin_raw) : Origin::kIncomplete;
        out.set(t);
        break;
      case AttrType::kAsPath:
        out.set(t);
        if (!(ctx.summary ? decode_as_path_origin(v, ctx.asn_len, out.as_path)
                          : decode_as_path(v, ctx.asn_len, out.as_path))) {
          out.as_path_error = true;
          out.add_problem(type, ErrorAction::kTreatAsWithdraw,
                          fmt::format("RFC 7606 §7.2 AS_PATH at @{}: want valid segments of "
                                      "{}-byte ASNs, have a malformed segment",
                                      attr_offset, ctx.asn_len));
        }
        break;
      case AttrType::kNextHop:
        out.next_hop = lenient_v4(v);
        if (len != 4) {
          bad_len(ErrorAction::kTreatAsWithdraw, "4", "§7.3");
          break;
        }
        out.set(t);
        break;
      case AttrType::kMultiExitDisc:
        out.med = v.get_u32();
        if (len != 4) {
          bad_len(ErrorAction::kTreatAsWithdraw, "4", "§7.4");
          break;
        }
        out.set(t);
        break;
      case AttrType::kLocalPref:
        out.local_pref = v.get_u32();
        if (len != 4) {
          bad_len(ErrorAction::kTreatAsWithdraw, "4", "§7.5");
          break;
        }
        out.set(t);
        break;
      case AttrType::kAtomicAggregate:
        if (len != 0) {
          bad_len(ErrorAction::kAttributeDiscard, "0", "§7.6");
          break;
        }
        out.set(t);
        break;
      case AttrType::kAggregator:
      case AttrType::kAs4Aggregator: {
        unsigned asn_len = t == AttrType::kAggregator ? ctx.asn_len : 4U;
        Aggregator& a = t == AttrType::kAggregator ? out.aggregator : out.as4_aggregator;
        a.asn = asn_len == 2 ? v.get_u16() : v.get_u32();
        a.address = lenient_v4(v);
        if (len != asn_len + 4) {
          bad_len(ErrorAction::kAttributeDiscard, fmt::format("{}", asn_len + 4), "§7.7");
          break;
        }
        out.set(t);
        break;
      }
      case AttrType::kCommunities:
        if (!ctx.summary) {
          out.communities.reserve(len / 4);
          while (v.remaining() >= 4) out.communities.push_back(v.get_u32());
        }
        if (len % 4 != 0) {
          bad_len(ErrorAction::kTreatAsWithdraw, "a multiple of 4", "§7.8");
          break;
        }
        out.set(t);
        break;
      case AttrType::kOriginatorId:
        if (len != 4) {
          bad_len(ErrorAction::kTreatAsWithdraw, "4", "§7.9");
          break;
        }
        out.originator_id = net::IpAddress::v4_bytes(v.cursor());
        out.set(t);
        break;
      case AttrType::kClusterList:
        if (len % 4 != 0) {
          bad_len(ErrorAction::kTreatAsWithdraw, "a multiple of 4", "§7.10");
          break;
        }
        while (!ctx.summary && !v.empty()) out.cluster_list.push_back(v.get_u32());
        out.set(t);
        break;
      case AttrType::kMpReachNlri:
        out.set(t);
        decode_mp_reach(v, ctx, out);
        break;
      case AttrType::kMpUnreachNlri:
        out.set(t);
        decode_mp_unreach(v, ctx, out);
        break;
      case AttrType::kExtendedCommunities:
        if (len % 8 != 0) {
          bad_len(ErrorAction::kTreatAsWithdraw, "a multiple of 8", "§7.14");
          break;
        }
        while (!ctx.summary && !v.empty()) {
          std::array<std::uint8_t, 8> ec{};
          v.get_bytes(ec.data(), 8);
          out.ext_communities.push_back(ec);
        }
        out.set(t);
        break;
      case AttrType::kAs4Path:
        out.set(t);
        if (!decode_as_path(v, 4, out.as4_path)) {
          // RFC 6793 §6 / RFC 7606 §7.? : a malformed AS4_PATH is discarded.
          out.as4_path.clear();
          out.present &= ~(1ULL << 17U);
          bad_len(ErrorAction::kAttributeDiscard, "valid 4-byte segments", "§7.2 (RFC 6793 §6)");
        }
        break;
      case AttrType::kLargeCommunity:
        if (len % 12 != 0) {
          // RFC 8092 §5: treat-as-withdraw.
          bad_len(ErrorAction::kTreatAsWithdraw, "a multiple of 12", "(RFC 8092 §5)");
          break;
        }
        while (!ctx.summary && !v.empty()) {
          LargeCommunity lc;
          lc.global = v.get_u32();
          lc.local1 = v.get_u32();
          lc.local2 = v.get_u32();
          out.large_communities.push_back(lc);
        }
        out.set(t);
        break;
      case AttrType::kOtc:
        if (len != 4) {
          // RFC 9234 §5: OTC of the wrong length: treat-as-withdraw.
          bad_len(ErrorAction::kTreatAsWithdraw, "4", "(RFC 9234 §5)");
          break;
        }
        out.otc = v.get_u32();
        out.set(t);
        break;
      default:
        if (type < 64) out.present |= 1ULL << type;
        if (!ctx.summary) out.unknown.push_back({flags, type, v.rest()});
        break;
    }
  }

  // RFC 6793 §4.2.3: a 2-octet session carries 4-octet information in AS4_PATH/AS4_AGGREGATOR.
  if (ctx.asn_len == 2) {
    bool use_as4_path =
        out.has(AttrType::kAs4Path) && out.has(AttrType::kAsPath) && !out.as_path_error;
    if (out.has(AttrType::kAggregator) && out.has(AttrType::kAs4Aggregator)) {
      if (out.aggregator.asn != net::kAsTrans) {
        // AGGREGATOR names a 2-octet AS: ignore AS4_AGGREGATOR and AS4_PATH.
        use_as4_path = false;
      } else {
        out.aggregator = out.as4_aggregator;
      }
    }
    if (use_as4_path && merge_count(out.as_path) >= merge_count(out.as4_path)) {
      net::AsPath merged;
      merge_as4_path(out.as_path, out.as4_path, merged);
      out.as_path = std::move(merged);
    }
  }
  return {};
}

}  // namespace manrs::bgp
