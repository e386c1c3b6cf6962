// Plain list: one entry per line, for scripts and diffs.
//   192.0.2.0/24              an exact prefix
//   198.51.100.0/24{25,26}    the prefixes inside 198.51.100.0/24 with a length from 25 to 26
// (Entry::to_string(), the RPSL-like range of the model). IPv4 entries first, then IPv6; with
// options.as_path the origin ASNs follow, one "AS64501" per line. With options.header the
// header comes first, on lines starting with '#' (the only lines that do); lists are never
// split (max_entries and over_limit are ignored).
//
// render_antispoof: one line per permitted source prefix, four columns separated by a space:
//   CUSTOMER INTERFACE URPF PREFIX      e.g. "AS64501 xe-0/0/1 strict 192.0.2.0/24"
// INTERFACE is "-" when not given; an interface without ACL prefixes (or with acl = false)
// gets one line with PREFIX "-". URPF is strict, feasible, loose or none.
#include <string>

#include <fmt/format.h>

#include "manrs/filter/internal/daemon_common.h"
#include "manrs/filter/render.h"

namespace manrs::filter {

namespace {

std::string column(std::string_view text) {
  std::string out = detail::comment_safe(text);
  for (char& c : out) {
    if (c == ' ') {
      c = '_';
    }
  }
  return out.empty() ? "-" : out;
}

class PlainDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "plain"; }
  [[nodiscard]] std::string_view title() const override { return "plain list"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& filter,
                                                  const RenderOptions& options) const override {
    std::string out;
    if (options.header) {
      for (const std::string& line : detail::header_lines(filter, title())) {
        out += fmt::format("# {}\n", line);
      }
    }
    if (options.prefix_lists) {
      for (const PrefixList* list :
           {filter.has_v4 ? &filter.v4 : nullptr, filter.has_v6 ? &filter.v6 : nullptr}) {
        if (list == nullptr) {
          continue;
        }
        // The same invariant checks as the router dialects (no limit here).
        RenderOptions unlimited = options;
        unlimited.max_entries = 0;
        MANRS_TRY(auto parts, detail::split_list("plain", *list, unlimited, 0, title()));
        for (const auto& part : parts) {
          for (const Entry& e : part.entries) {
            out += e.to_string();
            out += '\n';
          }
        }
      }
    }
    if (options.as_path) {
      for (net::Asn asn : filter.asns) {
        out += net::format_asn(asn);
        out += '\n';
      }
    }
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(const SavPlan& plan,
                                                     const RenderOptions& options) const override {
    std::string out;
    if (options.header) {
      out += "# manrs antispoof: CUSTOMER INTERFACE URPF PREFIX (permitted source prefixes)\n";
    }
    for (const SavInterface& i : plan.interfaces) {
      const std::string head =
          fmt::format("{} {} {}", column(i.customer), column(i.interface), to_string(i.urpf));
      std::size_t n = 0;
      if (i.acl) {
        for (const auto* list : {&i.v4, &i.v6}) {
          for (const Entry& e : *list) {
            out += fmt::format("{} {}\n", head, e.to_string());
            ++n;
          }
        }
      }
      if (n == 0) {
        out += fmt::format("{} -\n", head);
      }
    }
    return out;
  }
};

}  // namespace

const Dialect& plain_dialect() {
  static const PlainDialect dialect;
  return dialect;
}

}  // namespace manrs::filter
