// gzip (RFC 1952) members of deflate (RFC 1951) data, decoded with zlib.
#include <climits>

#include <fmt/format.h>
#include <zlib.h>

#include "manrs/core/internal/stream_decoder.h"

namespace manrs::core::detail {
namespace {

class GzipDecoder final : public StreamDecoder {
 public:
  explicit GzipDecoder(std::unique_ptr<InputFile> in) : StreamDecoder(std::move(in)) {
    // 16 + 15: gzip wrapper only, 32 KiB window (the deflate maximum).
    init_rc_ = inflateInit2(&zs_, 16 + MAX_WBITS);
  }
  ~GzipDecoder() override {
    if (init_rc_ == Z_OK) {
      inflateEnd(&zs_);
    }
  }
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

 private:
  Status run(std::span<std::byte> dst, std::size_t& out, bool& done) override {
    if (init_rc_ != Z_OK) {
      return error(ErrorCode::kInternal, "gzip", "inflateInit2 failed");
    }
    while (out < dst.size()) {
      MANRS_TRY(bool more, refill());
      if (!in_member_) {
        if (!more) {
          done = true;
          return {};
        }
        auto head = pending();
        // RFC 1952 §2.3.1: every member starts with ID1 ID2 = 1f 8b.
        if (head[0] != std::byte{0x1f} || (head.size() > 1 && head[1] != std::byte{0x8b})) {
          return error(ErrorCode::kMalformed, "gzip",
                       fmt::format("after member {}: want a gzip header (1f 8b) or end of file, "
                                   "have {}",
                                   member_, hex_prefix(head)));
        }
        inflateReset(&zs_);
        in_member_ = true;
        ++member_;
      }
      auto in = pending();
      std::size_t room = dst.size() - out;
      // zlib counts in uInt; the input chunk is small, the output room is clamped.
      zs_.next_in = const_cast<Bytef*>(reinterpret_cast<const Bytef*>(in.data()));  // NOLINT
      zs_.avail_in = static_cast<uInt>(in.size());
      zs_.next_out = reinterpret_cast<Bytef*>(dst.data() + out);  // NOLINT
      zs_.avail_out = static_cast<uInt>(room < UINT_MAX ? room : UINT_MAX);
      int rc = inflate(&zs_, Z_NO_FLUSH);
      std::size_t used = in.size() - zs_.avail_in;
      std::size_t made = (room < UINT_MAX ? room : UINT_MAX) - zs_.avail_out;
      take(used);
      out += made;
      switch (rc) {
        case Z_STREAM_END:
          in_member_ = false;
          continue;
        case Z_OK:
        case Z_BUF_ERROR:
          if (used == 0 && made == 0 && !more) {
            return truncated("gzip", fmt::format("member {}", member_));
          }
          continue;
        case Z_MEM_ERROR:
          return error(ErrorCode::kInternal, "gzip", "inflate: out of memory");
        default:  // Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR
          return error(ErrorCode::kMalformed, "gzip",
                       fmt::format("member {}: want valid deflate data, have \"{}\"", member_,
                                   zs_.msg != nullptr ? zs_.msg : "error"));
      }
    }
    return {};
  }

  z_stream zs_{};
  int init_rc_ = Z_OK;
  bool in_member_ = true;
  int member_ = 1;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_gzip_decoder(std::unique_ptr<InputFile> in) {
  return std::make_unique<GzipDecoder>(std::move(in));
}

}  // namespace manrs::core::detail
