#include "manrs/filter/internal/lines.h"

#include <string>
#include <vector>

#include <fmt/format.h>

namespace manrs::filter::detail {

Status for_each_line(core::ByteSource& source, std::size_t max_line, std::string_view max_text,
                     const std::function<Status(std::string_view, std::uint64_t)>& line) {
  std::string pending;
  std::vector<std::byte> buf(1 << 16);
  std::uint64_t number = 0;
  auto take = [&](std::string_view text) -> Status {
    if (!text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
    }
    return line(text, ++number);
  };
  for (;;) {
    auto n = source.read(buf);
    if (!n) {
      return n.error();
    }
    const bool done = *n == 0;
    pending.append(reinterpret_cast<const char*>(buf.data()), *n);  // NOLINT
    std::size_t start = 0;
    for (;;) {
      const std::size_t nl = pending.find('\n', start);
      if (nl == std::string::npos) {
        break;
      }
      MANRS_TRY_VOID(take(std::string_view(pending).substr(start, nl - start)));
      start = nl + 1;
    }
    pending.erase(0, start);
    if (pending.size() > max_line) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("{}:{}: line: want at most {}, have more", source.name(),
                                    number + 1, max_text));
    }
    if (done) {
      if (!pending.empty()) {
        MANRS_TRY_VOID(take(pending));
      }
      return {};
    }
  }
}

}  // namespace manrs::filter::detail
