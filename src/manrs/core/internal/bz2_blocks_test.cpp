#include "manrs/core/internal/bz2_blocks.h"

#include <deque>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/internal/test_fixtures.h"

namespace manrs::core::detail {
namespace {

using fixtures::Bytes;

std::vector<std::uint8_t> as_u8(const Bytes& b) {
  std::vector<std::uint8_t> v(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) v[i] = std::to_integer<std::uint8_t>(b[i]);
  return v;
}

// Cuts a single-stream bzip2 file into its blocks (no false positives in test data).
std::vector<Bz2Block> cut_blocks(const std::vector<std::uint8_t>& z) {
  std::vector<Bz2Block> blocks;
  std::uint64_t start = 32;
  for (;;) {
    auto m = find_bz2_magic(z, start + 48);
    EXPECT_TRUE(m.has_value());
    if (!m) return blocks;
    Bz2Block b;
    std::uint64_t first = start / 8, last = (m->bit + 7) / 8;
    b.bytes.assign(z.begin() + static_cast<std::ptrdiff_t>(first),
                   z.begin() + static_cast<std::ptrdiff_t>(last));
    b.first_bit = static_cast<unsigned>(start % 8);
    b.nbits = m->bit - start;
    b.start_bit = start;
    b.index = blocks.size() + 1;
    b.level = static_cast<char>(z[3]);
    b.end = m->kind == Bz2MagicKind::kEos ? Bz2BlockEnd::kEos : Bz2BlockEnd::kBlockMagic;
    blocks.push_back(std::move(b));
    if (m->kind == Bz2MagicKind::kEos) return blocks;
    start = m->bit;
  }
}

// A block cut at `bit` (relative) into two candidates, as a false magic would cut it.
std::pair<Bz2Block, Bz2Block> split(const Bz2Block& b, std::uint64_t at) {
  Bz2Block x = b, y = b;
  x.nbits = at;
  x.end = Bz2BlockEnd::kBlockMagic;
  y.first_bit = static_cast<unsigned>((b.first_bit + at) % 8);
  y.bytes.assign(b.bytes.begin() + static_cast<std::ptrdiff_t>((b.first_bit + at) / 8),
                 b.bytes.end());
  y.nbits = b.nbits - at;
  y.start_bit = b.start_bit + at;
  y.index = b.index + 1;
  return {x, y};
}

TEST(Bz2BlocksTest, FindsMagicsAtEveryBitOffset) {
  for (unsigned shift = 0; shift < 8; ++shift) {
    for (auto magic : {kBz2BlockMagic, kBz2EosMagic}) {
      std::vector<std::uint8_t> buf(32, 0xAA);
      std::vector<std::uint8_t> bits;
      BitWriter w(bits);
      w.put(0x5, 3);  // three bits of noise first
      w.put(0, 40 + shift - 3);
      w.put(magic, 48);
      w.put(0x3FF, 10);
      w.finish();
      std::copy(bits.begin(), bits.end(), buf.begin());
      auto m = find_bz2_magic(buf, 0);
      ASSERT_TRUE(m.has_value()) << shift;
      EXPECT_EQ(m->bit, 40U + shift);
      EXPECT_EQ(m->kind, magic == kBz2BlockMagic ? Bz2MagicKind::kBlock : Bz2MagicKind::kEos);
      EXPECT_EQ(read_bits(buf, m->bit, 48), magic);
      EXPECT_FALSE(find_bz2_magic(buf, m->bit + 1).has_value());
      // Not wholly inside the data: not found.
      EXPECT_FALSE(find_bz2_magic(std::span(buf).first((40 + shift + 47) / 8), 0).has_value());
    }
  }
}

TEST(Bz2BlocksTest, BitWriterCopiesAnyAlignment) {
  std::mt19937_64 rng(7);
  std::vector<std::uint8_t> src(300);
  for (auto& b : src) b = static_cast<std::uint8_t>(rng());
  for (std::uint64_t first = 0; first < 16; ++first) {
    for (unsigned pre = 0; pre < 8; ++pre) {
      std::vector<std::uint8_t> out;
      BitWriter w(out);
      w.put(0, pre);
      std::uint64_t n = 2000 + first;
      w.put_bits(src, first, n);
      w.finish();
      for (std::uint64_t i = 0; i < n; i += 37) {
        ASSERT_EQ(read_bits(out, pre + i, 1), read_bits(src, first + i, 1));
      }
    }
  }
}

TEST(Bz2BlocksTest, DecodesEachBlockAlone) {
  auto data = fixtures::make_table_text(2'000'000, 21);
  auto z = as_u8(fixtures::bzip2_compress(data));
  auto blocks = cut_blocks(z);
  ASSERT_GE(blocks.size(), 2U);
  Bytes all, out;
  std::vector<std::uint8_t> scratch;
  for (const auto& b : blocks) {
    ASSERT_EQ(decode_bz2_block(b, out, scratch), Bz2DecodeStatus::kOk);
    all.insert(all.end(), out.begin(), out.end());
  }
  EXPECT_EQ(all, data);
}

TEST(Bz2BlocksTest, FalseSplitIsMergedBack) {
  auto data = fixtures::make_table_text(2'000'000, 22);
  auto z = as_u8(fixtures::bzip2_compress(data));
  auto blocks = cut_blocks(z);
  ASSERT_GE(blocks.size(), 2U);
  Bytes whole, out;
  std::vector<std::uint8_t> scratch;
  ASSERT_EQ(decode_bz2_block(blocks[0], whole, scratch), Bz2DecodeStatus::kOk);
  for (std::uint64_t at : {std::uint64_t{100}, blocks[0].nbits / 3, blocks[0].nbits - 5}) {
    SCOPED_TRACE(at);
    auto [x, y] = split(blocks[0], at);
    EXPECT_NE(decode_bz2_block(x, out, scratch), Bz2DecodeStatus::kOk);
    std::deque<Bz2Block> rest{y, blocks[1]};
    Bz2NextBlock next = [&]() -> Result<std::optional<Bz2Block>> {
      if (rest.empty()) return std::optional<Bz2Block>{};
      Bz2Block b = rest.front();
      rest.pop_front();
      return std::optional<Bz2Block>{b};
    };
    auto merged = merge_until_decoded(x, Bz2DecodeStatus::kDataError, next, out, scratch, "f");
    ASSERT_TRUE(merged.has_value()) << merged.error().to_string();
    EXPECT_EQ(out, whole);
    EXPECT_EQ(merged->nbits, blocks[0].nbits);
    EXPECT_EQ(merged->crc(), blocks[0].crc());
    EXPECT_EQ(rest.size(), 1U);  // blocks[1] was not needed
  }
}

TEST(Bz2BlocksTest, LastBlockCutByEndOfFileIsTruncated) {
  auto z = as_u8(fixtures::bzip2_compress(fixtures::make_table_text(500'000, 23)));
  auto blocks = cut_blocks(z);
  ASSERT_EQ(blocks.size(), 1U);
  Bz2Block b = blocks[0];
  b.nbits /= 2;
  b.end = Bz2BlockEnd::kEof;
  Bytes out;
  std::vector<std::uint8_t> scratch;
  auto status = decode_bz2_block(b, out, scratch);
  EXPECT_NE(status, Bz2DecodeStatus::kOk);
  Bz2NextBlock none = [] { return Result<std::optional<Bz2Block>>(std::optional<Bz2Block>{}); };
  auto r = merge_until_decoded(b, status, none, out, scratch, "cut.bz2");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(r.error().to_string(),
            "cut.bz2@4: bzip2 stream: block 1: want more data, have end of file");
}

TEST(Bz2BlocksTest, EndlessMergingStopsAtTheCap) {
  Bz2Block junk;
  junk.bytes.assign(1U << 20U, 0x55);
  junk.nbits = junk.bytes.size() * 8U;
  junk.index = 1;
  Bz2NextBlock next = [&]() -> Result<std::optional<Bz2Block>> {
    return std::optional<Bz2Block>{junk};
  };
  Bytes out;
  std::vector<std::uint8_t> scratch;
  auto r = merge_until_decoded(junk, Bz2DecodeStatus::kDataError, next, out, scratch, "j");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(r.error().to_string(),
            "j@0: bzip2 stream: block 1: want a valid block within 2621440 compressed bytes, have "
            "none");
}

}  // namespace
}  // namespace manrs::core::detail
