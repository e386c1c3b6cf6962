// render_arista.cpp — Arista EOS: prefix lists, AS-path access lists, anti-spoofing ACLs, uRPF.
//
// Syntax (bgpq4 1.9 -e prints the same prefix-list lines; its AS-path lines are the Cisco ones):
//   no ip prefix-list NAME
//   ip prefix-list NAME
//      seq 1 permit 192.0.2.0/24
//      seq 2 permit 198.51.100.0/24 le 26            (ipv6 prefix-list for IPv6)
//   ip as-path access-list NAME permit ^64500(_[0-9]+)*_(64501|64502)$ any
//   ip access-list NAME / ipv6 access-list NAME (numbered lines); interface: ip verify unicast
//   source reachable-via rx (strict) | any (loose), ip access-group NAME in.
// Limits: sequence numbers run 1..65535, so at most 65,535 entries per prefix list
// (max_entries()). Names: [A-Za-z0-9_-] starting with a letter, at most 63 characters here.
// Feasible-path uRPF (RFC 8704) does not exist on EOS: loose uRPF plus the ACL.
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
constexpr std::size_t kMaxSeq = 65535;

std::string name_for(const std::string& base, ListKind kind) {
  return vendor_detail::fit_name(list_name(base, kind), kMaxName, true);
}

class AristaDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "arista"; }
  [[nodiscard]] std::string_view title() const override { return "Arista EOS"; }
  [[nodiscard]] std::size_t max_entries() const override { return kMaxSeq; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "!");
    const std::string base = vendor_detail::filter_base(f, o);
    MANRS_TRY_VOID(vendor_detail::family_lists(f, o, [&](const PrefixList& list, ListKind kind) {
      return prefix_list(out, list, name_for(base, kind), o);
    }));
    if (o.as_path) {
      const std::string name = name_for(base, ListKind::kAsPath);
      out += fmt::format("no ip as-path access-list {}\n", name);
      const auto regexes = vendor_detail::cisco_as_regexes(f, o, 4, 5);
      if (regexes.empty()) {
        out += "! no origin ASNs: the AS-path list denies everything\n";
        out += fmt::format("ip as-path access-list {} deny .* any\n", name);
      }
      for (const std::string& r : regexes) {
        out += fmt::format("ip as-path access-list {} permit {} any\n", name, r);
      }
    }
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(const SavPlan& plan,
                                                     const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::antispoof_comments(plan, o, title()), "!");
    const auto bases = vendor_detail::sav_bases(plan, o);
    for (std::size_t i = 0; i < plan.interfaces.size(); ++i) {
      const SavInterface& s = plan.interfaces[i];
      MANRS_TRY(const std::string ifname, vendor_detail::interface_name(s));
      const std::string acl4 = name_for(bases[i], ListKind::kAclV4);
      const std::string acl6 = name_for(bases[i], ListKind::kAclV6);
      if (s.acl) {
        acl(out, "ip", acl4, s.v4);
        acl(out, "ipv6", acl6, s.v6);
      }
      if (s.interface.empty()) {
        out += fmt::format("! set the interface of {} before deploying\n",
                           vendor_detail::safe_text(s.customer));
      }
      if (s.urpf == UrpfMode::kFeasible) {
        out +=
            "! feasible-path uRPF (RFC 8704) is not available on EOS: loose uRPF plus the ACL"
            " of the feasible sources\n";
      }
      out += fmt::format("interface {}\n", ifname);
      const char* via = s.urpf == UrpfMode::kStrict ? "rx" : "any";
      if (s.urpf != UrpfMode::kNone) {
        out += fmt::format("   ip verify unicast source reachable-via {}\n", via);
        out += fmt::format("   ipv6 verify unicast source reachable-via {}\n", via);
      }
      if (s.acl) {
        out += fmt::format("   ip access-group {} in\n", acl4);
        out += fmt::format("   ipv6 access-group {} in\n", acl6);
      }
    }
    return out;
  }

 private:
  static void acl(std::string& out, std::string_view afi, const std::string& name,
                  const std::vector<Entry>& sources) {
    out += fmt::format("no {0} access-list {1}\n{0} access-list {1}\n", afi, name);
    std::size_t seq = 10;
    for (const Entry& e : sources) {
      out += fmt::format("   {} permit {} {} any\n", seq, afi, e.prefix.to_string());
      seq += 10;
    }
    if (afi == "ipv6") {
      out += fmt::format("   {} permit ipv6 {} any\n", seq, vendor_detail::kLinkLocal);
      seq += 10;
    }
    out += fmt::format("   {} deny {} any any log\n", seq, afi);
  }

  [[nodiscard]] Status prefix_list(std::string& out, const PrefixList& list,
                                   const std::string& name, const RenderOptions& o) const {
    const char* ip = list.family == net::Family::kV4 ? "ip" : "ipv6";
    MANRS_TRY(const auto parts,
              vendor_detail::split_list(name, list.entries.size(), max_entries(), o, title()));
    if (parts.size() > 1) {
      out += "! " + vendor_detail::split_note(name, parts, list.entries.size()) + "\n";
    }
    for (const ListPart& part : parts) {
      out += fmt::format("no {} prefix-list {}\n", ip, part.name);
      if (part.begin == part.end) {
        out += fmt::format("! generated prefix-list {} is empty\n", part.name);
      }
      out += fmt::format("{} prefix-list {}\n", ip, part.name);
      if (part.begin == part.end) {
        out += fmt::format("   seq 1 deny {}\n",
                           list.family == net::Family::kV4 ? "0.0.0.0/0" : "::/0");
      }
      for (std::size_t i = part.begin; i < part.end; ++i) {
        const Entry& e = list.entries[i];
        out += fmt::format("   seq {} permit {}{}\n", i - part.begin + 1, e.prefix.to_string(),
                           vendor_detail::ge_le(e, "ge", "le"));
      }
    }
    return {};
  }
};

}  // namespace

const Dialect& arista_dialect() {
  static const AristaDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
