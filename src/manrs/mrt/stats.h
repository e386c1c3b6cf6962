// mrt/stats.h — `manrs mrt stats`: what an MRT file holds, in one pass.
//
// Counts records by type/subtype, routes (RIB entries and announcements) and withdrawals per
// family, state changes, peers, distinct prefixes and origin ASNs, the time range, and every
// kind of damage (record errors, RFC 7606 problems, resyncs, repaired lengths). Memory grows
// with the number of distinct prefixes/peers/origins, not with the file.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "manrs/mrt/reader.h"
#include "manrs/mrt/record.h"
#include "manrs/net/prefix.h"

namespace manrs::mrt {

// Open-addressing set of non-zero 64-bit keys (linear probing, load <= 1/2).
class FlatSet64 {
 public:
  FlatSet64() : slots_(1024, 0) {}
  void insert(std::uint64_t key);  // key != 0
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  void grow();
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

struct MrtStats {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;  // decompressed bytes read
  std::uint64_t records = 0;
  std::array<std::uint64_t, 64 * 16> by_type{};  // [type & 63][subtype & 15]
  std::uint64_t other_types = 0;
  std::uint64_t routes_v4 = 0;  // RIB entries + announced prefixes
  std::uint64_t routes_v6 = 0;
  std::uint64_t withdrawals_v4 = 0;
  std::uint64_t withdrawals_v6 = 0;
  std::uint64_t state_changes = 0;
  std::uint64_t messages_other = 0;  // OPEN, KEEPALIVE, NOTIFICATION, ROUTE-REFRESH
  std::uint32_t first_time = 0;
  std::uint32_t last_time = 0;
  std::uint64_t record_errors = 0;
  std::uint64_t rfc7606_routes = 0;  // routes/updates that carried an RFC 7606 problem
  std::uint64_t resyncs = 0;
  std::uint64_t skipped_bytes = 0;
  std::uint64_t length_repairs = 0;
  std::uint64_t input_errors = 0;  // files that ended in an I/O or decompression error

  FlatSet64 prefixes_v4;
  std::unordered_set<net::Prefix, net::PrefixHash> prefixes_v6;
  FlatSet64 origins;
  std::set<std::pair<net::IpAddress, net::Asn>> peers;

  void add(const Record& rec);
  void add_reader(const ReaderStats& s);

  [[nodiscard]] std::string to_text() const;
  [[nodiscard]] std::string to_json() const;

 private:
  void add_prefix(const net::Prefix& p);
  void add_origin(const bgp::PathAttributes& a);
  const PeerIndexTable* peer_table_ = nullptr;
  net::Asn last_origin_ = 0;
  bool have_last_origin_ = false;
  std::vector<bool> peer_seen_;
};

}  // namespace manrs::mrt
