// filter/internal/daemon_common.h — what the routing-daemon and data dialects (BIRD, FRR,
// OpenBGPD, JSON, plain) share: the header comment, comment-safe text, list names that fit a
// parser's length limit, and splitting a list at the per-list entry limit (split or refuse).
// Private to src/manrs/filter (namespace detail); render.h is the public interface.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/filter/model.h"
#include "manrs/filter/render.h"

namespace manrs::filter::detail {

// `text` with every byte outside printable ASCII, and the backslash (OpenBGPD continues a line
// ending in '\', comments included), replaced by '?': IRR data can never end a comment early.
[[nodiscard]] std::string comment_safe(std::string_view text);

// The header block (without comment markers), deterministic (no clock): target, mode, dialect,
// sources, RPKI, counts per family and per exclusion reason, and every finding an operator
// must see (at most 10 items per kind, then "... and N more").
[[nodiscard]] std::vector<std::string> header_lines(const Filter& filter, std::string_view title);

// The base of the list names (RenderOptions::name, else Filter::target; characters outside
// [A-Za-z0-9_-] become '-'), shortened when a name built from it (base + a suffix of at most
// 16 characters: "-ORIGINS", "-V4-12345") could exceed `name_limit`: then the first characters
// and '-' plus 8 hex digits of a hash of the whole base (deterministic, distinct bases stay
// distinct with high probability).
[[nodiscard]] std::string list_base(const Filter& filter, const RenderOptions& options,
                                    std::size_t name_limit);

// One rendered list: its name and its entries.
struct ListPart {
  std::string name;
  std::span<const Entry> entries;
};

// The parts of list `name` holding `entries`: one part when within the limit
// (options.max_entries if set, else `dialect_limit`; 0 = none), else NAME<sep>1, NAME<sep>2, ...
// (OverLimit::kSplit) or an Error kPolicy naming the list, its size and the limit (kRefuse).
// Also checks the model's invariants the renderers rely on (family of the list,
// length <= min <= max <= family maximum): Error kInternal otherwise.
[[nodiscard]] Result<std::vector<ListPart>> split_list(
    const std::string& name, const PrefixList& list, const RenderOptions& options,
    std::size_t dialect_limit, std::string_view dialect_title, std::string_view sep = "-");

// "IPv4" / "IPv6".
[[nodiscard]] std::string_view family_name(net::Family family);

}  // namespace manrs::filter::detail
