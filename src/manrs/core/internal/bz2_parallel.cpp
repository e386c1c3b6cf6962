#include "manrs/core/internal/bz2_parallel.h"

#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "manrs/core/internal/stream_decoder.h"
#include "manrs/core/limits.h"

namespace manrs::core::detail {
namespace {

// Compressed bytes read per read() call by the scanner.
constexpr std::size_t kScanChunk = std::size_t{1024} * 1024U;
constexpr std::uint64_t kMaxBlockBits = std::uint64_t{kMaxBz2BlockCompressedBytes} * 8U;
// Decoded blocks above this capacity are freed instead of kept for reuse.
constexpr std::size_t kMaxPooledCapacity = std::size_t{8} * 1024U * 1024U;

// "BZh" + '1'..'9', or a prefix of it when fewer bytes are there.
bool looks_like_header(std::span<const std::uint8_t> b) {
  static constexpr std::uint8_t kMagic[3] = {'B', 'Z', 'h'};
  for (std::size_t i = 0; i < b.size() && i < 3; ++i) {
    if (b[i] != kMagic[i]) {
      return false;
    }
  }
  return b.size() < 4 || (b[3] >= '1' && b[3] <= '9');
}

std::string hex(std::span<const std::uint8_t> b) { return hex_prefix(std::as_bytes(b)); }

Error bz2_error(ErrorCode code, std::string_view name, std::uint64_t offset, std::string text) {
  return make_error(code, fmt::format("bzip2 stream: {}", text),
                    fmt::format("{}@{}", name, offset));
}

}  // namespace

// Reads the compressed file through a sliding window that starts at the block being cut (so it
// never holds more than one block plus one read chunk) and queues candidate blocks.
class Bz2ParallelSource::Scanner {
 public:
  Scanner(Bz2ParallelSource& owner, InputFile& in) : owner_(owner), in_(in) {}

  // Returns ok at a clean end of input; an Error (queued by the caller) otherwise. Blocks cut
  // by the end of the file are queued with Bz2BlockEnd::kEof and judged by the reader.
  Status run() {
    std::uint64_t pos = 0;  // file offset of the next stream header
    for (int stream = 1;; ++stream) {
      keep_ = pos;
      MANRS_TRY(bool have_header, ensure(pos + 4));
      auto head = bytes_at(pos, 4);
      if (head.empty() && stream > 1) {
        return {};
      }
      if (!looks_like_header(head)) {
        if (stream == 1) {
          return error(ErrorCode::kMalformed, pos,
                       fmt::format("stream 1 header: want \"BZh1\"..\"BZh9\", have {}", hex(head)));
        }
        return error(ErrorCode::kMalformed, pos,
                     fmt::format("after stream {}: want a stream header (\"BZh1\"..\"BZh9\") or "
                                 "end of file, have {}",
                                 stream - 1, hex(head)));
      }
      if (!have_header) {
        return error(ErrorCode::kTruncated, pos,
                     fmt::format("stream {} header: want 4 bytes, have {}", stream, head.size()));
      }
      level_ = static_cast<char>(head[3]);
      pos += 4;
      MANRS_TRY(bool have_magic, ensure(pos + 6));
      if (!have_magic) {
        return error(ErrorCode::kTruncated, pos,
                     fmt::format("stream {}: want a block or end-of-stream magic, have end of file",
                                 stream));
      }
      std::uint64_t magic = read_bits(bytes_at(pos, 6), 0, 48);
      if (magic == kBz2EosMagic) {
        // An empty stream: its combined CRC must be 0.
        MANRS_TRY(bool have_crc, ensure(pos + 10));
        if (!have_crc) {
          return error(
              ErrorCode::kTruncated, pos + 6,
              fmt::format("stream {} combined CRC: want 4 bytes, have end of file", stream));
        }
        auto crc = static_cast<std::uint32_t>(read_bits(bytes_at(pos + 6, 4), 0, 32));
        if (crc != 0) {
          return error(ErrorCode::kMalformed, pos + 6,
                       fmt::format("stream {} combined CRC: want 0x00000000 (no blocks), have "
                                   "0x{:08x}",
                                   stream, crc));
        }
        pos += 10;
        continue;
      }
      if (magic != kBz2BlockMagic) {
        return error(ErrorCode::kMalformed, pos,
                     fmt::format("stream {}: want a block magic (31 41 59 26 53 59), have {}",
                                 stream, hex(bytes_at(pos, 6))));
      }
      MANRS_TRY(bool another, scan_blocks(pos * 8U, pos));
      if (!another) {
        return {};
      }
    }
  }

 private:
  // Cuts the blocks of one stream, starting with the block magic at `start`. Returns true with
  // `pos` at the byte after the stream when a stream header or end of file may follow.
  Result<bool> scan_blocks(std::uint64_t start, std::uint64_t& pos) {
    bool after_eos = false;
    std::uint64_t search = start + 48U;
    for (;;) {
      keep_ = start / 8U;
      auto found = find_bz2_magic(window(), search - win_off_ * 8U);
      if (!found) {
        std::uint64_t end_bits = win_end() * 8U;
        if (end_bits - start > kMaxBlockBits) {
          return too_big(start);
        }
        if (eof_) {
          MANRS_TRY_VOID(emit(start, end_bits, Bz2BlockEnd::kEof, 0, after_eos));
          return false;
        }
        // Magics that start in the last 47 bits were not wholly visible: search them again.
        if (end_bits > search + 47U) {
          search = end_bits - 47U;
        }
        MANRS_TRY(bool got, more());
        (void)got;
        continue;
      }
      std::uint64_t c = found->bit + win_off_ * 8U;
      if (c - start > kMaxBlockBits) {
        return too_big(start);
      }
      if (found->kind == Bz2MagicKind::kBlock) {
        MANRS_TRY_VOID(emit(start, c, Bz2BlockEnd::kBlockMagic, 0, after_eos));
        after_eos = false;
        start = c;
        search = c + 48U;
        continue;
      }
      // End of stream: 48-bit magic, 32-bit combined CRC, padding to a byte.
      std::uint64_t next = (c + 80U + 7U) / 8U;
      MANRS_TRY(bool have_crc, ensure(next));
      if (!have_crc) {
        MANRS_TRY_VOID(emit(start, c, Bz2BlockEnd::kEosTruncated, 0, after_eos));
        return false;
      }
      auto crc = static_cast<std::uint32_t>(read_bits(window(), c - win_off_ * 8U + 48U, 32));
      MANRS_TRY(bool have_header, ensure(next + 4));
      (void)have_header;
      auto head = bytes_at(next, 4);
      if (head.empty() || looks_like_header(head)) {
        MANRS_TRY_VOID(emit(start, c, Bz2BlockEnd::kEos, crc, after_eos));
        pos = next;
        return true;
      }
      // Not followed by a stream: either trailing garbage after a real end of stream, or a
      // magic inside the block by chance. The reader decides (bz2_blocks.h Bz2BlockEnd).
      MANRS_TRY_VOID(emit(start, c, Bz2BlockEnd::kEosThenGarbage, crc, after_eos));
      after_eos = true;
      start = c;
      search = c + 48U;
    }
  }

  Status emit(std::uint64_t start, std::uint64_t end, Bz2BlockEnd kind, std::uint32_t crc,
              bool after_eos) {
    auto job = std::make_unique<Job>();
    Bz2Block& b = job->block;
    std::uint64_t first = start / 8U;
    std::uint64_t last = (end + 7U) / 8U;
    auto src = bytes_at(first, static_cast<std::size_t>(last - first));
    b.bytes.assign(src.begin(), src.end());
    b.first_bit = static_cast<unsigned>(start % 8U);
    b.nbits = end - start;
    b.start_bit = start;
    b.index = ++index_;
    b.level = level_;
    b.end = kind;
    b.stream_crc = crc;
    b.after_eos = after_eos;
    if (!owner_.push(std::move(job))) {
      return make_error(ErrorCode::kInternal, "bzip2 reader stopped");
    }
    return {};
  }

  Error too_big(std::uint64_t start) const {
    return error(ErrorCode::kMalformed, start / 8U,
                 fmt::format("block {}: want the next magic within {} bytes, have none", index_ + 1,
                             kMaxBz2BlockCompressedBytes));
  }

  Error error(ErrorCode code, std::uint64_t offset, std::string text) const {
    return bz2_error(code, in_.name(), offset, std::move(text));
  }

  [[nodiscard]] std::span<const std::uint8_t> window() const {
    return std::span<const std::uint8_t>(buf_).first(len_);
  }
  [[nodiscard]] std::uint64_t win_end() const { return win_off_ + len_; }
  // Up to n bytes at file offset `at` (fewer at end of file); `at` must be >= keep_.
  [[nodiscard]] std::span<const std::uint8_t> bytes_at(std::uint64_t at, std::size_t n) const {
    if (at >= win_end()) {
      return {};
    }
    auto rel = static_cast<std::size_t>(at - win_off_);
    std::size_t have = len_ - rel;
    return window().subspan(rel, n < have ? n : have);
  }

  // Makes the window reach file offset `end`; false if the file ends before.
  Result<bool> ensure(std::uint64_t end) {
    while (win_end() < end) {
      MANRS_TRY(bool got, more());
      if (!got) {
        return false;
      }
    }
    return true;
  }

  // Drops the bytes before keep_ and reads one more chunk; false at end of file.
  Result<bool> more() {
    if (eof_) {
      return false;
    }
    if (keep_ > win_off_) {
      std::uint64_t drop64 = keep_ - win_off_;
      std::size_t drop = drop64 < len_ ? static_cast<std::size_t>(drop64) : len_;
      std::memmove(buf_.data(), buf_.data() + drop, len_ - drop);
      len_ -= drop;
      win_off_ += drop;
    }
    if (buf_.size() < len_ + kScanChunk) {
      buf_.resize(len_ + kScanChunk);
    }
    MANRS_TRY(
        std::size_t got,
        in_.read(std::as_writable_bytes(std::span<std::uint8_t>(buf_).subspan(len_, kScanChunk))));
    if (got == 0) {
      eof_ = true;
      return false;
    }
    len_ += got;
    return true;
  }

  Bz2ParallelSource& owner_;
  InputFile& in_;
  std::vector<std::uint8_t> buf_;
  std::size_t len_ = 0;
  std::uint64_t win_off_ = 0;  // file offset of buf_[0]
  std::uint64_t keep_ = 0;     // file offset before which bytes may be dropped
  bool eof_ = false;
  char level_ = '9';
  std::uint64_t index_ = 0;
};

Bz2ParallelSource::Bz2ParallelSource(std::unique_ptr<InputFile> in, unsigned threads)
    : in_(std::move(in)),
      threads_(threads == 0 ? 1 : threads),
      max_jobs_(std::size_t{2} * threads_) {
  threads_list_.emplace_back([this] { scan(); });
  for (unsigned i = 0; i < threads_; ++i) {
    threads_list_.emplace_back([this] { work(); });
  }
}

Bz2ParallelSource::~Bz2ParallelSource() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_work_.notify_all();
  cv_done_.notify_all();
  cv_room_.notify_all();
  for (auto& t : threads_list_) {
    t.join();
  }
}

void Bz2ParallelSource::scan() {
  Scanner scanner(*this, *in_);
  Status st = scanner.run();
  if (!st) {
    auto job = std::make_unique<Job>();
    job->error = std::move(st.error());
    job->state = JobState::kDone;
    (void)push(std::move(job));
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    scan_done_ = true;
  }
  cv_work_.notify_all();
  cv_done_.notify_all();
}

bool Bz2ParallelSource::push(std::unique_ptr<Job> job) {
  bool pending = job->state == JobState::kPending;
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_room_.wait(lock, [this] { return stop_ || jobs_.size() < max_jobs_; });
    if (stop_) {
      return false;
    }
    jobs_.push_back(std::move(job));
  }
  if (pending) {
    cv_work_.notify_one();
  } else {
    cv_done_.notify_all();
  }
  return true;
}

void Bz2ParallelSource::work() {
  std::vector<std::uint8_t> scratch;
  for (;;) {
    Job* job = nullptr;
    std::vector<std::byte> buf;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_work_.wait(lock, [&] {
        if (stop_) {
          return true;
        }
        for (auto& j : jobs_) {
          if (j->state == JobState::kPending) {
            job = j.get();
            return true;
          }
        }
        return scan_done_;
      });
      if (stop_ || job == nullptr) {
        return;
      }
      job->state = JobState::kRunning;
      if (!pool_.empty()) {
        buf = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    Bz2DecodeStatus status = decode_bz2_block(job->block, buf, scratch);
    {
      std::lock_guard<std::mutex> lock(mu_);
      job->status = status;
      job->out = std::move(buf);
      job->state = JobState::kDone;
    }
    cv_done_.notify_all();
  }
}

std::unique_ptr<Bz2ParallelSource::Job> Bz2ParallelSource::pop() {
  std::unique_ptr<Job> job;
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_done_.wait(lock, [this] {
      return jobs_.empty() ? scan_done_ : jobs_.front()->state == JobState::kDone;
    });
    if (jobs_.empty()) {
      return nullptr;
    }
    job = std::move(jobs_.front());
    jobs_.pop_front();
  }
  cv_room_.notify_one();
  return job;
}

void Bz2ParallelSource::recycle(std::vector<std::byte> buf) {
  if (buf.capacity() == 0 || buf.capacity() > kMaxPooledCapacity) {
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (pool_.size() < max_jobs_) {
    pool_.push_back(std::move(buf));
  }
}

Result<bool> Bz2ParallelSource::next_block() {
  std::unique_ptr<Job> job = pop();
  if (!job) {
    return false;
  }
  if (job->error) {
    return std::move(*job->error);
  }
  Bz2Block& b = job->block;
  if (b.after_eos) {
    // The block before decoded and ended a stream; what follows its CRC is no stream header.
    std::uint64_t bit = b.first_bit + 80U;
    std::size_t skip = static_cast<std::size_t>((bit + 7U) / 8U);
    std::span<const std::uint8_t> rest(b.bytes);
    rest = skip < rest.size() ? rest.subspan(skip) : std::span<const std::uint8_t>{};
    return bz2_error(ErrorCode::kMalformed, name(), (b.start_bit + 80U + 7U) / 8U,
                     fmt::format("after end of stream: want a stream header (\"BZh1\"..\"BZh9\") "
                                 "or end of file, have {}",
                                 hex(rest)));
  }
  if (job->status != Bz2DecodeStatus::kOk) {
    Bz2NextBlock next = [this]() -> Result<std::optional<Bz2Block>> {
      std::unique_ptr<Job> j = pop();
      if (!j) {
        return std::optional<Bz2Block>{};
      }
      if (j->error) {
        return std::move(*j->error);
      }
      recycle(std::move(j->out));
      return std::optional<Bz2Block>{std::move(j->block)};
    };
    MANRS_TRY(Bz2Block merged,
              merge_until_decoded(std::move(b), job->status, next, job->out, scratch_, name()));
    job->block = std::move(merged);
    job->status = Bz2DecodeStatus::kOk;
  }
  // bzip2 1.0: combined CRC = rotl(combined, 1) ^ block CRC, over the blocks of a stream.
  combined_crc_ = ((combined_crc_ << 1U) | (combined_crc_ >> 31U)) ^ job->block.crc();
  std::uint64_t end = job->block.end_offset();
  switch (job->block.end) {
    case Bz2BlockEnd::kEos:
    case Bz2BlockEnd::kEosThenGarbage:
      if (combined_crc_ != job->block.stream_crc) {
        after_current_ = bz2_error(ErrorCode::kMalformed, name(), end,
                                   fmt::format("combined CRC: want 0x{:08x}, have 0x{:08x}",
                                               job->block.stream_crc, combined_crc_));
      }
      combined_crc_ = 0;
      break;
    case Bz2BlockEnd::kEosTruncated:
      after_current_ = bz2_error(ErrorCode::kTruncated, name(), end,
                                 "combined CRC: want more data, have end of file");
      break;
    case Bz2BlockEnd::kEof:
      after_current_ = bz2_error(
          ErrorCode::kTruncated, name(), end,
          fmt::format("after block {}: want more data, have end of file", job->block.index));
      break;
    case Bz2BlockEnd::kBlockMagic:
      break;
  }
  consumed_.store(end, std::memory_order_relaxed);
  current_ = std::move(job);
  current_pos_ = 0;
  return true;
}

Result<std::size_t> Bz2ParallelSource::read(std::span<std::byte> dst) {
  if (failed_) {
    return *failed_;
  }
  std::size_t done = 0;
  while (done < dst.size()) {
    if (current_ && current_pos_ < current_->out.size()) {
      std::size_t take = current_->out.size() - current_pos_;
      if (take > dst.size() - done) {
        take = dst.size() - done;
      }
      std::memcpy(dst.data() + done, current_->out.data() + current_pos_, take);
      current_pos_ += take;
      done += take;
      continue;
    }
    if (current_) {
      recycle(std::move(current_->out));
      current_.reset();
      if (after_current_) {
        failed_ = std::move(after_current_);
        after_current_.reset();
        break;
      }
    }
    if (finished_) {
      break;
    }
    if (done > 0) {
      // Return what we have rather than wait for the next block.
      std::lock_guard<std::mutex> lock(mu_);
      bool ready = jobs_.empty() ? scan_done_ : jobs_.front()->state == JobState::kDone;
      if (!ready) {
        break;
      }
    }
    auto got = next_block();
    if (!got) {
      failed_ = std::move(got.error());
      break;
    }
    if (!*got) {
      finished_ = true;
      consumed_.store(in_->position(), std::memory_order_relaxed);
      break;
    }
  }
  delivered_ += done;
  if (delivered_ > limits::kMaxInputBytes && !failed_) {
    failed_ = bz2_error(
        ErrorCode::kLimitExceeded, name(), consumed(),
        fmt::format("decompressed size: want <= {} bytes, have more", limits::kMaxInputBytes));
  }
  if (done == 0 && failed_) {
    return *failed_;
  }
  return done;
}

}  // namespace manrs::core::detail
