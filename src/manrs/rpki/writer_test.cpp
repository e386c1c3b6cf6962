// Tests of the VRP/ASPA writers (rpki/writer.h): the exact text of every format for a small
// set (rpki-client's layouts: json.c tabs and compact entries, output-csv.c, output-bird.c,
// output-bgpd.c), string escaping, read -> write -> read round trips on every real sample for
// every format, and StayRTR loading our JSON (skipped when stayrtr or curl is missing).
#include "manrs/rpki/writer.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "manrs/rpki/reader.h"

namespace manrs::rpki {
namespace {

const std::filesystem::path kShared = std::filesystem::path(MANRS_SHARED_DIR);

net::Prefix pfx(std::string_view text) {
  auto p = net::Prefix::parse(text);
  EXPECT_TRUE(p.has_value()) << text;
  return p.has_value() ? *p : net::Prefix{};
}

VrpSet small_set() {
  VrpSet set;
  const std::uint16_t test = set.intern_ta("test");
  set.vrps.push_back({pfx("192.0.2.0/24"), 24, 65001, test, 1767225600});
  set.vrps.push_back({pfx("198.51.100.0/24"), 25, 65002, 0, 0});
  set.vrps.push_back({pfx("2001:db8::/32"), 48, 65003, test, 0});
  RouterKey key;
  key.asn = 65001;
  for (std::size_t i = 0; i < key.ski.size(); ++i) key.ski[i] = static_cast<std::uint8_t>(i + 1);
  key.spki = {1, 2, 3};
  key.ta = test;
  set.router_keys.push_back(key);
  set.aspas.push_back({65001, {65002, 65003}, 1767225600, test});
  set.aspas.push_back({65010, {65011}, 0, 0});
  set.metadata.build_time = 1767225600;  // 2026-01-01T00:00:00Z
  set.normalize();
  return set;
}

std::string written(const VrpSet& set, OutputFormat f) {
  std::string out;
  write_vrps(set, f, out);
  return out;
}

TEST(VrpWriterTest, FormatNames) {
  EXPECT_EQ(*parse_output_format("json"), OutputFormat::kRpkiClientJson);
  EXPECT_EQ(*parse_output_format("stayrtr-json"), OutputFormat::kStayrtrJson);
  EXPECT_EQ(*parse_output_format("CSV"), OutputFormat::kCsv);
  EXPECT_EQ(*parse_output_format("bird"), OutputFormat::kBird2);
  EXPECT_EQ(*parse_output_format("bird2"), OutputFormat::kBird2);
  EXPECT_EQ(*parse_output_format("bird1"), OutputFormat::kBird1);
  EXPECT_EQ(*parse_output_format("openbgpd"), OutputFormat::kOpenBgpd);
  EXPECT_EQ(*parse_output_format("plain"), OutputFormat::kPlain);
  auto bad = parse_output_format("rpsl");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message,
            "output format: want json, stayrtr-json, csv, bird, bird1, openbgpd or plain, have "
            "'rpsl'");
}

TEST(VrpWriterTest, RpkiClientJson) {
  EXPECT_EQ(written(small_set(), OutputFormat::kRpkiClientJson),
            "{\n"
            "\t\"metadata\": {\n"
            "\t\t\"buildtime\": \"2026-01-01T00:00:00Z\",\n"
            "\t\t\"generator\": \"manrs\",\n"
            "\t\t\"vrps\": 3,\n"
            "\t\t\"uniquevrps\": 3,\n"
            "\t\t\"bgpsec_pubkeys\": 1,\n"
            "\t\t\"vaps\": 2,\n"
            "\t\t\"uniquevaps\": 2\n"
            "\t},\n"
            "\t\"roas\": [\n"
            "\t\t{ \"asn\": 65001, \"prefix\": \"192.0.2.0/24\", \"maxLength\": 24, \"ta\": "
            "\"test\", \"expires\": 1767225600 },\n"
            "\t\t{ \"asn\": 65002, \"prefix\": \"198.51.100.0/24\", \"maxLength\": 25 },\n"
            "\t\t{ \"asn\": 65003, \"prefix\": \"2001:db8::/32\", \"maxLength\": 48, \"ta\": "
            "\"test\" }\n"
            "\t],\n"
            "\t\"bgpsec_keys\": [\n"
            "\t\t{\n"
            "\t\t\t\"asn\": 65001,\n"
            "\t\t\t\"ski\": \"0102030405060708090a0b0c0d0e0f1011121314\",\n"
            "\t\t\t\"pubkey\": \"AQID\",\n"
            "\t\t\t\"ta\": \"test\"\n"
            "\t\t}\n"
            "\t],\n"
            "\t\"aspas\": [\n"
            "\t\t{ \"customer_asid\": 65001, \"expires\": 1767225600, \"providers\": [ 65002, "
            "65003 ] },\n"
            "\t\t{ \"customer_asid\": 65010, \"providers\": [ 65011 ] }\n"
            "\t]\n"
            "}\n");
}

TEST(VrpWriterTest, EmptyJsonIsRpkiClientsEmptyLayout) {
  EXPECT_EQ(written(VrpSet{}, OutputFormat::kRpkiClientJson),
            "{\n\t\"metadata\": {\n\t\t\"generator\": \"manrs\",\n\t\t\"vrps\": 0,\n"
            "\t\t\"uniquevrps\": 0,\n\t\t\"bgpsec_pubkeys\": 0,\n\t\t\"vaps\": 0,\n"
            "\t\t\"uniquevaps\": 0\n\t},\n\t\"roas\": [\n\n\t],\n\t\"bgpsec_keys\": [\n\n\t],\n"
            "\t\"aspas\": [\n\n\t]\n}\n");
}

TEST(VrpWriterTest, StayrtrJsonRepeatsEachCustomerPerFamily) {
  const std::string out = written(small_set(), OutputFormat::kStayrtrJson);
  EXPECT_NE(out.find("\t\"provider_authorizations\": {\n"
                     "\t\t\"ipv4\": [\n"
                     "\t\t\t{ \"customer_asid\": 65001, \"expires\": 1767225600, \"providers\": "
                     "[ 65002, 65003 ] },\n"
                     "\t\t\t{ \"customer_asid\": 65010, \"providers\": [ 65011 ] }\n"
                     "\t\t],\n"
                     "\t\t\"ipv6\": [\n"
                     "\t\t\t{ \"customer_asid\": 65001, \"expires\": 1767225600, \"providers\": "
                     "[ 65002, 65003 ] },\n"
                     "\t\t\t{ \"customer_asid\": 65010, \"providers\": [ 65011 ] }\n"
                     "\t\t]\n"
                     "\t}\n"
                     "}\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("\"aspas\""), std::string::npos);
}

TEST(VrpWriterTest, Csv) {
  EXPECT_EQ(written(small_set(), OutputFormat::kCsv),
            "ASN,IP Prefix,Max Length,Trust Anchor,Expires\n"
            "AS65001,192.0.2.0/24,24,test,1767225600\n"
            "AS65002,198.51.100.0/24,25,,0\n"
            "AS65003,2001:db8::/32,48,test,0\n");
}

TEST(VrpWriterTest, Bird2) {
  EXPECT_EQ(written(small_set(), OutputFormat::kBird2),
            "# Generated by manrs\n"
            "# Built at 2026-01-01T00:00:00Z\n"
            "# VRP Entries: 3 (3 unique)\n"
            "\n"
            "define force_roa_table_update = 1767225600;\n"
            "\n"
            "roa4 table ROAS4;\n"
            "roa6 table ROAS6;\n"
            "\n"
            "protocol static {\n"
            "\troa4 { table ROAS4; };\n"
            "\n"
            "\troute 192.0.2.0/24 max 24 as 65001;\n"
            "\troute 198.51.100.0/24 max 25 as 65002;\n"
            "}\n"
            "\n"
            "protocol static {\n"
            "\troa6 { table ROAS6; };\n"
            "\n"
            "\troute 2001:db8::/32 max 48 as 65003;\n"
            "}\n");
}

TEST(VrpWriterTest, Bird1) {
  EXPECT_EQ(written(small_set(), OutputFormat::kBird1),
            "# Generated by manrs\n"
            "# Built at 2026-01-01T00:00:00Z\n"
            "# VRP Entries: 3 (3 unique)\n"
            "\n"
            "roa table ROAS {\n"
            "\troa 192.0.2.0/24 max 24 as 65001;\n"
            "\troa 198.51.100.0/24 max 25 as 65002;\n"
            "\troa 2001:db8::/32 max 48 as 65003;\n"
            "}\n");
}

TEST(VrpWriterTest, OpenBgpd) {
  EXPECT_EQ(written(small_set(), OutputFormat::kOpenBgpd),
            "# Generated by manrs\n"
            "# Built at 2026-01-01T00:00:00Z\n"
            "# VRP Entries: 3 (3 unique)\n"
            "roa-set {\n"
            "\t192.0.2.0/24 source-as 65001 expires 1767225600\n"
            "\t198.51.100.0/24 maxlen 25 source-as 65002\n"
            "\t2001:db8::/32 maxlen 48 source-as 65003\n"
            "}\n"
            "\n"
            "aspa-set {\n"
            "\tcustomer-as 65001 expires 1767225600 provider-as { 65002, 65003 }\n"
            "\tcustomer-as 65010 provider-as { 65011 }\n"
            "}\n");
  VrpSet no_aspa = small_set();
  no_aspa.aspas.clear();
  const std::string out = written(no_aspa, OutputFormat::kOpenBgpd);
  EXPECT_EQ(out.find("aspa-set"), std::string::npos);  // bgpd < 7.8 does not know aspa-set
}

TEST(VrpWriterTest, Plain) {
  EXPECT_EQ(written(small_set(), OutputFormat::kPlain),
            "192.0.2.0/24 24 65001\n198.51.100.0/24 25 65002\n2001:db8::/32 48 65003\n");
}

TEST(VrpWriterTest, OddTrustAnchorNamesStayWellFormed) {
  VrpSet set;
  const std::string names[] = {
      "a\"b\\c", "tab\there", "ctl\x01", std::string("bad\xff utf8"), "comma, \"quote\"", " pad "};
  net::Asn asn = 1;
  for (const auto& n : names)
    set.vrps.push_back({pfx("192.0.2.0/24"), 24, asn++, set.intern_ta(n), 0});
  set.normalize();
  const std::string json = written(set, OutputFormat::kRpkiClientJson);
  EXPECT_NE(json.find(R"("ta": "a\"b\\c")"), std::string::npos);
  EXPECT_NE(json.find(R"("ta": "tab\there")"), std::string::npos);
  EXPECT_NE(json.find(R"("ta": "ctl\u0001")"), std::string::npos);
  EXPECT_NE(json.find(R"("ta": "bad\ufffd utf8")"), std::string::npos);
  auto back = parse_vrps(json, "w.json");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->vrps, set.vrps);
  EXPECT_EQ(back->ta_name(back->vrps[0].ta), "a\"b\\c");
  const std::string csv = written(set, OutputFormat::kCsv);
  EXPECT_NE(csv.find(R"(AS5,192.0.2.0/24,24,"comma, ""quote""",0)"), std::string::npos) << csv;
  ReadReport r;
  auto csv_back = parse_vrps(csv, "w.csv", {}, &r);
  ASSERT_TRUE(csv_back.has_value()) << csv_back.error().to_string();
  EXPECT_EQ(r.rejected, 0U);
  EXPECT_EQ(csv_back->vrps, set.vrps);
  EXPECT_EQ(csv_back->ta_name(csv_back->vrps[4].ta), "comma, \"quote\"");
  EXPECT_EQ(csv_back->ta_name(csv_back->vrps[5].ta), " pad ");
}

// ----- round trips ------------------------------------------------------------------------

struct Target {
  OutputFormat out;
  Format in;
  bool aspa;
  bool keys;
  bool ta;       // trust anchors survive
  bool expires;  // expiry times survive
};

constexpr Target kTargets[] = {
    {OutputFormat::kRpkiClientJson, Format::kJson, true, true, true, true},
    {OutputFormat::kStayrtrJson, Format::kJson, true, true, true, true},
    {OutputFormat::kCsv, Format::kCsv, false, false, true, true},
    {OutputFormat::kBird2, Format::kBird, false, false, false, false},
    {OutputFormat::kBird1, Format::kBird, false, false, false, false},
    {OutputFormat::kOpenBgpd, Format::kOpenBgpd, true, false, false, true},
    {OutputFormat::kPlain, Format::kRoaList, false, false, false, false},
};

std::vector<std::string> ta_names(const VrpSet& set) {
  std::vector<std::string> out;
  for (const auto& v : set.vrps) out.emplace_back(set.ta_name(v.ta));
  return out;
}

std::vector<std::int64_t> expiries(const VrpSet& set) {
  std::vector<std::int64_t> out;
  for (const auto& v : set.vrps) out.push_back(v.expires);
  for (const auto& a : set.aspas) out.push_back(a.expires);
  return out;
}

void expect_round_trip(const VrpSet& set, std::string_view name) {
  for (const auto& t : kTargets) {
    SCOPED_TRACE(fmt::format("{} as output format {}", name, static_cast<int>(t.out)));
    const std::string text = written(set, t.out);
    ReadReport r;
    auto back = parse_vrps(text, "round-trip");  // detection must recognise our own output
    ASSERT_TRUE(back.has_value()) << back.error().to_string();
    ReadOptions o;
    o.format = t.in;
    o.strict = true;
    auto strict = parse_vrps(text, "round-trip", o, &r);
    ASSERT_TRUE(strict.has_value()) << strict.error().to_string();
    EXPECT_EQ(r.format, t.in);
    EXPECT_EQ(back->vrps, set.vrps);
    EXPECT_EQ(strict->vrps, set.vrps);
    if (t.aspa) {
      EXPECT_EQ(back->aspas, set.aspas);
    } else {
      EXPECT_TRUE(back->aspas.empty());
    }
    if (t.keys) {
      EXPECT_EQ(back->router_keys, set.router_keys);
    }
    if (t.ta) {
      EXPECT_EQ(ta_names(*back), ta_names(set));
    }
    if (t.expires) {
      if (t.aspa) {
        EXPECT_EQ(expiries(*back), expiries(set));
      } else {
        std::vector<std::int64_t> want;
        for (const auto& v : set.vrps) want.push_back(v.expires);
        EXPECT_EQ(expiries(*back), want);
      }
    }
    if (t.out == OutputFormat::kRpkiClientJson || t.out == OutputFormat::kStayrtrJson ||
        t.out == OutputFormat::kBird2) {
      EXPECT_EQ(back->metadata.build_time, set.metadata.build_time);
    }
    // Writing what was read gives the same text again (the build time only shows in a comment
    // of the BIRD 1 and OpenBGPD outputs, which no reader takes it from).
    back->metadata.build_time = set.metadata.build_time;
    EXPECT_EQ(written(*back, t.out), text);
  }
}

TEST(VrpWriterRoundTripTest, SmallSet) { expect_round_trip(small_set(), "small set"); }

TEST(VrpWriterRoundTripTest, EverySharedSample) {
  const std::filesystem::path files[] = {
      kShared / "data/vrp/roalist-authenticated-2017-04-13T170202Z.txt",
      kShared / "data/vrp/rpki-irr-bgp-stats-roas.csv",
      kShared / "data/vrp/rpkilog-roa_test.routinator_jsonext.json",
      kShared / "data/vrp/rpkilog-roa_test.rpkiclient2021_json.json",
      kShared / "data/vrp/stayrtr-smalltest.rpki.json",
      kShared / "data/vrp/stayrtr-test.rpki.json",
      kShared / "tools/vrps-small.json",
  };
  for (const auto& f : files) {
    if (!std::filesystem::exists(f)) GTEST_SKIP() << "shared data not found: " << f;
    auto set = read_vrps(f.string());
    ASSERT_TRUE(set.has_value()) << set.error().to_string();
    expect_round_trip(*set, f.filename().string());
  }
}

// ----- StayRTR ----------------------------------------------------------------------------

// Serves `file` with stayrtr and returns what its metrics endpoint reports (/rpki.json), or
// an empty string when stayrtr did not come up.
std::string stayrtr_view(const std::filesystem::path& file, const std::filesystem::path& dir) {
  const int base = 20000 + static_cast<int>(getpid() % 20000);
  const auto out = dir / "rpki.json";
  const auto log = dir / "stayrtr.log";
  const std::string cmd = fmt::format(
      "stayrtr -bind 127.0.0.1:{0} -metrics.addr 127.0.0.1:{1} -cache '{2}' -checktime=false "
      "> '{3}' 2>&1 & pid=$!; "
      "for i in $(seq 1 50); do sleep 0.1; "
      "curl -sf http://127.0.0.1:{1}/rpki.json > '{4}' && grep -q roas '{4}' && break; done; "
      "kill $pid; wait $pid 2>/dev/null; true",
      base, base + 1, file.string(), log.string(), out.string());
  if (std::system(cmd.c_str()) != 0) return {};
  std::ifstream in(out);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(VrpWriterStayrtrTest, StayrtrLoadsOurJson) {
  if (std::system("command -v stayrtr >/dev/null && command -v curl >/dev/null") != 0) {
    GTEST_SKIP() << "stayrtr or curl not installed";
  }
  const auto sample = kShared / "data/vrp/stayrtr-test.rpki.json";
  if (!std::filesystem::exists(sample)) GTEST_SKIP() << "shared data not found: " << sample;
  auto set = read_vrps(sample.string());
  ASSERT_TRUE(set.has_value()) << set.error().to_string();
  char tmpl[] = "/tmp/manrs-stayrtr-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::filesystem::path dir = tmpl;
  for (OutputFormat f : {OutputFormat::kStayrtrJson, OutputFormat::kRpkiClientJson}) {
    SCOPED_TRACE(static_cast<int>(f));
    const auto file = dir / "vrps.json";
    std::ofstream(file) << written(*set, f);
    const std::string served = stayrtr_view(file, dir);
    if (served.empty()) GTEST_SKIP() << "stayrtr did not start (port in use?)";
    // StayRTR re-serialises what it loaded: every VRP, and the ASPAs from the per-family shape.
    auto back = parse_vrps(served, "stayrtr");
    ASSERT_TRUE(back.has_value()) << back.error().to_string() << "\n" << served;
    EXPECT_EQ(back->vrps, set->vrps);
    if (f == OutputFormat::kStayrtrJson) {
      EXPECT_EQ(back->aspas, set->aspas);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace manrs::rpki
