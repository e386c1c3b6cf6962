// render_mikrotik.cpp — MikroTik RouterOS 7: routing filter rules (prefix and AS-path chains),
// anti-spoofing address lists, raw-table drop rules and rp-filter.
//
// Syntax (bgpq4 1.12+ -K7 prints the same prefix rules; 1.9 printed "dst=" for exact entries,
// which RouterOS 7 does not accept; the operator is "=="):
//   /routing filter rule add chain="NAME" rule="if (dst==192.0.2.0/24) {accept}"
//   /routing filter rule add chain="NAME" rule="if (dst in 198.51.100.0/24 && dst-len in 24-26)
//   {accept}" /routing filter rule add chain="NAME" rule="reject" /routing filter rule add
//   chain="NAME" rule="if (bgp-as-path ^64500.*[64501 64502]\$) {accept}"
// RouterOS 7 AS-path regexes work per AS number (Juniper style): "." is one AS, "[a b]" a set of
// AS numbers; "$" is escaped because the CLI expands variables inside double quotes. Each chain
// first removes its old rules, so a re-run replaces it; the final "reject" makes the default
// action explicit (an empty list is that rule alone).
// Anti-spoofing: /ip firewall address-list (list = the customer's sources), /ip firewall raw
// chain=prerouting in-interface=X src-address-list=!LIST action=drop, the same under /ipv6, and
// /ip settings set rp-filter=strict|loose. rp-filter is global (all interfaces): strict only when
// every interface with uRPF asks for strict, else loose; RouterOS has no feasible-path mode and no
// IPv6 rp-filter, so the raw rules carry those cases.
// Names: quoted strings; we emit [A-Za-z0-9_-] within 63 characters. No per-chain rule limit is
// documented: max_entries() is 0. Comments are `#` lines.
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

std::string chain_rule(const std::string& chain, std::string_view rule) {
  return fmt::format("/routing filter rule add chain=\"{}\" rule=\"{}\"\n", chain, rule);
}

std::string chain_reset(const std::string& chain) {
  return fmt::format("/routing filter rule remove [find where chain=\"{}\"]\n", chain);
}

class MikrotikDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "mikrotik"; }
  [[nodiscard]] std::string_view title() const override { return "MikroTik RouterOS 7"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "#");
    const std::string base = vendor_detail::filter_base(f, o);
    MANRS_TRY_VOID(vendor_detail::family_lists(f, o, [&](const PrefixList& list, ListKind kind) {
      return prefix_chain(out, list, name_for(base, kind), o);
    }));
    if (o.as_path) {
      const std::string chain = name_for(base, ListKind::kAsPath);
      const auto g = vendor_detail::origin_groups(f, o, 8, 8);
      out += chain_reset(chain);
      if (!g.peer_is_origin && g.groups.empty()) {
        out += "# no origin ASNs: the chain rejects everything\n";
      }
      if (g.peer_is_origin) {
        out += chain_rule(chain, fmt::format("if (bgp-as-path ^{}+\\$) {{accept}}", *o.peer_as));
      }
      for (const std::string& alt : g.groups) {
        const std::string set = vendor_detail::space_separated(alt);
        out += chain_rule(
            chain, o.peer_as.has_value()
                       ? fmt::format("if (bgp-as-path ^{}.*[{}]\\$) {{accept}}", *o.peer_as, set)
                       : fmt::format("if (bgp-as-path [{}]\\$) {{accept}}", set));
      }
      out += chain_rule(chain, "reject");
    }
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(const SavPlan& plan,
                                                     const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::antispoof_comments(plan, o, title()), "#");
    const auto bases = vendor_detail::sav_bases(plan, o);
    bool any_urpf = false;
    bool all_strict = true;
    for (std::size_t i = 0; i < plan.interfaces.size(); ++i) {
      const SavInterface& s = plan.interfaces[i];
      MANRS_TRY(const std::string ifname, vendor_detail::interface_name(s));
      if (s.urpf != UrpfMode::kNone) {
        any_urpf = true;
        all_strict = all_strict && s.urpf == UrpfMode::kStrict;
      }
      if (s.interface.empty()) {
        out += fmt::format("# set the interface of {} before deploying\n",
                           vendor_detail::safe_text(s.customer));
      }
      if (!s.acl) {
        continue;
      }
      for (const char* menu : {"/ip", "/ipv6"}) {
        const bool v4 = std::string_view(menu) == "/ip";
        const std::string list = name_for(bases[i], v4 ? ListKind::kAclV4 : ListKind::kAclV6);
        out +=
            fmt::format("{} firewall address-list remove [find where list=\"{}\"]\n", menu, list);
        for (const Entry& e : v4 ? s.v4 : s.v6) {
          out += fmt::format("{} firewall address-list add list=\"{}\" address={}\n", menu, list,
                             e.prefix.to_string());
        }
        if (!v4) {
          out += fmt::format("/ipv6 firewall address-list add list=\"{}\" address={}\n", list,
                             vendor_detail::kLinkLocal);
        }
        const std::string comment = fmt::format("manrs antispoof {}", list);
        out += fmt::format("{} firewall raw remove [find where comment=\"{}\"]\n", menu, comment);
        out += fmt::format(
            "{} firewall raw add chain=prerouting in-interface=\"{}\" src-address-list=!{} "
            "action=drop comment=\"{}\"\n",
            menu, ifname, list, comment);
      }
    }
    if (any_urpf) {
      out +=
          "# rp-filter is global in RouterOS: strict only when every interface asks for strict;"
          " feasible paths and IPv6 rely on the raw rules above\n";
      out += fmt::format("/ip settings set rp-filter={}\n", all_strict ? "strict" : "loose");
    }
    return out;
  }

 private:
  [[nodiscard]] Status prefix_chain(std::string& out, const PrefixList& list,
                                    const std::string& name, const RenderOptions& o) const {
    MANRS_TRY(const auto parts,
              vendor_detail::split_list(name, list.entries.size(), max_entries(), o, title()));
    if (parts.size() > 1) {
      out += "# " + vendor_detail::split_note(name, parts, list.entries.size()) + "\n";
    }
    for (const ListPart& part : parts) {
      out += chain_reset(part.name);
      if (part.begin == part.end) {
        out += fmt::format("# generated prefix-list {} is empty\n", part.name);
      }
      for (std::size_t i = part.begin; i < part.end; ++i) {
        const Entry& e = list.entries[i];
        out += chain_rule(part.name,
                          e.exact() ? fmt::format("if (dst=={}) {{accept}}", e.prefix.to_string())
                                    : fmt::format("if (dst in {} && dst-len in {}-{}) {{accept}}",
                                                  e.prefix.to_string(), e.min_len, e.max_len));
      }
      out += chain_rule(part.name, "reject");
    }
    return {};
  }
};

}  // namespace

const Dialect& mikrotik_dialect() {
  static const MikrotikDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
