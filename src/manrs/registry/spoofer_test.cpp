// registry/spoofer_test.cpp — CAIDA Spoofer results on hand-made files in the formats of
// docs/coordination.md: Spoofer Data API JSON (page, array, object, JSON lines) and CSV.
#include "manrs/registry/spoofer.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "manrs/core/testing/temp_dir.h"

namespace manrs::registry {
namespace {

// Two sessions in the API's JSON-LD collection form; session 2 tested IPv4 and IPv6.
constexpr std::string_view kPage = R"({
  "@context": "/contexts/Session", "@id": "/sessions", "@type": "hydra:Collection",
  "hydra:member": [
    {"@id": "/sessions/891176", "@type": "Session", "asn4": "3356", "asn6": null,
     "client4": "4.30.179.0/24", "client6": null, "country": "usa", "nat4": true,
     "nat6": null, "privatespoof": "blocked", "privatespoof6": null,
     "routedspoof": "blocked", "routedspoof6": null, "session": 891176,
     "timestamp": "2020-05-07T14:34:59+00:00"},
    {"@id": "/sessions/2", "@type": "Session", "asn4": "64500", "asn6": "64500",
     "client4": "192.0.2.0/24", "client6": "2001:db8::/40", "country": "nld", "nat4": false,
     "nat6": false, "privatespoof": "received", "privatespoof6": "blocked",
     "routedspoof": "rewritten", "routedspoof6": "received", "session": 2,
     "timestamp": "2015-11-03T10:00:00+00:00"}],
  "hydra:totalItems": 2,
  "hydra:view": {"@id": "/sessions?page=1", "@type": "hydra:PartialCollection"}
})";

TEST(SpooferTest, ApiCollectionPage) {
  SpooferResults s;
  auto r = s.load_text(kPage, "page.json");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, "json");
  EXPECT_EQ(r->sessions, 2U);
  EXPECT_EQ(r->tests, 3U);
  EXPECT_EQ(r->skipped, 0U);
  s.finalize();
  ASSERT_EQ(s.tests(3356).size(), 1U);
  const SpooferTest& t = s.tests(3356)[0];
  EXPECT_EQ(t.session, 891176U);
  EXPECT_EQ(t.timestamp, 1588862099);  // 2020-05-07T14:34:59Z
  EXPECT_EQ(t.client.to_string(), "4.30.179.0/24");
  EXPECT_EQ(t.nat, true);
  EXPECT_EQ(t.routed, SpoofResult::kBlocked);
  EXPECT_EQ(t.private_source, SpoofResult::kBlocked);
  EXPECT_TRUE(t.conclusive());
  EXPECT_FALSE(t.spoofable());
  const auto mine = s.tests(64500);
  ASSERT_EQ(mine.size(), 2U);
  EXPECT_EQ(mine[0].timestamp, 1446544800);
  // IPv4 and IPv6 of one session: (asn, time, session, client) order puts 192.0.2.0 first.
  EXPECT_EQ(mine[0].client.to_string(), "192.0.2.0/24");
  EXPECT_EQ(mine[0].routed, SpoofResult::kRewritten);
  EXPECT_EQ(mine[0].private_source, SpoofResult::kReceived);
  EXPECT_TRUE(mine[0].spoofable());
  EXPECT_EQ(mine[1].client.to_string(), "2001:db8::/40");
  EXPECT_EQ(mine[1].routed, SpoofResult::kReceived);
  EXPECT_EQ(mine[1].nat, false);
  EXPECT_TRUE(s.tests(64501).empty());
}

TEST(SpooferTest, JsonLinesArrayAndSingleObject) {
  SpooferResults s;
  auto r = s.load_text(
      R"({"asn4":"64501","client4":"198.51.100.0/24","routedspoof":"received","session":7,"timestamp":"2015-11-01T00:00:00+00:00"}
{"asn4":"64501","client4":"198.51.100.0/24","routedspoof":"unknown","session":8,"timestamp":"2015-11-02T00:00:00+00:00"}
{"asn4":null,"client4":"203.0.113.0/24","routedspoof":"received","session":9,"timestamp":"2015-11-02T00:00:00+00:00"}
)",
      "lines.jsonl");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, "json-lines");
  EXPECT_EQ(r->sessions, 3U);
  EXPECT_EQ(r->tests, 2U);
  EXPECT_EQ(r->skipped, 1U);  // no ASN
  r = s.load_text(R"([{"asn4":64502,"client4":"192.0.2.77","routedspoof":"approx",
                      "session":10,"timestamp":1446336000}])",
                  "array.json");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->tests, 1U);
  r = s.load_text(R"({"asn6":"64503","client6":"2001:db8:100::/40","routedspoof6":"blocked",
                      "session":11,"timestamp":"2015-11-05 01:02:03"})",
                  "one.json");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, "json");
  s.finalize();
  const auto a = s.tests(64501);
  ASSERT_EQ(a.size(), 2U);
  EXPECT_TRUE(a[0].spoofable());
  EXPECT_EQ(a[1].routed, SpoofResult::kUnknown);
  EXPECT_FALSE(a[1].conclusive());
  const auto b = s.tests(64502);
  ASSERT_EQ(b.size(), 1U);
  EXPECT_EQ(b[0].client.to_string(), "192.0.2.77/32");
  EXPECT_EQ(b[0].timestamp, 1446336000);
  EXPECT_EQ(b[0].routed, SpoofResult::kUnknown);  // a word CAIDA does not document
  EXPECT_FALSE(b[0].nat.has_value());
  ASSERT_EQ(s.tests(64503).size(), 1U);
  EXPECT_EQ(s.tests(64503)[0].routed, SpoofResult::kBlocked);
  EXPECT_EQ(s.tests(64503)[0].private_source, SpoofResult::kNotTested);
}

TEST(SpooferTest, CsvWithApiColumnsAndShadowserverColumns) {
  SpooferResults s;
  auto r = s.load_text(
      "session,timestamp,asn4,client4,nat4,routedspoof,privatespoof,asn6,client6,nat6,"
      "routedspoof6,privatespoof6,country\n"
      "20,2015-11-03T10:00:00+00:00,64500,192.0.2.0/24,False,received,blocked,,,,,,nld\r\n"
      "\n"
      "\"21\",\"2015-11-04T10:00:00+00:00\",\"64500\",\"192.0.2.0/24\",\"True\",\"blocked\","
      "\"blocked\",\"64500\",\"2001:db8::/40\",\"\",\"received\",\"\",\"n,l\"\n",
      "api.csv");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, "csv");
  EXPECT_EQ(r->sessions, 2U);
  EXPECT_EQ(r->tests, 3U);
  // The Shadowserver caida_ip_spoofer report (header with a repeated "type" column).
  r = s.load_text(
      "\"timestamp\",\"ip\",\"asn\",\"geo\",\"region\",\"city\",\"hostname\",\"type\","
      "\"infection\",\"naics\",\"sic\",\"sector\",\"family\",\"tag\",\"public_source\","
      "\"network\",\"version\",\"type\",\"routedspoof\",\"session\",\"nat\"\n"
      "\"2019-08-27 00:06:24\",\"137.97.71.0\",55836,\"IN\",\"KERALA\",\"THRISSUR\",,"
      "\"Session\",\"ip-spoofer\",517312,0,\"Information Technology\",,,\"caida\","
      "\"137.97.71.0/24\",\"ipv4\",\"Session\",\"received\",739969,\"True\"\n",
      "shadow.csv");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->tests, 1U);
  r = s.load_text(
      "\xEF\xBB\xBFtimestamp,asn4,client4,routedspoof\n2015-11-01,64509,192.0.2.0/24,"
      "blocked\n",
      "bom.csv");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->tests, 1U);
  s.finalize();
  const auto t = s.tests(64500);
  ASSERT_EQ(t.size(), 3U);
  EXPECT_EQ(t[0].session, 20U);
  EXPECT_EQ(t[0].nat, false);
  EXPECT_TRUE(t[0].spoofable());
  EXPECT_EQ(t[1].session, 21U);
  EXPECT_EQ(t[1].client.to_string(), "192.0.2.0/24");
  EXPECT_FALSE(t[1].spoofable());
  EXPECT_EQ(t[2].client.to_string(), "2001:db8::/40");
  EXPECT_FALSE(t[2].nat.has_value());
  EXPECT_TRUE(t[2].spoofable());
  const auto sh = s.tests(55836);
  ASSERT_EQ(sh.size(), 1U);
  EXPECT_EQ(sh[0].client.to_string(), "137.97.71.0/24");
  EXPECT_EQ(sh[0].session, 739969U);
  EXPECT_EQ(sh[0].timestamp, 1566864384);  // 2019-08-27T00:06:24Z
  EXPECT_EQ(sh[0].nat, true);
  EXPECT_EQ(sh[0].routed, SpoofResult::kReceived);
}

TEST(SpooferTest, LoadFileAndDuplicatesCollapse) {
  testing::TempDir dir;
  const auto path = dir.path() / "spoofer.json";
  {
    std::ofstream out(path);
    out << kPage;
  }
  SpooferResults s;
  ASSERT_TRUE(s.load_file(path.string()));
  ASSERT_TRUE(s.load_file(path.string()));
  s.finalize();
  EXPECT_EQ(s.size(), 3U);
  auto r = s.load_file((dir.path() / "missing.json").string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  r = s.load_file(path.string(), 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
}

TEST(SpooferTest, ErrorsNamePositionAndField) {
  struct Case {
    std::string_view text;
    std::string_view error;
  };
  const Case cases[] = {
      {R"({"asn4":"x","client4":"192.0.2.0/24","routedspoof":"received","session":1,"timestamp":"2015-11-01"})",
       "e:1: offset 8: asn4: want an AS number, have \"x\""},
      {R"({"asn4":"1","client4":"192.0.2.0/33","session":1,"timestamp":"2015-11-01"})",
       "e:1: offset 22: client4: want an IP prefix or address, have \"192.0.2.0/33\""},
      {R"({"asn4":"1","client4":"192.0.2.0/24","session":-1,"timestamp":"2015-11-01"})",
       "e:1: offset 47: session: want a session number, have \"-1\""},
      {R"({"asn4":"1","client4":"192.0.2.0/24","session":1,"timestamp":"soon"})",
       "e:1: offset 61: timestamp: want an ISO 8601 time or Unix seconds, have \"soon\""},
      {R"({"asn4":"1","client4":"192.0.2.0/24","nat4":"maybe","session":1,"timestamp":"2015-11-01"})",
       "e:1: offset 44: nat4: want true or false, have \"maybe\""},
      {"timestamp,asn4,client4\n2015-11-01,1\n", "e:2: row: want 3 columns, have 2"},
      {"timestamp,asn4,client4\n2015-11-01,AS1x,192.0.2.0/24\n",
       "e:2: column 2: asn4: want an AS number, have \"AS1x\""},
      {"asn,ip\n1,2\n",
       "e:1: header: want a CSV header naming timestamp and asn4/client4 (or asn/network), have "
       "no timestamp column"},
      {"timestamp,asn4\n\"2015-11-01,1\n",
       "e:2: column 1: field: want a closing '\"', have end "
       "of input"},
      {"timestamp,asn,network,version\n2015-11-01,1,192.0.2.0/24,ipv5\n",
       "e:2: column 4: version: want ipv4 or ipv6, have \"ipv5\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    SpooferResults s;
    auto r = s.load_text(c.text, "e");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(), c.error);
    s.finalize();
    EXPECT_EQ(s.size(), 0U);
  }
}

}  // namespace
}  // namespace manrs::registry
