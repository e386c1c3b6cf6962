// rpki/io_text.cpp — line-oriented VRP lists, one shape per line:
//  - ROA lists: "<ISO 8601 time> <asn> <prefix>[-<maxlen>] <prefix>[-<maxlen>] ..." (one ROA per
//    line, as rcynic-era datasets write them; a missing maxlen is the prefix length);
//  - plain "prefix/len maxlen asn" (RTRlib's bench input, tools/naive_rov.py);
//  - RTRlib rtrclient CSV "address, length, maxlen, asn".
// Blank lines and lines starting with '#' are skipped.
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "manrs/rpki/io_common.h"

namespace manrs::rpki::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

void split_words(std::string_view line, std::vector<std::string_view>& words) {
  words.clear();
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && is_space(line[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < line.size() && !is_space(line[pos])) ++pos;
    if (pos > start) words.push_back(line.substr(start, pos - start));
  }
}

class TextReader {
 public:
  explicit TextReader(Collector& c) : c_(c) {}

  Status line(std::string_view text, std::size_t number) {
    if (text.find(',') != std::string_view::npos) return rtrlib(text, number);
    split_words(text, words_);
    if (words_.empty()) return {};
    if (words_[0].find('/') != std::string_view::npos) return plain(number);
    return roa_list(number);
  }

 private:
  // "prefix/len maxlen asn"
  Status plain(std::size_t number) {
    if (words_.size() != 3) {
      return c_.reject(
          number, ErrorCode::kMalformed,
          fmt::format("line: want 'prefix/len maxLength asn', have {} fields", words_.size()));
    }
    return add(number, {}, words_[0], words_[1], words_[2]);
  }

  // "192.0.2.0, 24, 24, 65001"
  Status rtrlib(std::string_view text, std::size_t number) {
    std::vector<std::string_view>& f = words_;
    f.clear();
    std::size_t pos = 0;
    while (true) {
      const std::size_t comma = std::min(text.find(',', pos), text.size());
      f.push_back(trim(text.substr(pos, comma - pos)));
      if (comma >= text.size()) break;
      pos = comma + 1;
    }
    if (f.size() != 4) {
      return c_.reject(
          number, ErrorCode::kMalformed,
          fmt::format("line: want 'address, length, maxLength, asn', have {} fields", f.size()));
    }
    prefix_buf_.assign(f[0]);
    prefix_buf_ += '/';
    prefix_buf_.append(f[1]);
    return add(number, {}, prefix_buf_, f[2], f[3]);
  }

  // "<time> <asn> <prefix>[-maxlen] ..."
  Status roa_list(std::size_t number) {
    if (words_.size() < 3) {
      return c_.reject(number, ErrorCode::kMalformed,
                       fmt::format("line: want '<time> <asn> <prefix>[-maxlen] ...', have {} "
                                   "fields",
                                   words_.size()));
    }
    const std::size_t prefixes = words_.size() - 2;
    if (!parse_iso8601(words_[0])) {
      return c_.reject(
          number, ErrorCode::kMalformed,
          fmt::format("time: want ISO 8601 (2017-04-13T17:02:02Z), have {}", quoted(words_[0])),
          prefixes);
    }
    auto asn = parse_asn(words_[1]);
    if (!asn) {
      return c_.reject(number, asn.error().code, "asn: " + asn.error().message, prefixes);
    }
    for (std::size_t i = 0; i < prefixes; ++i) {
      const std::string_view word = words_[2 + i];
      const std::size_t dash = word.find('-');
      const std::string_view prefix_text = word.substr(0, dash);
      unsigned max_length = 0;
      bool has_max = false;
      if (dash != std::string_view::npos) {
        auto ml = parse_max_length(word.substr(dash + 1));
        if (!ml) {
          MANRS_TRY_VOID(c_.reject(number, ml.error().code,
                                   fmt::format("prefix[{}].maxLength: {}", i, ml.error().message)));
          continue;
        }
        max_length = *ml;
        has_max = true;
      }
      auto prefix = parse_prefix(prefix_text);
      if (!prefix) {
        MANRS_TRY_VOID(c_.reject(number, prefix.error().code,
                                 fmt::format("prefix[{}]: {}", i, prefix.error().message)));
        continue;
      }
      if (!has_max) max_length = prefix->length();
      if (auto ok = check_vrp(*prefix, max_length); !ok) {
        MANRS_TRY_VOID(c_.reject(number, ok.error().code,
                                 fmt::format("prefix[{}].{}", i, ok.error().message)));
        continue;
      }
      MANRS_TRY_VOID(c_.add_vrp(number, {}, *prefix, max_length, *asn, 0, 0));
    }
    return {};
  }

  Status add(std::size_t number, std::string_view path, std::string_view prefix_text,
             std::string_view max_text, std::string_view asn_text) {
    auto prefix = parse_prefix(prefix_text);
    if (!prefix) {
      return c_.reject(number, prefix.error().code,
                       fmt::format("{}: {}", field_path(path, "prefix"), prefix.error().message));
    }
    auto ml = parse_max_length(max_text);
    if (!ml) {
      return c_.reject(number, ml.error().code,
                       fmt::format("{}: {}", field_path(path, "maxLength"), ml.error().message));
    }
    auto asn = parse_asn(asn_text);
    if (!asn) {
      return c_.reject(number, asn.error().code,
                       fmt::format("{}: {}", field_path(path, "asn"), asn.error().message));
    }
    return c_.add_vrp(number, path, *prefix, *ml, *asn, 0, 0);
  }

  Collector& c_;
  std::vector<std::string_view> words_;
  std::string prefix_buf_;
};

}  // namespace

Status parse_roa_list(std::string_view data, Collector& c) {
  c.set().metadata.generator = "roa-list";
  TextReader reader(c);
  LineReader lines(data);
  std::string_view line;
  std::size_t number = 0;
  while (lines.next(line, number)) {
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    MANRS_TRY_VOID(reader.line(text, number));
  }
  return {};
}

}  // namespace manrs::rpki::detail
