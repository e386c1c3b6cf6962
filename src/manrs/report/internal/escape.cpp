#include "manrs/report/internal/escape.h"

#include <cstdint>

namespace manrs::report::detail {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at s[i] (RFC 3629 §4), or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<std::uint8_t>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  std::uint8_t lo = 0x80;
  std::uint8_t hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<std::uint8_t>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
  }
  return n;
}

}  // namespace

std::string clean_text(std::string_view s, bool multiline) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    if (n == 1) {
      const char c = s[i];
      if (c == '\n' || c == '\t' || c == '\r') {
        if (!multiline) {
          out += ' ';
        } else if (c != '\r') {
          out += c;
        }
      } else if (b0 < 0x20 || b0 == 0x7F) {
        out += kReplacement;
      } else {
        out += c;
      }
    } else if (n == 2 && b0 == 0xC2 && static_cast<std::uint8_t>(s[i + 1]) < 0xA0) {
      out += kReplacement;  // C1 controls U+0080..U+009F (CSI is U+009B)
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string html_escape(std::string_view s, bool multiline) {
  const std::string clean = clean_text(s, multiline);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (const char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string csv_text_field(std::string_view s) {
  std::string v;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t')) {
    v += '\'';
  }
  v.append(s);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (const char c : s) {
    if ((static_cast<std::uint8_t>(c) & 0xC0) != 0x80) ++w;
  }
  return w;
}

std::string truncate_to_width(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  if (width == 0) return {};
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool lead = (static_cast<std::uint8_t>(s[i]) & 0xC0) != 0x80;
    if (lead && ++w == width) break;
    out += s[i];
  }
  out += "\xE2\x80\xA6";  // …
  return out;
}

std::string pad(std::string_view s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  if (w >= width) return std::string(s);
  const std::string fill(width - w, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

}  // namespace manrs::report::detail
