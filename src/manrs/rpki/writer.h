// rpki/writer.h — prints a VrpSet the way the tools operators use print it.
//
// The layouts follow rpki-client's outputs (docs/rpki-formats.md has an example of each); the
// output depends only on the set: no host name, no clock (Metadata::build_time is the only
// time printed). Unknown trust anchors and expiry times (0) are left out where the format
// allows; reading the output back gives the same VRPs in every format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "manrs/core/result.h"
#include "manrs/rpki/vrp.h"

namespace manrs::rpki {

enum class OutputFormat : std::uint8_t {
  kRpkiClientJson,  // rpki-client JSON: metadata, roas, bgpsec_keys, aspas (current shape)
  kStayrtrJson,     // the same, ASPA in the older per-family `provider_authorizations` shape
                    // (what StayRTR 0.5.x and older rpki-client read)
  kCsv,             // rpki-client CSV: ASN,IP Prefix,Max Length,Trust Anchor,Expires
  kBird2,           // rpki-client `bird`: roa4/roa6 tables and `route P max N as A;`
  kBird1,           // `roa P max N as A;` (BIRD 1.x; one table, IPv4 then IPv6)
  kOpenBgpd,        // `roa-set { P [maxlen N] source-as A [expires T] }` and `aspa-set`
                    // (the aspa-set only when there are ASPAs: bgpd < 7.8 does not know it)
  kPlain,           // "prefix/len maxlen asn" per line (RTRlib bench / naive_rov.py input)
};

// "json", "stayrtr-json", "csv", "bird" (= bird2), "bird1", "openbgpd", "plain".
[[nodiscard]] Result<OutputFormat> parse_output_format(std::string_view name);

// Appends the whole set to `out` (normalized input gives deterministic output).
void write_vrps(const VrpSet& set, OutputFormat format, std::string& out);

}  // namespace manrs::rpki
