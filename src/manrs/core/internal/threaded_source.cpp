#include "manrs/core/internal/threaded_source.h"

#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "manrs/core/limits.h"

namespace manrs::core::detail {

ThreadedSource::ThreadedSource(std::unique_ptr<StreamDecoder> decoder, std::string name,
                               std::uint64_t size, Compression compression)
    : decoder_(std::move(decoder)), name_(std::move(name)), size_(size), compression_(compression) {
  for (std::size_t i = 0; i < kThreadedBuffers; ++i) {
    free_.emplace_back();
  }
  worker_ = std::thread([this] { work(); });
}

ThreadedSource::~ThreadedSource() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_free_.notify_all();
  worker_.join();
}

void ThreadedSource::work() {
  for (;;) {
    std::vector<std::byte> buf;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_free_.wait(lock, [this] { return stop_ || !free_.empty(); });
      if (stop_) {
        return;
      }
      buf = std::move(free_.back());
      free_.pop_back();
    }
    // Buffers are allocated once, on first use, and then recycled.
    buf.resize(kThreadedBufferBytes);
    Filled entry;
    std::size_t n = 0;
    while (n < buf.size()) {
      auto got = decoder_->decode(std::span<std::byte>(buf).subspan(n));
      if (!got) {
        entry.error = std::move(got.error());
        entry.last = true;
        break;
      }
      if (*got == 0) {
        entry.last = true;
        break;
      }
      n += *got;
    }
    buf.resize(n);
    entry.data = std::move(buf);
    bool last = entry.last;
    {
      std::lock_guard<std::mutex> lock(mu_);
      filled_.push_back(std::move(entry));
    }
    cv_filled_.notify_one();
    if (last) {
      return;
    }
  }
}

Result<std::size_t> ThreadedSource::read(std::span<std::byte> dst) {
  std::size_t done = 0;
  while (done < dst.size()) {
    if (has_current_ && current_pos_ < current_.data.size()) {
      std::size_t take = current_.data.size() - current_pos_;
      if (take > dst.size() - done) {
        take = dst.size() - done;
      }
      std::memcpy(dst.data() + done, current_.data.data() + current_pos_, take);
      current_pos_ += take;
      done += take;
      continue;
    }
    if (has_current_) {
      if (current_.last) {
        finished_ = true;
        final_error_ = std::move(current_.error);
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        free_.push_back(std::move(current_.data));
      }
      cv_free_.notify_one();
      has_current_ = false;
    }
    if (finished_) {
      break;
    }
    std::unique_lock<std::mutex> lock(mu_);
    // Block only when nothing was delivered yet; otherwise return what there is.
    if (filled_.empty() && done > 0) {
      break;
    }
    cv_filled_.wait(lock, [this] { return !filled_.empty(); });
    current_ = std::move(filled_.front());
    filled_.pop_front();
    current_pos_ = 0;
    has_current_ = true;
  }
  delivered_ += done;
  if (delivered_ > limits::kMaxInputBytes) {
    finished_ = true;
    final_error_ =
        make_error(ErrorCode::kLimitExceeded,
                   fmt::format("{} stream: decompressed size: want <= {} bytes, have more",
                               to_string(compression_), limits::kMaxInputBytes),
                   fmt::format("{}@{}", name_, consumed()));
    return *final_error_;
  }
  if (done == 0 && final_error_) {
    return *final_error_;
  }
  return done;
}

}  // namespace manrs::core::detail
