#include "manrs/mrt/bgpdump_format.h"

#include <charconv>
#include <cstring>

#include "manrs/mrt/decode.h"

namespace manrs::mrt {

namespace {

void append_u32(std::string& out, std::uint32_t v) {
  char buf[12];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, ptr);
}

void append_ipv4(std::string& out, const net::IpAddress& a) {
  net::append_ipv4(out, a.bytes().data());
}

void append_addr(std::string& out, const net::IpAddress& a) {
  if (a.is_v4()) {
    append_ipv4(out, a);
  } else {
    append_bgpdump_ipv6(out, a.bytes().data());
  }
}

void append_prefix(std::string& out, const net::Prefix& p) {
  append_addr(out, p.address());
  out += '/';
  append_u32(out, p.length());
}

const char* origin_text(const bgp::PathAttributes& a) {
  if (!a.was_seen(bgp::AttrType::kOrigin)) return "INCOMPLETE";
  if (a.origin_raw == 0) return "IGP";
  if (a.origin_raw == 1) return "EGP";
  return "INCOMPLETE";
}

void append_as_path_field(std::string& out, const bgp::PathAttributes& a) {
  if (!a.was_seen(bgp::AttrType::kAsPath)) return;
  if (a.as_path_error) {
    out += "! Error !";
    return;
  }
  append_bgpdump_as_path(out, a.as_path);
}

void append_communities(std::string& out, const bgp::PathAttributes& a) {
  if (!a.was_seen(bgp::AttrType::kCommunities)) return;
  bool first = true;
  for (std::uint32_t c : a.communities) {
    if (!first) out += ' ';
    first = false;
    switch (c) {
      case 0xFFFFFF01U:
        out += "no-export";
        break;
      case 0xFFFFFF02U:
        out += "no-advertise";
        break;
      case 0xFFFFFF03U:
        out += "local-AS";
        break;
      default:
        append_u32(out, c >> 16);
        out += ':';
        append_u32(out, c & 0xFFFFU);
        break;
    }
  }
}

// AG|aggregator|\n — the end of every announcement line.
void append_aggregation(std::string& out, const bgp::PathAttributes& a) {
  out += a.was_seen(bgp::AttrType::kAtomicAggregate) ? "AG|" : "NAG|";
  if (a.was_seen(bgp::AttrType::kAggregator) && a.aggregator.address.v4_value() != 0xFFFFFFFFU) {
    append_u32(out, a.aggregator.asn);
    out += ' ';
    append_ipv4(out, a.aggregator.address);
  }
  out += "|\n";
}

// prefix|[path_id|]
void append_prefix_field(std::string& out, const net::Prefix& p, bool add_path,
                         std::uint32_t path_id) {
  append_prefix(out, p);
  out += '|';
  if (add_path) {
    append_u32(out, path_id);
    out += '|';
  }
}

// as path|origin|
void append_path_origin(std::string& out, const bgp::PathAttributes& a) {
  append_as_path_field(out, a);
  out += '|';
  out += origin_text(a);
  out += '|';
}

// "|lp|med|" tail pieces shared by every announcement line: communities|AG|aggregator|
void append_tail(std::string& out, const bgp::PathAttributes& a) {
  append_communities(out, a);
  out += '|';
  append_aggregation(out, a);
}

void append_lp_med(std::string& out, const bgp::PathAttributes& a) {
  append_u32(out, a.was_seen(bgp::AttrType::kLocalPref) ? a.local_pref : 0);
  out += '|';
  append_u32(out, a.was_seen(bgp::AttrType::kMultiExitDisc) ? a.med : 0);
  out += '|';
}

// NEXT_HOP as libbgpdump keeps it: 255.255.255.255 (INADDR_NONE) when absent.
void append_next_hop_attr(std::string& out, const bgp::PathAttributes& a) {
  if (a.was_seen(bgp::AttrType::kNextHop)) {
    append_ipv4(out, a.next_hop);
  } else {
    out += "255.255.255.255";
  }
}

// The MP next hop by its wire length; false when libbgpdump would print nothing for it.
bool append_mp_next_hop(std::string& out, const bgp::MpReach& mp) {
  if (mp.next_hop_len == 4) {
    append_ipv4(out, mp.next_hop);
    return true;
  }
  if (mp.next_hop_len == 16 || mp.next_hop_len == 32) {
    append_bgpdump_ipv6(out, mp.next_hop.bytes().data());
    return true;
  }
  return false;
}

// libbgpdump files the abbreviated MRT form and full IPv6 unicast under announce[IPv6][unicast].
bool mp_is_v6_unicast_slot(const bgp::MpReach& mp) {
  return mp.abbreviated || (mp.afi == bgp::kAfiIpv6 && mp.safi == bgp::kSafiUnicast);
}

void append_time(std::string& out, const Header& h) {
  append_u32(out, h.timestamp);
  if (h.type == kTypeBgp4mpEt) {
    char buf[16];
    std::uint32_t us = h.microseconds;
    // %06ld
    char digits[12];
    auto [ptr, ec] = std::to_chars(digits, digits + sizeof(digits), us);
    auto n = static_cast<std::size_t>(ptr - digits);
    std::size_t pad = n < 6 ? 6 - n : 0;
    buf[0] = '.';
    std::memset(buf + 1, '0', pad);
    out.append(buf, 1 + pad);
    out.append(digits, n);
  }
}

void format_rib(const Record& rec, std::string& out) {
  const Rib& rib = rec.rib;
  const auto st = static_cast<TdV2>(rec.header.subtype);
  // libbgpdump 1.6.2 prints only the unicast RIB subtypes.
  if (st != TdV2::kRibIpv4Unicast && st != TdV2::kRibIpv6Unicast &&
      st != TdV2::kRibIpv4UnicastAddPath && st != TdV2::kRibIpv6UnicastAddPath) {
    return;
  }
  for (std::size_t i = 0; i < rib.count; ++i) {
    const RibEntry& e = rib.entries[i];
    const bgp::PathAttributes& a = e.attrs;
    const Peer& peer = rec.peers->peers[e.peer_index];
    out += rib.add_path ? "TABLE_DUMP2_AP|" : "TABLE_DUMP2|";
    append_u32(out, rec.header.timestamp);
    out += "|B|";
    append_addr(out, peer.address);
    out += '|';
    append_u32(out, peer.asn);
    out += '|';
    append_prefix_field(out, rib.prefix, rib.add_path, e.path_id);
    append_path_origin(out, a);
    const bgp::MpReach& mp = a.mp_reach;
    if (mp.present &&
        (mp_is_v6_unicast_slot(mp) || (mp.afi == bgp::kAfiIpv4 && mp.safi == bgp::kSafiUnicast))) {
      append_mp_next_hop(out, mp);
    } else {
      append_next_hop_attr(out, a);
    }
    out += '|';
    append_lp_med(out, a);
    append_tail(out, a);
  }
}

void format_table_dump(const Record& rec, std::string& out) {
  const TableDump& td = rec.table_dump;
  for (std::size_t i = 0; i < td.count; ++i) {
    const TableDumpEntry& e = td.entries[i];
    const bgp::PathAttributes& a = e.attrs;
    out += "TABLE_DUMP|";
    append_u32(out, rec.header.timestamp);
    out += "|B|";
    append_addr(out, e.peer_ip);
    out += '|';
    append_u32(out, e.peer_as);
    out += '|';
    append_prefix_field(out, e.prefix, false, 0);
    append_path_origin(out, a);
    if (a.mp_reach.present && mp_is_v6_unicast_slot(a.mp_reach)) {
      append_bgpdump_ipv6(out, a.mp_reach.next_hop.bytes().data());
    } else {
      append_next_hop_attr(out, a);
    }
    out += '|';
    append_lp_med(out, a);
    append_tail(out, a);
  }
}

struct LineStart {
  const char* format;  // BGP4MP, BGP4MP_ET_LOCAL_AP, BGP...
  const Record* rec;
};

void line_start(std::string& out, const LineStart& ls, const char* kind) {
  out += ls.format;
  out += '|';
  append_time(out, ls.rec->header);
  out += '|';
  out += kind;
  out += '|';
}

void append_peer(std::string& out, const Bgp4mp& m) {
  if (m.afi == bgp::kAfiIpv6) {
    append_bgpdump_ipv6(out, m.peer_ip.bytes().data());
  } else {
    append_ipv4(out, m.peer_ip);
  }
  out += '|';
  append_u32(out, m.peer_as);
  out += '|';
}

const char* bgp4mp_format(const Record& rec) {
  const Bgp4mp& m = rec.bgp4mp;
  if (rec.header.type == kTypeBgp) return "BGP";
  bool et = rec.header.type == kTypeBgp4mpEt;
  if (et) {
    if (m.local) return m.add_path ? "BGP4MP_ET_LOCAL_AP" : "BGP4MP_ET_LOCAL";
    return m.add_path ? "BGP4MP_ET_AP" : "BGP4MP_ET";
  }
  if (m.local) return m.add_path ? "BGP4MP_LOCAL_AP" : "BGP4MP_LOCAL";
  return m.add_path ? "BGP4MP_AP" : "BGP4MP";
}

void withdraw_lines(std::string& out, const LineStart& ls, const Bgp4mp& m,
                    const std::vector<bgp::NlriPrefix>& prefixes) {
  for (const auto& p : prefixes) {
    line_start(out, ls, "W");
    if (p.prefix.is_v4() || m.afi == bgp::kAfiIpv6 || !m.local) {
      append_peer(out, m);
    } else {
      // libbgpdump prints the (IPv4) peer of a *_LOCAL message as IPv6 text when it
      // withdraws IPv6 prefixes (table_line_withdraw6).
      append_bgpdump_ipv6(out, m.peer_ip.bytes().data());
      out += '|';
      append_u32(out, m.peer_as);
      out += '|';
    }
    append_prefix(out, p.prefix);
    if (m.add_path) {
      out += '|';
      append_u32(out, p.path_id);
    }
    out += '\n';
  }
}

// MRTd BGP type 5 lines (mrtd_table_line_announce): the MED is followed directly by the
// communities, without a separator, and there is no empty communities field.
void legacy_announce_lines(std::string& out, const LineStart& ls, const Bgp4mp& m,
                           const std::vector<bgp::NlriPrefix>& prefixes) {
  const bgp::PathAttributes& a = m.update.attrs;
  for (const auto& p : prefixes) {
    line_start(out, ls, "A");
    append_peer(out, m);
    append_prefix_field(out, p.prefix, false, 0);
    append_path_origin(out, a);
    append_next_hop_attr(out, a);
    out += '|';
    append_lp_med(out, a);
    out.pop_back();
    if (a.was_seen(bgp::AttrType::kCommunities)) {
      append_communities(out, a);
      out += '|';
    } else {
      out += '|';
    }
    append_aggregation(out, a);
  }
}

void announce_lines_v4(std::string& out, const LineStart& ls, const Bgp4mp& m,
                       const std::vector<bgp::NlriPrefix>& prefixes, const bgp::MpReach* mp) {
  const bgp::PathAttributes& a = m.update.attrs;
  for (const auto& p : prefixes) {
    line_start(out, ls, "A");
    append_peer(out, m);
    append_prefix_field(out, p.prefix, m.add_path, p.path_id);
    append_path_origin(out, a);
    if (mp == nullptr) {
      append_next_hop_attr(out, a);
      out += '|';
      append_lp_med(out, a);
    } else if (append_mp_next_hop(out, *mp)) {
      out += '|';
      append_lp_med(out, a);
    }
    append_tail(out, a);
  }
}

void announce_lines_v6(std::string& out, const LineStart& ls, const Bgp4mp& m,
                       const bgp::MpReach& mp) {
  const bgp::PathAttributes& a = m.update.attrs;
  for (const auto& p : mp.nlri) {
    line_start(out, ls, "A");
    append_peer(out, m);
    append_prefix_field(out, p.prefix, m.add_path, p.path_id);
    if (mp.next_hop_len == 4 || mp.next_hop_len == 16 || mp.next_hop_len == 32) {
      append_path_origin(out, a);
      append_mp_next_hop(out, mp);
      out += '|';
      append_lp_med(out, a);
    }
    append_tail(out, a);
  }
}

bool mp_printable_safi(std::uint8_t safi) {
  return safi == bgp::kSafiUnicast || safi == bgp::kSafiMulticast ||
         safi == bgp::kSafiUnicastMulticast;
}

void format_update(const Record& rec, std::string& out) {
  const Bgp4mp& m = rec.bgp4mp;
  const bgp::Update& u = m.update;
  const bgp::PathAttributes& a = u.attrs;
  const LineStart ls{bgp4mp_format(rec), &rec};
  if (rec.header.type == kTypeBgp) {
    // MRTd BGP type: classic IPv4 fields only. libbgpdump formats the peer and the withdrawn
    // prefix with two inet_ntoa() calls in one printf; both share inet_ntoa's static buffer,
    // so its lines show the peer address in place of the prefix address. Reproduced here;
    // the real prefix is in the jsonl output.
    for (const auto& p : u.withdrawn) {
      line_start(out, ls, "W");
      append_peer(out, m);
      append_ipv4(out, m.peer_ip);
      out += '/';
      append_u32(out, p.prefix.length());
      out += '\n';
    }
    legacy_announce_lines(out, ls, m, u.nlri);
    return;
  }
  if (!u.withdrawn.empty() || a.was_seen(bgp::AttrType::kMpUnreachNlri)) {
    withdraw_lines(out, ls, m, u.withdrawn);
    if (a.mp_unreach.present && mp_printable_safi(a.mp_unreach.safi)) {
      withdraw_lines(out, ls, m, a.mp_unreach.withdrawn);
    }
  }
  if (!u.nlri.empty() || a.was_seen(bgp::AttrType::kMpReachNlri)) {
    announce_lines_v4(out, ls, m, u.nlri, nullptr);
    const bgp::MpReach& mp = a.mp_reach;
    if (mp.present && !mp.abbreviated && mp_printable_safi(mp.safi)) {
      if (mp.afi == bgp::kAfiIpv4) {
        announce_lines_v4(out, ls, m, mp.nlri, &mp);
      } else if (mp.afi == bgp::kAfiIpv6) {
        announce_lines_v6(out, ls, m, mp);
      }
    }
  }
}

void format_state(const Record& rec, std::string& out) {
  const Bgp4mp& m = rec.bgp4mp;
  if (rec.header.type == kTypeBgp) {
    out += "BGP|";
  } else {
    out += rec.header.type == kTypeBgp4mpEt ? "BGP4MP_ET|" : "BGP4MP|";
  }
  append_time(out, rec.header);
  out += "|STATE|";
  append_peer(out, m);
  append_u32(out, m.old_state);
  out += '|';
  append_u32(out, m.new_state);
  out += '\n';
}

}  // namespace

void append_bgpdump_ipv6(std::string& out, const std::uint8_t* b) {
  bool zero12 = true;
  for (int i = 0; i < 10; ++i) zero12 = zero12 && b[i] == 0;
  const bool mapped = zero12 && b[10] == 0xFF && b[11] == 0xFF;
  std::uint32_t last = (std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) |
                       (std::uint32_t{b[14]} << 8) | std::uint32_t{b[15]};
  const bool compat = zero12 && b[10] == 0 && b[11] == 0 && last > 1;
  if (mapped || compat) {
    out += mapped ? "::ffff:" : "::";
    net::append_ipv4(out, b + 12);
    return;
  }
  std::uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = static_cast<std::uint16_t>((b[2 * i] << 8) | b[2 * i + 1]);
  // Longest run of zero groups (any length >= 1), first on ties.
  int best = -1;
  int best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      if (i == 0) out += ':';
      out += ':';
      i += best_len - 1;
      continue;
    }
    unsigned v = g[i];
    bool started = false;
    for (int s = 12; s >= 0; s -= 4) {
      unsigned nib = (v >> s) & 0xFU;
      if (nib != 0 || started || s == 0) {
        out += kHex[nib];
        started = true;
      }
    }
    if (i != 7) out += ':';
  }
}

void append_bgpdump_as_path(std::string& out, const net::AsPath& path) {
  // libbgpdump writes into an 8000-byte buffer and stops with "..." once past 7900 bytes.
  constexpr std::size_t kCut = 8000 - 100;
  const std::size_t base = out.size();
  auto delim = [](net::SegmentType t, bool start) -> char {
    switch (t) {
      case net::SegmentType::kSet:
        return start ? '{' : '}';
      case net::SegmentType::kConfedSet:
        return start ? '[' : ']';
      case net::SegmentType::kConfedSequence:
        return start ? '(' : ')';
      case net::SegmentType::kSequence:
        return ' ';
    }
    return ' ';
  };
  bool space = false;
  auto prev = net::SegmentType::kSequence;
  const net::AsPathSegment* last = nullptr;
  for (const auto& seg : path.segments()) {
    if (prev != net::SegmentType::kSequence) out += delim(prev, false);
    if (space) out += ' ';
    if (seg.type != net::SegmentType::kSequence) out += delim(seg.type, true);
    space = false;
    const bool set = seg.type == net::SegmentType::kSet || seg.type == net::SegmentType::kConfedSet;
    for (auto asn : path.segment_asns(seg)) {
      if (space) {
        out += set ? ',' : ' ';
      } else {
        space = true;
      }
      append_u32(out, asn);
      if (out.size() - base > kCut) {
        out += "...";
        return;
      }
    }
    prev = seg.type;
    last = &seg;
  }
  if (last != nullptr && last->type != net::SegmentType::kSequence) out += delim(last->type, false);
}

void format_bgpdump(const Record& rec, std::string& out) {
  switch (rec.kind) {
    case RecordKind::kRib:
      format_rib(rec, out);
      break;
    case RecordKind::kTableDump:
      format_table_dump(rec, out);
      break;
    case RecordKind::kBgp4mpMessage:
      if (rec.bgp4mp.message_type == static_cast<std::uint8_t>(bgp::MessageType::kUpdate)) {
        format_update(rec, out);
      }
      break;
    case RecordKind::kBgp4mpState:
      format_state(rec, out);
      break;
    case RecordKind::kPeerIndexTable:
    case RecordKind::kSkipped:
      break;
  }
}

}  // namespace manrs::mrt
