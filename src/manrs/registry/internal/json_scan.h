// registry/internal/json_scan.h — a small strict JSON reader (RFC 8259) for the registry files
// (PeeringDB, CAIDA Spoofer, AS names) that reports every error with the file, line and byte
// offset, and delivers flat "records" instead of a document tree.
//
// A record is an object that is an element of an array which is not itself inside a record
// (PeeringDB `{"data":[{...}]}`, dumps `{"net":{"data":[{...}]}}`, Spoofer `{"hydra:member":
// [{...}]}`, a bare `[{...}]`), or the root object itself (its scalar members only: a single
// Spoofer session, the AS-name map). Only the scalar members of a record are kept with their
// values; a nested array or object member is kept as a marker and its content is skipped. Memory:
// the text plus one record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"

namespace manrs::registry::detail {

struct JsonLimits {
  std::size_t max_depth = 64;  // nesting of arrays and objects
  std::size_t max_string =
      1024U * 1024U;  // bytes of one decoded string (real PeeringDB notes pass 64 KiB)
  std::size_t max_record_fields = 1U << 22;  // scalar members kept in one record
};

struct JsonValue {
  // kArray/kObject: a container member of a record, kept as a marker (no content) so that
  // readers can tell "wrong type" from "absent".
  enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;          // decoded string, or the number as written
  std::uint64_t offset = 0;  // byte offset of the value in the text

  // An integer number (no fraction or exponent) that fits; nullopt otherwise.
  [[nodiscard]] std::optional<std::int64_t> as_int() const;
  // Short description for messages: `"abc"`, `12`, `true`, `null` (long text cut).
  [[nodiscard]] std::string describe() const;
};

struct JsonField {
  std::string key;
  JsonValue value;
};

struct JsonRecord {
  std::string path;          // "data", "net.data", "hydra:member", "" (root array), "$" (root)
  std::uint64_t index = 0;   // position in its array; for "$" the document number (0-based)
  std::uint64_t offset = 0;  // byte offset of the record's '{'
  std::vector<JsonField> fields;

  // The first member named `key`, or nullptr.
  [[nodiscard]] const JsonField* get(std::string_view key) const;
};

// Called for every record in document order; an Error stops the scan and is returned.
using RecordSink = std::function<Status(JsonRecord& record)>;

// Scans `text`; `name` is used in errors. With `many`, the text may hold several documents one
// after the other (JSON lines); otherwise exactly one. Errors: kMalformed for syntax
// ("<name>:<line>: offset <n>: JSON: want ',' or '}', have 'x'"), kLimitExceeded for depth,
// string length and record size, kTruncated when the text ends inside a document.
[[nodiscard]] Status scan_json(std::string_view text, std::string_view name,
                               const JsonLimits& limits, bool many, const RecordSink& sink);

// "<name>:<line>" for the byte offset `offset` of `text` (1-based line).
[[nodiscard]] std::string json_where(std::string_view text, std::string_view name,
                                     std::uint64_t offset);

// A field error at a value: kMalformed, source "<name>:<line>", message
// "offset <n>: <field>: want <want>, have <value>".
[[nodiscard]] Error field_error(std::string_view text, std::string_view name,
                                std::string_view field, std::string_view want,
                                const JsonValue& have);

// Reads a whole file (any compression core::open_input knows) into memory, refusing files whose
// decompressed size is above `max_bytes` (kLimitExceeded "<path>: size: want <= N bytes, have
// more").
[[nodiscard]] Result<std::string> read_file_bounded(const std::string& path,
                                                    std::uint64_t max_bytes);

}  // namespace manrs::registry::detail
