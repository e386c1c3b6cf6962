#include "manrs/core/input.h"

#include <cstring>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "manrs/core/internal/bz2_parallel.h"
#include "manrs/core/internal/input_file.h"
#include "manrs/core/internal/stream_decoder.h"
#include "manrs/core/internal/threaded_source.h"
#include "manrs/core/limits.h"

namespace manrs::core {
namespace {

// Raw input: one read() per call straight into the caller's buffer when it holds at least
// kRawChunk bytes; smaller reads are served from a kRawChunk buffer so that the kernel is still
// asked for large chunks.
constexpr std::size_t kRawChunk = std::size_t{1024} * 1024U;

// Upper bound on bzip2 worker threads, whatever the caller asks for.
constexpr unsigned kMaxThreads = 64;

class RawSource final : public ByteSource {
 public:
  explicit RawSource(std::unique_ptr<detail::InputFile> in) : in_(std::move(in)) {}

  Result<std::size_t> read(std::span<std::byte> dst) override {
    if (dst.empty()) {
      return std::size_t{0};
    }
    if (pos_ < len_) {
      std::size_t take = len_ - pos_ < dst.size() ? len_ - pos_ : dst.size();
      std::memcpy(dst.data(), buf_.data() + pos_, take);
      pos_ += take;
      return count(take);
    }
    if (dst.size() >= kRawChunk) {
      MANRS_TRY(std::size_t got, in_->read(dst));
      return count(got);
    }
    if (buf_.empty()) {
      // A small input of known size (fuzzing, tests, small files) needs no 1 MiB buffer.
      const std::uint64_t known = in_->size();
      buf_.resize(known > 0 && known < kRawChunk ? static_cast<std::size_t>(known) : kRawChunk);
    }
    MANRS_TRY(std::size_t got, in_->read(buf_));
    pos_ = 0;
    len_ = got;
    std::size_t take = got < dst.size() ? got : dst.size();
    if (take > 0) {
      std::memcpy(dst.data(), buf_.data(), take);
    }
    pos_ = take;
    return count(take);
  }
  std::string_view name() const override { return in_->name(); }
  // Bytes handed to the caller (the file position minus what is still buffered).
  std::uint64_t consumed() const override { return in_->position() - (len_ - pos_); }
  std::uint64_t size() const override { return in_->size(); }
  Compression compression() const override { return Compression::kNone; }

 private:
  Result<std::size_t> count(std::size_t n) {
    delivered_ += n;
    if (delivered_ > limits::kMaxInputBytes) {
      return make_error(
          ErrorCode::kLimitExceeded,
          fmt::format("input size: want <= {} bytes, have more", limits::kMaxInputBytes),
          fmt::format("{}@{}", in_->name(), consumed()));
    }
    return n;
  }

  std::unique_ptr<detail::InputFile> in_;
  std::vector<std::byte> buf_;
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
  std::uint64_t delivered_ = 0;
};

unsigned worker_threads(const InputOptions& options) {
  unsigned n = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  if (n == 0) {
    n = 1;
  }
  return n < kMaxThreads ? n : kMaxThreads;
}

Result<std::unique_ptr<ByteSource>> open_file(std::unique_ptr<detail::InputFile> in,
                                              const InputOptions& options) {
  MANRS_TRY(std::span<const std::byte> head, in->peek(6));
  Compression c = detect_compression(head);
  std::string name = in->name();
  std::uint64_t size = in->size();
  std::unique_ptr<detail::StreamDecoder> decoder;
  switch (c) {
    case Compression::kNone:
      return std::unique_ptr<ByteSource>(std::make_unique<RawSource>(std::move(in)));
    case Compression::kBzip2: {
      unsigned threads = worker_threads(options);
      if (threads >= 2) {
        return std::unique_ptr<ByteSource>(
            std::make_unique<detail::Bz2ParallelSource>(std::move(in), threads));
      }
      decoder = detail::make_bzip2_decoder(std::move(in));
      break;
    }
    case Compression::kGzip:
      decoder = detail::make_gzip_decoder(std::move(in));
      break;
    case Compression::kXz:
      decoder = detail::make_xz_decoder(std::move(in));
      break;
    case Compression::kZstd:
      decoder = detail::make_zstd_decoder(std::move(in));
      break;
  }
  return std::unique_ptr<ByteSource>(
      std::make_unique<detail::ThreadedSource>(std::move(decoder), std::move(name), size, c));
}

}  // namespace

std::string_view to_string(Compression c) {
  switch (c) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kBzip2:
      return "bzip2";
    case Compression::kXz:
      return "xz";
    case Compression::kZstd:
      return "zstd";
  }
  return "unknown";
}

Compression detect_compression(std::span<const std::byte> head) {
  auto at = [&](std::size_t i) { return std::to_integer<unsigned>(head[i]); };
  const std::size_t n = head.size();
  // RFC 1952 §2.3.1: ID1 ID2.
  if (n >= 2 && at(0) == 0x1F && at(1) == 0x8B) {
    return Compression::kGzip;
  }
  // bzip2: "BZh" and the block-size digit.
  if (n >= 4 && at(0) == 'B' && at(1) == 'Z' && at(2) == 'h' && at(3) >= '1' && at(3) <= '9') {
    return Compression::kBzip2;
  }
  // xz file format 1.0 §2.1.1.1: header magic.
  if (n >= 6 && at(0) == 0xFD && at(1) == 0x37 && at(2) == 0x7A && at(3) == 0x58 && at(4) == 0x5A &&
      at(5) == 0x00) {
    return Compression::kXz;
  }
  // RFC 8878 §3.1.1: zstd frame magic 0xFD2FB528, little-endian.
  if (n >= 4 && at(0) == 0x28 && at(1) == 0xB5 && at(2) == 0x2F && at(3) == 0xFD) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

Result<std::unique_ptr<ByteSource>> open_input(const std::string& path,
                                               const InputOptions& options) {
  MANRS_TRY(std::unique_ptr<detail::InputFile> in, detail::InputFile::open(path));
  return open_file(std::move(in), options);
}

Result<std::unique_ptr<ByteSource>> open_memory(std::span<const std::byte> data, std::string name,
                                                const InputOptions& options) {
  return open_file(detail::InputFile::memory(data, std::move(name)), options);
}

}  // namespace manrs::core
