// mrt/bgpdump_format.h — the one-line format of `bgpdump -m` (libbgpdump 1.6.2), byte for byte.
//
// Operators' scripts parse this format, so it is reproduced exactly, including its quirks:
// IPv6 text that compresses even a single zero group, AS paths cut at ~7900 characters with
// "...", "! Error !" for a malformed AS_PATH, 255.255.255.255 for a missing NEXT_HOP, no line
// for TABLE_DUMP_V2 multicast/generic RIBs or for OPEN/KEEPALIVE/NOTIFICATION. The one chosen
// difference: NLRI host bits are cleared (as upstream bgpdump does since 2020; 1.6.2 prints
// them). docs/mrt.md lists every difference on damaged input.
#pragma once

#include <cstdint>
#include <string>

#include "manrs/mrt/record.h"

namespace manrs::mrt {

// Appends the bgpdump -m lines of `rec` to `out` (nothing for records bgpdump does not print).
void format_bgpdump(const Record& rec, std::string& out);

// libbgpdump's IPv6 text (util fmt_ipv6): like RFC 5952 but a single zero group is also
// compressed, and IPv4-mapped/compatible addresses print as "::ffff:a.b.c.d" / "::a.b.c.d".
void append_bgpdump_ipv6(std::string& out, const std::uint8_t* bytes16);
// libbgpdump's AS path text (process_attr_aspath_string).
void append_bgpdump_as_path(std::string& out, const net::AsPath& path);

}  // namespace manrs::mrt
