// irr/objects.cpp — prefix ranges, set names and members, the shared helpers of the typed views,
// and the views of route/route6, as-set and route-set objects. aut-num policies are in
// objects_policy.cpp, the other classes in objects_other.cpp.
#include "manrs/irr/objects.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "manrs/irr/internal/objects_common.h"

namespace manrs::irr {
namespace detail {
namespace {

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// One component of a hierarchical set name with the class prefix ("AS-FOO").
bool is_set_component(std::string_view c, std::string_view prefix) {
  if (c.size() <= prefix.size() || !starts_with_ci(c, prefix)) return false;
  return std::all_of(c.begin() + static_cast<std::ptrdiff_t>(prefix.size()), c.end(), name_char);
}

// Checks the syntax of an operator after a set name or an ASN ("+", "24-32", without the '^')
// and returns its normalized text ("^24-32"). Its bounds are checked against each prefix when
// the set is expanded (PrefixRange::apply).
std::optional<std::string> check_member_operator(std::string_view op) {
  if (op == "-" || op == "+") return "^" + std::string(op);
  const auto dash = op.find('-');
  const auto n = parse_small_uint(op.substr(0, dash), 128);
  if (!n) return std::nullopt;
  if (dash == std::string_view::npos) return fmt::format("^{}", *n);
  const auto m = parse_small_uint(op.substr(dash + 1), 128);
  if (!m || *m < *n) return std::nullopt;
  return fmt::format("^{}-{}", *n, *m);
}

}  // namespace

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = upper(c);
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string_view AttrName::set(std::string_view name) {
  const std::size_t n = std::min(name.size(), buf_.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char c = name[i];
    buf_[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return {buf_.data(), n};
}

std::optional<std::uint32_t> parse_small_uint(std::string_view s, std::uint32_t max) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

std::optional<net::Asn> parse_rpsl_asn(std::string_view s) {
  if (s.size() < 3 || upper(s[0]) != 'A' || upper(s[1]) != 'S') return std::nullopt;
  return parse_small_uint(s.substr(2), 0xFFFFFFFFU);
}

std::optional<std::pair<unsigned, unsigned>> parse_operator_range(std::string_view op, unsigned len,
                                                                  unsigned max) {
  if (op == "-") {
    if (len >= max) return std::nullopt;
    return std::pair{len + 1, max};
  }
  if (op == "+") return std::pair{len, max};
  const auto dash = op.find('-');
  const auto n = parse_small_uint(op.substr(0, dash), 255);
  if (!n) return std::nullopt;
  unsigned m = *n;
  if (dash != std::string_view::npos) {
    const auto mm = parse_small_uint(op.substr(dash + 1), 255);
    if (!mm) return std::nullopt;
    m = *mm;
  }
  if (*n < len || m < *n || m > max) return std::nullopt;
  return std::pair{unsigned{*n}, m};
}

// RFC 2622 §5: components are set names of one class or AS numbers; one at least is a set name.
bool is_set_name(std::string_view name, std::string_view prefix) {
  if (name.empty() || name.size() > 255) return false;
  bool have_set = false;
  std::size_t pos = 0;
  while (pos <= name.size()) {
    std::size_t colon = name.find(':', pos);
    if (colon == std::string_view::npos) colon = name.size();
    const std::string_view c = name.substr(pos, colon - pos);
    if (is_set_component(c, prefix)) {
      have_set = true;
    } else if (!parse_rpsl_asn(c)) {
      return false;
    }
    pos = colon + 1;
  }
  return have_set;
}

Error bad(std::string_view source_name, std::uint64_t line, std::string message) {
  return make_error(ErrorCode::kMalformed, std::move(message),
                    fmt::format("{}:{}", source_name, line));
}

void ProblemList::add(std::string_view source_name, std::uint64_t line, std::string_view message) {
  ++count_;
  if (count_ <= kMaxProblemsPerObject) {
    out_.push_back(fmt::format("{}:{}: {}", source_name, line, message));
  }
}

void ProblemList::finish() {
  if (count_ > kMaxProblemsPerObject) {
    out_.push_back(fmt::format("... and {} more problems", count_ - kMaxProblemsPerObject));
  }
}

bool fill_common(const RawAttribute& a, std::string_view lname, std::string& scratch,
                 CommonFields& c) {
  if (lname == "source") {
    c.source = to_upper(attribute_value(a.raw, scratch));
  } else if (lname == "mnt-by") {
    for_each_list_item(attribute_value(a.raw, scratch),
                       [&](std::string_view m) { c.mnt_by.push_back(to_upper(m)); });
  } else if (lname == "member-of") {
    for_each_list_item(attribute_value(a.raw, scratch),
                       [&](std::string_view m) { c.member_of.push_back(to_upper(m)); });
  } else if (lname == "created") {
    c.created = attribute_value(a.raw, scratch);
  } else if (lname == "last-modified") {
    c.last_modified = attribute_value(a.raw, scratch);
  } else if (lname == "admin-c") {
    c.admin_c.emplace_back(attribute_value(a.raw, scratch));
  } else if (lname == "tech-c") {
    c.tech_c.emplace_back(attribute_value(a.raw, scratch));
  } else if (lname == "abuse-c") {
    c.abuse_c = attribute_value(a.raw, scratch);
  } else if (lname == "org") {
    c.org = attribute_value(a.raw, scratch);
  } else {
    return false;
  }
  return true;
}

Status check_class(const RpslObject& obj, std::string_view source_name,
                   std::initializer_list<ObjectClass> want, std::string_view want_text) {
  if (obj.attributes.empty()) {
    return bad(source_name, obj.line,
               fmt::format("object: want {}, have no attributes", want_text));
  }
  for (const auto c : want) {
    if (obj.cls == c) return {};
  }
  return bad(source_name, obj.attributes[0].line,
             fmt::format("class: want {}, have '{}'", want_text, rpsl_excerpt(obj.class_name)));
}

Result<SetMember> parse_member(std::string_view item, bool route_set, bool allow_v6) {
  SetMember m;
  const auto fail = [&](std::string_view want) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("want {}, have '{}'", want, rpsl_excerpt(item)));
  };
  const std::string_view want_any =
      route_set ? "a prefix range, an AS number, or a route-set or as-set name"
                : "an AS number or an as-set name";
  if (item.find('/') != std::string_view::npos) {
    if (!route_set) return fail(want_any);
    auto r = parse_prefix_range(item);
    if (!r) return make_error(ErrorCode::kMalformed, r.error().message);
    if (!allow_v6 && !r->prefix.is_v4()) {
      return fail("an IPv4 prefix range (IPv6 belongs in mp-members)");
    }
    m.kind = SetMember::Kind::kPrefix;
    m.range = *r;
    return m;
  }
  std::string_view name = item;
  if (const auto caret = name.find('^'); caret != std::string_view::npos) {
    if (!route_set) return fail(want_any);
    auto op = check_member_operator(name.substr(caret + 1));
    if (!op) return fail("a range operator ^-, ^+, ^n or ^n-m (n <= m <= 128) after the name");
    m.range_op = std::move(*op);
    name = name.substr(0, caret);
  }
  if (const auto pin = name.find("::"); pin != std::string_view::npos) {
    const std::string_view src = name.substr(0, pin);
    if (src.empty() || src.size() > 64 || !std::all_of(src.begin(), src.end(), name_char)) {
      return fail("SOURCE::NAME with a source of letters, digits, '-' or '_'");
    }
    m.source = to_upper(src);
    name = name.substr(pin + 2);
  }
  if (iequals(name, "AS-ANY")) {
    m.kind = SetMember::Kind::kAsAny;
    m.name = "AS-ANY";
    return m;
  }
  if (iequals(name, "RS-ANY")) {
    if (!route_set) return fail(want_any);
    m.kind = SetMember::Kind::kRsAny;
    m.name = "RS-ANY";
    return m;
  }
  if (auto asn = parse_rpsl_asn(name)) {
    m.kind = SetMember::Kind::kAsn;
    m.asn = *asn;
    return m;
  }
  if (is_set_name(name, "AS-")) {
    m.kind = SetMember::Kind::kAsSet;
    m.name = to_upper(name);
    return m;
  }
  if (route_set && is_set_name(name, "RS-")) {
    m.kind = SetMember::Kind::kRouteSet;
    m.name = to_upper(name);
    return m;
  }
  return fail(want_any);
}

}  // namespace detail

using detail::parse_small_uint;

// ----- PrefixRange ----------------------------------------------------------------------------

std::string PrefixRange::to_rpsl() const {
  std::string out = prefix.to_string();
  const unsigned len = prefix.length();
  const unsigned max = prefix.address().max_len();
  if (min_len == len && max_len == len) return out;
  if (min_len == len && max_len == max) return out + "^+";
  if (min_len == len + 1 && max_len == max) return out + "^-";
  if (min_len == max_len) return fmt::format("{}^{}", out, min_len);
  return fmt::format("{}^{}-{}", out, min_len, max_len);
}

std::optional<PrefixRange> PrefixRange::apply(std::string_view op) const {
  if (op.empty()) return *this;
  if (op.front() == '^') op.remove_prefix(1);
  const unsigned max = prefix.address().max_len();
  // RFC 2622 §2: "rs-foo^+ contains all the inclusive more specifics of all the prefixes in
  // rs-foo". The outer operator applies to every prefix this range holds (lengths min_len ..
  // max_len); the union of the results is computed from the shortest of them:
  //   ^-   -> [min_len + 1, max]      ^+   -> [min_len, max]
  //   ^n   -> [n, n]   if n >= min_len    ^n-m -> [max(n, min_len), m]   if m >= min_len
  // and nothing (nullopt) when no prefix of the range has such more specifics.
  PrefixRange out = *this;
  if (op == "-") {
    if (min_len >= max) return std::nullopt;
    out.min_len = static_cast<std::uint8_t>(min_len + 1);
    out.max_len = static_cast<std::uint8_t>(max);
    return out;
  }
  if (op == "+") {
    out.max_len = static_cast<std::uint8_t>(max);
    return out;
  }
  const auto dash = op.find('-');
  const auto n = parse_small_uint(op.substr(0, dash), 255);
  if (!n) return std::nullopt;
  std::uint32_t m = *n;
  if (dash != std::string_view::npos) {
    const auto mm = parse_small_uint(op.substr(dash + 1), 255);
    if (!mm) return std::nullopt;
    m = *mm;
  }
  if (m < *n || m > max || m < min_len) return std::nullopt;
  out.min_len = static_cast<std::uint8_t>(std::max<std::uint32_t>(*n, min_len));
  out.max_len = static_cast<std::uint8_t>(m);
  return out;
}

Result<PrefixRange> parse_prefix_range(std::string_view text) {
  const auto caret = text.find('^');
  const std::string_view ptext = text.substr(0, caret);
  auto prefix = net::Prefix::parse(ptext);
  if (!prefix || ptext.find('/') == std::string_view::npos) {
    // Say whether the prefix is bad or only has host bits set (rejected like IRRd does).
    if (auto masked = net::Prefix::parse(ptext, true);
        masked && ptext.find('/') != std::string_view::npos) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("prefix: want no host bits set ({}), have '{}'",
                                    masked->to_string(), rpsl_excerpt(ptext)));
    }
    return make_error(ErrorCode::kMalformed,
                      fmt::format("prefix: want an address prefix (address/length), have '{}'",
                                  rpsl_excerpt(ptext)));
  }
  PrefixRange r;
  r.prefix = *prefix;
  r.min_len = static_cast<std::uint8_t>(prefix->length());
  r.max_len = r.min_len;
  if (caret == std::string_view::npos) return r;
  const unsigned max = prefix->address().max_len();
  const auto range = detail::parse_operator_range(text.substr(caret + 1), prefix->length(), max);
  if (!range) {
    return make_error(
        ErrorCode::kMalformed,
        fmt::format("range operator: want ^-, ^+, ^n or ^n-m with {} <= n <= m <= {}, have '{}'",
                    prefix->length(), max, rpsl_excerpt(text.substr(caret))));
  }
  r.min_len = static_cast<std::uint8_t>(range->first);
  r.max_len = static_cast<std::uint8_t>(range->second);
  return r;
}

// ----- set names and members ------------------------------------------------------------------

bool is_as_set_name(std::string_view name) { return detail::is_set_name(name, "AS-"); }
bool is_route_set_name(std::string_view name) { return detail::is_set_name(name, "RS-"); }
bool is_filter_set_name(std::string_view name) { return detail::is_set_name(name, "FLTR-"); }

Result<SetMember> parse_set_member(std::string_view item, bool route_set) {
  auto m = detail::parse_member(item, route_set, true);
  if (!m) return make_error(ErrorCode::kMalformed, "member: " + m.error().message);
  return m;
}

// ----- route / route6 -------------------------------------------------------------------------

Result<RouteObject> parse_route(const RpslObject& obj, std::string_view source_name) {
  using detail::bad;
  MANRS_TRY_VOID(detail::check_class(obj, source_name, {ObjectClass::kRoute, ObjectClass::kRoute6},
                                     "route or route6"));
  const bool v6 = obj.cls == ObjectClass::kRoute6;
  const std::string_view cls = v6 ? "route6" : "route";
  std::string scratch;
  RouteObject r;
  const RawAttribute& key = obj.attributes[0];
  const std::string_view ptext = attribute_value(key.raw, scratch);
  auto prefix = net::Prefix::parse(ptext);
  if (!prefix || ptext.find('/') == std::string_view::npos) {
    auto masked = net::Prefix::parse(ptext, true);
    if (masked && masked->is_v4() != v6 && ptext.find('/') != std::string_view::npos) {
      return bad(source_name, key.line,
                 fmt::format("{}: want a prefix without host bits ({}), have '{}'", cls,
                             masked->to_string(), rpsl_excerpt(ptext)));
    }
    return bad(source_name, key.line,
               fmt::format("{}: want an {} prefix, have '{}'", cls, v6 ? "IPv6" : "IPv4",
                           rpsl_excerpt(ptext)));
  }
  if (prefix->is_v4() == v6) {
    return bad(source_name, key.line,
               fmt::format("{}: want an {} prefix, have '{}'", cls, v6 ? "IPv6" : "IPv4",
                           rpsl_excerpt(ptext)));
  }
  r.prefix = *prefix;
  detail::AttrName lname;
  detail::ProblemList problems(r.problems);
  const RawAttribute* origin = nullptr;
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& a = obj.attributes[i];
    const std::string_view n = lname.set(a.name);
    if (n == "origin") {
      if (origin != nullptr) {
        return bad(source_name, a.line,
                   fmt::format("origin: want one, have a second one (the first is at line {})",
                               origin->line));
      }
      origin = &a;
    } else if (n == "descr") {
      r.descr.emplace_back(attribute_value(a.raw, scratch));
    } else if (n == "holes") {
      for_each_list_item(attribute_value(a.raw, scratch), [&](std::string_view item) {
        auto h = parse_prefix_range(item);
        if (!h) {
          problems.add(source_name, a.line, "holes: " + h.error().message);
        } else if (!h->exact() || h->prefix.is_v4() == v6 || !r.prefix.contains(h->prefix)) {
          problems.add(source_name, a.line,
                       fmt::format("holes: want a prefix inside {} (no range operator), have '{}'",
                                   r.prefix.to_string(), rpsl_excerpt(item)));
        } else {
          r.holes.push_back(*h);
        }
      });
    } else {
      detail::fill_common(a, n, scratch, r.common);
    }
  }
  if (origin == nullptr) {
    return bad(source_name, obj.line, "origin: want an AS number, have no origin attribute");
  }
  const std::string_view otext = attribute_value(origin->raw, scratch);
  const auto asn = detail::parse_rpsl_asn(otext);
  if (!asn) {
    return bad(
        source_name, origin->line,
        fmt::format("origin: want an AS number (AS + digits), have '{}'", rpsl_excerpt(otext)));
  }
  r.origin = *asn;
  problems.finish();
  return r;
}

// ----- as-set / route-set ---------------------------------------------------------------------

namespace {

// Members of one list attribute; bad ones go to `problems`.
void add_members(const RawAttribute& a, std::string_view attr, bool route_set, bool allow_v6,
                 std::string_view source_name, std::string& scratch, std::vector<SetMember>& out,
                 detail::ProblemList& problems) {
  for_each_list_item(attribute_value(a.raw, scratch), [&](std::string_view item) {
    auto m = detail::parse_member(item, route_set, allow_v6);
    if (m) {
      out.push_back(std::move(*m));
    } else {
      problems.add(source_name, a.line, fmt::format("{}: {}", attr, m.error().message));
    }
  });
}

void add_maintainers(const RawAttribute& a, std::string& scratch, std::vector<std::string>& out) {
  for_each_list_item(attribute_value(a.raw, scratch),
                     [&](std::string_view m) { out.push_back(detail::to_upper(m)); });
}

}  // namespace

Result<AsSetObject> parse_as_set(const RpslObject& obj, std::string_view source_name) {
  MANRS_TRY_VOID(detail::check_class(obj, source_name, {ObjectClass::kAsSet}, "as-set"));
  std::string scratch;
  AsSetObject s;
  const std::string_view name = attribute_value(obj.attributes[0].raw, scratch);
  if (!is_as_set_name(name)) {
    return detail::bad(source_name, obj.attributes[0].line,
                       fmt::format("as-set: want an as-set name (AS-..., or hierarchical like "
                                   "AS64500:AS-FOO), have '{}'",
                                   rpsl_excerpt(name)));
  }
  s.name = detail::to_upper(name);
  detail::AttrName lname;
  detail::ProblemList problems(s.problems);
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& a = obj.attributes[i];
    const std::string_view n = lname.set(a.name);
    if (n == "members") {
      add_members(a, "members", false, false, source_name, scratch, s.members, problems);
    } else if (n == "mbrs-by-ref") {
      add_maintainers(a, scratch, s.mbrs_by_ref);
    } else {
      detail::fill_common(a, n, scratch, s.common);
    }
  }
  problems.finish();
  return s;
}

Result<RouteSetObject> parse_route_set(const RpslObject& obj, std::string_view source_name) {
  MANRS_TRY_VOID(detail::check_class(obj, source_name, {ObjectClass::kRouteSet}, "route-set"));
  std::string scratch;
  RouteSetObject s;
  const std::string_view name = attribute_value(obj.attributes[0].raw, scratch);
  if (!is_route_set_name(name)) {
    return detail::bad(source_name, obj.attributes[0].line,
                       fmt::format("route-set: want a route-set name (RS-..., or hierarchical like "
                                   "AS64500:RS-FOO), have '{}'",
                                   rpsl_excerpt(name)));
  }
  s.name = detail::to_upper(name);
  detail::AttrName lname;
  detail::ProblemList problems(s.problems);
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& a = obj.attributes[i];
    const std::string_view n = lname.set(a.name);
    if (n == "members") {
      add_members(a, "members", true, false, source_name, scratch, s.members, problems);
    } else if (n == "mp-members") {
      add_members(a, "mp-members", true, true, source_name, scratch, s.mp_members, problems);
    } else if (n == "mbrs-by-ref") {
      add_maintainers(a, scratch, s.mbrs_by_ref);
    } else {
      detail::fill_common(a, n, scratch, s.common);
    }
  }
  problems.finish();
  return s;
}

}  // namespace manrs::irr
