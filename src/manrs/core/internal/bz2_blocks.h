// core/internal/bz2_blocks.h — bzip2 blocks as independent units, for parallel decompression.
//
// A bzip2 stream is "BZh" + level digit, then blocks, each starting with the 48-bit magic
// 0x314159265359 (followed by the block CRC), then the 48-bit end-of-stream magic
// 0x177245385090 and the 32-bit combined CRC, padded to a byte. Blocks are bit-aligned and
// independent, so the bits between two magics can be wrapped as a tiny standalone stream
// ("BZh" + level + block bits + end-of-stream magic + CRC) and handed to libbz2 on any thread.
// The magic can also occur by chance inside compressed data; such a false split makes the
// block fail to decode, and merge_until_decoded() then joins it with what follows (the lbzip2
// approach). bz2_parallel.h uses these pieces; this file holds the pure, testable parts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"

namespace manrs::core::detail {

inline constexpr std::uint64_t kBz2BlockMagic = 0x314159265359ULL;
inline constexpr std::uint64_t kBz2EosMagic = 0x177245385090ULL;

// Largest compressed block we accept (also after merges). A valid level-9 block holds at most
// 900000 symbols of at most 20 bits (the decoder's longest Huffman code) plus ~25 KiB of tables
// and selectors: < 2.2 MiB. bzip2 itself writes <= ~1 MiB. Larger candidates are corruption.
inline constexpr std::size_t kMaxBz2BlockCompressedBytes = std::size_t{2560} * 1024U;

// Largest decompressed block: 900000 run-length-1 symbols, where 5 symbols (4 equal bytes and
// a count of up to 251) expand to 255 bytes: 900000 / 5 * 255. libbz2 enforces it; this bounds
// our output buffer as a second line of defence.
inline constexpr std::size_t kMaxBz2BlockBytes = std::size_t{900000} / 5U * 255U;

enum class Bz2MagicKind : std::uint8_t { kBlock, kEos };

struct Bz2Magic {
  std::uint64_t bit = 0;  // position of the magic's first bit, counted from data[0]'s MSB
  Bz2MagicKind kind = Bz2MagicKind::kBlock;
};

// Finds the first block or end-of-stream magic that starts at a bit >= from_bit and lies wholly
// inside `data`. Returns nullopt if there is none.
[[nodiscard]] std::optional<Bz2Magic> find_bz2_magic(std::span<const std::uint8_t> data,
                                                     std::uint64_t from_bit);

// Reads n (1..57) bits MSB-first starting at `bit`; bits past the end of data read as 0.
[[nodiscard]] std::uint64_t read_bits(std::span<const std::uint8_t> data, std::uint64_t bit,
                                      unsigned n);

// Appends bits MSB-first into a byte vector (cleared on construction); finish() pads the last
// byte with zero bits.
class BitWriter {
 public:
  explicit BitWriter(std::vector<std::uint8_t>& out) : out_(out) { out_.clear(); }
  void put(std::uint64_t value, unsigned n);  // n <= 56
  void put_bits(std::span<const std::uint8_t> src, std::uint64_t first_bit, std::uint64_t nbits);
  void finish();
  [[nodiscard]] std::uint64_t bits() const { return out_.size() * 8U + nacc_; }

 private:
  std::vector<std::uint8_t>& out_;
  std::uint64_t acc_ = 0;
  unsigned nacc_ = 0;
};

// What follows a candidate block in the file.
enum class Bz2BlockEnd : std::uint8_t {
  kBlockMagic,      // another block magic (real, or by chance inside this block)
  kEos,             // an end-of-stream magic, its CRC, then end of file or a new stream header
  kEosThenGarbage,  // an end-of-stream magic followed by bytes that are no stream header
  kEosTruncated,    // an end-of-stream magic cut short by the end of file
  kEof,             // the end of the file: the stream was cut inside this block
};

// One candidate block: the compressed bits from its magic up to the next magic (or end of file).
struct Bz2Block {
  std::vector<std::uint8_t> bytes;  // holds the bits, starting at bit first_bit of bytes[0]
  unsigned first_bit = 0;
  std::uint64_t nbits = 0;
  std::uint64_t start_bit = 0;  // file position of the first bit (the magic), in bits
  std::uint64_t index = 0;      // 1-based number of the candidate in the file, for messages
  char level = '9';             // the stream's level digit
  Bz2BlockEnd end = Bz2BlockEnd::kBlockMagic;
  std::uint32_t stream_crc = 0;  // the stored combined CRC, for kEos and kEosThenGarbage
  bool after_eos = false;        // starts at an end-of-stream magic that was followed by garbage

  // The block CRC stored right after the block magic (bzip2 1.0 "blockCRC").
  [[nodiscard]] std::uint32_t crc() const;
  // The file offset of the byte holding the first bit, and just past the last bit.
  [[nodiscard]] std::uint64_t offset() const { return start_bit / 8U; }
  [[nodiscard]] std::uint64_t end_offset() const { return (start_bit + nbits + 7U) / 8U; }
};

enum class Bz2DecodeStatus : std::uint8_t {
  kOk,          // decoded, block CRC verified by libbz2
  kDataError,   // libbz2 rejected the block (bad Huffman data, bad CRC, bad sizes)
  kIncomplete,  // the bits ended before the block did
  kTooLarge,    // the output went past kMaxBz2BlockBytes
  kNoMemory,    // libbz2 could not allocate its fixed-size state
};

// Decodes one candidate block. `out` receives the decompressed bytes (resized; its capacity is
// reused); `scratch` holds the wrapped stream. Never throws on bad data.
[[nodiscard]] Bz2DecodeStatus decode_bz2_block(const Bz2Block& block, std::vector<std::byte>& out,
                                               std::vector<std::uint8_t>& scratch);

// The block made of `a` followed directly by `b` in the file (their bits concatenated).
[[nodiscard]] Bz2Block merge_bz2_blocks(const Bz2Block& a, const Bz2Block& b);

// Supplies the candidate block that follows the last one taken, nullopt when there is none, or
// an Error (read or scan failure) that ends the input.
using Bz2NextBlock = std::function<Result<std::optional<Bz2Block>>()>;

// Given `block` whose decode ended with `status` (not kOk), merges it with the blocks that follow
// (while it is split by a magic that may be false) until the merge decodes. Returns the merged
// block with its bytes in `out`, or an Error naming `name`@offset: kTruncated when the file ends
// inside the block, kMalformed for damage or a merge above kMaxBz2BlockCompressedBytes.
[[nodiscard]] Result<Bz2Block> merge_until_decoded(Bz2Block block, Bz2DecodeStatus status,
                                                   const Bz2NextBlock& next,
                                                   std::vector<std::byte>& out,
                                                   std::vector<std::uint8_t>& scratch,
                                                   std::string_view name);

}  // namespace manrs::core::detail
