#include "manrs/filter/internal/daemon_common.h"

#include <array>
#include <cstdint>

#include <fmt/format.h>

namespace manrs::filter::detail {

namespace {

constexpr std::size_t kMaxItemsPerKind = 10;
constexpr std::size_t kSuffixRoom = 16;  // "-ORIGINS" (8), "-SAV-V6" + "-12345" (13), BIRD's '_'

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261U;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619U;
  }
  return h;
}

// Appends "WARNING: <what> <item>" for at most kMaxItemsPerKind items, then the rest counted.
void add_items(std::vector<std::string>& out, std::string_view what,
               const std::vector<std::string>& items) {
  for (std::size_t i = 0; i < items.size() && i < kMaxItemsPerKind; ++i) {
    out.push_back(fmt::format("WARNING: {} {}", what, comment_safe(items[i])));
  }
  if (items.size() > kMaxItemsPerKind) {
    out.push_back(fmt::format("WARNING: ... and {} more ({} in all)",
                              items.size() - kMaxItemsPerKind, items.size()));
  }
}

std::string family_counts(const PrefixList& list) {
  std::string text =
      fmt::format("{}: {} {}, {} excluded", family_name(list.family), list.entries.size(),
                  list.entries.size() == 1 ? "entry" : "entries", list.excluded.size());
  constexpr std::array kReasons{Exclusion::kBogon,       Exclusion::kDefaultRoute,
                                Exclusion::kTooSpecific, Exclusion::kTooShort,
                                Exclusion::kUnallocated, Exclusion::kRpkiInvalid};
  std::string reasons;
  for (Exclusion r : kReasons) {
    std::size_t n = 0;
    for (const Excluded& x : list.excluded) {
      n += x.reason == r ? 1 : 0;
    }
    if (n > 0) {
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", n, to_string(r));
    }
  }
  if (!reasons.empty()) {
    text += fmt::format(" ({})", reasons);
  }
  return text;
}

}  // namespace

std::string comment_safe(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '\\') {
      c = '?';
    }
  }
  return out;
}

std::string_view family_name(net::Family family) {
  return family == net::Family::kV4 ? "IPv4" : "IPv6";
}

std::vector<std::string> header_lines(const Filter& filter, std::string_view title) {
  std::vector<std::string> out;
  out.push_back(fmt::format("manrs filter {} (mode {}) for {}", comment_safe(filter.target),
                            to_string(filter.mode), title));
  if (!filter.sources.empty()) {
    out.push_back(fmt::format("IRR sources: {}",
                              comment_safe(fmt::format("{}", fmt::join(filter.sources, ", ")))));
  }
  if (!filter.rpki_description.empty()) {
    out.push_back(fmt::format("RPKI: {}", comment_safe(filter.rpki_description)));
  }
  std::string asns = fmt::format("origin ASNs: {}", filter.asns.size());
  if (!filter.bogon_asns.empty()) {
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < filter.bogon_asns.size() && i < kMaxItemsPerKind; ++i) {
      shown.push_back(net::format_asn(filter.bogon_asns[i]));
    }
    asns += fmt::format(" ({} bogon ASNs dropped: {}{})", filter.bogon_asns.size(),
                        fmt::join(shown, " "),
                        filter.bogon_asns.size() > kMaxItemsPerKind ? " ..." : "");
  }
  out.push_back(std::move(asns));
  if (filter.has_v4) {
    out.push_back(family_counts(filter.v4));
  }
  if (filter.has_v6) {
    out.push_back(family_counts(filter.v6));
  }
  const Findings& f = filter.findings;
  if (!f.found) {
    out.push_back(fmt::format("WARNING: {} was not found in the selected sources",
                              comment_safe(filter.target)));
  }
  if (!f.missing.empty()) {
    out.push_back(fmt::format("WARNING: {} referenced set{} not found, the expansion is partial",
                              f.missing.size(), f.missing.size() == 1 ? "" : "s"));
    add_items(out, "missing", f.missing);
  }
  add_items(out, "member AS-ANY/RS-ANY in", f.any_members);
  if (f.depth_limited) {
    out.push_back("WARNING: the expansion stopped at the depth limit, the lists are partial");
  }
  if (f.size_limited) {
    out.push_back("WARNING: the expansion stopped at the size limit, the lists are partial");
  }
  add_items(out, "problem:", f.problems);
  add_items(out, "cycle (ignored):", f.cycles);
  return out;
}

std::string list_base(const Filter& filter, const RenderOptions& options, std::size_t name_limit) {
  // list_name maps the characters; strip its "-V4" suffix to get the mapped base.
  std::string base = list_name(options.name.empty() ? filter.target : options.name, ListKind::kV4);
  base.resize(base.size() - 3);
  if (name_limit > kSuffixRoom + 9 && base.size() > name_limit - kSuffixRoom) {
    const std::uint32_t h = fnv1a(base);
    base.resize(name_limit - kSuffixRoom - 9);
    base += fmt::format("-{:08x}", h);
  }
  return base;
}

Result<std::vector<ListPart>> split_list(const std::string& name, const PrefixList& list,
                                         const RenderOptions& options, std::size_t dialect_limit,
                                         std::string_view dialect_title, std::string_view sep) {
  const unsigned family_max = list.family == net::Family::kV4 ? 32U : 128U;
  for (const Entry& e : list.entries) {
    if (e.prefix.family() != list.family || e.prefix.length() > e.min_len ||
        e.min_len > e.max_len || e.max_len > family_max) {
      return make_error(
          ErrorCode::kInternal,
          fmt::format(
              "list {}: entry {}/{}{{{},{}}}: want an {} prefix, length <= min <= max <= {}", name,
              e.prefix.address().to_string(), e.prefix.length(), e.min_len, e.max_len,
              family_name(list.family), family_max));
    }
  }
  const std::size_t limit = options.max_entries.value_or(dialect_limit);
  const std::size_t n = list.entries.size();
  std::vector<ListPart> parts;
  if (limit == 0 || n <= limit) {
    parts.push_back({name, std::span<const Entry>(list.entries)});
    return parts;
  }
  if (options.over_limit == OverLimit::kRefuse) {
    return make_error(ErrorCode::kPolicy,
                      fmt::format("list {}: entries: want at most {} per list ({}), have {}", name,
                                  limit, dialect_title, n));
  }
  std::size_t at = 0;
  std::size_t k = 1;
  for (std::size_t size : chunk_sizes(n, limit)) {
    parts.push_back({fmt::format("{}{}{}", name, sep, k),
                     std::span<const Entry>(list.entries).subspan(at, size)});
    at += size;
    ++k;
  }
  return parts;
}

}  // namespace manrs::filter::detail
