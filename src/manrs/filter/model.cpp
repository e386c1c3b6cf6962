#include "manrs/filter/model.h"

#include <tuple>

#include <fmt/format.h>

namespace manrs::filter {

std::string_view to_string(Mode m) {
  switch (m) {
    case Mode::kIrr:
      return "irr";
    case Mode::kIrrRpki:
      return "irr-rpki";
    case Mode::kIrrPlusRoa:
      return "irr+roa";
    case Mode::kRpki:
      return "rpki";
  }
  return "?";
}

std::optional<Mode> parse_mode(std::string_view text) {
  for (Mode m : {Mode::kIrr, Mode::kIrrRpki, Mode::kIrrPlusRoa, Mode::kRpki}) {
    if (text == to_string(m)) {
      return m;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Exclusion e) {
  switch (e) {
    case Exclusion::kBogon:
      return "bogon";
    case Exclusion::kDefaultRoute:
      return "default-route";
    case Exclusion::kTooSpecific:
      return "too-specific";
    case Exclusion::kTooShort:
      return "too-short";
    case Exclusion::kUnallocated:
      return "unallocated";
    case Exclusion::kRpkiInvalid:
      return "rpki-invalid";
  }
  return "?";
}

std::string_view to_string(UrpfMode m) {
  switch (m) {
    case UrpfMode::kStrict:
      return "strict";
    case UrpfMode::kFeasible:
      return "feasible";
    case UrpfMode::kLoose:
      return "loose";
    case UrpfMode::kNone:
      return "none";
  }
  return "?";
}

std::string Evidence::describe() const {
  switch (kind) {
    case Kind::kRouteObject:
      return fmt::format("route {} AS{} ({}{}{})", prefix.to_string(), asn, source,
                         detail.empty() ? "" : ", rpki ", detail);
    case Kind::kRoa:
      return fmt::format("roa {}-{} AS{} ({})", prefix.to_string(), max_length, asn,
                         source.empty() ? "unknown TA" : source);
    case Kind::kRouteSet:
      return fmt::format("route-set {} {} ({})", detail, prefix.to_string(), source);
    case Kind::kInput:
      return fmt::format("input {}{}{}", prefix.to_string(), detail.empty() ? "" : " ", detail);
  }
  return {};
}

bool Entry::covers(const Entry& other) const {
  return prefix.contains(other.prefix) && min_len <= other.min_len && max_len >= other.max_len;
}

std::string Entry::to_string() const {
  if (exact()) {
    return prefix.to_string();
  }
  return fmt::format("{}{{{},{}}}", prefix.to_string(), min_len, max_len);
}

bool entry_less(const Entry& a, const Entry& b) {
  return std::tie(a.prefix, a.min_len, a.max_len) < std::tie(b.prefix, b.min_len, b.max_len);
}

}  // namespace manrs::filter
