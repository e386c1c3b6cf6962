// registry/spoofer.cpp — see spoofer.h. JSON and CSV rows are first turned into named cells
// (with where each came from, for errors), then into tests by one function.
#include "manrs/registry/spoofer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>
#include <system_error>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "manrs/registry/dates.h"
#include "manrs/registry/internal/json_scan.h"

namespace manrs::registry {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u >= 0x7f || c == '"') ? fmt::format("\\x{:02x}", u) : std::string(1, c);
  }
  if (s.size() > 40) out += "...";
  return out + "\"";
}

// One named value of a session row and where it came from.
struct Cell {
  std::string key;  // lower-case
  std::string text;
  bool null = false;
  std::string source;  // "file:line"
  std::string at;      // "offset 123" / "column 4"
};

class Row {
 public:
  std::vector<Cell> cells;

  [[nodiscard]] const Cell* get(std::string_view key) const {
    for (const Cell& c : cells) {
      if (c.key == key) return c.null || trim(c.text).empty() ? nullptr : &c;
    }
    return nullptr;
  }
  [[nodiscard]] bool has_key(std::string_view key) const {
    return std::any_of(cells.begin(), cells.end(), [&](const Cell& c) { return c.key == key; });
  }
};

Error bad(const Cell& c, std::string_view want) {
  return make_error(ErrorCode::kMalformed,
                    fmt::format("{}: {}: want {}, have {}", c.at, c.key, want, quoted(c.text)),
                    c.source);
}

Result<std::optional<bool>> to_bool(const Cell* c) {
  if (c == nullptr) return std::optional<bool>{};
  const std::string v = lower(trim(c->text));
  if (v == "true" || v == "1" || v == "yes" || v == "t") return std::optional<bool>{true};
  if (v == "false" || v == "0" || v == "no" || v == "f") return std::optional<bool>{false};
  return bad(*c, "true or false");
}

struct FamilyKeys {
  std::string_view asn, client, nat, routed, priv;
};
constexpr FamilyKeys kV4{"asn4", "client4", "nat4", "routedspoof", "privatespoof"};
constexpr FamilyKeys kV6{"asn6", "client6", "nat6", "routedspoof6", "privatespoof6"};
// Shadowserver "caida_ip_spoofer" columns: one family a row, named by `version`.
constexpr FamilyKeys kShadow{"asn", "network", "nat", "routedspoof", "privatespoof"};

Status add_family(const Row& row, const FamilyKeys& k, std::uint64_t session, std::int64_t ts,
                  std::vector<SpooferTest>& out, SpooferLoadReport& report) {
  const Cell* routed = row.get(k.routed);
  const Cell* priv = row.get(k.priv);
  const Cell* asn = row.get(k.asn);
  const Cell* client = row.get(k.client);
  if (client == nullptr && k.client == "network") client = row.get("ip");
  if (routed == nullptr && priv == nullptr && asn == nullptr && client == nullptr) return {};
  if (asn == nullptr || client == nullptr) {
    ++report.skipped;
    return {};
  }
  SpooferTest t;
  t.session = session;
  t.timestamp = ts;
  auto a = net::parse_asn(trim(asn->text));
  if (!a) return bad(*asn, "an AS number");
  t.asn = *a;
  auto p = net::Prefix::parse(trim(client->text), true);
  if (!p) return bad(*client, "an IP prefix or address");
  t.client = *p;
  MANRS_TRY(t.nat, to_bool(row.get(k.nat)));
  if (routed != nullptr) t.routed = parse_spoof_result(trim(routed->text));
  if (priv != nullptr) t.private_source = parse_spoof_result(trim(priv->text));
  out.push_back(t);
  ++report.tests;
  return {};
}

Status add_session(const Row& row, std::vector<SpooferTest>& out, SpooferLoadReport& report) {
  std::uint64_t session = 0;
  if (const Cell* c = row.get("session")) {
    const std::string_view v = trim(c->text);
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), session);
    if (ec != std::errc{} || ptr != v.data() + v.size()) return bad(*c, "a session number");
  }
  const Cell* tc = row.get("timestamp");
  if (tc == nullptr) {
    const Cell& first = row.cells.front();
    return make_error(ErrorCode::kMalformed,
                      fmt::format("{}: timestamp: want a time, have none", first.at), first.source);
  }
  std::optional<std::int64_t> ts = parse_timestamp(tc->text);
  if (!ts) {
    std::int64_t unix = 0;
    const std::string_view v = trim(tc->text);
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), unix);
    if (ec == std::errc{} && ptr == v.data() + v.size() && v.size() >= 9) ts = unix;
  }
  if (!ts) return bad(*tc, "an ISO 8601 time or Unix seconds");
  ++report.sessions;
  if (const Cell* version = row.get("version")) {
    const std::string v = lower(trim(version->text));
    if (v != "ipv4" && v != "ipv6" && v != "4" && v != "6") return bad(*version, "ipv4 or ipv6");
    return add_family(row, kShadow, session, *ts, out, report);
  }
  MANRS_TRY_VOID(add_family(row, kV4, session, *ts, out, report));
  return add_family(row, kV6, session, *ts, out, report);
}

bool is_session(const detail::JsonRecord& r) {
  return r.get("timestamp") != nullptr &&
         (r.get("session") != nullptr || r.get("asn4") != nullptr || r.get("asn6") != nullptr ||
          r.get("client4") != nullptr || r.get("client6") != nullptr);
}

Status load_json(std::string_view text, std::string_view name, std::vector<SpooferTest>& out,
                 SpooferLoadReport& report) {
  std::uint64_t roots = 0;
  const Status st = detail::scan_json(
      text, name, detail::JsonLimits{}, true, [&](detail::JsonRecord& r) -> Status {
        if (r.path == "$") ++roots;
        if (!is_session(r)) return {};
        Row row;
        for (detail::JsonField& f : r.fields) {
          Cell c;
          c.key = lower(f.key);
          c.null = f.value.kind == detail::JsonValue::Kind::kNull;
          const auto k = f.value.kind;
          c.text = k == detail::JsonValue::Kind::kBool
                       ? std::string(f.value.boolean ? "true" : "false")
                   : k == detail::JsonValue::Kind::kArray || k == detail::JsonValue::Kind::kObject
                       ? f.value.describe()
                       : std::move(f.value.text);
          c.source = detail::json_where(text, name, f.value.offset);
          c.at = fmt::format("offset {}", f.value.offset);
          row.cells.push_back(std::move(c));
        }
        return add_session(row, out, report);
      });
  if (!st) return st;
  report.format = roots > 1 ? "json-lines" : "json";
  return {};
}

// RFC 4180 fields of one record starting at `pos`; advances past the record's line end.
Status csv_record(std::string_view text, std::size_t& pos, std::uint64_t& line,
                  std::string_view name, std::vector<std::string>& fields) {
  fields.clear();
  std::string cur;
  bool quoted_field = false;
  bool in_quotes = false;
  const std::uint64_t start_line = line;
  while (pos < text.size()) {
    const char c = text[pos];
    if (in_quotes) {
      if (c == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          cur += '"';
          pos += 2;
          continue;
        }
        in_quotes = false;
        ++pos;
        continue;
      }
      if (c == '\n') ++line;
      if (cur.size() >= 65536) {
        return make_error(
            ErrorCode::kLimitExceeded,
            fmt::format("column {}: field: want <= 65536 bytes, have more", fields.size() + 1),
            fmt::format("{}:{}", name, start_line));
      }
      cur += c;
      ++pos;
      continue;
    }
    if (c == '"' && trim(cur).empty() && !quoted_field) {
      in_quotes = true;
      quoted_field = true;
      cur.clear();
      ++pos;
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(cur));
      cur.clear();
      quoted_field = false;
      ++pos;
      continue;
    }
    if (c == '\n') {
      ++pos;
      ++line;
      fields.push_back(std::move(cur));
      return {};
    }
    if (quoted_field && c != '\r' && c != ' ') {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("column {}: field: want ',' after a quoted field, have '{}'",
                                    fields.size() + 1, c),
                        fmt::format("{}:{}", name, line));
    }
    if (cur.size() >= 65536) {
      return make_error(
          ErrorCode::kLimitExceeded,
          fmt::format("column {}: field: want <= 65536 bytes, have more", fields.size() + 1),
          fmt::format("{}:{}", name, line));
    }
    cur += c;
    ++pos;
  }
  if (in_quotes) {
    return make_error(
        ErrorCode::kTruncated,
        fmt::format("column {}: field: want a closing '\"', have end of input", fields.size() + 1),
        fmt::format("{}:{}", name, start_line));
  }
  fields.push_back(std::move(cur));
  return {};
}

Status load_csv(std::string_view text, std::string_view name, std::vector<SpooferTest>& out,
                SpooferLoadReport& report) {
  report.format = "csv";
  std::size_t pos = 0;
  std::uint64_t line = 1;
  std::vector<std::string> header;
  std::vector<std::string> fields;
  while (pos < text.size() && header.empty()) {
    MANRS_TRY_VOID(csv_record(text, pos, line, name, header));
    if (header.size() == 1 && trim(header[0]).empty()) header.clear();
  }
  for (std::string& h : header) {
    h = lower(trim(h));
  }
  const bool has_time = std::find(header.begin(), header.end(), "timestamp") != header.end();
  if (!has_time) {
    return make_error(ErrorCode::kMalformed,
                      "header: want a CSV header naming timestamp and asn4/client4 (or asn/"
                      "network), have no timestamp column",
                      fmt::format("{}:1", name));
  }
  while (pos < text.size()) {
    const std::uint64_t row_line = line;
    MANRS_TRY_VOID(csv_record(text, pos, line, name, fields));
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;
    if (fields.size() != header.size()) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("row: want {} columns, have {}", header.size(), fields.size()),
                        fmt::format("{}:{}", name, row_line));
    }
    Row row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      Cell c;
      c.key = header[i];
      c.text = std::move(fields[i]);
      c.source = fmt::format("{}:{}", name, row_line);
      c.at = fmt::format("column {}", i + 1);
      row.cells.push_back(std::move(c));
    }
    MANRS_TRY_VOID(add_session(row, out, report));
  }
  return {};
}

}  // namespace

std::string_view to_string(SpoofResult r) {
  switch (r) {
    case SpoofResult::kNotTested:
      return "not-tested";
    case SpoofResult::kReceived:
      return "received";
    case SpoofResult::kRewritten:
      return "rewritten";
    case SpoofResult::kBlocked:
      return "blocked";
    case SpoofResult::kUnknown:
      return "unknown";
  }
  return "unknown";
}

SpoofResult parse_spoof_result(std::string_view text) {
  const std::string v = lower(trim(text));
  if (v.empty() || v == "null" || v == "none") return SpoofResult::kNotTested;
  if (v == "received") return SpoofResult::kReceived;
  if (v == "rewritten") return SpoofResult::kRewritten;
  if (v == "blocked") return SpoofResult::kBlocked;
  return SpoofResult::kUnknown;
}

bool SpooferTest::conclusive() const {
  auto c = [](SpoofResult r) {
    return r == SpoofResult::kReceived || r == SpoofResult::kRewritten ||
           r == SpoofResult::kBlocked;
  };
  return c(routed) || c(private_source);
}

bool SpooferTest::spoofable() const {
  return routed == SpoofResult::kReceived || private_source == SpoofResult::kReceived;
}

Result<SpooferLoadReport> SpooferResults::load_file(const std::string& path,
                                                    std::uint64_t max_bytes) {
  MANRS_TRY(std::string text, detail::read_file_bounded(path, max_bytes));
  return load_text(text, path);
}

Result<SpooferLoadReport> SpooferResults::load_text(std::string_view text, std::string_view name) {
  SpooferLoadReport report;
  report.file = std::string(name);
  std::vector<SpooferTest> out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 BOM (spreadsheets)
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    MANRS_TRY_VOID(load_json(text, name, out, report));
  } else {
    MANRS_TRY_VOID(load_csv(text, name, out, report));
  }
  std::move(out.begin(), out.end(), std::back_inserter(tests_));
  return report;
}

void SpooferResults::finalize() {
  auto key = [](const SpooferTest& t) {
    return std::make_tuple(t.asn, t.timestamp, t.session, t.client);
  };
  std::sort(tests_.begin(), tests_.end(),
            [&](const SpooferTest& a, const SpooferTest& b) { return key(a) < key(b); });
  tests_.erase(
      std::unique(tests_.begin(), tests_.end(),
                  [&](const SpooferTest& a, const SpooferTest& b) { return key(a) == key(b); }),
      tests_.end());
}

std::span<const SpooferTest> SpooferResults::tests(net::Asn asn) const {
  auto lo = std::lower_bound(tests_.begin(), tests_.end(), asn,
                             [](const SpooferTest& t, net::Asn a) { return t.asn < a; });
  auto hi = std::upper_bound(lo, tests_.end(), asn,
                             [](net::Asn a, const SpooferTest& t) { return a < t.asn; });
  return {lo, hi};
}

}  // namespace manrs::registry
