// irr/query.h — the whois query decoder: one query line → a Query (IRRd `!` language and the
// RIPE-style flags that peering tools send).
//
// IRRd 4 query language (what bgpq4/bgpq3 and peering tools use, ../shared/docs/oracles.md §2):
//   !!            keep the connection open for several queries (no reply)
//   !n<name>      client identification ("!nbgpq4 1.9")        → C
//   !v            server version                               → A<len> text
//   !s<list>      select sources, comma-separated, in order     → C  (unknown source → F/D)
//   !s-lc         list the selected sources                     → A<len> RIPE,RADB
//   !g<asn>       IPv4 route prefixes originated by an AS       → A<len> "p1 p2 ..."
//   !6<asn>       IPv6 route prefixes originated by an AS
//   !i<set>[,1]   members of an as-set/route-set (,1 = recursive: ASNs or prefixes)
//   !a[4|6]<set>  prefixes of the routes originated by the recursive members of an as-set
//                 (bare "!a" → "F Missing required set name for A query", bgpq4's probe)
//   !m<class>,<key>  one object by class and primary key
//   !o<mntner>    every object maintained by a maintainer
//   !r<prefix>[,o|,l|,L|,M]  route objects: exact / origins only / one less / all less / all more
//   !j<sources>   serial range per source ("!j-*" = all)
//   !q            close the connection
// RIPE-style: "[flags] <search key>" with -i <attr>[,<attr>] (origin, member-of, mnt-by,
// mbrs-by-ref), -T <class>[,<class>], -K (primary keys only), -r (no contact recursion, always
// on here), -s <sources>, -a (the default sources), -x/-l/-L/-m/-M (prefix match), -k (keep
// the connection open, like IRRd: it never toggles off), -B/-G (accepted, no effect); a plain key
// ("AS-FOO", "AS65001", "192.0.2.0/24", "MNT-FOO") looks up objects by primary key (and routes by
// prefix).
//
// Queries are untrusted: the decoder never allocates beyond the line, names the problem and
// is fuzzed (fuzz/fuzz_irr_query.cpp). Command letters and keys are case-insensitive (whois(1)
// lower-cases the whole query: "!gas65001").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/irr/database.h"
#include "manrs/irr/rpsl.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::irr {

// Longest query line the server reads (IRRd has no documented limit; real `!s` lists and set
// names are < 1 KiB). A longer line is answered with an error and the connection is closed.
inline constexpr std::size_t kMaxQueryLineBytes = std::size_t{16} * 1024U;

struct Query {
  enum class Kind : std::uint8_t {
    kEmpty,           // blank line (ignored)
    kMultiple,        // !!
    kIdent,           // !n
    kVersion,         // !v
    kSetSources,      // !s<list>
    kListSources,     // !s-lc
    kRoutesByOrigin,  // !g / !6
    kSetMembers,      // !i
    kSetPrefixes,     // !a
    kObjectByKey,     // !m
    kByMaintainer,    // !o
    kRouteSearch,     // !r
    kSerials,         // !j
    kQuit,            // !q
    kRipe,            // RIPE-style query
    // Added after the first interface: IRRd 4 commands beyond the list above.
    kTimeout,       // !t<seconds>: idle timeout of this connection (1..1000)
    kNoRpkiFilter,  // !fno-rpki-filter: show RPKI-invalid routes to !r, !m, !o and RIPE queries
  };
  Kind kind = Kind::kEmpty;

  std::string text;                         // the argument as received (trimmed)
  net::Asn asn = 0;                         // !g !6
  std::optional<net::Family> family;        // !g (v4) !6 (v6) !a4/!a6 (none = both for bare !a)
  std::string name;                         // !i !a !o: set/maintainer name, upper-cased
  bool recursive = false;                   // !i...,1
  ObjectClass cls = ObjectClass::kOther;    // !m
  std::string class_name;                   // !m class as written (lower-cased)
  std::string key;                          // !m key, RIPE search key (as received, trimmed)
  net::Prefix prefix;                       // !r
  PrefixMatch match = PrefixMatch::kExact;  // !r options, RIPE -x/-l/-L/-m/-M
  bool origins_only = false;                // !r...,o
  std::vector<std::string> sources;         // !s !j (upper-cased; "-*" for !j → empty + all)
  bool all_sources = false;                 // !j-* / RIPE -a
  unsigned timeout_seconds = 0;             // !t

  // RIPE-style only.
  struct Ripe {
    std::vector<std::string> inverse;  // -i attributes, lower-cased
    std::vector<ObjectClass> types;    // -T classes (empty = all)
    bool keys_only = false;            // -K
    bool keepalive_toggle = false;     // -k (sets keep-alive; the name is historical)
    bool match_given = false;          // one of -x -l -L -m -M was given
  } ripe;
};

// Decodes one line (without its "\n" / "\r\n"). Errors (kMalformed) carry the message the
// server sends after "F " (IRRd) or "%% ERROR: " (RIPE style), e.g. "Missing required set name
// for A query", "Invalid AS number ASX: number part is not numeric", "Unrecognised command: z"
// (IRRd 4's texts; docs/whois.md lists them all).
[[nodiscard]] Result<Query> parse_query(std::string_view line);

// True when `line` is answered with IRRd framing (A/C/D/F): it starts with '!' after trimming,
// is "-V <agent> !<query>" (IRRd's user-agent prefix), or holds a NUL byte (IRRd answers those
// with "F Queries may not contain null bytes" whatever the style). Otherwise RIPE style.
[[nodiscard]] bool irrd_style(std::string_view line);

}  // namespace manrs::irr
