// core/internal/input_file.h — the compressed (or raw) bytes of one input: a file descriptor
// (a path, or standard input) or a caller's memory buffer.
//
// InputFile is the one place that calls open()/read(); every ByteSource reads through it. It can
// peek at the first bytes (for magic-number detection) without losing them, also on pipes.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "manrs/core/result.h"

namespace manrs::core::detail {

class InputFile {
 public:
  // Opens `path` ("-" = standard input, which is not closed). Errors: kIo, source = path,
  // message "open: <strerror>".
  [[nodiscard]] static Result<std::unique_ptr<InputFile>> open(const std::string& path);
  // Reads from `data`, which must outlive the InputFile.
  [[nodiscard]] static std::unique_ptr<InputFile> memory(std::span<const std::byte> data,
                                                         std::string name);

  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Returns up to `n` (<= kMaxPeek) first bytes without consuming them; fewer only at end of
  // input. Call before the first read(). Errors: kIo.
  static constexpr std::size_t kMaxPeek = 16;
  [[nodiscard]] Result<std::span<const std::byte>> peek(std::size_t n);

  // Reads up to dst.size() bytes (one read() call at most, after any peeked bytes); 0 = end of
  // input. Retries on EINTR. Errors: kIo, source = "name@offset", message "read: <strerror>".
  [[nodiscard]] Result<std::size_t> read(std::span<std::byte> dst);

  [[nodiscard]] const std::string& name() const { return name_; }
  // Size in bytes when known (regular file or memory), else 0.
  [[nodiscard]] std::uint64_t size() const { return size_; }
  // Bytes handed out by read() so far; may be read from any thread.
  [[nodiscard]] std::uint64_t position() const { return position_.load(std::memory_order_relaxed); }

 private:
  InputFile(int fd, bool owned, std::string name, std::uint64_t size);
  [[nodiscard]] Result<std::size_t> read_fd(std::byte* dst, std::size_t n);

  int fd_ = -1;  // -1: memory mode
  bool owned_ = false;
  std::span<const std::byte> memory_;
  std::string name_;
  std::uint64_t size_ = 0;
  std::atomic<std::uint64_t> position_{0};
  std::uint64_t fd_offset_ = 0;  // bytes read from fd_ (peeked or not)
  std::byte peeked_[kMaxPeek] = {};
  std::size_t peeked_len_ = 0;
  std::size_t peeked_pos_ = 0;
};

}  // namespace manrs::core::detail
