#include "manrs/core/internal/bz2_blocks.h"

#include <array>
#include <climits>
#include <cstring>
#include <utility>

#include <bzlib.h>
#include <fmt/format.h>

namespace manrs::core::detail {
namespace {

// For each byte value v: bit s set if a block magic starting at bit s (0..7) of some byte j
// puts v into byte j+1; bit 8+s likewise for the end-of-stream magic. Byte j+1 always lies
// wholly inside the 48-bit magic, so a magic can only start in byte j if table[data[j+1]] != 0.
constexpr std::array<std::uint16_t, 256> make_probe_table() {
  std::array<std::uint16_t, 256> t{};
  for (unsigned s = 0; s < 8; ++s) {
    t[(kBz2BlockMagic >> (32U + s)) & 0xFFU] |= static_cast<std::uint16_t>(1U << s);
    t[(kBz2EosMagic >> (32U + s)) & 0xFFU] |= static_cast<std::uint16_t>(1U << (8U + s));
  }
  return t;
}
constexpr std::array<std::uint16_t, 256> kProbe = make_probe_table();

constexpr std::uint64_t kMask48 = (1ULL << 48U) - 1U;

}  // namespace

std::uint64_t read_bits(std::span<const std::uint8_t> data, std::uint64_t bit, unsigned n) {
  std::uint64_t byte = bit / 8U;
  std::uint64_t v = 0;
  if (byte + 8U <= data.size()) {
    for (std::size_t i = 0; i < 8; ++i) {
      v = (v << 8U) | data[byte + i];
    }
  } else {
    for (std::size_t i = 0; i < 8; ++i) {
      v = (v << 8U) | (byte + i < data.size() ? data[byte + i] : 0U);
    }
  }
  return (v << (bit % 8U)) >> (64U - n);
}

std::optional<Bz2Magic> find_bz2_magic(std::span<const std::uint8_t> data, std::uint64_t from_bit) {
  const std::uint64_t total_bits = data.size() * 8U;
  const std::uint8_t* p = data.data();
  const std::size_t n = data.size();
  for (std::size_t i = from_bit / 8U + 1U; i < n; ++i) {
    std::uint16_t m = kProbe[p[i]];
    if (m == 0) {
      continue;
    }
    std::uint64_t j_bit = (static_cast<std::uint64_t>(i) - 1U) * 8U;
    for (unsigned s = 0; s < 8; ++s) {
      if ((m & (0x101U << s)) == 0) {
        continue;
      }
      std::uint64_t c = j_bit + s;
      if (c < from_bit || c + 48U > total_bits) {
        continue;
      }
      std::uint64_t v = read_bits(data, c, 48) & kMask48;
      if ((m & (1U << s)) != 0 && v == kBz2BlockMagic) {
        return Bz2Magic{c, Bz2MagicKind::kBlock};
      }
      if ((m & (0x100U << s)) != 0 && v == kBz2EosMagic) {
        return Bz2Magic{c, Bz2MagicKind::kEos};
      }
    }
  }
  return std::nullopt;
}

void BitWriter::put(std::uint64_t value, unsigned n) {
  acc_ = (acc_ << n) | (value & ((1ULL << n) - 1U));
  nacc_ += n;
  while (nacc_ >= 8) {
    nacc_ -= 8;
    out_.push_back(static_cast<std::uint8_t>(acc_ >> nacc_));
  }
  acc_ &= (1ULL << nacc_) - 1U;
}

void BitWriter::put_bits(std::span<const std::uint8_t> src, std::uint64_t first_bit,
                         std::uint64_t nbits) {
  if (nacc_ == 0 && nbits >= 8) {
    // The writer is at a byte boundary: build whole bytes, shifting when the source is not.
    auto whole = static_cast<std::size_t>(nbits / 8U);
    const std::uint8_t* from = src.data() + first_bit / 8U;
    auto shift = static_cast<unsigned>(first_bit % 8U);
    if (shift == 0) {
      out_.insert(out_.end(), from, from + whole);
    } else {
      // Byte i takes bits from from[i] and from[i + 1]; the last of those is still inside the
      // nbits being copied, so from[whole] is in src.
      std::size_t old = out_.size();
      out_.resize(old + whole);
      for (std::size_t i = 0; i < whole; ++i) {
        out_[old + i] =
            static_cast<std::uint8_t>((from[i] << shift) | (from[i + 1] >> (8U - shift)));
      }
    }
    first_bit += std::uint64_t{whole} * 8U;
    nbits -= std::uint64_t{whole} * 8U;
  }
  while (nbits >= 32) {
    put(read_bits(src, first_bit, 32), 32);
    first_bit += 32;
    nbits -= 32;
  }
  if (nbits > 0) {
    put(read_bits(src, first_bit, static_cast<unsigned>(nbits)), static_cast<unsigned>(nbits));
  }
}

void BitWriter::finish() {
  if (nacc_ > 0) {
    put(0, 8 - nacc_);
  }
}

std::uint32_t Bz2Block::crc() const {
  return static_cast<std::uint32_t>(read_bits(bytes, first_bit + 48U, 32));
}

Bz2DecodeStatus decode_bz2_block(const Bz2Block& block, std::vector<std::byte>& out,
                                 std::vector<std::uint8_t>& scratch) {
  out.clear();
  // The wrapper: a one-block stream whose combined CRC equals the block CRC
  // (combined = rotl(0, 1) ^ block CRC).
  scratch.reserve(block.bytes.size() + 16);
  BitWriter w(scratch);
  w.put('B', 8);
  w.put('Z', 8);
  w.put('h', 8);
  w.put(static_cast<std::uint8_t>(block.level), 8);
  w.put_bits(block.bytes, block.first_bit, block.nbits);
  w.put(kBz2EosMagic, 48);
  w.put(block.crc(), 32);
  w.finish();

  bz_stream bs{};
  if (BZ2_bzDecompressInit(&bs, 0, 0) != BZ_OK) {
    return Bz2DecodeStatus::kNoMemory;
  }
  bs.next_in = reinterpret_cast<char*>(scratch.data());  // NOLINT
  bs.avail_in = static_cast<unsigned>(scratch.size());
  constexpr std::size_t kInitial = std::size_t{1024} * 1024U;
  std::size_t cap = out.capacity() >= kInitial ? out.capacity() : kInitial;
  out.resize(cap);
  std::size_t made = 0;
  Bz2DecodeStatus status = Bz2DecodeStatus::kIncomplete;
  for (;;) {
    if (made == out.size()) {
      if (out.size() > kMaxBz2BlockBytes) {
        status = Bz2DecodeStatus::kTooLarge;
        break;
      }
      std::size_t grow = out.size() * 2;
      out.resize(grow <= kMaxBz2BlockBytes ? grow : kMaxBz2BlockBytes + 1);
    }
    std::size_t room = out.size() - made;
    bs.next_out = reinterpret_cast<char*>(out.data() + made);  // NOLINT
    bs.avail_out = static_cast<unsigned>(room < UINT_MAX ? room : UINT_MAX);
    unsigned before = bs.avail_out;
    int rc = BZ2_bzDecompress(&bs);
    made += before - bs.avail_out;
    if (rc == BZ_STREAM_END) {
      status = Bz2DecodeStatus::kOk;
      break;
    }
    if (rc == BZ_MEM_ERROR) {
      status = Bz2DecodeStatus::kNoMemory;
      break;
    }
    if (rc != BZ_OK) {
      status = Bz2DecodeStatus::kDataError;
      break;
    }
    // BZ_OK: libbz2 wants more input or more room. No input left and room to spare: the bits
    // ended inside the block.
    if (bs.avail_in == 0 && bs.avail_out > 0) {
      status = Bz2DecodeStatus::kIncomplete;
      break;
    }
  }
  BZ2_bzDecompressEnd(&bs);
  out.resize(status == Bz2DecodeStatus::kOk ? made : 0);
  return status;
}

Bz2Block merge_bz2_blocks(const Bz2Block& a, const Bz2Block& b) {
  Bz2Block m;
  m.bytes.reserve(a.bytes.size() + b.bytes.size());
  BitWriter w(m.bytes);
  w.put_bits(a.bytes, a.first_bit, a.nbits);
  w.put_bits(b.bytes, b.first_bit, b.nbits);
  w.finish();
  m.first_bit = 0;
  m.nbits = a.nbits + b.nbits;
  m.start_bit = a.start_bit;
  m.index = a.index;
  m.level = a.level;
  m.end = b.end;
  m.stream_crc = b.stream_crc;
  m.after_eos = a.after_eos;
  return m;
}

Result<Bz2Block> merge_until_decoded(Bz2Block block, Bz2DecodeStatus status,
                                     const Bz2NextBlock& next, std::vector<std::byte>& out,
                                     std::vector<std::uint8_t>& scratch, std::string_view name) {
  const std::uint64_t offset = block.offset();
  const std::uint64_t index = block.index;
  auto where = [&] { return fmt::format("{}@{}", name, offset); };
  while (status != Bz2DecodeStatus::kOk) {
    if (status == Bz2DecodeStatus::kNoMemory) {
      return make_error(ErrorCode::kInternal,
                        fmt::format("bzip2 stream: block {}: libbz2 out of memory", index),
                        where());
    }
    if (status == Bz2DecodeStatus::kTooLarge) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("bzip2 stream: block {}: want <= {} decompressed bytes, have "
                                    "more",
                                    index, kMaxBz2BlockBytes),
                        where());
    }
    if (block.end != Bz2BlockEnd::kBlockMagic && block.end != Bz2BlockEnd::kEosThenGarbage) {
      break;
    }
    // The magic after this block may have been a chance match inside it: join what follows.
    MANRS_TRY(std::optional<Bz2Block> following, next());
    if (!following) {
      break;
    }
    block = merge_bz2_blocks(block, *following);
    if (block.nbits > kMaxBz2BlockCompressedBytes * 8U) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("bzip2 stream: block {}: want a valid block within {} "
                                    "compressed bytes, have none",
                                    index, kMaxBz2BlockCompressedBytes),
                        where());
    }
    status = decode_bz2_block(block, out, scratch);
  }
  if (status == Bz2DecodeStatus::kOk) {
    return block;
  }
  if (block.end == Bz2BlockEnd::kEof || block.end == Bz2BlockEnd::kEosTruncated) {
    return make_error(
        ErrorCode::kTruncated,
        fmt::format("bzip2 stream: block {}: want more data, have end of file", index), where());
  }
  return make_error(ErrorCode::kMalformed,
                    fmt::format("bzip2 stream: block {}: want valid block data, have a bad block "
                                "or block CRC",
                                index),
                    where());
}

}  // namespace manrs::core::detail
