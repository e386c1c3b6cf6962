// core/testing/wire_bytes.h — building wire-format byte strings in tests (test code only).
//
// `Bytes{1, 2} + u16(0x0304) + u32(5)` is the big-endian byte string 01 02 03 04 00 00 00 05.
#pragma once

#include <cstdint>
#include <vector>

namespace manrs::testing {

using Bytes = std::vector<std::uint8_t>;

inline Bytes operator+(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
inline Bytes u16(std::uint16_t v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
inline Bytes u32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

}  // namespace manrs::testing
