// rpki/io_bird.cpp — BIRD roa tables as rpki-client and Routinator write them:
//  - BIRD 2 (`bird`, `bird2`): `route 1.0.0.0/24 max 24 as 13335;` inside
//    `protocol static { roa4 { table ROAS4; }; ... }`, or bare lines;
//  - BIRD 1 (`bird1v4`, `bird1v6`, `bird1`): `roa 1.0.0.0/24 max 24 as 13335;` inside
//    `roa table ROAS { ... }`.
// Statements end at ';', '{' or '}'; '#' and /* */ comments are skipped. Other statements
// (define, table declarations, channel blocks) are ignored, except that rpki-client's
// `define force_roa_table_update = <unix time>;` gives the build time. Braces must balance.
#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

#include "manrs/rpki/io_common.h"
#include "manrs/rpki/io_tokens.h"

namespace manrs::rpki::detail {
namespace {

constexpr std::int64_t kMaxTime = 253402300799;  // 9999-12-31T23:59:59Z
// Words of a statement kept (a ROA has 6; longer statements are never ROAs), and nesting depth
// (rpki-client writes 2): both keep memory independent of the input.
constexpr std::size_t kMaxWords = 8;
constexpr std::size_t kMaxNesting = 16;

// The words of one statement: the first kMaxWords, and how many there were.
struct Statement {
  std::array<Token, kMaxWords> words;
  std::size_t count = 0;

  void add(const Token& t) {
    if (count < kMaxWords) words[count] = t;
    ++count;
  }
  [[nodiscard]] std::string_view word(std::size_t i) const {
    return i < std::min(count, kMaxWords) ? words[i].text : std::string_view();
  }
  [[nodiscard]] std::string text() const {
    std::string s;
    for (std::size_t i = 0; i < std::min(count, kMaxWords) && s.size() <= kMaxQuotedChars; ++i) {
      if (!s.empty()) s += ' ';
      s.append(words[i].text);
    }
    return s;
  }
};

// One statement ended by `end` (';', '{', '}' or 0 for the end of input).
Status statement(const Statement& st, char end, Collector& c) {
  if (st.count == 0) return {};
  const std::string_view kw = st.word(0);
  const std::size_t line = st.words[0].line;
  if (kw == "define" && st.count == 4 && st.word(1) == "force_roa_table_update" &&
      st.word(2) == "=") {
    std::uint64_t t = 0;
    if (parse_uint(st.word(3), static_cast<std::uint64_t>(kMaxTime), t)) {
      c.set().metadata.build_time = static_cast<std::int64_t>(t);
    }
    return {};
  }
  if ((kw != "route" && kw != "roa") || st.word(1) == "table") {
    return {};  // not a ROA: declarations, channels, other config
  }
  if (st.count != 6 || st.word(2) != "max" || st.word(4) != "as") {
    return c.reject(line, ErrorCode::kMalformed,
                    fmt::format("{}: want '{} <prefix> max <n> as <asn>;', have {}", kw, kw,
                                quoted(st.text())));
  }
  if (end != ';') {
    return c.reject(
        line, ErrorCode::kMalformed,
        fmt::format("{}: want ';' at the end, have {}", kw,
                    end == 0 ? std::string("end of input") : quoted(std::string_view(&end, 1))));
  }
  auto prefix = parse_prefix(st.word(1));
  if (!prefix) return c.reject(line, prefix.error().code, "prefix: " + prefix.error().message);
  auto ml = parse_max_length(st.word(3));
  if (!ml) return c.reject(line, ml.error().code, "maxLength: " + ml.error().message);
  auto asn = parse_asn(st.word(5));
  if (!asn) return c.reject(line, asn.error().code, "asn: " + asn.error().message);
  return c.add_vrp(line, {}, *prefix, *ml, *asn, 0, 0);
}

}  // namespace

Status parse_bird(std::string_view data, Collector& c) {
  c.set().metadata.generator = "bird";
  Tokenizer tokens(data, "{};", false, true);
  Statement st;
  std::array<std::size_t, kMaxNesting> open{};  // lines of the unclosed '{'
  std::size_t depth = 0;
  Token t;
  while (tokens.next(t)) {
    if (t.punct == 0) {
      st.add(t);
      continue;
    }
    MANRS_TRY_VOID(statement(st, t.punct, c));
    st.count = 0;
    if (t.punct == '{') {
      if (depth == kMaxNesting) {
        return c.malformed(t.line,
                           fmt::format("BIRD: want <= {} nested '{{', have more", kMaxNesting));
      }
      open[depth++] = t.line;
    } else if (t.punct == '}') {
      if (depth == 0) return c.malformed(t.line, "BIRD: want '}' to close a '{', have no '{'");
      --depth;
    }
  }
  if (tokens.unterminated_comment_line() != 0) {
    return c.malformed(tokens.unterminated_comment_line(),
                       "BIRD: want '*/' to end the comment, have end of input");
  }
  MANRS_TRY_VOID(statement(st, 0, c));
  if (depth != 0) {
    return c.malformed(open[depth - 1], "BIRD: want '}' to close this '{', have end of input");
  }
  return {};
}

}  // namespace manrs::rpki::detail
