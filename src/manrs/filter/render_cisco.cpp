// render_cisco.cpp — Cisco IOS / IOS-XE: prefix lists, AS-path access lists, anti-spoofing ACLs
// and uRPF. Also the helpers the vendor dialects share (namespace vendor_detail, declared again
// at the top of each render_<vendor>.cpp): header comments, list splitting, name limits, AS-path
// regex groups, SAV names.
//
// Syntax (bgpq4 1.9 prints the same prefix and AS-path lines):
//   no ip prefix-list NAME
//   ip prefix-list NAME permit 192.0.2.0/24 [ge 25] [le 26]        (ipv6 prefix-list for IPv6)
//   ip as-path access-list NAME permit ^64500(_[0-9]+)*_(64501|64502)$
//   ip access-list extended NAME / ipv6 access-list NAME; interface: ip verify unicast source
//   reachable-via rx (strict) | any (loose), ip access-group NAME in, ipv6 traffic-filter NAME in.
// Names: we emit [A-Za-z0-9_-] only, starting with a letter, at most 63 characters (prefix lists
// and ACL names accept more; 63 keeps them readable in show output). Named AS-path access lists
// need an IOS XE release that has them; classic IOS only numbers them (1-500).
// No per-list entry limit is documented: max_entries() is 0.
// Feasible-path uRPF (RFC 8704) does not exist on IOS: a kFeasible interface gets loose uRPF plus
// the ACL of its feasible sources.
#include <algorithm>
#include <cstdint>
#include <iterator>

#include <fmt/format.h>

#include "manrs/filter/render.h"

namespace manrs::filter {

// ---- shared by the vendor dialects, defined in render_cisco.cpp -----------------------------
namespace vendor_detail {
struct ListPart {
  std::string name;
  std::size_t begin = 0;
  std::size_t end = 0;
};
struct OriginGroups {
  bool peer_is_origin = false;      // options.peer_as is one of the origins (own routes)
  std::vector<std::string> groups;  // "64501|64502" per line, the peer left out
};
// Header (when options.header) and expansion warnings (always), without comment markers.
std::vector<std::string> filter_comments(const Filter& f, const RenderOptions& o,
                                         std::string_view title);
std::vector<std::string> antispoof_comments(const SavPlan& plan, const RenderOptions& o,
                                            std::string_view title);
void append_comments(std::string& out, const std::vector<std::string>& lines,
                     std::string_view marker);
// Letter first when asked; longer names are cut and get a hash suffix (deterministic, unique).
std::string fit_name(std::string name, std::size_t max_len, bool letter_first);
std::string filter_base(const Filter& f, const RenderOptions& o);
// One part when within the limit (options.max_entries or the dialect's), NAME-1.. when split,
// kPolicy when options.over_limit is kRefuse.
Result<std::vector<ListPart>> split_list(const std::string& name, std::size_t n,
                                         std::size_t dialect_limit, const RenderOptions& o,
                                         std::string_view title);
std::string split_note(const std::string& name, const std::vector<ListPart>& parts, std::size_t n);
// " ge 25 le 26" / " le 26" / "" (keywords given: Huawei says greater-equal / less-equal).
std::string ge_le(const Entry& e, std::string_view ge, std::string_view le);
OriginGroups origin_groups(const Filter& f, const RenderOptions& o, std::size_t width_peer,
                           std::size_t width_no_peer);
// "^P(_P)*$", "^P(_[0-9]+)*_(A|B)$" or "^(_[0-9]+)*_(A|B)$" (bgpq4 -f / -G).
std::vector<std::string> cisco_as_regexes(const Filter& f, const RenderOptions& o,
                                          std::size_t width_peer, std::size_t width_no_peer);
std::string space_separated(std::string alternation);
// Printable ASCII for comments: control bytes and each UTF-8 sequence become one '?'.
std::string safe_text(std::string_view text);
// The IPv6 link-local block every IPv6 anti-spoofing ACL permits (neighbor discovery).
inline constexpr std::string_view kLinkLocal = "fe80::/10";
// ACL base names per interface: options.name-customer or customer, numbered when repeated.
std::vector<std::string> sav_bases(const SavPlan& plan, const RenderOptions& o);
// The interface name, a placeholder "<AS64501-INTERFACE>" when not given, or kPolicy for names
// that could break out of the configuration syntax.
Result<std::string> interface_name(const SavInterface& s);
}  // namespace vendor_detail
// ----------------------------------------------------------------------------------------------

namespace vendor_detail {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += sep;
    }
    out += parts[i];
  }
  return out;
}

constexpr std::string_view kAclNote =
    "note: the ACLs permit the customers' space (and IPv6 link-local) only: add the "
    "interconnect subnet where a BGP session uses addresses outside it";

std::string family_summary(std::string_view label, const PrefixList& list) {
  std::size_t exact = 0;
  for (const Entry& e : list.entries) {
    exact += e.exact() ? 1U : 0U;
  }
  std::string line =
      fmt::format("{}: {} entries ({} exact, {} ranges); excluded {}", label, list.entries.size(),
                  exact, list.entries.size() - exact, list.excluded.size());
  const Exclusion reasons[] = {Exclusion::kBogon,       Exclusion::kDefaultRoute,
                               Exclusion::kTooSpecific, Exclusion::kTooShort,
                               Exclusion::kUnallocated, Exclusion::kRpkiInvalid};
  std::vector<std::string> parts;
  for (Exclusion r : reasons) {
    const auto n = std::count_if(list.excluded.begin(), list.excluded.end(),
                                 [r](const Excluded& x) { return x.reason == r; });
    if (n > 0) {
      parts.push_back(fmt::format("{} {}", to_string(r), n));
    }
  }
  if (!parts.empty()) {
    line += ": " + join(parts, ", ");
  }
  return line;
}

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261U;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619U;
  }
  return h;
}

}  // namespace

// IRR-derived text never breaks a comment line or injects configuration.
std::string safe_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 && u < 0xc0) {
      continue;  // UTF-8 continuation byte: its lead byte already became '?'
    }
    out += (u < 0x20 || u >= 0x7f) ? '?' : c;
  }
  return out;
}

std::vector<std::string> filter_comments(const Filter& f, const RenderOptions& o,
                                         std::string_view title) {
  std::vector<std::string> lines;
  if (o.header) {
    lines.push_back(
        fmt::format("manrs filter {} for {}, generated by manrs", safe_text(f.target), title));
    std::string src = fmt::format("mode {}", to_string(f.mode));
    if (!f.sources.empty()) {
      src += "; sources " + safe_text(join(f.sources, ", "));
    }
    if (!f.rpki_description.empty()) {
      src += "; RPKI " + safe_text(f.rpki_description);
    }
    lines.push_back(std::move(src));
    std::string asns = fmt::format("origin ASNs: {}", f.asns.size());
    if (!f.bogon_asns.empty()) {
      std::vector<std::string> b;
      for (net::Asn a : f.bogon_asns) {
        b.push_back(fmt::format("AS{}", a));
      }
      asns += fmt::format("; bogon ASNs dropped: {}", join(b, " "));
    }
    lines.push_back(std::move(asns));
    if (f.has_v4) {
      lines.push_back(family_summary("IPv4", f.v4));
    }
    if (f.has_v6) {
      lines.push_back(family_summary("IPv6", f.v6));
    }
  }
  const Findings& fd = f.findings;
  if (fd.partial()) {
    lines.emplace_back("WARNING: partial expansion, the lists may be incomplete");
  }
  if (!fd.found) {
    lines.push_back(fmt::format("WARNING: {} was not found", safe_text(f.target)));
  }
  for (const std::string& m : fd.missing) {
    lines.push_back("WARNING: missing set " + safe_text(m));
  }
  for (const std::string& m : fd.any_members) {
    lines.push_back("WARNING: ANY member in " + safe_text(m));
  }
  if (fd.depth_limited) {
    lines.emplace_back("WARNING: expansion stopped at the depth limit");
  }
  if (fd.size_limited) {
    lines.emplace_back("WARNING: expansion stopped at the size limit");
  }
  for (const std::string& m : fd.problems) {
    lines.push_back("WARNING: problem: " + safe_text(m));
  }
  for (const std::string& m : fd.cycles) {
    lines.push_back("note: cycle " + safe_text(m));
  }
  return lines;
}

std::vector<std::string> antispoof_comments(const SavPlan& plan, const RenderOptions& o,
                                            std::string_view title) {
  std::vector<std::string> lines;
  const bool any_acl = std::any_of(plan.interfaces.begin(), plan.interfaces.end(),
                                   [](const SavInterface& s) { return s.acl; });
  if (!o.header) {
    if (any_acl) {
      lines.emplace_back(kAclNote);
    }
    return lines;
  }
  lines.push_back(fmt::format("manrs antispoof for {}, generated by manrs: {} interfaces", title,
                              plan.interfaces.size()));
  for (const SavInterface& s : plan.interfaces) {
    lines.push_back(fmt::format(
        "{} on {}: uRPF {}, {}: {} IPv4 + {} IPv6 sources{}", safe_text(s.customer),
        s.interface.empty() ? std::string("(interface not given)") : safe_text(s.interface),
        to_string(s.urpf), s.acl ? "ACL" : "no ACL", s.v4.size(), s.v6.size(),
        s.algorithm.empty() ? std::string() : "; " + safe_text(s.algorithm)));
    for (const std::string& n : s.notes) {
      lines.push_back("  " + safe_text(n));
    }
  }
  if (any_acl) {
    lines.emplace_back(kAclNote);
  }
  return lines;
}

void append_comments(std::string& out, const std::vector<std::string>& lines,
                     std::string_view marker) {
  for (const std::string& l : lines) {
    out += marker;
    out += ' ';
    out += l;
    out += '\n';
  }
}

std::string fit_name(std::string name, std::size_t max_len, bool letter_first) {
  if (letter_first && (name.empty() || !((name[0] >= 'A' && name[0] <= 'Z') ||
                                         (name[0] >= 'a' && name[0] <= 'z')))) {
    name = "L" + name;
  }
  if (max_len > 10 && name.size() > max_len) {
    // Deterministic and unique: a prefix of the name and a hash of the whole of it.
    name = fmt::format("{}-{:08x}", name.substr(0, max_len - 9), fnv1a(name));
  }
  return name;
}

std::string filter_base(const Filter& f, const RenderOptions& o) {
  return o.name.empty() ? f.target : o.name;
}

Result<std::vector<ListPart>> split_list(const std::string& name, std::size_t n,
                                         std::size_t dialect_limit, const RenderOptions& o,
                                         std::string_view title) {
  const std::size_t limit = o.max_entries.value_or(dialect_limit);
  std::vector<ListPart> parts;
  if (limit == 0 || n <= limit) {
    parts.push_back({name, 0, n});
    return parts;
  }
  if (o.over_limit == OverLimit::kRefuse) {
    return make_error(
        ErrorCode::kPolicy,
        fmt::format("{} list {}: entries: want <= {} per list, have {}", title, name, limit, n));
  }
  std::size_t begin = 0;
  std::size_t i = 0;
  for (std::size_t size : chunk_sizes(n, limit)) {
    parts.push_back({fmt::format("{}-{}", name, ++i), begin, begin + size});
    begin += size;
  }
  return parts;
}

std::string split_note(const std::string& name, const std::vector<ListPart>& parts, std::size_t n) {
  return fmt::format("{} has {} entries, split into {} lists {} .. {} (per-list limit {})", name, n,
                     parts.size(), parts.front().name, parts.back().name,
                     parts.front().end - parts.front().begin);
}

std::string ge_le(const Entry& e, std::string_view ge, std::string_view le) {
  if (e.min_len > e.prefix.length()) {
    return fmt::format(" {} {} {} {}", ge, e.min_len, le, e.max_len);
  }
  if (e.max_len > e.prefix.length()) {
    return fmt::format(" {} {}", le, e.max_len);
  }
  return {};
}

OriginGroups origin_groups(const Filter& f, const RenderOptions& o, std::size_t width_peer,
                           std::size_t width_no_peer) {
  OriginGroups g;
  std::vector<net::Asn> rest;
  for (net::Asn a : f.asns) {
    if (o.peer_as.has_value() && a == *o.peer_as) {
      g.peer_is_origin = true;
    } else {
      rest.push_back(a);
    }
  }
  g.groups = asn_alternations(rest, o.peer_as.has_value() ? width_peer : width_no_peer);
  return g;
}

std::vector<std::string> cisco_as_regexes(const Filter& f, const RenderOptions& o,
                                          std::size_t width_peer, std::size_t width_no_peer) {
  const OriginGroups g = origin_groups(f, o, width_peer, width_no_peer);
  std::vector<std::string> out;
  if (g.peer_is_origin) {
    out.push_back(fmt::format("^{0}(_{0})*$", *o.peer_as));
  }
  for (const std::string& alt : g.groups) {
    out.push_back(o.peer_as.has_value() ? fmt::format("^{}(_[0-9]+)*_({})$", *o.peer_as, alt)
                                        : fmt::format("^(_[0-9]+)*_({})$", alt));
  }
  return out;
}

std::string space_separated(std::string alternation) {
  std::replace(alternation.begin(), alternation.end(), '|', ' ');
  return alternation;
}

std::vector<std::string> sav_bases(const SavPlan& plan, const RenderOptions& o) {
  std::vector<std::string> bases;
  for (const SavInterface& s : plan.interfaces) {
    bases.push_back(o.name.empty() ? s.customer : o.name + "-" + s.customer);
  }
  for (std::size_t i = 0; i < bases.size(); ++i) {
    if (std::count(bases.begin(), bases.end(), bases[i]) > 1) {
      // Same customer on several interfaces: one ACL each, numbered by plan position.
      std::vector<std::string> copy = bases;
      for (std::size_t j = 0; j < bases.size(); ++j) {
        if (copy[j] == copy[i]) {
          bases[j] = fmt::format("{}-{}", copy[j], j + 1);
        }
      }
    }
  }
  return bases;
}

Result<std::string> interface_name(const SavInterface& s) {
  if (s.interface.empty()) {
    // Not a valid interface name anywhere: the operator must fill it in before deploying.
    std::string who;
    for (char c : s.customer) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      who += ok ? c : '-';
    }
    return fmt::format("<{}-INTERFACE>", who);
  }
  for (char c : s.interface) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\' || c == '\'' || c == ';' || c == '$' ||
        c == '[' || c == ']' || c == '{' || c == '}') {
      return make_error(ErrorCode::kPolicy,
                        fmt::format("antispoof interface name: want printable ASCII without "
                                    "quotes, brackets or ; $ \\, have \"{}\" for {}",
                                    safe_text(s.interface), safe_text(s.customer)));
    }
  }
  return s.interface;
}

}  // namespace vendor_detail

namespace {

using vendor_detail::append_comments;
using vendor_detail::fit_name;
using vendor_detail::ListPart;

constexpr std::size_t kMaxName = 63;

std::string name_for(const std::string& base, ListKind kind) {
  return fit_name(list_name(base, kind), kMaxName, true);
}

class CiscoDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "cisco"; }
  [[nodiscard]] std::string_view title() const override { return "Cisco IOS / IOS-XE"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& f,
                                                  const RenderOptions& o) const override {
    std::string out;
    append_comments(out, vendor_detail::filter_comments(f, o, title()), "!");
    const std::string base = vendor_detail::filter_base(f, o);
    if (o.prefix_lists) {
      if (f.has_v4) {
        MANRS_TRY_VOID(prefix_list(out, f.v4, name_for(base, ListKind::kV4), o));
      }
      if (f.has_v6) {
        MANRS_TRY_VOID(prefix_list(out, f.v6, name_for(base, ListKind::kV6), o));
      }
    }
    if (o.as_path) {
      const std::string name = name_for(base, ListKind::kAsPath);
      out += fmt::format("no ip as-path access-list {}\n", name);
      const auto regexes = vendor_detail::cisco_as_regexes(f, o, 4, 5);
      if (regexes.empty()) {
        out += "! no origin ASNs: the AS-path list denies everything\n";
        out += fmt::format("ip as-path access-list {} deny .*\n", name);
      }
      for (const std::string& r : regexes) {
        out += fmt::format("ip as-path access-list {} permit {}\n", name, r);
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
        out +=
            fmt::format("no ip access-list extended {}\nip access-list extended {}\n", acl4, acl4);
        for (const Entry& e : s.v4) {
          out += fmt::format(" permit ip {} any\n", wildcard_mask(e.prefix));
        }
        out += " deny ip any any log\n";
        out += fmt::format("no ipv6 access-list {}\nipv6 access-list {}\n", acl6, acl6);
        for (const Entry& e : s.v6) {
          out += fmt::format(" permit ipv6 {} any\n", e.prefix.to_string());
        }
        out += fmt::format(" permit ipv6 {} any\n", vendor_detail::kLinkLocal);
        out += " deny ipv6 any any log\n";
      }
      if (s.interface.empty()) {
        out += fmt::format("! set the interface of {} before deploying\n",
                           vendor_detail::safe_text(s.customer));
      }
      if (s.urpf == UrpfMode::kFeasible) {
        out +=
            "! feasible-path uRPF (RFC 8704) is not available on IOS: loose uRPF plus the ACL"
            " of the feasible sources\n";
      }
      out += fmt::format("interface {}\n", ifname);
      const char* via = s.urpf == UrpfMode::kStrict ? "rx" : "any";
      if (s.urpf != UrpfMode::kNone) {
        out += fmt::format(" ip verify unicast source reachable-via {}\n", via);
        out += fmt::format(" ipv6 verify unicast source reachable-via {}\n", via);
      }
      if (s.acl) {
        out += fmt::format(" ip access-group {} in\n", acl4);
        out += fmt::format(" ipv6 traffic-filter {} in\n", acl6);
      }
    }
    return out;
  }

 private:
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
        out += fmt::format("{} prefix-list {} deny {}\n", ip, part.name,
                           list.family == net::Family::kV4 ? "0.0.0.0/0" : "::/0");
      }
      for (std::size_t i = part.begin; i < part.end; ++i) {
        const Entry& e = list.entries[i];
        out += fmt::format("{} prefix-list {} permit {}{}\n", ip, part.name, e.prefix.to_string(),
                           vendor_detail::ge_le(e, "ge", "le"));
      }
    }
    return {};
  }
};

}  // namespace

const Dialect& cisco_dialect() {
  static const CiscoDialect kDialect;
  return kDialect;
}

}  // namespace manrs::filter
