// zstd frames (RFC 8878; concatenated and skippable frames) decoded with libzstd.
#include <fmt/format.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "manrs/core/internal/stream_decoder.h"

namespace manrs::core::detail {
namespace {

// Largest zstd window we accept, as log2: 2^27 = 128 MiB is libzstd's own default limit and
// stays below kMaxDecoderMemory.
constexpr int kZstdWindowLogMax = 27;

class ZstdDecoder final : public StreamDecoder {
 public:
  explicit ZstdDecoder(std::unique_ptr<InputFile> in)
      : StreamDecoder(std::move(in)), dctx_(ZSTD_createDCtx()) {
    if (dctx_ != nullptr) {
      ZSTD_DCtx_setParameter(dctx_, ZSTD_d_windowLogMax, kZstdWindowLogMax);
    }
  }
  ~ZstdDecoder() override { ZSTD_freeDCtx(dctx_); }
  ZstdDecoder(const ZstdDecoder&) = delete;
  ZstdDecoder& operator=(const ZstdDecoder&) = delete;

 private:
  Status run(std::span<std::byte> dst, std::size_t& out, bool& done) override {
    if (dctx_ == nullptr) {
      return error(ErrorCode::kInternal, "zstd", "ZSTD_createDCtx failed");
    }
    while (out < dst.size()) {
      MANRS_TRY(bool more, refill());
      if (!more && frame_done_) {
        done = true;
        return {};
      }
      auto in = pending();
      ZSTD_inBuffer zin{in.data(), in.size(), 0};
      ZSTD_outBuffer zout{dst.data() + out, dst.size() - out, 0};
      std::size_t rc = ZSTD_decompressStream(dctx_, &zout, &zin);
      take(zin.pos);
      out += zout.pos;
      if (ZSTD_isError(rc) != 0U) {
        ZSTD_ErrorCode code = ZSTD_getErrorCode(rc);
        if (code == ZSTD_error_frameParameter_windowTooLarge) {
          return error(ErrorCode::kLimitExceeded, "zstd",
                       fmt::format("frame {} window: want <= 2^{} bytes, have more", frame_,
                                   kZstdWindowLogMax));
        }
        return error(ErrorCode::kMalformed, "zstd",
                     fmt::format("frame {}: want valid zstd data, have \"{}\"", frame_,
                                 ZSTD_getErrorName(rc)));
      }
      if (rc == 0) {
        if (!frame_done_) {
          ++frame_;
        }
        frame_done_ = true;
      } else {
        frame_done_ = false;
      }
      if (!more && zout.pos == 0 && !frame_done_) {
        return truncated("zstd", fmt::format("frame {}", frame_));
      }
    }
    return {};
  }

  ZSTD_DCtx* dctx_ = nullptr;
  bool frame_done_ = false;
  int frame_ = 1;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_zstd_decoder(std::unique_ptr<InputFile> in) {
  return std::make_unique<ZstdDecoder>(std::move(in));
}

}  // namespace manrs::core::detail
