#include "manrs/core/progress.h"

#include <utility>

#include <fmt/format.h>
#include <unistd.h>

namespace manrs::core {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

// "812 B", "12.3 KiB", "45.6 MiB", "1.2 GiB".
std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  std::size_t unit = 0;
  while (bytes >= 1024.0 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024.0;
    ++unit;
  }
  if (unit == 0) {
    return fmt::format("{:.0f} B", bytes);
  }
  return fmt::format("{:.1f} {}", bytes, kUnits[unit]);
}

// "950", "812k", "1.2M".
std::string format_count(double n) {
  if (n >= 1e6) {
    return fmt::format("{:.1f}M", n / 1e6);
  }
  if (n >= 1e3) {
    return fmt::format("{:.0f}k", n / 1e3);
  }
  return fmt::format("{:.0f}", n);
}

void write_stderr(const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {
    ssize_t n = ::write(STDERR_FILENO, s.data() + done, s.size() - done);
    if (n <= 0) {
      return;  // a progress line is not worth an error
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

Progress::Progress(std::string label, std::uint64_t total_bytes)
    : label_(std::move(label)),
      total_(total_bytes),
      enabled_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { finish(); }

std::string Progress::render(const std::string& label, std::uint64_t bytes_done,
                             std::uint64_t total_bytes, std::uint64_t records_done,
                             double seconds) {
  std::string s = label;
  s += "  ";
  s += format_bytes(static_cast<double>(bytes_done));
  if (total_bytes > 0) {
    auto pct = bytes_done >= total_bytes
                   ? 100U
                   : static_cast<unsigned>(100.0 * static_cast<double>(bytes_done) /
                                           static_cast<double>(total_bytes));
    s += fmt::format(" / {} ({}%)", format_bytes(static_cast<double>(total_bytes)), pct);
  }
  if (seconds > 0) {
    s += "  ";
    s += format_bytes(static_cast<double>(bytes_done) / seconds);
    s += "/s";
    if (records_done > 0) {
      s += "  ";
      s += format_count(static_cast<double>(records_done) / seconds);
      s += " rec/s";
    }
  }
  return s;
}

void Progress::tick(std::uint64_t bytes_done, std::uint64_t records_done) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < kRedrawInterval) {
    return;
  }
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  // "\r" back to column 0, the line, then "\x1b[K" clears what a longer earlier line left.
  std::string line = "\r";
  line += render(label_, bytes_done, total_, records_done, seconds);
  line += "\x1b[K";
  write_stderr(line);
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) {
    return;
  }
  write_stderr("\r\x1b[K");
  drawn_ = false;
}

}  // namespace manrs::core
