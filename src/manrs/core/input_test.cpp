#include "manrs/core/input.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/internal/test_fixtures.h"

namespace manrs::core {
namespace {

using fixtures::Bytes;
using fixtures::compress;
using fixtures::read_all;
using fixtures::ReadAll;
using fixtures::TempDir;
using fixtures::to_bytes;

constexpr Compression kCompressed[] = {Compression::kGzip, Compression::kBzip2, Compression::kXz,
                                       Compression::kZstd};

bool is_prefix(const Bytes& prefix, const Bytes& whole) {
  return prefix.size() <= whole.size() && std::equal(prefix.begin(), prefix.end(), whole.begin());
}

ReadAll read_memory(const Bytes& data, const std::string& name, unsigned threads,
                    std::size_t chunk = 1U << 20U) {
  auto src = open_memory(data, name, InputOptions{threads});
  EXPECT_TRUE(src.has_value());
  if (!src) return {};
  return read_all(**src, chunk);
}

// ---- detection ----------------------------------------------------------------------------

TEST(DetectCompressionTest, ByMagicBytesOnly) {
  struct Case {
    std::vector<int> head;
    Compression want;
  };
  const Case cases[] = {
      {{0x1f, 0x8b, 0x08, 0x00}, Compression::kGzip},
      {{0x1f, 0x8b}, Compression::kGzip},
      {{0x1f}, Compression::kNone},
      {{'B', 'Z', 'h', '9', 0x31, 0x41}, Compression::kBzip2},
      {{'B', 'Z', 'h', '1'}, Compression::kBzip2},
      {{'B', 'Z', 'h', '0'}, Compression::kNone},
      {{'B', 'Z', 'h', 'A'}, Compression::kNone},
      {{'B', 'Z', 'h'}, Compression::kNone},
      {{0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00}, Compression::kXz},
      {{0xfd, 0x37, 0x7a, 0x58, 0x5a}, Compression::kNone},
      {{0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x01}, Compression::kNone},
      {{0x28, 0xb5, 0x2f, 0xfd, 0x00}, Compression::kZstd},
      {{0x28, 0xb5, 0x2f}, Compression::kNone},
      {{0x4d, 0x7a, 0x00, 0x00, 0x00, 0x0d}, Compression::kNone},  // an MRT header
      {{}, Compression::kNone},
  };
  for (const auto& c : cases) {
    Bytes head;
    for (int b : c.head) head.push_back(static_cast<std::byte>(b));
    SCOPED_TRACE(fixtures::hex(head));
    EXPECT_EQ(detect_compression(head), c.want);
  }
}

TEST(DetectCompressionTest, IgnoresFileName) {
  TempDir dir;
  auto data = fixtures::make_table_text(1000, 1);
  auto path = dir.path() / "plain.mrt.bz2";
  fixtures::write_file(path, data);
  auto src = open_input(path.string());
  ASSERT_TRUE(src.has_value()) << src.error().to_string();
  EXPECT_EQ((*src)->compression(), Compression::kNone);
  EXPECT_EQ(read_all(**src).data, data);
}

// ---- round trips ---------------------------------------------------------------------------

TEST(InputTest, RawFileSmallAndLargeReads) {
  TempDir dir;
  auto data = fixtures::make_table_text(3'000'000, 2);
  auto path = dir.path() / "raw.mrt";
  fixtures::write_file(path, data);
  auto src = open_input(path.string());
  ASSERT_TRUE(src.has_value()) << src.error().to_string();
  EXPECT_EQ((*src)->name(), path.string());
  EXPECT_EQ((*src)->size(), data.size());
  // A few tiny reads, then large ones, must see the same bytes in order.
  Bytes got;
  std::byte one[7];
  for (int i = 0; i < 100; ++i) {
    auto n = (*src)->read(one);
    ASSERT_TRUE(n.has_value());
    got.insert(got.end(), one, one + *n);
  }
  EXPECT_EQ((*src)->consumed(), got.size());
  auto rest = read_all(**src, 1U << 21U);
  EXPECT_FALSE(rest.error);
  got.insert(got.end(), rest.data.begin(), rest.data.end());
  EXPECT_EQ(got, data);
  EXPECT_EQ((*src)->consumed(), data.size());
}

TEST(InputTest, EmptyFileIsEmptyRawInput) {
  TempDir dir;
  auto path = dir.path() / "empty";
  fixtures::write_file(path, {});
  auto src = open_input(path.string());
  ASSERT_TRUE(src.has_value());
  auto r = read_all(**src);
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.data.empty());
}

TEST(InputTest, RoundTripEveryFormatFromFileAndMemory) {
  TempDir dir;
  // Text (several bzip2 blocks) followed by incompressible bytes.
  auto data =
      fixtures::concat(fixtures::make_table_text(2'500'000, 3), fixtures::random_bytes(300'000, 4));
  for (Compression c : kCompressed) {
    SCOPED_TRACE(std::string(to_string(c)));
    Bytes z = compress(c, data);
    ASSERT_FALSE(z.empty());
    auto path = dir.path() / fmt::format("data.{}", to_string(c));
    fixtures::write_file(path, z);
    for (unsigned threads : {1U, 2U}) {
      SCOPED_TRACE(fmt::format("threads={}", threads));
      auto src = open_input(path.string(), InputOptions{threads});
      ASSERT_TRUE(src.has_value()) << src.error().to_string();
      EXPECT_EQ((*src)->compression(), c);
      EXPECT_EQ((*src)->size(), z.size());
      auto r = read_all(**src, 65'537);
      EXPECT_FALSE(r.error) << r.error->to_string();
      EXPECT_EQ(r.data, data);
      EXPECT_EQ((*src)->consumed(), z.size());

      auto m = read_memory(z, "mem", threads, 1U << 20U);
      EXPECT_FALSE(m.error) << m.error->to_string();
      EXPECT_EQ(m.data, data);
    }
  }
}

TEST(InputTest, RoundTripEmptyAndTinyPayloads) {
  for (Compression c : kCompressed) {
    for (const auto& payload : {Bytes{}, to_bytes("x"), to_bytes("hello, world\n")}) {
      SCOPED_TRACE(fmt::format("{} {} bytes", to_string(c), payload.size()));
      Bytes z = compress(c, payload);
      for (unsigned threads : {1U, 2U}) {
        auto r = read_memory(z, "tiny", threads, 3);
        EXPECT_FALSE(r.error) << r.error->to_string();
        EXPECT_EQ(r.data, payload);
      }
    }
  }
}

TEST(InputTest, ConcatenatedStreamsAreReadToTheEnd) {
  auto a = fixtures::make_table_text(1'200'000, 5);
  auto b = fixtures::make_table_text(700'000, 6);
  auto e = Bytes{};
  for (Compression c : kCompressed) {
    SCOPED_TRACE(std::string(to_string(c)));
    // Three streams, the middle one empty.
    Bytes z = fixtures::concat(fixtures::concat(compress(c, a), compress(c, e)), compress(c, b));
    for (unsigned threads : {1U, 2U, 3U}) {
      SCOPED_TRACE(fmt::format("threads={}", threads));
      auto r = read_memory(z, "multi", threads);
      EXPECT_FALSE(r.error) << r.error->to_string();
      EXPECT_EQ(r.data, fixtures::concat(a, b));
    }
  }
}

TEST(InputTest, Bzip2ThreadCountsGiveIdenticalOutput) {
  // Levels 1 and 9 (100 kB and 900 kB blocks), two streams.
  auto a = fixtures::make_table_text(2'000'000, 7);
  auto b = fixtures::random_bytes(250'000, 8);
  Bytes z = fixtures::concat(fixtures::bzip2_compress(a, 1), fixtures::bzip2_compress(b, 9));
  auto want = fixtures::concat(a, b);
  for (unsigned threads : {1U, 2U, 3U, 8U}) {
    SCOPED_TRACE(fmt::format("threads={}", threads));
    auto r = read_memory(z, "levels", threads, 4096);
    EXPECT_FALSE(r.error) << r.error->to_string();
    EXPECT_EQ(r.data, want);
  }
}

TEST(InputTest, DestroyingBeforeTheEndStopsTheWorkers) {
  auto data = fixtures::make_table_text(1'500'000, 16);
  for (Compression c : kCompressed) {
    Bytes z = compress(c, data);
    for (unsigned threads : {1U, 2U, 4U}) {
      SCOPED_TRACE(fmt::format("{} threads={}", to_string(c), threads));
      auto src = open_memory(z, "early", InputOptions{threads});
      ASSERT_TRUE(src.has_value());
      Bytes buf(1000);
      auto n = (*src)->read(buf);
      ASSERT_TRUE(n.has_value());
      EXPECT_TRUE(
          std::equal(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n), data.begin()));
      // The source goes out of scope with workers blocked on full queues.
    }
  }
}

// ---- damage --------------------------------------------------------------------------------

TEST(InputTest, TruncatedStreamsDeliverTheGoodPrefixThenKTruncated) {
  auto data = fixtures::make_table_text(2'000'000, 9);
  for (Compression c : kCompressed) {
    Bytes z = compress(c, data);
    for (double cut : {0.3, 0.75, 1.0}) {
      std::size_t len =
          cut >= 1.0 ? z.size() - 1 : static_cast<std::size_t>(static_cast<double>(z.size()) * cut);
      Bytes t(z.begin(), z.begin() + static_cast<std::ptrdiff_t>(len));
      SCOPED_TRACE(fmt::format("{} cut at {} of {}", to_string(c), len, z.size()));
      Bytes first;
      for (unsigned threads : {1U, 2U}) {
        SCOPED_TRACE(fmt::format("threads={}", threads));
        auto r = read_memory(t, "cut.bin", threads);
        ASSERT_TRUE(r.error);
        EXPECT_EQ(r.error->code, ErrorCode::kTruncated) << r.error->to_string();
        EXPECT_NE(r.error->message.find(fmt::format("{} stream: ", to_string(c))),
                  std::string::npos)
            << r.error->message;
        EXPECT_NE(r.error->message.find("want more data, have end of file"), std::string::npos)
            << r.error->message;
        EXPECT_EQ(r.error->source.rfind("cut.bin@", 0), 0U) << r.error->source;
        EXPECT_TRUE(is_prefix(r.data, data));
        if (cut > 0.5) {
          EXPECT_GT(r.data.size(), 0U);
        }
        // Both bzip2 readers deliver the same whole blocks.
        if (threads == 1) first = r.data;
        if (threads == 2) {
          EXPECT_EQ(r.data.size(), first.size());
        }
      }
    }
  }
}

TEST(InputTest, ErrorIsStickyAfterTheData) {
  Bytes z = fixtures::gzip_compress(fixtures::make_table_text(100'000, 10));
  z.resize(z.size() / 2);
  auto src = open_memory(z, "sticky");
  ASSERT_TRUE(src.has_value());
  auto r = read_all(**src);
  ASSERT_TRUE(r.error);
  Bytes buf(16);
  auto again = (*src)->read(buf);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().to_string(), r.error->to_string());
}

TEST(InputTest, GzipBadCrcIsMalformed) {
  auto data = fixtures::make_table_text(200'000, 11);
  Bytes z = fixtures::gzip_compress(data);
  z[z.size() - 8] ^= std::byte{0x01};  // RFC 1952 §2.3.1 CRC32 in the trailer
  auto r = read_memory(z, "badcrc.gz", 1);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, ErrorCode::kMalformed);
  EXPECT_EQ(r.error->message,
            "gzip stream: member 1: want valid deflate data, have \"incorrect data check\"");
}

TEST(InputTest, Bzip2BadBlockCrcIsMalformedInBothReaders) {
  auto data = fixtures::make_table_text(2'500'000, 12);
  Bytes z = fixtures::bzip2_compress(data);
  // The first block's CRC follows the 4-byte header and the 6-byte block magic.
  z[12] ^= std::byte{0x40};
  for (unsigned threads : {1U, 2U}) {
    SCOPED_TRACE(fmt::format("threads={}", threads));
    auto r = read_memory(z, "badcrc.bz2", threads);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::kMalformed) << r.error->to_string();
    EXPECT_NE(r.error->message.find("bzip2 stream: "), std::string::npos);
    if (threads == 2) {
      EXPECT_TRUE(r.data.empty());  // a block that fails its CRC is never delivered
      EXPECT_EQ(r.error->to_string(),
                "badcrc.bz2@4: bzip2 stream: block 1: want valid block data, have a bad block or "
                "block CRC");
    }
  }
}

TEST(InputTest, Bzip2BadCombinedCrcIsMalformedAfterTheData) {
  auto data = fixtures::make_table_text(1'000'000, 13);
  Bytes z = fixtures::bzip2_compress(data);
  // The combined CRC is the last 32 bits before the padding: flipping a bit of the last byte
  // may hit padding, so flip one in the byte before.
  z[z.size() - 2] ^= std::byte{0x01};
  auto r = read_memory(z, "combined.bz2", 2);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, ErrorCode::kMalformed);
  EXPECT_NE(r.error->message.find("bzip2 stream: combined CRC: want 0x"), std::string::npos)
      << r.error->message;
  EXPECT_EQ(r.data, data);
}

TEST(InputTest, TrailingGarbageIsMalformedAfterAllData) {
  auto data = fixtures::make_table_text(300'000, 14);
  // Long enough for every decoder to see that it is no stream header.
  auto garbage = to_bytes("this is no compressed stream\n");
  auto zeros = Bytes(16, std::byte{0});
  for (Compression c : kCompressed) {
    for (const auto& tail : {garbage, zeros}) {
      Bytes z = fixtures::concat(compress(c, data), tail);
      for (unsigned threads : {1U, 2U}) {
        SCOPED_TRACE(fmt::format("{} threads={} tail={}", to_string(c), threads, tail.size()));
        auto r = read_memory(z, "tail", threads);
        EXPECT_EQ(r.data, data);
        if (c == Compression::kXz && tail == zeros) {
          // xz file format 1.2.0 §2.2: stream padding, a multiple of 4 null bytes, is valid.
          EXPECT_FALSE(r.error) << r.error->to_string();
          continue;
        }
        ASSERT_TRUE(r.error);
        EXPECT_EQ(r.error->code, ErrorCode::kMalformed) << r.error->to_string();
        EXPECT_NE(r.error->message.find(fmt::format("{} stream: ", to_string(c))),
                  std::string::npos)
            << r.error->message;
      }
    }
  }
}

TEST(InputTest, HostileBytesNeverCrash) {
  // Valid streams with random bytes overwritten, cut, or followed by noise; and noise after a
  // magic. Whatever happens, the reader returns data or one of the input error codes.
  auto data = fixtures::make_table_text(400'000, 15);
  const std::uint64_t seed = 20240601;
  std::mt19937_64 rng(seed);
  SCOPED_TRACE(fmt::format("seed={}", seed));
  for (Compression c : kCompressed) {
    Bytes z = compress(c, data);
    for (int round = 0; round < 12; ++round) {
      Bytes m = z;
      if (round % 3 == 0) {
        // Flip a few bytes past the header.
        for (int k = 0; k < 1 + round; ++k) m[8 + rng() % (m.size() - 8)] ^= std::byte{0x5a};
      } else if (round % 3 == 1) {
        m.resize(6 + rng() % (m.size() - 6));
      } else {
        Bytes noise = fixtures::random_bytes(rng() % 5000, rng());
        m.resize(6);
        m.insert(m.end(), noise.begin(), noise.end());
      }
      for (unsigned threads : {1U, 2U}) {
        SCOPED_TRACE(fmt::format("{} round={} threads={}", to_string(c), round, threads));
        auto r = read_memory(m, "hostile", threads, 1000 + rng() % 70000);
        if (r.error) {
          EXPECT_TRUE(r.error->code == ErrorCode::kTruncated ||
                      r.error->code == ErrorCode::kMalformed ||
                      r.error->code == ErrorCode::kUnsupported ||
                      r.error->code == ErrorCode::kLimitExceeded)
              << r.error->to_string();
        }
      }
    }
  }
}

TEST(InputTest, OpenFailureIsKIoWithPathAndReason) {
  auto r = open_input("/nonexistent/manrs/input.mrt");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  EXPECT_EQ(r.error().source, "/nonexistent/manrs/input.mrt");
  EXPECT_EQ(r.error().message, "open: No such file or directory");
}

TEST(InputTest, ReadFailureIsKIo) {
  TempDir dir;
  auto r = open_input(dir.path().string());  // a folder opens, but read() fails
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  EXPECT_EQ(r.error().source, dir.path().string() + "@0");
  EXPECT_EQ(r.error().message, "read: Is a directory");
}

// ---- the real files in ../shared -----------------------------------------------------------

std::filesystem::path shared_mrt() { return std::filesystem::path(MANRS_SHARED_DIR) / "data/mrt"; }

std::vector<std::filesystem::path> shared_files(const std::string& ext) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(shared_mrt(), ec)) {
    if (e.path().extension() == ext) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void compare_with_tool(const std::string& ext, const std::string& tool) {
  if (!std::filesystem::is_directory(shared_mrt())) {
    GTEST_SKIP() << "shared data folder " << shared_mrt() << " is absent";
  }
  if (!fixtures::have_tool(tool)) GTEST_SKIP() << tool << " is not installed";
  auto files = shared_files(ext);
  ASSERT_FALSE(files.empty());
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    Bytes want = fixtures::run_output(tool + " " + fixtures::shell_quote(f.string()));
    bool tool_ok =
        std::system(
            (tool + " " + fixtures::shell_quote(f.string()) + " >/dev/null 2>&1").c_str()) == 0;
    for (unsigned threads : {1U, 2U}) {
      SCOPED_TRACE(fmt::format("threads={}", threads));
      auto src = open_input(f.string(), InputOptions{threads});
      ASSERT_TRUE(src.has_value()) << src.error().to_string();
      auto r = read_all(**src);
      EXPECT_EQ(!r.error, tool_ok) << (r.error ? r.error->to_string() : "no error");
      if (!r.error) {
        EXPECT_EQ(r.data.size(), want.size());
        EXPECT_TRUE(r.data == want);
      } else {
        // bzcat and zcat write in fixed-size output chunks and drop the last, partial one when
        // they fail (bzip2: BZ_MAX_UNUSED = 5000 bytes; gzip: a 32 KiB window); we deliver every
        // byte that decodes, so the tool's output is a prefix of ours, shorter by less than one
        // such chunk.
        EXPECT_TRUE(is_prefix(want, r.data));
        EXPECT_LT(r.data.size() - want.size(), 65536U);
        EXPECT_EQ(r.error->code, ErrorCode::kTruncated) << r.error->to_string();
        EXPECT_NE(r.error->message.find("want more data, have end of file"), std::string::npos);
        EXPECT_EQ(r.error->source.rfind(f.string() + "@", 0), 0U);
      }
    }
  }
}

TEST(SharedFilesTest, GzipMatchesZcat) { compare_with_tool(".gz", "zcat"); }

TEST(SharedFilesTest, Bzip2MatchesBzcatIncludingTruncatedFiles) {
  compare_with_tool(".bz2", "bzcat");
}

TEST(SharedFilesTest, TruncatedGzipCopyMatchesZcatPrefix) {
  if (!std::filesystem::is_directory(shared_mrt())) {
    GTEST_SKIP() << "shared data folder " << shared_mrt() << " is absent";
  }
  if (!fixtures::have_tool("zcat")) GTEST_SKIP() << "zcat is not installed";
  auto src_path = shared_mrt() / "rrc00.bview.20000111.0032.gz";
  if (!std::filesystem::exists(src_path)) GTEST_SKIP() << src_path << " is absent";
  TempDir dir;
  Bytes z = fixtures::read_file(src_path);
  z.resize(z.size() / 2);
  auto cut = dir.path() / "cut.gz";
  fixtures::write_file(cut, z);
  Bytes tool = fixtures::run_output("zcat " + fixtures::shell_quote(cut.string()));
  auto src = open_input(cut.string());
  ASSERT_TRUE(src.has_value());
  auto r = read_all(**src);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, ErrorCode::kTruncated);
  EXPECT_EQ(r.error->to_string(),
            fmt::format("{}@{}: gzip stream: member 1: want more data, have end of file",
                        cut.string(), z.size()));
  // gzip writes its output in 32 KiB windows, so zcat's prefix can be shorter than ours.
  EXPECT_TRUE(is_prefix(tool, r.data));
  EXPECT_LT(r.data.size() - tool.size(), 65536U);
}

}  // namespace
}  // namespace manrs::core
