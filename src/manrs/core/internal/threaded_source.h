// core/internal/threaded_source.h — runs a StreamDecoder on a worker thread and hands its output
// to the reader through a small bounded queue of buffers.
//
// The worker decodes ahead while the caller decodes what it already has, so decompression and
// decoding use two cores. Memory is fixed: kThreadedBuffers x kThreadedBufferBytes.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/internal/stream_decoder.h"

namespace manrs::core::detail {

inline constexpr std::size_t kThreadedBuffers = 4;
inline constexpr std::size_t kThreadedBufferBytes = std::size_t{1024} * 1024U;

class ThreadedSource final : public ByteSource {
 public:
  // `name` and `size` describe the compressed input for name()/size().
  ThreadedSource(std::unique_ptr<StreamDecoder> decoder, std::string name, std::uint64_t size,
                 Compression compression);
  ~ThreadedSource() override;
  ThreadedSource(const ThreadedSource&) = delete;
  ThreadedSource& operator=(const ThreadedSource&) = delete;

  [[nodiscard]] Result<std::size_t> read(std::span<std::byte> dst) override;
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] std::uint64_t consumed() const override { return decoder_->consumed(); }
  [[nodiscard]] std::uint64_t size() const override { return size_; }
  [[nodiscard]] Compression compression() const override { return compression_; }

 private:
  struct Filled {
    std::vector<std::byte> data;  // data.size() = bytes decoded
    std::optional<Error> error;   // set on the last entry when decoding failed
    bool last = false;            // no entries follow
  };

  void work();

  std::unique_ptr<StreamDecoder> decoder_;
  std::string name_;
  std::uint64_t size_ = 0;
  Compression compression_ = Compression::kNone;

  std::mutex mu_;
  std::condition_variable cv_filled_;  // worker -> reader: an entry was queued
  std::condition_variable cv_free_;    // reader -> worker: a buffer was returned, or stop
  std::deque<Filled> filled_;
  std::vector<std::vector<std::byte>> free_;
  bool stop_ = false;

  // Reader side only.
  Filled current_;
  std::size_t current_pos_ = 0;
  bool has_current_ = false;
  std::uint64_t delivered_ = 0;
  std::optional<Error> final_error_;
  bool finished_ = false;

  std::thread worker_;  // last: starts after every other member is ready
};

}  // namespace manrs::core::detail
