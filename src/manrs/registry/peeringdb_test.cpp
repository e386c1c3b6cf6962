// registry/peeringdb_test.cpp — PeeringDB pages and dumps: the real samples in
// ../shared/data/peeringdb (expectations read independently with nlohmann-json), hand-made
// dumps, merging and kind detection.
#include "manrs/registry/peeringdb.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace manrs::registry {
namespace {

namespace fs = std::filesystem;

fs::path pdb_dir() { return fs::path(MANRS_SHARED_DIR) / "data/peeringdb"; }
fs::path api_dir() { return pdb_dir() / "peeringdb-plus-2026-04/beta/anon/api"; }

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

TEST(PeeringDbTest, ArouteserverSampleAs3333) {
  const fs::path file = pdb_dir() / "arouteserver-peeringdb_net_3333_10745.json";
  if (!fs::exists(file)) GTEST_SKIP() << "shared data not found: " << file;
  PeeringDb db;
  auto r = db.load_file(file.string());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->nets, 3U);
  EXPECT_EQ(r->pocs, 0U);
  EXPECT_EQ(r->orgs, 0U);
  db.finalize();
  const Network* n = db.network(3333);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->id, 5104);
  EXPECT_EQ(n->org_id, 8829);
  EXPECT_EQ(n->name, "RIPE NCC");
  EXPECT_EQ(n->irr_as_set, "AS-RIPENCC");
  EXPECT_EQ(n->website, "http://www.ripe.net");
  EXPECT_EQ(n->info_prefixes4, 30);
  EXPECT_EQ(n->info_prefixes6, 20);
  EXPECT_EQ(n->updated, 1658900000);      // 2022-07-27T05:33:20Z
  EXPECT_EQ(n->poc_updated, 1457992007);  // 2016-03-14T21:46:47Z
  EXPECT_EQ(n->status, "ok");
  ASSERT_NE(db.network(10745), nullptr);
  EXPECT_EQ(db.network(10745)->irr_as_set, "");
  EXPECT_EQ(db.network(197000)->irr_as_set, "RS-AUTHDNS-AMS RS-AUTHDNS-LON RS-AUTHDNS-BMA");
  EXPECT_EQ(db.network(64500), nullptr);
}

// Every net, poc and org of the 2026 API pages, compared with an independent reading.
TEST(PeeringDbTest, ApiPagesMatchIndependentReading) {
  if (!fs::exists(api_dir())) GTEST_SKIP() << "shared data not found: " << api_dir();
  PeeringDb db;
  std::size_t nets = 0;
  std::size_t pocs = 0;
  std::size_t orgs = 0;
  for (const char* rel :
       {"net/page-1.json", "poc/page-1.json", "poc/page-2.json", "org/page-1.json"}) {
    auto r = db.load_file((api_dir() / rel).string());
    ASSERT_TRUE(r) << r.error().to_string();
    nets += r->nets;
    pocs += r->pocs;
    orgs += r->orgs;
    EXPECT_EQ(r->other, 0U) << rel;
  }
  db.finalize();
  const auto jnet = read_json(api_dir() / "net/page-1.json")["data"];
  auto jpoc = read_json(api_dir() / "poc/page-1.json")["data"];
  const auto page2 = read_json(api_dir() / "poc/page-2.json");
  for (const auto& p : page2["data"]) jpoc.push_back(p);
  const auto jorg = read_json(api_dir() / "org/page-1.json")["data"];
  EXPECT_EQ(nets, jnet.size());
  EXPECT_EQ(pocs, jpoc.size());
  EXPECT_EQ(orgs, jorg.size());
  EXPECT_EQ(nets, 250U);
  EXPECT_EQ(pocs, 40U);

  std::map<std::int64_t, std::multiset<std::string>> roles;  // net_id -> roles
  for (const auto& p : jpoc) {
    roles[p["net_id"].get<std::int64_t>()].insert(p["role"].get<std::string>());
  }
  for (const auto& j : jnet) {
    SCOPED_TRACE(j["asn"].get<std::int64_t>());
    const Network* n = db.network(j["asn"].get<net::Asn>());
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->id, j["id"].get<std::int64_t>());
    EXPECT_EQ(n->name, j["name"].get<std::string>());
    EXPECT_EQ(n->irr_as_set, j["irr_as_set"].get<std::string>());
    EXPECT_EQ(n->policy_url, j["policy_url"].get<std::string>());
    std::multiset<std::string> got;
    for (const Poc* p : db.pocs(n->id)) got.insert(p->role);
    EXPECT_EQ(got, roles[n->id]);
  }
  for (const auto& j : jorg) {
    const Org* o = db.org(j["id"].get<std::int64_t>());
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->name, j["name"].get<std::string>());
    EXPECT_EQ(o->country, j["country"].get<std::string>());
  }
  // By hand: Hurricane Electric (net 291) has a Technical and a NOC poc, both Public, with
  // e-mail and phone; its irr_as_set names two RADB sets.
  const Network* he = db.network(6939);
  ASSERT_NE(he, nullptr);
  EXPECT_EQ(he->id, 291);
  EXPECT_EQ(he->irr_as_set, "RADB::AS-HURRICANE RADB::AS-HURRICANEV6");
  const auto hp = db.pocs(291);
  ASSERT_EQ(hp.size(), 2U);
  for (const Poc* p : hp) {
    EXPECT_EQ(p->visible, "Public");
    EXPECT_FALSE(p->email.empty());
    EXPECT_FALSE(p->phone.empty());
  }
  EXPECT_EQ(db.org(2)->name, "Equinix, Inc.");
  EXPECT_EQ(db.org(2)->country, "US");
}

constexpr std::string_view kDump = R"({
  "net": {"data": [
    {"id": 10, "org_id": 5, "asn": 64500, "name": "Example", "irr_as_set": "AS64500:AS-ALL",
     "website": "https://example.net", "policy_url": "", "info_prefixes4": 4,
     "info_prefixes6": 1, "updated": "2024-01-02T03:04:05Z", "poc_updated": null,
     "status": "ok", "social_media": [{"service": "website", "identifier": "x"}]}]},
  "poc": {"data": [
    {"id": 1, "net_id": 10, "role": "NOC", "visible": "Users", "name": "NOC",
     "email": "noc@example.net", "phone": "", "url": "", "updated": "2024-01-02", "status": "ok"},
    {"id": 2, "net_id": 10, "role": "Abuse", "visible": "Private", "name": "Abuse",
     "email": "", "phone": "+1 555", "url": "", "updated": null, "status": "ok"}]},
  "org": {"data": [{"id": 5, "name": "Example Org", "country": "NL",
                    "updated": "2020-01-01T00:00:00Z", "status": "ok"}]},
  "fac": {"data": [{"id": 1, "org_id": 5, "name": "DC", "country": "NL"}]},
  "ix": {"data": []}
})";

TEST(PeeringDbTest, FullDumpTakesKindsFromKeys) {
  PeeringDb db;
  auto r = db.load_text(kDump, "dump.json");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->nets, 1U);
  EXPECT_EQ(r->pocs, 2U);
  EXPECT_EQ(r->orgs, 1U);
  EXPECT_EQ(r->other, 1U);
  db.finalize();
  const Network* n = db.network(64500);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->irr_as_set, "AS64500:AS-ALL");
  EXPECT_EQ(n->updated, 1704164645);
  EXPECT_FALSE(n->poc_updated.has_value());
  const auto p = db.pocs(10);
  ASSERT_EQ(p.size(), 2U);
  EXPECT_EQ(p[0]->role, "NOC");
  EXPECT_EQ(p[0]->visible, "Users");
  EXPECT_EQ(p[0]->updated, 1704153600);
  EXPECT_EQ(p[1]->phone, "+1 555");
  EXPECT_EQ(db.org(5)->country, "NL");
}

TEST(PeeringDbTest, LaterFilesReplaceAndOkStatusWins) {
  PeeringDb db;
  ASSERT_TRUE(db.load_text(R"({"data":[{"id":1,"org_id":1,"asn":64501,"name":"old",
      "irr_as_set":"","status":"ok","updated":"2020-01-01"}]})",
                           "a.json"));
  ASSERT_TRUE(db.load_text(R"({"data":[{"id":1,"org_id":1,"asn":64501,"name":"new",
      "irr_as_set":"AS-NEW","status":"ok","updated":"2021-01-01"},
      {"id":2,"org_id":1,"asn":64501,"name":"gone","irr_as_set":"","status":"deleted",
       "updated":"2025-01-01"}]})",
                           "b.json"));
  db.finalize();
  EXPECT_EQ(db.networks().size(), 2U);
  ASSERT_NE(db.network(64501), nullptr);
  EXPECT_EQ(db.network(64501)->name, "new");
  EXPECT_EQ(db.network(64501)->irr_as_set, "AS-NEW");
}

TEST(PeeringDbTest, FieldErrorsNameFileLineOffsetAndField) {
  PeeringDb db;
  auto r = db.load_text("{\"data\":[\n{\"id\":1,\"org_id\":1,\"asn\":\"x\",\"irr_as_set\":\"\"}]}",
                        "bad.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(r.error().to_string(),
            "bad.json:2: offset 35: data[0].asn: want an integer in [0, 4294967295], have \"x\"");
  r = db.load_text(R"({"data":[{"id":1,"org_id":1,"asn":99999999999,"irr_as_set":""}]})", "big");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "big:1: offset 34: data[0].asn: want an integer in [0, 4294967295], have 99999999999");
  r = db.load_text(R"({"data":[{"id":1,"net_id":2,"role":"NOC","email":7}]})", "poc");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(), "poc:1: offset 49: data[0].email: want a string, have 7");
  r = db.load_text(R"({"data":[{"id":1,"net_id":2,"role":"NOC","updated":"yesterday"}]})", "t");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "t:1: offset 51: data[0].updated: want an ISO 8601 time, have \"yesterday\"");
  // Nothing of a failed file is kept.
  db.finalize();
  EXPECT_TRUE(db.empty());
}

}  // namespace
}  // namespace manrs::registry
