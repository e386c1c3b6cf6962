// rpki/io_tokens.h — the tokenizer of the config-file VRP formats (BIRD roa tables, OpenBGPD
// roa-set / aspa-set): words, one-character punctuation, '#' comments to the end of the line,
// optional C block comments (BIRD), backslash-newline continuations (OpenBGPD), and newlines as
// tokens where the format separates entries by lines. Private to io_bird.cpp / io_openbgpd.cpp.
#pragma once

#include <cstddef>
#include <string_view>

namespace manrs::rpki::detail {

struct Token {
  std::string_view text;  // the word, or the punctuation character
  std::size_t line = 0;   // 1-based
  char punct = 0;         // 0 for a word; else '{', '}', ';', ',' or '\n'
};

class Tokenizer {
 public:
  // `punct`: the characters that are tokens of their own. `newlines`: report '\n' as a token.
  // `block_comments`: skip /* ... */.
  Tokenizer(std::string_view data, std::string_view punct, bool newlines, bool block_comments)
      : data_(data), punct_(punct), newlines_(newlines), block_comments_(block_comments) {}

  // False at the end of the input. An unterminated block comment ends the input and sets
  // unterminated_comment_line() to where it started.
  bool next(Token& t) {
    while (pos_ < data_.size()) {
      const char c = data_[pos_];
      if (c == '\n') {
        ++pos_;
        ++line_;
        if (newlines_) {
          t = Token{data_.substr(pos_ - 1, 1), line_ - 1, '\n'};
          return true;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++pos_;
        continue;
      }
      if (c == '\\' && pos_ + 1 < data_.size() &&
          (data_[pos_ + 1] == '\n' ||
           (data_[pos_ + 1] == '\r' && pos_ + 2 < data_.size() && data_[pos_ + 2] == '\n'))) {
        pos_ += data_[pos_ + 1] == '\n' ? 2U : 3U;  // continuation: the newline is a space
        ++line_;
        continue;
      }
      if (c == '#') {
        while (pos_ < data_.size() && data_[pos_] != '\n') ++pos_;
        continue;
      }
      if (block_comments_ && c == '/' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '*') {
        const std::size_t start_line = line_;
        const std::size_t end = data_.find("*/", pos_ + 2);
        const std::size_t stop = end == std::string_view::npos ? data_.size() : end + 2;
        for (std::size_t i = pos_; i < stop; ++i) line_ += data_[i] == '\n' ? 1U : 0U;
        pos_ = stop;
        if (end == std::string_view::npos) unterminated_comment_line_ = start_line;
        continue;
      }
      if (punct_.find(c) != std::string_view::npos) {
        t = Token{data_.substr(pos_, 1), line_, c};
        ++pos_;
        return true;
      }
      const std::size_t start = pos_;
      while (pos_ < data_.size()) {
        const char w = data_[pos_];
        if (w == ' ' || w == '\t' || w == '\r' || w == '\n' || w == '\f' || w == '\v' || w == '#' ||
            punct_.find(w) != std::string_view::npos) {
          break;
        }
        ++pos_;
      }
      t = Token{data_.substr(start, pos_ - start), line_, 0};
      return true;
    }
    return false;
  }

  [[nodiscard]] std::size_t line() const { return line_; }
  [[nodiscard]] std::size_t unterminated_comment_line() const { return unterminated_comment_line_; }

 private:
  std::string_view data_;
  std::string_view punct_;
  bool newlines_;
  bool block_comments_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t unterminated_comment_line_ = 0;
};

}  // namespace manrs::rpki::detail
