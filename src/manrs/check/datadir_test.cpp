// Data directory discovery on the real shared data: every file classified by content.
#include "manrs/check/datadir.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "manrs/core/testing/temp_dir.h"

namespace manrs::check {
namespace {

const std::string kData = std::string(MANRS_SHARED_DIR) + "/data";

TEST(DataDir, SharedDataByContent) {
  if (!std::filesystem::exists(kData)) GTEST_SKIP() << kData << " absent";
  auto files = scan_data_dir(kData);
  ASSERT_TRUE(files.has_value()) << files.error().to_string();
  std::map<std::string, DataKind> kinds;
  for (const DataFile& f : *files) {
    kinds[f.path.substr(kData.size() + 1)] = f.kind;
    if (getenv("MANRS_DATADIR_PRINT") != nullptr) {
      std::printf("%-14s %-70s %s\n", std::string(data_kind_id(f.kind)).c_str(),
                  f.path.substr(kData.size() + 1).c_str(), f.why.c_str());
    }
  }
  const std::map<std::string, DataKind> expect{
      {"mrt/bview.20020722.2337.gz", DataKind::kMrtRib},
      {"mrt/rib6.20151101.0600_firstMB.bz2", DataKind::kMrtRib},
      {"mrt/rib.20080501.0644_firstMB.bz2", DataKind::kMrtRib},
      {"mrt/updates.20160811.1600.gz", DataKind::kMrtUpdates},
      {"mrt/rrc00.updates.19990903.1041.gz", DataKind::kMrtUpdates},
      {"mrt/updates.et-header.2015.gz", DataKind::kMrtUpdates},
      {"vrp/roalist-authenticated-2017-04-13T170202Z.txt", DataKind::kVrps},
      {"vrp/rpkilog-roa_test.rpkiclient2021_json.json", DataKind::kVrps},
      {"vrp/rpkilog-roa_test.routinator_jsonext.json", DataKind::kVrps},
      {"vrp/stayrtr-test.rpki.json", DataKind::kVrps},
      {"vrp/stayrtr-slurm.json", DataKind::kSlurm},
      {"rpsl/ripe-nonauth.db.route.gz", DataKind::kRpsl},
      {"rpsl/ripe-nonauth.db.aut-num.gz", DataKind::kRpsl},
      {"rpsl/ripe.db.as-set.gz", DataKind::kRpsl},
      {"rpsl/AS29075.aut-num", DataKind::kRpsl},
      {"peeringdb/arouteserver-peeringdb_net_3333_10745.json", DataKind::kPeeringDb},
      {"peeringdb/peeringdb-plus-2026-04/beta/anon/api/net/page-1.json", DataKind::kPeeringDb},
      {"peeringdb/peeringdb-plus-2026-04/beta/anon/api/poc/page-1.json", DataKind::kPeeringDb},
      {"asrel/20210901.as-rel2.excerpt.txt.bz2", DataKind::kAsRel},
      {"misc/rir-delegated/delegated-ripencc-extended-20130418.gz", DataKind::kDelegated},
      {"misc/rir-delegated/nro-extended-delegated-stats-20160406-excerpt.txt",
       DataKind::kDelegated},
      {"bogons/fullbogons-ipv4-2024-03-10.txt", DataKind::kFullbogons},
      {"bogons/fullbogons-ipv6-2024-03-10.txt", DataKind::kFullbogons},
      {"bogons/iana-ipv4-special-registry.xml", DataKind::kIanaRegistry},
      {"misc/pyasn-asnames.json.gz", DataKind::kAsNames},
  };
  for (const auto& [path, kind] : expect) {
    auto it = kinds.find(path);
    ASSERT_NE(it, kinds.end()) << path;
    EXPECT_EQ(data_kind_id(it->second), data_kind_id(kind)) << path;
  }
  // Nothing that is not routing data is taken for MRT, and no pcap for anything.
  for (const auto& [path, kind] : kinds) {
    if (path.starts_with("bmp/")) {
      EXPECT_EQ(kind, DataKind::kUnknown) << path;
    }
  }
}

TEST(DataDir, ContentWinsOverName) {
  manrs::testing::TempDir dir;
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.path() / name) << text;
  };
  write("routes.csv", "route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n\n");
  write("x.rpsl", "1|2|-1|bgp\n3|4|0|bgp\n");
  write("vrps.txt", "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,test\n");
  write("a.json", "{\"slurmVersion\": 1}");
  write("b.json", "{\"data\": [{\"id\": 1, \"asn\": 64500, \"irr_as_set\": \"\"}]}");
  write("c.dat", "session_id,timestamp,asn,client_prefix,routed_spoof\n1,2,3,4,5\n");
  write(".hidden", "route: 192.0.2.0/24\n");
  write("d.json.part", "route: 192.0.2.0/24\n");
  auto files = scan_data_dir(dir.path().string());
  ASSERT_TRUE(files.has_value());
  std::map<std::string, DataKind> k;
  for (const DataFile& f : *files) k[std::filesystem::path(f.path).filename().string()] = f.kind;
  EXPECT_EQ(k.size(), 6U);
  EXPECT_EQ(k["routes.csv"], DataKind::kRpsl);
  EXPECT_EQ(k["x.rpsl"], DataKind::kAsRel);
  EXPECT_EQ(k["vrps.txt"], DataKind::kVrps);
  EXPECT_EQ(k["a.json"], DataKind::kSlurm);
  EXPECT_EQ(k["b.json"], DataKind::kPeeringDb);
  EXPECT_EQ(k["c.dat"], DataKind::kSpoofer);
  EXPECT_FALSE(scan_data_dir((dir.path() / "nope").string()).has_value());
}

}  // namespace
}  // namespace manrs::check
