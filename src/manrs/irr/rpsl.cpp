// irr/rpsl.cpp — the RPSL scanner: line classification, the streaming reader and value cleaning.
//
// One LineScanner turns lines into objects for both RpslReader (streaming, over a reused buffer)
// and parse_rpsl_object (one object in memory). The reader keeps at most one object plus the
// read-ahead in its buffer; an object that grows beyond max_object_bytes is dropped and the rest
// of its paragraph is skipped as it streams by. See docs/rpsl.md for the format decisions.
#include "manrs/irr/rpsl.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace manrs::irr {
namespace {

constexpr std::array<std::string_view, kObjectClasses> kClassNames = {
    "other",    "as-block", "as-set", "aut-num",  "domain",    "filter-set",   "inet-rtr",
    "inet6num", "inetnum",  "irt",    "key-cert", "mntner",    "organisation", "peering-set",
    "person",   "role",     "route",  "route6",   "route-set", "rtr-set"};

// Characters of an attribute name (RFC 2622 §2: letters, digits, '-' and '_').
constexpr std::array<bool, 256> make_name_table() {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
  t['-'] = true;
  t['_'] = true;
  return t;
}
constexpr std::array<bool, 256> kNameChar = make_name_table();

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::uint32_t line32(std::uint64_t line) {
  return line > std::numeric_limits<std::uint32_t>::max()
             ? std::numeric_limits<std::uint32_t>::max()
             : static_cast<std::uint32_t>(line);
}

std::string excerpt(std::string_view s) { return rpsl_excerpt(s); }

// Turns lines into objects. Lines are given without their '\n' ([b, e)); `next` is where the
// following line starts (e + 1, or e at the end of the input).
class LineScanner {
 public:
  enum class State : std::uint8_t { kIdle, kObject, kSkip };
  enum class Step : std::uint8_t { kNone, kDone, kProblem };

  explicit LineScanner(RpslObject& obj) : obj_(obj) {}

  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] const char* object_begin() const { return begin_; }
  [[nodiscard]] std::uint64_t problem_line() const { return problem_line_; }
  [[nodiscard]] std::string& problem() { return problem_; }

  // Drops the current object (after a problem found outside the scanner) and skips the rest of
  // its paragraph.
  void skip_paragraph() { state_ = State::kSkip; }

  // The common cases inline: another attribute or a continuation line inside an object.
  [[gnu::always_inline]] Step line(const char* b, const char* e, const char* next,
                                   std::uint64_t line_no) {
    if (state_ == State::kObject && b < e) [[likely]] {
      const char c = *b;
      if (kNameChar[static_cast<unsigned char>(c)]) {
        const char* p = b + 1;
        while (p < e && kNameChar[static_cast<unsigned char>(*p)]) ++p;
        if (p < e && *p == ':' && static_cast<std::size_t>(p - b) <= kMaxRpslNameBytes &&
            obj_.attributes.size() < kMaxRpslAttributes) [[likely]] {
          const char* vb = p + 1;
          const char* ve = (e > vb && e[-1] == '\r') ? e - 1 : e;
          // Fields written in place (a temporary copied by push_back stalls on store
          // forwarding: a third of the scanner's time).
          RawAttribute& a = obj_.attributes.emplace_back();
          a.name = std::string_view(b, static_cast<std::size_t>(p - b));
          a.raw = std::string_view(vb, static_cast<std::size_t>(ve - vb));
          a.line = line32(line_no);
          end_ = next;
          return Step::kNone;
        }
      } else if (c == ' ' || c == '\t' || c == '+') {
        const char* p = b + 1;
        if (c != '+') {
          while (p < e && is_space(*p)) ++p;
        }
        if (p < e || c == '+') {
          RawAttribute& a = obj_.attributes.back();
          const char* ve = (e > b && e[-1] == '\r') ? e - 1 : e;
          a.raw = std::string_view(a.raw.data(), static_cast<std::size_t>(ve - a.raw.data()));
          end_ = next;
          return Step::kNone;
        }
      }
    }
    return line_slow(b, e, next, line_no);
  }

 private:
  [[gnu::noinline]] Step line_slow(const char* b, const char* e, const char* next,
                                   std::uint64_t line_no) {
    if (b == e || (is_space(*b) && blank(b + 1, e))) {
      if (state_ == State::kObject) {
        finish();
        state_ = State::kIdle;
        return Step::kDone;
      }
      state_ = State::kIdle;
      return Step::kNone;
    }
    if (state_ == State::kSkip) return Step::kNone;
    const char c = *b;
    if (c == '%' || c == '#') {
      // A comment line (dump headers between objects; RFC 2622 §2 comments inside objects).
      if (state_ == State::kObject) end_ = next;
      return Step::kNone;
    }
    if (c == ' ' || c == '\t' || c == '+') {
      if (state_ != State::kObject) {
        return fail(line_no,
                    fmt::format("continuation line: want an attribute before it, have '{}'",
                                excerpt({b, static_cast<std::size_t>(e - b)})));
      }
      RawAttribute& a = obj_.attributes.back();
      const char* ve = (e > b && e[-1] == '\r') ? e - 1 : e;
      a.raw = std::string_view(a.raw.data(), static_cast<std::size_t>(ve - a.raw.data()));
      end_ = next;
      return Step::kNone;
    }
    const char* p = b;
    while (p < e && kNameChar[static_cast<unsigned char>(*p)]) ++p;
    if (p == e || *p != ':' || p == b) {
      const char* colon =
          static_cast<const char*>(std::memchr(b, ':', static_cast<std::size_t>(e - b)));
      if (colon == nullptr) {
        return fail(line_no, fmt::format("attribute: want 'name: value', have '{}'",
                                         excerpt({b, static_cast<std::size_t>(e - b)})));
      }
      return fail(line_no,
                  fmt::format("attribute name: want letters, digits, '-' or '_', have '{}'",
                              excerpt({b, static_cast<std::size_t>(colon - b)})));
    }
    const auto name_len = static_cast<std::size_t>(p - b);
    if (name_len > kMaxRpslNameBytes) {
      return fail(line_no, fmt::format("attribute name: want at most {} characters, have {}",
                                       kMaxRpslNameBytes, name_len));
    }
    if (state_ != State::kObject) {
      obj_.attributes.clear();
      obj_.line = line_no;
      begin_ = b;
      state_ = State::kObject;
    } else if (obj_.attributes.size() >= kMaxRpslAttributes) {
      return fail(line_no,
                  fmt::format("attributes: want at most {}, have more", kMaxRpslAttributes));
    }
    const char* vb = p + 1;
    const char* ve = (e > vb && e[-1] == '\r') ? e - 1 : e;
    obj_.attributes.push_back(RawAttribute{std::string_view(b, name_len),
                                           std::string_view(vb, static_cast<std::size_t>(ve - vb)),
                                           line32(line_no)});
    end_ = next;
    return Step::kNone;
  }

 public:
  // Completes the current object at the end of the input (no blank line after it).
  bool finish_at_end() {
    if (state_ != State::kObject) {
      state_ = State::kIdle;
      return false;
    }
    finish();
    state_ = State::kIdle;
    return true;
  }

  // Moves every view from a buffer that starts at `old_base` to one that starts at `new_base`,
  // shifted down by `shift` bytes (compaction and growth of the reader's buffer).
  void rebase(const char* old_base, const char* new_base, std::size_t shift) {
    auto move = [&](const char* p) {
      return new_base + ((p - old_base) - static_cast<std::ptrdiff_t>(shift));
    };
    if (state_ != State::kObject) return;
    begin_ = move(begin_);
    end_ = move(end_);
    for (auto& a : obj_.attributes) {
      a.name = std::string_view(move(a.name.data()), a.name.size());
      a.raw = std::string_view(move(a.raw.data()), a.raw.size());
    }
  }

 private:
  static bool blank(const char* b, const char* e) {
    for (; b < e; ++b) {
      if (!is_space(*b)) return false;
    }
    return true;
  }

  Step fail(std::uint64_t line_no, std::string message) {
    problem_line_ = line_no;
    problem_ = std::move(message);
    state_ = State::kSkip;
    return Step::kProblem;
  }

  void finish() {
    obj_.text = std::string_view(begin_, static_cast<std::size_t>(end_ - begin_));
    obj_.class_name = obj_.attributes[0].name;
    obj_.cls = parse_object_class(obj_.class_name);
  }

  RpslObject& obj_;
  State state_ = State::kIdle;
  const char* begin_ = nullptr;  // first line of the current object
  const char* end_ = nullptr;    // after the last line of the current object
  std::uint64_t problem_line_ = 0;
  std::string problem_;
};

// Where a NUL byte sits in an object: "<line>, <attribute>".
std::pair<std::uint64_t, std::string_view> locate_nul(const RpslObject& obj, const char* nul) {
  std::uint64_t line = obj.line;
  for (const char* p = obj.text.data(); p < nul; ++p) {
    if (*p == '\n') ++line;
  }
  std::string_view name = obj.attributes.front().name;
  for (const auto& a : obj.attributes) {
    if (a.line > line) break;
    name = a.name;
  }
  return {line, name};
}

constexpr std::size_t kReadChunk = 1U << 20U;  // bytes asked from the source per read

}  // namespace

std::string rpsl_excerpt(std::string_view s, std::size_t max) {
  std::string out;
  const std::size_t n = std::min(s.size(), max);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\') {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > n) out += "...";
  return out;
}

std::string_view to_string(ObjectClass c) {
  const auto i = static_cast<std::size_t>(c);
  return i < kClassNames.size() ? kClassNames[i] : "other";
}

ObjectClass parse_object_class(std::string_view name) {
  if (name.size() < 3 || name.size() > 12) return ObjectClass::kOther;
  std::array<char, 12> buf{};
  for (std::size_t i = 0; i < name.size(); ++i) buf[i] = lower(name[i]);
  const std::string_view n(buf.data(), name.size());
  for (std::size_t i = 1; i < kClassNames.size(); ++i) {
    if (kClassNames[i] == n) return static_cast<ObjectClass>(i);
  }
  return ObjectClass::kOther;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view attribute_value(std::string_view raw, std::string& scratch) {
  bool simple = true;
  for (const char c : raw) {
    if (c == '\n' || c == '#') {
      simple = false;
      break;
    }
  }
  if (simple) {
    std::size_t b = 0;
    std::size_t e = raw.size();
    while (b < e && (is_space(raw[b]) || raw[b] == '\n')) ++b;
    while (e > b && (is_space(raw[e - 1]) || raw[e - 1] == '\n')) --e;
    return raw.substr(b, e - b);
  }
  scratch.clear();
  std::size_t pos = 0;
  bool first = true;
  while (pos <= raw.size()) {
    std::size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos) nl = raw.size();
    std::string_view line = raw.substr(pos, nl - pos);
    pos = nl + 1;
    if (!first) {
      // Continuation marker (RFC 2622 §2); '%' and '#' lines are comment lines in the object.
      if (!line.empty() && (line[0] == '%' || line[0] == '#')) continue;
      if (!line.empty() && line[0] == '+') line.remove_prefix(1);
    }
    first = false;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    if (line.empty()) continue;
    if (!scratch.empty()) scratch += ' ';
    scratch.append(line);
  }
  return scratch;
}

std::string_view RpslObject::first(std::string_view lower_name, std::string& scratch) const {
  for (const auto& a : attributes) {
    if (a.is(lower_name)) return attribute_value(a.raw, scratch);
  }
  return {};
}

// ----- RpslReader -----------------------------------------------------------------------------

struct RpslReader::Impl {
  Impl(core::ByteSource& s, RpslReaderOptions o) : source(s), options(o), scanner(obj) {
    options.max_object_bytes = std::min(options.max_object_bytes, kMaxRpslObjectBytes);
    if (options.max_object_bytes == 0) options.max_object_bytes = 1;
    // Reads ask for at least kReadChunk bytes (the raw source then reads straight into the
    // buffer): the buffer holds the current object plus 1-2 chunks. A small input (size known
    // and below 2 MiB: tests, fuzzing, small files) starts with a buffer of its size; the buffer
    // grows when the kept object fills half of it.
    max_cap = options.max_object_bytes + 2 * kReadChunk + 1;
    const std::uint64_t hint = s.size();
    cap = (hint == 0 || hint >= 2 * kReadChunk)
              ? 2 * kReadChunk + 1
              : std::max<std::size_t>(4096, static_cast<std::size_t>(hint) + 2);
    buf = std::make_unique_for_overwrite<char[]>(cap);
  }

  void report(std::uint64_t at, std::string message) {
    ++problem_count;
    if (problems.size() < options.max_problems) {
      problems.push_back(RpslProblem{at, std::move(message)});
    }
  }

  // Makes room and reads more bytes; keeps [keep, end) (moved to the front).
  Status fill(std::size_t keep) {
    char* base = buf.get();
    if (keep > 0) {
      std::memmove(base, base + keep, end - keep);
      scanner.rebase(base, base, keep);
      pos -= keep;
      end -= keep;
    }
    if (cap - 1 - end < std::min(kReadChunk, cap / 2) && cap < max_cap) {
      const std::size_t new_cap = std::min(max_cap, cap * 2);
      auto bigger = std::make_unique_for_overwrite<char[]>(new_cap);
      std::memcpy(bigger.get(), base, end);
      scanner.rebase(base, bigger.get(), 0);
      buf = std::move(bigger);
      cap = new_cap;
      base = buf.get();
    }
    auto n = source.read(std::span<std::byte>(reinterpret_cast<std::byte*>(base + end),  // NOLINT
                                              cap - 1 - end));
    if (!n) {
      error = n.error();
      return n.error();
    }
    if (*n == 0) {
      eof = true;
      return {};
    }
    if (std::memchr(base + end, 0, *n) != nullptr) nul_seen = true;
    end += *n;
    bytes += *n;
    return {};
  }

  static bool all_space(const char* b, const char* e) {
    for (; b < e; ++b) {
      if (!is_space(*b)) return false;
    }
    return true;
  }

  void report_object_size(std::uint64_t at) {
    report(at,
           fmt::format("object size: want at most {} bytes, have more", options.max_object_bytes));
  }

  // The partial line at pos (and the object before it) cannot fit into max_object_bytes: report
  // what is known now and discard the line as it streams by (discard_line). The outcome is the
  // one the complete line would have had, whatever the read sizes: a line that is whitespace so
  // far inside an object may still be the blank line that ends it, so that decision waits for
  // the end of the line (the object stays buffered, the line does not).
  void overflow() {
    const char* base = buf.get();
    const bool blank_so_far = all_space(base + pos, base + end);
    discard_line = true;
    discard_blank = blank_so_far;
    switch (scanner.state()) {
      case LineScanner::State::kObject:
        if (!blank_so_far) {
          report_object_size(obj.line);
          scanner.skip_paragraph();
        }
        break;
      case LineScanner::State::kIdle:
        if (outside_line(base[pos])) {
          report(line + 1, fmt::format("line length: want at most {} bytes, have more",
                                       options.max_object_bytes));
        } else {
          report_object_size(line + 1);
          scanner.skip_paragraph();
        }
        break;
      case LineScanner::State::kSkip:
        break;
    }
  }

  // The end of a discarded line: a blank one ends the object or the skipped paragraph.
  LineScanner::Step end_discarded_line(const char* b, const char* nl) {
    discard_line = false;
    const bool blank = discard_blank && all_space(b, nl);
    if (blank) return scanner.line(nl, nl, nl + 1, line);
    if (scanner.state() == LineScanner::State::kObject) {
      report_object_size(obj.line);
      scanner.skip_paragraph();
    }
    return LineScanner::Step::kNone;
  }

  // The end of a discarded line, or a line that makes its object (or itself, between objects)
  // longer than max_object_bytes: the same outcome as when the line does not fit into the
  // buffer (overflow()), so that read sizes never change the result.
  [[gnu::noinline]] LineScanner::Step unusual_line(const char* b, const char* nl) {
    if (discard_line) return end_discarded_line(b, nl);
    const bool blank = all_space(b, nl);
    switch (scanner.state()) {
      case LineScanner::State::kObject:
        if (blank) return scanner.line(nl, nl, nl + 1, line);  // ends the object
        report_object_size(obj.line);
        scanner.skip_paragraph();
        return LineScanner::Step::kNone;
      case LineScanner::State::kIdle:
        if (outside_line(*b)) {
          report(line, fmt::format("line length: want at most {} bytes, have more",
                                   options.max_object_bytes));
        } else {
          report_object_size(line);
          scanner.skip_paragraph();
        }
        return LineScanner::Step::kNone;
      case LineScanner::State::kSkip:
        break;
    }
    return blank ? scanner.line(nl, nl, nl + 1, line) : LineScanner::Step::kNone;
  }

  Result<const RpslObject*> next() {
    if (error) return *error;
    for (;;) {
      char* base = buf.get();
      const char* nl = static_cast<const char*>(std::memchr(base + pos, '\n', end - pos));
      if (nl == nullptr) {
        if (discard_line) {
          // Drop the bytes of the discarded line read so far.
          discard_blank = discard_blank && all_space(base + pos, base + end);
          end = pos;
          if (!discard_blank && scanner.state() == LineScanner::State::kObject) {
            report_object_size(obj.line);
            scanner.skip_paragraph();
          }
        }
        if (eof) {
          if (pos == end) {
            discard_line = false;
            if (scanner.finish_at_end()) {
              if (good_object()) return &obj;
            }
            return nullptr;
          }
          base[end++] = '\n';  // the last line has no newline: the spare byte holds one
          continue;
        }
        const std::size_t keep = scanner.state() == LineScanner::State::kObject
                                     ? static_cast<std::size_t>(scanner.object_begin() - base)
                                     : pos;
        if (!discard_line && end - keep >= options.max_object_bytes) {
          overflow();
          continue;
        }
        MANRS_TRY_VOID(fill(keep));
        continue;
      }
      const std::size_t eol = static_cast<std::size_t>(nl - base);
      const char* b = base + pos;
      pos = eol + 1;
      ++line;
      const char* start =
          scanner.state() == LineScanner::State::kObject ? scanner.object_begin() : b;
      const LineScanner::Step step =
          (discard_line || static_cast<std::size_t>(nl - start) >= options.max_object_bytes)
              ? unusual_line(b, nl)
              : scanner.line(b, nl, nl + 1, line);
      switch (step) {
        case LineScanner::Step::kDone:
          if (good_object()) return &obj;
          break;
        case LineScanner::Step::kProblem:
          report(scanner.problem_line(), std::move(scanner.problem()));
          break;
        case LineScanner::Step::kNone:
          break;
      }
    }
  }

  // A line that starts no object: a comment, a blank line or a continuation line (the last is a
  // problem when it fits; an overlong one is only reported as too long).
  static bool outside_line(char c) {
    return c == '%' || c == '#' || c == ' ' || c == '\t' || c == '\r';
  }

  // Final checks on a complete object: no NUL bytes.
  bool good_object() {
    if (nul_seen) {
      if (const void* nul = std::memchr(obj.text.data(), 0, obj.text.size()); nul != nullptr) {
        const auto [l, name] = locate_nul(obj, static_cast<const char*>(nul));
        report(l, fmt::format("{}: want text, have a NUL byte", excerpt(name)));
        return false;
      }
    }
    ++objects;
    return true;
  }

  core::ByteSource& source;
  RpslReaderOptions options;
  RpslObject obj;
  LineScanner scanner;
  std::unique_ptr<char[]> buf;
  std::size_t cap = 0;
  std::size_t max_cap = 0;
  std::size_t pos = 0;     // start of the next line to scan
  std::size_t end = 0;     // end of the bytes read
  std::uint64_t line = 0;  // lines consumed
  bool eof = false;
  bool discard_line = false;   // the rest of the current line is skipped (overflow)
  bool discard_blank = false;  // ... and it is whitespace so far
  bool nul_seen = false;       // some byte read so far was NUL
  std::optional<Error> error;
  std::uint64_t objects = 0;
  std::uint64_t problem_count = 0;
  std::uint64_t bytes = 0;
  std::vector<RpslProblem> problems;
};

RpslReader::RpslReader(core::ByteSource& source, RpslReaderOptions options)
    : impl_(std::make_unique<Impl>(source, options)) {}
RpslReader::~RpslReader() = default;

Result<const RpslObject*> RpslReader::next() { return impl_->next(); }
std::string_view RpslReader::source_name() const { return impl_->source.name(); }
std::uint64_t RpslReader::objects() const { return impl_->objects; }
std::uint64_t RpslReader::problem_count() const { return impl_->problem_count; }
const std::vector<RpslProblem>& RpslReader::problems() const { return impl_->problems; }
std::uint64_t RpslReader::bytes_read() const { return impl_->bytes; }
std::string RpslReader::describe(const RpslProblem& p) const {
  return fmt::format("{}:{}: {}", impl_->source.name(), p.line, p.message);
}

// ----- parse_rpsl_object ----------------------------------------------------------------------

Result<RpslObject> parse_rpsl_object(std::string_view text, std::string_view source_name,
                                     std::uint64_t first_line) {
  if (text.size() > kMaxRpslObjectBytes) {
    return make_error(ErrorCode::kLimitExceeded,
                      fmt::format("object size: want at most {} bytes, have {}",
                                  kMaxRpslObjectBytes, text.size()),
                      fmt::format("{}:{}", source_name, first_line));
  }
  RpslObject obj;
  LineScanner scanner(obj);
  bool done = false;
  std::uint64_t line = first_line;
  const char* p = text.data();
  const char* const e = text.data() + text.size();
  while (p < e) {
    const char* nl =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)));
    const char* le = nl == nullptr ? e : nl;
    const char* next = nl == nullptr ? e : nl + 1;
    if (std::memchr(p, 0, static_cast<std::size_t>(le - p)) != nullptr) {
      return make_error(ErrorCode::kMalformed, "line: want text, have a NUL byte",
                        fmt::format("{}:{}", source_name, line));
    }
    if (done &&
        !(p == le || (is_space(*p) && std::all_of(p, le, [](char c) { return is_space(c); })))) {
      if (*p != '%' && *p != '#') {
        return make_error(
            ErrorCode::kMalformed,
            fmt::format("object: want one object, have a second one at line {}", line),
            fmt::format("{}:{}", source_name, obj.line));
      }
    }
    switch (scanner.line(p, le, next, line)) {
      case LineScanner::Step::kDone:
        done = true;
        break;
      case LineScanner::Step::kProblem:
        return make_error(ErrorCode::kMalformed, std::move(scanner.problem()),
                          fmt::format("{}:{}", source_name, scanner.problem_line()));
      case LineScanner::Step::kNone:
        break;
    }
    p = next;
    ++line;
  }
  if (!done && !scanner.finish_at_end()) {
    return make_error(ErrorCode::kMalformed, "object: want at least one attribute, have none",
                      fmt::format("{}:{}", source_name, first_line));
  }
  return obj;
}

}  // namespace manrs::irr
