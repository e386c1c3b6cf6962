// The delta check of manrs-spec §2.1.3 ("if the filter changes by more than n %, block the
// deployment until a human reviews it"): read the last deployed list back from any dialect we
// write, compare entry by entry.
#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "manrs/core/input.h"
#include "manrs/filter/generate.h"
#include "manrs/filter/internal/lines.h"

namespace manrs::filter {
namespace {

bool is_sep(char c) {
  return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '[' ||
         c == ']' || c == '(' || c == ')' || c == '=' || c == '\r';
}

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size() && out.size() < 256) {
    while (i < line.size() && is_sep(line[i])) {
      ++i;
    }
    const std::size_t start = i;
    while (i < line.size() && !is_sep(line[i])) {
      ++i;
    }
    if (i > start) {
      out.push_back(line.substr(start, i - start));
    }
  }
  return out;
}

std::optional<unsigned> number(std::string_view s) {
  while (!s.empty() && (s.front() == '/' || s.front() == '^')) {
    s.remove_prefix(1);
  }
  unsigned v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v > 128) {
    return std::nullopt;
  }
  return v;
}

// "a-b" (also "/a-/b").
std::optional<std::pair<unsigned, unsigned>> number_range(std::string_view s) {
  const auto dash = s.find('-');
  if (dash == std::string_view::npos) {
    return std::nullopt;
  }
  auto a = number(s.substr(0, dash));
  auto b = number(s.substr(dash + 1));
  if (!a || !b) {
    return std::nullopt;
  }
  return std::make_pair(*a, *b);
}

bool lower_eq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != b[i]) {
      return false;
    }
  }
  return true;
}

// One entry from one line, or nullopt when the line holds no permitted prefix.
std::optional<Entry> parse_line(std::string_view line) {
  std::size_t lead = 0;
  while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) {
    ++lead;
  }
  const std::string_view body = line.substr(lead);
  if (body.empty() || body.front() == '#' || body.front() == '!' || body.substr(0, 2) == "//" ||
      body.substr(0, 2) == "/*") {
    return std::nullopt;
  }
  auto t = tokens(body);
  for (auto tok : t) {
    if (lower_eq(tok, "deny") || lower_eq(tok, "reject") || lower_eq(tok, "{reject}") ||
        lower_eq(tok, "discard") || lower_eq(tok, "no")) {
      return std::nullopt;
    }
  }
  std::optional<Entry> e;
  std::size_t at = 0;
  for (std::size_t i = 0; i < t.size() && !e; ++i) {
    std::string_view tok = t[i];
    // BIRD "P{a,b}", "P+", "P-" and RPSL "P^a-b" suffixes.
    std::string_view suffix;
    if (auto b = tok.find_first_of("{+^"); b != std::string_view::npos && b > 0) {
      suffix = tok.substr(b);
      tok = tok.substr(0, b);
    } else if (tok.size() > 1 && tok.back() == '-' && tok.find('/') != std::string_view::npos) {
      suffix = "-";
      tok.remove_suffix(1);
    }
    if (tok.find('/') != std::string_view::npos) {
      auto p = net::Prefix::parse(tok);
      if (!p) {
        continue;
      }
      e = Entry::make_exact(*p);
      at = i;
      const unsigned max = p->is_v4() ? 32U : 128U;
      if (suffix == "+") {
        e->max_len = static_cast<std::uint8_t>(max);
      } else if (suffix == "-") {
        e->min_len = static_cast<std::uint8_t>(p->length() + 1);
        e->max_len = static_cast<std::uint8_t>(max);
      } else if (!suffix.empty() && suffix.front() == '{') {
        // {a,b}: the comma split the token; the next token holds "b}".
        auto a = number(suffix.substr(1));
        std::string_view rest = i + 1 < t.size() ? t[i + 1] : std::string_view();
        if (!rest.empty() && rest.back() == '}') {
          rest.remove_suffix(1);
        }
        auto b = number(rest);
        if (a && b) {
          e->min_len = static_cast<std::uint8_t>(*a);
          e->max_len = static_cast<std::uint8_t>(*b);
        }
      } else if (!suffix.empty() && suffix.front() == '^') {
        if (auto r = number_range(suffix.substr(1))) {
          e->min_len = static_cast<std::uint8_t>(r->first);
          e->max_len = static_cast<std::uint8_t>(r->second);
        } else if (auto n = number(suffix.substr(1))) {
          e->min_len = e->max_len = static_cast<std::uint8_t>(*n);
        }
      }
    } else if (i + 1 < t.size()) {
      // Huawei: "192.0.2.0 24".
      auto a = net::IpAddress::parse(tok);
      auto len = number(t[i + 1]);
      if (a && len && *len <= a->max_len() && tok.find_first_of(".:") != std::string_view::npos) {
        e = Entry::make_exact(net::Prefix::make(*a, *len));
        at = i + 1;
      }
    }
  }
  if (!e) {
    return std::nullopt;
  }
  const unsigned len = e->prefix.length();
  const unsigned max = e->prefix.is_v4() ? 32U : 128U;
  for (std::size_t i = at + 1; i < t.size(); ++i) {
    const std::string_view k = t[i];
    const std::string_view next = i + 1 < t.size() ? t[i + 1] : std::string_view();
    if (lower_eq(k, "le") || lower_eq(k, "upto") || lower_eq(k, "less-equal") ||
        lower_eq(k, "through") || lower_eq(k, "through-length") || lower_eq(k, "maxlen") ||
        lower_eq(k, "end-length")) {
      if (auto n = number(next)) {
        e->max_len = static_cast<std::uint8_t>(*n);
      }
    } else if (lower_eq(k, "ge") || lower_eq(k, "greater-equal") || lower_eq(k, "start-length")) {
      if (auto n = number(next)) {
        e->min_len = static_cast<std::uint8_t>(*n);
        if (e->max_len < e->min_len) {
          e->max_len = static_cast<std::uint8_t>(max);
        }
      }
    } else if (lower_eq(k, "orlonger") || lower_eq(k, "or-longer")) {
      e->max_len = static_cast<std::uint8_t>(max);
    } else if (lower_eq(k, "longer")) {
      e->min_len = static_cast<std::uint8_t>(std::min(len + 1, max));
      e->max_len = static_cast<std::uint8_t>(max);
    } else if (lower_eq(k, "prefix-length-range") || lower_eq(k, "dst-len") ||
               lower_eq(k, "prefixlen")) {
      std::string_view arg = next;
      if (arg == "in" && i + 2 < t.size()) {
        arg = t[i + 2];
      }
      if (auto r = number_range(arg)) {
        e->min_len = static_cast<std::uint8_t>(r->first);
        e->max_len = static_cast<std::uint8_t>(r->second);
      } else if (auto a = number(arg); a && i + 3 < t.size() && t[i + 2] == "-") {
        if (auto b = number(t[i + 3])) {
          e->min_len = static_cast<std::uint8_t>(*a);
          e->max_len = static_cast<std::uint8_t>(*b);
        }
      } else if (next == ">=" && i + 2 < t.size()) {
        if (auto n = number(t[i + 2])) {
          e->min_len = static_cast<std::uint8_t>(*n);
          e->max_len = static_cast<std::uint8_t>(max);
        }
      } else if (auto n = number(arg)) {
        e->min_len = e->max_len = static_cast<std::uint8_t>(*n);
      }
    }
  }
  if (e->min_len < len || e->max_len < e->min_len || e->max_len > max) {
    // Unreadable range: keep the prefix exact rather than invent one.
    e->min_len = e->max_len = static_cast<std::uint8_t>(len);
  }
  return e;
}

}  // namespace

namespace {
Result<PreviousList> read_from(core::ByteSource& source);
}  // namespace

Result<PreviousList> parse_previous(std::string_view text, std::string source) {
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), source);
  if (!src) {
    return src.error();
  }
  return read_from(**src);
}

Result<PreviousList> read_previous(const std::string& path) {
  auto src = core::open_input(path);
  if (!src) {
    return src.error();
  }
  return read_from(**src);
}

namespace {

Result<PreviousList> read_from(core::ByteSource& source) {
  PreviousList prev;
  prev.source = std::string(source.name());
  MANRS_TRY_VOID(
      detail::for_each_line(source, std::size_t{1} << 20, "1 MiB",
                            [&prev](std::string_view line, std::uint64_t) -> Status {
                              if (auto e = parse_line(line)) {
                                (e->prefix.is_v4() ? prev.v4 : prev.v6).push_back(std::move(*e));
                              }
                              return {};
                            }));
  for (auto* list : {&prev.v4, &prev.v6}) {
    std::sort(list->begin(), list->end(), entry_less);
    list->erase(std::unique(list->begin(), list->end(),
                            [](const Entry& a, const Entry& b) {
                              return !entry_less(a, b) && !entry_less(b, a);
                            }),
                list->end());
  }
  return prev;
}

}  // namespace

double Delta::percent() const {
  return 100.0 * static_cast<double>(added + removed) /
         static_cast<double>(std::max<std::size_t>(previous, 1));
}

Delta compare(const Filter& current, const PreviousList& previous) {
  Delta d;
  using Key = std::tuple<net::Prefix, std::uint8_t, std::uint8_t>;
  auto key = [](const Entry& e) { return Key{e.prefix, e.min_len, e.max_len}; };
  auto diff = [&](const std::vector<Entry>& now, const std::vector<Entry>& before) {
    std::set<Key> a, b;
    for (const auto& e : now) {
      a.insert(key(e));
    }
    for (const auto& e : before) {
      b.insert(key(e));
    }
    d.current += a.size();
    d.previous += b.size();
    for (const auto& e : now) {
      if (b.count(key(e)) == 0) {
        ++d.added;
        d.added_entries.push_back(e);
      }
    }
    for (const auto& e : before) {
      if (a.count(key(e)) == 0) {
        ++d.removed;
        d.removed_entries.push_back(e);
      }
    }
  };
  if (current.has_v4) {
    diff(current.v4.entries, previous.v4);
  }
  if (current.has_v6) {
    diff(current.v6.entries, previous.v6);
  }
  return d;
}

}  // namespace manrs::filter
