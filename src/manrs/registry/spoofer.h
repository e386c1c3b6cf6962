// registry/spoofer.h — CAIDA Spoofer test results (MANRS Action 2, metric M5).
//
// One Spoofer session tests IPv4 and/or IPv6 from a client whose address CAIDA publishes only as
// its /24 (IPv4) or /40 (IPv6) block. Each session becomes one SpooferTest per family tested.
// Formats read (docs/coordination.md "Spoofer" gives the sources):
//  - JSON from the Spoofer Data API (api.spoofer.caida.org `/sessions`): a collection page
//    `{"hydra:member":[session, ...], ...}`, a bare array of sessions, one session object, or
//    JSON lines (one session object a line, as CAIDA's dump-spoofer-api-after.pl prints them).
//    Session fields: session, timestamp, asn4, asn6, client4, client6, nat4, nat6, country,
//    routedspoof, routedspoof6, privatespoof, privatespoof6.
//  - CSV with a header row naming the same fields (any order, extra columns ignored), or the
//    Shadowserver/CAIDA "caida_ip_spoofer" report columns: timestamp, ip, asn, network, version
//    ("ipv4"/"ipv6"), routedspoof, session, nat.
// Start with SpooferResults::load_file, then tests(asn).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::registry {

// A result as CAIDA names it: received (a spoofed packet got through), rewritten (it got
// through with its source rewritten, e.g. by a NAT), blocked (the spoofed packet was dropped
// but the unspoofed one arrived), unknown (neither arrived); kNotTested when the field is
// absent/null/empty. Other words map to kUnknown.
enum class SpoofResult : std::uint8_t { kNotTested, kReceived, kRewritten, kBlocked, kUnknown };
[[nodiscard]] std::string_view to_string(SpoofResult r);  // "received", ..., "not-tested"
[[nodiscard]] SpoofResult parse_spoof_result(std::string_view text);

struct SpooferTest {
  std::uint64_t session = 0;
  std::int64_t timestamp = 0;  // Unix seconds, UTC
  net::Asn asn = 0;            // the client's AS for this family
  net::Prefix client;          // the client's block (/24, /40), or the address as given
  std::optional<bool> nat;     // a NAT was detected on the path
  SpoofResult routed = SpoofResult::kNotTested;          // spoofing a routed (public) source
  SpoofResult private_source = SpoofResult::kNotTested;  // spoofing a private (RFC 1918) source

  // The test evaluated something: routed or private is received, rewritten or blocked.
  [[nodiscard]] bool conclusive() const;
  // A spoofed packet left the network: routed or private is received.
  [[nodiscard]] bool spoofable() const;
};

struct SpooferLoadReport {
  std::string file;
  std::string format;  // "json", "json-lines", "csv"
  std::uint64_t sessions = 0;
  std::uint64_t tests = 0;
  std::uint64_t skipped = 0;  // families without an ASN or client block
};

class SpooferResults {
 public:
  // Untrusted input: syntax errors, bad timestamps, ASNs, prefixes or session ids are Errors
  // naming the file, line, offset (JSON) or column (CSV) and field; nothing of a failed file is
  // kept. A file above `max_bytes` is refused. Not after finalize().
  [[nodiscard]] Result<SpooferLoadReport> load_file(const std::string& path,
                                                    std::uint64_t max_bytes = 1ULL << 30U);
  [[nodiscard]] Result<SpooferLoadReport> load_text(std::string_view text, std::string_view name);
  // Sorts by (asn, timestamp, session) and drops exact duplicates (the same session and family
  // loaded twice).
  void finalize();

  // The tests of `asn`, by time.
  [[nodiscard]] std::span<const SpooferTest> tests(net::Asn asn) const;
  [[nodiscard]] std::size_t size() const { return tests_.size(); }

 private:
  std::vector<SpooferTest> tests_;
};

}  // namespace manrs::registry
