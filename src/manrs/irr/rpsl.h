// irr/rpsl.h — the RPSL object scanner (RFC 2622 §2, RFC 4012, RFC 2725 where relevant).
//
// An RPSL file is a sequence of objects separated by blank lines (empty or only spaces, tabs and
// CRs; see docs/rpsl.md for this and the other format choices). Each object is a list of
// `attribute: value` lines; a line that starts with a space, a tab or '+' continues the value
// of the previous attribute; '#' starts a comment that runs to the end of the line. Class and
// attribute names are case-insensitive; the class is the first attribute's name and the primary
// key its value. Lines starting with '%' or '#' (dump headers, whois comments, comment lines
// inside an object) are skipped. LF or CRLF line ends.
//
// The scanner is zero-copy and streaming: RpslReader pulls bytes from a core::ByteSource into a
// buffer, yields one object at a time as views into that buffer (valid until the next call) and
// never keeps more than one object in memory. A bad object (no colon, bad attribute name, an
// object or a line over the limits, a continuation before any attribute) is reported with the
// file name and line number and skipped; only an I/O or decompression error is fatal. Values
// are cleaned (comments and continuation markers removed, lines joined) on demand by
// attribute_value(); typed views are in objects.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"

namespace manrs::irr {

// Largest object (bytes of its text) the scanner accepts. The largest object of the 2023 RIPE
// as-set dump is 440 KB (AS-UBNIX-MEMBERS); 8 MiB is ~20x that and bounds the reader's buffer.
// A longer object (or a single line longer than this, e.g. an endless line) is skipped to its
// end without being buffered.
inline constexpr std::size_t kMaxRpslObjectBytes = 8U * 1024U * 1024U;
// Largest number of attributes in one object (the largest real one has ~50k members lines).
inline constexpr std::size_t kMaxRpslAttributes = 1U << 20U;
// Longest attribute name (RFC 2622 names are < 30 characters).
inline constexpr std::size_t kMaxRpslNameBytes = 64;

// The object classes manrs knows (RFC 2622, RFC 4012, RIR extensions). Anything else is kOther
// and is still stored, indexed by key and returned by lookups.
enum class ObjectClass : std::uint8_t {
  kOther,
  kAsBlock,
  kAsSet,
  kAutNum,
  kDomain,
  kFilterSet,
  kInetRtr,
  kInet6num,
  kInetnum,
  kIrt,
  kKeyCert,
  kMntner,
  kOrganisation,
  kPeeringSet,
  kPerson,
  kRole,
  kRoute,
  kRoute6,
  kRouteSet,
  kRtrSet,
};
inline constexpr std::size_t kObjectClasses = 20;

// "as-set", "route6", ... ("other" for kOther).
[[nodiscard]] std::string_view to_string(ObjectClass c);
// Case-insensitive; kOther for names that are not in the list.
[[nodiscard]] ObjectClass parse_object_class(std::string_view name);

// True if a and b are equal ignoring ASCII case.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

// A short excerpt of untrusted text for messages: at most `max` bytes, quotes, backslashes,
// control and non-ASCII bytes written as \xNN, "..." appended when cut.
[[nodiscard]] std::string rpsl_excerpt(std::string_view text, std::size_t max = 40);

// One attribute as it appears in the input.
struct RawAttribute {
  std::string_view name;  // as written, without the ':' (compare with is())
  // Everything after the ':' up to the end of the attribute's last continuation line, without
  // the final newline: may hold comments, continuation markers and inner newlines.
  std::string_view raw;
  std::uint32_t line = 0;  // 1-based line of the attribute's first line in the input

  // Case-insensitive name compare: a.is("mnt-by").
  [[nodiscard]] bool is(std::string_view lower_name) const { return iequals(name, lower_name); }
};

// The cleaned value of an attribute: comments removed, continuation markers ('+' or leading
// whitespace) removed, every line trimmed, lines joined by a single space (empty lines dropped).
// Returns a view of `raw` itself when it needs no cleaning (the common single-line case), else
// a view of `scratch`, which it overwrites.
[[nodiscard]] std::string_view attribute_value(std::string_view raw, std::string& scratch);

// Splits a list value ("AS1, AS2 AS3,AS-FOO") on commas and whitespace into non-empty items.
// Calls f(std::string_view item) for each.
template <typename F>
void for_each_list_item(std::string_view value, F&& f) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ',' || value[i] == ' ' || value[i] == '\t' ||
                                value[i] == '\n' || value[i] == '\r')) {
      ++i;
    }
    std::size_t j = i;
    while (j < value.size() && value[j] != ',' && value[j] != ' ' && value[j] != '\t' &&
           value[j] != '\n' && value[j] != '\r') {
      ++j;
    }
    if (j > i) f(value.substr(i, j - i));
    i = j;
  }
}

// One object: views into the reader's buffer (or into the text given to parse_rpsl_object).
struct RpslObject {
  ObjectClass cls = ObjectClass::kOther;
  std::string_view class_name;  // the first attribute's name as written
  std::string_view text;        // the object's lines exactly as in the input, ending with '\n'
                                // (RpslReader adds it to a last line without one;
                                // parse_rpsl_object keeps the text as given)
  std::uint64_t line = 0;       // 1-based line of the first attribute
  std::vector<RawAttribute> attributes;  // in input order; attributes[0] is the class attribute

  // Cleaned value of the first attribute named `lower_name` ("" when absent).
  [[nodiscard]] std::string_view first(std::string_view lower_name, std::string& scratch) const;
  // The primary key: the cleaned class attribute value, e.g. "AS-FOO" or "192.0.2.0/24" (route
  // and route6 objects are keyed by prefix and origin together; see objects.h).
  [[nodiscard]] std::string_view key(std::string& scratch) const {
    return attributes.empty() ? std::string_view{} : attribute_value(attributes[0].raw, scratch);
  }
};

struct RpslReaderOptions {
  std::size_t max_object_bytes = kMaxRpslObjectBytes;  // may only be lowered
  std::size_t max_problems = 100;  // problems kept in problems(); all are counted
};

// A skipped object or line: "<file>:<line>: <what>: want <x>, have <y>".
struct RpslProblem {
  std::uint64_t line = 0;
  std::string message;  // e.g. "attribute name: want 'name: value', have 'foo bar'"
};

class RpslReader {
 public:
  // `source` must outlive the reader; its name() is used in problems and errors.
  explicit RpslReader(core::ByteSource& source, RpslReaderOptions options = {});
  ~RpslReader();
  RpslReader(const RpslReader&) = delete;
  RpslReader& operator=(const RpslReader&) = delete;

  // The next good object, or nullptr at the end of the input. The object's views stay valid
  // until the next call. An Error only when the source fails (I/O, damaged compression); bad
  // objects are skipped and recorded in problems().
  [[nodiscard]] Result<const RpslObject*> next();

  [[nodiscard]] std::string_view source_name() const;
  [[nodiscard]] std::uint64_t objects() const;                     // good objects returned so far
  [[nodiscard]] std::uint64_t problem_count() const;               // all skipped objects
  [[nodiscard]] const std::vector<RpslProblem>& problems() const;  // the first max_problems
  [[nodiscard]] std::uint64_t bytes_read() const;                  // decompressed bytes consumed
  // A problem as "<source>:<line>: <message>".
  [[nodiscard]] std::string describe(const RpslProblem& p) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Parses one object from `text` (which must outlive the result); `first_line` numbers its first
// line. Errors (kMalformed) name "<source>:<line>" and the field.
[[nodiscard]] Result<RpslObject> parse_rpsl_object(std::string_view text,
                                                   std::string_view source_name = "[text]",
                                                   std::uint64_t first_line = 1);

}  // namespace manrs::irr
