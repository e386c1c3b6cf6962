#include "manrs/mrt/stats.h"

#include <ctime>

#include <fmt/format.h>

namespace manrs::mrt {

namespace {

std::uint64_t mix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xFF51AFD7ED558CCDULL;
  k ^= k >> 33;
  return k;
}

std::string type_name(unsigned type, unsigned subtype) {
  switch (type) {
    case kTypeTableDumpV2:
      return fmt::format("TABLE_DUMP_V2/{}",
                         table_dump_v2_subtype_name(static_cast<std::uint16_t>(subtype)));
    case kTypeTableDump:
      return fmt::format("TABLE_DUMP/{}", subtype == 1   ? "AFI_IPv4"
                                          : subtype == 2 ? "AFI_IPv6"
                                                         : "other");
    case kTypeBgp4mp:
    case kTypeBgp4mpEt:
      return fmt::format("{}/{}", type == kTypeBgp4mp ? "BGP4MP" : "BGP4MP_ET",
                         bgp4mp_subtype_name(static_cast<std::uint16_t>(subtype)));
    case kTypeBgp:
      return fmt::format("BGP (MRTd)/{}", subtype == 1   ? "UPDATE"
                                          : subtype == 3 ? "STATE_CHANGE"
                                          : subtype == 7 ? "KEEPALIVE"
                                                         : "other");
    default:
      return fmt::format("type {}/{}", type, subtype);
  }
}

std::string iso_time(std::uint32_t t) {
  std::time_t tt = t;
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void FlatSet64::insert(std::uint64_t key) {
  std::size_t mask = slots_.size() - 1;
  std::size_t i = mix(key) & mask;
  while (slots_[i] != 0) {
    if (slots_[i] == key) return;
    i = (i + 1) & mask;
  }
  slots_[i] = key;
  if (++size_ * 2 > slots_.size()) grow();
}

void FlatSet64::grow() {
  std::vector<std::uint64_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  std::size_t mask = slots_.size() - 1;
  for (auto k : old) {
    if (k == 0) continue;
    std::size_t i = mix(k) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = k;
  }
}

void MrtStats::add_prefix(const net::Prefix& p) {
  if (p.is_v4()) {
    prefixes_v4.insert(((std::uint64_t{p.address().v4_value()} << 8) | p.length()) + 1);
  } else {
    prefixes_v6.insert(p);
  }
}

void MrtStats::add_origin(const bgp::PathAttributes& a) {
  auto o = a.as_path.origin();
  if (!o) return;
  // Consecutive routes (the peers of one RIB record) mostly share the origin.
  if (have_last_origin_ && *o == last_origin_) return;
  last_origin_ = *o;
  have_last_origin_ = true;
  origins.insert(std::uint64_t{*o} + 1);
}

void MrtStats::add(const Record& rec) {
  const Header& h = rec.header;
  ++records;
  if (h.type < 64 && h.subtype < 16) {
    ++by_type[(h.type * 16U) + h.subtype];
  } else {
    ++other_types;
  }
  if (first_time == 0 || h.timestamp < first_time) first_time = h.timestamp;
  if (h.timestamp > last_time) last_time = h.timestamp;
  switch (rec.kind) {
    case RecordKind::kRib: {
      const Rib& r = rec.rib;
      if (rec.peers != peer_table_ || peer_seen_.size() != rec.peers->peers.size()) {
        peer_table_ = rec.peers;
        peer_seen_.assign(rec.peers->peers.size(), false);
      }
      if (r.count > 0) add_prefix(r.prefix);
      for (std::size_t i = 0; i < r.count; ++i) {
        const RibEntry& e = r.entries[i];
        if (!peer_seen_[e.peer_index]) {
          peer_seen_[e.peer_index] = true;
          const Peer& p = rec.peers->peers[e.peer_index];
          peers.emplace(p.address, p.asn);
        }
        add_origin(e.attrs);
        if (!e.attrs.problems.empty()) ++rfc7606_routes;
      }
      (r.afi == bgp::kAfiIpv4 ? routes_v4 : routes_v6) += r.count;
      break;
    }
    case RecordKind::kTableDump:
      for (std::size_t i = 0; i < rec.table_dump.count; ++i) {
        const TableDumpEntry& e = rec.table_dump.entries[i];
        add_prefix(e.prefix);
        add_origin(e.attrs);
        peers.emplace(e.peer_ip, e.peer_as);
        if (!e.attrs.problems.empty()) ++rfc7606_routes;
        (e.prefix.is_v4() ? routes_v4 : routes_v6) += 1;
      }
      break;
    case RecordKind::kBgp4mpMessage: {
      const Bgp4mp& m = rec.bgp4mp;
      peers.emplace(m.peer_ip, m.peer_as);
      if (m.message_type != 2) {
        ++messages_other;
        break;
      }
      const bgp::Update& u = m.update;
      const bgp::PathAttributes& a = u.attrs;
      if (!a.problems.empty()) ++rfc7606_routes;
      for (const auto& p : u.withdrawn) {
        add_prefix(p.prefix);
        ++withdrawals_v4;
      }
      for (const auto& p : a.mp_unreach.withdrawn) {
        add_prefix(p.prefix);
        (p.prefix.is_v4() ? withdrawals_v4 : withdrawals_v6) += 1;
      }
      bool announces = !u.nlri.empty() || !a.mp_reach.nlri.empty();
      for (const auto& p : u.nlri) {
        add_prefix(p.prefix);
        ++routes_v4;
      }
      for (const auto& p : a.mp_reach.nlri) {
        add_prefix(p.prefix);
        (p.prefix.is_v4() ? routes_v4 : routes_v6) += 1;
      }
      if (announces) add_origin(a);
      break;
    }
    case RecordKind::kBgp4mpState:
      ++state_changes;
      peers.emplace(rec.bgp4mp.peer_ip, rec.bgp4mp.peer_as);
      break;
    case RecordKind::kPeerIndexTable:
    case RecordKind::kSkipped:
      break;
  }
}

void MrtStats::add_reader(const ReaderStats& s) {
  record_errors += s.record_errors;
  resyncs += s.resyncs;
  skipped_bytes += s.skipped_bytes;
  length_repairs += s.length_repairs;
}

std::string MrtStats::to_text() const {
  std::string out;
  auto line = [&](std::string_view k, const std::string& v) {
    out += fmt::format("{:<36}{}\n", k, v);
  };
  line("files", fmt::format("{}", files));
  line("bytes (decompressed)", fmt::format("{}", bytes));
  line("records", fmt::format("{}", records));
  for (unsigned t = 0; t < 64; ++t) {
    for (unsigned s = 0; s < 16; ++s) {
      std::uint64_t n = by_type[(t * 16U) + s];
      if (n != 0) line(fmt::format("  {}", type_name(t, s)), fmt::format("{}", n));
    }
  }
  if (other_types != 0) line("  other types", fmt::format("{}", other_types));
  line("routes IPv4", fmt::format("{}", routes_v4));
  line("routes IPv6", fmt::format("{}", routes_v6));
  line("withdrawals IPv4", fmt::format("{}", withdrawals_v4));
  line("withdrawals IPv6", fmt::format("{}", withdrawals_v6));
  line("state changes", fmt::format("{}", state_changes));
  line("other BGP messages", fmt::format("{}", messages_other));
  line("peers", fmt::format("{}", peers.size()));
  line("distinct prefixes IPv4", fmt::format("{}", prefixes_v4.size()));
  line("distinct prefixes IPv6", fmt::format("{}", prefixes_v6.size()));
  line("distinct origin ASNs", fmt::format("{}", origins.size()));
  if (records != 0) {
    line("first record", fmt::format("{} ({})", iso_time(first_time), first_time));
    line("last record", fmt::format("{} ({})", iso_time(last_time), last_time));
  }
  line("decoding errors", fmt::format("{}", record_errors));
  line("RFC 7606 damaged routes", fmt::format("{}", rfc7606_routes));
  line("resynchronisations", fmt::format("{} ({} bytes skipped)", resyncs, skipped_bytes));
  line("repaired record lengths", fmt::format("{}", length_repairs));
  line("input errors", fmt::format("{}", input_errors));
  return out;
}

std::string MrtStats::to_json() const {
  std::string types = "{";
  bool first = true;
  for (unsigned t = 0; t < 64; ++t) {
    for (unsigned s = 0; s < 16; ++s) {
      std::uint64_t n = by_type[(t * 16U) + s];
      if (n == 0) continue;
      if (!first) types += ',';
      first = false;
      types += fmt::format("\"{}\":{}", type_name(t, s), n);
    }
  }
  types += '}';
  return fmt::format(
      "{{\"files\":{},\"bytes\":{},\"records\":{},\"records_by_type\":{},\"routes_v4\":{},"
      "\"routes_v6\":{},\"withdrawals_v4\":{},\"withdrawals_v6\":{},\"state_changes\":{},"
      "\"other_messages\":{},\"peers\":{},\"distinct_prefixes_v4\":{},"
      "\"distinct_prefixes_v6\":{},\"distinct_origin_asns\":{},\"first_time\":{},"
      "\"last_time\":{},\"decoding_errors\":{},\"rfc7606_damaged_routes\":{},\"resyncs\":{},"
      "\"skipped_bytes\":{},\"repaired_lengths\":{},\"input_errors\":{}}}\n",
      files, bytes, records, types, routes_v4, routes_v6, withdrawals_v4, withdrawals_v6,
      state_changes, messages_other, peers.size(), prefixes_v4.size(), prefixes_v6.size(),
      origins.size(), first_time, last_time, record_errors, rfc7606_routes, resyncs, skipped_bytes,
      length_repairs, input_errors);
}

}  // namespace manrs::mrt
