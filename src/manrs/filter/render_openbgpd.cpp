// OpenBGPD 7.7 (bgpd.conf(5) "SET CONFIGURATION"; tested with `bgpd -n`): a prefix-set per
// family, an as-set of the origin ASNs and, when every entry can say which ASNs may originate
// it, an origin-set binding prefix and origin:
//   prefix-set AS64500-V4 {
//   	192.0.2.0/24                          (exact)
//   	198.51.100.0/24 prefixlen 24 - 26     (lengths 24..26 inside 198.51.100.0/24)
//   	203.0.113.0/24 or-longer              (lengths 24..32, the manual's shorthand)
//   }
//   as-set AS64500-ASPATH { 65001 65002 }
//   origin-set AS64500-ORIGINS { 192.0.2.0/24 source-as 65001  198.51.100.0/24 maxlen 26 ... }
// Ranges use "prefixlen MIN - MAX" (the range operator, boundaries included) rather than the
// "maxlen" shorthand in prefix-sets. origin-set only has "maxlen" (lengths from the prefix's
// own up to it), so it is left out when an entry's range starts above the prefix's length
// (min > length, e.g. after aggregation) or an entry has no origin in its evidence.
// An empty set `{ }` matches nothing. Names: at most 127 characters ("too long: max 127").
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "manrs/filter/internal/daemon_common.h"
#include "manrs/filter/render.h"

namespace manrs::filter {

namespace {

constexpr std::size_t kNameLimit = 127;
constexpr std::size_t kAsnsPerLine = 10;

std::string entry_text(const Entry& e) {
  std::string p = e.prefix.to_string();
  if (e.exact()) {
    return p;
  }
  const unsigned family_max = e.prefix.is_v4() ? 32U : 128U;
  if (e.min_len == e.prefix.length() && e.max_len == family_max) {
    return fmt::format("{} or-longer", p);
  }
  return fmt::format("{} prefixlen {} - {}", p, e.min_len, e.max_len);
}

// The origin ASNs an entry's evidence names (route objects that are not RPKI-invalid, ROAs).
std::vector<net::Asn> entry_origins(const Entry& e) {
  std::vector<net::Asn> out;
  for (const Evidence& ev : e.evidence) {
    const bool route = ev.kind == Evidence::Kind::kRouteObject && ev.detail != "invalid";
    if ((route || ev.kind == Evidence::Kind::kRoa) && ev.asn != 0) {
      out.push_back(ev.asn);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

class OpenBgpdDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "openbgpd"; }
  [[nodiscard]] std::string_view title() const override { return "OpenBGPD"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& filter,
                                                  const RenderOptions& options) const override {
    std::string out;
    if (options.header) {
      for (const std::string& line : detail::header_lines(filter, title())) {
        out += fmt::format("# {}\n", line);
      }
    }
    const std::string base = detail::list_base(filter, options, kNameLimit);
    std::vector<const PrefixList*> lists;
    for (const PrefixList* list :
         {filter.has_v4 ? &filter.v4 : nullptr, filter.has_v6 ? &filter.v6 : nullptr}) {
      if (list != nullptr) {
        lists.push_back(list);
      }
    }
    if (options.prefix_lists) {
      for (const PrefixList* list : lists) {
        const std::string name =
            list_name(base, list->family == net::Family::kV4 ? ListKind::kV4 : ListKind::kV6);
        MANRS_TRY(auto parts, detail::split_list(name, *list, options, max_entries(), title()));
        if (parts.size() > 1) {
          out +=
              fmt::format("# {} has {} entries, split into {} sets ({}-1 .. {}-{}): match each\n",
                          name, list->entries.size(), parts.size(), name, name, parts.size());
        }
        for (const auto& part : parts) {
          if (part.entries.empty()) {
            out += fmt::format("# {} is empty: it matches nothing\n", part.name);
            out += fmt::format("prefix-set {} {{ }}\n", part.name);
            continue;
          }
          out += fmt::format("prefix-set {} {{\n", part.name);
          for (const Entry& e : part.entries) {
            out += fmt::format("\t{}\n", entry_text(e));
          }
          out += "}\n";
        }
      }
    }
    if (options.as_path) {
      const std::string name = list_name(base, ListKind::kAsPath);
      render_as_set(out, filter, options, name);
      if (options.prefix_lists) {
        std::string origins_name = name.substr(0, name.size() - 7) + "-ORIGINS";
        render_origin_set(out, lists, options, origins_name);
      }
    }
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(
      const SavPlan& /*plan*/, const RenderOptions& /*options*/) const override {
    return make_error(ErrorCode::kUnsupported,
                      "OpenBGPD does not filter forwarded packets: source address validation is "
                      "pf's job (e.g. \"block in quick on $if from ! <customer>\" or urpf-failed), "
                      "configured outside bgpd.conf");
  }

 private:
  // A rule takes one AS filter, so the peer AS is not a second one: bgpd checks it itself.
  static std::string peer_note(net::Asn peer) {
    return fmt::format(
        "# (AS{} first in the path: \"enforce neighbor-as yes\", the default for eBGP)\n", peer);
  }

  static void render_as_set(std::string& out, const Filter& filter, const RenderOptions& options,
                            const std::string& name) {
    out += fmt::format("# origin ASNs of {} ({})\n", detail::comment_safe(filter.target),
                       filter.asns.size());
    out += fmt::format("# use: allow from <neighbor> source-as as-set {}\n", name);
    if (options.peer_as) {
      out += peer_note(*options.peer_as);
    }
    if (filter.asns.empty()) {
      out += fmt::format("# {} is empty: it matches nothing\n", name);
      out += fmt::format("as-set {} {{ }}\n", name);
      return;
    }
    out += fmt::format("as-set {} {{\n", name);
    for (std::size_t i = 0; i < filter.asns.size(); i += kAsnsPerLine) {
      std::string line;
      for (std::size_t j = i; j < filter.asns.size() && j < i + kAsnsPerLine; ++j) {
        line += fmt::format("{}{}", j == i ? "" : " ", filter.asns[j]);
      }
      out += fmt::format("\t{}\n", line);
    }
    out += "}\n";
  }

  // Rendered only when it says exactly what the prefix lists say, per origin: every entry has
  // origin evidence and a range origin-set can express ([length, max] via maxlen).
  static void render_origin_set(std::string& out, const std::vector<const PrefixList*>& lists,
                                const RenderOptions& options, const std::string& name) {
    std::size_t entries = 0;
    for (const PrefixList* list : lists) {
      for (const Entry& e : list->entries) {
        if (e.min_len != e.prefix.length()) {
          out += fmt::format("# no origin-set: {} leaves out its own length\n", e.to_string());
          return;
        }
        if (entry_origins(e).empty()) {
          out += fmt::format("# no origin-set: {} has no origin evidence\n", e.to_string());
          return;
        }
        ++entries;
      }
    }
    if (entries == 0) {
      return;
    }
    out += "# prefixes with the origin ASNs of their route objects / ROAs\n";
    out += fmt::format("# use: allow from <neighbor> origin-set {}\n", name);
    if (options.peer_as) {
      out += peer_note(*options.peer_as);
    }
    out += fmt::format("origin-set {} {{\n", name);
    for (const PrefixList* list : lists) {
      for (const Entry& e : list->entries) {
        const std::string p = e.prefix.to_string();
        const std::string len = e.exact() ? "" : fmt::format(" maxlen {}", e.max_len);
        for (net::Asn asn : entry_origins(e)) {
          out += fmt::format("\t{}{} source-as {}\n", p, len, asn);
        }
      }
    }
    out += "}\n";
  }
};

}  // namespace

const Dialect& openbgpd_dialect() {
  static const OpenBgpdDialect dialect;
  return dialect;
}

}  // namespace manrs::filter
