// render_iosxr.cpp — Cisco IOS XR: RPL prefix-sets and as-path-sets, anti-spoofing ACLs and uRPF.
//
// Syntax (bgpq4 1.9 -X prints the same set elements):
//   prefix-set NAME
//     192.0.2.0/24,
//     198.51.100.0/24 le 26,
//     203.0.113.0/24 ge 25 le 26
//   end-set
//   as-path-set NAME
//     ios-regex '^64500(_[0-9]+)*_(64501|64502)$'
//   end-set
//   ipv4 access-list NAME / ipv6 access-list NAME (numbered lines); interface: ipv4 verify unicast
//   source reachable-via rx (strict) | any (loose), ipv4 access-group NAME ingress.
// Re-entering a set replaces its whole contents, so no "no prefix-set" (which fails while a
// route-policy uses the set). An empty prefix-set or as-path-set matches nothing, which is the
// deny-all: the route-policy's "if destination in NAME then pass" never passes. IOS XR also has
// `originates-from '64501'`, but elements of a set are alternatives, so "from the peer AND
// originated by one of the origins" needs ios-regex; we use it for both shapes (as bgpq4 does).
// Names: RPL identifiers, [A-Za-z0-9_-] starting with a letter; we keep them within 63 characters.
// No per-set entry limit is documented: max_entries() is 0.
// ACL lines are numbered 10, 20, ...: re-entering a list overwrites those lines, and a shorter
// list leaves old lines after the final deny, where they are never reached.
// Feasible-path uRPF (RFC 8704) does not exist on IOS XR: loose uRPF plus the ACL.
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
  return vendor_detail::fit_name(list_name(base, kind), kMaxName, true);
}

class IosXrDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "iosxr"; }
  [[nodiscard]] std::string_view title() const override { return "Cisco IOS XR"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "!");
    const std::string base = vendor_detail::filter_base(f, o);
    MANRS_TRY_VOID(vendor_detail::family_lists(f, o, [&](const PrefixList& list, ListKind kind) {
      return prefix_set(out, list, name_for(base, kind), o);
    }));
    if (o.as_path) {
      const auto regexes = vendor_detail::cisco_as_regexes(f, o, 6, 7);
      if (regexes.empty()) {
        out += "! no origin ASNs: the empty as-path-set matches nothing\n";
      }
      out += fmt::format("as-path-set {}\n", name_for(base, ListKind::kAsPath));
      for (std::size_t i = 0; i < regexes.size(); ++i) {
        out += fmt::format("  ios-regex '{}'{}\n", regexes[i], i + 1 < regexes.size() ? "," : "");
      }
      out += "end-set\n";
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
        acl(out, "ipv4", acl4, s.v4);
        acl(out, "ipv6", acl6, s.v6);
      }
      if (s.interface.empty()) {
        out += fmt::format("! set the interface of {} before deploying\n",
                           vendor_detail::safe_text(s.customer));
      }
      if (s.urpf == UrpfMode::kFeasible) {
        out +=
            "! feasible-path uRPF (RFC 8704) is not available on IOS XR: loose uRPF plus the"
            " ACL of the feasible sources\n";
      }
      out += fmt::format("interface {}\n", ifname);
      const char* via = s.urpf == UrpfMode::kStrict ? "rx" : "any";
      if (s.urpf != UrpfMode::kNone) {
        out += fmt::format(" ipv4 verify unicast source reachable-via {}\n", via);
        out += fmt::format(" ipv6 verify unicast source reachable-via {}\n", via);
      }
      if (s.acl) {
        out += fmt::format(" ipv4 access-group {} ingress\n", acl4);
        out += fmt::format(" ipv6 access-group {} ingress\n", acl6);
      }
      out += "!\n";
    }
    return out;
  }

 private:
  static void acl(std::string& out, std::string_view afi, const std::string& name,
                  const std::vector<Entry>& sources) {
    out += fmt::format("{} access-list {}\n", afi, name);
    std::size_t seq = 10;
    for (const Entry& e : sources) {
      out += fmt::format(" {} permit {} {} any\n", seq, afi, e.prefix.to_string());
      seq += 10;
    }
    if (afi == "ipv6") {
      out += fmt::format(" {} permit ipv6 {} any\n", seq, vendor_detail::kLinkLocal);
      seq += 10;
    }
    out += fmt::format(" {} deny {} any any log\n", seq, afi);
    out += "!\n";
  }

  [[nodiscard]] Status prefix_set(std::string& out, const PrefixList& list, const std::string& name,
                                  const RenderOptions& o) const {
    MANRS_TRY(const auto parts,
              vendor_detail::split_list(name, list.entries.size(), max_entries(), o, title()));
    if (parts.size() > 1) {
      out += "! " + vendor_detail::split_note(name, parts, list.entries.size()) + "\n";
    }
    for (const ListPart& part : parts) {
      if (part.begin == part.end) {
        out += fmt::format("! generated prefix-set {} is empty: it matches nothing\n", part.name);
      }
      out += fmt::format("prefix-set {}\n", part.name);
      for (std::size_t i = part.begin; i < part.end; ++i) {
        const Entry& e = list.entries[i];
        out += fmt::format(" {}{}{}\n", e.prefix.to_string(), vendor_detail::ge_le(e, "ge", "le"),
                           i + 1 < part.end ? "," : "");
      }
      out += "end-set\n!\n";
    }
    return {};
  }
};

}  // namespace

const Dialect& iosxr_dialect() {
  static const IosXrDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
