// core/internal/stream_decoder.h — single-threaded streaming decompressors (gzip, bzip2, xz,
// zstd) behind one interface; ThreadedSource runs one of them on a worker thread.
//
// Each decoder reads compressed bytes from an InputFile through a fixed input buffer and writes
// into the caller's buffer, so memory does not depend on the file. Concatenated streams
// (multi-member gzip, multi-stream bzip2/xz, multi-frame zstd) are decoded to the end; bytes
// after a complete stream that do not start another stream are an error (kMalformed), as is
// damage (kMalformed) and an early end of input (kTruncated). Errors name the format and carry
// the source "<name>@<compressed offset>".
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/internal/input_file.h"
#include "manrs/core/result.h"

namespace manrs::core::detail {

// Compressed input is read in chunks of this size.
inline constexpr std::size_t kDecoderInputChunk = std::size_t{256} * 1024U;

// Largest decoder memory a compressed file may ask for: xz dictionaries and zstd windows are
// declared in the file; real dumps use <= 64 MiB (xz -9: 64 MiB dictionary, zstd default
// window limit 2^27). Above this the input is rejected with kLimitExceeded.
inline constexpr std::uint64_t kMaxDecoderMemory = 256ULL * 1024U * 1024U;

class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  // Decodes into dst; returns the bytes written (fills dst unless the input ends); 0 = end of
  // all streams. Bytes decoded before damage are returned first; the Error comes with the next
  // call, and again with every call after it.
  [[nodiscard]] Result<std::size_t> decode(std::span<std::byte> dst);
  // Compressed bytes the decoder has consumed; may be read from any thread.
  [[nodiscard]] std::uint64_t consumed() const { return consumed_.load(std::memory_order_relaxed); }

 protected:
  explicit StreamDecoder(std::unique_ptr<InputFile> in);

  // Writes decoded bytes to dst[out..] and advances `out`; stops when dst is full or at the end
  // of all streams (then sets `done`). Returns an Error on damage (out keeps the good bytes).
  [[nodiscard]] virtual Status run(std::span<std::byte> dst, std::size_t& out, bool& done) = 0;

  // Refills the input buffer when it is empty (one read); returns false at end of input.
  [[nodiscard]] Result<bool> refill();
  // Bytes of the input buffer not yet given to the library.
  [[nodiscard]] std::span<const std::byte> pending() const {
    return std::span<const std::byte>(buf_).subspan(pos_, len_ - pos_);
  }
  void take(std::size_t n) {
    pos_ += n;
    consumed_.store(in_->position() - (len_ - pos_), std::memory_order_relaxed);
  }
  [[nodiscard]] bool at_eof() const { return eof_; }
  [[nodiscard]] const InputFile& input() const { return *in_; }

  // Error helpers: source = "<name>@<consumed>", message "<format> stream: <text>".
  [[nodiscard]] Error error(ErrorCode code, std::string_view format, std::string_view text) const;
  [[nodiscard]] Error truncated(std::string_view format, std::string_view what) const;

 private:
  std::unique_ptr<InputFile> in_;
  std::vector<std::byte> buf_;
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
  bool eof_ = false;
  bool done_ = false;
  std::optional<Error> failed_;
  std::atomic<std::uint64_t> consumed_{0};
};

[[nodiscard]] std::unique_ptr<StreamDecoder> make_gzip_decoder(std::unique_ptr<InputFile> in);
[[nodiscard]] std::unique_ptr<StreamDecoder> make_bzip2_decoder(std::unique_ptr<InputFile> in);
[[nodiscard]] std::unique_ptr<StreamDecoder> make_xz_decoder(std::unique_ptr<InputFile> in);
[[nodiscard]] std::unique_ptr<StreamDecoder> make_zstd_decoder(std::unique_ptr<InputFile> in);

// "1f 8b 00 .." for error messages: the first bytes of `data`, hex.
[[nodiscard]] std::string hex_prefix(std::span<const std::byte> data, std::size_t max = 4);

}  // namespace manrs::core::detail
