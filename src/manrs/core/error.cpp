#include "manrs/core/error.h"

#include <utility>

namespace manrs {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kTruncated:
      return "truncated";
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kLimitExceeded:
      return "limit exceeded";
    case ErrorCode::kPolicy:
      return "policy";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Error::to_string() const {
  if (source.empty()) return message;
  return source + ": " + message;
}

Error make_error(ErrorCode code, std::string message, std::string source) {
  return Error{code, std::move(message), std::move(source)};
}

}  // namespace manrs
