// xz streams (concatenated, with stream padding) decoded with liblzma.
#include <fmt/format.h>
#include <lzma.h>

#include "manrs/core/internal/stream_decoder.h"

namespace manrs::core::detail {
namespace {

class XzDecoder final : public StreamDecoder {
 public:
  explicit XzDecoder(std::unique_ptr<InputFile> in) : StreamDecoder(std::move(in)) {
    init_rc_ = lzma_stream_decoder(&ls_, kMaxDecoderMemory, LZMA_CONCATENATED);
  }
  ~XzDecoder() override { lzma_end(&ls_); }
  XzDecoder(const XzDecoder&) = delete;
  XzDecoder& operator=(const XzDecoder&) = delete;

 private:
  Status run(std::span<std::byte> dst, std::size_t& out, bool& done) override {
    if (init_rc_ != LZMA_OK) {
      return error(ErrorCode::kInternal, "xz", "lzma_stream_decoder failed");
    }
    while (out < dst.size()) {
      MANRS_TRY(bool more, refill());
      auto in = pending();
      std::size_t room = dst.size() - out;
      ls_.next_in = reinterpret_cast<const std::uint8_t*>(in.data());  // NOLINT
      ls_.avail_in = in.size();
      ls_.next_out = reinterpret_cast<std::uint8_t*>(dst.data() + out);  // NOLINT
      ls_.avail_out = room;
      // LZMA_FINISH at end of input: with LZMA_CONCATENATED the decoder only then knows that
      // no further stream follows.
      lzma_ret rc = lzma_code(&ls_, more ? LZMA_RUN : LZMA_FINISH);
      std::size_t used = in.size() - ls_.avail_in;
      std::size_t made = room - ls_.avail_out;
      take(used);
      out += made;
      switch (rc) {
        case LZMA_STREAM_END:
          done = true;
          return {};
        case LZMA_OK:
          continue;
        case LZMA_BUF_ERROR:
          if (!more) {
            return truncated("xz", "compressed data");
          }
          continue;
        case LZMA_MEMLIMIT_ERROR:
          return error(ErrorCode::kLimitExceeded, "xz",
                       fmt::format("decoder memory: want <= {} bytes, have {}", kMaxDecoderMemory,
                                   lzma_memusage(&ls_)));
        case LZMA_FORMAT_ERROR:
          return error(ErrorCode::kMalformed, "xz",
                       fmt::format("stream header: want an xz stream (fd 37 7a 58 5a 00), have {}",
                                   hex_prefix(in, 6)));
        case LZMA_OPTIONS_ERROR:
          return error(ErrorCode::kUnsupported, "xz",
                       "stream options: want options liblzma supports, have unsupported ones");
        case LZMA_DATA_ERROR:
          return error(ErrorCode::kMalformed, "xz",
                       "data: want valid compressed data, have corrupt data");
        case LZMA_MEM_ERROR:
          return error(ErrorCode::kInternal, "xz", "lzma_code: out of memory");
        default:
          return error(ErrorCode::kInternal, "xz",
                       fmt::format("lzma_code: unexpected result {}", static_cast<int>(rc)));
      }
    }
    return {};
  }

  lzma_stream ls_ = LZMA_STREAM_INIT;
  lzma_ret init_rc_ = LZMA_OK;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_xz_decoder(std::unique_ptr<InputFile> in) {
  return std::make_unique<XzDecoder>(std::move(in));
}

}  // namespace manrs::core::detail
