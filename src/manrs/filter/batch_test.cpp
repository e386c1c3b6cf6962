// manrs batch: configuration parsing (errors with file:line:col), one run writing every file,
// a second run unchanged, a change beyond max_change refused (previous file kept) unless forced.
#include "manrs/filter/batch.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "manrs/core/testing/golden.h"
#include "manrs/core/testing/temp_dir.h"
#include "manrs/filter/test_util.h"

namespace manrs::filter {
namespace {

namespace fs = std::filesystem;
using testing::make_db;

std::string routes(int n) {
  std::string out =
      "as-set: AS-CUST\nmembers: AS200001\nsource: TEST\n\n"
      "as-set: AS-OTHER\nmembers: AS200002\nsource: TEST\n\n"
      "route: 185.99.0.0/24\norigin: AS200002\nsource: TEST\n\n";
  for (int i = 0; i < n; ++i) {
    out += "route: 185.1." + std::to_string(i) + ".0/24\norigin: AS200001\nsource: TEST\n\n";
  }
  return out;
}

constexpr std::string_view kConfig = R"(# two customers, three sessions
output_dir = "out"
max_change = 20

[defaults]
mode = "irr"
ipv6 = false
sessions = [ { router = "edge1", dialect = "plain" } ]

[[customer]]
name = "cust-a"
target = "AS-CUST"
sessions = [ { router = "edge1", dialect = "plain" },
             { router = "edge2", dialect = "plain", peer_as = 200001 } ]

[[customer]]
name = "cust-b"
target = "AS-OTHER"
aggregate = true
)";

Result<BatchConfig> parse_text(const fs::path& dir, std::string_view text) {
  const auto file = dir / "batch.toml";
  std::ofstream(file) << text;
  return parse_batch_config(file.string());
}

TEST(Batch, ParsesAndRunsWithDeltaChecks) {
  manrs::testing::TempDir dir;
  auto cfg = parse_text(dir.path(), kConfig);
  ASSERT_TRUE(cfg.has_value()) << cfg.error().to_string();
  ASSERT_EQ(cfg->customers.size(), 2U);
  EXPECT_EQ(cfg->customers[0].sessions.size(), 2U);
  EXPECT_EQ(cfg->customers[1].sessions.size(), 1U);  // from [defaults]
  EXPECT_TRUE(cfg->customers[1].options.aggregate);
  EXPECT_FALSE(cfg->customers[0].options.v6);
  EXPECT_EQ(cfg->output_dir, (dir.path() / "out").string());

  auto db = make_db(routes(10));
  BatchRunOptions ro;
  ro.db = db.get();
  auto first = run_batch(*cfg, ro);
  ASSERT_EQ(first.size(), 3U);
  for (const auto& r : first) {
    EXPECT_EQ(r.status, BatchStatus::kWritten) << r.file << ": " << r.message;
    EXPECT_TRUE(fs::exists(r.file)) << r.file;
  }
  EXPECT_EQ(first[0].v4, 10U);
  EXPECT_EQ(first[0].file, (dir.path() / "out" / "edge1" / "cust-a.plain").string());
  auto second = run_batch(*cfg, ro);
  for (const auto& r : second) {
    EXPECT_EQ(r.status, BatchStatus::kUnchanged) << r.file;
  }
  // 10 -> 11 routes: +1 = 10% change, written.
  auto db11 = make_db(routes(11));
  ro.db = db11.get();
  auto third = run_batch(*cfg, ro);
  EXPECT_EQ(third[0].status, BatchStatus::kWritten);
  EXPECT_EQ(third[0].added, 1U);
  EXPECT_NEAR(third[0].change_percent, 10.0, 1e-9);  // 1 added / 10 before
  // 11 -> 3 routes: 8 removed of 11 = 73%: refused, the previous file kept.
  auto db3 = make_db(routes(3));
  ro.db = db3.get();
  const std::string before = manrs::testing::read_file(third[0].file);
  auto fourth = run_batch(*cfg, ro);
  EXPECT_EQ(fourth[0].status, BatchStatus::kRefused);
  EXPECT_EQ(fourth[0].removed, 8U);
  ASSERT_EQ(fourth[0].removed_entries.size(), 8U);
  EXPECT_EQ(fourth[0].removed_entries.front(), "185.1.3.0/24");
  EXPECT_EQ(manrs::testing::read_file(third[0].file), before);
  EXPECT_EQ(fourth[2].status, BatchStatus::kUnchanged);  // cust-b did not change
  ro.force = true;
  auto fifth = run_batch(*cfg, ro);
  EXPECT_EQ(fifth[0].status, BatchStatus::kWritten);
  EXPECT_NE(manrs::testing::read_file(third[0].file), before);
}

TEST(Batch, FailuresKeepGoing) {
  manrs::testing::TempDir dir;
  auto cfg = parse_text(dir.path(), R"(
[[customer]]
target = "AS-NOWHERE"
sessions = [ { router = "r1", dialect = "cisco" } ]
[[customer]]
target = "AS-CUST"
sessions = [ { router = "r1", dialect = "cisco" } ]
)");
  ASSERT_TRUE(cfg.has_value()) << cfg.error().to_string();
  EXPECT_EQ(cfg->customers[0].name, "AS-NOWHERE");
  auto db = make_db(routes(2));
  BatchRunOptions ro;
  ro.db = db.get();
  auto res = run_batch(*cfg, ro);
  ASSERT_EQ(res.size(), 2U);
  EXPECT_EQ(res[0].status, BatchStatus::kFailed);
  EXPECT_NE(res[0].message.find("not found"), std::string::npos) << res[0].message;
  EXPECT_EQ(res[1].status, BatchStatus::kWritten);
}

TEST(Batch, ConfigErrorsNameFileLineColumn) {
  manrs::testing::TempDir dir;
  struct Case {
    std::string_view text;
    std::string_view want;
  };
  const Case cases[] = {
      {"[[customer]\n", "batch.toml:1:"},
      {"[[customer]]\ntarget = \"AS-X\"\nsessions = [ { router = \"r\", dialect = \"vax\" } ]\n",
       "batch.toml:3:"},
      {"[[customer]]\ntarget = \"AS-X\"\nmode = \"bgp\"\n", "batch.toml:3:8: mode: want irr"},
      {"[[customer]]\ntarget = \"AS-X\"\nmax_length4 = 40\n", "max_length4: want an integer 0..32"},
      {"[[customer]]\ntarget = \"AS-X\"\n", "customer AS-X: want sessions"},
      {"colour = 1\n", "top-level key: want output_dir"},
      {"max_change = 5\n", "customer: want one or more [[customer]] tables"},
      {"[[customer]]\nname = \"../x\"\ntarget = \"AS-X\"\n", "name: want a name"},
      {"[[customer]]\ntarget = \"AS-X\"\nsessions = [ { router = \"a/b\", dialect = \"cisco\" } "
       "]\n",
       "router: want a name"},
  };
  for (const auto& c : cases) {
    auto r = parse_text(dir.path(), c.text);
    ASSERT_FALSE(r.has_value()) << c.text;
    EXPECT_NE(r.error().to_string().find(c.want), std::string::npos)
        << r.error().to_string() << "\nwant: " << c.want;
  }
}

}  // namespace
}  // namespace manrs::filter
