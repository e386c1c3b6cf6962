// render_huawei.cpp — Huawei VRP: ip-prefix lists, as-path-filters, anti-spoofing ACLs and URPF.
//
// Syntax (bgpq4 1.9 -U prints the same prefix and AS-path lines, without the optional index):
//   undo ip ip-prefix NAME
//   ip ip-prefix NAME index 10 permit 192.0.2.0 24
//   ip ip-prefix NAME index 20 permit 198.51.100.0 24 less-equal 26
//   ip ip-prefix NAME index 30 permit 203.0.113.0 24 greater-equal 25 less-equal 26
//   (ip ipv6-prefix NAME index 10 permit 2001:db8:: 32 ... for IPv6)
//   undo ip as-path-filter NAME
//   ip as-path-filter NAME permit ^64500(_[0-9]+)*_(64501|64502)$
//   acl name NAME advance / acl ipv6 name NAME advance with rule N permit ip source ...; interface:
//   ip urpf strict|loose, ipv6 urpf strict|loose, traffic-filter inbound [ipv6] acl name NAME.
// VRP treats a route-policy reference to a missing or empty ip-prefix as "match everything", so
// an empty list is an explicit deny-all: "deny 0.0.0.0 0 less-equal 32" (bgpq4 prints
// "deny 0.0.0.0/0", which VRP does not parse).
// Names: case-sensitive, no spaces; as-path-filter names are 1-51 characters and not all digits,
// so every name here is [A-Za-z0-9_-], starts with a letter and has at most 51 characters.
// No per-list entry limit is documented: max_entries() is 0. Comments are `#` lines (VRP's
// configuration separator). Feasible-path uRPF (RFC 8704) does not exist on VRP: loose URPF plus
// the ACL of the feasible sources.
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

constexpr std::size_t kMaxName = 51;

std::string name_for(const std::string& base, ListKind kind) {
  return vendor_detail::fit_name(list_name(base, kind), kMaxName, true);
}

class HuaweiDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "huawei"; }
  [[nodiscard]] std::string_view title() const override { return "Huawei VRP"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "#");
    const std::string base = vendor_detail::filter_base(f, o);
    MANRS_TRY_VOID(vendor_detail::family_lists(f, o, [&](const PrefixList& list, ListKind kind) {
      return prefix_list(out, list, name_for(base, kind), o);
    }));
    if (o.as_path) {
      const std::string name = name_for(base, ListKind::kAsPath);
      out += fmt::format("undo ip as-path-filter {}\n", name);
      const auto regexes = vendor_detail::cisco_as_regexes(f, o, 4, 5);
      if (regexes.empty()) {
        out += "# no origin ASNs: the AS-path filter denies everything\n";
        out += fmt::format("ip as-path-filter {} deny .*\n", name);
      }
      for (const std::string& r : regexes) {
        out += fmt::format("ip as-path-filter {} permit {}\n", name, r);
      }
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
        out += fmt::format("undo acl name {0}\nacl name {0} advance\n", acl4);
        std::size_t rule = 10;
        for (const Entry& e : s.v4) {
          out += fmt::format(" rule {} permit ip source {}\n", rule, wildcard_mask(e.prefix));
          rule += 10;
        }
        out += fmt::format(" rule {} deny ip\n", rule);
        out += fmt::format("undo acl ipv6 name {0}\nacl ipv6 name {0} advance\n", acl6);
        rule = 10;
        for (const Entry& e : s.v6) {
          out += fmt::format(" rule {} permit ipv6 source {}\n", rule, e.prefix.to_string());
          rule += 10;
        }
        out += fmt::format(" rule {} permit ipv6 source {}\n", rule, vendor_detail::kLinkLocal);
        out += fmt::format(" rule {} deny ipv6\n", rule + 10);
      }
      if (s.interface.empty()) {
        out += fmt::format("# set the interface of {} before deploying\n",
                           vendor_detail::safe_text(s.customer));
      }
      if (s.urpf == UrpfMode::kFeasible) {
        out +=
            "# feasible-path uRPF (RFC 8704) is not available on VRP: loose URPF plus the ACL"
            " of the feasible sources\n";
      }
      out += fmt::format("interface {}\n", ifname);
      if (s.urpf != UrpfMode::kNone) {
        const char* mode = s.urpf == UrpfMode::kStrict ? "strict" : "loose";
        out += fmt::format(" ip urpf {}\n ipv6 urpf {}\n", mode, mode);
      }
      if (s.acl) {
        out += fmt::format(" traffic-filter inbound acl name {}\n", acl4);
        out += fmt::format(" traffic-filter inbound ipv6 acl name {}\n", acl6);
      }
      out += "quit\n";
    }
    return out;
  }

 private:
  [[nodiscard]] Status prefix_list(std::string& out, const PrefixList& list,
                                   const std::string& name, const RenderOptions& o) const {
    const bool v4 = list.family == net::Family::kV4;
    const char* kind = v4 ? "ip-prefix" : "ipv6-prefix";
    MANRS_TRY(const auto parts,
              vendor_detail::split_list(name, list.entries.size(), max_entries(), o, title()));
    if (parts.size() > 1) {
      out += "# " + vendor_detail::split_note(name, parts, list.entries.size()) + "\n";
    }
    for (const ListPart& part : parts) {
      out += fmt::format("undo ip {} {}\n", kind, part.name);
      if (part.begin == part.end) {
        out += fmt::format("# generated {} {} is empty\n", kind, part.name);
        out += fmt::format("ip {} {} index 10 deny {}\n", kind, part.name,
                           v4 ? "0.0.0.0 0 less-equal 32" : ":: 0 less-equal 128");
      }
      for (std::size_t i = part.begin; i < part.end; ++i) {
        const Entry& e = list.entries[i];
        out +=
            fmt::format("ip {} {} index {} permit {} {}{}\n", kind, part.name,
                        (i - part.begin + 1) * 10, e.prefix.address().to_string(),
                        e.prefix.length(), vendor_detail::ge_le(e, "greater-equal", "less-equal"));
      }
    }
    return {};
  }
};

}  // namespace

const Dialect& huawei_dialect() {
  static const HuaweiDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
