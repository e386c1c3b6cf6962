#include "manrs/net/as_path.h"

#include <fmt/format.h>

namespace manrs::net {

std::size_t AsPath::length() const {
  std::size_t n = 0;
  for (const auto& s : segments_) {
    if (s.type == SegmentType::kSequence) n += s.count;
    if (s.type == SegmentType::kSet && s.count > 0) n += 1;
  }
  return n;
}

std::optional<Asn> AsPath::origin() const {
  for (auto it = segments_.rbegin(); it != segments_.rend(); ++it) {
    if (it->count == 0) continue;
    if (it->type != SegmentType::kSequence) return std::nullopt;
    return asns_[it->start + it->count - 1];
  }
  return std::nullopt;
}

std::optional<Asn> AsPath::first() const {
  for (const auto& s : segments_) {
    if (s.count == 0) continue;
    if (s.type != SegmentType::kSequence) return std::nullopt;
    return asns_[s.start];
  }
  return std::nullopt;
}

std::string AsPath::to_string() const {
  std::string out;
  for (const auto& s : segments_) {
    if (s.count == 0) continue;  // nothing to show; origin() and first() skip it too
    if (!out.empty()) out += ' ';
    const char* open = "";
    const char* close = "";
    char sep = ' ';
    switch (s.type) {
      case SegmentType::kSequence:
        break;
      case SegmentType::kSet:
        open = "{";
        close = "}";
        sep = ',';
        break;
      case SegmentType::kConfedSequence:
        open = "(";
        close = ")";
        break;
      case SegmentType::kConfedSet:
        open = "[";
        close = "]";
        sep = ',';
        break;
    }
    out += open;
    for (std::uint32_t i = 0; i < s.count; ++i) {
      if (i) out += sep;
      out += fmt::format("{}", asns_[s.start + i]);
    }
    out += close;
  }
  return out;
}

}  // namespace manrs::net
