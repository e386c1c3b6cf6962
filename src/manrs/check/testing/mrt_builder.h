// check/testing/mrt_builder.h — writes MRT files for tests (RFC 6396): TABLE_DUMP_V2
// PEER_INDEX_TABLE and RIB_IPV4/IPV6_UNICAST records, BGP4MP MESSAGE_AS4 updates (IPv4 in the
// UPDATE fields, IPv6 in MP_REACH/MP_UNREACH) and STATE_CHANGE_AS4, with chosen timestamps.
// Test code only; inputs are trusted (a bad prefix text aborts the test via an exception).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "manrs/net/asn.h"

namespace manrs::check::testing {

struct PathSpec {
  PathSpec() = default;
  PathSpec(std::vector<net::Asn> s, std::vector<net::Asn> trailing_set = {})  // NOLINT
      : seq(std::move(s)), set(std::move(trailing_set)) {}
  std::vector<net::Asn> seq;  // AS_SEQUENCE, neighbour first
  std::vector<net::Asn> set;  // a trailing AS_SET when not empty
};

struct RibRoute {
  std::uint16_t peer_index = 0;
  PathSpec path;
};

class MrtBuilder {
 public:
  struct PeerSpec {
    std::string address;
    net::Asn asn = 0;
  };
  MrtBuilder& peer_index(std::uint32_t ts, const std::vector<PeerSpec>& peers);
  MrtBuilder& rib(std::uint32_t ts, const std::string& prefix, const std::vector<RibRoute>& routes);
  MrtBuilder& announce(std::uint32_t ts, const PeerSpec& peer,
                       const std::vector<std::string>& prefixes, const PathSpec& path);
  MrtBuilder& withdraw(std::uint32_t ts, const PeerSpec& peer,
                       const std::vector<std::string>& prefixes);
  MrtBuilder& state(std::uint32_t ts, const PeerSpec& peer, std::uint16_t old_state,
                    std::uint16_t new_state);

  [[nodiscard]] const std::vector<std::uint8_t>& bytes() const { return out_; }
  // Writes the bytes to `path` (throws std::runtime_error when it cannot).
  void write(const std::string& path) const;

 private:
  void record(std::uint32_t ts, std::uint16_t type, std::uint16_t subtype,
              const std::vector<std::uint8_t>& body);
  std::vector<std::uint8_t> out_;
  std::uint32_t sequence_ = 0;
};

}  // namespace manrs::check::testing
