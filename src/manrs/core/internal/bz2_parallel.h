// core/internal/bz2_parallel.h — bzip2 decompression on several threads, one block per task.
//
// A scanner thread reads the compressed file in 1 MiB chunks, finds the block magics
// (bz2_blocks.h) and queues one candidate block at a time; worker threads decode queued blocks
// in any order; read() hands the blocks out in file order, merging a block that failed with its
// successor (a magic found by chance) and checking each stream's combined CRC. At most
// 2 x threads blocks are queued or decoded-but-unread, so memory stays flat: about
// 2 x threads x (compressed block + decompressed block), typically 2 MiB per block, at most
// kMaxBz2BlockCompressedBytes + kMaxBz2BlockBytes for hostile run-length blocks.
//
// Differences from bzcat: a block that fails its CRC is not delivered (bzcat writes it, then
// fails); bytes after a complete stream that are no stream header are an error (kMalformed)
// after all data, where bzcat warns and exits 0.
#pragma once

#include <atomic>
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
#include "manrs/core/internal/bz2_blocks.h"
#include "manrs/core/internal/input_file.h"

namespace manrs::core::detail {

class Bz2ParallelSource final : public ByteSource {
 public:
  // `threads` >= 1 decoding workers (plus one scanner thread).
  Bz2ParallelSource(std::unique_ptr<InputFile> in, unsigned threads);
  ~Bz2ParallelSource() override;
  Bz2ParallelSource(const Bz2ParallelSource&) = delete;
  Bz2ParallelSource& operator=(const Bz2ParallelSource&) = delete;

  [[nodiscard]] Result<std::size_t> read(std::span<std::byte> dst) override;
  [[nodiscard]] std::string_view name() const override { return in_->name(); }
  [[nodiscard]] std::uint64_t consumed() const override {
    return consumed_.load(std::memory_order_relaxed);
  }
  [[nodiscard]] std::uint64_t size() const override { return in_->size(); }
  [[nodiscard]] Compression compression() const override { return Compression::kBzip2; }

 private:
  enum class JobState : std::uint8_t { kPending, kRunning, kDone };
  struct Job {
    Bz2Block block;
    std::optional<Error> error;  // a read or scan error: no job follows
    JobState state = JobState::kPending;
    Bz2DecodeStatus status = Bz2DecodeStatus::kIncomplete;
    std::vector<std::byte> out;
  };
  class Scanner;

  // Scanner thread: queues blocks; ends with an error job on failure.
  void scan();
  // Queues a job, waiting for room; false when stopping.
  bool push(std::unique_ptr<Job> job);
  // Worker threads.
  void work();
  // Reader: the next job in file order once decoded; nullptr after the last one.
  std::unique_ptr<Job> pop();
  // Reader: makes the next decoded block current; false at the end of input.
  [[nodiscard]] Result<bool> next_block();
  void recycle(std::vector<std::byte> buf);

  std::unique_ptr<InputFile> in_;
  unsigned threads_ = 1;
  std::size_t max_jobs_ = 2;

  std::mutex mu_;
  std::condition_variable cv_work_;           // a job was queued, or the scanner ended, or stop
  std::condition_variable cv_done_;           // a job was decoded, or the scanner ended
  std::condition_variable cv_room_;           // the reader took a job, or stop
  std::deque<std::unique_ptr<Job>> jobs_;     // in file order
  std::vector<std::vector<std::byte>> pool_;  // recycled output buffers
  bool scan_done_ = false;
  bool stop_ = false;

  // Reader side only.
  std::unique_ptr<Job> current_;
  std::size_t current_pos_ = 0;
  std::uint32_t combined_crc_ = 0;
  std::optional<Error> after_current_;  // returned once current_ is delivered
  std::optional<Error> failed_;         // sticky
  bool finished_ = false;
  std::uint64_t delivered_ = 0;
  std::vector<std::uint8_t> scratch_;
  std::atomic<std::uint64_t> consumed_{0};

  std::vector<std::thread> threads_list_;  // last: started once the rest is ready
};

}  // namespace manrs::core::detail
