// BIRD 2 (tested with BIRD 2.0.12 `bird -p`): one constant per list,
//   define AS64500_AS_CUSTOMERS_V4 = [ 192.0.2.0/24, 198.51.100.0/24{25,26} ];
// a prefix set per family (BIRD refuses IPv4 and IPv6 prefixes in one set); P{min,max} matches
// the prefixes inside P with a length in [min, max]. The AS-path filter is an int set of the
// origin ASNs, used as `bgp_path.last ~ SET` (and `bgp_path.first = PEER` with a peer AS).
// Names are BIRD symbols: [A-Za-z_][A-Za-z0-9_]*, at most 64 characters ('-' becomes '_', a
// leading digit gets a '_' in front).
// An empty list is the literal `[]` (BIRD 2.0.11 and later), which matches nothing: `net ~ []`
// is false without a runtime error (checked with BIRD 2.0.12). Older BIRD 2 versions refuse
// the file, which fails closed; no "never-matching" placeholder prefix is needed.
#include <string>

#include <fmt/format.h>

#include "manrs/filter/internal/daemon_common.h"
#include "manrs/filter/render.h"

namespace manrs::filter {

namespace {

constexpr std::size_t kNameLimit = 64;    // BIRD's SYM_MAX_LEN ("Symbol too long" beyond)
constexpr std::size_t kAsnsPerLine = 10;  // int-set items per line

std::string bird_name(std::string name) {
  for (char& c : name) {
    if (c == '-') {
      c = '_';
    }
  }
  if (!name.empty() && name[0] >= '0' && name[0] <= '9') {
    name.insert(name.begin(), '_');
  }
  return name;
}

std::string entry_text(const Entry& e) {
  if (e.exact()) {
    return e.prefix.to_string();
  }
  return fmt::format("{}{{{},{}}}", e.prefix.to_string(), e.min_len, e.max_len);
}

void render_set(std::string& out, const detail::ListPart& part) {
  if (part.entries.empty()) {
    out += fmt::format("# {} is empty: [] matches nothing (BIRD 2.0.11 or later)\n", part.name);
    out += fmt::format("define {} = [];\n", part.name);
    return;
  }
  out += fmt::format("define {} = [\n", part.name);
  for (std::size_t i = 0; i < part.entries.size(); ++i) {
    out += fmt::format("    {}{}\n", entry_text(part.entries[i]),
                       i + 1 < part.entries.size() ? "," : "");
  }
  out += "];\n";
}

class BirdDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "bird"; }
  [[nodiscard]] std::string_view title() const override { return "BIRD 2"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& filter,
                                                  const RenderOptions& options) const override {
    std::string out;
    if (options.header) {
      for (const std::string& line : detail::header_lines(filter, title())) {
        out += fmt::format("# {}\n", line);
      }
    }
    const std::string base = detail::list_base(filter, options, kNameLimit);
    if (options.prefix_lists) {
      for (const PrefixList* list :
           {filter.has_v4 ? &filter.v4 : nullptr, filter.has_v6 ? &filter.v6 : nullptr}) {
        if (list == nullptr) {
          continue;
        }
        const std::string name = bird_name(
            list_name(base, list->family == net::Family::kV4 ? ListKind::kV4 : ListKind::kV6));
        MANRS_TRY(auto parts,
                  detail::split_list(name, *list, options, max_entries(), title(), "_"));
        if (parts.size() > 1) {
          std::string names;
          for (const auto& p : parts) {
            names += fmt::format("{}net ~ {}", names.empty() ? "" : " || ", p.name);
          }
          out += fmt::format("# {} has {} entries, split into {} sets; match with: {}\n", name,
                             list->entries.size(), parts.size(), names);
        }
        for (const auto& part : parts) {
          render_set(out, part);
        }
      }
    }
    if (options.as_path) {
      render_origins(out, filter, options, bird_name(list_name(base, ListKind::kAsPath)));
    }
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(
      const SavPlan& /*plan*/, const RenderOptions& /*options*/) const override {
    return make_error(ErrorCode::kUnsupported,
                      "BIRD does not filter forwarded packets; use the ACL of the forwarding "
                      "plane (e.g. nftables) for source address validation");
  }

 private:
  static void render_origins(std::string& out, const Filter& filter, const RenderOptions& options,
                             const std::string& name) {
    out += fmt::format("# origin ASNs of {} ({})\n", detail::comment_safe(filter.target),
                       filter.asns.size());
    if (options.peer_as) {
      out += fmt::format("# use: if bgp_path.first = {} && bgp_path.last ~ {} then accept;\n",
                         *options.peer_as, name);
    } else {
      out += fmt::format("# use: if bgp_path.last ~ {} then accept;\n", name);
    }
    if (filter.asns.empty()) {
      out += fmt::format("# {} is empty: [] matches nothing (BIRD 2.0.11 or later)\n", name);
      out += fmt::format("define {} = [];\n", name);
      return;
    }
    out += fmt::format("define {} = [\n", name);
    for (std::size_t i = 0; i < filter.asns.size(); i += kAsnsPerLine) {
      std::string line;
      for (std::size_t j = i; j < filter.asns.size() && j < i + kAsnsPerLine; ++j) {
        line += fmt::format("{}{}", j == i ? "" : ", ", filter.asns[j]);
      }
      out += fmt::format("    {}{}\n", line, i + kAsnsPerLine < filter.asns.size() ? "," : "");
    }
    out += "];\n";
  }
};

}  // namespace

const Dialect& bird_dialect() {
  static const BirdDialect dialect;
  return dialect;
}

}  // namespace manrs::filter
