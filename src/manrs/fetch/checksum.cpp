#include "manrs/fetch/checksum.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace manrs::fetch {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

Result<std::string> file_digest(const std::filesystem::path& file, Checksum kind) {
  const EVP_MD* md = kind == Checksum::kSha256 ? EVP_sha256() : EVP_md5();
  if (kind == Checksum::kNone) {
    return make_error(ErrorCode::kInternal, "file_digest: no checksum kind", file.string());
  }
  std::unique_ptr<std::FILE, FileClose> f(std::fopen(file.c_str(), "rb"));
  if (!f) {
    return make_error(ErrorCode::kIo, "cannot open for reading", file.string());
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) {
    return make_error(ErrorCode::kInternal, "OpenSSL digest init failed", file.string());
  }
  std::vector<unsigned char> buf(1U << 20U);
  for (;;) {
    const std::size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0 && EVP_DigestUpdate(ctx.get(), buf.data(), n) != 1) {
      return make_error(ErrorCode::kInternal, "OpenSSL digest update failed", file.string());
    }
    if (n < buf.size()) {
      if (std::ferror(f.get()) != 0) {
        return make_error(ErrorCode::kIo, "read error", file.string());
      }
      break;
    }
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1) {
    return make_error(ErrorCode::kInternal, "OpenSSL digest final failed", file.string());
  }
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", out[i]);
  return hex;
}

Result<std::string> parse_side_file(std::string_view text, Checksum kind, std::string_view source) {
  const std::size_t want = kind == Checksum::kSha256 ? 64 : 32;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_hex(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_hex(text[j])) ++j;
    // A token: delimited by start/end or a character that is neither hex nor a name character.
    const bool left_ok = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    const bool right_ok = j == text.size() || !std::isalnum(static_cast<unsigned char>(text[j]));
    if (j - i == want && left_ok && right_ok) {
      std::string hex(text.substr(i, want));
      for (auto& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return hex;
    }
    i = j;
  }
  std::string head(text.substr(0, std::min<std::size_t>(text.size(), 60)));
  for (auto& c : head) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '.';
  }
  return make_error(
      ErrorCode::kMalformed,
      fmt::format("{} digest: want {} hex digits, have '{}'", checksum_id(kind), want, head),
      std::string(source));
}

}  // namespace manrs::fetch
