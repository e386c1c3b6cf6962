#include "manrs/registry/dates.h"

#include <cctype>

namespace manrs::registry {

std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  // H. Hinnant's algorithm (public domain description, "chrono-Compatible Low-Level Date
  // Algorithms").
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned month_days(int y, int m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29U : kDays[m - 1];
}

}  // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  int y = 0;
  int mo = 0;
  int d = 0;
  std::size_t pos = 0;
  if (text.size() == 8) {  // 20230131
    if (!digits(text, 0, 4, y) || !digits(text, 4, 2, mo) || !digits(text, 6, 2, d)) {
      return std::nullopt;
    }
    pos = 8;
  } else {
    if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo) ||
        text[7] != '-' || !digits(text, 8, 2, d)) {
      return std::nullopt;
    }
    pos = 10;
  }
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > month_days(y, mo)) {
    return std::nullopt;
  }
  std::int64_t secs =
      days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400;
  if (pos == text.size()) return secs;
  if (pos == 8 || (text[pos] != 'T' && text[pos] != ' ')) return std::nullopt;
  int h = 0;
  int mi = 0;
  int s = 0;
  if (!digits(text, pos + 1, 2, h) || text.size() < pos + 6 || text[pos + 3] != ':' ||
      !digits(text, pos + 4, 2, mi)) {
    return std::nullopt;
  }
  pos += 6;
  if (pos < text.size() && text[pos] == ':') {
    if (!digits(text, pos + 1, 2, s)) return std::nullopt;
    pos += 3;
  }
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  secs += h * 3600 + mi * 60 + s;
  if (pos < text.size() && text[pos] == '.') {  // fractional seconds: ignored
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos == text.size()) return secs;
  if (text[pos] == 'Z' && pos + 1 == text.size()) return secs;
  if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 && text[pos + 3] == ':') {
    int oh = 0;
    int om = 0;
    if (!digits(text, pos + 1, 2, oh) || !digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    const std::int64_t off = oh * 3600 + om * 60;
    return text[pos] == '+' ? secs - off : secs + off;
  }
  return std::nullopt;
}

}  // namespace manrs::registry
