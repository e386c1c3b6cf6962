// rpki/slurm.cpp — RFC 8416 SLURM files (and the ASPA members of slurmVersion 2): parsing with
// nlohmann_json behind a size and a nesting guard. Merging several files (the RFC 8416 §4.2
// overlap check) and applying them to a VrpSet are in slurm_merge.cpp. docs/slurm.md explains
// every decision.
#include "manrs/rpki/slurm.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <memory>
#include <new>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "manrs/core/byte_reader.h"
#include "manrs/net/prefix_trie.h"

namespace manrs::rpki {
namespace {

using Json = nlohmann::json;
using Ski = std::array<std::uint8_t, 20>;

// Largest SLURM file read, in bytes. Real files hold a handful of local exceptions (kilobytes);
// 64 MiB leaves room for generated ones (about a million entries) and bounds the JSON DOM.
constexpr std::size_t kMaxSlurmBytes = std::size_t{64} * 1024 * 1024;
// Deepest nesting of arrays and objects. A SLURM file nests 4 levels; a scan checks this before
// nlohmann's parser runs, so hostile nesting cannot exhaust the stack of any recursive code.
constexpr std::size_t kMaxSlurmDepth = 64;
// Largest routerPublicKey, decoded bytes (a P-256 SubjectPublicKeyInfo, RFC 8208, has 91).
constexpr std::size_t kMaxRouterKeyBytes = 4096;
// Longest string quoted in an error message, in bytes; longer ones are cut.
constexpr std::size_t kMaxQuoted = 64;
// Longest JSON parser message kept in an error, in bytes.
constexpr std::size_t kMaxParserMessage = 200;

constexpr std::string_view kRfcFile = "RFC 8416 §3.2";
constexpr std::string_view kRfcPrefixFilter = "RFC 8416 §3.3.1";
constexpr std::string_view kRfcBgpsecFilter = "RFC 8416 §3.3.2";
constexpr std::string_view kRfcPrefixAssertion = "RFC 8416 §3.4.1";
constexpr std::string_view kRfcBgpsecAssertion = "RFC 8416 §3.4.2";
constexpr std::string_view kAspaRef = "draft-ietf-sidrops-aspa-slurm";

// The spellings of the ASPA members: StayRTR, draft-ietf-sidrops-aspa-slurm (-00 and later
// revisions) and draft-maditimbru-sidrops-rfc8416-bis ("providers").
constexpr std::array<std::string_view, 4> kCustomerNames = {"customer_asid", "customerAsid",
                                                            "customerASID", "customerAsn"};
constexpr std::array<std::string_view, 5> kProviderNames = {
    "provider_set", "providerSet", "providerAsids", "providerAsns", "providers"};

using Names = std::span<const std::string_view>;
Names names_of(std::initializer_list<std::string_view> names) {
  return {names.begin(), names.size()};
}

// ----- text helpers for error messages --------------------------------------------------------

// `s` (valid UTF-8: the JSON parser checked it) in double quotes, control characters escaped,
// cut after kMaxQuoted bytes on a character boundary.
std::string quote(std::string_view s) {
  std::size_t n = std::min(s.size(), kMaxQuoted);
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0U) == 0x80U) {
    --n;
  }
  std::string out = "\"";
  for (char c : s.substr(0, n)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20U || u == 0x7FU) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
  if (n < s.size()) {
    out += fmt::format("... ({} bytes)", s.size());
  }
  return out;
}

// A JSON value as an error message shows it: scalars as written, containers by their size.
std::string describe(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case Json::value_t::string:
      return quote(v.get_ref<const std::string&>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return v.dump();
    case Json::value_t::number_float:
      // 1e400 parses as infinity, which dump() would print as null.
      return std::isfinite(v.get<double>()) ? v.dump() : "a number out of range";
    case Json::value_t::array:
      return fmt::format("an array of {} element{}", v.size(), v.size() == 1 ? "" : "s");
    case Json::value_t::object:
      return fmt::format("an object of {} member{}", v.size(), v.size() == 1 ? "" : "s");
    default:
      return "a value JSON text cannot hold";
  }
}

// Keeps printable ASCII of a parser message, escapes other bytes, cuts it to kMaxParserMessage.
std::string sanitize(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, kMaxParserMessage)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20U && u < 0x7FU) {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", u);
    }
  }
  if (s.size() > kMaxParserMessage) {
    out += "...";
  }
  return out;
}

bool plain_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxQuoted &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
         });
}

// JSON paths as errors show them: validationOutputFilters.prefixFilters[2].prefix.
std::string member_path(std::string_view parent, std::string_view name) {
  if (!plain_name(name)) {
    return fmt::format("{}[{}]", parent, quote(name));
  }
  return parent.empty() ? std::string(name) : fmt::format("{}.{}", parent, name);
}

std::string index_path(std::string_view parent, std::size_t i) {
  return fmt::format("{}[{}]", parent, i);
}

std::string join(Names names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) {
      out += ", ";
    }
    out += n;
  }
  return out;
}

// ----- JSON text guards -----------------------------------------------------------------------

// Offset of the first '[' or '{' (outside strings) that nests deeper than kMaxSlurmDepth, or
// npos. Does not validate anything else: the parser does that afterwards.
std::size_t too_deep(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxSlurmDepth) {
        return i;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// A SAX pass over the text before the DOM is built: checks the syntax (keeping the parser's
// message) and notices the first member name that appears twice in one object. The DOM would
// silently keep the last one; RFC 8259 §4 says names SHOULD be unique, and a hidden second
// "prefix" changes what a filter removes. (nlohmann's parser callbacks could do this while
// building the DOM, but their end_object() rescans the parent container: quadratic.)
class SyntaxCheck final : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return element(); }
  bool boolean(bool /*v*/) override { return element(); }
  bool number_integer(number_integer_t /*v*/) override { return element(); }
  bool number_unsigned(number_unsigned_t /*v*/) override { return element(); }
  bool number_float(number_float_t /*v*/, const string_t& /*s*/) override { return element(); }
  bool string(string_t& /*v*/) override { return element(); }
  bool binary(binary_t& /*v*/) override { return element(); }
  bool start_object(std::size_t /*n*/) override { return open(false); }
  bool start_array(std::size_t /*n*/) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    if (!frames_.empty()) {
      Frame& f = frames_.back();
      f.key = name;
      if (!f.names.insert(name).second && duplicate_.empty()) {
        duplicate_ = path();
      }
    }
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& e) override {
    std::string_view what = e.what();
    if (auto end = what.find("] "); end != std::string_view::npos) {
      what.remove_prefix(end + 2);  // "[json.exception.parse_error.101] "
    }
    error_ = sanitize(what);
    return false;
  }

  // The parser's message ("parse error at line 1, column 5: ..."), or "".
  [[nodiscard]] const std::string& error() const { return error_; }
  // Path of the first duplicate member name, or "".
  [[nodiscard]] const std::string& duplicate() const { return duplicate_; }

 private:
  struct Frame {
    bool array = false;
    std::size_t count = 0;  // elements started so far (arrays)
    std::string key;        // the member being read (objects)
    std::set<std::string> names;
  };

  bool element() {
    if (!frames_.empty() && frames_.back().array) {
      ++frames_.back().count;
    }
    return true;
  }
  bool open(bool array) {
    element();
    frames_.push_back(Frame{array, 0, {}, {}});
    return true;
  }
  bool close() {
    if (!frames_.empty()) {
      frames_.pop_back();
    }
    return true;
  }

  [[nodiscard]] std::string path() const {
    std::string out;
    for (const Frame& f : frames_) {
      out = f.array ? index_path(out, f.count == 0 ? 0 : f.count - 1) : member_path(out, f.key);
    }
    return out;
  }

  std::vector<Frame> frames_;
  std::string duplicate_;
  std::string error_;
};

// ----- base64 and DER -------------------------------------------------------------------------

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  if (c == '+' || c == '-') {
    return 62;
  }
  if (c == '/' || c == '_') {
    return 63;
  }
  return -1;
}

// Decodes base64url (RFC 4648 §5, what RFC 8416 asks for) or standard base64 (§4, what StayRTR
// and its sample files use); '=' padding is optional but, when present, must be complete.
std::optional<std::vector<std::uint8_t>> decode_base64(std::string_view s) {
  std::size_t pad = 0;
  while (!s.empty() && s.back() == '=' && pad < 2) {
    s.remove_suffix(1);
    ++pad;
  }
  if ((pad > 0 && (s.size() + pad) % 4 != 0) || s.size() % 4 == 1) {
    return std::nullopt;
  }
  std::vector<std::uint8_t> out;
  out.reserve(s.size() / 4 * 3 + 2);
  std::uint32_t acc = 0;
  unsigned bits = 0;
  for (char c : s) {
    const int v = sextet(c);
    if (v < 0) {
      return std::nullopt;
    }
    acc = (acc << 6U) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFFU));
      acc &= (1U << bits) - 1U;
    }
  }
  return out;
}

// True if `der` is exactly one DER SEQUENCE (tag 0x30, definite length = the rest): the outer
// shape of a SubjectPublicKeyInfo. The algorithm and key inside are the router's business.
bool is_der_sequence(const std::vector<std::uint8_t>& der) {
  core::ByteReader r(std::as_bytes(std::span(der.data(), der.size())));
  if (!r.can_read(2) || r.get_u8() != 0x30U) {
    return false;
  }
  std::size_t len = r.get_u8();
  if (len >= 0x80U) {
    const std::size_t octets = len & 0x7FU;
    if (octets == 0 || octets > 2 || !r.can_read(octets)) {
      return false;
    }
    len = 0;
    for (std::size_t i = 0; i < octets; ++i) {
      len = (len << 8U) | r.get_u8();
    }
  }
  return r.remaining() == len;
}

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// ----- the document walker --------------------------------------------------------------------

// A member found under one of its spellings.
struct Member {
  const Json* value = nullptr;
  std::string path;
};

class SlurmParser {
 public:
  explicit SlurmParser(std::string_view source) : source_(source) {}

  Result<Slurm> parse(const Json& root) {
    if (!root.is_object()) {
      return error(ErrorCode::kMalformed, "", fmt::format("a JSON object ({})", kRfcFile),
                   describe(root));
    }
    MANRS_TRY_VOID(read_version(root));
    MANRS_TRY_VOID(only(
        root, "", {"slurmVersion", "validationOutputFilters", "locallyAddedAssertions"}, kRfcFile));
    Slurm out;
    out.sources.emplace_back(source_);
    MANRS_TRY(Member filters, find(root, "", {"validationOutputFilters"}));
    if (filters.value != nullptr) {
      MANRS_TRY_VOID(read_filters(*filters.value, filters.path, out));
    }
    MANRS_TRY(Member assertions, find(root, "", {"locallyAddedAssertions"}));
    if (assertions.value != nullptr) {
      MANRS_TRY_VOID(read_assertions(*assertions.value, assertions.path, out));
    }
    return out;
  }

 private:
  [[nodiscard]] Error error(ErrorCode code, std::string_view path, std::string_view want,
                            std::string_view have) const {
    return make_error(
        code, fmt::format("{}: want {}, have {}", path.empty() ? "top level" : path, want, have),
        source_);
  }

  // The member of `obj` spelled as one of `names`; an error when two spellings are present.
  Result<Member> find(const Json& obj, std::string_view path,
                      std::initializer_list<std::string_view> names) const {
    return find(obj, path, names_of(names));
  }
  Result<Member> find(const Json& obj, std::string_view path, Names names) const {
    Member m;
    std::string_view first;
    for (auto name : names) {
      auto it = obj.find(std::string(name));
      if (it == obj.end()) {
        continue;
      }
      if (m.value != nullptr) {
        return error(ErrorCode::kMalformed, member_path(path, name),
                     fmt::format("one of {}", join(names)), fmt::format("{} as well", first));
      }
      m.value = &*it;
      m.path = member_path(path, name);
      first = name;
    }
    return m;
  }

  // RFC 8416 §3.1: members not defined MUST NOT be used; an RP MUST treat deviations as errors.
  Status only(const Json& obj, std::string_view path,
              std::initializer_list<std::string_view> allowed, std::string_view ref) const {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        return error(ErrorCode::kPolicy, member_path(path, key),
                     fmt::format("one of {} ({})", join(names_of(allowed)), ref),
                     "an unknown member");
      }
    }
    return {};
  }

  // A required member: an error naming the member when it is absent.
  Result<Member> require(const Json& obj, std::string_view path,
                         std::initializer_list<std::string_view> names, std::string_view what,
                         std::string_view ref) const {
    return require(obj, path, names_of(names), what, ref);
  }
  Result<Member> require(const Json& obj, std::string_view path, Names names, std::string_view what,
                         std::string_view ref) const {
    MANRS_TRY(Member m, find(obj, path, names));
    if (m.value == nullptr) {
      return error(ErrorCode::kPolicy, member_path(path, names.front()),
                   fmt::format("{} (required by {})", what, ref), "no such member");
    }
    return m;
  }

  Status read_version(const Json& root) {
    auto it = root.find("slurmVersion");
    const std::string want = fmt::format("1 ({}) or 2 ({})", kRfcFile, kAspaRef);
    if (it == root.end()) {
      return error(ErrorCode::kMalformed, "slurmVersion", want, "no such member");
    }
    if (!it->is_number_unsigned()) {
      return error(ErrorCode::kMalformed, "slurmVersion", want, describe(*it));
    }
    const auto v = it->get<std::uint64_t>();
    if (v != 1 && v != 2) {
      return error(ErrorCode::kUnsupported, "slurmVersion", want, describe(*it));
    }
    version_ = static_cast<unsigned>(v);
    return {};
  }

  // ASPA members need slurmVersion 2 (RFC 8416 §3.1: additions MUST increment the version).
  Status aspa_needs_v2(const Json& obj, std::string_view path, std::string_view name) const {
    if (version_ == 1 && obj.contains(std::string(name))) {
      return error(ErrorCode::kPolicy, member_path(path, name),
                   fmt::format("slurmVersion 2 for ASPA members ({})", kAspaRef), "slurmVersion 1");
    }
    return {};
  }

  Status object(const Json& v, std::string_view path, std::string_view ref) const {
    if (!v.is_object()) {
      return error(ErrorCode::kMalformed, path, fmt::format("an object ({})", ref), describe(v));
    }
    return {};
  }

  // Each element of the array `name` of `obj`, parsed by `entry`, goes to `add`. An absent
  // array is empty (as StayRTR reads it; RFC 8416 §3.2 requires every array).
  template <typename Entry, typename Add>
  Status each(const Json& obj, std::string_view path, std::string_view name, std::string_view ref,
              Result<Entry> (SlurmParser::*entry)(const Json&, const std::string&) const,
              Add add) const {
    auto it = obj.find(std::string(name));
    if (it == obj.end()) {
      return {};
    }
    const std::string base = member_path(path, name);
    if (!it->is_array()) {
      return error(ErrorCode::kMalformed, base, fmt::format("an array ({})", ref), describe(*it));
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      MANRS_TRY(Entry e, (this->*entry)((*it)[i], index_path(base, i)));
      add(std::move(e));
    }
    return {};
  }

  Status read_filters(const Json& v, const std::string& path, Slurm& out) const {
    MANRS_TRY_VOID(object(v, path, "RFC 8416 §3.3"));
    MANRS_TRY_VOID(aspa_needs_v2(v, path, "aspaFilters"));
    MANRS_TRY_VOID(
        only(v, path, {"prefixFilters", "bgpsecFilters", "aspaFilters"}, "RFC 8416 §3.3"));
    MANRS_TRY_VOID(each(v, path, "prefixFilters", kRfcPrefixFilter, &SlurmParser::prefix_filter,
                        [&](PrefixFilter f) { out.prefix_filters.push_back(std::move(f)); }));
    MANRS_TRY_VOID(each(v, path, "bgpsecFilters", kRfcBgpsecFilter, &SlurmParser::bgpsec_filter,
                        [&](BgpsecFilter f) { out.bgpsec_filters.push_back(std::move(f)); }));
    return each(v, path, "aspaFilters", kAspaRef, &SlurmParser::aspa_filter,
                [&](AspaFilter f) { out.aspa_filters.push_back(std::move(f)); });
  }

  Status read_assertions(const Json& v, const std::string& path, Slurm& out) const {
    MANRS_TRY_VOID(object(v, path, "RFC 8416 §3.4"));
    MANRS_TRY_VOID(aspa_needs_v2(v, path, "aspaAssertions"));
    MANRS_TRY_VOID(
        only(v, path, {"prefixAssertions", "bgpsecAssertions", "aspaAssertions"}, "RFC 8416 §3.4"));
    MANRS_TRY_VOID(each(v, path, "prefixAssertions", kRfcPrefixAssertion,
                        &SlurmParser::prefix_assertion,
                        [&](PrefixAssertion a) { out.prefix_assertions.push_back(std::move(a)); }));
    MANRS_TRY_VOID(each(v, path, "bgpsecAssertions", kRfcBgpsecAssertion,
                        &SlurmParser::bgpsec_assertion,
                        [&](BgpsecAssertion a) { out.bgpsec_assertions.push_back(std::move(a)); }));
    // Per-family entries of one customer (StayRTR's "afi") become one assertion: the current
    // ASPA profile has no address family, so their provider sets are united.
    std::unordered_map<net::Asn, std::size_t> by_customer;
    auto& all = out.aspa_assertions;
    return each(
        v, path, "aspaAssertions", kAspaRef, &SlurmParser::aspa_assertion, [&](AspaAssertion a) {
          auto [it, added] = by_customer.try_emplace(a.customer, all.size());
          if (added) {
            all.push_back(std::move(a));
            return;
          }
          AspaAssertion& same = all[it->second];
          same.providers.insert(same.providers.end(), a.providers.begin(), a.providers.end());
          std::sort(same.providers.begin(), same.providers.end());
          same.providers.erase(std::unique(same.providers.begin(), same.providers.end()),
                               same.providers.end());
          if (!a.comment.empty() && a.comment != same.comment) {
            same.comment = same.comment.empty() ? a.comment : same.comment + "; " + a.comment;
          }
        });
  }

  // ----- entries --------------------------------------------------------------------------------

  Result<PrefixFilter> prefix_filter(const Json& v, const std::string& path) const {
    MANRS_TRY_VOID(object(v, path, kRfcPrefixFilter));
    MANRS_TRY_VOID(only(v, path, {"prefix", "asn", "comment"}, kRfcPrefixFilter));
    PrefixFilter f;
    MANRS_TRY(Member prefix, find(v, path, {"prefix"}));
    if (prefix.value != nullptr) {
      MANRS_TRY(f.prefix, prefix_value(*prefix.value, prefix.path));
    }
    MANRS_TRY(Member asn, find(v, path, {"asn"}));
    if (asn.value != nullptr) {
      MANRS_TRY(f.asn, asn_value(*asn.value, asn.path));
    }
    MANRS_TRY(f.comment, comment(v, path));
    if (!f.prefix && !f.asn) {
      return error(ErrorCode::kPolicy, path,
                   fmt::format("a prefix, an asn or both ({})", kRfcPrefixFilter), "neither");
    }
    return f;
  }

  Result<BgpsecFilter> bgpsec_filter(const Json& v, const std::string& path) const {
    MANRS_TRY_VOID(object(v, path, kRfcBgpsecFilter));
    MANRS_TRY_VOID(only(v, path, {"asn", "SKI", "comment"}, kRfcBgpsecFilter));
    BgpsecFilter f;
    MANRS_TRY(Member asn, find(v, path, {"asn"}));
    if (asn.value != nullptr) {
      MANRS_TRY(f.asn, asn_value(*asn.value, asn.path));
    }
    MANRS_TRY(Member ski, find(v, path, {"SKI"}));
    if (ski.value != nullptr) {
      MANRS_TRY(f.ski, ski_value(*ski.value, ski.path));
    }
    MANRS_TRY(f.comment, comment(v, path));
    if (!f.asn && !f.ski) {
      return error(ErrorCode::kPolicy, path,
                   fmt::format("an asn, an SKI or both ({})", kRfcBgpsecFilter), "neither");
    }
    return f;
  }

  Result<AspaFilter> aspa_filter(const Json& v, const std::string& path) const {
    MANRS_TRY_VOID(object(v, path, kAspaRef));
    MANRS_TRY(Member providers, find(v, path, kProviderNames));
    if (providers.value != nullptr) {
      return error(ErrorCode::kUnsupported, providers.path,
                   fmt::format("a filter by customer AS only ({}; provider filters of "
                               "draft-maditimbru-sidrops-rfc8416-bis are not supported)",
                               kAspaRef),
                   describe(*providers.value));
    }
    MANRS_TRY_VOID(only(
        v, path, {"customer_asid", "customerAsid", "customerASID", "customerAsn", "afi", "comment"},
        kAspaRef));
    AspaFilter f;
    MANRS_TRY(Member customer, require(v, path, kCustomerNames, "the customer AS", kAspaRef));
    MANRS_TRY(f.customer, asn_value(*customer.value, customer.path));
    MANRS_TRY_VOID(afi(v, path));
    MANRS_TRY(f.comment, comment(v, path));
    return f;
  }

  Result<PrefixAssertion> prefix_assertion(const Json& v, const std::string& path) const {
    MANRS_TRY_VOID(object(v, path, kRfcPrefixAssertion));
    MANRS_TRY_VOID(
        only(v, path, {"prefix", "asn", "maxPrefixLength", "comment"}, kRfcPrefixAssertion));
    PrefixAssertion a;
    MANRS_TRY(Member prefix, require(v, path, {"prefix"}, "an IP prefix", kRfcPrefixAssertion));
    MANRS_TRY(a.prefix, prefix_value(*prefix.value, prefix.path));
    MANRS_TRY(Member asn, require(v, path, {"asn"}, "an AS number", kRfcPrefixAssertion));
    MANRS_TRY(a.asn, asn_value(*asn.value, asn.path));
    a.max_length = static_cast<std::uint8_t>(a.prefix.length());
    MANRS_TRY(Member max_length, find(v, path, {"maxPrefixLength"}));
    if (max_length.value != nullptr) {
      MANRS_TRY(a.max_length, max_length_value(*max_length.value, max_length.path, a.prefix));
    }
    MANRS_TRY(a.comment, comment(v, path));
    return a;
  }

  Result<BgpsecAssertion> bgpsec_assertion(const Json& v, const std::string& path) const {
    MANRS_TRY_VOID(object(v, path, kRfcBgpsecAssertion));
    MANRS_TRY_VOID(
        only(v, path, {"asn", "SKI", "routerPublicKey", "comment"}, kRfcBgpsecAssertion));
    BgpsecAssertion a;
    MANRS_TRY(Member asn, require(v, path, {"asn"}, "an AS number", kRfcBgpsecAssertion));
    MANRS_TRY(a.asn, asn_value(*asn.value, asn.path));
    MANRS_TRY(Member ski,
              require(v, path, {"SKI"}, "a Subject Key Identifier", kRfcBgpsecAssertion));
    MANRS_TRY(a.ski, ski_value(*ski.value, ski.path));
    MANRS_TRY(Member key, require(v, path, {"routerPublicKey"}, "the router's public key",
                                  kRfcBgpsecAssertion));
    MANRS_TRY(a.spki, spki_value(*key.value, key.path));
    MANRS_TRY(a.comment, comment(v, path));
    return a;
  }

  Result<AspaAssertion> aspa_assertion(const Json& v, const std::string& path) const {
    MANRS_TRY_VOID(object(v, path, kAspaRef));
    MANRS_TRY_VOID(
        only(v, path,
             {"customer_asid", "customerAsid", "customerASID", "customerAsn", "provider_set",
              "providerSet", "providerAsids", "providerAsns", "providers", "afi", "comment"},
             kAspaRef));
    AspaAssertion a;
    MANRS_TRY(Member customer, require(v, path, kCustomerNames, "the customer AS", kAspaRef));
    MANRS_TRY(a.customer, asn_value(*customer.value, customer.path));
    MANRS_TRY(Member providers, require(v, path, kProviderNames, "the provider ASes", kAspaRef));
    const Json& list = *providers.value;
    if (!list.is_array() || list.empty()) {
      return error(ErrorCode::kMalformed, providers.path,
                   fmt::format("an array of at least one provider AS ({})", kAspaRef),
                   describe(list));
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string p = index_path(providers.path, i);
      MANRS_TRY(net::Asn provider, asn_value(list[i], p));
      if (provider == a.customer) {
        // ASPA profile §3: the customer MUST NOT be among its own providers.
        return error(ErrorCode::kPolicy, p,
                     fmt::format("an AS other than the customer AS{} ({})", a.customer, kAspaRef),
                     describe(list[i]));
      }
      a.providers.push_back(provider);
    }
    std::sort(a.providers.begin(), a.providers.end());
    a.providers.erase(std::unique(a.providers.begin(), a.providers.end()), a.providers.end());
    MANRS_TRY_VOID(afi(v, path));
    MANRS_TRY(a.comment, comment(v, path));
    return a;
  }

  // ----- values ---------------------------------------------------------------------------------

  // RFC 8416 says a number; "64496", "AS64496" (and asdot) are accepted as net::parse_asn reads.
  Result<net::Asn> asn_value(const Json& v, std::string_view path) const {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() <= 0xFFFFFFFFULL) {
      return static_cast<net::Asn>(v.get<std::uint64_t>());
    }
    if (v.is_string()) {
      auto asn = net::parse_asn(v.get_ref<const std::string&>());
      if (asn) {
        return *asn;
      }
    }
    return error(ErrorCode::kMalformed, path,
                 "an AS number (0..4294967295, \"64496\" or \"AS64496\")", describe(v));
  }

  Result<net::Prefix> prefix_value(const Json& v, std::string_view path) const {
    constexpr std::string_view kWant =
        "an IP prefix (RFC 4632 or RFC 5952, e.g. \"192.0.2.0/24\" or \"2001:db8::/32\")";
    if (!v.is_string()) {
      return error(ErrorCode::kMalformed, path, kWant, describe(v));
    }
    const auto& text = v.get_ref<const std::string&>();
    if (text.find('/') == std::string::npos) {
      return error(ErrorCode::kMalformed, path, "an IP prefix with a length (\"192.0.2.0/24\")",
                   quote(text));
    }
    auto prefix = net::Prefix::parse(text);
    if (prefix) {
      return *prefix;
    }
    if (net::Prefix::parse(text, /*allow_host_bits=*/true)) {
      return error(ErrorCode::kPolicy, path, "an IP prefix without host bits", quote(text));
    }
    return error(ErrorCode::kMalformed, path, kWant, quote(text));
  }

  Result<std::uint8_t> max_length_value(const Json& v, std::string_view path,
                                        const net::Prefix& prefix) const {
    if (!v.is_number_unsigned()) {
      return error(ErrorCode::kMalformed, path,
                   fmt::format("a prefix length (a number, {})", kRfcPrefixAssertion), describe(v));
    }
    const auto n =
        static_cast<unsigned>(std::min<std::uint64_t>(v.get<std::uint64_t>(), 0xFFFFFFFFU));
    auto ok = check_vrp(prefix, n);
    if (!ok) {
      // check_vrp says "maxLength: want 24..32 for 192.0.2.0/24, have 16": name our field and
      // show the number as written (it may be above what `n` holds).
      std::string_view msg = ok.error().message;
      if (auto colon = msg.find(": "); colon != std::string_view::npos) {
        msg.remove_prefix(colon + 2);
      }
      msg = msg.substr(0, msg.rfind(", have "));
      return make_error(ok.error().code, fmt::format("{}: {}, have {}", path, msg, describe(v)),
                        source_);
    }
    return static_cast<std::uint8_t>(n);
  }

  // RFC 8416 §3.3.2: base64url of the SKI, which RFC 6487 §4.8.2 makes a 20-byte SHA-1 hash.
  Result<std::array<std::uint8_t, 20>> ski_value(const Json& v, std::string_view path) const {
    constexpr std::string_view kWant =
        "base64url (RFC 4648 §5) of a 20-byte Subject Key Identifier (RFC 6487 §4.8.2)";
    if (!v.is_string()) {
      return error(ErrorCode::kMalformed, path, kWant, describe(v));
    }
    const auto& text = v.get_ref<const std::string&>();
    auto bytes = decode_base64(text);
    if (!bytes) {
      return error(ErrorCode::kMalformed, path, kWant, quote(text));
    }
    std::array<std::uint8_t, 20> ski{};
    if (bytes->size() != ski.size()) {
      if (text.size() == 40 && all_hex(text)) {
        return error(ErrorCode::kMalformed, path, kWant,
                     fmt::format("40 hex digits {}", quote(text)));
      }
      return error(ErrorCode::kPolicy, path, kWant,
                   fmt::format("{} bytes ({})", bytes->size(), quote(text)));
    }
    std::copy(bytes->begin(), bytes->end(), ski.begin());
    return ski;
  }

  // RFC 8416 §3.4.2: base64url of the DER SubjectPublicKeyInfo (RFC 8208 §3.1).
  Result<std::vector<std::uint8_t>> spki_value(const Json& v, std::string_view path) const {
    constexpr std::string_view kWant =
        "base64url (RFC 4648 §5) of a DER SubjectPublicKeyInfo (RFC 8208 §3.1)";
    if (!v.is_string()) {
      return error(ErrorCode::kMalformed, path, kWant, describe(v));
    }
    const auto& text = v.get_ref<const std::string&>();
    if (text.size() > (kMaxRouterKeyBytes / 3 + 1) * 4) {
      return error(ErrorCode::kLimitExceeded, path,
                   fmt::format("a key of at most {} bytes", kMaxRouterKeyBytes),
                   fmt::format("{} base64 characters", text.size()));
    }
    auto bytes = decode_base64(text);
    if (!bytes) {
      return error(ErrorCode::kMalformed, path, kWant, quote(text));
    }
    if (!is_der_sequence(*bytes)) {
      return error(ErrorCode::kPolicy, path, kWant,
                   fmt::format("{} bytes that are not one DER SEQUENCE", bytes->size()));
    }
    return std::move(*bytes);
  }

  Result<std::string> comment(const Json& obj, std::string_view path) const {
    auto it = obj.find("comment");
    if (it == obj.end()) {
      return std::string();
    }
    if (!it->is_string()) {
      return error(ErrorCode::kMalformed, member_path(path, "comment"), "a string", describe(*it));
    }
    return it->get<std::string>();
  }

  // StayRTR's "afi": checked, then ignored (the current ASPA profile has no address family).
  Status afi(const Json& obj, std::string_view path) const {
    auto it = obj.find("afi");
    if (it == obj.end()) {
      return {};
    }
    if (it->is_string()) {
      std::string s = it->get<std::string>();
      std::transform(s.begin(), s.end(), s.begin(),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
      if (s == "ipv4" || s == "ipv6") {
        return {};
      }
    }
    return error(ErrorCode::kMalformed, member_path(path, "afi"), "\"ipv4\" or \"ipv6\"",
                 describe(*it));
  }

  std::string source_;
  unsigned version_ = 0;
};

}  // namespace

// ----- public API -----------------------------------------------------------------------------

Result<Slurm> parse_slurm(std::string_view json, std::string_view source) {
  const std::string src(source);
  if (json.size() > kMaxSlurmBytes) {
    return make_error(
        ErrorCode::kLimitExceeded,
        fmt::format("file size: want at most {} bytes, have {}", kMaxSlurmBytes, json.size()), src);
  }
  if (auto deep = too_deep(json); deep != std::string_view::npos) {
    return make_error(ErrorCode::kLimitExceeded,
                      fmt::format("JSON nesting: want at most {} levels of arrays and objects, "
                                  "have more",
                                  kMaxSlurmDepth),
                      fmt::format("{}@{}", src, deep));
  }
  try {
    SyntaxCheck check;
    const bool ok = Json::sax_parse(json.begin(), json.end(), &check);
    if (!ok || !check.error().empty()) {
      return make_error(ErrorCode::kMalformed, fmt::format("JSON (RFC 8259): {}", check.error()),
                        src);
    }
    if (!check.duplicate().empty()) {
      return make_error(
          ErrorCode::kMalformed,
          fmt::format("{}: want each member once (RFC 8259 §4), have it twice", check.duplicate()),
          src);
    }
    const Json root = Json::parse(json.begin(), json.end());
    return SlurmParser(source).parse(root);
  } catch (const Json::exception& e) {
    return make_error(ErrorCode::kMalformed, fmt::format("JSON (RFC 8259): {}", sanitize(e.what())),
                      src);
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::kLimitExceeded, "JSON: want a document that fits in memory", src);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::kInternal, fmt::format("JSON: {}", sanitize(e.what())), src);
  } catch (...) {
    return make_error(ErrorCode::kInternal, "JSON: unknown exception", src);
  }
}

Result<Slurm> read_slurm(std::string_view path) {
  const std::string name(path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(name.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    return make_error(ErrorCode::kIo, fmt::format("open: {}", std::strerror(errno)), name);
  }
  std::string text;
  char buf[65536];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof(buf), file.get());
    text.append(buf, n);
    if (text.size() > kMaxSlurmBytes) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("file size: want at most {} bytes, have more", kMaxSlurmBytes),
                        name);
    }
    if (n < sizeof(buf)) {
      break;
    }
  }
  if (std::ferror(file.get()) != 0) {
    return make_error(ErrorCode::kIo, fmt::format("read: {}", std::strerror(errno)), name);
  }
  return parse_slurm(text, name);
}

}  // namespace manrs::rpki
