// rpki/io_common.h — private helpers of the VRP/ASPA readers (reader.cpp and io_*.cpp).
//
// Defines the input limits of the readers, the Collector (validates entries into a VrpSet and
// keeps the ReadReport: counts, the bounded problem list, strict mode), a byte-offset -> line
// index, and small text codecs (integers, ISO 8601 times, hex, base64) the formats share. Each
// format parser (parse_json, parse_csv, ...) reads the whole input and returns an Error only for
// broken structure; a bad entry is a problem recorded in the Collector. Start at reader.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"
#include "manrs/rpki/reader.h"
#include "manrs/rpki/vrp.h"

namespace manrs::rpki::detail {

// Largest VRP file (decompressed bytes) a reader loads into memory. A full global set in the most
// verbose export (Routinator jsonext, ~1 KiB per VRP) is below 1 GiB in 2025; 4 GiB leaves room
// and stops a decompression bomb before it exhausts memory.
inline constexpr std::size_t kMaxVrpFileBytes = 4ULL << 30;

// Providers in one ASPA entry: rpki-client's MAX_ASPA_PROVIDERS (10000); real ASPAs list < 50.
inline constexpr std::size_t kMaxAspaProviders = 10000;

// Spare bytes read_vrps appends after a file's content so that simdjson can parse it in place
// (SIMDJSON_PADDING; io_json.cpp checks the two agree).
inline constexpr std::size_t kJsonPadding = 64;

// Characters of untrusted text quoted in a message.
inline constexpr std::size_t kMaxQuotedChars = 40;

// Maps byte offsets of one buffer to 1-based line numbers. Counting moves forward from the last
// answer (offsets usually grow), so a whole file costs one pass.
class LineIndex {
 public:
  explicit LineIndex(std::string_view data) : data_(data) {}
  [[nodiscard]] std::size_t line_at(std::size_t offset);

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// Where an entry starts: a line number, or a byte offset that a LineIndex turns into a line only
// when a problem is reported (counting lines for every JSON entry would cost ~10% of a read).
struct Place {
  Place(std::size_t l) : line(l) {}  // NOLINT(google-explicit-constructor): line numbers
  Place(LineIndex& i, std::size_t off) : index(&i), offset(off) {}

  [[nodiscard]] std::size_t resolve() const {
    return index != nullptr ? index->line_at(offset) : line;
  }

  std::size_t line = 0;
  LineIndex* index = nullptr;
  std::size_t offset = 0;
};

// Receives the entries of one input: checks them, stores the good ones in the set, counts and
// records the bad ones. Not copyable; one per read.
class Collector {
 public:
  Collector(std::string_view source, const ReadOptions& options, VrpSet& set, ReadReport& report);
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  [[nodiscard]] std::string_view source() const { return source_; }
  [[nodiscard]] VrpSet& set() { return set_; }
  // "file:line" (just "file" for line 0).
  [[nodiscard]] std::string where(std::size_t line) const;

  // Checks maxLength (rpki::check_vrp) and stores the VRP. `path` names the entry ("roas[3]",
  // empty for line formats); a bad maxLength is the problem "<path>.maxLength: want .., have ..".
  // Returns the problem as an Error only in strict mode.
  [[nodiscard]] Status add_vrp(Place place, std::string_view path, const net::Prefix& prefix,
                               unsigned max_length, net::Asn asn, std::uint16_t ta,
                               std::int64_t expires);
  // Stores an ASPA (providers need not be sorted); empty or oversized provider lists are problems.
  [[nodiscard]] Status add_aspa(Place place, std::string_view path, Aspa aspa);
  void add_router_key(RouterKey key);

  // Records `count` rejected entries with one problem (code, "<message>" at "file:line").
  // Returns the problem as an Error in strict mode, success otherwise.
  [[nodiscard]] Status reject(Place place, ErrorCode code, std::string message,
                              std::size_t count = 1);

  // The trust-anchor index of `name` (cached: a hostile file with many names stays linear).
  [[nodiscard]] std::uint16_t ta(std::string_view name);

  // A structural Error (kMalformed) at file:line.
  [[nodiscard]] Error malformed(std::size_t line, std::string message) const;

 private:
  std::string source_;
  const ReadOptions& options_;
  VrpSet& set_;
  ReadReport& report_;
  std::string last_ta_;
  std::uint16_t last_ta_index_ = 0;
  std::unordered_map<std::string, std::uint16_t> ta_cache_;
};

// "<path>.<field>" or "<field>" when path is empty.
[[nodiscard]] std::string field_path(std::string_view path, std::string_view field);

// Untrusted text for a message: at most kMaxQuotedChars, bytes outside printable ASCII as \\xNN,
// in single quotes.
[[nodiscard]] std::string quoted(std::string_view text);

[[nodiscard]] std::string_view trim(std::string_view s);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
[[nodiscard]] bool istarts_with(std::string_view s, std::string_view prefix);

// Decimal digits only (no sign, no spaces), value <= max.
[[nodiscard]] bool parse_uint(std::string_view s, std::uint64_t max, std::uint64_t& out);

// Field parsers of untrusted text; errors are kMalformed with "want .., have '..'" messages
// (the caller adds the field path and the source).
[[nodiscard]] Result<net::Prefix> parse_prefix(std::string_view text);
[[nodiscard]] Result<unsigned> parse_max_length(std::string_view text);  // 0..255
[[nodiscard]] Result<net::Asn> parse_asn(std::string_view text);         // net::parse_asn
// Unix seconds as digits, or an ISO 8601 UTC time ("2021-09-01T00:04:19Z").
[[nodiscard]] Result<std::int64_t> parse_time(std::string_view text);

// "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" (also "YYYY-MM-DD HH:MM:SS") -> unix seconds.
[[nodiscard]] std::optional<std::int64_t> parse_iso8601(std::string_view text);
// Unix seconds -> "YYYY-MM-DDTHH:MM:SSZ".
[[nodiscard]] std::string format_iso8601(std::int64_t unix_seconds);

// Length of the UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF),
// 0 when the bytes there are not UTF-8.
[[nodiscard]] std::size_t utf8_length(std::string_view s, std::size_t i);
// Offset of the first byte that is not UTF-8; npos when all of `s` is.
[[nodiscard]] std::size_t first_bad_utf8(std::string_view s);
// Offset of the opening quote of a JSON string that is never closed (quotes paired from the
// start, backslash escapes skipped inside strings); npos when every string closes.
[[nodiscard]] std::size_t unclosed_json_string(std::string_view s);

// Exactly out.size() bytes of hex (either case).
[[nodiscard]] bool parse_hex(std::string_view text, std::span<std::uint8_t> out);
// Standard or URL-safe alphabet, padding optional, whitespace not allowed. False on any damage.
[[nodiscard]] bool decode_base64(std::string_view text, std::vector<std::uint8_t>& out);
[[nodiscard]] std::string encode_base64(std::span<const std::uint8_t> bytes);

// Iterates the lines of a buffer with their 1-based numbers; strips "\r" before "\n".
class LineReader {
 public:
  explicit LineReader(std::string_view data) : data_(data) {}
  // False at the end; otherwise sets `line` (without the end of line) and `number`.
  bool next(std::string_view& line, std::size_t& number);

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

// Reads `src` to its end into `out`. kLimitExceeded ("<name>: VRP file: want <= <limit> bytes,
// have more") past `limit` bytes; decompression and I/O errors pass through.
[[nodiscard]] Status read_input(core::ByteSource& src, std::size_t limit, std::string& out);

// True when `line` is a CSV header naming at least an ASN and a prefix column (io_csv.cpp).
[[nodiscard]] bool is_csv_header(std::string_view line);

// ----- format parsers (one file each) -----------------------------------------------------------
// Each reads the whole `data` into the collector. Broken structure -> Error (kMalformed, source
// "file:line"); a bad entry -> Collector::reject. `capacity` >= data.size(): the bytes up to
// data.data() + capacity are readable (simdjson needs 64 bytes of padding; parse_json copies the
// input when there are fewer).
[[nodiscard]] Status parse_json(std::string_view data, std::size_t capacity, Collector& c);
[[nodiscard]] Status parse_csv(std::string_view data, Collector& c);
[[nodiscard]] Status parse_roa_list(std::string_view data, Collector& c);
[[nodiscard]] Status parse_bird(std::string_view data, Collector& c);
[[nodiscard]] Status parse_openbgpd(std::string_view data, Collector& c);

}  // namespace manrs::rpki::detail
