// render_nokia_md.cpp — Nokia SR OS, MD-CLI: policy-options prefix-lists and as-path-groups,
// anti-spoofing ip-filter / ipv6-filter and urpf-check.
//
// Syntax (bgpq4 1.9 -n prints the same prefix and expression blocks):
//   /configure policy-options
//   delete prefix-list "NAME"
//   prefix-list "NAME" {
//       prefix 192.0.2.0/24 type exact {
//       }
//       prefix 198.51.100.0/24 type through {
//           through-length 26
//       }
//       prefix 203.0.113.0/24 type range {
//           start-length 25
//           end-length 26
//       }
//   }
//   as-path-group "NAME" { entry 1 { expression "64500.*[64501 64502]" } }
// Load into a candidate configuration (edit-config) and commit. A prefix-list has no actions: an
// empty one matches nothing, the deny-all of the policy entry that uses it.
// Anti-spoofing: /configure filter ip-filter|ipv6-filter "NAME" with default-action drop and one
// entry per source (match src-ip address, action accept); /configure router "Base" interface "X"
// ipv4|ipv6 urpf-check mode strict|loose and ingress filter ip|ipv6 "NAME". Feasible-path uRPF
// (RFC 8704) does not exist on SR OS: loose uRPF plus the filter of the feasible sources.
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

std::string md_prefix(const Entry& e) {
  if (e.exact()) {
    return fmt::format("    prefix {} type exact {{\n    }}\n", e.prefix.to_string());
  }
  if (e.min_len > e.prefix.length()) {
    return fmt::format(
        "    prefix {} type range {{\n        start-length {}\n        end-length {}\n    }}\n",
        e.prefix.to_string(), e.min_len, e.max_len);
  }
  return fmt::format("    prefix {} type through {{\n        through-length {}\n    }}\n",
                     e.prefix.to_string(), e.max_len);
}

class NokiaMdDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "nokia-md"; }
  [[nodiscard]] std::string_view title() const override { return "Nokia SR OS (MD-CLI)"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "#");
    const std::string base = vendor_detail::filter_base(f, o);
    out += "/configure policy-options\n";
    MANRS_TRY_VOID(vendor_detail::family_lists(f, o, [&](const PrefixList& list, ListKind kind) {
      return prefix_list(out, list, name_for(base, kind), o);
    }));
    if (o.as_path) {
      const std::string name = name_for(base, ListKind::kAsPath);
      const auto g = vendor_detail::origin_groups(f, o, 8, 8);
      if (!g.peer_is_origin && g.groups.empty()) {
        out += "# no origin ASNs: the empty as-path-group matches nothing\n";
      }
      out += fmt::format("delete as-path-group \"{0}\"\nas-path-group \"{0}\" {{\n", name);
      std::size_t n = 1;
      if (g.peer_is_origin) {
        out += fmt::format("  entry {} {{\n    expression \"{}+\"\n  }}\n", n++, *o.peer_as);
      }
      for (const std::string& alt : g.groups) {
        out += fmt::format("  entry {} {{\n    expression \"{}.*[{}]\"\n  }}\n", n++,
                           o.peer_as.has_value() ? fmt::format("{}", *o.peer_as) : std::string(),
                           vendor_detail::space_separated(alt));
      }
      out += "}\n";
    }
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
        out += "/configure filter\n";
        filter(out, "ip-filter", acl4, s.v4);
        filter(out, "ipv6-filter", acl6, s.v6);
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
      out += fmt::format("/configure router \"Base\" interface \"{}\" {{\n", ifname);
      if (s.urpf != UrpfMode::kNone) {
        const char* mode = s.urpf == UrpfMode::kStrict ? "strict" : "loose";
        for (const char* afi : {"ipv4", "ipv6"}) {
          out += fmt::format(
              "    {} {{\n        urpf-check {{\n            mode {}\n        }}\n    }}\n", afi,
              mode);
        }
      }
      if (s.acl) {
        out += fmt::format(
            "    ingress {{\n        filter {{\n            ip \"{}\"\n"
            "            ipv6 \"{}\"\n        }}\n    }}\n",
            acl4, acl6);
      }
      out += "}\n";
    }
    return out;
  }

 private:
  static void filter(std::string& out, std::string_view kind, const std::string& name,
                     const std::vector<Entry>& sources) {
    out += fmt::format("delete {0} \"{1}\"\n{0} \"{1}\" {{\n    default-action drop\n", kind, name);
    std::size_t entry = 10;
    for (const Entry& e : sources) {
      out += fmt::format(
          "    entry {} {{\n        match {{\n            src-ip {{\n"
          "                address {}\n            }}\n        }}\n"
          "        action {{\n            accept\n        }}\n    }}\n",
          entry, e.prefix.to_string());
      entry += 10;
    }
    if (kind == "ipv6-filter") {
      out += fmt::format(
          "    entry {} {{\n        match {{\n            src-ip {{\n"
          "                address {}\n            }}\n        }}\n"
          "        action {{\n            accept\n        }}\n    }}\n",
          entry, vendor_detail::kLinkLocal);
    }
    out += "}\n";
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
      out += fmt::format("delete prefix-list \"{0}\"\nprefix-list \"{0}\" {{\n", part.name);
      for (std::size_t i = part.begin; i < part.end; ++i) {
        out += md_prefix(list.entries[i]);
      }
      out += "}\n";
    }
    return {};
  }
};

}  // namespace

const Dialect& nokia_md_dialect() {
  static const NokiaMdDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
