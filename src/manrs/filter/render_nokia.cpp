// render_nokia.cpp — Nokia SR OS, classic CLI: policy-options prefix-lists and as-path-groups,
// anti-spoofing ip-filter / ipv6-filter and urpf-check.
//
// Syntax (bgpq4 1.9 -N prints the same prefix and expression lines; each block ends with
// "exit all" so that the next absolute "configure ..." command works):
//   configure router policy-options
//   begin
//   no prefix-list "NAME"
//   prefix-list "NAME"
//       prefix 192.0.2.0/24 exact
//       prefix 198.51.100.0/24 prefix-length-range 24-26
//   exit
//   no as-path-group "NAME"
//   as-path-group "NAME"
//     entry 1 expression "64500.*[64501 64502]"
//   exit
//   commit
// SR OS AS-path expressions match whole paths, one AS number per term ("64500+" = the peer's own
// routes, prepends allowed). A prefix-list has no actions: an empty one matches nothing, which is
// the deny-all of the policy entry that uses it. Same for an empty as-path-group.
// Anti-spoofing: configure filter ip-filter / ipv6-filter "NAME" create, default-action drop,
// one entry per source (match src-ip, action forward); configure router interface "X": urpf-check
// mode strict|loose, ipv6 urpf-check, ingress filter ip|ipv6 "NAME" (named filters need a release
// with filter names). Feasible-path uRPF (RFC 8704) does not exist on SR OS: loose uRPF plus the
// filter of the feasible sources.
// Names: quoted strings of at most 64 characters; we emit [A-Za-z0-9_-] within 63.
// No per-list entry limit is documented: max_entries() is 0. Comments are `#` lines.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "manrs/filter/internal/vendor_common.h"
#include "manrs/filter/render.h"

namespace manrs::filter {

namespace {

using vendor_detail::append_comments;
using vendor_detail::ListPart;

constexpr std::size_t kMaxName = 63;

std::string name_for(const std::string& base, ListKind kind) {
  return vendor_detail::fit_name(list_name(base, kind), kMaxName, false);
}

std::string nokia_prefix(const Entry& e) {
  if (e.exact()) {
    return fmt::format("{} exact", e.prefix.to_string());
  }
  return fmt::format("{} prefix-length-range {}-{}", e.prefix.to_string(), e.min_len, e.max_len);
}

class NokiaDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "nokia"; }
  [[nodiscard]] std::string_view title() const override { return "Nokia SR OS (classic CLI)"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "#");
    const std::string base = vendor_detail::filter_base(f, o);
    out += "configure router policy-options\nbegin\n";
    MANRS_TRY_VOID(vendor_detail::family_lists(f, o, [&](const PrefixList& list, ListKind kind) {
      return prefix_list(out, list, name_for(base, kind), o);
    }));
    if (o.as_path) {
      const std::string name = name_for(base, ListKind::kAsPath);
      const auto g = vendor_detail::origin_groups(f, o, 8, 8);
      if (!g.peer_is_origin && g.groups.empty()) {
        out += "# no origin ASNs: the empty as-path-group matches nothing\n";
      }
      out += fmt::format("no as-path-group \"{0}\"\nas-path-group \"{0}\"\n", name);
      std::size_t n = 1;
      if (g.peer_is_origin) {
        out += fmt::format("  entry {} expression \"{}+\"\n", n++, *o.peer_as);
      }
      for (const std::string& alt : g.groups) {
        out += fmt::format("  entry {} expression \"{}.*[{}]\"\n", n++,
                           o.peer_as.has_value() ? fmt::format("{}", *o.peer_as) : std::string(),
                           vendor_detail::space_separated(alt));
      }
      out += "exit\n";
    }
    out += "commit\nexit all\n";
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(const SavPlan& plan,
                                                     const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::antispoof_comments(plan, o, title()), "#");
    const auto bases = vendor_detail::sav_bases(plan, o);
    for (std::size_t i = 0; i < plan.interfaces.size(); ++i) {
      const SavInterface& s = plan.interfaces[i];
      MANRS_TRY(const std::string ifname, vendor_detail::interface_name(s));
      const std::string acl4 = name_for(bases[i], ListKind::kAclV4);
      const std::string acl6 = name_for(bases[i], ListKind::kAclV6);
      if (s.acl) {
        out += "configure filter\n";
        filter(out, "ip-filter", acl4, s.v4);
        filter(out, "ipv6-filter", acl6, s.v6);
        out += "exit all\n";
      }
      if (s.interface.empty()) {
        out += fmt::format("# set the interface of {} before deploying\n",
                           vendor_detail::safe_text(s.customer));
      }
      if (s.urpf == UrpfMode::kFeasible) {
        out +=
            "# feasible-path uRPF (RFC 8704) is not available on SR OS: loose uRPF plus the"
            " filter of the feasible sources\n";
      }
      out += fmt::format("configure router interface \"{}\"\n", ifname);
      if (s.urpf != UrpfMode::kNone) {
        const char* mode = s.urpf == UrpfMode::kStrict ? "strict" : "loose";
        out += fmt::format("    urpf-check\n        mode {}\n    exit\n", mode);
        out += fmt::format(
            "    ipv6\n        urpf-check\n            mode {}\n        exit\n    exit\n", mode);
      }
      if (s.acl) {
        out += fmt::format(
            "    ingress\n        filter ip \"{}\"\n        filter ipv6 \"{}\"\n"
            "    exit\n",
            acl4, acl6);
      }
      out += "exit all\n";
    }
    return out;
  }

 private:
  static void filter(std::string& out, std::string_view kind, const std::string& name,
                     const std::vector<Entry>& sources) {
    out += fmt::format("    {} \"{}\" create\n        default-action drop\n", kind, name);
    std::size_t entry = 10;
    for (const Entry& e : sources) {
      out += fmt::format(
          "        entry {} create\n            match\n                src-ip {}\n"
          "            exit\n            action forward\n        exit\n",
          entry, e.prefix.to_string());
      entry += 10;
    }
    if (kind == "ipv6-filter") {
      out += fmt::format(
          "        entry {} create\n            match\n                src-ip {}\n"
          "            exit\n            action forward\n        exit\n",
          entry, vendor_detail::kLinkLocal);
    }
    out += "    exit\n";
  }

  [[nodiscard]] Status prefix_list(std::string& out, const PrefixList& list,
                                   const std::string& name, const RenderOptions& o) const {
    MANRS_TRY(const auto parts,
              vendor_detail::split_list(name, list.entries.size(), max_entries(), o, title()));
    if (parts.size() > 1) {
      out += "# " + vendor_detail::split_note(name, parts, list.entries.size()) + "\n";
    }
    for (const ListPart& part : parts) {
      if (part.begin == part.end) {
        out += fmt::format("# generated prefix-list {} is empty: it matches nothing\n", part.name);
      }
      out += fmt::format("no prefix-list \"{0}\"\nprefix-list \"{0}\"\n", part.name);
      for (std::size_t i = part.begin; i < part.end; ++i) {
        out += fmt::format("    prefix {}\n", nokia_prefix(list.entries[i]));
      }
      out += "exit\n";
    }
    return {};
  }
};

}  // namespace

const Dialect& nokia_dialect() {
  static const NokiaDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
