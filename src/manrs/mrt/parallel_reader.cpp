#include "manrs/mrt/parallel_reader.h"

#include <cstring>
#include <utility>

namespace manrs::mrt {

namespace {
// Small batches in a short ring keep the decoded records cache-warm and memory low.
constexpr std::size_t kRing = 4;
constexpr std::size_t kMaxItems = 64;
constexpr std::size_t kMaxBytes = 256U << 10;
}  // namespace

ParallelReader::ParallelReader(std::unique_ptr<core::ByteSource> source, unsigned workers,
                               DecodeOptions options)
    : reader_(std::move(source), options), ring_(kRing) {
  size_ = reader_.source().size();
  if (workers == 0) workers = std::max(1U, std::thread::hardware_concurrency());
  for (auto& b : ring_) {
    b.items.resize(kMaxItems);
    b.recs.resize(kMaxItems);
  }
  for (unsigned i = 0; i < workers; ++i) workers_.emplace_back([this] { work_loop(); });
  framer_ = std::thread([this] { frame_loop(); });
}

ParallelReader::~ParallelReader() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (framer_.joinable()) framer_.join();
  for (auto& t : workers_) t.join();
}

void ParallelReader::submit(std::size_t slot) {
  Batch& b = ring_[slot];
  bool needs_decode = false;
  for (std::size_t i = 0; i < b.count; ++i) needs_decode |= b.items[i].kind == ItemKind::kRaw;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (needs_decode) {
      b.state = SlotState::kDecoding;
      work_.push_back(slot);
    } else {
      b.state = SlotState::kReady;
    }
  }
  cv_.notify_all();
}

bool ParallelReader::open_slot(std::size_t slot) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return stop_ || ring_[slot].state == SlotState::kFree; });
    if (stop_) return false;
  }
  Batch& b = ring_[slot];
  b.count = 0;
  b.bytes.clear();
  b.end = false;
  b.peers = reader_.peer_table();
  return true;
}

void ParallelReader::frame_loop() {
  std::size_t slot = 0;
  Record scratch;
  RawRecord raw;
  if (!open_slot(slot)) return;
  for (;;) {
    auto more = reader_.next_raw(raw, scratch);
    Batch* b = &ring_[slot];
    if (more && !*more) {
      b->end = true;
      offset_.store(reader_.offset(), std::memory_order_relaxed);
      consumed_.store(reader_.source().consumed(), std::memory_order_relaxed);
      submit(slot);
      return;
    }
    if (more && raw.decoded && scratch.kind == RecordKind::kPeerIndexTable) {
      // Records after a new peer table need it, records before it the old one: the table
      // starts a new batch.
      if (b->count > 0) {
        submit(slot);
        slot = (slot + 1) % kRing;
        if (!open_slot(slot)) return;
        b = &ring_[slot];
      }
      b->peers = reader_.peer_table();
    }
    Item& it = b->items[b->count];
    if (!more) {
      it.kind = ItemKind::kError;
      it.error = std::move(more.error());
    } else if (raw.decoded) {
      it.kind = ItemKind::kDecoded;
      it.header = raw.header;
      std::swap(b->recs[b->count], scratch);
      b->recs[b->count].peers = b->peers.get();
    } else {
      it.kind = ItemKind::kRaw;
      it.header = raw.header;
      it.off = b->bytes.size();
      it.len = raw.body.size();
      b->bytes.insert(b->bytes.end(), raw.body.begin(), raw.body.end());
    }
    ++b->count;
    if (b->count == kMaxItems || b->bytes.size() >= kMaxBytes) {
      offset_.store(reader_.offset(), std::memory_order_relaxed);
      consumed_.store(reader_.source().consumed(), std::memory_order_relaxed);
      submit(slot);
      slot = (slot + 1) % kRing;
      if (!open_slot(slot)) return;
    }
  }
}

void ParallelReader::decode_batch(Batch& b) {
  const PeerIndexTable& peers = *b.peers;
  for (std::size_t i = 0; i < b.count; ++i) {
    Item& it = b.items[i];
    if (it.kind != ItemKind::kRaw) continue;
    Record& rec = b.recs[i];
    rec.header = it.header;
    std::span<const std::byte> body{b.bytes.data() + it.off, it.len};
    Status st = decode_record(body, reader_.name(), peers, rec, reader_.options());
    if (!st) {
      it.kind = ItemKind::kError;
      it.error = std::move(st.error());
    }
  }
}

void ParallelReader::work_loop() {
  for (;;) {
    std::size_t slot = 0;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !work_.empty(); });
      if (stop_) return;
      slot = work_.front();
      work_.pop_front();
    }
    decode_batch(ring_[slot]);
    {
      std::lock_guard<std::mutex> lock(mu_);
      ring_[slot].state = SlotState::kReady;
    }
    cv_.notify_all();
  }
}

Result<bool> ParallelReader::next(const Record*& rec) {
  for (;;) {
    if (done_) return false;
    if (!consumer_has_slot_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return ring_[consume_slot_].state == SlotState::kReady; });
      consumer_has_slot_ = true;
      consume_item_ = 0;
    }
    Batch& b = ring_[consume_slot_];
    if (consume_item_ < b.count) {
      Item& it = b.items[consume_item_++];
      if (it.kind == ItemKind::kError) {
        Error e = std::move(*it.error);
        it.error.reset();
        return e;
      }
      rec = &b.recs[consume_item_ - 1];
      return true;
    }
    // Batch exhausted: give it back to the framer.
    const bool end = b.end;
    {
      std::lock_guard<std::mutex> lock(mu_);
      b.state = SlotState::kFree;
    }
    cv_.notify_all();
    consumer_has_slot_ = false;
    consume_slot_ = (consume_slot_ + 1) % kRing;
    if (end) {
      done_ = true;
      if (framer_.joinable()) framer_.join();
      return false;
    }
  }
}

}  // namespace manrs::mrt
