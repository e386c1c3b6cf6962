// bzip2 streams decoded with libbz2 on one thread (InputOptions.threads == 1; the parallel
// block decoder is in bz2_parallel.cpp).
#include <climits>

#include <bzlib.h>
#include <fmt/format.h>

#include "manrs/core/internal/stream_decoder.h"

namespace manrs::core::detail {
namespace {

class Bzip2Decoder final : public StreamDecoder {
 public:
  explicit Bzip2Decoder(std::unique_ptr<InputFile> in) : StreamDecoder(std::move(in)) {
    init_rc_ = BZ2_bzDecompressInit(&bs_, 0, 0);
  }
  ~Bzip2Decoder() override {
    if (init_rc_ == BZ_OK) {
      BZ2_bzDecompressEnd(&bs_);
    }
  }
  Bzip2Decoder(const Bzip2Decoder&) = delete;
  Bzip2Decoder& operator=(const Bzip2Decoder&) = delete;

 private:
  Status run(std::span<std::byte> dst, std::size_t& out, bool& done) override {
    if (init_rc_ != BZ_OK) {
      return error(ErrorCode::kInternal, "bzip2", "BZ2_bzDecompressInit failed");
    }
    while (out < dst.size()) {
      MANRS_TRY(bool more, refill());
      if (between_) {
        if (!more) {
          done = true;
          return {};
        }
        auto head = pending();
        if (head[0] != std::byte{'B'}) {
          return error(ErrorCode::kMalformed, "bzip2",
                       fmt::format("after stream {}: want a stream header (\"BZh\") or end of "
                                   "file, have {}",
                                   stream_, hex_prefix(head)));
        }
        BZ2_bzDecompressEnd(&bs_);
        init_rc_ = BZ2_bzDecompressInit(&bs_, 0, 0);
        if (init_rc_ != BZ_OK) {
          return error(ErrorCode::kInternal, "bzip2", "BZ2_bzDecompressInit failed");
        }
        between_ = false;
        ++stream_;
      }
      auto in = pending();
      std::size_t room = dst.size() - out;
      unsigned room_u = static_cast<unsigned>(room < UINT_MAX ? room : UINT_MAX);
      bs_.next_in = const_cast<char*>(reinterpret_cast<const char*>(in.data()));  // NOLINT
      bs_.avail_in = static_cast<unsigned>(in.size());
      bs_.next_out = reinterpret_cast<char*>(dst.data() + out);  // NOLINT
      bs_.avail_out = room_u;
      int rc = BZ2_bzDecompress(&bs_);
      std::size_t used = in.size() - bs_.avail_in;
      std::size_t made = room_u - bs_.avail_out;
      take(used);
      out += made;
      switch (rc) {
        case BZ_STREAM_END:
          between_ = true;
          continue;
        case BZ_OK:
          if (used == 0 && made == 0 && !more) {
            return truncated("bzip2", fmt::format("stream {}", stream_));
          }
          continue;
        case BZ_DATA_ERROR_MAGIC:
          return error(ErrorCode::kMalformed, "bzip2",
                       fmt::format("stream {} header: want \"BZh1\"..\"BZh9\", have {}", stream_,
                                   hex_prefix(in)));
        case BZ_DATA_ERROR:
          return error(
              ErrorCode::kMalformed, "bzip2",
              fmt::format("stream {}: want valid block data, have a bad block or CRC", stream_));
        case BZ_MEM_ERROR:
          return error(ErrorCode::kInternal, "bzip2", "BZ2_bzDecompress: out of memory");
        default:
          return error(ErrorCode::kInternal, "bzip2",
                       fmt::format("BZ2_bzDecompress: unexpected result {}", rc));
      }
    }
    return {};
  }

  bz_stream bs_{};
  int init_rc_ = BZ_OK;
  bool between_ = false;
  int stream_ = 1;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_bzip2_decoder(std::unique_ptr<InputFile> in) {
  return std::make_unique<Bzip2Decoder>(std::move(in));
}

}  // namespace manrs::core::detail
