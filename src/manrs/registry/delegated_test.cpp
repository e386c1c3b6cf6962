// registry/delegated_test.cpp — delegated-extended stats: the real RIPE NCC 2013 file and the
// NRO 2016 excerpt (lines checked by hand with zcat | grep), ranges, overlaps, AS names.
#include "manrs/registry/delegated.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/core/testing/temp_dir.h"
#include "manrs/registry/asnames.h"

namespace manrs::registry {
namespace {

namespace fs = std::filesystem;

fs::path misc() { return fs::path(MANRS_SHARED_DIR) / "data/misc"; }

Result<DelegatedLoadReport> load_text(DelegatedStats& d, std::string_view text,
                                      std::string name = "test.txt") {
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), name);
  if (!src) return src.error();
  return d.load(**src);
}

TEST(DelegatedTest, RipeNcc2013) {
  const fs::path f = misc() / "rir-delegated/delegated-ripencc-extended-20130418.gz";
  if (!fs::exists(f)) GTEST_SKIP() << "shared data not found: " << f;
  DelegatedStats d;
  auto r = d.load_file(f.string());
  ASSERT_TRUE(r) << r.error().to_string();
  // The file's own summary line: ripencc|*|asn|*|28184|summary (every record has value 1).
  EXPECT_EQ(r->asn_records, 28184U);
  EXPECT_EQ(r->lines, 111227U);  // zcat | wc -l
  d.finalize();
  // ripencc|EU|asn|3333|1|19940519|allocated
  const Delegation* x = d.find(3333);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->registry, "ripencc");
  EXPECT_EQ(x->cc, "EU");
  EXPECT_EQ(x->status, "allocated");
  EXPECT_EQ(x->date, 769305600);
  EXPECT_EQ(x->opaque_id, "");
  EXPECT_TRUE(d.is_delegated(3333));
  // ripencc|NO|asn|224|1|19930901|allocated; ripencc|DE|asn|196608|1|20070102|allocated
  ASSERT_NE(d.find(224), nullptr);
  ASSERT_NE(d.find(196608), nullptr);
  EXPECT_EQ(d.find(224)->cc, "NO");
  EXPECT_EQ(d.find(196608)->cc, "DE");
  // ripencc||asn|60882|1||available
  ASSERT_NE(d.find(60882), nullptr);
  EXPECT_EQ(d.find(60882)->status, "available");
  EXPECT_EQ(d.find(60882)->cc, "");
  EXPECT_FALSE(d.find(60882)->date.has_value());
  EXPECT_FALSE(d.is_delegated(60882));
  // AS1 is ARIN's: not in this file.
  EXPECT_EQ(d.find(1), nullptr);
  EXPECT_FALSE(d.is_delegated(1));
}

TEST(DelegatedTest, NroExcerptWithOpaqueIds) {
  const fs::path f = misc() / "rir-delegated/nro-extended-delegated-stats-20160406-excerpt.txt";
  if (!fs::exists(f)) GTEST_SKIP() << "shared data not found: " << f;
  DelegatedStats d;
  auto r = d.load_file(f.string());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->asn_records, 4U);
  EXPECT_EQ(r->other_records, 11U);
  d.finalize();
  // arin|US|asn|1|1|20010920|assigned|abc43e5fcdb68e284085cf6f1b34834e|e-stats
  const Delegation* a = d.find(1);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->registry, "arin");
  EXPECT_EQ(a->status, "assigned");
  EXPECT_EQ(a->opaque_id, "abc43e5fcdb68e284085cf6f1b34834e");
  EXPECT_EQ(a->date, 1000944000);
  // iana|ZZ|asn|0|1|19920101|ietf|ietf|iana
  ASSERT_NE(d.find(0), nullptr);
  EXPECT_EQ(d.find(0)->status, "ietf");
  EXPECT_FALSE(d.is_delegated(0));
  EXPECT_EQ(d.find(2), nullptr);
}

TEST(DelegatedTest, RangesAreLookedUpWithoutExpansion) {
  DelegatedStats d;
  auto r = load_text(d,
                     "2|apnic|20230101|3|19830613|20230101|+1000\n"
                     "apnic|*|asn|*|3|summary\n"
                     "# a comment\n"
                     "\n"
                     "apnic|JP|asn|4608|1024|19961004|allocated|A91A7381|e-stats\n"
                     "iana|ZZ|asn|4200000000|94967296|20160406|reserved||iana\r\n"
                     "apnic|AU|asn|4200000100|1|20230101|assigned|X|e-stats\n"
                     "apnic|AU|ipv4|1.0.0.0|256|20110811|assigned|A91872ED|e-stats");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->asn_records, 3U);
  d.finalize();
  EXPECT_EQ(d.size(), 3U);
  EXPECT_EQ(d.find(4607), nullptr);
  ASSERT_NE(d.find(4608), nullptr);
  ASSERT_NE(d.find(5631), nullptr);
  EXPECT_EQ(d.find(4608)->cc, "JP");
  EXPECT_EQ(d.find(5631)->cc, "JP");
  EXPECT_EQ(d.find(5632), nullptr);
  ASSERT_NE(d.find(4294967295U), nullptr);  // 4200000000 + 94967296 - 1
  EXPECT_EQ(d.find(4294967295U)->status, "reserved");
  // Inside the IANA reserved range, the assigned record wins.
  EXPECT_EQ(d.find(4200000100U)->status, "assigned");
  EXPECT_TRUE(d.is_delegated(4200000100U));
  EXPECT_FALSE(d.is_delegated(4200000101U));
}

TEST(DelegatedTest, BadLinesAreErrorsWithLineAndField) {
  struct Case {
    std::string_view text;
    std::string_view error;
  };
  const Case cases[] = {
      {"2|x|1|1|1|1|1\narin|US|asn|1|1|20010920\n",
       "test.txt:2: record: want registry|cc|type|start|value|date|status[|opaque-id], have "
       "'arin|US|asn|1|1|20010920'"},
      {"arin|US|asn|x1|1|20010920|assigned\n",
       "test.txt:1: start: want an AS number 0..4294967295, have 'x1'"},
      {"arin|US|asn|4294967295|2|20010920|assigned\n",
       "test.txt:1: value: want a count 1..1, have '2'"},
      {"arin|US|asn|1|0|20010920|assigned\n",
       "test.txt:1: value: want a count 1..4294967295, have '0'"},
      {"arin|US|asn|1|99999999999999999999999|20010920|assigned\n",
       "test.txt:1: value: want a count 1..4294967295, have '99999999999999999999999'"},
      {"arin|US|asn|1|1|20011340|assigned\n", "test.txt:1: date: want YYYYMMDD, have '20011340'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    DelegatedStats d;
    auto r = load_text(d, c.text);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(r.error().to_string(), c.error);
    d.finalize();
    EXPECT_EQ(d.size(), 0U);
  }
  DelegatedStats d;
  const std::string long_line(10000, 'a');
  auto r = load_text(d, long_line);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "test.txt:1");
}

TEST(AsNamesTest, PyasnFile) {
  const fs::path f = misc() / "pyasn-asnames.json.gz";
  if (!fs::exists(f)) GTEST_SKIP() << "shared data not found: " << f;
  AsNames names;
  auto r = names.load_file(f.string());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_GT(*r, 50000U);
  // The first entries of the file (zcat | head -c 600).
  EXPECT_EQ(names.name(50088), "FITL-IE Fort Technologies, GB");
  EXPECT_EQ(names.name(11543), "NYS-BOE - NYS BOARD OF ELECTIONS, US");
  EXPECT_EQ(names.name(4294967295U), "");
}

TEST(AsNamesTest, HandMadeAndErrors) {
  AsNames names;
  auto r = names.load_text(R"({"64500": "EXAMPLE-AS Example \u00e9, NL", "AS64501": "B",
                              "64502": null})",
                           "names.json");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(*r, 2U);
  EXPECT_EQ(names.name(64500), "EXAMPLE-AS Example \xc3\xa9, NL");
  EXPECT_EQ(names.name(64501), "B");
  EXPECT_EQ(names.name(64502), "");
  ASSERT_TRUE(names.load_text(R"({"64501": "C"})", "more.json"));
  EXPECT_EQ(names.name(64501), "C");
  EXPECT_EQ(names.size(), 2U);

  r = names.load_text(R"({"x1": "A"})", "bad.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(), "bad.json:1: offset 7: key: want an AS number, have \"x1\"");
  r = names.load_text(R"({"1": 5})", "bad.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(), "bad.json:1: offset 6: 1: want a string, have 5");
  r = names.load_text(R"(["a"])", "arr.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
}

}  // namespace
}  // namespace manrs::registry
