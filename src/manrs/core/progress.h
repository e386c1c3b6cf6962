// core/progress.h — a progress line on stderr for long reads, only when stderr is a TTY.
//
// Shows bytes done (of total when known), bytes/s and records/s, redrawn at most ~10 times a
// second; finish() clears the line. When stderr is not a terminal (pipes, CI, tests), every
// call is a no-op, so callers need no checks of their own.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace manrs::core {

class Progress {
 public:
  // `label` e.g. the file name; `total_bytes` 0 when unknown.
  Progress(std::string label, std::uint64_t total_bytes);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  [[nodiscard]] bool enabled() const { return enabled_; }
  // Cheap to call per record: checks the clock every 4096 calls.
  void update(std::uint64_t bytes_done, std::uint64_t records_done) {
    if (!enabled_) return;
    if ((++calls_ & 0xFFFU) != 0) return;
    tick(bytes_done, records_done);
  }
  void finish();

  // The text of one progress line, without control codes (pure, for tests):
  // "<label>  12.3 MiB / 45.6 MiB (27%)  61.2 MiB/s  812k rec/s". The total and percentage
  // appear only when total_bytes > 0, the rates only when seconds > 0, rec/s only when
  // records_done > 0. tick() draws it as "\r" + line + "\x1b[K" (clear to end of line).
  [[nodiscard]] static std::string render(const std::string& label, std::uint64_t bytes_done,
                                          std::uint64_t total_bytes, std::uint64_t records_done,
                                          double seconds);

 private:
  void tick(std::uint64_t bytes_done, std::uint64_t records_done);

  std::string label_;
  std::uint64_t total_ = 0;
  std::uint64_t calls_ = 0;
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace manrs::core
