// app/json_text.h — JSON string escaping for the commands' hand-written JSON output (RFC 8259
// §7: quote, backslash and control characters escaped; other bytes, UTF-8 included, as they are).
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace manrs::app {

// Appends `s` escaped, without the surrounding quotes.
inline void append_json_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
}

// Appends `s` as a JSON string, quotes included.
inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

}  // namespace manrs::app
