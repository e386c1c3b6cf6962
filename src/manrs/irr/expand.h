// irr/expand.h — as-set and route-set expansion with guardrails (RFC 2622 §5, manrs-spec §4.8.5).
//
// expand_as_set() resolves an as-set to the ASNs it contains: `members:` ASNs and nested
// as-sets, plus `mbrs-by-ref:` members (aut-num objects whose `member-of:` names the set and
// whose `mnt-by:` is listed in the set's mbrs-by-ref, or any maintainer for ANY). Set names are
// resolved in the scope's source order; "RIPE::AS-FOO" pins a source (RFC 2622 has no pinning;
// IRRd and bgpq4 use this form). expand_route_set() resolves a route-set to prefix ranges:
// prefix members with their range operators, nested route-sets, AS and as-set members (their
// route objects), mbrs-by-ref route objects; an operator after a set member applies to every
// prefix it yields (RFC 2622 §5.1).
//
// Guardrails that operators ask for (bgpq4/IRRd issues): each set is visited once (cycles are
// detected and reported with the edge that closes them, never followed); depth and size limits
// stop runaway expansions and say so; sets that do not exist in the scope are listed as
// missing (the expansion is partial); AS-ANY / RS-ANY are reported, not expanded; an empty
// expansion is an error, not an empty filter (an empty prefix list means "permit any" on some
// routers, manrs-spec §2.1.3). The report gives each direct member's contribution.
//
// The walk is an iterative depth-first search in member order (no recursion on the C++ stack).
// A set deeper than max_depth is not entered and not marked visited, so a shorter path to it
// still enters it. As in IRRd 4: an ASN member of a route-set yields the route objects of that
// AS of both families (members: and mp-members: alike), an as-set member yields its ASNs'
// route objects; Expansion::asns of a route-set lists the ASNs whose routes were taken. In a
// route-set a set may be entered once per chain of range operators that leads to it
// ("RS-B^+" and "RS-B" yield different ranges); a range that an operator leaves empty
// (2001:db8::/48^24) is dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/irr/database.h"
#include "manrs/irr/objects.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::irr {

struct ExpandOptions {
  QueryScope scope;
  // Nesting levels followed below the root (the root's members are level 1). bgpq4 -L has no
  // default limit; IRRd has none. 64 is far beyond any real hierarchy (the deepest RIPE set
  // nests 20 levels) and stops pathological chains.
  unsigned max_depth = 64;
  // Sets visited at most (a set bomb references thousands of distinct sets).
  std::size_t max_sets = 200000;
  // ASNs / prefix ranges collected at most; beyond this the expansion stops and is marked.
  std::size_t max_asns = 1000000;
  std::size_t max_prefixes = 10000000;
  // Compute Expansion::contributions (one extra walk per direct member of the root).
  bool contributions = false;
  // An empty result is an Error (kPolicy) unless this is set.
  bool allow_empty = false;
};

// A direct member's contribution: its closure on its own (everything reachable from it, the
// root included if it leads back there), within the expansion's scope and limits.
struct Contribution {
  std::string member;           // as written in the root: "AS64501", "AS-FOO", "192.0.2.0/24^+"
  std::size_t asns = 0;         // ASNs reachable through this member
  std::size_t prefixes = 0;     // prefix ranges (route-sets) or route prefixes (with routes)
  std::size_t unique_asns = 0;  // ASNs that no other direct member contributes
  bool missing = false;         // the member set does not exist in scope
};

struct Expansion {
  std::string root;                   // upper-cased
  bool found = false;                 // the root set exists in scope
  std::vector<net::Asn> asns;         // sorted, unique
  std::vector<PrefixRange> prefixes;  // route-sets: sorted, unique
  // Sets referenced but not found in scope: "AS-MISSING (from AS-PARENT)".
  std::vector<std::string> missing;
  // Edges that would close a cycle: "AS-B -> AS-A".
  std::vector<std::string> cycles;
  std::vector<std::string> any_members;  // sets that contain AS-ANY / RS-ANY
  std::vector<std::string> problems;     // members that did not parse, pinned unknown sources
  bool depth_limited = false;            // a set below max_depth was not followed
  bool size_limited = false;             // max_sets / max_asns / max_prefixes was hit
  std::size_t sets_visited = 0;
  unsigned max_depth_seen = 0;
  std::vector<Contribution> contributions;  // when ExpandOptions::contributions

  // True when the result may be incomplete (missing sets, limits, ANY members).
  [[nodiscard]] bool partial() const {
    return !missing.empty() || depth_limited || size_limited || !any_members.empty();
  }
};

// Errors: kPolicy "AS-FOO: not found in sources RIPE,RADB" when the root does not exist;
// kPolicy "AS-FOO: expansion is empty (2 member sets missing: AS-X, AS-Y)" when nothing is
// left and !allow_empty. Limits are not errors: the Expansion says what was cut.
[[nodiscard]] Result<Expansion> expand_as_set(const Database& db, std::string_view name,
                                              const ExpandOptions& options = {});
[[nodiscard]] Result<Expansion> expand_route_set(const Database& db, std::string_view name,
                                                 const ExpandOptions& options = {});

// The members of one set without recursion (IRRd `!iSET` without ,1): member names as written
// (upper-cased), ASNs as "AS64500", prefixes with operators. nullptr result = not found.
[[nodiscard]] const SetDef* set_members(const Database& db, std::string_view name,
                                        const QueryScope& scope);

// Route-object prefixes originated by any of `asns` (sorted unique ASNs), in scope, of one
// family; sorted and unique (manrs-spec §4.8.5 step 3; IRRd `!a`).
[[nodiscard]] std::vector<net::Prefix> route_prefixes(const Database& db,
                                                      const std::vector<net::Asn>& asns,
                                                      net::Family family, const QueryScope& scope);

}  // namespace manrs::irr
