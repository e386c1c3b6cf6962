// registry/internal/json_scan.cpp — see json_scan.h. An iterative parser over an explicit stack
// (no recursion, so nesting cannot exhaust the call stack), strict RFC 8259 grammar.
#include "manrs/registry/internal/json_scan.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "manrs/core/input.h"

namespace manrs::registry::detail {
namespace {

std::string excerpt(std::string_view s, std::size_t max = 40) {
  std::string out;
  for (char c : s.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  if (s.size() > max) out += "...";
  return out;
}

class Scanner {
 public:
  Scanner(std::string_view text, std::string_view name, const JsonLimits& limits,
          const RecordSink& sink)
      : text_(text), name_(name), limits_(limits), sink_(sink) {}

  Status run(bool many) {
    std::uint64_t doc = 0;
    while (true) {
      skip_ws();
      if (pos_ >= text_.size()) {
        if (doc == 0) return error(ErrorCode::kTruncated, "a JSON value");
        return {};
      }
      MANRS_TRY_VOID(document(doc++));
      if (!many) {
        skip_ws();
        if (pos_ < text_.size()) return error(ErrorCode::kMalformed, "the end of the input");
        return {};
      }
    }
  }

 private:
  enum class State : std::uint8_t { kStart, kNeedItem, kAfterValue };
  struct Frame {
    bool array = false;
    State state = State::kStart;
    std::string key;          // objects: the current member's name
    std::uint64_t count = 0;  // arrays: elements begun
  };

  Status document(std::uint64_t index) {
    stack_.clear();
    record_depth_.reset();
    root_ = JsonRecord{};
    root_.path = "$";
    root_.index = index;
    root_.offset = pos_;
    root_object_ = false;
    MANRS_TRY_VOID(begin_value());
    while (!stack_.empty()) {
      skip_ws();
      if (pos_ >= text_.size()) {
        const Frame& top = stack_.back();
        std::string_view want = top.array ? "',' or ']'" : "',' or '}'";
        if (top.state == State::kStart) {
          want = top.array ? "a JSON value or ']'" : "a member name or '}'";
        } else if (top.state == State::kNeedItem) {
          want = top.array ? "a JSON value" : "a member name in double quotes";
        }
        return error(ErrorCode::kTruncated, want);
      }
      const char c = text_[pos_];
      Frame& f = stack_.back();
      if (!f.array) {
        if (f.state == State::kStart && c == '}') {
          MANRS_TRY_VOID(close());
          continue;
        }
        if (f.state == State::kAfterValue) {
          if (c == ',') {
            ++pos_;
            f.state = State::kNeedItem;
          } else if (c == '}') {
            MANRS_TRY_VOID(close());
          } else {
            return error(ErrorCode::kMalformed, "',' or '}'");
          }
          continue;
        }
        if (c != '"') return error(ErrorCode::kMalformed, "a member name in double quotes");
        std::string key;
        MANRS_TRY_VOID(string(key));
        skip_ws();
        if (pos_ >= text_.size()) return error(ErrorCode::kTruncated, "':'");
        if (text_[pos_] != ':') return error(ErrorCode::kMalformed, "':'");
        ++pos_;
        f.key = std::move(key);
        f.state = State::kAfterValue;
        MANRS_TRY_VOID(begin_value());
      } else {
        if (f.state == State::kStart && c == ']') {
          MANRS_TRY_VOID(close());
          continue;
        }
        if (f.state == State::kAfterValue) {
          if (c == ',') {
            ++pos_;
            f.state = State::kNeedItem;
          } else if (c == ']') {
            MANRS_TRY_VOID(close());
          } else {
            return error(ErrorCode::kMalformed, "',' or ']'");
          }
          continue;
        }
        f.state = State::kAfterValue;
        ++f.count;
        MANRS_TRY_VOID(begin_value());
      }
    }
    if (root_object_ && !root_.fields.empty()) MANRS_TRY_VOID(sink_(root_));
    return {};
  }

  Status begin_value() {
    skip_ws();
    if (pos_ >= text_.size()) return error(ErrorCode::kTruncated, "a JSON value");
    const char c = text_[pos_];
    if (c == '{' || c == '[') return open(c == '[');
    JsonValue v;
    v.offset = pos_;
    if (c == '"') {
      v.kind = JsonValue::Kind::kString;
      MANRS_TRY_VOID(string(v.text));
    } else if (c == 't' || c == 'f' || c == 'n') {
      const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
      if (text_.substr(pos_, word.size()) != word) {
        return error(text_.size() - pos_ < word.size() && word.starts_with(text_.substr(pos_))
                         ? ErrorCode::kTruncated
                         : ErrorCode::kMalformed,
                     "a JSON value");
      }
      pos_ += word.size();
      v.kind = c == 'n' ? JsonValue::Kind::kNull : JsonValue::Kind::kBool;
      v.boolean = c == 't';
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = JsonValue::Kind::kNumber;
      MANRS_TRY_VOID(number(v.text));
    } else {
      return error(ErrorCode::kMalformed, "a JSON value");
    }
    return scalar(std::move(v));
  }

  Status scalar(JsonValue v) {
    if (stack_.empty()) return {};  // a document that is a bare scalar: no record
    const Frame& parent = stack_.back();
    if (parent.array) return {};
    JsonRecord* target = nullptr;
    if (record_depth_ && *record_depth_ + 1 == stack_.size()) {
      target = &record_;
    } else if (!record_depth_ && root_object_ && stack_.size() == 1) {
      target = &root_;
    }
    if (target == nullptr) return {};
    if (target->fields.size() >= limits_.max_record_fields) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("offset {}: record: want <= {} members, have more", v.offset,
                                    limits_.max_record_fields),
                        json_where(text_, name_, v.offset));
    }
    target->fields.push_back(JsonField{parent.key, std::move(v)});
    return {};
  }

  Status open(bool array) {
    if (stack_.size() >= limits_.max_depth) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("offset {}: JSON nesting: want <= {} levels, have more", pos_,
                                    limits_.max_depth),
                        json_where(text_, name_, pos_));
    }
    if (stack_.empty() && !array) root_object_ = true;
    if (!stack_.empty()) {  // a container member of a record: keep a marker
      JsonValue marker;
      marker.kind = array ? JsonValue::Kind::kArray : JsonValue::Kind::kObject;
      marker.offset = pos_;
      MANRS_TRY_VOID(scalar(std::move(marker)));
    }
    if (!array && !record_depth_ && !stack_.empty() && stack_.back().array) {
      // An object element of an array outside any record: a record.
      record_depth_ = stack_.size();
      record_ = JsonRecord{};
      record_.index = stack_.back().count - 1;
      record_.offset = pos_;
      for (const Frame& f : stack_) {
        if (f.array) continue;
        if (!record_.path.empty()) record_.path += '.';
        record_.path += f.key;
      }
    }
    Frame f;
    f.array = array;
    stack_.push_back(std::move(f));
    ++pos_;
    return {};
  }

  Status close() {
    ++pos_;
    if (record_depth_ && *record_depth_ + 1 == stack_.size()) {
      record_depth_.reset();
      MANRS_TRY_VOID(sink_(record_));
    }
    stack_.pop_back();
    return {};
  }

  Status string(std::string& out) {
    const std::size_t start = pos_;
    ++pos_;  // the opening quote
    out.clear();
    while (true) {
      if (pos_ >= text_.size()) {
        pos_ = start;
        return error(ErrorCode::kTruncated, "a closing '\"' for the string starting here");
      }
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return {};
      }
      if (out.size() >= limits_.max_string) {
        return make_error(ErrorCode::kLimitExceeded,
                          fmt::format("offset {}: string: want <= {} bytes, have more", start,
                                      limits_.max_string),
                          json_where(text_, name_, start));
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return error(ErrorCode::kMalformed, "no control characters in a string");
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) return error(ErrorCode::kTruncated, "an escape");
      const char e = text_[pos_ + 1];
      pos_ += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          MANRS_TRY_VOID(hex4(cp));
          if (cp >= 0xDC00 && cp <= 0xDFFF) {
            pos_ -= 6;
            return error(ErrorCode::kMalformed, "a high surrogate before a low one");
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") {
              return error(ErrorCode::kMalformed, "a low surrogate '\\uDC00'..'\\uDFFF'");
            }
            pos_ += 2;
            std::uint32_t lo = 0;
            MANRS_TRY_VOID(hex4(lo));
            if (lo < 0xDC00 || lo > 0xDFFF) {
              pos_ -= 6;
              return error(ErrorCode::kMalformed, "a low surrogate '\\uDC00'..'\\uDFFF'");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10U) + (lo - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          pos_ -= 1;
          return error(ErrorCode::kMalformed, "an escape of \" \\ / b f n r t u");
      }
    }
  }

  Status hex4(std::uint32_t& cp) {
    if (pos_ + 4 > text_.size()) return error(ErrorCode::kTruncated, "4 hex digits");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_];
      std::uint32_t d = 0;
      if (h >= '0' && h <= '9') {
        d = static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        d = static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        d = static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        return error(ErrorCode::kMalformed, "a hex digit");
      }
      cp = cp * 16 + d;
      ++pos_;
    }
    return {};
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6U));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12U));
      out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18U));
      out += static_cast<char>(0x80 | ((cp >> 12U) & 0x3FU));
      out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    }
  }

  Status number(std::string& out) {
    const std::size_t start = pos_;
    auto digit = [&] { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; };
    auto digits = [&]() -> Status {
      if (!digit()) {
        return error(pos_ >= text_.size() ? ErrorCode::kTruncated : ErrorCode::kMalformed,
                     "a digit");
      }
      while (digit()) ++pos_;
      return {};
    };
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else {
      MANRS_TRY_VOID(digits());
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      MANRS_TRY_VOID(digits());
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      MANRS_TRY_VOID(digits());
    }
    if (pos_ - start > limits_.max_string) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("offset {}: number: want <= {} characters, have {}", start,
                                    limits_.max_string, pos_ - start),
                        json_where(text_, name_, start));
    }
    out.assign(text_.substr(start, pos_ - start));
    return {};
  }

  void skip_ws() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  [[nodiscard]] Error error(ErrorCode code, std::string_view want) const {
    const std::string have = pos_ >= text_.size()
                                 ? std::string("end of input")
                                 : fmt::format("'{}'", excerpt(text_.substr(pos_, 1)));
    return make_error(code, fmt::format("offset {}: JSON: want {}, have {}", pos_, want, have),
                      json_where(text_, name_, pos_));
  }

  std::string_view text_;
  std::string_view name_;
  const JsonLimits& limits_;
  const RecordSink& sink_;
  std::size_t pos_ = 0;
  std::vector<Frame> stack_;
  std::optional<std::size_t> record_depth_;  // stack index of the record's frame
  JsonRecord record_;
  JsonRecord root_;
  bool root_object_ = false;
};

}  // namespace

std::optional<std::int64_t> JsonValue::as_int() const {
  if (kind != Kind::kNumber || text.find_first_of(".eE") != std::string::npos) return std::nullopt;
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc{} || p != end) return std::nullopt;
  return v;
}

std::string JsonValue::describe() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return boolean ? "true" : "false";
    case Kind::kNumber:
      return excerpt(text);
    case Kind::kString:
      return fmt::format("\"{}\"", excerpt(text));
    case Kind::kArray:
      return "an array";
    case Kind::kObject:
      return "an object";
  }
  return {};
}

const JsonField* JsonRecord::get(std::string_view key) const {
  for (const JsonField& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

Status scan_json(std::string_view text, std::string_view name, const JsonLimits& limits, bool many,
                 const RecordSink& sink) {
  Scanner s(text, name, limits, sink);
  return s.run(many);
}

std::string json_where(std::string_view text, std::string_view name, std::uint64_t offset) {
  const std::size_t end = std::min<std::size_t>(offset, text.size());
  const auto lines =
      std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
  return fmt::format("{}:{}", name, lines + 1);
}

Error field_error(std::string_view text, std::string_view name, std::string_view field,
                  std::string_view want, const JsonValue& have) {
  return make_error(
      ErrorCode::kMalformed,
      fmt::format("offset {}: {}: want {}, have {}", have.offset, field, want, have.describe()),
      json_where(text, name, have.offset));
}

Result<std::string> read_file_bounded(const std::string& path, std::uint64_t max_bytes) {
  MANRS_TRY(auto src, core::open_input(path, core::InputOptions{1}));
  std::string out;
  std::vector<std::byte> buf(1U << 20U);
  while (true) {
    MANRS_TRY(std::size_t n, src->read(buf));
    if (n == 0) break;
    if (out.size() + n > max_bytes) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("size: want <= {} bytes, have more", max_bytes), path);
    }
    out.append(reinterpret_cast<const char*>(buf.data()), n);  // NOLINT
  }
  return out;
}

}  // namespace manrs::registry::detail
