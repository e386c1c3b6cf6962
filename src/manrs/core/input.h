// core/input.h — byte sources for untrusted input files: raw, gzip, bzip2, xz, zstd, or stdin.
//
// open_input() looks at the first bytes (magic numbers), not the file name, and returns a
// ByteSource that yields the decompressed bytes. Decompression runs on a worker thread (bzip2:
// several, one bz2 block each) so that decoding and decompression use both cores. Concatenated
// streams (multi-member gzip, multi-stream bzip2/xz/zstd) are read to the end. A damaged or
// truncated compressed stream yields every byte decoded before the damage, then an Error that
// names the file and the compressed offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "manrs/core/result.h"

namespace manrs::core {

enum class Compression : std::uint8_t { kNone, kGzip, kBzip2, kXz, kZstd };

[[nodiscard]] std::string_view to_string(Compression c);

// Detects the compression from the first bytes of a file (needs up to 6 bytes).
[[nodiscard]] Compression detect_compression(std::span<const std::byte> head);

// A stream of (decompressed) bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to dst.size() bytes into dst. Returns the count; 0 means end of input. On damage
  // returns an Error (source = "name@compressed offset") after all good bytes were delivered.
  [[nodiscard]] virtual Result<std::size_t> read(std::span<std::byte> dst) = 0;

  // The name used in errors: the path, or "[stdin]".
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Compressed bytes consumed so far, and the compressed size when known (0 = unknown, e.g.
  // a pipe). For progress reporting.
  [[nodiscard]] virtual std::uint64_t consumed() const = 0;
  [[nodiscard]] virtual std::uint64_t size() const = 0;
  [[nodiscard]] virtual Compression compression() const = 0;
};

struct InputOptions {
  // Worker threads for bzip2 block decompression (0 = one per core, at least 1).
  unsigned threads = 0;
};

// Opens `path` ("-" = standard input) and detects its compression. Errors: kIo naming the path.
[[nodiscard]] Result<std::unique_ptr<ByteSource>> open_input(const std::string& path,
                                                             const InputOptions& options = {});

// Wraps an in-memory buffer (tests, fuzzing); detects compression the same way.
[[nodiscard]] Result<std::unique_ptr<ByteSource>> open_memory(std::span<const std::byte> data,
                                                              std::string name,
                                                              const InputOptions& options = {});

}  // namespace manrs::core
