// irr/query.cpp — the whois query decoder: IRRd `!` commands and RIPE-style flag queries.
//
// The accepted forms and the error texts follow IRRd 4 (irrd/server/whois/query_parser.py) so
// that clients written against IRRd see the same words; docs/whois.md lists every form and the
// few places where we are more lenient (upper-case command letters, -m, -B/-G) or stricter (an
// unknown -T class is an error instead of an empty answer).
#include "manrs/irr/query.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>

namespace manrs::irr {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Error bad(std::string message) { return make_error(ErrorCode::kMalformed, std::move(message)); }

// Splits on `sep` keeping empty items ("RIPE," → {"RIPE", ""}), like Python's str.split(sep).
std::vector<std::string> split_upper(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(upper(s.substr(start)));
      return out;
    }
    out.push_back(upper(s.substr(start, pos - start)));
    start = pos + 1;
  }
}

// IRRd's parse_as_number: "AS" + decimal digits in 0..4294967295, any case; asdot is off by
// default in IRRd (compatibility.asdot_queries) and so here.
Result<net::Asn> parse_irrd_asn(std::string_view text) {
  const std::string value = upper(text);
  if (value.rfind("AS", 0) != 0) {
    return bad(fmt::format("Invalid AS number {}: must start with \"AS\"", value));
  }
  std::string_view digits = std::string_view(value).substr(2);
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return bad(fmt::format("Invalid AS number {}: number part is not numeric", value));
  }
  std::uint64_t n = 0;
  for (char c : digits) {
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
    if (n > 0xFFFFFFFFULL) {
      return bad(fmt::format("Invalid AS number {}: valid range is 0-4294967295", value));
    }
  }
  return static_cast<net::Asn>(n);
}

// IPy's IP(): a prefix without host bits, or a bare address (a host prefix).
Result<net::Prefix> parse_route_prefix(std::string_view text, std::string_view param) {
  auto p = net::Prefix::parse(text);
  if (!p) {
    return bad(fmt::format("Invalid input for route search: {}", param));
  }
  return *p;
}

// !<command><parameter>; `cmd` is everything after the '!'.
Result<Query> parse_irrd(std::string_view cmd) {
  Query q;
  if (cmd.empty()) {
    return bad("Missing IRRD command");
  }
  const char letter = cmd.front();
  std::string_view param = cmd.substr(1);
  q.text = std::string(param);
  // Command letters are case-insensitive here (whois(1) lower-cases, some tools upper-case);
  // IRRd distinguishes !j and !J (JSON status, not served), so J stays itself.
  const char c =
      letter == 'J' ? 'J' : static_cast<char>(std::tolower(static_cast<unsigned char>(letter)));
  if (std::string_view("tg6ijmnors").find(c) != std::string_view::npos && param.empty()) {
    return bad(fmt::format("Missing parameter for {} query", letter));
  }
  if (c == '!') {
    q.kind = Query::Kind::kMultiple;
    return q;
  }
  if (iequals(cmd, "fno-rpki-filter")) {
    q.kind = Query::Kind::kNoRpkiFilter;
    return q;
  }
  switch (c) {
    case 'v':
      q.kind = Query::Kind::kVersion;
      return q;
    case 'q':
      if (!param.empty()) {
        break;  // IRRd: only "!q" closes; "!qx" is an unknown command
      }
      q.kind = Query::Kind::kQuit;
      return q;
    case 't': {
      unsigned v = 0;
      bool ok = param.size() <= 4 && std::all_of(param.begin(), param.end(),
                                                 [](char d) { return d >= '0' && d <= '9'; });
      if (ok) {
        for (char d : param) {
          v = v * 10 + static_cast<unsigned>(d - '0');
        }
      }
      if (!ok || v < 1 || v > 1000) {
        return bad(fmt::format("Invalid value for timeout: {}", param));
      }
      q.kind = Query::Kind::kTimeout;
      q.timeout_seconds = v;
      return q;
    }
    case 'g':
    case '6': {
      MANRS_TRY(q.asn, parse_irrd_asn(param));
      q.kind = Query::Kind::kRoutesByOrigin;
      q.family = c == 'g' ? net::Family::kV4 : net::Family::kV6;
      return q;
    }
    case 'a': {
      if (!param.empty() && (param.front() == '4' || param.front() == '6')) {
        q.family = param.front() == '4' ? net::Family::kV4 : net::Family::kV6;
        param.remove_prefix(1);
      }
      if (param.empty()) {
        return bad("Missing required set name for A query");
      }
      q.kind = Query::Kind::kSetPrefixes;
      q.name = upper(param);
      return q;
    }
    case 'i': {
      if (param.size() >= 2 && param.substr(param.size() - 2) == ",1") {
        q.recursive = true;
        param.remove_suffix(2);
      }
      q.kind = Query::Kind::kSetMembers;
      q.name = upper(param);
      return q;
    }
    case 'j':
      q.kind = Query::Kind::kSerials;
      if (param == "-*") {
        q.all_sources = true;
      } else {
        q.sources = split_upper(param, ',');
      }
      return q;
    case 'm': {
      auto comma = param.find(',');
      if (comma == std::string_view::npos) {
        return bad(fmt::format("Invalid argument for object lookup: {}", param));
      }
      q.kind = Query::Kind::kObjectByKey;
      q.class_name = lower(param.substr(0, comma));
      q.cls = parse_object_class(q.class_name);
      std::string_view key = param.substr(comma + 1);
      if (q.class_name == "route" || q.class_name == "route6") {
        // IRRd: "192.0.2.0/24AS65001", "192.0.2.0/24 AS65001" and "192.0.2.0/24-AS65001".
        for (char k : key) {
          if (k != ' ' && k != '-') {
            q.key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(k))));
          }
        }
      } else {
        q.key = std::string(key);
      }
      return q;
    }
    case 'n':
      q.kind = Query::Kind::kIdent;
      return q;
    case 'o':
      q.kind = Query::Kind::kByMaintainer;
      q.name = upper(param);
      return q;
    case 'r': {
      auto comma = param.find(',');
      std::string_view address = param.substr(0, comma);
      if (comma != std::string_view::npos) {
        std::string_view option = param.substr(comma + 1);
        if (option == "o") {
          q.origins_only = true;
        } else if (option == "l") {
          q.match = PrefixMatch::kOneLess;
        } else if (option == "L") {
          q.match = PrefixMatch::kAllLess;
        } else if (option == "M") {
          q.match = PrefixMatch::kAllMore;
        } else if (option.find(',') != std::string_view::npos) {
          return bad(fmt::format("Invalid input for route search: {}", param));
        } else {
          return bad(fmt::format("Invalid route search option: {}", option));
        }
      }
      MANRS_TRY(q.prefix, parse_route_prefix(address, param));
      q.kind = Query::Kind::kRouteSearch;
      return q;
    }
    case 's':
      if (param == "-lc") {
        q.kind = Query::Kind::kListSources;
        return q;
      }
      q.kind = Query::Kind::kSetSources;
      if (param != "-*") {  // IRRd: "!s-*" is accepted and changes nothing
        q.sources = split_upper(param, ',');
      }
      return q;
    default:
      break;
  }
  return bad(fmt::format("Unrecognised command: {}", letter));
}

constexpr std::string_view kInverseAttributes = "origin, mnt-by, member-of, mbrs-by-ref";

Result<Query> parse_ripe(std::string_view line) {
  Query q;
  q.kind = Query::Kind::kRipe;
  q.text = std::string(line);
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
      ++i;
    }
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') {
      ++j;
    }
    if (j > i) {
      parts.push_back(line.substr(i, j - i));
    }
    i = j;
  }
  std::size_t k = 0;
  auto next = [&](std::string_view flag) -> Result<std::string_view> {
    if (k >= parts.size()) {
      return bad(fmt::format("Missing argument for flag/search: {}", flag));
    }
    return parts[k++];
  };
  while (k < parts.size()) {
    std::string_view part = parts[k++];
    if (part.front() != '-') {
      q.key = std::string(part);  // IRRd: each plain word is a search; the last one answers
      continue;
    }
    std::string_view flag = part.substr(1);
    if (flag == "k") {
      q.ripe.keepalive_toggle = true;
    } else if (flag == "x" || flag == "l" || flag == "L" || flag == "m" || flag == "M") {
      MANRS_TRY(auto arg, next(flag));
      MANRS_TRY(q.prefix, parse_route_prefix(arg, arg));
      q.ripe.match_given = true;
      q.match = flag == "x"   ? PrefixMatch::kExact
                : flag == "l" ? PrefixMatch::kOneLess
                : flag == "L" ? PrefixMatch::kAllLess
                : flag == "m" ? PrefixMatch::kOneMore
                              : PrefixMatch::kAllMore;
      q.key = std::string(arg);
      break;  // IRRd: a search ends the flags
    } else if (flag == "i") {
      MANRS_TRY(auto attrs, next(flag));
      MANRS_TRY(auto value, next(flag));
      std::string list = lower(attrs);
      std::size_t start = 0;
      while (start <= list.size()) {
        auto comma = list.find(',', start);
        std::string a = list.substr(start, comma == std::string::npos ? comma : comma - start);
        if (a != "origin" && a != "mnt-by" && a != "member-of" && a != "mbrs-by-ref") {
          return bad(fmt::format(
              "Inverse attribute search not supported for {},only supported for attributes: {}", a,
              kInverseAttributes));
        }
        if (std::find(q.ripe.inverse.begin(), q.ripe.inverse.end(), a) == q.ripe.inverse.end()) {
          q.ripe.inverse.push_back(std::move(a));
        }
        if (comma == std::string::npos) {
          break;
        }
        start = comma + 1;
      }
      q.key = std::string(value);
      break;
    } else if (flag == "s") {
      MANRS_TRY(auto arg, next(flag));
      q.sources = split_upper(arg, ',');
      q.all_sources = false;
    } else if (flag == "a") {
      q.sources.clear();
      q.all_sources = true;
    } else if (flag == "T") {
      MANRS_TRY(auto arg, next(flag));
      q.ripe.types.clear();
      std::size_t start = 0;
      while (start <= arg.size()) {
        auto comma = arg.find(',', start);
        std::string_view name = arg.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        ObjectClass cls = parse_object_class(name);
        if (cls == ObjectClass::kOther) {
          return bad(fmt::format("Unknown object class: {}", name));
        }
        q.ripe.types.push_back(cls);
        if (comma == std::string_view::npos) {
          break;
        }
        start = comma + 1;
      }
    } else if (flag == "K") {
      q.ripe.keys_only = true;
    } else if (flag == "V") {
      MANRS_TRY(auto agent, next(flag));
      (void)agent;
    } else if (flag == "F" || flag == "r" || flag == "B" || flag == "G") {
      // IRRd never recurses into contacts and never filters or groups: accepted, no effect.
    } else if (flag == "t" || flag == "q" || flag == "g") {
      MANRS_TRY(auto arg, next(flag));
      (void)arg;
      return bad(
          fmt::format("Flag -{} (object templates, NRTM) is not supported by this server", flag));
    } else {
      return bad(fmt::format("Unrecognised flag/search: {}", flag));
    }
  }
  return q;
}

// The IRRd query hidden behind "-V <agent> !<query>" (IRRd issue #985), or empty.
std::string_view after_user_agent(std::string_view q) {
  if (q.substr(0, 3) != "-V ") {
    return {};
  }
  auto second = q.find(' ', 3);
  if (second == std::string_view::npos) {
    return {};
  }
  std::string_view rest = q.substr(second + 1);
  return !rest.empty() && rest.front() == '!' ? rest : std::string_view{};
}

}  // namespace

bool irrd_style(std::string_view line) {
  if (line.find('\0') != std::string_view::npos) {
    return true;
  }
  std::string_view q = trim(line);
  return (!q.empty() && q.front() == '!') || !after_user_agent(q).empty();
}

Result<Query> parse_query(std::string_view line) {
  if (line.find('\0') != std::string_view::npos) {
    return bad("Queries may not contain null bytes");
  }
  if (line.size() > kMaxQueryLineBytes) {
    return bad(fmt::format("Query too long: want at most {} bytes, have {}", kMaxQueryLineBytes,
                           line.size()));
  }
  std::string_view q = trim(line);
  if (q.empty()) {
    return Query{};
  }
  if (auto hidden = after_user_agent(q); !hidden.empty()) {
    q = hidden;
  }
  if (q.front() == '!') {
    return parse_irrd(q.substr(1));
  }
  return parse_ripe(q);
}

}  // namespace manrs::irr
