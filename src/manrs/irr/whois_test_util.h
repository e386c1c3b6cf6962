// irr/whois_test_util.h — helpers shared by the whois tests (not part of the library): load
// RPSL text into a Database, and check IRRd/RIPE answer framing byte for byte.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/irr/database.h"
#include "manrs/irr/query.h"

namespace manrs::irr::testutil {

// Loads `text` (objects carry their `source:`; `default_source` for those without).
inline bool load_text(Database& db, std::string_view text, std::string name,
                      std::string default_source = {}) {
  auto bytes = std::as_bytes(std::span<const char>(text.data(), text.size()));
  auto src = core::open_memory(bytes, std::move(name));
  if (!src) {
    return false;
  }
  LoadOptions opt;
  opt.progress = false;
  opt.default_source = std::move(default_source);
  auto report = db.load(**src, opt);
  return report.has_value() && report->objects > 0;
}

// The length of the first complete IRRd answer in `s` ("A<n>\n<data>\nC\n" with n ==
// len(data) + 1, "C\n", "D\n", "F <text>\n"), or npos when it is malformed or incomplete.
inline std::size_t irrd_answer_len(std::string_view s) {
  constexpr auto kBad = std::string_view::npos;
  if (s.substr(0, 2) == "C\n" || s.substr(0, 2) == "D\n") {
    return 2;
  }
  if (s.substr(0, 2) == "F ") {
    auto nl = s.find('\n');
    return nl == kBad ? kBad : nl + 1;
  }
  if (s.empty() || s[0] != 'A') {
    return kBad;
  }
  std::size_t i = 1;
  std::size_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 14) {
    n = n * 10 + static_cast<std::size_t>(s[i] - '0');
    ++i;
  }
  if (i == 1 || i >= s.size() || s[i] != '\n' || n < 2) {
    return kBad;
  }
  const std::size_t head = i + 1;
  if (s.size() < head + n + 2 || s[head + n - 1] != '\n' || s.substr(head + n, 2) != "C\n") {
    return kBad;
  }
  return head + n + 2;
}

// Splits a stream of IRRd answers; false when one is malformed or the stream ends mid-answer.
inline bool split_irrd(std::string_view s, std::vector<std::string>& answers) {
  while (!s.empty()) {
    std::size_t n = irrd_answer_len(s);
    if (n == std::string_view::npos) {
      return false;
    }
    answers.emplace_back(s.substr(0, n));
    s.remove_prefix(n);
  }
  return true;
}

// True when `out` is exactly one well-framed answer to `line` (or nothing, for !!, !q and
// blank lines).
inline bool frame_ok(std::string_view line, std::string_view out) {
  if (out.empty()) {
    return true;
  }
  if (irrd_style(line)) {
    return irrd_answer_len(out) == out.size();
  }
  if (out.size() < 4 || out.substr(out.size() - 3) != "\n\n\n" || out[out.size() - 4] == '\n') {
    return false;
  }
  if (out.front() == '%') {
    return out.find('\n') == out.size() - 3;  // "%% ERROR: ..." or "%  No entries ..."
  }
  return true;
}

}  // namespace manrs::irr::testutil
