// Tests of the VRP/ASPA readers (rpki/reader.h): format names and detection, every input shape
// (rpki-client / Routinator / RIPE / StayRTR JSON, CSV variants, ROA lists, BIRD 1/2, OpenBGPD),
// ASN spellings, the ASPA family merge, problems with file:line and field, strict mode, the
// bounded problem list, compressed files, and counts on the real samples in ../shared/data/vrp
// (checked independently with Python: see the comments at each count).
#include "manrs/rpki/reader.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/core/testing/temp_dir.h"
#include "manrs/rpki/io_common.h"

namespace manrs::rpki {
namespace {

const std::filesystem::path kVrpDir = std::filesystem::path(MANRS_SHARED_DIR) / "data/vrp";

#define REQUIRE_SHARED(path)                                                        \
  do {                                                                              \
    if (!std::filesystem::exists(path)) {                                           \
      GTEST_SKIP() << "shared data not found: " << (path) << " (../shared absent)"; \
    }                                                                               \
  } while (false)

std::string vrp_text(const VrpSet& set, const Vrp& v) {
  std::string s = fmt::format("{} {} AS{}", v.prefix.to_string(), unsigned{v.max_length}, v.asn);
  if (v.ta != 0) s += fmt::format(" ta={}", set.ta_name(v.ta));
  if (v.expires != 0) s += fmt::format(" exp={}", v.expires);
  return s;
}

std::vector<std::string> vrps_of(const VrpSet& set) {
  std::vector<std::string> out;
  for (const auto& v : set.vrps) out.push_back(vrp_text(set, v));
  return out;
}

std::string aspa_text(const Aspa& a) {
  std::string s = fmt::format("AS{} ->", a.customer);
  for (auto p : a.providers) s += fmt::format(" {}", p);
  return s;
}

std::vector<std::string> aspas_of(const VrpSet& set) {
  std::vector<std::string> out;
  for (const auto& a : set.aspas) out.push_back(aspa_text(a));
  return out;
}

VrpSet parse_ok(std::string_view text, ReadReport* report = nullptr,
                const ReadOptions& options = {}) {
  auto set = parse_vrps(text, "in", options, report);
  EXPECT_TRUE(set.has_value()) << set.error().to_string();
  return set.has_value() ? std::move(*set) : VrpSet{};
}

ReadOptions with_format(Format f) {
  ReadOptions o;
  o.format = f;
  return o;
}

std::vector<std::string> problems_of(const ReadReport& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) {
    out.push_back(fmt::format("{} {}", to_string(p.code), p.to_string()));
  }
  return out;
}

// ----- names and detection ----------------------------------------------------------------

TEST(VrpReaderFormatTest, NamesRoundTrip) {
  for (Format f : {Format::kAuto, Format::kJson, Format::kCsv, Format::kRoaList, Format::kBird,
                   Format::kOpenBgpd}) {
    auto parsed = parse_format(to_string(f));
    ASSERT_TRUE(parsed.has_value()) << to_string(f);
    EXPECT_EQ(*parsed, f);
  }
  EXPECT_EQ(*parse_format("TEXT"), Format::kRoaList);
  EXPECT_EQ(*parse_format("bird2"), Format::kBird);
  auto bad = parse_format("yaml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(bad.error().message,
            "VRP format: want auto, json, csv, roa-list, bird or openbgpd, have 'yaml'");
}

TEST(VrpReaderFormatTest, DetectsFromContent) {
  struct Case {
    std::string_view text;
    Format want;
  };
  // The empty outputs are what rpki-client 8.2 writes with no VRPs (bird, bird1v4, openbgpd,
  // csv, json; comment lines shortened).
  const Case cases[] = {
      {"{\n\t\"metadata\": {},\n\t\"roas\": [\n\n\t]\n}\n", Format::kJson},
      {"\xEF\xBB\xBF  [1]", Format::kJson},
      {"ASN,IP Prefix,Max Length,Trust Anchor,Expires\n", Format::kCsv},
      {"\"ASN\",\"IP Prefix\",\"Max Length\",\"Trust Anchor\"\n", Format::kCsv},
      {"URI,ASN,IP Prefix,Max Length,Not Before,Not After\n", Format::kCsv},
      {"2017-01-01T00:28:08Z 15830 91.208.152.0/24\n", Format::kRoaList},
      {"# vrps\n192.0.2.0/24 24 65001\n", Format::kRoaList},
      {"192.0.2.0, 24, 24, 65001\n", Format::kRoaList},
      {"# Generated on host vm\n# VRP Entries: 0 (0 unique)\n\ndefine force_roa_table_update = "
       "1795773238;\n\nroa4 table ROAS4;\n",
       Format::kBird},
      {"# Generated\n\nroa table ROAS {\n}\n", Format::kBird},
      {"route 1.0.0.0/24 max 24 as 13335;\n", Format::kBird},
      {"# Generated\nroa-set {\n}\n", Format::kOpenBgpd},
      {"aspa-set {\n}\n", Format::kOpenBgpd},
      {"", Format::kAuto},
      {"# only a comment\n", Format::kAuto},
      {"hello world\n", Format::kAuto},
      {"\x1f\x8b\x08\x00", Format::kAuto},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(detect_format(c.text), c.want);
  }
}

TEST(VrpReaderFormatTest, UnknownFormatIsAnError) {
  auto set = parse_vrps("hello world\nsecond line\n", "x.txt");
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(set.error().to_string(),
            "x.txt: VRP format: want JSON, CSV, a ROA list, BIRD or OpenBGPD, have 'hello world'");
  auto empty = parse_vrps("", "e.txt");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().to_string(),
            "e.txt: VRP format: want JSON, CSV, a ROA list, BIRD or OpenBGPD, have an empty file");
  // An explicit format reads an empty input as an empty set.
  ReadOptions o;
  o.format = Format::kRoaList;
  auto none = parse_vrps("", "e.txt", o);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->vrps.empty());
}

// ----- JSON -------------------------------------------------------------------------------

TEST(VrpReaderJsonTest, RpkiClientShape) {
  const std::string_view json = R"({
	"metadata": {
		"buildmachine": "josephine",
		"buildtime": "2021-09-01T00:04:19Z",
		"vrps": 99999999
	},
	"roas": [
		{ "asn": 13335, "prefix": "1.0.0.0/24", "maxLength": 24, "ta": "apnic", "expires": 1630592339 },
		{ "asn": "AS38803", "prefix": "1.0.4.0/22", "maxLength": "24", "ta": "apnic" },
		{ "asn": "as4134", "prefix": "2001:db8::/32", "maxLength": 48, "ta": "ripe", "unknown": [1, {"x": null}] }
	],
	"bgpsec_keys": [
		{ "asn": 15562, "ski": "5D4250E2D81D4448D8A29EFCE91D29FF075EC9E2", "pubkey": "AAEC", "ta": "ripe", "expires": 5 }
	],
	"aspas": [
		{ "customer_asid": 15562, "expires": 1630592339, "providers": [ 8283, 2914, 2914 ] }
	],
	"nonfunc_cas": []
})";
  ReadReport r;
  VrpSet set = parse_ok(json, &r);
  EXPECT_EQ(r.format, Format::kJson);
  EXPECT_EQ(r.entries, 5U);
  EXPECT_EQ(r.rejected, 0U);
  EXPECT_EQ(set.metadata.build_time, 1630454659);  // python: 2021-09-01T00:04:19Z
  EXPECT_EQ(set.metadata.generator, "rpki-client");
  EXPECT_EQ(vrps_of(set), (std::vector<std::string>{
                              "1.0.0.0/24 24 AS13335 ta=apnic exp=1630592339",
                              "1.0.4.0/22 24 AS38803 ta=apnic",
                              "2001:db8::/32 48 AS4134 ta=ripe",
                          }));
  ASSERT_EQ(set.router_keys.size(), 1U);
  const RouterKey& k = set.router_keys[0];
  EXPECT_EQ(k.asn, 15562U);
  EXPECT_EQ(k.ski[0], 0x5d);
  EXPECT_EQ(k.ski[19], 0xe2);
  EXPECT_EQ(k.spki, (std::vector<std::uint8_t>{0x00, 0x01, 0x02}));
  EXPECT_EQ(set.ta_name(k.ta), "ripe");
  EXPECT_EQ(k.expires, 5);
  EXPECT_EQ(aspas_of(set), (std::vector<std::string>{"AS15562 -> 2914 8283"}));
  EXPECT_EQ(set.aspas[0].expires, 1630592339);
}

TEST(VrpReaderJsonTest, AsnSpellings) {
  const std::string_view json = R"({"roas": [
    {"asn": 65001, "prefix": "192.0.2.0/24", "maxLength": 24},
    {"asn": "65002", "prefix": "192.0.2.0/24", "maxLength": 24},
    {"asn": "AS65003", "prefix": "192.0.2.0/24", "maxLength": 24},
    {"asn": "as65004", "prefix": "192.0.2.0/24", "maxLength": 24},
    {"asn": "1.10", "prefix": "192.0.2.0/24", "maxLength": 24},
    {"asn": 4294967295, "prefix": "192.0.2.0/24", "maxLength": 24}
  ]})";
  VrpSet set = parse_ok(json);
  std::vector<net::Asn> asns;
  for (const auto& v : set.vrps) asns.push_back(v.asn);
  EXPECT_EQ(asns, (std::vector<net::Asn>{65001, 65002, 65003, 65004, 65546, 4294967295U}));
}

TEST(VrpReaderJsonTest, RoutinatorJsonext) {
  REQUIRE_SHARED(kVrpDir / "rpkilog-roa_test.routinator_jsonext.json");
  ReadReport r;
  auto set = read_vrps((kVrpDir / "rpkilog-roa_test.routinator_jsonext.json").string(), {}, &r);
  ASSERT_TRUE(set.has_value()) << set.error().to_string();
  EXPECT_EQ(set->metadata.build_time, 1741556754);  // "generated"
  EXPECT_EQ(set->metadata.generator, "routinator");
  // The trust anchor comes from the first source's "tal".
  EXPECT_EQ(vrps_of(*set), (std::vector<std::string>{"1.0.0.0/24 24 AS13335 ta=apnic",
                                                     "2c0f:fff0::/32 128 AS37125 ta=afrinic"}));
}

TEST(VrpReaderJsonTest, RoutinatorRouterKeysAndAspas) {
  // Routinator 0.15 json (test/output/011.json shape) plus a jsonext-style source.
  const std::string_view json = R"({
  "metadata": { "generated": 0, "generatedTime": "1970-01-01T00:00:00Z" },
  "routerKeys": [
    { "asn": "AS1234", "SKI": "0000000000000000000000000000000000000001", "routerPublicKey": "AAAA", "ta": "N/A" }
  ],
  "aspas": [
    { "customer": "AS1234", "providers": ["AS1", "AS2"], "ta": "N/A" },
    { "customer": "AS1234", "providers": ["AS3"], "source": [ { "type": "aspa", "tal": "ripe" } ] }
  ]
})";
  ReadReport r;
  VrpSet set = parse_ok(json, &r);
  EXPECT_EQ(r.entries, 3U);
  ASSERT_EQ(set.router_keys.size(), 1U);
  EXPECT_EQ(set.router_keys[0].asn, 1234U);
  EXPECT_EQ(set.router_keys[0].ski[19], 1);
  EXPECT_EQ(set.router_keys[0].spki, (std::vector<std::uint8_t>{0, 0, 0}));
  EXPECT_EQ(aspas_of(set), (std::vector<std::string>{"AS1234 -> 1 2 3"}));
}

TEST(VrpReaderJsonTest, RipeValidatorShape) {
  const std::string_view json =
      R"({"roas":[{"asn":"AS13335","prefix":"1.0.0.0/24","maxLength":24,"ta":"APNIC RPKI Root"}]})";
  VrpSet set = parse_ok(json);
  EXPECT_EQ(vrps_of(set), (std::vector<std::string>{"1.0.0.0/24 24 AS13335 ta=APNIC RPKI Root"}));
}

TEST(VrpReaderJsonTest, ProviderAuthorizationsMergePerCustomer) {
  // ASPA has no address family in the current profile: ipv4 and ipv6 lists are united.
  const std::string_view json = R"({
  "provider_authorizations": {
    "ipv4": [ { "customer_asid": 65001, "providers": [65002, 65003] } ],
    "ipv6": [ { "customer_asid": 65001, "providers": [65002, 65004] },
              { "customer_asid": "AS65010", "providers": ["AS65011"] } ],
    "other": [ { "ignored": true } ]
  }
})";
  ReadReport r;
  VrpSet set = parse_ok(json, &r);
  EXPECT_EQ(r.entries, 3U);
  EXPECT_EQ(aspas_of(set),
            (std::vector<std::string>{"AS65001 -> 65002 65003 65004", "AS65010 -> 65011"}));
}

TEST(VrpReaderJsonTest, SharedSamples) {
  REQUIRE_SHARED(kVrpDir / "stayrtr-test.rpki.json");
  // python3 json.load: 19 roas (19 distinct), 3 bgpsec_keys, provider_authorizations 2 + 2.
  ReadReport r;
  auto st = read_vrps((kVrpDir / "stayrtr-test.rpki.json").string(), {}, &r);
  ASSERT_TRUE(st.has_value()) << st.error().to_string();
  EXPECT_EQ(r.entries, 19U + 3U + 4U);
  EXPECT_EQ(r.rejected, 0U);
  EXPECT_EQ(st->vrps.size(), 19U);
  EXPECT_EQ(st->router_keys.size(), 3U);
  EXPECT_EQ(aspas_of(*st),
            (std::vector<std::string>{"AS15562 -> 2914 8283 51088 206238",
                                      "AS64496 -> 1299 6939 7480 32097 50058 61138"}));
  EXPECT_EQ(st->metadata.build_time, 1690484162);  // 2023-07-27T18:56:02Z

  auto rc = read_vrps((kVrpDir / "rpkilog-roa_test.rpkiclient2021_json.json").string(), {}, &r);
  ASSERT_TRUE(rc.has_value()) << rc.error().to_string();
  EXPECT_EQ(rc->vrps.size(), 70U);  // python: 70 roas, 70 distinct, TAs afrinic + apnic
  EXPECT_EQ(rc->trust_anchors.size(), 3U);
  EXPECT_EQ(rc->metadata.build_time, 1630454659);

  auto small = read_vrps((kVrpDir / "stayrtr-smalltest.rpki.json").string(), {}, &r);
  ASSERT_TRUE(small.has_value()) << small.error().to_string();
  EXPECT_EQ(vrps_of(*small),
            (std::vector<std::string>{"1.0.0.0/24 24 AS13335 ta=apnic exp=1627568318",
                                      "2001:200:136::/48 48 AS9367 ta=apnic exp=1627575699"}));

  const auto tools = std::filesystem::path(MANRS_SHARED_DIR) / "tools/vrps-small.json";
  REQUIRE_SHARED(tools);
  auto vs = read_vrps(tools.string(), {}, &r);
  ASSERT_TRUE(vs.has_value()) << vs.error().to_string();
  EXPECT_EQ(r.entries, 6U + 2U);
  EXPECT_EQ(vs->vrps.size(), 6U);  // AS0 is a VRP like any other (RFC 6483 §4)
  EXPECT_EQ(aspas_of(*vs), (std::vector<std::string>{"AS65001 -> 65002 65003"}));
}

TEST(VrpReaderJsonTest, SlurmFileIsNotAVrpExport) {
  auto set = parse_vrps(R"({"slurmVersion": 1, "validationOutputFilters": {}})", "slurm.json");
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(set.error().to_string(),
            "slurm.json:1: JSON: want a VRP export (member roas, aspas, bgpsec_keys, routerKeys "
            "or provider_authorizations), have none of them");
}

TEST(VrpReaderJsonTest, BadEntriesAreSkippedWithLineAndPath) {
  const std::string json = R"({
  "roas": [
    { "asn": 65001, "prefix": "192.0.2.0/24", "maxLength": 24 },
    { "asn": 65001, "prefix": "192.0.2.0/24", "maxLength": 16 },
    { "asn": 65001, "prefix": "192.0.2.1/24", "maxLength": 24 },
    { "asn": "AS-1", "prefix": "192.0.2.0/24", "maxLength": 24 },
    { "asn": 65001, "maxLength": 24 },
    { "asn": 65001, "prefix": "192.0.2.0/24", "maxLength": 33 },
    {
      "asn": 65001,
      "prefix": 17,
      "maxLength": 24
    },
    [],
    { "asn": 65001, "prefix": "2001:db8::/32", "maxLength": 24.5 },
    { "asn": 65001, "prefix": "2001:db8::/32", "maxLength": 48, "expires": -1 },
    { "asn": 65001, "prefix": "2001:db8::/32", "maxLength": 48 }
  ],
  "aspas": [
    { "customer_asid": 1, "providers": [] },
    { "customer_asid": 1, "providers": [2, "x"] },
    { "providers": [2] }
  ],
  "bgpsec_keys": [ { "asn": 1, "ski": "00", "pubkey": "AAAA" } ]
})";
  ReadReport r;
  VrpSet set = parse_ok(json, &r);
  EXPECT_EQ(r.entries, 2U);
  EXPECT_EQ(r.rejected, 13U);
  EXPECT_EQ(vrps_of(set),
            (std::vector<std::string>{"192.0.2.0/24 24 AS65001", "2001:db8::/32 48 AS65001"}));
  EXPECT_EQ(
      problems_of(r),
      (std::vector<std::string>{
          "policy in:4: roas[1].maxLength: want 24..32 for 192.0.2.0/24, have 16",
          "malformed in:5: roas[2].prefix: prefix '192.0.2.1/24': want host bits zero, have "
          "192.0.2.1",
          "malformed in:6: roas[3].asn: RFC 5396 ASN: want asplain or asdot, have 'AS-1'",
          "malformed in:7: roas[4].prefix: missing",
          "policy in:8: roas[5].maxLength: want 24..32 for 192.0.2.0/24, have 33",
          "malformed in:9: roas[6].prefix: want a string, have '17'",
          "malformed in:14: roas[7]: want an object, have array",
          "malformed in:15: roas[8].maxLength: want a prefix length 0..128, have '24.5'",
          "malformed in:16: roas[9].expires: want unix seconds, have '-1'",
          "policy in:20: aspas[0].providers: want at least one ASN, have none",
          "malformed in:21: aspas[1].providers[1]: RFC 5396 ASN: want asplain or asdot, have 'x'",
          "malformed in:22: aspas[2].customer_asid: missing",
          "malformed in:24: bgpsec_keys[0].ski: want 40 hex digits, have '00'",
      }));
}

TEST(VrpReaderJsonTest, StructuralErrorsNameTheLine) {
  struct Case {
    std::string_view json;
    std::string_view want;
  };
  const Case cases[] = {
      {"[1, 2]", "in:1: JSON top level: want an object, have array"},
      {"{\n\"roas\": {}\n}", "in:2: JSON roas: want an array, have object"},
      {"{\n\"roas\": [\n{\"asn\": 1,\n", "in:4: JSON: "},
      {"{\"roas\": []} x", "in:1: JSON: "},
      {"{\n\"roas\": [\n\"\xff\"]}", "in:3: JSON: The input is not valid UTF-8"},
      {"{\n\"roas\": [\n\"x]}", "in:3: JSON: "},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.json);
    auto set = parse_vrps(c.json, "in");
    ASSERT_FALSE(set.has_value());
    EXPECT_EQ(set.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(set.error().to_string().substr(0, c.want.size()), c.want);
  }
}

TEST(VrpReaderJsonTest, StrictModeFailsOnTheFirstBadEntry) {
  const std::string_view json = R"({"roas": [
    {"asn": 1, "prefix": "192.0.2.0/24", "maxLength": 24},
    {"asn": 1, "prefix": "192.0.2.0/24", "maxLength": 8}
  ]})";
  ReadOptions o;
  o.strict = true;
  auto set = parse_vrps(json, "s.json", o);
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, ErrorCode::kPolicy);
  EXPECT_EQ(set.error().to_string(),
            "s.json:3: roas[1].maxLength: want 24..32 for 192.0.2.0/24, have 8");
}

TEST(VrpReaderJsonTest, ProblemListIsBoundedCountIsExact) {
  std::string json = "{\"roas\": [\n";
  for (int i = 0; i < 30; ++i) {
    json += fmt::format("{{\"asn\": 1, \"prefix\": \"10.{}.0.0/16\", \"maxLength\": 8}},\n", i);
  }
  json += "{\"asn\": 1, \"prefix\": \"10.0.0.0/8\", \"maxLength\": 8}\n]}";
  ReadOptions o;
  o.max_problems = 5;
  ReadReport r;
  VrpSet set = parse_ok(json, &r, o);
  EXPECT_EQ(set.vrps.size(), 1U);
  EXPECT_EQ(r.rejected, 30U);
  ASSERT_EQ(r.problems.size(), 5U);
  EXPECT_EQ(r.problems[4].source, "in:6");
}

TEST(VrpReaderJsonTest, EscapedKeysAndStrings) {
  const std::string_view json =
      R"({"ro\u0061s": [{"asn": 1, "pr\u0065fix": "192.0.2.0\/24", "maxLength": 24, "ta": "a\"b"}]})";
  VrpSet set = parse_ok(json);
  EXPECT_EQ(vrps_of(set), (std::vector<std::string>{"192.0.2.0/24 24 AS1 ta=a\"b"}));
}

// ----- CSV --------------------------------------------------------------------------------

TEST(VrpReaderCsvTest, Variants) {
  struct Case {
    std::string_view name;
    std::string_view csv;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"rpki-client",
       "ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS13335,1.0.0.0/24,24,apnic,1630592339\n",
       {"1.0.0.0/24 24 AS13335 ta=apnic exp=1630592339"}},
      {"routinator csv",
       "ASN,IP Prefix,Max Length,Trust Anchor\r\nAS196615,93.175.147.0/24,24,ripe\r\n",
       {"93.175.147.0/24 24 AS196615 ta=ripe"}},
      {"routinator csvcompat",
       "\"ASN\",\"IP Prefix\",\"Max Length\",\"Trust Anchor\"\n\"196615\",\"2001:7fb:fd03::/48\","
       "\"48\",\"ripe\"\n",
       {"2001:7fb:fd03::/48 48 AS196615 ta=ripe"}},
      {"routinator csvext",
       "URI,ASN,IP Prefix,Max Length,Not Before,Not After\nrsync://x/a.roa,AS13335,1.0.0.0/24,24,"
       "2021-02-11T14:20:11Z,2031-03-31T00:00:00Z\n",
       {"1.0.0.0/24 24 AS13335 exp=1932681600"}},
      {"columns in another order, blanks, quotes with commas",
       "Trust Anchor , max_length, prefix ,origin as\n\"a,\"\"b\"\" \", 25 , 192.0.2.0/24 , "
       "65001\n",
       {"192.0.2.0/24 25 AS65001 ta=a,\"b\" "}},
      {"no max length column", "ASN,Prefix\n65001,192.0.2.0/24\n", {"192.0.2.0/24 24 AS65001"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ReadReport r;
    VrpSet set = parse_ok(c.csv, &r);
    EXPECT_EQ(r.format, Format::kCsv);
    EXPECT_EQ(vrps_of(set), c.want);
    EXPECT_EQ(r.rejected, 0U) << (r.problems.empty() ? "" : r.problems[0].to_string());
  }
}

TEST(VrpReaderCsvTest, BadRows) {
  const std::string_view csv =
      "ASN,IP Prefix,Max Length,Trust Anchor,Expires\n"
      "AS1,192.0.2.0/24,24,ta,0\n"
      "AS1,192.0.2.0/24\n"
      "ASx,192.0.2.0/24,24,ta,0\n"
      "AS1,192.0.2.0/33,24,ta,0\n"
      "AS1,192.0.2.0/24,23,ta,0\n"
      "AS1,192.0.2.0/24,24,ta,yesterday\n"
      "AS1,\"192.0.2.0/24,24,ta,0\n";
  ReadReport r;
  VrpSet set = parse_ok(csv, &r);
  EXPECT_EQ(set.vrps.size(), 1U);
  EXPECT_EQ(problems_of(r),
            (std::vector<std::string>{
                "malformed in:3: maxLength: missing (column 3, the row has 2)",
                "malformed in:4: asn: RFC 5396 ASN: want asplain or asdot, have 'ASx'",
                "malformed in:5: prefix: prefix length: want 0..32, have '33'",
                "policy in:6: maxLength: want 24..32 for 192.0.2.0/24, have 23",
                "malformed in:7: expires: want unix seconds or an ISO 8601 time, have 'yesterday'",
                "malformed in:8: row: want a closing quote, have none",
            }));
  auto no_header = parse_vrps("a,b,c\n1,2,3\n", "h.csv", with_format(Format::kCsv));
  ASSERT_FALSE(no_header.has_value());
  EXPECT_EQ(no_header.error().to_string(),
            "h.csv:1: CSV header: want columns ASN and IP Prefix, have 'a,b,c'");
}

TEST(VrpReaderCsvTest, SharedSample) {
  REQUIRE_SHARED(kVrpDir / "rpki-irr-bgp-stats-roas.csv");
  ReadReport r;
  auto set = read_vrps((kVrpDir / "rpki-irr-bgp-stats-roas.csv").string(), {}, &r);
  ASSERT_TRUE(set.has_value()) << set.error().to_string();
  // python csv: 49 rows, 49 distinct, 4 IPv6.
  EXPECT_EQ(r.format, Format::kCsv);
  EXPECT_EQ(r.entries, 49U);
  EXPECT_EQ(set->vrps.size(), 49U);
  EXPECT_EQ(set->v6_count(), 4U);
}

// ----- ROA lists --------------------------------------------------------------------------

TEST(VrpReaderRoaListTest, LineShapes) {
  const std::string_view text =
      "# comment\n"
      "2017-01-01T00:27:55Z 62239 185.43.12.0/22-24 2a04:9300::/29-64\n"
      "2017-01-01T00:28:08Z AS15830 91.208.152.0/24\n"
      "192.0.2.0/24 24 65001\n"
      "198.51.100.0, 24, 25, 65002\n"
      "\n";
  ReadReport r;
  VrpSet set = parse_ok(text, &r);
  EXPECT_EQ(r.format, Format::kRoaList);
  EXPECT_EQ(set.metadata.generator, "roa-list");
  EXPECT_EQ(vrps_of(set), (std::vector<std::string>{
                              "91.208.152.0/24 24 AS15830",
                              "185.43.12.0/22 24 AS62239",
                              "192.0.2.0/24 24 AS65001",
                              "198.51.100.0/24 25 AS65002",
                              "2a04:9300::/29 64 AS62239",
                          }));
}

TEST(VrpReaderRoaListTest, BadLines) {
  const std::string_view text =
      "2017-01-01T00:27:55Z 62239 185.43.12.0/22-21 185.43.12.0/22- 185.43.12.1/22\n"
      "2017-13-01T00:27:55Z 62239 185.43.12.0/22 185.43.13.0/24\n"
      "2017-01-01T00:27:55Z AS 185.43.12.0/22\n"
      "192.0.2.0/24 24\n"
      "192.0.2.0, 24, 24\n";
  ReadReport r;
  VrpSet set = parse_ok(text, &r, with_format(Format::kRoaList));
  EXPECT_TRUE(set.vrps.empty());
  EXPECT_EQ(r.rejected, 3U + 2U + 1U + 1U + 1U);
  EXPECT_EQ(problems_of(r),
            (std::vector<std::string>{
                "policy in:1: prefix[0].maxLength: want 22..32 for 185.43.12.0/22, have 21",
                "malformed in:1: prefix[1].maxLength: want a prefix length 0..128, have ''",
                "malformed in:1: prefix[2]: prefix '185.43.12.1/22': want host bits zero, have "
                "185.43.12.1",
                "malformed in:2: time: want ISO 8601 (2017-04-13T17:02:02Z), have "
                "'2017-13-01T00:27:55Z'",
                "malformed in:3: asn: RFC 5396 ASN: want asplain or asdot, have 'AS'",
                "malformed in:4: line: want 'prefix/len maxLength asn', have 2 fields",
                "malformed in:5: line: want 'address, length, maxLength, asn', have 3 fields",
            }));
}

TEST(VrpReaderRoaListTest, SharedSnapshots) {
  // Entries per PROVENANCE.md; unique (prefix, maxLength, asn) and per-family counts computed
  // with Python's ipaddress module.
  struct Case {
    std::string_view file;
    std::size_t entries;
    std::size_t unique;
    std::size_t v4;
    std::size_t v6;
  };
  const Case cases[] = {
      {"roalist-authenticated-2017-04-13T170202Z.txt", 39187, 38575, 33366, 5209},
      {"roalist-authenticated-2017-04-20T172701Z.txt", 39469, 38840, 33609, 5231},
      {"roalist-authenticated-2017-04-27T142607Z.txt", 39613, 38980, 33728, 5252},
      {"roalist-authenticated-2017-05-04T022626Z.txt", 39781, 39140, 33884, 5256},
      {"roalist-authenticated-2017-05-17T023014Z.txt", 40216, 39570, 34263, 5307},
      {"roalist-authenticated-2017-05-25T053325Z.txt", 40663, 40025, 34678, 5347},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    REQUIRE_SHARED(kVrpDir / c.file);
    ReadReport r;
    auto set = read_vrps((kVrpDir / c.file).string(), {}, &r);
    ASSERT_TRUE(set.has_value()) << set.error().to_string();
    EXPECT_EQ(r.format, Format::kRoaList);
    EXPECT_EQ(r.entries, c.entries);
    EXPECT_EQ(r.rejected, 0U);
    EXPECT_EQ(set->vrps.size(), c.unique);
    EXPECT_EQ(set->v4_count(), c.v4);
    EXPECT_EQ(set->v6_count(), c.v6);
  }
}

// ----- BIRD -------------------------------------------------------------------------------

TEST(VrpReaderBirdTest, Bird2AsRpkiClientWritesIt) {
  const std::string_view text =
      "# Generated on host vm at Fri Nov 27 09:53:58 UTC 2026\n"
      "# VRP Entries: 3 (3 unique)\n"
      "\n"
      "define force_roa_table_update = 1795773238;\n"
      "\n"
      "roa4 table ROAS4;\n"
      "roa6 table ROAS6;\n"
      "\n"
      "protocol static {\n"
      "\troa4 { table ROAS4; };\n"
      "\n"
      "\troute 1.0.0.0/24 max 24 as 13335;\n"
      "\troute 1.0.4.0/22 max 24 as 38803; /* a comment */\n"
      "}\n"
      "\n"
      "protocol static {\n"
      "\troa6 { table ROAS6; };\n"
      "\n"
      "\troute 2001:db8::/32 max 48 as 65001;\n"
      "}\n";
  ReadReport r;
  VrpSet set = parse_ok(text, &r);
  EXPECT_EQ(r.format, Format::kBird);
  EXPECT_EQ(set.metadata.build_time, 1795773238);
  EXPECT_EQ(vrps_of(set),
            (std::vector<std::string>{"1.0.0.0/24 24 AS13335", "1.0.4.0/22 24 AS38803",
                                      "2001:db8::/32 48 AS65001"}));
}

TEST(VrpReaderBirdTest, Bird1AndBareLines) {
  VrpSet b1 = parse_ok("# x\n\nroa table ROAS {\n\troa 1.0.0.0/24 max 24 as 13335;\n}\n");
  EXPECT_EQ(vrps_of(b1), (std::vector<std::string>{"1.0.0.0/24 24 AS13335"}));
  VrpSet bare = parse_ok("route 1.0.0.0/24 max 24 as 13335;\nroute 1.0.4.0/22 max 22 as 38803;\n");
  EXPECT_EQ(bare.vrps.size(), 2U);
}

TEST(VrpReaderBirdTest, Problems) {
  const std::string_view text =
      "protocol static {\n"
      "\troute 1.0.0.0/24 max 24 as 13335;\n"
      "\troute 1.0.0.0/24 as 13335;\n"
      "\troute 1.0.0.0/24 max 200 as 13335;\n"
      "\troute 1.0.0.0/24 max 24 as 13335 }\n";
  ReadReport r;
  VrpSet set = parse_ok(text, &r);
  EXPECT_EQ(set.vrps.size(), 1U);
  EXPECT_EQ(problems_of(r),
            (std::vector<std::string>{
                "malformed in:3: route: want 'route <prefix> max <n> as <asn>;', have 'route "
                "1.0.0.0/24 as 13335'",
                "policy in:4: maxLength: want 24..32 for 1.0.0.0/24, have 200",
                "malformed in:5: route: want ';' at the end, have '}'",
            }));
  auto unclosed = parse_vrps("protocol static {\n roa4 { table R; };\n", "b.conf");
  ASSERT_FALSE(unclosed.has_value());
  EXPECT_EQ(unclosed.error().to_string(),
            "b.conf:1: BIRD: want '}' to close this '{', have end of input");
  auto extra = parse_vrps("route 1.0.0.0/24 max 24 as 1;\n}\n", "b.conf");
  ASSERT_FALSE(extra.has_value());
  EXPECT_EQ(extra.error().to_string(), "b.conf:2: BIRD: want '}' to close a '{', have no '{'");
}

// ----- OpenBGPD ---------------------------------------------------------------------------

TEST(VrpReaderOpenBgpdTest, RoaSetAndAspaSet) {
  const std::string_view text =
      "# Generated on host vm\n"
      "roa-set {\n"
      "\t1.0.0.0/24 source-as 13335 expires 1630592339\n"
      "\t1.0.4.0/22 maxlen 24 source-as 38803\n"
      "\t192.0.2.0/24 source-as 65001, 198.51.100.0/24 maxlen 25 \\\n"
      "\t\tsource-as 65002 }\n"
      "\n"
      "aspa-set {\n"
      "\tcustomer-as 15562 expires 1630592339 provider-as { 2914, 8283 }\n"
      "\tcustomer-as 64496 provider-as { 1299 allow inet, 6939 allow inet6 }\n"
      "\tcustomer-as 64496 provider-as { 7480inet6, 1299inet }\n"
      "}\n";
  ReadReport r;
  VrpSet set = parse_ok(text, &r);
  EXPECT_EQ(r.format, Format::kOpenBgpd);
  EXPECT_EQ(r.rejected, 0U) << (r.problems.empty() ? "" : r.problems[0].to_string());
  EXPECT_EQ(vrps_of(set), (std::vector<std::string>{
                              "1.0.0.0/24 24 AS13335 exp=1630592339",
                              "1.0.4.0/22 24 AS38803",
                              "192.0.2.0/24 24 AS65001",
                              "198.51.100.0/24 25 AS65002",
                          }));
  EXPECT_EQ(aspas_of(set),
            (std::vector<std::string>{"AS15562 -> 2914 8283", "AS64496 -> 1299 6939 7480"}));
  EXPECT_EQ(set.aspas[0].expires, 1630592339);
}

TEST(VrpReaderOpenBgpdTest, Problems) {
  const std::string_view text =
      "roa-set {\n"
      "\t1.0.0.0/24 source-as 13335\n"
      "\t1.0.0.0/24 maxlen 8 source-as 13335\n"
      "\t1.0.0.0/24 source 13335\n"
      "\t1.0.0.0/24 source-as 13335 expires soon\n"
      "}\n"
      "aspa-set {\n"
      "\tcustomer-as 1 provider-as { 2, x }\n"
      "\tcustomer-as 1\n"
      "\tprovider-as { 2 }\n"
      "\tcustomer-as 1 provider-as { }\n"
      "}\n";
  ReadReport r;
  VrpSet set = parse_ok(text, &r);
  EXPECT_EQ(set.vrps.size(), 1U);
  EXPECT_TRUE(set.aspas.empty());
  EXPECT_EQ(problems_of(r),
            (std::vector<std::string>{
                "policy in:3: maxLength: want 24..32 for 1.0.0.0/24, have 8",
                "malformed in:4: entry: want '<prefix> [maxlen <n>] source-as <asn> [expires "
                "<time>]', have '1.0.0.0/24 source 13335'",
                "malformed in:5: expires: want unix seconds or an ISO 8601 time, have 'soon'",
                "malformed in:8: provider-as: RFC 5396 ASN: want asplain or asdot, have 'x'",
                "malformed in:9: provider-as: missing",
                "malformed in:10: customer-as: missing",
                "policy in:11: providers: want at least one ASN, have none",
            }));
  auto unclosed = parse_vrps("roa-set {\n 1.0.0.0/24 source-as 1\n", "o.conf");
  ASSERT_FALSE(unclosed.has_value());
  EXPECT_EQ(unclosed.error().to_string(),
            "o.conf:1: roa-set: want '}' to close this set, have end of input");
}

// ----- files ------------------------------------------------------------------------------

using manrs::testing::TempDir;

TEST(VrpReaderFileTest, CompressedFilesAreReadByContent) {
  REQUIRE_SHARED(kVrpDir / "stayrtr-test.rpki.json");
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const auto src = kVrpDir / "stayrtr-test.rpki.json";
  for (std::string_view tool : {"gzip", "bzip2", "xz", "zstd -q"}) {
    SCOPED_TRACE(tool);
    const auto out = dir.path() / "vrps.any";
    const std::string cmd =
        fmt::format("{} -c < '{}' > '{}' 2>/dev/null", tool, src.string(), out.string());
    if (std::system(cmd.c_str()) != 0) {
      GTEST_SKIP() << "compressor not available: " << tool;
    }
    auto set = read_vrps(out.string());
    ASSERT_TRUE(set.has_value()) << set.error().to_string();
    EXPECT_EQ(set->vrps.size(), 19U);
    EXPECT_EQ(set->aspas.size(), 2U);
  }
}

TEST(VrpReaderFileTest, MissingFileIsAnIoError) {
  auto set = read_vrps("/nonexistent/vrps.json");
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, ErrorCode::kIo);
  EXPECT_EQ(set.error().source, "/nonexistent/vrps.json");
}

TEST(VrpReaderFileTest, InputLimit) {
  const std::string data(5000, ' ');
  auto src = core::open_memory(std::as_bytes(std::span(data.data(), data.size())), "big.json");
  ASSERT_TRUE(src.has_value());
  std::string out;
  auto st = detail::read_input(**src, 4096, out);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(st.error().to_string(), "big.json: VRP file: want <= 4096 bytes, have more");
  EXPECT_EQ(detail::kMaxVrpFileBytes, 4ULL << 30);
}

// ----- helpers ----------------------------------------------------------------------------

TEST(VrpReaderHelpersTest, Iso8601) {
  EXPECT_EQ(detail::parse_iso8601("2021-09-01T00:04:19Z"), 1630454659);
  EXPECT_EQ(detail::parse_iso8601("2000-02-29T12:00:00Z"), 951825600);
  EXPECT_EQ(detail::parse_iso8601("2000-02-29 12:00:00.123+00:00"), 951825600);
  EXPECT_EQ(detail::parse_iso8601("2000-02-29T14:00:00+02:00"), 951825600);
  EXPECT_EQ(detail::parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(detail::parse_iso8601("9999-12-31T23:59:59Z"), 253402300799);
  for (std::string_view bad : {"2001-02-29T00:00:00Z", "2021-09-01T24:00:00Z", "2021-09-01",
                               "2021-09-01T00:04:19Zjunk", "20x1-09-01T00:04:19Z", ""}) {
    EXPECT_FALSE(detail::parse_iso8601(bad).has_value()) << bad;
  }
  EXPECT_EQ(detail::format_iso8601(1630454659), "2021-09-01T00:04:19Z");
  EXPECT_EQ(detail::format_iso8601(951825600), "2000-02-29T12:00:00Z");
  EXPECT_EQ(detail::format_iso8601(253402300799), "9999-12-31T23:59:59Z");
}

TEST(VrpReaderHelpersTest, Base64AndHex) {
  std::vector<std::uint8_t> out;
  ASSERT_TRUE(detail::decode_base64("AAEC", out));
  EXPECT_EQ(out, (std::vector<std::uint8_t>{0, 1, 2}));
  ASSERT_TRUE(detail::decode_base64("_-8=", out));  // URL-safe alphabet, padding
  EXPECT_EQ(out, (std::vector<std::uint8_t>{0xff, 0xef}));
  EXPECT_FALSE(detail::decode_base64("A", out));
  EXPECT_FALSE(detail::decode_base64("AA AA", out));
  for (std::size_t n = 0; n < 8; ++n) {
    std::vector<std::uint8_t> bytes(n);
    for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<std::uint8_t>(0xA5 + 37 * i);
    ASSERT_TRUE(detail::decode_base64(detail::encode_base64(bytes), out)) << n;
    EXPECT_EQ(out, bytes) << n;
  }
  std::array<std::uint8_t, 2> two{};
  EXPECT_TRUE(detail::parse_hex("aB09", two));
  EXPECT_EQ(two[0], 0xab);
  EXPECT_FALSE(detail::parse_hex("aB0", two));
  EXPECT_FALSE(detail::parse_hex("aB0g", two));
}

TEST(VrpReaderHelpersTest, LineIndexCountsForwardAndBack) {
  detail::LineIndex idx("a\nb\n\nc");
  EXPECT_EQ(idx.line_at(0), 1U);
  EXPECT_EQ(idx.line_at(2), 2U);
  EXPECT_EQ(idx.line_at(5), 4U);
  EXPECT_EQ(idx.line_at(1), 1U);
  EXPECT_EQ(idx.line_at(99), 4U);
}

}  // namespace
}  // namespace manrs::rpki
