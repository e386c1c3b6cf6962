// core/byte_reader.h — bounds-checked big-endian cursor over untrusted bytes (STYLE.md U1, U2).
//
// Every decoder reads wire bytes only through ByteReader. Two ways to read:
//  - checked: read_u8/u16/u32/bytes(field) return Result and name the field and the absolute
//    offset in the error ("file@1832: RFC 6396 §4.3.2 prefix length: want 1 bytes, have 0");
//  - fast: after `if (!r.can_read(n)) ...`, the get_* calls read without a second check
//    (they still never read past the end: get_* on an exhausted reader returns zeros).
// A reader knows its source name and the absolute offset of its first byte, so sub-readers
// (sub(n)) keep reporting positions in the original file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "manrs/core/result.h"

namespace manrs::core {

class ByteReader {
 public:
  ByteReader() = default;
  // `source` must outlive the reader (it is kept as a view); `base_offset` is the absolute
  // offset of data[0] in that source.
  ByteReader(std::span<const std::byte> data, std::string_view source = {},
             std::uint64_t base_offset = 0)
      : p_(reinterpret_cast<const std::uint8_t*>(data.data())),  // NOLINT
        n_(data.size()),
        source_(source),
        base_(base_offset) {}

  [[nodiscard]] std::size_t remaining() const { return n_ - pos_; }
  [[nodiscard]] bool empty() const { return pos_ >= n_; }
  [[nodiscard]] bool can_read(std::size_t n) const { return n <= n_ - pos_; }
  [[nodiscard]] std::size_t position() const { return pos_; }
  [[nodiscard]] std::uint64_t offset() const { return base_ + pos_; }
  [[nodiscard]] std::string_view source() const { return source_; }
  [[nodiscard]] std::span<const std::byte> rest() const {
    return {reinterpret_cast<const std::byte*>(p_ + pos_), n_ - pos_};  // NOLINT
  }
  [[nodiscard]] const std::uint8_t* cursor() const { return p_ + pos_; }

  // Fast reads: caller checked can_read() first. Past the end they zero-fill
  // what is missing and consume what there is.
  std::uint8_t get_u8() {
    if (pos_ + 1 > n_) return 0;
    return p_[pos_++];
  }
  std::uint16_t get_u16() {
    if (pos_ + 2 > n_) return skip_all_zero16();
    auto v = static_cast<std::uint16_t>((p_[pos_] << 8) | p_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  std::uint32_t get_u32() {
    if (pos_ + 4 > n_) return skip_all_zero32();
    std::uint32_t v = (std::uint32_t{p_[pos_]} << 24) | (std::uint32_t{p_[pos_ + 1]} << 16) |
                      (std::uint32_t{p_[pos_ + 2]} << 8) | std::uint32_t{p_[pos_ + 3]};
    pos_ += 4;
    return v;
  }
  // Copies n bytes to dst (n must be <= remaining(), else copies what there is and zero-fills).
  void get_bytes(void* dst, std::size_t n) {
    std::size_t have = n <= remaining() ? n : remaining();
    if (have) std::memcpy(dst, p_ + pos_, have);
    if (have < n) std::memset(static_cast<std::uint8_t*>(dst) + have, 0, n - have);
    pos_ += have;
  }
  void advance(std::size_t n) { pos_ = n <= remaining() ? pos_ + n : n_; }

  // Checked reads: `field` names what is read, with its RFC reference, for the error message.
  [[nodiscard]] Result<std::uint8_t> read_u8(std::string_view field) {
    if (!can_read(1)) return truncated(field, 1);
    return get_u8();
  }
  [[nodiscard]] Result<std::uint16_t> read_u16(std::string_view field) {
    if (!can_read(2)) return truncated(field, 2);
    return get_u16();
  }
  [[nodiscard]] Result<std::uint32_t> read_u32(std::string_view field) {
    if (!can_read(4)) return truncated(field, 4);
    return get_u32();
  }
  [[nodiscard]] Result<std::span<const std::byte>> read_bytes(std::size_t n,
                                                              std::string_view field) {
    if (!can_read(n)) return truncated(field, n);
    std::span<const std::byte> s{reinterpret_cast<const std::byte*>(p_ + pos_), n};  // NOLINT
    pos_ += n;
    return s;
  }
  // A reader over the next n bytes (same source, absolute offsets kept); advances past them.
  [[nodiscard]] Result<ByteReader> sub(std::size_t n, std::string_view field) {
    if (!can_read(n)) return truncated(field, n);
    ByteReader r{
        {reinterpret_cast<const std::byte*>(p_ + pos_), n}, source_, base_ + pos_};  // NOLINT
    pos_ += n;
    return r;
  }
  // Like sub() but takes whatever is there when fewer than n bytes remain (bgpdump semantics).
  [[nodiscard]] ByteReader sub_lenient(std::size_t n) {
    std::size_t have = n <= remaining() ? n : remaining();
    ByteReader r{
        {reinterpret_cast<const std::byte*>(p_ + pos_), have}, source_, base_ + pos_};  // NOLINT
    pos_ += have;
    return r;
  }

  // "source@offset" for the current position.
  [[nodiscard]] std::string where() const { return where_at(offset()); }
  [[nodiscard]] std::string where_at(std::uint64_t abs_offset) const;

  // Errors at the current position: "<field>: want <n> bytes, have <remaining>".
  [[nodiscard]] Error truncated(std::string_view field, std::size_t want) const;
  // "<field>: want <want>, have <have>" with a caller-chosen code.
  [[nodiscard]] Error error(ErrorCode code, std::string_view field, std::string_view want,
                            std::string_view have) const;

 private:
  // Short reads take the bytes that are there and zero-fill the rest (what libbgpdump's
  // mstream does, so that damaged records decode the same way).
  std::uint16_t skip_all_zero16() {
    std::uint8_t b[2];
    get_bytes(b, 2);
    return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
  }
  std::uint32_t skip_all_zero32() {
    std::uint8_t b[4];
    get_bytes(b, 4);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
  }

  const std::uint8_t* p_ = nullptr;
  std::size_t n_ = 0;
  std::size_t pos_ = 0;
  std::string_view source_;
  std::uint64_t base_ = 0;
};

}  // namespace manrs::core
