#include "manrs/irr/expand.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"

namespace manrs::irr {
namespace {

const std::filesystem::path kRpsl = std::filesystem::path(MANRS_SHARED_DIR) / "data" / "rpsl";

std::unique_ptr<Database> make_db(std::string_view text, std::string_view more = {}) {
  auto db = std::make_unique<Database>();
  LoadOptions o;
  o.progress = false;
  for (std::string_view t : {text, more}) {
    if (t.empty()) continue;
    auto src = core::open_memory(std::as_bytes(std::span(t.data(), t.size())), "test.db");
    EXPECT_TRUE(src.has_value());
    auto rep = db->load(**src, o);
    EXPECT_TRUE(rep.has_value());
    EXPECT_EQ(rep->skipped, 0U) << (rep->problems.empty() ? "" : rep->problems[0]);
  }
  db->finalize();
  return db;
}

std::vector<net::Asn> asns(std::initializer_list<net::Asn> l) { return l; }
std::set<std::string> ranges(const Expansion& ex) {
  std::set<std::string> out;
  for (const auto& r : ex.prefixes) out.insert(r.to_rpsl());
  return out;
}

ExpandOptions allow_empty() {
  ExpandOptions o;
  o.allow_empty = true;
  return o;
}

TEST(ExpandTest, NestedSetsMissingSetsAndAny) {
  auto db = make_db(
      "as-set: AS-ROOT\nmembers: AS1, AS-A\nmembers: AS-MISSING\nsource: TEST\n\n"
      "as-set: AS-A\nmembers: AS2, as-b, AS1\nsource: TEST\n\n"
      "as-set: AS-B\nmembers: AS3 AS-ANY AS-GONE\nsource: TEST\n\n");
  auto ex = expand_as_set(*db, "as-root");
  ASSERT_TRUE(ex.has_value()) << ex.error().to_string();
  EXPECT_EQ(ex->root, "AS-ROOT");
  EXPECT_TRUE(ex->found);
  EXPECT_EQ(ex->asns, asns({1, 2, 3}));
  EXPECT_EQ(ex->missing,
            (std::vector<std::string>{"AS-GONE (from AS-B)", "AS-MISSING (from AS-ROOT)"}));
  EXPECT_EQ(ex->any_members, std::vector<std::string>{"AS-B"});
  EXPECT_TRUE(ex->cycles.empty());
  EXPECT_EQ(ex->sets_visited, 3U);
  EXPECT_EQ(ex->max_depth_seen, 2U);
  EXPECT_TRUE(ex->partial());
  EXPECT_FALSE(ex->depth_limited);
  EXPECT_FALSE(ex->size_limited);

  auto leaf = expand_as_set(*db, "AS-A");
  ASSERT_TRUE(leaf.has_value());
  EXPECT_EQ(leaf->asns, asns({1, 2, 3}));

  // Non-recursive view.
  const SetDef* s = set_members(*db, "AS-ROOT", {});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->members.size(), 3U);
  EXPECT_EQ(set_members(*db, "AS-NOPE", {}), nullptr);
}

TEST(ExpandTest, NotFoundAndEmptyAreErrors) {
  auto db = make_db(
      "as-set: AS-E\nmembers: AS-MISSING1, AS-MISSING2\nsource: TEST\n\n"
      "as-set: AS-NOTHING\nsource: RADB\n\n");
  auto nf = expand_as_set(*db, "AS-FOO");
  ASSERT_FALSE(nf.has_value());
  EXPECT_EQ(nf.error().code, ErrorCode::kPolicy);
  EXPECT_EQ(nf.error().message, "AS-FOO: not found in sources TEST,RADB");
  auto pinned = expand_as_set(*db, "radb::AS-E");
  ASSERT_FALSE(pinned.has_value());
  EXPECT_EQ(pinned.error().message, "RADB::AS-E: not found in sources RADB");
  auto empty = expand_as_set(*db, "AS-E");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kPolicy);
  EXPECT_EQ(empty.error().message,
            "AS-E: expansion is empty (2 member sets missing: AS-MISSING1, AS-MISSING2)");
  auto nothing = expand_as_set(*db, "AS-NOTHING");
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().message, "AS-NOTHING: expansion is empty");
  auto allowed = expand_as_set(*db, "AS-E", allow_empty());
  ASSERT_TRUE(allowed.has_value());
  EXPECT_TRUE(allowed->asns.empty());
  EXPECT_EQ(allowed->missing.size(), 2U);
  // An as-set is not a route-set.
  EXPECT_FALSE(expand_route_set(*db, "AS-E").has_value());
}

TEST(ExpandTest, CyclesAreReportedNotFollowed) {
  std::string ring;
  for (int i = 0; i < 50; ++i) {
    ring += "as-set: AS-R" + std::to_string(i) + "\nmembers: AS" + std::to_string(100 + i) +
            ", AS-R" + std::to_string((i + 1) % 50) + "\nsource: TEST\n\n";
  }
  auto db = make_db(
      "as-set: AS-SELF\nmembers: AS1, AS-SELF\nsource: TEST\n\n"
      "as-set: AS-P\nmembers: AS-Q, AS5\nsource: TEST\n\n"
      "as-set: AS-Q\nmembers: AS2, AS-P\nsource: TEST\n\n"
      // A diamond is not a cycle.
      "as-set: AS-D\nmembers: AS-D1, AS-D2\nsource: TEST\n\n"
      "as-set: AS-D1\nmembers: AS-D3\nsource: TEST\n\n"
      "as-set: AS-D2\nmembers: AS-D3\nsource: TEST\n\n"
      "as-set: AS-D3\nmembers: AS7\nsource: TEST\n\n",
      ring);
  auto self = expand_as_set(*db, "AS-SELF");
  ASSERT_TRUE(self.has_value());
  EXPECT_EQ(self->asns, asns({1}));
  EXPECT_EQ(self->cycles, std::vector<std::string>{"AS-SELF -> AS-SELF"});
  EXPECT_FALSE(self->partial());  // a cycle loses nothing
  auto p = expand_as_set(*db, "AS-P");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->asns, asns({2, 5}));
  EXPECT_EQ(p->cycles, std::vector<std::string>{"AS-Q -> AS-P"});
  auto q = expand_as_set(*db, "AS-Q");
  EXPECT_EQ(q->cycles, std::vector<std::string>{"AS-P -> AS-Q"});
  auto r = expand_as_set(*db, "AS-R7");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->asns.size(), 50U);
  EXPECT_EQ(r->cycles, std::vector<std::string>{"AS-R6 -> AS-R7"});
  EXPECT_EQ(r->sets_visited, 50U);
  EXPECT_EQ(r->max_depth_seen, 49U);
  auto d = expand_as_set(*db, "AS-D");
  EXPECT_TRUE(d->cycles.empty());
  EXPECT_EQ(d->asns, asns({7}));
  EXPECT_EQ(d->sets_visited, 4U);
}

TEST(ExpandTest, LongChainNeedsNoStackAndStopsAtMaxDepth) {
  constexpr int kLen = 100000;
  std::string text;
  text.reserve(static_cast<std::size_t>(kLen) * 60);
  for (int i = 0; i < kLen; ++i) {
    text += "as-set: AS-C" + std::to_string(i) + "\nmembers: AS" + std::to_string(i + 1);
    if (i + 1 < kLen) text += ", AS-C" + std::to_string(i + 1);
    text += "\nsource: TEST\n\n";
  }
  auto db = make_db(text);
  auto limited = expand_as_set(*db, "AS-C0");  // max_depth 64
  ASSERT_TRUE(limited.has_value());
  EXPECT_TRUE(limited->depth_limited);
  EXPECT_TRUE(limited->partial());
  EXPECT_EQ(limited->asns.size(), 65U);  // the root and 64 levels below it
  EXPECT_EQ(limited->max_depth_seen, 64U);
  ExpandOptions deep;
  deep.max_depth = kLen;
  auto all = expand_as_set(*db, "AS-C0", deep);
  ASSERT_TRUE(all.has_value());
  EXPECT_FALSE(all->depth_limited);
  EXPECT_EQ(all->asns.size(), static_cast<std::size_t>(kLen));
  EXPECT_EQ(all->max_depth_seen, static_cast<unsigned>(kLen - 1));
  EXPECT_EQ(all->sets_visited, static_cast<std::size_t>(kLen));
  deep.contributions = true;
  auto contrib = expand_as_set(*db, "AS-C0", deep);
  ASSERT_TRUE(contrib.has_value());
  ASSERT_EQ(contrib->contributions.size(), 2U);
  EXPECT_EQ(contrib->contributions[1].member, "AS-C1");
  EXPECT_EQ(contrib->contributions[1].asns, static_cast<std::size_t>(kLen - 1));
}

TEST(ExpandTest, SetBombAndSizeLimits) {
  std::string text = "as-set: AS-BOMB\nmembers: ";
  for (int i = 0; i < 1000; ++i) text += (i ? ", AS-B" : "AS-B") + std::to_string(i);
  text += "\nsource: TEST\n\n";
  for (int i = 0; i < 1000; ++i) {
    text += "as-set: AS-B" + std::to_string(i) + "\nmembers: AS" + std::to_string(i + 1) + "\n";
    text += "source: TEST\n\n";
  }
  auto db = make_db(text);
  ExpandOptions o;
  o.max_sets = 100;
  auto bomb = expand_as_set(*db, "AS-BOMB", o);
  ASSERT_TRUE(bomb.has_value());
  EXPECT_TRUE(bomb->size_limited);
  EXPECT_EQ(bomb->sets_visited, 100U);
  EXPECT_EQ(bomb->asns.size(), 99U);
  ExpandOptions small;
  small.max_asns = 10;
  auto cut = expand_as_set(*db, "AS-BOMB", small);
  ASSERT_TRUE(cut.has_value());
  EXPECT_TRUE(cut->size_limited);
  EXPECT_EQ(cut->asns.size(), 10U);
  auto full = expand_as_set(*db, "AS-BOMB");
  ASSERT_TRUE(full.has_value());
  EXPECT_FALSE(full->partial());
  EXPECT_EQ(full->asns.size(), 1000U);
}

TEST(ExpandTest, MbrsByRefNeedsAListedMaintainer) {
  auto db = make_db(
      "as-set: AS-M\nmembers: AS1\nmbrs-by-ref: M1-MNT\nsource: TEST\n\n"
      "as-set: AS-N\nmembers: AS1\nsource: TEST\n\n"
      "as-set: AS-ANYREF\nmembers: AS1\nmbrs-by-ref: ANY\nsource: TEST\n\n"
      "aut-num: AS10\nmember-of: AS-M\nmnt-by: M1-MNT\nsource: TEST\n\n"
      "aut-num: AS11\nmember-of: AS-M\nmnt-by: M2-MNT\nsource: TEST\n\n"
      "aut-num: AS12\nmember-of: AS-N, AS-ANYREF\nmnt-by: M1-MNT\nsource: TEST\n\n"
      "aut-num: AS13\nmember-of: as-anyref\nmnt-by: M3-MNT\nsource: RADB\n\n"
      "aut-num: AS14\nmember-of: AS-M\nmnt-by: M3-MNT, m1-mnt\nsource: TEST\n\n");
  EXPECT_EQ(expand_as_set(*db, "AS-M")->asns, asns({1, 10, 14}));
  // RFC 2622 §5.1: without mbrs-by-ref, member-of claims are ignored.
  EXPECT_EQ(expand_as_set(*db, "AS-N")->asns, asns({1}));
  EXPECT_EQ(expand_as_set(*db, "AS-ANYREF")->asns, asns({1, 12, 13}));
  auto test_only = db->scope({"TEST"});
  ExpandOptions o;
  o.scope = *test_only;
  EXPECT_EQ(expand_as_set(*db, "AS-ANYREF", o)->asns, asns({1, 12}));
}

TEST(ExpandTest, PinnedMembers) {
  auto db = make_db(
      "as-set: AS-P\nmembers: RADB::AS-R, NOPE::AS-X, AS-R\nsource: TEST\n\n"
      "as-set: AS-R\nmembers: AS1\nsource: TEST\n\n"
      "as-set: AS-R\nmembers: AS2\nsource: RADB\n\n");
  auto ex = expand_as_set(*db, "AS-P");
  ASSERT_TRUE(ex.has_value());
  EXPECT_EQ(ex->asns, asns({1, 2}));
  EXPECT_EQ(ex->missing, std::vector<std::string>{"NOPE::AS-X (from AS-P)"});
  EXPECT_EQ(ex->problems,
            std::vector<std::string>{"AS-P: members: source 'NOPE' of 'NOPE::AS-X' is not loaded"});
  EXPECT_TRUE(ex->partial());
  EXPECT_EQ(expand_as_set(*db, "RADB::AS-R")->asns, asns({2}));
  // Out of scope, a pinned set is missing.
  ExpandOptions o;
  o.scope = *db->scope({"TEST"});
  auto scoped = expand_as_set(*db, "AS-P", o);
  EXPECT_EQ(scoped->asns, asns({1}));
  EXPECT_EQ(scoped->missing,
            (std::vector<std::string>{"NOPE::AS-X (from AS-P)", "RADB::AS-R (from AS-P)"}));
}

TEST(ExpandTest, ContributionsOfDirectMembers) {
  auto db = make_db(
      "as-set: AS-ROOT\nmembers: AS1, AS-A, AS-B, AS-GONE\nsource: TEST\n\n"
      "as-set: AS-A\nmembers: AS1, AS2, AS3, AS-B\nsource: TEST\n\n"
      "as-set: AS-B\nmembers: AS3, AS4, AS-ROOT\nsource: TEST\n\n");
  ExpandOptions o;
  o.contributions = true;
  auto ex = expand_as_set(*db, "AS-ROOT", o);
  ASSERT_TRUE(ex.has_value());
  EXPECT_EQ(ex->asns, asns({1, 2, 3, 4}));
  ASSERT_EQ(ex->contributions.size(), 4U);
  const auto& c = ex->contributions;
  EXPECT_EQ(c[0].member, "AS1");
  EXPECT_EQ(c[0].asns, 1U);
  // AS-A reaches AS-B and, through it, AS-ROOT again: everything.
  EXPECT_EQ(c[1].member, "AS-A");
  EXPECT_EQ(c[1].asns, 4U);
  EXPECT_EQ(c[2].member, "AS-B");
  EXPECT_EQ(c[2].asns, 4U);
  EXPECT_EQ(c[0].unique_asns + c[1].unique_asns + c[2].unique_asns, 0U);
  EXPECT_EQ(c[3].member, "AS-GONE");
  EXPECT_TRUE(c[3].missing);
  EXPECT_EQ(c[3].asns, 0U);

  auto db2 = make_db(
      "as-set: AS-ROOT\nmembers: AS-A, AS-B, AS9\nsource: TEST\n\n"
      "as-set: AS-A\nmembers: AS1, AS2, AS-C\nsource: TEST\n\n"
      "as-set: AS-B\nmembers: AS2, AS-C\nsource: TEST\n\n"
      "as-set: AS-C\nmembers: AS5\nsource: TEST\n\n");
  auto ex2 = expand_as_set(*db2, "AS-ROOT", o);
  ASSERT_TRUE(ex2.has_value());
  const auto& c2 = ex2->contributions;
  ASSERT_EQ(c2.size(), 3U);
  EXPECT_EQ(c2[0].asns, 3U);         // 1 2 5
  EXPECT_EQ(c2[0].unique_asns, 1U);  // 1
  EXPECT_EQ(c2[1].asns, 2U);         // 2 5
  EXPECT_EQ(c2[1].unique_asns, 0U);
  EXPECT_EQ(c2[2].unique_asns, 1U);  // 9
}

constexpr std::string_view kRouteSets =
    "route-set: RS-A\n"
    "members: 192.0.2.0/24, 198.51.100.0/24^+, AS65001, RS-B^26\n"
    "mp-members: 2001:db8::/32^48\n"
    "source: TEST\n\n"
    "route-set: RS-B\nmembers: 203.0.113.0/24^25, RS-C\nsource: TEST\n\n"
    "route-set: RS-C\nmembers: 10.0.0.0/8^-\nsource: TEST\n\n"
    "route-set: RS-D\nmembers: RS-B^+, RS-B\nsource: TEST\n\n"
    "route-set: RS-E\nmembers: AS-S^24, RS-MISSING, RS-E\nsource: TEST\n\n"
    "route-set: RS-REF\nmembers: 192.0.2.0/25\nmbrs-by-ref: R-MNT\nsource: TEST\n\n"
    "as-set: AS-S\nmembers: AS65001, AS65002\nsource: TEST\n\n"
    "route: 10.1.0.0/16\norigin: AS65001\nsource: TEST\n\n"
    "route6: 2001:db8:5::/48\norigin: AS65001\nsource: TEST\n\n"
    "route: 172.16.0.0/12\norigin: AS65002\nmember-of: RS-REF\nmnt-by: R-MNT\nsource: TEST\n\n"
    "route: 172.32.0.0/12\norigin: AS65003\nmember-of: RS-REF\nmnt-by: X-MNT\nsource: TEST\n\n";

TEST(ExpandTest, RouteSetsWithOperators) {
  auto db = make_db(kRouteSets);
  auto a = expand_route_set(*db, "rs-a");
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  EXPECT_EQ(ranges(*a), (std::set<std::string>{"192.0.2.0/24", "198.51.100.0/24^+", "10.1.0.0/16",
                                               "2001:db8:5::/48", "203.0.113.0/24^26",
                                               "10.0.0.0/8^26", "2001:db8::/32^48"}));
  EXPECT_TRUE(std::is_sorted(a->prefixes.begin(), a->prefixes.end()));
  EXPECT_EQ(a->asns, asns({65001}));
  // The same set through two operator chains yields both.
  auto d = expand_route_set(*db, "RS-D");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(ranges(*d),
            (std::set<std::string>{"203.0.113.0/24^25", "203.0.113.0/24^-", "10.0.0.0/8^-"}));
  EXPECT_TRUE(d->cycles.empty());
  // An as-set member with an operator: its ASNs' routes, each with the operator.
  auto e = expand_route_set(*db, "RS-E");
  ASSERT_TRUE(e.has_value());
  // (2001:db8:5::/48^24 is empty: no /24 inside a /48.)
  EXPECT_EQ(ranges(*e), (std::set<std::string>{"10.1.0.0/16^24", "172.16.0.0/12^24"}));
  EXPECT_EQ(e->asns, asns({65001, 65002}));
  EXPECT_EQ(e->missing, std::vector<std::string>{"RS-MISSING (from RS-E)"});
  EXPECT_EQ(e->cycles, std::vector<std::string>{"RS-E -> RS-E"});
  // mbrs-by-ref with route objects' member-of.
  auto ref = expand_route_set(*db, "RS-REF");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ranges(*ref), (std::set<std::string>{"192.0.2.0/25", "172.16.0.0/12"}));
  ExpandOptions c;
  c.contributions = true;
  auto ca = expand_route_set(*db, "RS-A", c);
  ASSERT_TRUE(ca.has_value());
  ASSERT_EQ(ca->contributions.size(), 5U);
  EXPECT_EQ(ca->contributions[2].member, "AS65001");
  EXPECT_EQ(ca->contributions[2].prefixes, 2U);
  EXPECT_EQ(ca->contributions[3].member, "RS-B^26");
  EXPECT_EQ(ca->contributions[3].prefixes, 2U);
  EXPECT_EQ(ca->contributions[4].member, "2001:db8::/32^48");
}

TEST(ExpandTest, RouteSetOperatorChainsAreBoundedByMaxSets) {
  // Each level reaches the next through two different operators: 2^40 distinct operator
  // chains without a limit.
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "route-set: RS-L" + std::to_string(i) + "\nmembers: 10.0.0.0/8, RS-L" +
            std::to_string(i + 1) + "^+, RS-L" + std::to_string(i + 1) + "^-\nsource: TEST\n\n";
  }
  text += "route-set: RS-L40\nmembers: 192.0.2.0/24\nsource: TEST\n\n";
  auto db = make_db(text);
  ExpandOptions o;
  o.max_sets = 5000;
  auto ex = expand_route_set(*db, "RS-L0", o);
  ASSERT_TRUE(ex.has_value());
  EXPECT_TRUE(ex->size_limited);
  EXPECT_EQ(ex->sets_visited, 5000U);
  EXPECT_TRUE(ranges(*ex).contains("10.0.0.0/8"));
  EXPECT_TRUE(ranges(*ex).contains("10.0.0.0/8^+"));
}

TEST(ExpandTest, RoutePrefixesPerFamily) {
  auto db = make_db(kRouteSets);
  auto v4 = route_prefixes(*db, {65001, 65002, 65003}, net::Family::kV4, {});
  std::vector<std::string> s;
  for (const auto& p : v4) s.push_back(p.to_string());
  EXPECT_EQ(s, (std::vector<std::string>{"10.1.0.0/16", "172.16.0.0/12", "172.32.0.0/12"}));
  auto v6 = route_prefixes(*db, {65001}, net::Family::kV6, {});
  ASSERT_EQ(v6.size(), 1U);
  EXPECT_EQ(v6[0].to_string(), "2001:db8:5::/48");
  EXPECT_TRUE(route_prefixes(*db, {1, 2}, net::Family::kV4, {}).empty());
  // Unsorted input is tolerated.
  EXPECT_EQ(route_prefixes(*db, {65003, 65001}, net::Family::kV4, {}).size(), 2U);
}

// ---- real data: an independent expansion of every RIPE as-set --------------------------------

struct RawSet {
  std::vector<std::string> members;
};

// Reads as-set objects from an RPSL dump with minimal line parsing of its own.
std::map<std::string, RawSet> read_raw_sets(const std::string& path) {
  std::map<std::string, RawSet> sets;
  auto src = core::open_input(path);
  if (!src) return sets;
  std::string data;
  std::vector<std::byte> buf(1 << 20);
  while (true) {
    auto n = (*src)->read(buf);
    if (!n || *n == 0) break;
    data.append(reinterpret_cast<const char*>(buf.data()), *n);
  }
  auto upper = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  auto items = [&](std::string v, std::vector<std::string>& out) {
    if (auto h = v.find('#'); h != std::string::npos) v.resize(h);
    std::string cur;
    for (char c : v + " ") {
      if (c == ',' || c == ' ' || c == '\t' || c == '\r') {
        if (!cur.empty()) out.push_back(upper(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
  };
  std::string name;
  std::string attr;
  std::vector<std::string> members;
  auto flush = [&] {
    if (!name.empty()) sets[name].members = members;
    name.clear();
    attr.clear();
    members.clear();
  };
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string line = data.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == ' ' || line[0] == '\t' || line[0] == '+') {
      if (attr == "members") items(line.substr(1), members);
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    attr = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    if (attr == "as-set") {
      std::vector<std::string> v;
      items(value, v);
      if (!v.empty()) name = v[0];
    } else if (attr == "members") {
      items(value, members);
    }
  }
  flush();
  return sets;
}

bool is_asn(const std::string& m) {
  return m.size() > 2 && m.starts_with("AS") &&
         std::all_of(m.begin() + 2, m.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Brute {
  std::set<net::Asn> asns;
  std::set<std::string> missing, cycles;
  std::size_t visited = 0;
};

// The raw sets with members resolved to indexes once, for a fast recursive DFS.
struct BruteGraph {
  explicit BruteGraph(const std::map<std::string, RawSet>& sets) {
    std::map<std::string, int> index;
    for (const auto& [name, raw] : sets) {
      index[name] = static_cast<int>(names.size());
      names.push_back(name);
    }
    for (const auto& [name, raw] : sets) {
      Node n;
      for (const std::string& m : raw.members) {
        if (is_asn(m)) {
          n.items.push_back({0, static_cast<net::Asn>(std::stoul(m.substr(2))), {}});
        } else if (m == "AS-ANY") {
          continue;
        } else if (auto it = index.find(m); it != index.end()) {
          n.items.push_back({1, static_cast<net::Asn>(it->second), {}});
        } else {
          n.items.push_back({2, 0, m});
        }
      }
      nodes.push_back(std::move(n));
    }
    state.assign(nodes.size(), 0);
  }
  Brute expand(const std::string& root) {
    Brute b;
    std::fill(state.begin(), state.end(), 0);
    auto it = std::find(names.begin(), names.end(), root);
    dfs(static_cast<int>(it - names.begin()), b);
    return b;
  }
  void dfs(int s, Brute& b) {
    state[static_cast<std::size_t>(s)] = 1;
    ++b.visited;
    for (const Item& i : nodes[static_cast<std::size_t>(s)].items) {
      if (i.kind == 0) {
        b.asns.insert(i.value);
      } else if (i.kind == 2) {
        b.missing.insert(i.missing + " (from " + names[static_cast<std::size_t>(s)] + ")");
      } else if (state[i.value] == 1) {
        b.cycles.insert(names[static_cast<std::size_t>(s)] + " -> " + names[i.value]);
      } else if (state[i.value] == 0) {
        dfs(static_cast<int>(i.value), b);
      }
    }
    state[static_cast<std::size_t>(s)] = 2;
  }
  struct Item {
    int kind;  // 0 ASN, 1 set, 2 missing set
    net::Asn value;
    std::string missing;
  };
  struct Node {
    std::vector<Item> items;
  };
  std::vector<std::string> names;
  std::vector<Node> nodes;
  std::vector<std::uint8_t> state;
};

class RealExpandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kRpsl)) return;
    db_ = std::make_unique<Database>();
    LoadOptions o;
    o.progress = false;
    for (const char* f : {"ripe.db.as-set.gz", "ripe-nonauth.db.route.gz",
                          "ripe-nonauth.db.route6.half-a.gz", "ripe-nonauth.db.aut-num.gz"}) {
      ASSERT_TRUE(db_->load_file((kRpsl / f).string(), o).has_value());
    }
    db_->finalize();
    raw_ = read_raw_sets((kRpsl / "ripe.db.as-set.gz").string());
  }
  static void TearDownTestSuite() {
    db_.reset();
    raw_.clear();
  }
  void SetUp() override {
    if (!db_) GTEST_SKIP() << "shared data not found at " << kRpsl;
  }
  static std::unique_ptr<Database> db_;
  static std::map<std::string, RawSet> raw_;
};
std::unique_ptr<Database> RealExpandTest::db_;
std::map<std::string, RawSet> RealExpandTest::raw_;

TEST_F(RealExpandTest, EveryRipeAsSetMatchesAnIndependentExpansion) {
  ASSERT_EQ(raw_.size(), 25174U);
  // Only the RIPE as-sets: the aut-nums' member-of claims (RIPE-NONAUTH) would add ASNs that
  // the brute force does not model; they are checked in MbrsByRefOnRealData.
  ExpandOptions o = allow_empty();
  o.scope = *db_->scope({"RIPE"});
  o.max_depth = 1000;  // the brute force has no depth limit
  std::size_t with_cycles = 0;
  std::size_t with_missing = 0;
  std::size_t empty = 0;
  BruteGraph graph(raw_);
  constexpr std::size_t kStride = 1;  // every set (~40 s under ASan, ~60 s in a Debug build)
  std::size_t n = 0;
  std::size_t compared = 0;
  for (const auto& [name, raw] : raw_) {
    if (n++ % kStride != 0) continue;
    ++compared;
    Brute want = graph.expand(name);
    auto got = expand_as_set(*db_, name, o);
    ASSERT_TRUE(got.has_value()) << name << ": " << got.error().to_string();
    ASSERT_EQ(got->asns, std::vector<net::Asn>(want.asns.begin(), want.asns.end())) << name;
    ASSERT_EQ(got->missing, std::vector<std::string>(want.missing.begin(), want.missing.end()))
        << name;
    ASSERT_EQ(got->cycles, std::vector<std::string>(want.cycles.begin(), want.cycles.end()))
        << name;
    ASSERT_EQ(got->sets_visited, want.visited) << name;
    ASSERT_FALSE(got->depth_limited || got->size_limited) << name;
    with_cycles += got->cycles.empty() ? 0U : 1U;
    with_missing += got->missing.empty() ? 0U : 1U;
    empty += got->asns.empty() ? 1U : 0U;
  }
  // Figures of the 2023 dump (scripted once with an independent Python expansion).
  if (compared == raw_.size()) {
    EXPECT_EQ(with_cycles, 2464U);
    EXPECT_EQ(empty, 2056U);
    EXPECT_EQ(with_missing, 2701U);
  }
}

TEST_F(RealExpandTest, RealDepthTestChainHitsMaxDepth) {
  // Job Snijders' AS15562:AS-LEVEL100 nests 100 levels down to AS15562:AS-LEVEL0.
  auto cut = expand_as_set(*db_, "AS15562:AS-LEVEL100", allow_empty());
  ASSERT_TRUE(cut.has_value());
  EXPECT_TRUE(cut->depth_limited);
  EXPECT_TRUE(cut->asns.empty());
  EXPECT_EQ(cut->max_depth_seen, 64U);
  ExpandOptions deep;
  deep.max_depth = 100;
  auto all = expand_as_set(*db_, "AS15562:AS-LEVEL100", deep);
  ASSERT_TRUE(all.has_value());
  EXPECT_FALSE(all->depth_limited);
  EXPECT_EQ(all->asns, asns({15562}));
  EXPECT_EQ(all->max_depth_seen, 99U);  // AS15562:AS-LEVEL1 holds AS15562
}

TEST_F(RealExpandTest, LargestSetToAsnsAndPrefixes) {
  ExpandOptions ripe;
  ripe.scope = *db_->scope({"RIPE"});
  auto only_ripe = expand_as_set(*db_, "AS3326:AS-PEERS-UAE", ripe);
  ASSERT_TRUE(only_ripe.has_value());
  EXPECT_EQ(only_ripe->asns.size(), 51095U);  // as the Python expansion found
  ExpandOptions o;                            // with the aut-nums' member-of claims (RIPE-NONAUTH)
  auto t0 = std::chrono::steady_clock::now();
  auto ex = expand_as_set(*db_, "AS3326:AS-PEERS-UAE", o);
  auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(ex.has_value());
  EXPECT_EQ(ex->asns.size(), 51096U);
  EXPECT_EQ(ex->sets_visited, 11061U);
  EXPECT_EQ(ex->cycles.size(), 289U);
  EXPECT_TRUE(ex->partial());  // 2726 missing sets
  auto v4 = route_prefixes(*db_, ex->asns, net::Family::kV4, o.scope);
  auto v6 = route_prefixes(*db_, ex->asns, net::Family::kV6, o.scope);
  auto t2 = std::chrono::steady_clock::now();
  std::set<net::Prefix> want4;
  std::set<net::Prefix> want6;
  std::set<net::Asn> in(ex->asns.begin(), ex->asns.end());
  for (const RouteEntry& r : db_->routes()) {
    if (in.contains(r.origin)) (r.prefix.is_v4() ? want4 : want6).insert(r.prefix);
  }
  EXPECT_EQ(v4, std::vector<net::Prefix>(want4.begin(), want4.end()));
  EXPECT_EQ(v6, std::vector<net::Prefix>(want6.begin(), want6.end()));
  EXPECT_GT(v4.size(), 10000U);
  std::printf(
      "[          ] AS3326:AS-PEERS-UAE: %zu ASNs in %.1f ms, %zu+%zu prefixes in %.1f ms\n",
      ex->asns.size(), std::chrono::duration<double, std::milli>(t1 - t0).count(), v4.size(),
      v6.size(), std::chrono::duration<double, std::milli>(t2 - t1).count());
}

TEST_F(RealExpandTest, SelfReferenceAndContributionsOnRealSets) {
  auto self = expand_as_set(*db_, "AS-RIKSNET");
  ASSERT_TRUE(self.has_value());
  EXPECT_EQ(self->cycles, std::vector<std::string>{"AS-RIKSNET -> AS-RIKSNET"});
  EXPECT_EQ(self->asns, asns({34610, 44123, 44746, 47298, 48495}));

  // Contributions of AS-NETIX's direct members against per-member brute-force closures.
  ExpandOptions o;
  o.contributions = true;
  o.scope = *db_->scope({"RIPE"});
  auto ex = expand_as_set(*db_, "AS-NETIX", o);
  ASSERT_TRUE(ex.has_value());
  const auto& members = raw_.at("AS-NETIX").members;
  ASSERT_EQ(ex->contributions.size(), members.size());
  std::vector<std::set<net::Asn>> closures;
  std::map<net::Asn, int> count;
  BruteGraph graph(raw_);
  for (const std::string& m : members) {
    Brute b;
    if (raw_.contains(m)) {
      b = graph.expand(m);
    } else if (is_asn(m)) {
      b.asns.insert(static_cast<net::Asn>(std::stoul(m.substr(2))));
    }
    for (net::Asn a : b.asns) ++count[a];
    closures.push_back(b.asns);
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Contribution& c = ex->contributions[i];
    EXPECT_EQ(c.member, members[i]);
    EXPECT_EQ(c.asns, closures[i].size()) << members[i];
    std::size_t unique = 0;
    for (net::Asn a : closures[i]) unique += count[a] == 1 ? 1U : 0U;
    EXPECT_EQ(c.unique_asns, unique) << members[i];
    const bool is_set = !is_asn(members[i]);
    EXPECT_EQ(c.missing, is_set && members[i] != "AS-ANY" && !raw_.contains(members[i]))
        << members[i];
  }
}

TEST_F(RealExpandTest, MbrsByRefOnRealData) {
  // These RIPE as-sets have mbrs-by-ref; aut-nums of RIPE-NONAUTH claim them in member-of with
  // a listed maintainer (found with a script over both dumps).
  ExpandOptions ripe_only = allow_empty();
  ripe_only.scope = *db_->scope({"RIPE"});
  EXPECT_TRUE(expand_as_set(*db_, "AS-INFOCOM", ripe_only)->asns.empty());
  ExpandOptions strict;
  strict.scope = ripe_only.scope;
  EXPECT_FALSE(expand_as_set(*db_, "AS-INFOCOM", strict).has_value());
  ripe_only.scope = *db_->scope({"RIPE", "RIPE-NONAUTH"});
  EXPECT_EQ(expand_as_set(*db_, "AS-INFOCOM", ripe_only)->asns, asns({36997}));
  EXPECT_EQ(expand_as_set(*db_, "AS-EGYPTCYBERCENTER")->asns, asns({20858, 25364}));
  EXPECT_EQ(expand_as_set(*db_, "AS-STUMBLEUPON")->asns, asns({53922}));
  EXPECT_EQ(expand_as_set(*db_, "AS-WUSEL")->asns, asns({49745, 132362, 206740, 206813, 206946}));
  EXPECT_EQ(expand_as_set(*db_, "AS-PEERING-TESTBED")->asns,
            asns({33207, 47065, 61574, 61575, 61576, 263842, 263843, 263844}));
}

}  // namespace
}  // namespace manrs::irr
