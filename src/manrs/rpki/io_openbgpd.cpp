// rpki/io_openbgpd.cpp — OpenBGPD `roa-set` and `aspa-set` blocks as rpki-client's `openbgpd`
// output and bgpd.conf(5) write them:
//   roa-set {
//           1.0.0.0/24 source-as 13335 expires 1630592339
//           1.0.4.0/22 maxlen 24 source-as 38803
//   }
//   aspa-set {
//           customer-as 15562 expires 1630592339 provider-as { 2914, 8283 }
//   }
// Entries end at a newline or ','; '#' comments and backslash-newline continuations as in
// bgpd.conf. Older rpki-client releases wrote per-family providers (`2914 allow inet`, and
// `2914inet` by a bug of 7.x): the family is dropped, ASPA has none in the current profile.
// Other top-level statements are skipped with their braces balanced.
#include <algorithm>
#include <array>
#include <span>
#include <string>

#include <fmt/format.h>

#include "manrs/rpki/io_common.h"
#include "manrs/rpki/io_tokens.h"

namespace manrs::rpki::detail {
namespace {

constexpr std::size_t kMaxWords = 8;  // a roa-set entry has at most 7

class BgpdReader {
 public:
  BgpdReader(std::string_view data, Collector& c)
      : tokens_(data, "{},", /*newlines=*/true, /*block_comments=*/false), c_(c) {}

  Status run() {
    c_.set().metadata.generator = "openbgpd";
    Token t;
    while (next(t)) {
      if (t.punct == '\n' || t.punct == ',') continue;
      if (t.punct == 0 && t.text == "roa-set") {
        MANRS_TRY_VOID(open_block("roa-set", t.line));
        MANRS_TRY_VOID(roa_set(t.line));
      } else if (t.punct == 0 && t.text == "aspa-set") {
        MANRS_TRY_VOID(open_block("aspa-set", t.line));
        MANRS_TRY_VOID(aspa_set(t.line));
      } else {
        MANRS_TRY_VOID(skip_statement(t));
      }
    }
    return {};
  }

 private:
  bool next(Token& t) {
    if (has_peek_) {
      t = peek_;
      has_peek_ = false;
      return true;
    }
    return tokens_.next(t);
  }
  void push_back(const Token& t) {
    peek_ = t;
    has_peek_ = true;
  }

  static std::string describe(const Token& t) {
    if (t.punct == '\n') return "end of line";
    return quoted(t.text);
  }

  // After "roa-set"/"aspa-set": an optional name, then '{'.
  Status open_block(std::string_view what, std::size_t line) {
    Token t;
    while (next(t)) {
      if (t.punct == '{') return {};
      if (t.punct == 0 || t.punct == '\n') continue;  // a name, or '{' on the next line
      return c_.malformed(t.line, fmt::format("{}: want '{{', have {}", what, describe(t)));
    }
    return c_.malformed(line, fmt::format("{}: want '{{', have end of input", what));
  }

  Error unclosed(std::string_view what, std::size_t line) const {
    return c_.malformed(line,
                        fmt::format("{}: want '}}' to close this set, have end of input", what));
  }

  // An unknown top-level statement: up to the end of its line, braces balanced.
  Status skip_statement(const Token& first) {
    std::size_t depth = 0;
    Token t = first;
    while (true) {
      if (t.punct == '{') {
        ++depth;
      } else if (t.punct == '}') {
        if (depth == 0)
          return c_.malformed(t.line, "OpenBGPD: want '}' to close a '{', have no '{'");
        --depth;
      } else if (t.punct == '\n' && depth == 0) {
        return {};
      }
      if (!next(t)) break;
    }
    if (depth != 0) {
      return c_.malformed(first.line, "OpenBGPD: want '}' to close a '{', have end of input");
    }
    return {};
  }

  // ----- roa-set ----------------------------------------------------------------------------

  Status roa_set(std::size_t set_line) {
    Token t;
    while (next(t)) {
      if (t.punct == '\n' || t.punct == ',') continue;
      if (t.punct == '}') return {};
      if (t.punct == '{') {
        return c_.malformed(
            t.line, fmt::format("roa-set (line {}): want an entry or '}}', have '{{'", set_line));
      }
      // One entry: words up to a newline, ',' or '}' (which closes the set: pushed back).
      std::array<std::string_view, kMaxWords> words{};
      std::size_t count = 0;
      const std::size_t line = t.line;
      words[count++] = t.text;
      bool closed = false;
      while (next(t)) {
        if (t.punct == '\n' || t.punct == ',') {
          closed = true;
          break;
        }
        if (t.punct == '}') {
          push_back(t);
          closed = true;
          break;
        }
        if (t.punct == '{') {
          return c_.malformed(
              t.line, fmt::format("roa-set (line {}): want an entry or '}}', have '{{'", set_line));
        }
        if (count < kMaxWords) words[count] = t.text;
        ++count;
      }
      MANRS_TRY_VOID(roa_entry(std::span(words.data(), std::min(count, kMaxWords)), count, line));
      if (!closed) break;
    }
    return unclosed("roa-set", set_line);
  }

  // prefix [maxlen N] source-as ASN [expires T]
  Status roa_entry(std::span<const std::string_view> words, std::size_t count, std::size_t line) {
    auto bad_shape = [&] {
      std::string text;
      for (auto w : words) {
        if (!text.empty()) text += ' ';
        text.append(w);
      }
      return c_.reject(line, ErrorCode::kMalformed,
                       fmt::format("entry: want '<prefix> [maxlen <n>] source-as <asn> [expires "
                                   "<time>]', have {}",
                                   quoted(text)));
    };
    if (count > 7 || count % 2 == 0) return bad_shape();
    std::string_view max_text;
    std::string_view asn_text;
    std::string_view expires_text;
    for (std::size_t i = 1; i + 1 < words.size(); i += 2) {
      std::string_view* slot = nullptr;
      if (words[i] == "maxlen") slot = &max_text;
      if (words[i] == "source-as") slot = &asn_text;
      if (words[i] == "expires") slot = &expires_text;
      if (slot == nullptr || !slot->empty()) return bad_shape();
      *slot = words[i + 1];
    }
    if (asn_text.empty()) return bad_shape();
    auto prefix = parse_prefix(words[0]);
    if (!prefix) return c_.reject(line, prefix.error().code, "prefix: " + prefix.error().message);
    unsigned max_length = prefix->length();
    if (!max_text.empty()) {
      auto ml = parse_max_length(max_text);
      if (!ml) return c_.reject(line, ml.error().code, "maxlen: " + ml.error().message);
      max_length = *ml;
    }
    auto asn = parse_asn(asn_text);
    if (!asn) return c_.reject(line, asn.error().code, "source-as: " + asn.error().message);
    std::int64_t expires = 0;
    if (!expires_text.empty()) {
      auto e = parse_time(expires_text);
      if (!e) return c_.reject(line, e.error().code, "expires: " + e.error().message);
      expires = *e;
    }
    return c_.add_vrp(line, {}, *prefix, max_length, *asn, 0, expires);
  }

  // ----- aspa-set ---------------------------------------------------------------------------

  Status aspa_set(std::size_t set_line) {
    Token t;
    while (next(t)) {
      if (t.punct == '\n' || t.punct == ',') continue;
      if (t.punct == '}') return {};
      bool end = false;
      MANRS_TRY_VOID(aspa_entry(t, end));
      if (end) break;
    }
    return unclosed("aspa-set", set_line);
  }

  // customer-as ASN [expires T] provider-as { ASN [allow inet|inet6], ... }
  // Consumes the entry up to its newline (a '}' closing the set is pushed back). `end` = the
  // input ended inside the entry.
  Status aspa_entry(Token t, bool& end) {
    const std::size_t line = t.line;
    Aspa a;
    std::string problem;
    ErrorCode code = ErrorCode::kMalformed;
    bool has_customer = false;
    bool has_providers = false;
    auto fail = [&](ErrorCode c, std::string msg) {
      if (problem.empty()) {
        problem = std::move(msg);
        code = c;
      }
    };
    // Words and blocks until the end of the entry.
    while (true) {
      if (t.punct == '\n' || t.punct == ',') break;
      if (t.punct == '}') {
        push_back(t);
        break;
      }
      if (t.punct == '{') {
        fail(ErrorCode::kMalformed, "entry: want a keyword, have '{'");
        if (!skip_block()) {
          end = true;
          return {};  // the caller reports the unclosed set
        }
      } else if (t.text == "customer-as" || t.text == "expires") {
        const std::string_view kw = t.text;
        Token v;
        if (!next(v)) {
          end = true;
          break;
        }
        if (v.punct != 0) {
          fail(ErrorCode::kMalformed, fmt::format("{}: want a value, have {}", kw, describe(v)));
          t = v;
          continue;
        }
        if (kw == "customer-as") {
          has_customer = true;
          auto asn = parse_asn(v.text);
          if (!asn) fail(asn.error().code, "customer-as: " + asn.error().message);
          if (asn) a.customer = *asn;
        } else {
          auto e = parse_time(v.text);
          if (!e) fail(e.error().code, "expires: " + e.error().message);
          if (e) a.expires = *e;
        }
      } else if (t.text == "provider-as") {
        has_providers = true;
        if (!providers(a, fail)) {
          end = true;
          return {};
        }
      } else {
        fail(ErrorCode::kMalformed,
             fmt::format("entry: want customer-as, expires or provider-as, have {}", describe(t)));
      }
      if (!next(t)) {
        end = true;
        break;
      }
    }
    if (problem.empty() && !has_customer) fail(ErrorCode::kMalformed, "customer-as: missing");
    if (problem.empty() && !has_providers) fail(ErrorCode::kMalformed, "provider-as: missing");
    if (!problem.empty()) return c_.reject(line, code, std::move(problem));
    return c_.add_aspa(line, {}, std::move(a));
  }

  // After "provider-as": '{' ASN [allow inet|inet6] (',' | newline) ... '}'. False when the
  // input ends first.
  template <typename Fail>
  bool providers(Aspa& a, Fail& fail) {
    Token t;
    do {
      if (!next(t)) return false;
    } while (t.punct == '\n');
    if (t.punct != '{') {
      // A single provider without braces ("provider-as 2914") is accepted as bgpd does.
      if (t.punct == 0) {
        provider(a, t.text, fail);
        return true;
      }
      fail(ErrorCode::kMalformed, fmt::format("provider-as: want '{{', have {}", describe(t)));
      push_back(t);
      return true;
    }
    while (next(t)) {
      if (t.punct == '}') return true;
      if (t.punct == '\n' || t.punct == ',') continue;
      if (t.punct == '{') {
        fail(ErrorCode::kMalformed, "provider-as: want an ASN, have '{'");
        continue;
      }
      if (t.text == "allow") {  // "allow inet" / "allow inet6": the family is dropped
        Token family;
        if (!next(family)) return false;
        if (family.punct != 0 || (family.text != "inet" && family.text != "inet6")) {
          fail(ErrorCode::kMalformed,
               fmt::format("provider-as: want 'allow inet' or 'allow inet6', have 'allow' {}",
                           describe(family)));
          if (family.punct == '}') return true;
        }
        continue;
      }
      provider(a, t.text, fail);
    }
    return false;
  }

  template <typename Fail>
  void provider(Aspa& a, std::string_view text, Fail& fail) {
    // rpki-client 7.x printed "2914inet" / "2914inet6" (no space).
    if (text.size() > 5 && text.ends_with("inet6")) {
      text.remove_suffix(5);
    } else if (text.size() > 4 && text.ends_with("inet")) {
      text.remove_suffix(4);
    }
    auto asn = parse_asn(text);
    if (!asn) {
      fail(asn.error().code, "provider-as: " + asn.error().message);
      return;
    }
    if (a.providers.size() >= kMaxAspaProviders) {
      fail(ErrorCode::kLimitExceeded,
           fmt::format("provider-as: want <= {} ASNs, have more", kMaxAspaProviders));
      return;
    }
    a.providers.push_back(*asn);
  }

  // Skips to the '}' matching an already read '{'. False at the end of input.
  bool skip_block() {
    std::size_t depth = 1;
    Token t;
    while (next(t)) {
      if (t.punct == '{') ++depth;
      if (t.punct == '}' && --depth == 0) return true;
    }
    return false;
  }

  Tokenizer tokens_;
  Collector& c_;
  Token peek_;
  bool has_peek_ = false;
};

}  // namespace

Status parse_openbgpd(std::string_view data, Collector& c) {
  BgpdReader reader(data, c);
  return reader.run();
}

}  // namespace manrs::rpki::detail
