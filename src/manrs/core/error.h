// core/error.h — the one error type of manrs.
//
// An Error says what went wrong (a small code set, STYLE.md E2), where (source: "file@offset" or a
// peer address) and why, in the form `<source>: <RFC ref> <field>: want <x>, have <y>`.
// Start here, then result.h for Result<T> and MANRS_TRY.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace manrs {

// The codes, each in one line.
enum class ErrorCode : std::uint8_t {
  kTruncated,      // input ended before a declared length or a fixed field
  kMalformed,      // the bytes are not the format (bad marker, bad type, bad length)
  kUnsupported,    // well-formed but a type/subtype/AFI we do not decode
  kLimitExceeded,  // a declared size or count is above a limit in core/limits.h
  kPolicy,         // well-formed but violates the RFC or profile (inspect stage)
  kIo,             // the operating system failed us (open, read, write)
  kInternal,       // a bug in manrs
};

[[nodiscard]] std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // "<RFC ref> <field>: want <x>, have <y>"
  std::string source;   // "file@offset", "peer 127.0.0.1:3323", or empty

  // "source: message" (or just message when there is no source).
  [[nodiscard]] std::string to_string() const;
};

// Builds an Error; `source` may be empty.
[[nodiscard]] Error make_error(ErrorCode code, std::string message, std::string source = {});

}  // namespace manrs
