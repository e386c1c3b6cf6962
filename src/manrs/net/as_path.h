// net/as_path.h — AS_PATH as a list of segments (RFC 4271 §4.3, RFC 5065 confederations).
//
// Flat representation for speed: all ASNs in one vector, segments as (type, start, count)
// views into it, so a decoder can reuse one AsPath per record without allocating. Path length
// follows RFC 4271 §9.1.2.2: an AS_SET counts 1, confederation segments count 0.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "manrs/net/asn.h"

namespace manrs::net {

enum class SegmentType : std::uint8_t {
  kSet = 1,             // AS_SET
  kSequence = 2,        // AS_SEQUENCE
  kConfedSequence = 3,  // AS_CONFED_SEQUENCE (RFC 5065)
  kConfedSet = 4,       // AS_CONFED_SET (RFC 5065)
};

struct AsPathSegment {
  SegmentType type = SegmentType::kSequence;
  std::uint32_t start = 0;  // index into AsPath::asns()
  std::uint32_t count = 0;
};

class AsPath {
 public:
  void clear() {
    asns_.clear();
    segments_.clear();
  }
  void add_segment(SegmentType type) {
    segments_.push_back({type, static_cast<std::uint32_t>(asns_.size()), 0});
  }
  // Appends to the last segment (call add_segment first).
  void push(Asn asn) {
    asns_.push_back(asn);
    ++segments_.back().count;
  }

  [[nodiscard]] bool empty() const { return segments_.empty(); }
  [[nodiscard]] const std::vector<AsPathSegment>& segments() const { return segments_; }
  [[nodiscard]] const std::vector<Asn>& asns() const { return asns_; }
  [[nodiscard]] std::span<const Asn> segment_asns(const AsPathSegment& s) const {
    return {asns_.data() + s.start, s.count};
  }

  // RFC 4271 §9.1.2.2 length: sequence members count 1 each, a set counts 1, confed 0.
  [[nodiscard]] std::size_t length() const;
  // The origin AS: the last ASN of the path when the last segment is an AS_SEQUENCE; an AS_SET
  // origin is ambiguous (RFC 6811 §2: "NONE"), so nullopt.
  [[nodiscard]] std::optional<Asn> origin() const;
  // The first AS (the neighbour that sent the route), if the path starts with a sequence.
  [[nodiscard]] std::optional<Asn> first() const;
  // "64496 64497 {64498,64499}" with confed segments as "(..)" and "[..]"; empty segments are
  // not shown.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const AsPath&, const AsPath&) = default;

 private:
  std::vector<Asn> asns_;
  std::vector<AsPathSegment> segments_;
};

inline bool operator==(const AsPathSegment& a, const AsPathSegment& b) {
  return a.type == b.type && a.start == b.start && a.count == b.count;
}

}  // namespace manrs::net
