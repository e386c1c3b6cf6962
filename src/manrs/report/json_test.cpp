#include "manrs/report/json.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "manrs/report/testing/sample_reports.h"

namespace manrs::report {
namespace {

using nlohmann::json;
namespace sample = testing;

TEST(JsonTest, FullReportRoundTripsEveryField) {
  const check::AsReport r = sample::full_report();
  const std::string text = render_json(r);
  ASSERT_EQ(text.back(), '\n');
  const json j = json::parse(text);
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["asn"], 64500);
  EXPECT_EQ(j["holder"], "EXAMPLE-NET Example Networks B.V.");
  EXPECT_EQ(j["country"], "NL");
  EXPECT_EQ(j["registry"], "ripencc");
  EXPECT_EQ(j["window"]["month"], "2015-11");
  EXPECT_EQ(j["window"]["start"], "2015-11-01T00:00:00Z");
  EXPECT_EQ(j["window"]["start_unix"], 1446336000);
  EXPECT_EQ(j["window"]["end"], "2015-12-01T00:00:00Z");
  EXPECT_EQ(j["window"]["end_unix"], 1448928000);
  EXPECT_EQ(j["generated_at"], "2015-12-01T06:00:00Z");
  EXPECT_EQ(j["generated_at_unix"], 1448949600);

  // Actions: keyed by id, in Action order; null percent for no data.
  // (nlohmann::json sorts keys when it reads; the order in the text is checked below.)
  std::size_t at = text.find("\"actions\": {");
  for (const char* id : {"filtering", "anti-spoofing", "coordination", "irr", "rpki"}) {
    const std::size_t p = text.find("\n    \"" + std::string(id) + "\": {", at);
    ASSERT_NE(p, std::string::npos) << id;
    at = p;
  }
  EXPECT_EQ(j["actions"].size(), 5u);
  EXPECT_DOUBLE_EQ(j["actions"]["filtering"]["percent"].get<double>(), 21.6);
  EXPECT_EQ(j["actions"]["filtering"]["readiness"], "lagging");
  EXPECT_EQ(j["actions"]["filtering"]["title"], "Filtering");
  EXPECT_EQ(j["actions"]["filtering"]["basis"], "3 incidents, raw 4.5 \xE2\x86\x92 21.6 %");
  EXPECT_TRUE(j["actions"]["anti-spoofing"]["percent"].is_null());
  EXPECT_EQ(j["actions"]["anti-spoofing"]["readiness"], "no-data");
  EXPECT_EQ(j["actions"]["coordination"]["readiness"], "ready");
  EXPECT_DOUBLE_EQ(j["actions"]["irr"]["percent"].get<double>(), 80.0);
  EXPECT_EQ(j["actions"]["rpki"]["readiness"], "aspiring");

  // Metrics and incidents, which refer to events by index.
  ASSERT_EQ(j["metrics"].size(), r.metrics.size());
  const json& m2 = j["metrics"][1];
  EXPECT_EQ(m2["id"], "M2");
  EXPECT_EQ(m2["scored"], true);
  EXPECT_DOUBLE_EQ(m2["raw"].get<double>(), 1.0);
  EXPECT_TRUE(m2["percent"].is_null());
  ASSERT_EQ(m2["incidents"].size(), 1u);
  const json& inc = m2["incidents"][0];
  EXPECT_EQ(inc["start"], "2015-11-03T06:00:00Z");
  EXPECT_EQ(inc["start_unix"], 1446530400);
  EXPECT_EQ(inc["end"], "2015-11-03T06:40:00Z");
  EXPECT_EQ(inc["end_unix"], 1446532800);
  EXPECT_EQ(inc["duration"], 2400);
  EXPECT_DOUBLE_EQ(inc["score"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(inc["weight"].get<double>(), 1.0);
  EXPECT_EQ(inc["events"], json::array({1, 2}));
  for (const json& m : j["metrics"]) {
    for (const json& i : m["incidents"]) {
      for (const json& e : i["events"]) {
        ASSERT_LT(e.get<std::size_t>(), j["events"].size());
        EXPECT_EQ(j["events"][e.get<std::size_t>()]["metric"], m["id"]);
      }
    }
  }
  EXPECT_EQ(j["metrics"][0]["scored"], false);
  EXPECT_DOUBLE_EQ(j["metrics"][9]["percent"].get<double>(), 80.0);  // M7IRR
  EXPECT_EQ(j["metrics"][9]["id"], "M7IRR");
  EXPECT_EQ(j["metrics"][9]["incidents"], json::array());

  ASSERT_EQ(j["events"].size(), 5u);
  const json& e3 = j["events"][3];
  EXPECT_EQ(e3["metric"], "M2C");
  EXPECT_EQ(e3["asn"], 64500);
  EXPECT_EQ(e3["culprit"], 64510);
  EXPECT_EQ(e3["prefix"], "2001:db8:ffff::/48");
  EXPECT_EQ(e3["path"], json::array({64496, 64500, 64510}));
  EXPECT_EQ(e3["start"], "2015-11-20T12:00:00Z");
  EXPECT_EQ(e3["end_unix"], 1448021700);
  EXPECT_EQ(e3["duration"], 900);
  EXPECT_EQ(e3["reference"], "submoas-1448020800-64502_64510");
  EXPECT_EQ(e3["detail"], r.events[3].detail);

  const json& ro = j["routing"];
  EXPECT_EQ(ro["have_irr"], true);
  EXPECT_EQ(ro["routes_total"], 20);
  EXPECT_EQ(ro["irr_covered"], 16);
  EXPECT_EQ(ro["rpki_valid"], 17);
  EXPECT_EQ(ro["rpki_invalid"], 0);
  EXPECT_EQ(ro["rpki_not_found"], 3);
  ASSERT_EQ(ro["routes"].size(), 20u);
  EXPECT_EQ(ro["routes"][2]["prefix"], "198.51.100.0/24");
  EXPECT_EQ(ro["routes"][2]["rov"], "not-found");
  EXPECT_EQ(ro["routes"][2]["irr"], "other-origin");
  EXPECT_EQ(ro["routes"][2]["irr_detail"], "route 198.51.100.0/24 AS64501 (RIPE)");
  EXPECT_EQ(ro["routes"][2]["first_seen"], "2015-11-03T06:00:00Z");
  EXPECT_EQ(ro["routes"][2]["last_seen_unix"], 1446532800);
  EXPECT_EQ(ro["routes"][2]["peers"], 12);
  EXPECT_EQ(ro["routes"][14]["irr"], "less-specific");
  EXPECT_EQ(ro["routes"][1]["rov"], "valid");

  const json& c = j["coordination"]["checks"][2];
  EXPECT_EQ(c["id"], "irr.aut-num.abuse-c");
  EXPECT_EQ(c["ok"], true);
  EXPECT_EQ(c["stale"], true);
  EXPECT_EQ(c["updated"], "2012-01-01T00:00:00Z");
  EXPECT_EQ(c["updated_unix"], 1325376000);
  const json& pol = j["coordination"]["checks"][4];
  EXPECT_EQ(pol["ok"], false);
  EXPECT_EQ(pol["counted"], false);
  EXPECT_TRUE(pol["updated"].is_null());
  EXPECT_TRUE(pol["updated_unix"].is_null());
  EXPECT_EQ(pol["detail"], "no Policy role in poc_set");

  EXPECT_EQ(j["policy"]["imports"], 3);
  EXPECT_EQ(j["policy"]["as_name"], "EXAMPLE-NET");
  EXPECT_EQ(j["policy"]["as_sets"], json::array({"AS64500:AS-CUSTOMERS"}));
  EXPECT_EQ(j["policy"]["peeringdb_as_set"], "");
  EXPECT_EQ(j["policy"]["checks"].size(), 3u);
  EXPECT_EQ(j["spoofing"]["have_data"], false);
  EXPECT_EQ(j["spoofing"]["evidence"], json::array());

  ASSERT_EQ(j["fixes"].size(), 5u);
  EXPECT_EQ(j["fixes"][2]["action"], "irr");
  EXPECT_EQ(j["fixes"][2]["kind"], "route-object");
  EXPECT_EQ(j["fixes"][2]["text"], r.fixes[2].text);
  EXPECT_EQ(j["fixes"][3]["action"], "rpki");

  ASSERT_EQ(j["history"].size(), 4u);
  EXPECT_EQ(j["history"][2]["month"], "2015-10");
  EXPECT_DOUBLE_EQ(j["history"][2]["percent"]["filtering"].get<double>(), 48.6);
  EXPECT_TRUE(j["history"][2]["percent"]["anti-spoofing"].is_null());
  EXPECT_EQ(j["inputs"][1]["kind"], "mrt-updates");
  EXPECT_EQ(j["notes"].size(), 2u);
}

TEST(JsonTest, KeysComeInTheDocumentedOrder) {
  const std::string text = render_json(sample::full_report());
  const std::vector<std::string> top{
      "\"schema_version\"", "\"asn\"",     "\"holder\"",       "\"country\"",
      "\"registry\"",       "\"window\"",  "\"generated_at\"", "\"generated_at_unix\"",
      "\"actions\"",        "\"metrics\"", "\"events\"",       "\"routing\"",
      "\"coordination\"",   "\"policy\"",  "\"spoofing\"",     "\"fixes\"",
      "\"history\"",        "\"inputs\"",  "\"notes\""};
  std::size_t at = 0;
  for (const std::string& k : top) {
    const std::size_t p = text.find("\n  " + k + ":");
    ASSERT_NE(p, std::string::npos) << k;
    EXPECT_GT(p, at) << k << " is out of order";
    at = p;
  }
  // Same model, same bytes.
  EXPECT_EQ(text, render_json(sample::full_report()));
}

TEST(JsonTest, EmptyReportHasNullsAndEmptyArrays) {
  const json j = json::parse(render_json(sample::empty_report()));
  EXPECT_EQ(j["asn"], 64511);
  EXPECT_EQ(j["holder"], "");
  EXPECT_TRUE(j["generated_at"].is_null());
  EXPECT_TRUE(j["generated_at_unix"].is_null());
  for (const auto& [k, v] : j["actions"].items()) {
    EXPECT_TRUE(v["percent"].is_null()) << k;
    EXPECT_EQ(v["readiness"], "no-data") << k;
  }
  EXPECT_EQ(j["metrics"], json::array());
  EXPECT_EQ(j["events"], json::array());
  EXPECT_EQ(j["routing"]["routes"], json::array());
  EXPECT_EQ(j["routing"]["have_rpki"], false);
  EXPECT_EQ(j["fixes"], json::array());
  EXPECT_EQ(j["history"], json::array());
}

TEST(JsonTest, HostileTextIsKeptAsEscapedStrings) {
  const check::AsReport r = sample::hostile_report();
  const std::string text = render_json(r);
  // No raw control byte reaches the output; invalid UTF-8 becomes U+FFFD.
  for (const char c : text) {
    EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << int(c);
  }
  const json j = json::parse(text);
  EXPECT_EQ(j["holder"],
            "<script>alert(\"holder\")</script> & 'Q' \x1b[31mRED\x1b[0m\x07 \xC2\x9B"
            "2J \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(j["country"], r.country);
  EXPECT_EQ(j["fixes"][2]["text"], r.fixes[2].text);  // the NUL survives as \u0000
  EXPECT_EQ(j["events"][1]["reference"], r.events[1].reference);
  EXPECT_EQ(j["history"][3]["month"], "<svg onload=alert(8)>");
}

TEST(JsonTest, TableJsonHasOneDecimalAndNulls) {
  check::TableRow a;
  a.asn = 64500;
  a.holder = "Example, \"Inc\"";
  a.country = "NL";
  a.registry = "ripencc";
  a.percent[0] = 21.6;
  a.percent[2] = 100.0;
  a.percent[3] = 2.0 / 3.0 * 100.0;  // 66.666… → 66.7
  a.percent[4] = 48.55;
  a.routes = 20;
  a.incidents = 3;
  check::TableRow b;
  b.asn = 4200000000;
  const std::string text = render_table_json({a, b});
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);  // header, 2 rows, close
  const json j = json::parse(text);
  EXPECT_EQ(j["schema_version"], 1);
  ASSERT_EQ(j["networks"].size(), 2u);
  const json& x = j["networks"][0];
  EXPECT_EQ(x["asn"], 64500);
  EXPECT_EQ(x["holder"], "Example, \"Inc\"");
  EXPECT_DOUBLE_EQ(x["filtering"].get<double>(), 21.6);
  EXPECT_TRUE(x["anti-spoofing"].is_null());
  EXPECT_DOUBLE_EQ(x["coordination"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(x["irr"].get<double>(), 66.7);
  // 48.55 is 48.549999… in binary: printf rounding gives 48.5, and so does the JSON.
  EXPECT_DOUBLE_EQ(x["rpki"].get<double>(), 48.5);
  EXPECT_EQ(x["routes"], 20);
  EXPECT_EQ(x["incidents"], 3);
  EXPECT_EQ(j["networks"][1]["asn"], 4200000000u);
  EXPECT_TRUE(j["networks"][1]["filtering"].is_null());
  EXPECT_EQ(json::parse(render_table_json({}))["networks"], json::array());
}

}  // namespace
}  // namespace manrs::report
