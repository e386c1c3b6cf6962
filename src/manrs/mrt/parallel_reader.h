// mrt/parallel_reader.h — decodes MRT records on several threads, delivers them in order.
//
// One thread frames records with mrt::Reader::next_raw (cheap: header, length, lookahead,
// resync), copies their bytes into batches of ~512 records, and hands each batch to a pool of
// decode threads (mrt::decode_record is pure). The caller receives the records in file order,
// exactly as Reader::next would give them, errors included. Memory is bounded: a fixed ring
// of batches. With workers == 1 this still overlaps framing/IO with decoding.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/mrt/reader.h"
#include "manrs/mrt/record.h"

namespace manrs::mrt {

class ParallelReader {
 public:
  // `workers` decode threads (0 = one per core).
  ParallelReader(std::unique_ptr<core::ByteSource> source, unsigned workers,
                 DecodeOptions options = {});
  ~ParallelReader();
  ParallelReader(const ParallelReader&) = delete;
  ParallelReader& operator=(const ParallelReader&) = delete;

  // Points `rec` at the next record (owned by the reader, valid until the next call) and
  // returns true; false at the end. An Error is one damaged record or stretch: call again.
  [[nodiscard]] Result<bool> next(const Record*& rec);

  // Valid once next() returned false.
  [[nodiscard]] const ReaderStats& stats() const { return reader_.stats(); }
  [[nodiscard]] bool failed() const { return reader_.failed(); }
  [[nodiscard]] std::uint64_t offset() const { return offset_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t consumed() const { return consumed_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t size() const { return size_; }

 private:
  enum class ItemKind : std::uint8_t { kRaw, kDecoded, kError };
  struct Item {
    ItemKind kind = ItemKind::kRaw;
    Header header;
    std::size_t off = 0;
    std::size_t len = 0;
    std::optional<Error> error;
  };
  enum class SlotState : std::uint8_t { kFree, kDecoding, kReady };
  struct Batch {
    std::vector<std::byte> bytes;
    std::vector<Item> items;
    std::vector<Record> recs;
    std::size_t count = 0;
    std::shared_ptr<const PeerIndexTable> peers;
    bool end = false;
    SlotState state = SlotState::kFree;
  };

  bool open_slot(std::size_t slot);
  void frame_loop();
  void work_loop();
  void decode_batch(Batch& b);
  void submit(std::size_t slot);

  Reader reader_;
  std::uint64_t size_ = 0;
  std::vector<Batch> ring_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::size_t> work_;
  bool stop_ = false;
  std::size_t consume_slot_ = 0;
  std::size_t consume_item_ = 0;
  bool consumer_has_slot_ = false;
  bool done_ = false;
  std::atomic<std::uint64_t> offset_{0};
  std::atomic<std::uint64_t> consumed_{0};
  std::thread framer_;
  std::vector<std::thread> workers_;
};

}  // namespace manrs::mrt
