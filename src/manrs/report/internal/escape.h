// report/internal/escape.h — registry text made safe for each output: valid UTF-8 without control
// characters (terminal and HTML), HTML/XML entities, RFC 4180 CSV fields, display widths.
//
// Everything a report shows that came from a registry, a routing table or a file name goes
// through one of these (STYLE U9: hostile data is shown as data, never as markup or as a
// terminal escape sequence).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace manrs::report::detail {

// Valid UTF-8 with every C0/C1 control character and DEL replaced by U+FFFD, invalid byte
// sequences (overlong, surrogates, truncated) by U+FFFD. `multiline`: "\n" and "\t" are kept and
// "\r" dropped; otherwise "\n", "\r" and "\t" become one space.
[[nodiscard]] std::string clean_text(std::string_view s, bool multiline = false);

// clean_text, then & < > " ' as entities: safe in HTML and SVG text and in quoted attributes.
[[nodiscard]] std::string html_escape(std::string_view s, bool multiline = false);

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (quotes doubled). A text
// field that starts with = + - @ or a tab (spreadsheet formula triggers) gets a leading "'".
[[nodiscard]] std::string csv_text_field(std::string_view s);

// Terminal columns of UTF-8 text: one per code point (wide CJK forms are not special-cased).
[[nodiscard]] std::size_t display_width(std::string_view s);
// `s` cut to at most `width` columns; a cut ends in "…".
[[nodiscard]] std::string truncate_to_width(std::string_view s, std::size_t width);
// `s` padded with spaces to `width` columns (left-aligned), or right-aligned with `right`.
[[nodiscard]] std::string pad(std::string_view s, std::size_t width, bool right = false);

}  // namespace manrs::report::detail
