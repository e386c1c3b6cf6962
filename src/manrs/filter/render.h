// filter/render.h — router dialects. One file per dialect (render_<id>.cpp) implements the
// Dialect interface; render.cpp holds the registry and the helpers every dialect shares
// (names, AS-path regexes, chunking). Output is deterministic: the model's order, no clock.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/filter/model.h"

namespace manrs::filter {

// What to do when a list exceeds the dialect's per-list entry limit.
enum class OverLimit : std::uint8_t {
  kSplit,   // NAME-1, NAME-2, ... (each within the limit) and a comment saying so
  kRefuse,  // an Error (kPolicy) naming the list, its size and the limit
};

struct RenderOptions {
  // Base name of the lists. Empty = derived from Filter::target (see list_name()).
  std::string name;
  bool prefix_lists = true;  // render the prefix lists of the families present in the Filter
  bool as_path = false;      // render the AS-path / origin filter of Filter::asns
  // AS-path filter shape: with peer_as, "^PEER(_[0-9]+)*_(ORIGINS)$" (bgpq4 -f); without,
  // "^(_[0-9]+)*_?(ORIGINS)$"-style "path ends in one of the origins" (bgpq4 -G).
  std::optional<net::Asn> peer_as;
  OverLimit over_limit = OverLimit::kSplit;
  // Overrides the dialect's own per-list limit (tests use small numbers).
  std::optional<std::size_t> max_entries;
  // A leading comment block (target, mode, counts, generator). Golden tests keep it.
  bool header = true;
  // An empty list renders as an explicit deny-all (when the caller allowed an empty result).
};

// Which family / purpose a list name is for.
enum class ListKind : std::uint8_t { kV4, kV6, kAsPath, kAclV4, kAclV6 };

// The list name for `kind`: the base (options.name, or the target with characters outside
// [A-Za-z0-9_-] replaced by '-', e.g. "AS64500:AS-CUSTOMERS" -> "AS64500-AS-CUSTOMERS") plus a
// suffix "-V4", "-V6", "-ASPATH", "-SAV-V4", "-SAV-V6". Dialects that need another character
// set (BIRD identifiers) transform it themselves.
[[nodiscard]] std::string list_name(const std::string& base, ListKind kind);

// Origins grouped for regexes: "65001|65002|65003" pieces of at most `max_per_line` ASNs.
[[nodiscard]] std::vector<std::string> asn_alternations(const std::vector<net::Asn>& asns,
                                                        std::size_t max_per_line);

// Splits [0, n) into chunks of at most `limit` (limit 0 = no limit): chunk sizes.
[[nodiscard]] std::vector<std::size_t> chunk_sizes(std::size_t n, std::size_t limit);

// Address and wildcard / netmask text used by ACL dialects: "192.0.2.0 0.0.0.255".
[[nodiscard]] std::string wildcard_mask(const net::Prefix& p);
[[nodiscard]] std::string netmask(const net::Prefix& p);

class Dialect {
 public:
  virtual ~Dialect() = default;
  [[nodiscard]] virtual std::string_view id() const = 0;     // "cisco", "junos", "bird", ...
  [[nodiscard]] virtual std::string_view title() const = 0;  // "Cisco IOS / IOS-XE"
  // Per-list entry limit of the platform (0 = none known). Junos prefix-list: 85325.
  [[nodiscard]] virtual std::size_t max_entries() const { return 0; }
  // Prefix lists (and the AS-path filter when options.as_path) of `filter`.
  [[nodiscard]] virtual Result<std::string> render_filter(const Filter& filter,
                                                          const RenderOptions& options) const = 0;
  // Source-address validation: uRPF per interface and ingress ACLs. Error kUnsupported (with
  // the reason) where the platform has no data-plane filtering (BIRD, OpenBGPD, FRR).
  [[nodiscard]] virtual Result<std::string> render_antispoof(
      const SavPlan& plan, const RenderOptions& options) const = 0;
};

// Every dialect, in a stable order: cisco, iosxr, junos, arista, nokia, nokia-md, huawei,
// mikrotik, bird, frr, openbgpd, json, plain.
[[nodiscard]] const std::vector<const Dialect*>& dialects();
// By id (any case) or alias ("ios", "ios-xe" -> cisco; "juniper" -> junos; "eos" -> arista;
// "sros" -> nokia; "routeros" -> mikrotik; "bird2" -> bird; "openbgp" -> openbgpd).
[[nodiscard]] const Dialect* find_dialect(std::string_view id);

// The dialect objects (each defined in its render_<id>.cpp).
const Dialect& cisco_dialect();
const Dialect& iosxr_dialect();
const Dialect& junos_dialect();
const Dialect& arista_dialect();
const Dialect& nokia_dialect();     // SR OS classic CLI
const Dialect& nokia_md_dialect();  // SR OS MD-CLI
const Dialect& huawei_dialect();
const Dialect& mikrotik_dialect();  // RouterOS 7
const Dialect& bird_dialect();      // BIRD 2
const Dialect& frr_dialect();
const Dialect& openbgpd_dialect();
const Dialect& json_dialect();
const Dialect& plain_dialect();

}  // namespace manrs::filter
