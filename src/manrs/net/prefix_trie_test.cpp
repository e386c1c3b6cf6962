#include "manrs/net/prefix_trie.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::net {
namespace {

Prefix pfx(std::string_view text) {
  auto p = Prefix::parse(text);
  EXPECT_TRUE(p.has_value()) << text;
  return p.has_value() ? *p : Prefix{};
}

IpAddress addr(std::string_view text) {
  auto a = IpAddress::parse(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a.has_value() ? *a : IpAddress{};
}

// "prefix=v1,v2" for each visited prefix, in visit order.
template <typename T>
std::vector<std::string> render(const PrefixTrie<T>& trie, std::string_view query, bool covering) {
  std::vector<std::string> out;
  auto f = [&](const Prefix& p, const ValueList<T>& values) {
    std::string s = p.to_string() + "=";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) {
        s += ',';
      }
      s += std::to_string(values[i]);
    }
    out.push_back(s);
  };
  if (covering) {
    trie.covering(pfx(query), f);
  } else {
    trie.covered(pfx(query), f);
  }
  return out;
}

using Strings = std::vector<std::string>;

// A small table with nesting, siblings, a branching point without a value, and both families.
PrefixTrie<int> sample() {
  PrefixTrie<int> trie;
  const std::pair<std::string_view, int> entries[] = {
      {"10.0.0.0/8", 1},       {"10.0.0.0/16", 2},      {"10.0.0.0/24", 3},
      {"10.1.0.0/16", 4},      {"0.0.0.0/0", 5},        {"192.0.2.0/24", 6},
      {"192.0.2.128/25", 7},   {"198.51.100.0/24", 8},  {"203.0.113.7/32", 9},
      {"2001:db8::/32", 10},   {"2001:db8:1::/48", 11}, {"::/0", 12},
      {"2001:db8::1/128", 13}, {"10.0.0.0/16", 14},  // a second value for 10.0.0.0/16
  };
  for (const auto& [text, value] : entries) {
    trie.insert(pfx(text), value);
  }
  return trie;
}

TEST(PrefixTrieTest, EmptyTrieFindsNothing) {
  PrefixTrie<int> trie;
  EXPECT_EQ(trie.size(), 0U);
  EXPECT_TRUE(trie.empty());
  EXPECT_EQ(trie.find_exact(pfx("10.0.0.0/8")), nullptr);
  EXPECT_FALSE(trie.longest_match(addr("10.0.0.1")).has_value());
  EXPECT_TRUE(render(trie, "0.0.0.0/0", true).empty());
  EXPECT_TRUE(render(trie, "0.0.0.0/0", false).empty());
  int calls = 0;
  trie.for_each([&](const Prefix&, const ValueList<int>&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(PrefixTrieTest, CountsPrefixesAndValues) {
  PrefixTrie<int> trie = sample();
  EXPECT_EQ(trie.size(), 13U);
  EXPECT_EQ(trie.value_count(), 14U);
  EXPECT_FALSE(trie.empty());
  EXPECT_GT(trie.memory_bytes(), 0U);
  trie.clear();
  EXPECT_EQ(trie.size(), 0U);
  EXPECT_EQ(trie.value_count(), 0U);
  EXPECT_EQ(trie.find_exact(pfx("10.0.0.0/8")), nullptr);
  trie.insert(pfx("10.0.0.0/8"), 1);
  EXPECT_EQ(trie.size(), 1U);
}

TEST(PrefixTrieTest, FindsExactPrefixes) {
  const PrefixTrie<int> trie = sample();
  struct Case {
    std::string_view prefix;
    std::vector<int> values;  // empty: not stored
  };
  const Case cases[] = {
      {"10.0.0.0/8", {1}},       {"10.0.0.0/16", {2, 14}},  // insertion order
      {"10.0.0.0/24", {3}},      {"0.0.0.0/0", {5}},       {"203.0.113.7/32", {9}}, {"::/0", {12}},
      {"2001:db8::1/128", {13}}, {"10.0.0.0/12", {}},  // between stored lengths
      {"10.0.0.0/25", {}},                             // below a leaf
      {"11.0.0.0/8", {}},                              // a sibling
      {"192.0.0.0/5", {}},    // where 192.0.2.0/24 and 198.51.100.0/24 branch
      {"192.0.2.0/25", {}},   // the other half of 192.0.2.0/24
      {"2001:db8::/48", {}},  // v6 sibling of 2001:db8:1::/48
      {"2001:db8::/31", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.prefix);
    const ValueList<int>* values = trie.find_exact(pfx(c.prefix));
    if (c.values.empty()) {
      EXPECT_EQ(values, nullptr);
      continue;
    }
    ASSERT_NE(values, nullptr);
    EXPECT_EQ(std::vector<int>(values->begin(), values->end()), c.values);
  }
}

TEST(PrefixTrieTest, BranchingNodesHoldNoValue) {
  // 10.0/16 and 10.128/16 meet at 10.0.0.0/8, which the trie creates but does not store.
  PrefixTrie<int> trie;
  trie.insert(pfx("10.0.0.0/16"), 1);
  trie.insert(pfx("10.128.0.0/16"), 2);
  EXPECT_EQ(trie.size(), 2U);
  EXPECT_EQ(trie.find_exact(pfx("10.0.0.0/8")), nullptr);
  EXPECT_EQ(render(trie, "10.0.0.0/24", true), (Strings{"10.0.0.0/16=1"}));
  EXPECT_EQ(render(trie, "10.0.0.0/8", false), (Strings{"10.0.0.0/16=1", "10.128.0.0/16=2"}));
  // Storing the branching point later turns it into a stored prefix.
  trie.insert(pfx("10.0.0.0/8"), 3);
  EXPECT_EQ(render(trie, "10.0.0.0/24", true), (Strings{"10.0.0.0/8=3", "10.0.0.0/16=1"}));
}

TEST(PrefixTrieTest, InsertsAboveExistingPrefixes) {
  // Most specific first, so each insert lands above what is there.
  PrefixTrie<int> trie;
  trie.insert(pfx("10.0.0.0/24"), 1);
  trie.insert(pfx("10.0.0.0/16"), 2);
  trie.insert(pfx("10.0.0.0/8"), 3);
  trie.insert(pfx("0.0.0.0/0"), 4);
  EXPECT_EQ(render(trie, "10.0.0.0/24", true),
            (Strings{"0.0.0.0/0=4", "10.0.0.0/8=3", "10.0.0.0/16=2", "10.0.0.0/24=1"}));
  EXPECT_EQ(trie.size(), 4U);
}

TEST(PrefixTrieTest, CoveringIsShortestFirst) {
  const PrefixTrie<int> trie = sample();
  struct Case {
    std::string_view query;
    Strings want;
  };
  const Case cases[] = {
      {"10.0.0.128/25", {"0.0.0.0/0=5", "10.0.0.0/8=1", "10.0.0.0/16=2,14", "10.0.0.0/24=3"}},
      {"10.0.0.0/24", {"0.0.0.0/0=5", "10.0.0.0/8=1", "10.0.0.0/16=2,14", "10.0.0.0/24=3"}},
      {"10.0.0.0/8", {"0.0.0.0/0=5", "10.0.0.0/8=1"}},
      {"10.0.0.0/7", {"0.0.0.0/0=5"}},
      {"10.1.2.0/24", {"0.0.0.0/0=5", "10.0.0.0/8=1", "10.1.0.0/16=4"}},
      {"192.0.2.200/32", {"0.0.0.0/0=5", "192.0.2.0/24=6", "192.0.2.128/25=7"}},
      {"192.0.2.0/25", {"0.0.0.0/0=5", "192.0.2.0/24=6"}},
      {"0.0.0.0/0", {"0.0.0.0/0=5"}},
      {"203.0.113.7/32", {"0.0.0.0/0=5", "203.0.113.7/32=9"}},
      {"203.0.113.6/32", {"0.0.0.0/0=5"}},
      {"2001:db8:1:2::/64", {"::/0=12", "2001:db8::/32=10", "2001:db8:1::/48=11"}},
      {"2001:db8::1/128", {"::/0=12", "2001:db8::/32=10", "2001:db8::1/128=13"}},
      {"2001:db9::/32", {"::/0=12"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query);
    EXPECT_EQ(render(trie, c.query, true), c.want);
  }
}

TEST(PrefixTrieTest, CoveredIsInPrefixOrder) {
  const PrefixTrie<int> trie = sample();
  struct Case {
    std::string_view query;
    Strings want;
  };
  const Case cases[] = {
      {"10.0.0.0/8", {"10.0.0.0/8=1", "10.0.0.0/16=2,14", "10.0.0.0/24=3", "10.1.0.0/16=4"}},
      {"10.0.0.0/7", {"10.0.0.0/8=1", "10.0.0.0/16=2,14", "10.0.0.0/24=3", "10.1.0.0/16=4"}},
      {"10.0.0.0/12", {"10.0.0.0/16=2,14", "10.0.0.0/24=3", "10.1.0.0/16=4"}},
      {"10.0.0.0/24", {"10.0.0.0/24=3"}},
      {"10.0.0.0/25", {}},
      {"11.0.0.0/8", {}},
      {"192.0.0.0/8", {"192.0.2.0/24=6", "192.0.2.128/25=7"}},
      {"192.0.2.128/25", {"192.0.2.128/25=7"}},
      {"192.0.2.0/25", {}},
      {"192.0.0.0/2",
       {"192.0.2.0/24=6", "192.0.2.128/25=7", "198.51.100.0/24=8", "203.0.113.7/32=9"}},
      {"0.0.0.0/0",
       {"0.0.0.0/0=5", "10.0.0.0/8=1", "10.0.0.0/16=2,14", "10.0.0.0/24=3", "10.1.0.0/16=4",
        "192.0.2.0/24=6", "192.0.2.128/25=7", "198.51.100.0/24=8", "203.0.113.7/32=9"}},
      {"2001:db8::/32", {"2001:db8::/32=10", "2001:db8::1/128=13", "2001:db8:1::/48=11"}},
      {"2001:db8::/64", {"2001:db8::1/128=13"}},
      {"2001::/16", {"2001:db8::/32=10", "2001:db8::1/128=13", "2001:db8:1::/48=11"}},
      {"2002::/16", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query);
    EXPECT_EQ(render(trie, c.query, false), c.want);
  }
}

TEST(PrefixTrieTest, LongestMatchByAddressAndPrefix) {
  const PrefixTrie<int> trie = sample();
  struct Case {
    std::string_view query;  // an address, or a prefix when it has a '/'
    std::string_view want;   // empty: no match
  };
  const Case cases[] = {
      {"10.0.0.1", "10.0.0.0/24"},
      {"10.0.1.1", "10.0.0.0/16"},
      {"10.2.0.1", "10.0.0.0/8"},
      {"11.0.0.1", "0.0.0.0/0"},
      {"192.0.2.129", "192.0.2.128/25"},
      {"192.0.2.127", "192.0.2.0/24"},
      {"203.0.113.7", "203.0.113.7/32"},
      {"2001:db8::1", "2001:db8::1/128"},
      {"2001:db8::2", "2001:db8::/32"},
      {"2001:db8:1::5", "2001:db8:1::/48"},
      {"3000::", "::/0"},
      {"10.0.0.0/20", "10.0.0.0/16"},
      {"10.0.0.0/8", "10.0.0.0/8"},
      {"10.0.0.0/7", "0.0.0.0/0"},
      {"2001:db8::/31", "::/0"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query);
    auto match = c.query.find('/') == std::string_view::npos ? trie.longest_match(addr(c.query))
                                                             : trie.longest_match(pfx(c.query));
    ASSERT_TRUE(match.has_value());
    EXPECT_EQ(match->prefix.to_string(), c.want);
    EXPECT_EQ(match->values, trie.find_exact(match->prefix));
  }
}

TEST(PrefixTrieTest, FamiliesAreSeparate) {
  PrefixTrie<int> trie;
  trie.insert(pfx("0.0.0.0/0"), 4);
  EXPECT_FALSE(trie.longest_match(addr("::")).has_value());
  EXPECT_FALSE(trie.longest_match(addr("::ffff:10.0.0.1")).has_value());
  EXPECT_EQ(trie.find_exact(pfx("::/0")), nullptr);
  EXPECT_TRUE(render(trie, "::/0", false).empty());
  trie.insert(pfx("::/0"), 6);
  EXPECT_EQ(trie.longest_match(addr("::"))->prefix.to_string(), "::/0");
  EXPECT_EQ(trie.longest_match(addr("0.0.0.0"))->prefix.to_string(), "0.0.0.0/0");
  EXPECT_EQ(trie.size(), 2U);
}

TEST(PrefixTrieTest, ForEachVisitsIpv4ThenIpv6InOrder) {
  const PrefixTrie<int> trie = sample();
  Strings seen;
  trie.for_each([&](const Prefix& p, const ValueList<int>&) { seen.push_back(p.to_string()); });
  const Strings want = {
      "0.0.0.0/0",     "10.0.0.0/8",      "10.0.0.0/16",     "10.0.0.0/24",    "10.1.0.0/16",
      "192.0.2.0/24",  "192.0.2.128/25",  "198.51.100.0/24", "203.0.113.7/32", "::/0",
      "2001:db8::/32", "2001:db8::1/128", "2001:db8:1::/48",
  };
  EXPECT_EQ(seen, want);
}

TEST(PrefixTrieTest, CallbackReturningFalseStops) {
  const PrefixTrie<int> trie = sample();
  Strings seen;
  auto first_two = [&](const Prefix& p, const ValueList<int>&) {
    seen.push_back(p.to_string());
    return seen.size() < 2;
  };
  trie.for_each(first_two);
  EXPECT_EQ(seen, (Strings{"0.0.0.0/0", "10.0.0.0/8"}));
  seen.clear();
  trie.covering(pfx("10.0.0.0/24"), first_two);
  EXPECT_EQ(seen, (Strings{"0.0.0.0/0", "10.0.0.0/8"}));
  seen.clear();
  trie.covered(pfx("10.0.0.0/8"), first_two);
  EXPECT_EQ(seen, (Strings{"10.0.0.0/8", "10.0.0.0/16"}));
  // Stopping inside IPv4 does not go on to IPv6.
  seen.clear();
  trie.for_each([&](const Prefix& p, const ValueList<int>&) {
    seen.push_back(p.to_string());
    return false;
  });
  EXPECT_EQ(seen, (Strings{"0.0.0.0/0"}));
}

TEST(PrefixTrieTest, HostAndDefaultRoutesAtTheEdges) {
  PrefixTrie<int> trie;
  trie.insert(pfx("255.255.255.255/32"), 1);
  trie.insert(pfx("0.0.0.0/32"), 2);
  trie.insert(pfx("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), 3);
  trie.insert(pfx("::/128"), 4);
  trie.insert(pfx("8000::/1"), 5);
  trie.insert(pfx("::/1"), 6);
  EXPECT_EQ(trie.longest_match(addr("255.255.255.255"))->prefix.to_string(), "255.255.255.255/32");
  EXPECT_EQ(trie.longest_match(addr("0.0.0.0"))->prefix.to_string(), "0.0.0.0/32");
  EXPECT_FALSE(trie.longest_match(addr("0.0.0.1")).has_value());
  EXPECT_EQ(trie.longest_match(addr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))->prefix.to_string(),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
  EXPECT_EQ(trie.longest_match(addr("ffff::"))->prefix.to_string(), "8000::/1");
  EXPECT_EQ(trie.longest_match(addr("::"))->prefix.to_string(), "::/128");
  EXPECT_EQ(trie.longest_match(addr("::1"))->prefix.to_string(), "::/1");
  EXPECT_EQ(render(trie, "::/0", false),
            (Strings{"::/1=6", "::/128=4", "8000::/1=5",
                     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128=3"}));
}

TEST(PrefixTrieTest, ValuesAreMutableThroughFindExact) {
  PrefixTrie<int> trie;
  ValueList<int>& inserted = trie.insert(pfx("192.0.2.0/24"), 1);
  EXPECT_EQ(inserted.size(), 1U);
  ValueList<int>* values = trie.find_exact(pfx("192.0.2.0/24"));
  ASSERT_NE(values, nullptr);
  (*values)[0] = 42;
  values->push_back(43);
  EXPECT_EQ(render(trie, "192.0.2.0/24", false), (Strings{"192.0.2.0/24=42,43"}));
  EXPECT_EQ(trie.value_count(), 1U);  // push_back on the list bypasses the trie's count
}

TEST(PrefixTrieTest, HoldsMoveOnlyValues) {
  PrefixTrie<std::unique_ptr<int>> trie;
  trie.insert(pfx("10.0.0.0/8"), std::make_unique<int>(1));
  trie.insert(pfx("10.0.0.0/8"), std::make_unique<int>(2));
  trie.insert(pfx("10.0.0.0/8"), std::make_unique<int>(3));
  const auto* values = trie.find_exact(pfx("10.0.0.0/8"));
  ASSERT_NE(values, nullptr);
  ASSERT_EQ(values->size(), 3U);
  EXPECT_EQ(*(*values)[0], 1);
  EXPECT_EQ(*(*values)[2], 3);
}

TEST(PrefixTrieTest, CompactKeepsContentsAndAcceptsInserts) {
  PrefixTrie<int> empty;
  empty.compact();
  EXPECT_TRUE(empty.empty());

  PrefixTrie<int> trie = sample();
  auto all = [&] {
    Strings seen;
    trie.for_each([&](const Prefix& p, const ValueList<int>& v) {
      seen.push_back(p.to_string() + "=" + std::to_string(v[0]) + "/" + std::to_string(v.size()));
    });
    return seen;
  };
  const Strings before = all();
  const std::size_t bytes_before = trie.memory_bytes();
  trie.compact();
  EXPECT_EQ(all(), before);
  EXPECT_LE(trie.memory_bytes(), bytes_before);
  EXPECT_EQ(trie.size(), 13U);
  EXPECT_EQ(trie.value_count(), 14U);
  EXPECT_EQ(render(trie, "10.0.0.128/25", true),
            (Strings{"0.0.0.0/0=5", "10.0.0.0/8=1", "10.0.0.0/16=2,14", "10.0.0.0/24=3"}));
  EXPECT_EQ(trie.longest_match(addr("2001:db8:1::5"))->prefix.to_string(), "2001:db8:1::/48");
  // Inserting after compact: above, below and beside existing nodes.
  trie.insert(pfx("10.0.0.0/12"), 20);
  trie.insert(pfx("10.0.0.0/25"), 21);
  trie.insert(pfx("10.0.0.0/16"), 22);
  trie.insert(pfx("2001:db8:2::/48"), 23);
  EXPECT_EQ(render(trie, "10.0.0.0/25", true),
            (Strings{"0.0.0.0/0=5", "10.0.0.0/8=1", "10.0.0.0/12=20", "10.0.0.0/16=2,14,22",
                     "10.0.0.0/24=3", "10.0.0.0/25=21"}));
  EXPECT_EQ(render(trie, "2001:db8::/32", false),
            (Strings{"2001:db8::/32=10", "2001:db8::1/128=13", "2001:db8:1::/48=11",
                     "2001:db8:2::/48=23"}));
  trie.compact();
  EXPECT_EQ(trie.size(), 16U);
  EXPECT_EQ(trie.value_count(), 18U);
}

TEST(ValueListTest, KeepsInsertionOrderInlineAndOnTheHeap) {
  ValueList<int> list;
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(list.size(), 0U);
  EXPECT_EQ(list.begin(), list.end());
  std::vector<int> want;
  for (int i = 0; i < 10; ++i) {
    list.push_back(i);
    want.push_back(i);
    EXPECT_EQ(std::vector<int>(list.begin(), list.end()), want);
    EXPECT_EQ(list.span().size(), want.size());
  }
  EXPECT_GT(list.heap_bytes(), 0U);
  EXPECT_EQ(ValueList<int>(7).heap_bytes(), 0U);
}

}  // namespace
}  // namespace manrs::net
