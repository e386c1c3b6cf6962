// FRRouting (tested with FRR 8.4 `vtysh --dryrun` and `bgpd -C`): prefix lists and an AS-path
// access list, each replaced as a whole ("no ..." first, then numbered entries, step 5 as FRR
// numbers them itself):
//   no ip prefix-list AS64500-V4
//   ip prefix-list AS64500-V4 seq 5 permit 192.0.2.0/24
//   ip prefix-list AS64500-V4 seq 10 permit 198.51.100.0/24 le 26      (lengths 24..26)
//   ip prefix-list AS64500-V4 seq 15 permit 203.0.113.0/24 ge 25 le 26  (lengths 25..26)
//   ipv6 prefix-list AS64500-V6 seq 5 permit 2001:db8::/32 le 48
//   no bgp as-path access-list AS64500-ASPATH
//   bgp as-path access-list AS64500-ASPATH seq 5 permit ^64500(_[0-9]+)*_(65001|65002)$
// An empty list is an explicit "deny any" (a prefix list that does not exist filters nothing
// in FRR). Names: FRR's YANG model allows 1..128 characters.
// `no bgp as-path access-list NAME` makes FRR warn "doesn't exist" on a router that does not
// have the list yet; the warning is harmless (the prefix-list "no" is silent).
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "manrs/filter/internal/daemon_common.h"
#include "manrs/filter/render.h"

namespace manrs::filter {

namespace {

constexpr std::size_t kNameLimit = 128;
constexpr std::size_t kAsnsPerRegex = 8;  // keeps each line short (bgpq4 -W-like)
constexpr std::size_t kSeqStep = 5;

std::string entry_text(const Entry& e) {
  std::string p = e.prefix.to_string();
  if (e.exact()) {
    return p;
  }
  if (e.min_len == e.prefix.length()) {
    return fmt::format("{} le {}", p, e.max_len);
  }
  return fmt::format("{} ge {} le {}", p, e.min_len, e.max_len);
}

class FrrDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "frr"; }
  [[nodiscard]] std::string_view title() const override { return "FRRouting (FRR)"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& filter,
                                                  const RenderOptions& options) const override {
    std::string out;
    if (options.header) {
      for (const std::string& line : detail::header_lines(filter, title())) {
        out += fmt::format("! {}\n", line);
      }
    }
    const std::string base = detail::list_base(filter, options, kNameLimit);
    if (options.prefix_lists) {
      for (const PrefixList* list :
           {filter.has_v4 ? &filter.v4 : nullptr, filter.has_v6 ? &filter.v6 : nullptr}) {
        if (list == nullptr) {
          continue;
        }
        const bool v4 = list->family == net::Family::kV4;
        const std::string name = list_name(base, v4 ? ListKind::kV4 : ListKind::kV6);
        MANRS_TRY(auto parts, detail::split_list(name, *list, options, max_entries(), title()));
        if (parts.size() > 1) {
          out +=
              fmt::format("! {} has {} entries, split into {} lists ({}-1 .. {}-{}): match each\n",
                          name, list->entries.size(), parts.size(), name, name, parts.size());
        }
        const std::string_view cmd = v4 ? "ip prefix-list" : "ipv6 prefix-list";
        for (const auto& part : parts) {
          out += fmt::format("no {} {}\n", cmd, part.name);
          if (part.entries.empty()) {
            out += fmt::format("! {} is empty: deny everything\n", part.name);
            out += fmt::format("{} {} seq {} deny any\n", cmd, part.name, kSeqStep);
            continue;
          }
          std::size_t seq = 0;
          for (const Entry& e : part.entries) {
            seq += kSeqStep;
            out += fmt::format("{} {} seq {} permit {}\n", cmd, part.name, seq, entry_text(e));
          }
        }
      }
    }
    if (options.as_path) {
      render_as_path(out, filter, options, list_name(base, ListKind::kAsPath));
    }
    return out;
  }

  [[nodiscard]] Result<std::string> render_antispoof(
      const SavPlan& /*plan*/, const RenderOptions& /*options*/) const override {
    return make_error(ErrorCode::kUnsupported,
                      "FRR does not filter forwarded packets: source address validation on Linux "
                      "is the kernel's rp_filter (strict/loose uRPF) or an nftables ACL, outside "
                      "FRR");
  }

 private:
  // bgpq4 -f / -G shapes: with a peer AS the path starts with it ("^PEER(_PEER)*$" when the
  // peer is itself an origin, prepends allowed) and ends in an origin; without, it ends in an
  // origin. FRR's '_' matches start, end, space and AS_SET punctuation.
  static void render_as_path(std::string& out, const Filter& filter, const RenderOptions& options,
                             const std::string& name) {
    out += fmt::format("! origin ASNs of {} ({})\n", detail::comment_safe(filter.target),
                       filter.asns.size());
    out += fmt::format("no bgp as-path access-list {}\n", name);
    std::size_t seq = 0;
    std::vector<net::Asn> origins = filter.asns;
    if (options.peer_as &&
        std::binary_search(filter.asns.begin(), filter.asns.end(), *options.peer_as)) {
      seq += kSeqStep;
      out += fmt::format("bgp as-path access-list {} seq {} permit ^{}(_{})*$\n", name, seq,
                         *options.peer_as, *options.peer_as);
      std::erase(origins, *options.peer_as);
    }
    if (filter.asns.empty()) {
      out += fmt::format("! {} is empty: deny everything\n", name);
    }
    for (const std::string& alt : asn_alternations(origins, kAsnsPerRegex)) {
      seq += kSeqStep;
      if (options.peer_as) {
        out += fmt::format("bgp as-path access-list {} seq {} permit ^{}(_[0-9]+)*_({})$\n", name,
                           seq, *options.peer_as, alt);
      } else {
        out += fmt::format("bgp as-path access-list {} seq {} permit ^(_[0-9]+)*_({})$\n", name,
                           seq, alt);
      }
    }
    if (seq == 0) {
      out += fmt::format("bgp as-path access-list {} seq {} deny .*\n", name, kSeqStep);
    }
  }
};

}  // namespace

const Dialect& frr_dialect() {
  static const FrrDialect dialect;
  return dialect;
}

}  // namespace manrs::filter
