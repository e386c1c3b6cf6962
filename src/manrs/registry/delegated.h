// registry/delegated.h — NRO / RIR delegated-extended statistics: who holds which ASN.
//
// Format (one record a line, '|'-separated; NRO "RIR Statistics Exchange Format"):
//   version: `2|nro|20160406|395402|19821213|20160406|+0000`
//   summary: `nro|*|asn|*|74480|summary`
//   record:  `registry|cc|type|start|value|date|status[|opaque-id[|extensions]]`
// Only `asn` records are kept (ipv4/ipv6 lines are skipped); an ASN record covers the range
// [start, start + value − 1] and is stored as that range, never expanded. Lines starting with
// '#' and blank lines are skipped. Start with DelegatedStats::load_file, then find(asn).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/net/asn.h"

namespace manrs::registry {

// One ASN record: a range of ASNs with the same registry, country, status and holder id.
struct Delegation {
  net::Asn first = 0;
  net::Asn last = 0;
  std::string registry;   // "ripencc", "arin", "apnic", "afrinic", "lacnic", "iana"
  std::string cc;         // ISO 3166 code ("ZZ" for none)
  std::string status;     // "assigned", "allocated", "available", "reserved", "ietf", ...
  std::string opaque_id;  // the holder's opaque id (extended files), "" otherwise
  std::optional<std::int64_t> date;  // the date field (nullopt when empty or 00000000)
};

struct DelegatedLoadReport {
  std::string file;
  std::uint64_t lines = 0;
  std::uint64_t asn_records = 0;
  std::uint64_t other_records = 0;  // ipv4 / ipv6
};

class DelegatedStats {
 public:
  // Reads one file (plain or compressed). Untrusted input: a record line with fewer than 7
  // fields, a non-numeric or out-of-range start/value or an unreadable date is an Error
  // "<file>:<line>: <field>: want ..., have '...'" (kMalformed); nothing of a failed file is
  // kept. Not after finalize().
  [[nodiscard]] Result<DelegatedLoadReport> load_file(const std::string& path);
  [[nodiscard]] Result<DelegatedLoadReport> load(core::ByteSource& source);
  void finalize();

  // The record covering `asn`. When several records overlap (an NRO file repeats IANA blocks
  // that an RIR also lists), an assigned/allocated record wins, then the one that starts closest to
  // `asn`.
  [[nodiscard]] const Delegation* find(net::Asn asn) const;
  // True when the covering record's status is "assigned" or "allocated".
  [[nodiscard]] bool is_delegated(net::Asn asn) const;
  [[nodiscard]] std::size_t size() const { return records_.size(); }

 private:
  std::vector<Delegation> records_;  // sorted by first after finalize
  std::vector<net::Asn> max_last_;   // max_last_[i] = max(records_[0..i].last)
};

[[nodiscard]] bool is_delegated_status(std::string_view status);

}  // namespace manrs::registry
