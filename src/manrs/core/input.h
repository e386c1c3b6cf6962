// core/input.h — byte sources for untrusted input files: raw, gzip, bzip2, xz, zstd, or stdin.
//
// open_input() looks at the first bytes (magic numbers), not the file name, and returns a
// ByteSource that yields the decompressed bytes. Raw files are read with large read() calls
// straight into the caller's buffer. Compressed input is decoded on a worker thread into a
// bounded queue of buffers (bzip2: one block per task on several threads, internal/
// bz2_parallel.h) so that decoding and decompression use both cores; memory does not depend on
// the file size. Concatenated streams (multi-member gzip, multi-stream bzip2/xz/zstd) are read
// to the end. A damaged or truncated compressed stream yields every byte decoded before the
// damage, then an Error that names the format, the file and the compressed offset.
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

  // Reads up to dst.size() bytes into dst; returns the count, 0 only at the end of input (or
  // for an empty dst). The input is untrusted: damage never crashes and never makes the reader
  // allocate beyond fixed caps. Errors, each returned after every good byte was delivered, and
  // again on every later call:
  //  - kTruncated: the input ends inside a stream ("gzip stream: member 1: want more data, have
  //    end of file");
  //  - kMalformed: corrupt data, a failed CRC, or bytes after a complete stream that start no
  //    new one (xz stream padding excepted);
  //  - kLimitExceeded: the stream asks for more decoder memory than the caps, or decompresses to
  //    more than limits::kMaxInputBytes; kUnsupported: xz options liblzma does not know;
  //  - kIo: read() failed ("read: <strerror>").
  // The source is "<name>@<compressed offset>": for bzip2 with threads >= 2 the start of the
  // block that failed, otherwise how far the decompressor had read.
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
  // Worker threads for bzip2 block decompression (0 = one per core, at most 64). With 1, bzip2
  // is decoded as a stream by libbz2 on one worker thread, like the other formats.
  unsigned threads = 0;
};

// Opens `path` ("-" = standard input) and detects its compression from its first bytes.
// Errors: kIo with source = path and message "open: <strerror>" (or "read: ..." when the first
// bytes cannot be read, e.g. a folder).
[[nodiscard]] Result<std::unique_ptr<ByteSource>> open_input(const std::string& path,
                                                             const InputOptions& options = {});

// Wraps an in-memory buffer (tests, fuzzing); detects compression the same way. `data` must
// outlive the source.
[[nodiscard]] Result<std::unique_ptr<ByteSource>> open_memory(std::span<const std::byte> data,
                                                              std::string name,
                                                              const InputOptions& options = {});

}  // namespace manrs::core
