// rpki/io_csv.cpp — CSV VRP exports with a header row naming the columns (case, spaces and
// quotes do not matter): rpki-client `ASN,IP Prefix,Max Length,Trust Anchor,Expires`, Routinator
// csv / csvcompat (every field quoted, ASN without "AS") / csvext (`URI,ASN,IP Prefix,Max
// Length,Not Before,Not After`), RIPE NCC validator CSV. Fields may be RFC 4180 quoted.
#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include <fmt/format.h>

#include "manrs/rpki/io_common.h"

namespace manrs::rpki::detail {
namespace {

enum class Column : std::uint8_t { kIgnore, kAsn, kPrefix, kMaxLength, kTa, kExpires };

Column column_of(std::string_view header) {
  std::string n;
  for (char c : trim(header)) {
    if (c == ' ' || c == '_' || c == '-' || c == '"') continue;
    n += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  struct Name {
    std::string_view name;
    Column column;
  };
  static constexpr std::array<Name, 15> kNames{{
      {"asn", Column::kAsn},
      {"as", Column::kAsn},
      {"originas", Column::kAsn},
      {"origin", Column::kAsn},
      {"ipprefix", Column::kPrefix},
      {"prefix", Column::kPrefix},
      {"maxlength", Column::kMaxLength},
      {"maxlen", Column::kMaxLength},
      {"maxprefixlength", Column::kMaxLength},
      {"trustanchor", Column::kTa},
      {"ta", Column::kTa},
      {"tal", Column::kTa},
      {"expires", Column::kExpires},
      {"notafter", Column::kExpires},
      {"validuntil", Column::kExpires},
  }};
  for (const auto& entry : kNames) {
    if (n == entry.name) return entry.column;
  }
  return Column::kIgnore;
}

// Splits one line into fields: RFC 4180 quoting ("a,b" and "" for a quote inside quotes);
// unquoted fields are trimmed. Unescaped copies live in `owned` (stable: a deque). Returns
// empty on success, else what is wrong with the line ("want .., have ..").
std::string split_csv(std::string_view line, std::vector<std::string_view>& fields,
                      std::deque<std::string>& owned) {
  fields.clear();
  owned.clear();
  std::size_t pos = 0;
  while (true) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos < line.size() && line[pos] == '"') {
      const std::size_t start = ++pos;
      bool escaped = false;
      while (true) {
        const std::size_t q = line.find('"', pos);
        if (q == std::string_view::npos) return "want a closing quote, have none";
        if (q + 1 < line.size() && line[q + 1] == '"') {
          escaped = true;
          pos = q + 2;
          continue;
        }
        pos = q + 1;
        break;
      }
      std::string_view raw = line.substr(start, pos - 1 - start);
      if (escaped) {
        std::string& s = owned.emplace_back();
        for (std::size_t i = 0; i < raw.size(); ++i) {
          s += raw[i];
          if (raw[i] == '"') ++i;  // "" -> "
        }
        raw = s;
      }
      fields.push_back(raw);
      while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
      if (pos < line.size() && line[pos] != ',') {
        return fmt::format("want ',' after a closing quote, have {}", quoted(line.substr(pos, 1)));
      }
    } else {
      const std::size_t comma = std::min(line.find(',', pos), line.size());
      fields.push_back(trim(line.substr(pos, comma - pos)));
      pos = comma;
    }
    if (pos >= line.size()) return {};
    ++pos;  // the comma
  }
}

struct Layout {
  std::size_t asn = SIZE_MAX;
  std::size_t prefix = SIZE_MAX;
  std::size_t max_length = SIZE_MAX;
  std::size_t ta = SIZE_MAX;
  std::size_t expires = SIZE_MAX;
};

}  // namespace

bool is_csv_header(std::string_view line) {
  std::vector<std::string_view> fields;
  std::deque<std::string> owned;
  if (!split_csv(line, fields, owned).empty()) return false;
  bool asn = false;
  bool prefix = false;
  for (auto f : fields) {
    const Column col = column_of(f);
    asn = asn || col == Column::kAsn;
    prefix = prefix || col == Column::kPrefix;
  }
  return asn && prefix;
}

Status parse_csv(std::string_view data, Collector& c) {
  c.set().metadata.generator = "csv";
  LineReader lines(data);
  std::string_view line;
  std::size_t number = 0;
  std::vector<std::string_view> fields;
  std::deque<std::string> owned;
  bool have_header = false;
  Layout layout;
  while (lines.next(line, number)) {
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    const std::string damage = split_csv(line, fields, owned);
    if (!have_header) {
      if (!damage.empty()) return c.malformed(number, "CSV header: " + damage);
      for (std::size_t i = 0; i < fields.size(); ++i) {
        std::size_t* slot = nullptr;
        switch (column_of(fields[i])) {
          case Column::kAsn:
            slot = &layout.asn;
            break;
          case Column::kPrefix:
            slot = &layout.prefix;
            break;
          case Column::kMaxLength:
            slot = &layout.max_length;
            break;
          case Column::kTa:
            slot = &layout.ta;
            break;
          case Column::kExpires:
            slot = &layout.expires;
            break;
          case Column::kIgnore:
            break;
        }
        if (slot != nullptr && *slot == SIZE_MAX) *slot = i;
      }
      if (layout.asn == SIZE_MAX || layout.prefix == SIZE_MAX) {
        return c.malformed(
            number,
            fmt::format("CSV header: want columns ASN and IP Prefix, have {}", quoted(line)));
      }
      have_header = true;
      continue;
    }
    if (!damage.empty()) {
      MANRS_TRY_VOID(c.reject(number, ErrorCode::kMalformed, "row: " + damage));
      continue;
    }
    auto field = [&](std::size_t index) -> std::string_view {
      return index < fields.size() ? fields[index] : std::string_view();
    };
    auto missing = [&](std::size_t index, std::string_view name) -> Status {
      return c.reject(
          number, ErrorCode::kMalformed,
          fmt::format("{}: missing (column {}, the row has {})", name, index + 1, fields.size()));
    };
    if (layout.asn >= fields.size() || field(layout.asn).empty()) {
      MANRS_TRY_VOID(missing(layout.asn, "asn"));
      continue;
    }
    if (layout.prefix >= fields.size() || field(layout.prefix).empty()) {
      MANRS_TRY_VOID(missing(layout.prefix, "prefix"));
      continue;
    }
    auto asn = parse_asn(field(layout.asn));
    if (!asn) {
      MANRS_TRY_VOID(c.reject(number, asn.error().code, "asn: " + asn.error().message));
      continue;
    }
    auto prefix = parse_prefix(field(layout.prefix));
    if (!prefix) {
      MANRS_TRY_VOID(c.reject(number, prefix.error().code, "prefix: " + prefix.error().message));
      continue;
    }
    unsigned max_length = prefix->length();
    if (layout.max_length != SIZE_MAX) {
      if (field(layout.max_length).empty()) {
        MANRS_TRY_VOID(missing(layout.max_length, "maxLength"));
        continue;
      }
      auto ml = parse_max_length(field(layout.max_length));
      if (!ml) {
        MANRS_TRY_VOID(c.reject(number, ml.error().code, "maxLength: " + ml.error().message));
        continue;
      }
      max_length = *ml;
    }
    std::int64_t expires = 0;
    if (layout.expires != SIZE_MAX && !field(layout.expires).empty()) {
      auto t = parse_time(field(layout.expires));
      if (!t) {
        MANRS_TRY_VOID(c.reject(number, t.error().code, "expires: " + t.error().message));
        continue;
      }
      expires = *t;
    }
    const std::uint16_t ta = layout.ta != SIZE_MAX ? c.ta(field(layout.ta)) : std::uint16_t{0};
    MANRS_TRY_VOID(c.add_vrp(number, {}, *prefix, max_length, *asn, ta, expires));
  }
  if (!have_header) return c.malformed(0, "CSV: want a header row, have none");
  return {};
}

}  // namespace manrs::rpki::detail
