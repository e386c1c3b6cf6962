#include "manrs/core/internal/stream_decoder.h"

#include <utility>

#include <fmt/format.h>

namespace manrs::core::detail {

StreamDecoder::StreamDecoder(std::unique_ptr<InputFile> in)
    : in_(std::move(in)), buf_(kDecoderInputChunk) {}

Result<std::size_t> StreamDecoder::decode(std::span<std::byte> dst) {
  if (failed_) {
    return *failed_;
  }
  std::size_t out = 0;
  if (done_ || dst.empty()) {
    return out;
  }
  Status st = run(dst, out, done_);
  if (!st) {
    failed_ = std::move(st.error());
    if (out == 0) {
      return *failed_;
    }
  }
  return out;
}

Result<bool> StreamDecoder::refill() {
  if (pos_ < len_) {
    return true;
  }
  if (eof_) {
    return false;
  }
  MANRS_TRY(std::size_t got, in_->read(buf_));
  pos_ = 0;
  len_ = got;
  if (got == 0) {
    eof_ = true;
  }
  return got > 0;
}

Error StreamDecoder::error(ErrorCode code, std::string_view format, std::string_view text) const {
  return make_error(code, fmt::format("{} stream: {}", format, text),
                    fmt::format("{}@{}", in_->name(), consumed()));
}

Error StreamDecoder::truncated(std::string_view format, std::string_view what) const {
  return error(ErrorCode::kTruncated, format,
               fmt::format("{}: want more data, have end of file", what));
}

std::string hex_prefix(std::span<const std::byte> data, std::size_t max) {
  std::string s;
  for (std::size_t i = 0; i < data.size() && i < max; ++i) {
    if (i > 0) {
      s += ' ';
    }
    s += fmt::format("{:02x}", static_cast<unsigned>(data[i]));
  }
  if (data.size() > max) {
    s += " ..";
  }
  return s;
}

}  // namespace manrs::core::detail
