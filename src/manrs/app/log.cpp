// app/log.cpp — see log.h.
#include "manrs/app/log.h"

#include <ctime>
#include <string>

#include <fmt/format.h>

namespace manrs::app {

void log_line(std::string_view component, std::string_view line, std::FILE* to) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char ts[32];
  std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  const bool warn = line.find("reject") != std::string_view::npos ||
                    line.find("stale") != std::string_view::npos ||
                    line.find("cannot") != std::string_view::npos ||
                    line.find("fail") != std::string_view::npos ||
                    line.find("error") != std::string_view::npos;
  std::string msg;
  msg.reserve(line.size() + 8);
  for (char c : line) {
    if (c == '"' || c == '\\') {
      msg += '\\';
      msg += c;
    } else if (c == '\n') {
      msg += "\\n";
    } else {
      msg += c;
    }
  }
  fmt::print(to, "ts={} level={} component={} msg=\"{}\"\n", ts, warn ? "warn" : "info", component,
             msg);
}

}  // namespace manrs::app
