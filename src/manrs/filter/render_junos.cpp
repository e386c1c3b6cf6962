// render_junos.cpp — Juniper Junos: policy-options prefix-list / route-filter-list, as-path-group,
// anti-spoofing firewall filters and rpf-check.
//
// Syntax (bgpq4 1.9 -J / -J -z print the same list bodies), loaded with `load replace`:
//   policy-options { replace: prefix-list NAME { 192.0.2.0/24; } }      (every entry exact)
//   policy-options { replace: route-filter-list NAME {                     (some entry a range)
//       192.0.2.0/24 exact; 198.51.100.0/24 upto /26;
//       203.0.113.0/24 prefix-length-range /25-/26; } }
//   policy-options { replace: as-path-group NAME { as-path a0 "^64500(.)*(64501|64502)$"; } }
//   firewall family inet|inet6 filter NAME: a term accepting the source-address list, then
//   syslog + discard; interfaces X unit N family inet|inet6 rpf-check [mode loose] and
//   filter input NAME; feasible paths: routing-options forwarding-table unicast-reverse-path
//   feasible-paths (global: every rpf-check interface then accepts feasible paths).
// A prefix-list holds exact prefixes only, so a list with any range becomes a route-filter-list
// (exact entries as "exact"). An empty list becomes a route-filter-list "0.0.0.0/0 orlonger
// reject" (an explicit deny-all); an empty as-path-group gets the regex "0", which matches no
// valid path (AS 0 never appears in an accepted AS_PATH, RFC 7607).
// Limits: 85,325 entries per prefix-list (max_entries(); applied to route-filter-lists too, to be
// safe). Names: [A-Za-z0-9_-], we keep them within 63 characters and starting with a letter.
// Comments are `#` lines, which `load` accepts.
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
constexpr std::size_t kJunosPrefixListLimit = 85325;

std::string name_for(const std::string& base, ListKind kind) {
  return vendor_detail::fit_name(list_name(base, kind), kMaxName, true);
}

std::string route_filter(const Entry& e) {
  if (e.exact()) {
    return fmt::format("{} exact", e.prefix.to_string());
  }
  if (e.min_len > e.prefix.length()) {
    return fmt::format("{} prefix-length-range /{}-/{}", e.prefix.to_string(), e.min_len,
                       e.max_len);
  }
  return fmt::format("{} upto /{}", e.prefix.to_string(), e.max_len);
}

class JunosDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "junos"; }
  [[nodiscard]] std::string_view title() const override { return "Juniper Junos"; }
  [[nodiscard]] std::size_t max_entries() const override { return kJunosPrefixListLimit; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "#");
    const std::string base = vendor_detail::filter_base(f, o);
    MANRS_TRY_VOID(vendor_detail::family_lists(f, o, [&](const PrefixList& list, ListKind kind) {
      return prefix_list(out, list, name_for(base, kind), o);
    }));
    if (o.as_path) {
      const auto g = vendor_detail::origin_groups(f, o, 8, 8);
      out += fmt::format("policy-options {{\nreplace:\n as-path-group {} {{\n",
                         name_for(base, ListKind::kAsPath));
      std::size_t n = 0;
      if (g.peer_is_origin) {
        out += fmt::format("  as-path a{} \"^{}({})*$\";\n", n++, *o.peer_as, *o.peer_as);
      }
      for (const std::string& alt : g.groups) {
        if (o.peer_as.has_value()) {
          out += fmt::format("  as-path a{} \"^{}(.)*({})$\";\n", n++, *o.peer_as, alt);
        } else {
          out += fmt::format("  as-path a{} \"^(.)*({})$\";\n", n++, alt);
        }
      }
      if (n == 0) {
        out += "  # no origin ASNs: AS 0 matches no valid path\n";
        out += "  as-path a-none \"0\";\n";
      }
      out += " }\n}\n";
    }
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(const SavPlan& plan,
                                                     const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::antispoof_comments(plan, o, title()), "#");
    const auto bases = vendor_detail::sav_bases(plan, o);
    std::vector<std::string> ifnames;
    for (const SavInterface& s : plan.interfaces) {
      MANRS_TRY(std::string ifname, vendor_detail::interface_name(s));
      ifnames.push_back(std::move(ifname));
    }
    bool any_acl = false;
    bool feasible = false;
    for (const SavInterface& s : plan.interfaces) {
      any_acl = any_acl || s.acl;
      feasible = feasible || s.urpf == UrpfMode::kFeasible;
    }
    if (any_acl) {
      out += "firewall {\n";
      for (const char* family : {"inet", "inet6"}) {
        const bool v4 = std::string_view(family) == "inet";
        out += fmt::format("    family {} {{\n", family);
        for (std::size_t i = 0; i < plan.interfaces.size(); ++i) {
          const SavInterface& s = plan.interfaces[i];
          if (s.acl) {
            filter(out, name_for(bases[i], v4 ? ListKind::kAclV4 : ListKind::kAclV6),
                   v4 ? s.v4 : s.v6, !v4);
          }
        }
        out += "    }\n";
      }
      out += "}\n";
    }
    out += "interfaces {\n";
    for (std::size_t i = 0; i < plan.interfaces.size(); ++i) {
      const SavInterface& s = plan.interfaces[i];
      std::string phys = ifnames[i];
      std::string unit = "0";
      if (const auto dot = phys.rfind('.'); dot != std::string::npos && !s.interface.empty()) {
        unit = phys.substr(dot + 1);
        phys.resize(dot);
      }
      if (s.interface.empty()) {
        out += fmt::format("    # set the interface of {} before deploying\n",
                           vendor_detail::safe_text(s.customer));
      }
      out += fmt::format("    {} {{\n        unit {} {{\n", phys, unit);
      for (const char* family : {"inet", "inet6"}) {
        const bool v4 = std::string_view(family) == "inet";
        out += fmt::format("            family {} {{\n", family);
        if (s.urpf == UrpfMode::kLoose) {
          out +=
              "                rpf-check {\n                    mode loose;\n                }\n";
        } else if (s.urpf != UrpfMode::kNone) {
          out += "                rpf-check;\n";
        }
        if (s.acl) {
          out += fmt::format(
              "                filter {{\n                    input {};\n"
              "                }}\n",
              name_for(bases[i], v4 ? ListKind::kAclV4 : ListKind::kAclV6));
        }
        out += "            }\n";
      }
      out += "        }\n    }\n";
    }
    out += "}\n";
    if (feasible) {
      out +=
          "# feasible-path uRPF (RFC 8704) for the multihomed customers; this is global: every"
          " rpf-check interface accepts feasible paths\n";
      out +=
          "routing-options {\n    forwarding-table {\n"
          "        unicast-reverse-path feasible-paths;\n    }\n}\n";
    }
    return out;
  }

 private:
  static void filter(std::string& out, const std::string& name, const std::vector<Entry>& src,
                     bool v6) {
    out += fmt::format("        replace:\n        filter {} {{\n", name);
    if (!src.empty() || v6) {
      out +=
          "            term sources {\n                from {\n"
          "                    source-address {\n";
      for (const Entry& e : src) {
        out += fmt::format("                        {};\n", e.prefix.to_string());
      }
      if (v6) {
        out += fmt::format("                        {};\n", vendor_detail::kLinkLocal);
      }
      out +=
          "                    }\n                }\n                then accept;\n"
          "            }\n";
    }
    out +=
        "            term spoofed {\n                then {\n                    syslog;\n"
        "                    discard;\n                }\n            }\n        }\n";
  }

  [[nodiscard]] Status prefix_list(std::string& out, const PrefixList& list,
                                   const std::string& name, const RenderOptions& o) const {
    MANRS_TRY(const auto parts,
              vendor_detail::split_list(name, list.entries.size(), max_entries(), o, title()));
    if (parts.size() > 1) {
      out += "# " + vendor_detail::split_note(name, parts, list.entries.size()) + "\n";
    }
    for (const ListPart& part : parts) {
      bool all_exact = part.begin < part.end;
      for (std::size_t i = part.begin; i < part.end; ++i) {
        all_exact = all_exact && list.entries[i].exact();
      }
      if (all_exact) {
        out += fmt::format("policy-options {{\nreplace:\n prefix-list {} {{\n", part.name);
        for (std::size_t i = part.begin; i < part.end; ++i) {
          out += fmt::format("    {};\n", list.entries[i].prefix.to_string());
        }
        out += " }\n}\n";
        continue;
      }
      if (part.begin == part.end) {
        out +=
            fmt::format("# generated prefix-list {} is empty: it rejects everything\n", part.name);
      }
      out += fmt::format("policy-options {{\nreplace:\n  route-filter-list {} {{\n", part.name);
      for (std::size_t i = part.begin; i < part.end; ++i) {
        out += fmt::format("    {};\n", route_filter(list.entries[i]));
      }
      if (part.begin == part.end) {
        out += fmt::format("    {} orlonger reject;\n",
                           list.family == net::Family::kV4 ? "0.0.0.0/0" : "::/0");
      }
      out += "  }\n}\n";
    }
    return {};
  }
};

}  // namespace

const Dialect& junos_dialect() {
  static const JunosDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
