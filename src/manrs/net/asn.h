// net/asn.h — Autonomous System numbers (RFC 6793 4-octet, RFC 5396 text forms).
//
// An ASN is a plain std::uint32_t (`Asn`). parse_asn accepts asplain ("64496"), asdot
// ("1.10" = 65546) and an optional "AS" prefix in any case; format_asn prints asplain,
// format_asdot the RFC 5396 asdot form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "manrs/core/result.h"

namespace manrs::net {

using Asn = std::uint32_t;

inline constexpr Asn kAsTrans = 23456;  // RFC 6793 §9 AS_TRANS

// Untrusted input: returns kMalformed naming the text when it is not an ASN.
[[nodiscard]] Result<Asn> parse_asn(std::string_view text);
[[nodiscard]] std::string format_asn(Asn asn);    // "AS64496"
[[nodiscard]] std::string format_asdot(Asn asn);  // "1.10" / "64496"

}  // namespace manrs::net
