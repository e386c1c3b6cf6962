// filter/internal/vendor_common.h — helpers shared by the vendor dialects (render_cisco.cpp,
// render_iosxr.cpp, render_junos.cpp, render_arista.cpp, render_nokia.cpp, render_nokia_md.cpp,
// render_huawei.cpp, render_mikrotik.cpp); defined in render_cisco.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/filter/model.h"
#include "manrs/filter/render.h"

namespace manrs::filter {

namespace vendor_detail {
struct ListPart {
  std::string name;
  std::size_t begin = 0;
  std::size_t end = 0;
};
struct OriginGroups {
  bool peer_is_origin = false;      // options.peer_as is one of the origins (own routes)
  std::vector<std::string> groups;  // "64501|64502" per line, the peer left out
};
// Header (when options.header) and expansion warnings (always), without comment markers.
std::vector<std::string> filter_comments(const Filter& f, const RenderOptions& o,
                                         std::string_view title);
std::vector<std::string> antispoof_comments(const SavPlan& plan, const RenderOptions& o,
                                            std::string_view title);
void append_comments(std::string& out, const std::vector<std::string>& lines,
                     std::string_view marker);
// Letter first when asked; longer names are cut and get a hash suffix (deterministic, unique).
std::string fit_name(std::string name, std::size_t max_len, bool letter_first);
std::string filter_base(const Filter& f, const RenderOptions& o);
// One part when within the limit (options.max_entries or the dialect's), NAME-1.. when split,
// kPolicy when options.over_limit is kRefuse.
Result<std::vector<ListPart>> split_list(const std::string& name, std::size_t n,
                                         std::size_t dialect_limit, const RenderOptions& o,
                                         std::string_view title);
std::string split_note(const std::string& name, const std::vector<ListPart>& parts, std::size_t n);
// " ge 25 le 26" / " le 26" / "" (keywords given: Huawei says greater-equal / less-equal).
std::string ge_le(const Entry& e, std::string_view ge, std::string_view le);
OriginGroups origin_groups(const Filter& f, const RenderOptions& o, std::size_t width_peer,
                           std::size_t width_no_peer);
// "^P(_P)*$", "^P(_[0-9]+)*_(A|B)$" or "^(_[0-9]+)*_(A|B)$" (bgpq4 -f / -G).
std::vector<std::string> cisco_as_regexes(const Filter& f, const RenderOptions& o,
                                          std::size_t width_peer, std::size_t width_no_peer);
std::string space_separated(std::string alternation);
// Printable ASCII for comments: control bytes and each UTF-8 sequence become one '?'.
std::string safe_text(std::string_view text);
// The IPv6 link-local block every IPv6 anti-spoofing ACL permits (neighbor discovery).
inline constexpr std::string_view kLinkLocal = "fe80::/10";
// ACL base names per interface: options.name-customer or customer, numbered when repeated.
std::vector<std::string> sav_bases(const SavPlan& plan, const RenderOptions& o);
// The interface name, a placeholder "<AS64501-INTERFACE>" when not given, or kPolicy for names
// that could break out of the configuration syntax.
Result<std::string> interface_name(const SavInterface& s);
// The prefix lists of render_filter: when options.prefix_lists, `one(list, kind)` for each
// family the filter was asked for (IPv4 first); the first error stops.
template <typename One>
[[nodiscard]] Status family_lists(const Filter& f, const RenderOptions& o, One&& one) {
  if (o.prefix_lists) {
    if (f.has_v4) {
      MANRS_TRY_VOID(one(f.v4, ListKind::kV4));
    }
    if (f.has_v6) {
      MANRS_TRY_VOID(one(f.v6, ListKind::kV6));
    }
  }
  return {};
}
}  // namespace vendor_detail

}  // namespace manrs::filter
