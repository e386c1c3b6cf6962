#include "manrs/core/internal/input_file.h"

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace manrs::core::detail {
namespace {

std::string errno_text(int err) { return std::generic_category().message(err); }

}  // namespace

InputFile::InputFile(int fd, bool owned, std::string name, std::uint64_t size)
    : fd_(fd), owned_(owned), name_(std::move(name)), size_(size) {}

InputFile::~InputFile() {
  if (owned_ && fd_ >= 0) {
    ::close(fd_);
  }
}

Result<std::unique_ptr<InputFile>> InputFile::open(const std::string& path) {
  int fd = STDIN_FILENO;
  bool owned = false;
  std::string name = path;
  if (path == "-") {
    name = "[stdin]";
  } else {
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
      return make_error(ErrorCode::kIo, fmt::format("open: {}", errno_text(errno)), path);
    }
    owned = true;
  }
  std::uint64_t size = 0;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    size = static_cast<std::uint64_t>(st.st_size);
    // Sequential access: lets the kernel read ahead further. Advice only; failure is harmless.
    (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  return std::unique_ptr<InputFile>(new InputFile(fd, owned, std::move(name), size));
}

std::unique_ptr<InputFile> InputFile::memory(std::span<const std::byte> data, std::string name) {
  std::unique_ptr<InputFile> f(new InputFile(-1, false, std::move(name), data.size()));
  f->memory_ = data;
  return f;
}

Result<std::size_t> InputFile::read_fd(std::byte* dst, std::size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, dst, n);
    if (got >= 0) {
      fd_offset_ += static_cast<std::uint64_t>(got);
      return static_cast<std::size_t>(got);
    }
    if (errno == EINTR) {
      continue;
    }
    return make_error(ErrorCode::kIo, fmt::format("read: {}", errno_text(errno)),
                      fmt::format("{}@{}", name_, fd_offset_));
  }
}

Result<std::span<const std::byte>> InputFile::peek(std::size_t n) {
  if (n > kMaxPeek) {
    n = kMaxPeek;
  }
  if (fd_ < 0) {
    std::size_t have = n <= memory_.size() ? n : memory_.size();
    return memory_.first(have);
  }
  while (peeked_len_ < n) {
    MANRS_TRY(std::size_t got, read_fd(peeked_ + peeked_len_, n - peeked_len_));
    if (got == 0) {
      break;
    }
    peeked_len_ += got;
  }
  return std::span<const std::byte>(peeked_, peeked_len_ < n ? peeked_len_ : n);
}

Result<std::size_t> InputFile::read(std::span<std::byte> dst) {
  std::size_t done = 0;
  if (fd_ < 0) {
    std::uint64_t pos = position();
    std::size_t left = memory_.size() - static_cast<std::size_t>(pos);
    done = dst.size() <= left ? dst.size() : left;
    if (done > 0) {
      std::memcpy(dst.data(), memory_.data() + pos, done);
    }
    position_.store(pos + done, std::memory_order_relaxed);
    return done;
  }
  if (peeked_pos_ < peeked_len_) {
    std::size_t take = peeked_len_ - peeked_pos_;
    if (take > dst.size()) {
      take = dst.size();
    }
    std::memcpy(dst.data(), peeked_ + peeked_pos_, take);
    peeked_pos_ += take;
    done = take;
  }
  if (done < dst.size()) {
    auto got = read_fd(dst.data() + done, dst.size() - done);
    if (!got) {
      if (done == 0) {
        return std::move(got.error());
      }
      // Deliver the peeked bytes now; the error comes back on the next call.
    } else {
      done += *got;
    }
  }
  position_.store(position() + done, std::memory_order_relaxed);
  return done;
}

}  // namespace manrs::core::detail
