// rpki/io_common.cpp — the Collector, line index and text codecs shared by the VRP readers.
#include "manrs/rpki/io_common.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <utility>

#include <fmt/format.h>

namespace manrs::rpki::detail {

// ----- LineIndex / LineReader -------------------------------------------------------------------

std::size_t LineIndex::line_at(std::size_t offset) {
  offset = std::min(offset, data_.size());
  if (offset < pos_) {  // rare: an earlier position; count again from the start
    pos_ = 0;
    line_ = 1;
  }
  const auto* begin = data_.data() + pos_;
  const auto* end = data_.data() + offset;
  line_ += static_cast<std::size_t>(std::count(begin, end, '\n'));
  pos_ = offset;
  return line_;
}

bool LineReader::next(std::string_view& line, std::size_t& number) {
  if (pos_ >= data_.size()) return false;
  std::size_t nl = data_.find('\n', pos_);
  if (nl == std::string_view::npos) nl = data_.size();
  line = data_.substr(pos_, nl - pos_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos_ = nl + 1;
  number = ++number_;
  return true;
}

// ----- Collector --------------------------------------------------------------------------------

Collector::Collector(std::string_view source, const ReadOptions& options, VrpSet& set,
                     ReadReport& report)
    : source_(source), options_(options), set_(set), report_(report) {}

std::string Collector::where(std::size_t line) const {
  if (line == 0) return source_;
  return fmt::format("{}:{}", source_, line);
}

Status Collector::add_vrp(Place place, std::string_view path, const net::Prefix& prefix,
                          unsigned max_length, net::Asn asn, std::uint16_t ta,
                          std::int64_t expires) {
  if (auto ok = check_vrp(prefix, max_length); !ok) {
    std::string msg =
        path.empty() ? ok.error().message : fmt::format("{}.{}", path, ok.error().message);
    return reject(place, ok.error().code, std::move(msg));
  }
  Vrp v;
  v.prefix = prefix;
  v.max_length = static_cast<std::uint8_t>(max_length);
  v.asn = asn;
  v.ta = ta;
  v.expires = expires;
  set_.vrps.push_back(v);
  ++report_.entries;
  return {};
}

Status Collector::add_aspa(Place place, std::string_view path, Aspa aspa) {
  if (aspa.providers.empty()) {
    return reject(
        place, ErrorCode::kPolicy,
        fmt::format("{}: want at least one ASN, have none", field_path(path, "providers")));
  }
  if (aspa.providers.size() > kMaxAspaProviders) {
    return reject(place, ErrorCode::kLimitExceeded,
                  fmt::format("{}: want <= {} ASNs, have {}", field_path(path, "providers"),
                              kMaxAspaProviders, aspa.providers.size()));
  }
  set_.aspas.push_back(std::move(aspa));
  ++report_.entries;
  return {};
}

void Collector::add_router_key(RouterKey key) {
  set_.router_keys.push_back(std::move(key));
  ++report_.entries;
}

Status Collector::reject(Place place, ErrorCode code, std::string message, std::size_t count) {
  report_.rejected += count;
  if (!options_.strict && report_.problems.size() >= options_.max_problems) return {};
  Error e = make_error(code, std::move(message), where(place.resolve()));
  if (options_.strict) return e;
  report_.problems.push_back(std::move(e));
  return {};
}

std::uint16_t Collector::ta(std::string_view name) {
  if (name.empty()) return 0;
  if (name == last_ta_) return last_ta_index_;
  std::uint16_t index = 0;
  if (auto it = ta_cache_.find(std::string(name)); it != ta_cache_.end()) {
    index = it->second;
  } else {
    // VrpSet::intern_ta scans the table; with the cache each new name is looked up once here,
    // and the set starts with only "" (parse_vrps builds a fresh set), so appending is interning.
    if (set_.trust_anchors.size() < 65535) {
      set_.trust_anchors.emplace_back(name);
      index = static_cast<std::uint16_t>(set_.trust_anchors.size() - 1);
    }
    if (index != 0) ta_cache_.emplace(std::string(name), index);
  }
  last_ta_.assign(name);
  last_ta_index_ = index;
  return index;
}

Error Collector::malformed(std::size_t line, std::string message) const {
  return make_error(ErrorCode::kMalformed, std::move(message), where(line));
}

// ----- text helpers -----------------------------------------------------------------------------

std::string field_path(std::string_view path, std::string_view field) {
  if (path.empty()) return std::string(field);
  return fmt::format("{}.{}", path, field);
}

std::string quoted(std::string_view text) {
  std::string out = "'";
  const std::size_t n = std::min(text.size(), kMaxQuotedChars);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7f) {
      out += fmt::format("\\x{:02x}", unsigned{c});  // hostile bytes shown as data
    } else {
      out += text[i];
    }
  }
  if (text.size() > n) out += "...";
  out += '\'';
  return out;
}

std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool parse_uint(std::string_view s, std::uint64_t max, std::uint64_t& out) {
  if (s.empty() || s.size() > 20) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (d > max || v > (max - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

Result<net::Prefix> parse_prefix(std::string_view text) { return net::Prefix::parse(text); }

Result<unsigned> parse_max_length(std::string_view text) {
  std::uint64_t v = 0;
  if (!parse_uint(text, 255, v)) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("want a prefix length 0..128, have {}", quoted(text)));
  }
  return static_cast<unsigned>(v);
}

Result<net::Asn> parse_asn(std::string_view text) { return net::parse_asn(text); }

Result<std::int64_t> parse_time(std::string_view text) {
  std::uint64_t v = 0;
  if (parse_uint(text, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()), v)) {
    return static_cast<std::int64_t>(v);
  }
  if (auto t = parse_iso8601(text)) return *t;
  return make_error(ErrorCode::kMalformed,
                    fmt::format("want unix seconds or an ISO 8601 time, have {}", quoted(text)));
}

// ----- times ------------------------------------------------------------------------------------

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, unsigned& out) {
  if (pos + n > s.size()) return false;
  std::uint64_t v = 0;
  if (!parse_uint(s.substr(pos, n), 9999, v)) return false;
  out = static_cast<unsigned>(v);
  return true;
}

unsigned days_in_month(unsigned y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
  unsigned y = 0;
  unsigned mo = 0;
  unsigned d = 0;
  unsigned h = 0;
  unsigned mi = 0;
  unsigned se = 0;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, se)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      unsigned oh = 0;
      unsigned om = 0;
      if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
          !digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
        return std::nullopt;
      }
      offset = (s[pos] == '+' ? 1 : -1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
      pos += 6;
    }
  }
  if (pos != s.size()) return std::nullopt;
  const std::int64_t days = days_from_civil(y, mo, d);
  return days * 86400 + static_cast<std::int64_t>(h * 3600 + mi * 60 + std::min(se, 59U)) - offset;
}

std::string format_iso8601(std::int64_t t) {
  std::int64_t days = t / 86400;
  std::int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  const Civil c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, secs / 3600,
                     (secs / 60) % 60, secs % 60);
}

// ----- UTF-8 and JSON strings -------------------------------------------------------------------

std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k, unsigned lo, unsigned hi) {
    if (i + k >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return b >= lo && b <= hi;
  };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;  // no surrogates
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;  // <= U+10FFFF
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

std::size_t first_bad_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::size_t unclosed_json_string(std::string_view s) {
  std::size_t open = std::string_view::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (open != std::string_view::npos && s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      open = open == std::string_view::npos ? i : std::string_view::npos;
    }
  }
  return open;
}

// ----- hex and base64 ---------------------------------------------------------------------------

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

bool parse_hex(std::string_view text, std::span<std::uint8_t> out) {
  if (text.size() != out.size() * 2) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(text[2 * i]);
    const int lo = hex_value(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return true;
}

bool decode_base64(std::string_view text, std::vector<std::uint8_t>& out) {
  out.clear();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return false;
  out.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t acc = 0;
  unsigned bits = 0;
  for (char c : text) {
    const int v = base64_value(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFFU));
    }
  }
  return true;
}

std::string encode_base64(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) |
                            std::uint32_t{bytes[i + 2]};
    out += kBase64[(v >> 18) & 63U];
    out += kBase64[(v >> 12) & 63U];
    out += kBase64[(v >> 6) & 63U];
    out += kBase64[v & 63U];
  }
  if (i + 1 == bytes.size()) {
    const std::uint32_t v = std::uint32_t{bytes[i]} << 16;
    out += kBase64[(v >> 18) & 63U];
    out += kBase64[(v >> 12) & 63U];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const std::uint32_t v = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8);
    out += kBase64[(v >> 18) & 63U];
    out += kBase64[(v >> 12) & 63U];
    out += kBase64[(v >> 6) & 63U];
    out += '=';
  }
  return out;
}

}  // namespace manrs::rpki::detail
