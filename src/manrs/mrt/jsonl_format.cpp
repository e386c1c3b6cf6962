#include "manrs/mrt/jsonl_format.h"

#include <charconv>

namespace manrs::mrt {

namespace {

void u64(std::string& out, std::uint64_t v) {
  char buf[24];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, ptr);
}

void key(std::string& out, const char* k) {
  out += ",\"";
  out += k;
  out += "\":";
}

void str(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    auto uc = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (uc < 0x20 || uc >= 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[uc >> 4];
      out += kHex[uc & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
}

// [item, item, ...] with `item(out, element)` writing each element.
template <typename Range, typename Item>
void list(std::string& out, const Range& range, Item&& item) {
  out += '[';
  bool first = true;
  for (const auto& x : range) {
    if (!first) out += ',';
    first = false;
    item(x);
  }
  out += ']';
}

void addr(std::string& out, const net::IpAddress& a) {
  out += '"';
  a.append_to(out);
  out += '"';
}

void prefix_list(std::string& out, const std::vector<bgp::NlriPrefix>& v, bool add_path) {
  list(out, v, [&](const bgp::NlriPrefix& p) {
    if (add_path) {
      out += "{\"prefix\":\"";
      p.prefix.append_to(out);
      out += "\",\"path_id\":";
      u64(out, p.path_id);
      out += '}';
    } else {
      out += '"';
      p.prefix.append_to(out);
      out += '"';
    }
  });
}

const char* segment_name(net::SegmentType t) {
  switch (t) {
    case net::SegmentType::kSet:
      return "AS_SET";
    case net::SegmentType::kSequence:
      return "AS_SEQUENCE";
    case net::SegmentType::kConfedSequence:
      return "AS_CONFED_SEQUENCE";
    case net::SegmentType::kConfedSet:
      return "AS_CONFED_SET";
  }
  return "?";
}

void hex(std::string& out, std::span<const std::byte> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (auto b : bytes) {
    auto v = std::to_integer<unsigned>(b);
    out += kHex[v >> 4];
    out += kHex[v & 0xF];
  }
  out += '"';
}

void attributes(std::string& out, const bgp::PathAttributes& a) {
  using T = bgp::AttrType;
  if (a.has(T::kOrigin)) {
    key(out, "origin");
    static constexpr const char* kNames[] = {"IGP", "EGP", "INCOMPLETE"};
    str(out, kNames[static_cast<unsigned>(a.origin)]);
  }
  if (a.has(T::kAsPath)) {
    key(out, "as_path");
    str(out, a.as_path.to_string());
    key(out, "as_path_segments");
    list(out, a.as_path.segments(), [&](const net::AsPathSegment& seg) {
      out += "{\"type\":\"";
      out += segment_name(seg.type);
      out += "\",\"asns\":";
      list(out, a.as_path.segment_asns(seg), [&](net::Asn asn) { u64(out, asn); });
      out += '}';
    });
    if (auto o = a.as_path.origin()) {
      key(out, "origin_as");
      u64(out, *o);
    }
  }
  if (a.has(T::kAs4Path)) {
    key(out, "as4_path");
    str(out, a.as4_path.to_string());
  }
  if (a.has(T::kNextHop)) {
    key(out, "next_hop");
    addr(out, a.next_hop);
  }
  if (a.mp_reach.present && a.mp_reach.next_hop_len > 0) {
    key(out, "mp_next_hop");
    addr(out, a.mp_reach.next_hop);
    if (a.mp_reach.next_hop_len == 32) {
      key(out, "mp_next_hop_link_local");
      addr(out, a.mp_reach.next_hop_link_local);
    }
  }
  if (a.has(T::kMultiExitDisc)) {
    key(out, "med");
    u64(out, a.med);
  }
  if (a.has(T::kLocalPref)) {
    key(out, "local_pref");
    u64(out, a.local_pref);
  }
  if (a.has(T::kAtomicAggregate)) {
    key(out, "atomic_aggregate");
    out += "true";
  }
  if (a.has(T::kAggregator)) {
    key(out, "aggregator");
    out += "{\"asn\":";
    u64(out, a.aggregator.asn);
    out += ",\"address\":";
    addr(out, a.aggregator.address);
    out += '}';
  }
  if (a.has(T::kCommunities)) {
    key(out, "communities");
    list(out, a.communities, [&](std::uint32_t c) {
      out += '"';
      u64(out, c >> 16);
      out += ':';
      u64(out, c & 0xFFFFU);
      out += '"';
    });
  }
  if (a.has(T::kLargeCommunity)) {
    key(out, "large_communities");
    list(out, a.large_communities, [&](const bgp::LargeCommunity& c) {
      out += '"';
      u64(out, c.global);
      out += ':';
      u64(out, c.local1);
      out += ':';
      u64(out, c.local2);
      out += '"';
    });
  }
  if (a.has(T::kExtendedCommunities)) {
    key(out, "ext_communities");
    list(out, a.ext_communities,
         [&](const std::array<std::uint8_t, 8>& c) { hex(out, std::as_bytes(std::span{c})); });
  }
  if (a.has(T::kOriginatorId)) {
    key(out, "originator_id");
    addr(out, a.originator_id);
  }
  if (a.has(T::kClusterList)) {
    key(out, "cluster_list");
    list(out, a.cluster_list, [&](std::uint32_t c) { addr(out, net::IpAddress::v4(c)); });
  }
  if (a.has(T::kOtc)) {
    key(out, "otc");
    u64(out, a.otc);
  }
  if (!a.unknown.empty()) {
    key(out, "unknown_attributes");
    list(out, a.unknown, [&](const bgp::RawAttribute& u) {
      out += "{\"type\":";
      u64(out, u.type);
      out += ",\"flags\":";
      u64(out, u.flags);
      out += ",\"value\":";
      hex(out, u.value);
      out += '}';
    });
  }
  if (a.add_path_detected) {
    key(out, "add_path_detected");
    out += "true";
  }
  if (!a.problems.empty()) {
    key(out, "rfc7606");
    out += "{\"action\":";
    str(out, bgp::to_string(a.action));
    out += ",\"problems\":";
    list(out, a.problems, [&](const bgp::AttrProblem& p) { str(out, p.message); });
    out += '}';
  }
}

void head(std::string& out, const Record& rec, const char* type) {
  out += "{\"type\":\"";
  out += type;
  out += "\",\"time\":";
  u64(out, rec.header.timestamp);
  if (rec.header.type == kTypeBgp4mpEt) {
    key(out, "microseconds");
    u64(out, rec.header.microseconds);
  }
}

void rib(const Record& rec, std::string& out) {
  const Rib& r = rec.rib;
  for (std::size_t i = 0; i < r.count; ++i) {
    const RibEntry& e = r.entries[i];
    const Peer& p = rec.peers->peers[e.peer_index];
    head(out, rec, "TABLE_DUMP_V2");
    key(out, "subtype");
    str(out, table_dump_v2_subtype_name(rec.header.subtype));
    key(out, "sequence");
    u64(out, r.sequence);
    key(out, "peer_ip");
    addr(out, p.address);
    key(out, "peer_as");
    u64(out, p.asn);
    key(out, "prefix");
    out += '"';
    r.prefix.append_to(out);
    out += '"';
    key(out, "safi");
    u64(out, r.safi);
    if (r.add_path) {
      key(out, "path_id");
      u64(out, e.path_id);
    }
    key(out, "originated");
    u64(out, e.originated);
    attributes(out, e.attrs);
    out += "}\n";
  }
}

void table_dump(const Record& rec, std::string& out) {
  const TableDump& td = rec.table_dump;
  for (std::size_t i = 0; i < td.count; ++i) {
    const TableDumpEntry& e = td.entries[i];
    head(out, rec, "TABLE_DUMP");
    key(out, "view");
    u64(out, e.view);
    key(out, "sequence");
    u64(out, e.sequence);
    key(out, "peer_ip");
    addr(out, e.peer_ip);
    key(out, "peer_as");
    u64(out, e.peer_as);
    key(out, "prefix");
    out += '"';
    e.prefix.append_to(out);
    out += '"';
    key(out, "status");
    u64(out, e.status);
    key(out, "originated");
    u64(out, e.originated);
    attributes(out, e.attrs);
    out += "}\n";
  }
}

const char* message_name(std::uint8_t t) {
  switch (t) {
    case 1:
      return "OPEN";
    case 2:
      return "UPDATE";
    case 3:
      return "NOTIFICATION";
    case 4:
      return "KEEPALIVE";
    case 5:
      return "ROUTE_REFRESH";
    default:
      return "UNKNOWN";
  }
}

void session(std::string& out, const Bgp4mp& m) {
  key(out, "peer_ip");
  addr(out, m.peer_ip);
  key(out, "peer_as");
  u64(out, m.peer_as);
  if (m.local_as != 0 || m.local_ip != net::IpAddress{}) {
    key(out, "local_ip");
    addr(out, m.local_ip);
    key(out, "local_as");
    u64(out, m.local_as);
  }
}

const char* record_type_name(const Record& rec) {
  switch (rec.header.type) {
    case kTypeBgp:
      return "BGP";
    case kTypeBgp4mpEt:
      return "BGP4MP_ET";
    default:
      return "BGP4MP";
  }
}

void message(const Record& rec, std::string& out) {
  const Bgp4mp& m = rec.bgp4mp;
  head(out, rec, record_type_name(rec));
  key(out, "message");
  str(out, message_name(m.message_type));
  if (m.local) {
    key(out, "direction");
    str(out, "sent");
  }
  session(out, m);
  if (m.message_type == 2) {
    const bgp::Update& u = m.update;
    const bool ap = m.add_path || u.attrs.add_path_detected;
    key(out, "withdrawn");
    prefix_list(out, u.withdrawn, ap);
    if (u.attrs.mp_unreach.present) {
      key(out, "mp_withdrawn");
      prefix_list(out, u.attrs.mp_unreach.withdrawn, ap);
      key(out, "mp_unreach_afi");
      u64(out, u.attrs.mp_unreach.afi);
      key(out, "mp_unreach_safi");
      u64(out, u.attrs.mp_unreach.safi);
    }
    key(out, "announced");
    prefix_list(out, u.nlri, ap);
    if (u.attrs.mp_reach.present) {
      key(out, "mp_announced");
      prefix_list(out, u.attrs.mp_reach.nlri, ap);
      key(out, "mp_reach_afi");
      u64(out, u.attrs.mp_reach.afi);
      key(out, "mp_reach_safi");
      u64(out, u.attrs.mp_reach.safi);
    }
    attributes(out, u.attrs);
  }
  out += "}\n";
}

void state(const Record& rec, std::string& out) {
  const Bgp4mp& m = rec.bgp4mp;
  head(out, rec, record_type_name(rec));
  key(out, "message");
  str(out, "STATE_CHANGE");
  session(out, m);
  key(out, "old_state");
  u64(out, m.old_state);
  key(out, "new_state");
  u64(out, m.new_state);
  out += "}\n";
}

}  // namespace

void format_jsonl(const Record& rec, std::string& out) {
  switch (rec.kind) {
    case RecordKind::kRib:
      rib(rec, out);
      break;
    case RecordKind::kTableDump:
      table_dump(rec, out);
      break;
    case RecordKind::kBgp4mpMessage:
      message(rec, out);
      break;
    case RecordKind::kBgp4mpState:
      state(rec, out);
      break;
    case RecordKind::kPeerIndexTable:
    case RecordKind::kSkipped:
      break;
  }
}

}  // namespace manrs::mrt
