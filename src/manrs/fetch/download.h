// fetch/download.h — downloads one catalogue Item into the data directory over HTTP(S) with
// libcurl: into "<file>.part", resumed with a Range request after an interruption, verified
// against the source's checksum side file, then renamed into place atomically.
//
// The server is untrusted: only http and https (also across redirects), a size cap per file,
// a stall timeout; a 200 answer to a Range request restarts the file from byte 0; a checksum
// mismatch leaves nothing installed. Start with Fetcher::fetch().
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "manrs/core/result.h"
#include "manrs/fetch/catalogue.h"

namespace manrs::fetch {

// Largest file fetch accepts by default: 64 GiB (a full RIS bview is ~1 GiB compressed, a
// month of PeeringDB dumps is far less); --max-bytes may lower it.
inline constexpr std::uint64_t kMaxFetchBytes = 64ULL << 30U;
// Largest checksum side file read (they are one line).
inline constexpr std::size_t kMaxSideFileBytes = 64U * 1024U;

struct FetchOptions {
  unsigned retries = 3;            // further attempts after a transient failure
  unsigned timeout_seconds = 60;   // connect timeout, and abort when no byte arrives this long
  double retry_delay_seconds = 1;  // before retry n: n × this, at most 30 s
  std::uint64_t max_bytes = kMaxFetchBytes;
  bool force = false;     // download even when the file is already installed
  bool progress = false;  // a progress line on stderr (callers pass isatty(stderr))
};

// What happened to one file.
struct FetchResult {
  std::string path;              // relative to the data directory
  std::filesystem::path file;    // the installed file
  bool present = false;          // already installed; nothing downloaded (no --force)
  std::uint64_t bytes = 0;       // size of the installed file
  std::uint64_t downloaded = 0;  // bytes received in this run
  double seconds = 0;
  bool resumed = false;            // some bytes came from an earlier .part (HTTP 206)
  std::uint64_t resumed_from = 0;  // the offset of the first resumption
  bool restarted = false;          // a Range request was answered 200: started again from 0
  unsigned attempts = 0;
  std::string checksum;  // "md5 ok", "none", "md5 unavailable (HTTP 404)"
};

class Fetcher {
 public:
  Fetcher();
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Downloads `item` to data_dir/item.path. Errors (the file is then not installed; a partial
  // "<file>.part" stays for the next run unless its checksum failed): kIo for HTTP errors
  // ("<url>: HTTP 404"), transfer failures after the retries, and file system errors;
  // kPolicy for a checksum mismatch (message names the file and both digests);
  // kLimitExceeded when the file exceeds max_bytes; kUnsupported for a scheme other than
  // http/https.
  [[nodiscard]] Result<FetchResult> fetch(const Item& item, const std::filesystem::path& data_dir,
                                          const FetchOptions& options);

  // GETs `url` into memory, at most `limit` bytes (checksum side files). Same error rules.
  [[nodiscard]] Result<std::string> get_small(const std::string& url, const FetchOptions& options,
                                              std::size_t limit);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace manrs::fetch
