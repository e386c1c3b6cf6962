// filter_render_tool — renders a hand-described Filter in one of the daemon / data dialects, for
// tests/integration/router_parsers.sh (the routers' own parsers check what we emit).
// Usage: filter_render_tool DIALECT [--as-path] [--peer-as N] [--max-entries N] [--refuse]
//                           [--no-header] [--name NAME] [-4|-6]   < DESCRIPTION
// DIALECT: bird, frr, openbgpd, json or plain. DESCRIPTION, one item per line ('#' comments):
//   target AS-FOO            mode irr|irr-rpki|irr+roa|rpki
//   asn 65001 65002 ...      origin ASNs (sorted and deduplicated here)
//   P [MIN MAX]              an entry: exact, or the prefixes inside P with a length in
//                            [MIN, MAX]; the family follows from P. Entries are sorted here.
// Exit 0 and the text on stdout; 1 with the error on stderr (render error or bad input).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/filter/model.h"
#include "manrs/filter/render.h"

namespace {

using manrs::filter::Dialect;

const Dialect* dialect_of(std::string_view id) {
  for (const Dialect* d : {&manrs::filter::bird_dialect(), &manrs::filter::frr_dialect(),
                           &manrs::filter::openbgpd_dialect(), &manrs::filter::json_dialect(),
                           &manrs::filter::plain_dialect()}) {
    if (d->id() == id) {
      return d;
    }
  }
  return nullptr;
}

int fail(const std::string& why) {
  std::cerr << "filter_render_tool: " << why << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    return fail("usage: filter_render_tool DIALECT [options] < DESCRIPTION");
  }
  const Dialect* dialect = dialect_of(argv[1]);
  if (dialect == nullptr) {
    return fail(std::string("unknown dialect ") + argv[1]);
  }
  manrs::filter::Filter filter;
  manrs::filter::RenderOptions options;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--as-path") {
      options.as_path = true;
    } else if (a == "--peer-as" && has_value) {
      options.peer_as = static_cast<manrs::net::Asn>(std::stoul(argv[++i]));
    } else if (a == "--max-entries" && has_value) {
      options.max_entries = std::stoul(argv[++i]);
    } else if (a == "--refuse") {
      options.over_limit = manrs::filter::OverLimit::kRefuse;
    } else if (a == "--no-header") {
      options.header = false;
    } else if (a == "--name" && has_value) {
      options.name = argv[++i];
    } else if (a == "-4") {
      filter.has_v6 = false;
    } else if (a == "-6") {
      filter.has_v4 = false;
    } else {
      return fail(std::string("unknown option ") + std::string(a));
    }
  }
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(std::cin, line)) {
    ++lineno;
    std::istringstream in(line);
    std::string word;
    if (!(in >> word) || word[0] == '#') {
      continue;
    }
    const std::string where = "line " + std::to_string(lineno) + ": ";
    if (word == "target") {
      in >> filter.target;
    } else if (word == "mode") {
      std::string m;
      in >> m;
      auto mode = manrs::filter::parse_mode(m);
      if (!mode) {
        return fail(where + "bad mode " + m.c_str());
      }
      filter.mode = *mode;
    } else if (word == "asn") {
      unsigned long asn = 0;
      while (in >> asn) {
        filter.asns.push_back(static_cast<manrs::net::Asn>(asn));
      }
    } else {
      auto p = manrs::net::Prefix::parse(word);
      if (!p) {
        return fail(where + p.error().to_string());
      }
      manrs::filter::Entry e = manrs::filter::Entry::make_exact(*p);
      unsigned lo = 0;
      unsigned hi = 0;
      if (in >> lo >> hi) {
        e.min_len = static_cast<std::uint8_t>(lo);
        e.max_len = static_cast<std::uint8_t>(hi);
      }
      (p->is_v4() ? filter.v4 : filter.v6).entries.push_back(std::move(e));
    }
  }
  std::sort(filter.asns.begin(), filter.asns.end());
  filter.asns.erase(std::unique(filter.asns.begin(), filter.asns.end()), filter.asns.end());
  for (auto* list : {&filter.v4, &filter.v6}) {
    std::sort(list->entries.begin(), list->entries.end(), manrs::filter::entry_less);
  }
  auto text = dialect->render_filter(filter, options);
  if (!text) {
    return fail(text.error().to_string());
  }
  std::cout << *text;
  return 0;
}
