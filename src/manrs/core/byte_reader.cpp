#include "manrs/core/byte_reader.h"

#include <fmt/format.h>

namespace manrs::core {

std::string ByteReader::where_at(std::uint64_t abs_offset) const {
  return fmt::format("{}@{}", source_.empty() ? std::string_view{"<input>"} : source_, abs_offset);
}

Error ByteReader::truncated(std::string_view field, std::size_t want) const {
  return make_error(ErrorCode::kTruncated,
                    fmt::format("{}: want {} bytes, have {}", field, want, remaining()), where());
}

Error ByteReader::error(ErrorCode code, std::string_view field, std::string_view want,
                        std::string_view have) const {
  return make_error(code, fmt::format("{}: want {}, have {}", field, want, have), where());
}

}  // namespace manrs::core
