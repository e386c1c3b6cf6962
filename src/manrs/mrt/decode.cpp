#include "manrs/mrt/decode.h"

#include <fmt/format.h>

#include "manrs/core/limits.h"

namespace manrs::mrt {

namespace {

Result<net::IpAddress> read_address(core::ByteReader& r, std::uint16_t afi,
                                    std::string_view field) {
  std::uint8_t b[16] = {};
  if (afi == bgp::kAfiIpv4) {
    if (!r.can_read(4)) return r.truncated(field, 4);
    r.get_bytes(b, 4);
    return net::IpAddress::v4_bytes(b);
  }
  if (!r.can_read(16)) return r.truncated(field, 16);
  r.get_bytes(b, 16);
  return net::IpAddress::v6_bytes(b);
}

Result<net::Prefix> read_rib_prefix(core::ByteReader& r, std::uint16_t afi) {
  MANRS_TRY(std::uint8_t len, r.read_u8("RFC 6396 §4.3.2 prefix length"));
  unsigned max = afi == bgp::kAfiIpv4 ? 32U : 128U;
  if (len > max) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("RFC 6396 §4.3.2 prefix length: want <= {}, have {}", max, len),
                      r.where_at(r.offset() - 1));
  }
  std::size_t n = (len + 7U) / 8U;
  if (!r.can_read(n)) return r.truncated("RFC 6396 §4.3.2 prefix", n);
  std::uint8_t b[16] = {};
  r.get_bytes(b, n);
  auto addr = afi == bgp::kAfiIpv4 ? net::IpAddress::v4_bytes(b) : net::IpAddress::v6_bytes(b);
  return net::Prefix::make(addr, len);
}

Status decode_rib_entries(core::ByteReader& r, const PeerIndexTable& peers, Rib& out,
                          bool summary) {
  MANRS_TRY(std::uint16_t count, r.read_u16("RFC 6396 §4.3.2 entry count"));
  if (count > 0 && !peers.present) {
    return r.error(ErrorCode::kMalformed, "RFC 6396 §4.3.1 PEER_INDEX_TABLE",
                   "one before the first RIB record", "none");
  }
  // Each entry takes at least 8 bytes (12 with ADD-PATH): a count larger than the record can
  // hold is a lie. Check it before sizing the entry pool (a 65535 count would otherwise
  // allocate ~33 MB of RibEntry from a 20-byte record; STYLE.md U2, U4).
  const std::size_t min_entry = out.add_path ? 12U : 8U;
  if (std::size_t{count} * min_entry > r.remaining()) {
    return r.error(
        ErrorCode::kMalformed, "RFC 6396 §4.3.2 entry count",
        fmt::format("<= {} (what {} bytes can hold)", r.remaining() / min_entry, r.remaining()),
        fmt::format("{}", count));
  }
  if (out.entries.size() < count) out.entries.resize(count);
  out.count = 0;
  bgp::AttrContext ctx{4, out.add_path, true};
  ctx.summary = summary;
  for (unsigned i = 0; i < count; ++i) {
    RibEntry& e = out.entries[i];
    if (!r.can_read(out.add_path ? 12 : 8)) {
      return r.truncated("RFC 6396 §4.3.4 RIB entry header", out.add_path ? 12 : 8);
    }
    std::uint64_t at = r.offset();
    e.peer_index = r.get_u16();
    if (e.peer_index >= peers.peers.size()) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("RFC 6396 §4.3.4 peer index: want < {}, have {}",
                                    peers.peers.size(), e.peer_index),
                        r.where_at(at));
    }
    e.originated = r.get_u32();
    e.path_id = out.add_path ? r.get_u32() : 0;
    std::uint16_t alen = r.get_u16();
    MANRS_TRY(core::ByteReader ar, r.sub(alen, "RFC 6396 §4.3.4 BGP attributes"));
    MANRS_TRY_VOID(bgp::decode_attributes(ar, ctx, e.attrs));
    out.count = i + 1U;
  }
  return {};
}

}  // namespace

bool is_add_path_bgp4mp(std::uint16_t subtype) { return subtype >= 8 && subtype <= 11; }
bool is_add_path_rib(std::uint16_t subtype) { return subtype >= 8 && subtype <= 12; }

Status decode_peer_index_table(core::ByteReader r, PeerIndexTable& out) {
  out.present = false;
  out.peers.clear();
  out.view_name.clear();
  MANRS_TRY(out.collector_bgp_id, r.read_u32("RFC 6396 §4.3.1 collector BGP ID"));
  MANRS_TRY(std::uint16_t name_len, r.read_u16("RFC 6396 §4.3.1 view name length"));
  MANRS_TRY(auto name, r.read_bytes(name_len, "RFC 6396 §4.3.1 view name"));
  std::size_t keep =
      name.size() < limits::kMaxViewNameBytes ? name.size() : limits::kMaxViewNameBytes;
  out.view_name.assign(reinterpret_cast<const char*>(name.data()), keep);  // NOLINT
  MANRS_TRY(std::uint16_t count, r.read_u16("RFC 6396 §4.3.1 peer count"));
  // Each peer takes at least 11 bytes: a count larger than the record can hold is a lie.
  if (std::size_t{count} * 11U > r.remaining()) {
    return r.error(
        ErrorCode::kMalformed, "RFC 6396 §4.3.1 peer count",
        fmt::format("<= {} (what {} bytes can hold)", r.remaining() / 11U, r.remaining()),
        fmt::format("{}", count));
  }
  out.peers.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    MANRS_TRY(std::uint8_t type, r.read_u8("RFC 6396 §4.3.1 peer type"));
    Peer p;
    MANRS_TRY(p.bgp_id, r.read_u32("RFC 6396 §4.3.1 peer BGP ID"));
    MANRS_TRY(p.address, read_address(r, (type & 1U) ? bgp::kAfiIpv6 : bgp::kAfiIpv4,
                                      "RFC 6396 §4.3.1 peer IP address"));
    if (type & 2U) {
      MANRS_TRY(p.asn, r.read_u32("RFC 6396 §4.3.1 peer AS"));
    } else {
      MANRS_TRY(std::uint16_t as2, r.read_u16("RFC 6396 §4.3.1 peer AS"));
      p.asn = as2;
    }
    out.peers.push_back(p);
  }
  out.present = true;
  return {};
}

Status decode_rib(core::ByteReader r, std::uint16_t subtype, const PeerIndexTable& peers, Rib& out,
                  bool summary) {
  out.count = 0;
  out.add_path = is_add_path_rib(subtype);
  MANRS_TRY(out.sequence, r.read_u32("RFC 6396 §4.3.2 sequence number"));
  auto st = static_cast<TdV2>(subtype);
  switch (st) {
    case TdV2::kRibIpv4Unicast:
    case TdV2::kRibIpv4UnicastAddPath:
      out.afi = bgp::kAfiIpv4;
      out.safi = bgp::kSafiUnicast;
      break;
    case TdV2::kRibIpv4Multicast:
    case TdV2::kRibIpv4MulticastAddPath:
      out.afi = bgp::kAfiIpv4;
      out.safi = bgp::kSafiMulticast;
      break;
    case TdV2::kRibIpv6Unicast:
    case TdV2::kRibIpv6UnicastAddPath:
      out.afi = bgp::kAfiIpv6;
      out.safi = bgp::kSafiUnicast;
      break;
    case TdV2::kRibIpv6Multicast:
    case TdV2::kRibIpv6MulticastAddPath:
      out.afi = bgp::kAfiIpv6;
      out.safi = bgp::kSafiMulticast;
      break;
    case TdV2::kRibGeneric:
    case TdV2::kRibGenericAddPath: {
      // RFC 6396 §4.3.3: AFI, SAFI, then a single NLRI-encoded prefix.
      MANRS_TRY(out.afi, r.read_u16("RFC 6396 §4.3.3 AFI"));
      MANRS_TRY(out.safi, r.read_u8("RFC 6396 §4.3.3 SAFI"));
      if (out.afi != bgp::kAfiIpv4 && out.afi != bgp::kAfiIpv6) {
        return r.error(ErrorCode::kUnsupported, "RFC 6396 §4.3.3 RIB_GENERIC AFI", "1 or 2",
                       fmt::format("{}", out.afi));
      }
      if (out.safi != bgp::kSafiUnicast && out.safi != bgp::kSafiMulticast) {
        return r.error(ErrorCode::kUnsupported, "RFC 6396 §4.3.3 RIB_GENERIC SAFI", "1 or 2",
                       fmt::format("{}", out.safi));
      }
      break;
    }
    default:
      return r.error(ErrorCode::kUnsupported, "RFC 6396 §4.3 TABLE_DUMP_V2 subtype", "2..6, 8..12",
                     fmt::format("{}", subtype));
  }
  MANRS_TRY(out.prefix, read_rib_prefix(r, out.afi));
  return decode_rib_entries(r, peers, out, summary);
}

Status decode_table_dump(core::ByteReader r, std::uint16_t subtype, TableDump& out) {
  out.count = 0;
  if (subtype < 1 || subtype > 4) {
    return r.error(ErrorCode::kUnsupported, "RFC 6396 §4.2 TABLE_DUMP subtype", "1 or 2",
                   fmt::format("{}", subtype));
  }
  out.afi = (subtype == 1 || subtype == 3) ? bgp::kAfiIpv4 : bgp::kAfiIpv6;
  const unsigned asn_len = subtype >= 3 ? 4U : 2U;
  const bgp::AttrContext ctx{asn_len, false, true};
  MANRS_TRY(std::uint16_t view, r.read_u16("RFC 6396 §4.2 view number"));
  MANRS_TRY(std::uint16_t seq, r.read_u16("RFC 6396 §4.2 sequence number"));
  const std::size_t addr_len = out.afi == bgp::kAfiIpv4 ? 4 : 16;
  const std::size_t min_entry = addr_len + 2 + 4 + addr_len + asn_len + 2;
  // One entry per record (RFC 6396 §4.2); early RIS files (2000) batch many after one
  // view/sequence pair, so read entries while a whole one remains.
  do {
    if (out.count >= limits::kMaxTableDumpEntries) {
      return r.error(ErrorCode::kLimitExceeded, "RFC 6396 §4.2 TABLE_DUMP entries in one record",
                     fmt::format("<= {}", limits::kMaxTableDumpEntries), "more");
    }
    if (out.entries.size() <= out.count) out.entries.resize(out.count + 1);
    TableDumpEntry& e = out.entries[out.count];
    e.view = view;
    e.sequence = seq;
    if (!r.can_read(min_entry)) return r.truncated("RFC 6396 §4.2 TABLE_DUMP entry", min_entry);
    MANRS_TRY(net::IpAddress prefix_addr, read_address(r, out.afi, "RFC 6396 §4.2 prefix"));
    std::uint8_t len = r.get_u8();
    if (len > prefix_addr.max_len()) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("RFC 6396 §4.2 prefix length: want <= {}, have {}",
                                    prefix_addr.max_len(), len),
                        r.where_at(r.offset() - 1));
    }
    e.prefix = net::Prefix::make(prefix_addr, len);
    e.status = r.get_u8();
    e.originated = r.get_u32();
    MANRS_TRY(e.peer_ip, read_address(r, out.afi, "RFC 6396 §4.2 peer IP address"));
    e.peer_as = asn_len == 4 ? r.get_u32() : r.get_u16();
    MANRS_TRY(std::uint16_t alen, r.read_u16("RFC 6396 §4.2 attribute length"));
    MANRS_TRY(core::ByteReader ar, r.sub(alen, "RFC 6396 §4.2 BGP attributes"));
    MANRS_TRY_VOID(bgp::decode_attributes(ar, ctx, e.attrs));
    ++out.count;
  } while (r.remaining() >= min_entry);
  return {};
}

Status decode_bgp4mp(core::ByteReader r, std::uint16_t subtype, Bgp4mp& out, RecordKind& kind) {
  using S = Bgp4mpSubtype;
  const auto st = static_cast<S>(subtype);
  const bool state = st == S::kStateChange || st == S::kStateChangeAs4;
  const bool message = subtype == 1 || (subtype >= 4 && subtype <= 11 && subtype != 5);
  if (!state && !message) {
    return r.error(ErrorCode::kUnsupported, "RFC 6396 §4.4 BGP4MP subtype", "0, 1, 4..11",
                   fmt::format("{}", subtype));
  }
  out.as4 = st == S::kStateChangeAs4 || st == S::kMessageAs4 || st == S::kMessageAs4Local ||
            st == S::kMessageAs4AddPath || st == S::kMessageAs4LocalAddPath;
  out.local = st == S::kMessageLocal || st == S::kMessageAs4Local ||
              st == S::kMessageLocalAddPath || st == S::kMessageAs4LocalAddPath;
  out.add_path = is_add_path_bgp4mp(subtype);
  out.message_type = 0;
  out.truncated_by = 0;
  out.old_state = out.new_state = 0;
  const unsigned asn_len = out.as4 ? 4U : 2U;
  const std::size_t declared = r.remaining();

  if (!r.can_read(2 * asn_len)) return r.truncated("RFC 6396 §4.4 peer and local AS", 2 * asn_len);
  out.peer_as = asn_len == 4 ? r.get_u32() : r.get_u16();
  out.local_as = asn_len == 4 ? r.get_u32() : r.get_u16();
  out.peer_ip = {};
  out.local_ip = {};
  if (state && asn_len == 2 && declared == 8) {
    // Zebra wrote STATE_CHANGE without interface, AFI and addresses (libbgpdump reads it).
    out.interface_index = 0;
    out.afi = bgp::kAfiIpv4;
    out.old_state = r.get_u16();
    out.new_state = r.get_u16();
    kind = RecordKind::kBgp4mpState;
    return {};
  }
  MANRS_TRY(out.interface_index, r.read_u16("RFC 6396 §4.4 interface index"));
  MANRS_TRY(out.afi, r.read_u16("RFC 6396 §4.4 address family"));
  bool zebra_open = false;
  if (out.afi == 0xFFFF && out.interface_index == 0xFFFF && message) {
    // Zebra wrote OPEN messages without interface, AFI and addresses: those 4 bytes are the
    // start of the BGP marker.
    zebra_open = true;
    out.interface_index = 0;
    out.afi = bgp::kAfiIpv4;
  } else if (out.afi != bgp::kAfiIpv4 && out.afi != bgp::kAfiIpv6) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("RFC 6396 §4.4 address family: want 1 or 2, have {}", out.afi),
                      r.where_at(r.offset() - 2));
  } else {
    MANRS_TRY(out.peer_ip, read_address(r, out.afi, "RFC 6396 §4.4 peer IP address"));
    MANRS_TRY(out.local_ip, read_address(r, out.afi, "RFC 6396 §4.4 local IP address"));
  }
  if (state) {
    MANRS_TRY(out.old_state, r.read_u16("RFC 6396 §4.4.1 old state"));
    MANRS_TRY(out.new_state, r.read_u16("RFC 6396 §4.4.1 new state"));
    kind = RecordKind::kBgp4mpState;
    return {};
  }
  kind = RecordKind::kBgp4mpMessage;
  if (zebra_open) {
    MANRS_TRY(auto rest, r.read_bytes(12, "RFC 4271 §4.1 marker"));
    for (auto b : rest) {
      if (b != std::byte{0xFF}) {
        return r.error(ErrorCode::kMalformed, "RFC 4271 §4.1 marker", "16 bytes of 0xff",
                       "other bytes");
      }
    }
    MANRS_TRY_VOID(r.read_u16("RFC 4271 §4.1 message length"));
    MANRS_TRY(out.message_type, r.read_u8("RFC 4271 §4.1 message type"));
    return {};
  }
  MANRS_TRY(bgp::Message msg, bgp::decode_message(r));
  out.message_type = msg.header.type;
  out.truncated_by = msg.truncated_by;
  switch (static_cast<bgp::MessageType>(msg.header.type)) {
    case bgp::MessageType::kUpdate: {
      if (msg.truncated_by != 0) {
        return msg.body.error(ErrorCode::kTruncated, "RFC 4271 §4.1 UPDATE length",
                              fmt::format("{} bytes in the record", msg.header.length),
                              fmt::format("{} missing", msg.truncated_by));
      }
      const bgp::AttrContext ctx{asn_len, out.add_path, false, true};
      return bgp::decode_update(msg.body, ctx, out.update);
    }
    case bgp::MessageType::kOpen:
    case bgp::MessageType::kNotification:
    case bgp::MessageType::kKeepalive:
    case bgp::MessageType::kRouteRefresh:
      return {};
  }
  return make_error(ErrorCode::kMalformed,
                    fmt::format("RFC 4271 §4.1 message type: want 1..5, have {}", msg.header.type),
                    r.where());
}

Status decode_legacy_bgp(core::ByteReader r, std::uint16_t subtype, Bgp4mp& out, RecordKind& kind) {
  // RFC 6396 §B.2.3 (deprecated MRTd BGP type): 2-byte ASNs, IPv4 only.
  out.as4 = false;
  out.local = false;
  out.add_path = false;
  out.afi = bgp::kAfiIpv4;
  out.interface_index = 0;
  out.message_type = 0;
  out.truncated_by = 0;
  out.local_ip = {};
  out.local_as = 0;
  switch (subtype) {
    case 1:    // BGP_UPDATE
    case 7: {  // BGP_KEEPALIVE
      MANRS_TRY(std::uint16_t peer_as, r.read_u16("RFC 6396 §B.2.3 peer AS"));
      MANRS_TRY(out.peer_ip, read_address(r, bgp::kAfiIpv4, "RFC 6396 §B.2.3 peer IP"));
      MANRS_TRY(std::uint16_t local_as, r.read_u16("RFC 6396 §B.2.3 local AS"));
      MANRS_TRY(out.local_ip, read_address(r, bgp::kAfiIpv4, "RFC 6396 §B.2.3 local IP"));
      out.peer_as = peer_as;
      out.local_as = local_as;
      kind = RecordKind::kBgp4mpMessage;
      if (subtype == 7) {
        out.message_type = static_cast<std::uint8_t>(bgp::MessageType::kKeepalive);
        return {};
      }
      out.message_type = static_cast<std::uint8_t>(bgp::MessageType::kUpdate);
      return bgp::decode_update(r, bgp::AttrContext{2, false, false}, out.update);
    }
    case 3: {  // BGP_STATE_CHANGE
      MANRS_TRY(std::uint16_t peer_as, r.read_u16("RFC 6396 §B.2.3 peer AS"));
      MANRS_TRY(out.peer_ip, read_address(r, bgp::kAfiIpv4, "RFC 6396 §B.2.3 peer IP"));
      MANRS_TRY(out.old_state, r.read_u16("RFC 6396 §B.2.3 old state"));
      MANRS_TRY(out.new_state, r.read_u16("RFC 6396 §B.2.3 new state"));
      out.peer_as = peer_as;
      kind = RecordKind::kBgp4mpState;
      return {};
    }
    default:
      kind = RecordKind::kSkipped;  // PREF_UPDATE, SYNC, OPEN, NOTIFY: nothing to report
      return {};
  }
}

}  // namespace manrs::mrt
