// irr/internal/objects_common.h — helpers shared by the typed views (objects*.cpp): ASCII case,
// small number parsing, error construction, per-object problem lists and the common fields.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/irr/objects.h"
#include "manrs/irr/rpsl.h"
#include "manrs/net/asn.h"

namespace manrs::irr::detail {

// Problems kept per object (as-set members, aut-num policies); the rest are counted.
inline constexpr std::size_t kMaxProblemsPerObject = 100;

[[nodiscard]] std::string to_upper(std::string_view s);
[[nodiscard]] bool starts_with_ci(std::string_view s, std::string_view prefix);

// A lower-cased copy of an attribute name in a fixed buffer (names are <= kMaxRpslNameBytes).
class AttrName {
 public:
  std::string_view set(std::string_view name);

 private:
  std::array<char, kMaxRpslNameBytes> buf_{};
};

// Decimal digits only, value <= max.
[[nodiscard]] std::optional<std::uint32_t> parse_small_uint(std::string_view s, std::uint32_t max);
// "AS" (any case) + asplain digits (RFC 2622 §2 <as-number>); no asdot.
[[nodiscard]] std::optional<net::Asn> parse_rpsl_asn(std::string_view s);
// Lengths [lo, hi] of a range operator without its '^' ("+", "-", "24", "24-32") for a prefix of
// length `len` in a family of `max` bits; nullopt when malformed or out of bounds.
[[nodiscard]] std::optional<std::pair<unsigned, unsigned>> parse_operator_range(std::string_view op,
                                                                                unsigned len,
                                                                                unsigned max);
[[nodiscard]] bool is_set_name(std::string_view name, std::string_view prefix);

[[nodiscard]] Error bad(std::string_view source_name, std::uint64_t line, std::string message);

// Problems of one object: "<source>:<line>: <message>", at most kMaxProblemsPerObject plus a
// final "... and N more problems".
class ProblemList {
 public:
  explicit ProblemList(std::vector<std::string>& out) : out_(out) {}
  void add(std::string_view source_name, std::uint64_t line, std::string_view message);
  void finish();

 private:
  std::vector<std::string>& out_;
  std::size_t count_ = 0;
};

// Stores `a` in `c` when it is one of the common attributes; `lname` is its lower-cased name.
bool fill_common(const RawAttribute& a, std::string_view lname, std::string& scratch,
                 CommonFields& c);

// The object's class must be one of `want` (described by want_text for the error).
[[nodiscard]] Status check_class(const RpslObject& obj, std::string_view source_name,
                                 std::initializer_list<ObjectClass> want,
                                 std::string_view want_text);

// A set member; the error message is "want ..., have '...'" without a field name. `allow_v6`:
// IPv6 prefixes are allowed (mp-members:).
[[nodiscard]] Result<SetMember> parse_member(std::string_view item, bool route_set, bool allow_v6);

}  // namespace manrs::irr::detail
