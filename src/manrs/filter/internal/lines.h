// filter/internal/lines.h — streaming line iteration for the text files the filter commands
// read (unallocated-space lists, previous deployed lists).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "manrs/core/input.h"
#include "manrs/core/result.h"

namespace manrs::filter::detail {

// Calls `line(text, number)` (1-based) for every line of `source` ('\n' ends a line, a final
// "\r" is dropped, the last line needs no '\n'), holding one line at a time. The first error
// `line` returns stops the walk. A line longer than `max_line` bytes is kLimitExceeded:
// "<source>:<n>: line: want at most <max_text>, have more".
[[nodiscard]] Status for_each_line(
    core::ByteSource& source, std::size_t max_line, std::string_view max_text,
    const std::function<Status(std::string_view, std::uint64_t)>& line);

}  // namespace manrs::filter::detail
