// core/internal/test_fixtures.h — helpers for the core tests only: sample data, the four
// compressors (through the libraries themselves), temp folders, and reading a ByteSource to
// its end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <bzlib.h>
#include <fmt/format.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "manrs/core/input.h"
#include "manrs/core/testing/temp_dir.h"

namespace manrs::core::fixtures {

using Bytes = std::vector<std::byte>;

inline Bytes to_bytes(std::string_view s) {
  Bytes b(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) b[i] = static_cast<std::byte>(s[i]);
  return b;
}

inline std::string hex(const Bytes& b) {
  std::string s;
  for (std::byte x : b) s += fmt::format("{:02x} ", std::to_integer<unsigned>(x));
  return s;
}

inline Bytes concat(const Bytes& a, const Bytes& b) {
  Bytes r = a;
  r.insert(r.end(), b.begin(), b.end());
  return r;
}

// Text shaped like a routing table dump: compresses about 3:1 with bzip2, so 3 MB give several
// 900 kB blocks. Deterministic in `seed`.
inline Bytes make_table_text(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string s;
  s.reserve(n + 64);
  while (s.size() < n) {
    s += fmt::format("{}.{}.{}.0/{} {} {} {}\n", rng() % 224, rng() % 256, rng() % 256,
                     8 + rng() % 17, rng() % 65536, rng() % 65536, rng() % 400000);
  }
  s.resize(n);
  return to_bytes(s);
}

inline Bytes random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::byte>(rng() & 0xFFU);
  return b;
}

inline Bytes gzip_compress(const Bytes& in, int level = 6) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  Bytes out(deflateBound(&zs, static_cast<uLong>(in.size())) + 64);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data()));  // NOLINT
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());  // NOLINT
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline Bytes bzip2_compress(const Bytes& in, int level = 9) {
  Bytes out(in.size() + in.size() / 100 + 1024);
  auto len = static_cast<unsigned>(out.size());
  char empty = 0;  // libbz2 rejects a null source, also for 0 bytes
  char* src =
      in.empty() ? &empty : reinterpret_cast<char*>(const_cast<std::byte*>(in.data()));  // NOLINT
  int rc = BZ2_bzBuffToBuffCompress(reinterpret_cast<char*>(out.data()), &len, src,      // NOLINT
                                    static_cast<unsigned>(in.size()), level, 0, 0);
  out.resize(rc == BZ_OK ? len : 0);
  return out;
}

inline Bytes xz_compress(const Bytes& in) {
  Bytes out(lzma_stream_buffer_bound(in.size()));
  std::size_t pos = 0;
  lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, nullptr,
                          reinterpret_cast<const std::uint8_t*>(in.data()), in.size(),     // NOLINT
                          reinterpret_cast<std::uint8_t*>(out.data()), &pos, out.size());  // NOLINT
  out.resize(pos);
  return out;
}

inline Bytes zstd_compress(const Bytes& in) {
  Bytes out(ZSTD_compressBound(in.size()));
  char empty = 0;
  const void* src = in.empty() ? static_cast<const void*>(&empty) : in.data();
  std::size_t n = ZSTD_compress(out.data(), out.size(), src, in.size(), 3);
  out.resize(ZSTD_isError(n) != 0U ? 0 : n);
  return out;
}

inline Bytes compress(Compression c, const Bytes& in) {
  switch (c) {
    case Compression::kGzip:
      return gzip_compress(in);
    case Compression::kBzip2:
      return bzip2_compress(in);
    case Compression::kXz:
      return xz_compress(in);
    case Compression::kZstd:
      return zstd_compress(in);
    case Compression::kNone:
      break;
  }
  return in;
}

// Everything a source delivers, and the error that ended it (if any).
struct ReadAll {
  Bytes data;
  std::optional<Error> error;
};

inline ReadAll read_all(ByteSource& src, std::size_t chunk = 1U << 20U) {
  ReadAll r;
  Bytes buf(chunk);
  for (;;) {
    auto got = src.read(buf);
    if (!got) {
      r.error = got.error();
      return r;
    }
    if (*got == 0) return r;
    r.data.insert(r.data.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*got));
  }
}

using manrs::testing::TempDir;  // core/testing/temp_dir.h

inline void write_file(const std::filesystem::path& p, std::span<const std::byte> data) {
  std::ofstream f(p, std::ios::binary);
  f.write(reinterpret_cast<const char*>(data.data()),  // NOLINT
          static_cast<std::streamsize>(data.size()));
}

inline Bytes read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return to_bytes(s);
}

// True if `tool` is an executable in $PATH.
inline bool have_tool(const std::string& tool) {
  const char* path = std::getenv("PATH");
  std::string p = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find(':', start);
    if (end == std::string::npos) end = p.size();
    std::filesystem::path cand = std::filesystem::path(p.substr(start, end - start)) / tool;
    if (::access(cand.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

// The standard output of a shell command (stderr discarded), whatever its exit status.
inline Bytes run_output(const std::string& command) {
  Bytes out;
  FILE* f = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (f == nullptr) return out;
  std::byte buf[1 << 16];
  for (;;) {
    std::size_t n = std::fread(buf, 1, sizeof buf, f);
    if (n == 0) break;
    out.insert(out.end(), buf, buf + n);
  }
  ::pclose(f);
  return out;
}

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

}  // namespace manrs::core::fixtures
