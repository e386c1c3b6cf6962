// rpki/aspa.h — AS_PATH verification with ASPA (draft-ietf-sidrops-aspa-verification-27,
// ../shared/docs/manrs-spec.md §4.4): the provider authorisation function, path preparation,
// the up/down ramps and the upstream and downstream procedures.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "manrs/net/as_path.h"
#include "manrs/net/asn.h"
#include "manrs/rpki/vrp.h"

namespace manrs::rpki {

enum class AspaHop : std::uint8_t { kNoAttestation, kProviderPlus, kNotProviderPlus };
enum class AspaState : std::uint8_t { kValid, kInvalid, kUnknown };
enum class AspaProcedure : std::uint8_t {
  kUpstream,    // route from a customer, lateral peer, route server or RS-client
  kDownstream,  // route from a provider (and what route collectors see from full-feed peers)
};

[[nodiscard]] std::string_view to_string(AspaHop h);        // "no-attestation", "provider+", ...
[[nodiscard]] std::string_view to_string(AspaState s);      // "valid", "invalid", "unknown"
[[nodiscard]] std::string_view to_string(AspaProcedure p);  // "upstream", "downstream"

// customer AS -> sorted provider set; built from a normalized VrpSet's aspas (one per customer).
class AspaTable {
 public:
  AspaTable() = default;
  explicit AspaTable(std::span<const Aspa> aspas);

  // hop(x, y): is y an attested provider of x?
  [[nodiscard]] AspaHop hop(net::Asn customer, net::Asn provider) const;
  [[nodiscard]] bool has(net::Asn customer) const;
  [[nodiscard]] std::size_t size() const { return customers_.size(); }

 private:
  std::vector<net::Asn> customers_;     // sorted
  std::vector<std::uint32_t> offsets_;  // customers_.size() + 1
  std::vector<net::Asn> providers_;     // concatenated sorted sets
};

enum class AspaReason : std::uint8_t {
  kNone,
  kAsSet,            // the path has an AS_SET (confederation segments are dropped first)
  kEmpty,            // empty path
  kNotProviderPlus,  // a hop that is attested "not provider+" breaks the ramps
};

struct AspaResult {
  AspaState state = AspaState::kUnknown;
  AspaReason reason = AspaReason::kNone;
  // For kNotProviderPlus: the first hop (customer, claimed provider) found "not provider+"
  // walking from the origin (upstream), or the first one past the up-ramp (downstream).
  net::Asn hop_from = 0;
  net::Asn hop_to = 0;
  // The ramps of the compressed path (N = path_length).
  std::uint32_t path_length = 0;
  std::uint32_t max_up = 0, min_up = 0, max_down = 0, min_down = 0;
};

// Verifies `path` (as received: neighbour first, origin last) with the given procedure.
// Prepends are collapsed; an AS_SET anywhere or an empty path gives Invalid. The first-AS check
// (neighbour AS) is the caller's: pass the path as received.
[[nodiscard]] AspaResult verify_aspa(const AspaTable& table, const net::AsPath& path,
                                     AspaProcedure procedure);
// The same on a plain sequence (neighbour first), e.g. from tests or text input.
[[nodiscard]] AspaResult verify_aspa(const AspaTable& table, std::span<const net::Asn> sequence,
                                     AspaProcedure procedure);

}  // namespace manrs::rpki
