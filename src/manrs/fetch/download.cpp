#include "manrs/fetch/download.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>

#include <curl/curl.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "manrs/core/progress.h"
#include "manrs/fetch/checksum.h"

namespace manrs::fetch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Body bytes of an error answer (404 page, ...) read before the transfer is cut.
constexpr std::uint64_t kMaxErrorBodyBytes = 1U << 20U;

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

bool http_scheme(std::string_view url) {
  return starts_with_ci(url, "http://") || starts_with_ci(url, "https://");
}

// The state of one HTTP exchange, shared with the libcurl callbacks.
struct Transfer {
  CURL* curl = nullptr;
  // File mode (fd >= 0) or memory mode (sink != nullptr).
  int fd = -1;
  std::string* sink = nullptr;
  std::uint64_t offset = 0;   // bytes already in the .part, asked for with Range
  std::uint64_t written = 0;  // body bytes kept in this attempt
  std::uint64_t ignored = 0;  // body bytes of an error answer
  std::uint64_t limit = 0;
  bool started = false;
  long status = 0;
  bool restarted = false;
  bool bad_range = false;
  bool over_limit = false;
  bool io_failed = false;
  int io_errno = 0;
  std::optional<std::uint64_t> range_start;  // from Content-Range of the current answer
  // Progress.
  bool progress = false;
  std::string label;
  Clock::time_point t0;
  Clock::time_point last_draw;
  bool drawn = false;
};

std::optional<std::uint64_t> parse_content_range_start(std::string_view v) {
  // "bytes 100-199/200"
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  if (!starts_with_ci(v, "bytes")) return std::nullopt;
  v.remove_prefix(5);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  std::uint64_t start = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), start);
  if (ec != std::errc() || p == v.data() || p == v.data() + v.size() || *p != '-') {
    return std::nullopt;
  }
  return start;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string_view line(data, size * n);
  if (starts_with_ci(line, "http/")) {
    t->range_start.reset();  // a new answer (after a redirect or a 100 Continue)
  } else if (starts_with_ci(line, "content-range:")) {
    t->range_start = parse_content_range_start(line.substr(14));
  }
  return size * n;
}

bool write_all(int fd, const char* p, std::size_t n, int& err) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      err = errno;
      return false;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t len = size * n;
  if (!t->started) {
    long code = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 300 && code < 400) return len;  // a redirect's body
    t->started = true;
    t->status = code;
    if (t->fd >= 0 && code == 206 && (!t->range_start || *t->range_start != t->offset)) {
      t->bad_range = true;  // not the bytes we asked for: start again from 0
      return 0;
    }
    if (t->fd >= 0 && code == 200 && t->offset > 0) {
      // The server ignored Range: the answer is the whole file.
      if (::ftruncate(t->fd, 0) != 0 || ::lseek(t->fd, 0, SEEK_SET) != 0) {
        t->io_failed = true;
        t->io_errno = errno;
        return 0;
      }
      t->offset = 0;
      t->restarted = true;
    }
  }
  if (t->status != 200 && t->status != 206) {
    t->ignored += len;
    return t->ignored > kMaxErrorBodyBytes ? 0 : len;
  }
  if (t->offset + t->written + len > t->limit) {
    t->over_limit = true;
    return 0;
  }
  if (t->sink != nullptr) {
    t->sink->append(data, len);
  } else if (!write_all(t->fd, data, len, t->io_errno)) {
    t->io_failed = true;
    return 0;
  }
  t->written += len;
  return len;
}

int on_progress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (!t->progress) return 0;
  const auto now = Clock::now();
  if (t->drawn && now - t->last_draw < std::chrono::milliseconds(100)) return 0;
  t->last_draw = now;
  t->drawn = true;
  const double secs = std::chrono::duration<double>(now - t->t0).count();
  const auto total = dltotal > 0 ? t->offset + static_cast<std::uint64_t>(dltotal) : 0;
  const auto done = t->offset + static_cast<std::uint64_t>(std::max<curl_off_t>(dlnow, 0));
  const std::string line = core::Progress::render(t->label, done, total, 0, secs);
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  return 0;
}

void clear_progress(Transfer& t) {
  if (t.progress && t.drawn) {
    std::fputs("\r\x1b[K", stderr);
    t.drawn = false;
  }
}

// What one attempt came to.
enum class Outcome : std::uint8_t { kDone, kRetry, kFail };

struct AttemptResult {
  Outcome outcome = Outcome::kFail;
  Error error;
};

bool transient_status(long s) { return s == 408 || s == 429 || (s >= 500 && s <= 599); }

}  // namespace

struct Fetcher::Impl {
  CURL* curl = nullptr;

  void setup(const std::string& url, const FetchOptions& o, Transfer& t) const {
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "manrs-fetch/0.1");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(o.timeout_seconds));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.timeout_seconds));
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, t.progress ? 0L : 1L);
    if (t.limit < static_cast<std::uint64_t>(INT64_MAX)) {
      // libcurl refuses early when Content-Length says more; on_body enforces it either way.
      const auto remaining = t.limit > t.offset ? t.limit - t.offset : 0;
      curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(remaining));
    }
    t.curl = curl;
  }

  // One GET; the range is "offset-" when t.offset > 0.
  AttemptResult attempt(const std::string& url, const FetchOptions& o, Transfer& t) const {
    setup(url, o, t);
    const std::string range = fmt::format("{}-", t.offset);
    if (t.offset > 0) curl_easy_setopt(curl, CURLOPT_RANGE, range.c_str());
    t.started = false;
    t.written = 0;
    t.ignored = 0;
    t.status = 0;
    t.bad_range = false;
    const CURLcode rc = curl_easy_perform(curl);
    clear_progress(t);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (t.status == 0) t.status = status;
    AttemptResult r;
    if (t.over_limit || rc == CURLE_FILESIZE_EXCEEDED) {
      r.error = make_error(ErrorCode::kLimitExceeded,
                           fmt::format("size: want <= {} bytes, have more", o.max_bytes), url);
      return r;
    }
    if (t.io_failed) {
      r.error =
          make_error(ErrorCode::kIo, fmt::format("write: {}", std::strerror(t.io_errno)), t.label);
      return r;
    }
    if (t.bad_range) {
      r.outcome = Outcome::kRetry;
      r.error = make_error(ErrorCode::kIo,
                           fmt::format("HTTP 206: Content-Range start: want {}, have {}", t.offset,
                                       t.range_start ? fmt::to_string(*t.range_start) : "none"),
                           url);
      return r;
    }
    if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
      r.error = make_error(
          ErrorCode::kUnsupported,
          fmt::format("scheme: want http or https, have {}", curl_easy_strerror(rc)), url);
      return r;
    }
    if (rc != CURLE_OK) {
      r.outcome = Outcome::kRetry;
      r.error = make_error(ErrorCode::kIo, curl_easy_strerror(rc), url);
      return r;
    }
    if (t.status == 200 || t.status == 206) {
      r.outcome = Outcome::kDone;
      return r;
    }
    r.error = make_error(ErrorCode::kIo, fmt::format("HTTP {}", t.status), url);
    if (t.status == 416 && t.offset > 0) {
      r.outcome = Outcome::kRetry;  // the .part is not a prefix of this file: start again
      t.bad_range = true;
    } else if (transient_status(t.status)) {
      r.outcome = Outcome::kRetry;
    }
    return r;
  }
};

Fetcher::Fetcher() : impl_(std::make_unique<Impl>()) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  impl_->curl = curl_easy_init();
}

Fetcher::~Fetcher() {
  if (impl_->curl != nullptr) curl_easy_cleanup(impl_->curl);
  curl_global_cleanup();
}

Result<std::string> Fetcher::get_small(const std::string& url, const FetchOptions& options,
                                       std::size_t limit) {
  if (!http_scheme(url)) {
    return make_error(ErrorCode::kUnsupported, "scheme: want http or https", url);
  }
  if (impl_->curl == nullptr) return make_error(ErrorCode::kInternal, "curl_easy_init failed");
  Error last;
  for (unsigned i = 0; i <= options.retries; ++i) {
    std::string body;
    Transfer t;
    t.sink = &body;
    t.limit = limit;
    t.label = url;
    auto r = impl_->attempt(url, options, t);
    if (r.outcome == Outcome::kDone) return body;
    last = r.error;
    if (r.outcome == Outcome::kFail) break;
    if (i < options.retries) {
      std::this_thread::sleep_for(
          std::chrono::duration<double>(std::min(30.0, options.retry_delay_seconds * (i + 1))));
    }
  }
  return last;
}

Result<FetchResult> Fetcher::fetch(const Item& item, const fs::path& data_dir,
                                   const FetchOptions& options) {
  if (!http_scheme(item.url)) {
    return make_error(ErrorCode::kUnsupported, "scheme: want http or https", item.url);
  }
  if (impl_->curl == nullptr) return make_error(ErrorCode::kInternal, "curl_easy_init failed");
  FetchResult res;
  res.path = item.path;
  res.file = data_dir / item.path;
  const fs::path part = res.file.string() + ".part";
  std::error_code ec;
  if (!options.force && fs::is_regular_file(res.file, ec)) {
    res.present = true;
    res.bytes = fs::file_size(res.file, ec);
    res.checksum = "not checked";
    return res;
  }
  fs::create_directories(res.file.parent_path(), ec);
  if (ec) {
    return make_error(ErrorCode::kIo, fmt::format("create directory: {}", ec.message()),
                      res.file.parent_path().string());
  }
  const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return make_error(ErrorCode::kIo, fmt::format("open: {}", std::strerror(errno)), part.string());
  }
  struct FdClose {
    int fd;
    ~FdClose() { ::close(fd); }
  } closer{fd};

  Transfer t;
  t.fd = fd;
  t.limit = options.max_bytes;
  t.progress = options.progress;
  t.label = item.path;
  t.t0 = Clock::now();
  Error last;
  bool done = false;
  for (unsigned i = 0; i <= options.retries && !done; ++i) {
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end < 0) {
      return make_error(ErrorCode::kIo, fmt::format("seek: {}", std::strerror(errno)),
                        part.string());
    }
    t.offset = static_cast<std::uint64_t>(end);
    const std::uint64_t asked = t.offset;
    ++res.attempts;
    auto r = impl_->attempt(item.url, options, t);
    if (t.status == 206 && asked > 0 && t.written > 0 && !res.resumed) {
      res.resumed = true;
      res.resumed_from = asked;
    }
    res.restarted = res.restarted || t.restarted;
    res.downloaded += t.written;
    if (r.outcome == Outcome::kDone) {
      if (t.status == 200 && !t.started && asked > 0) {
        // An empty 200 answer to a Range request: the file is empty.
        if (::ftruncate(fd, 0) != 0) {
          return make_error(ErrorCode::kIo, fmt::format("truncate: {}", std::strerror(errno)),
                            part.string());
        }
        res.restarted = true;
      }
      done = true;
      break;
    }
    last = r.error;
    if (r.outcome == Outcome::kFail) return last;
    if (t.bad_range) {
      if (::ftruncate(fd, 0) != 0) {
        return make_error(ErrorCode::kIo, fmt::format("truncate: {}", std::strerror(errno)),
                          part.string());
      }
      res.restarted = true;
    }
    if (i < options.retries) {
      std::this_thread::sleep_for(
          std::chrono::duration<double>(std::min(30.0, options.retry_delay_seconds * (i + 1))));
    }
  }
  if (!done) {
    last.message = fmt::format("{} (after {} attempts; {} kept for the next run)", last.message,
                               res.attempts, part.filename().string());
    return last;
  }
  if (::fsync(fd) != 0) {
    return make_error(ErrorCode::kIo, fmt::format("fsync: {}", std::strerror(errno)),
                      part.string());
  }
  res.bytes = fs::file_size(part, ec);

  res.checksum = "none";
  if (item.checksum != Checksum::kNone) {
    const std::string kind(checksum_id(item.checksum));
    auto side = get_small(item.checksum_url, options, kMaxSideFileBytes);
    if (!side) {
      res.checksum = fmt::format("{} unavailable ({})", kind, side.error().message);
    } else {
      MANRS_TRY(auto want, parse_side_file(*side, item.checksum, item.checksum_url));
      MANRS_TRY(auto have, file_digest(part, item.checksum));
      if (want != have) {
        fs::remove(part, ec);
        return make_error(ErrorCode::kPolicy,
                          fmt::format("{} mismatch: want {} (from {}), have {}; not installed",
                                      kind, want, item.checksum_url, have),
                          res.file.string());
      }
      res.checksum = kind + " ok";
    }
  }
  fs::rename(part, res.file, ec);
  if (ec) {
    return make_error(ErrorCode::kIo, fmt::format("rename from .part: {}", ec.message()),
                      res.file.string());
  }
  res.seconds = std::chrono::duration<double>(Clock::now() - t.t0).count();
  return res;
}

}  // namespace manrs::fetch
