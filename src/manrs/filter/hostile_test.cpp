// Hostile inputs for the files the filter commands read (STYLE.md T5): golden cases in
// tests/hostile/filter/ (<case>.prev = a previous deployed list, .bogons = unallocated space,
// .toml = a batch configuration), each with <case>.expected holding what manrs makes of it
// (MANRS_UPDATE_GOLDEN=1 rewrites), and generated ones too big to keep in the repo.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "manrs/core/testing/golden.h"
#include "manrs/filter/batch.h"
#include "manrs/filter/bogons.h"
#include "manrs/filter/generate.h"

namespace manrs::filter {
namespace {

namespace fs = std::filesystem;
const fs::path kDir = fs::path(MANRS_SOURCE_DIR) / "tests" / "hostile" / "filter";

std::string transcript(const fs::path& file) {
  const std::string text = manrs::testing::read_file(file);
  const std::string ext = file.extension().string();
  const std::string name = file.filename().string();
  std::string out;
  if (ext == ".prev") {
    auto prev = parse_previous(text, name);
    if (!prev) return "error: " + prev.error().to_string() + "\n";
    for (const auto* l : {&prev->v4, &prev->v6}) {
      for (const auto& e : *l) out += e.to_string() + "\n";
    }
    return out.empty() ? "no entries\n" : out;
  }
  if (ext == ".bogons") {
    auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), name);
    Unallocated u;
    auto n = u.load(**src);
    if (!n) return "error: " + n.error().to_string() + "\n";
    u.finalize();
    return "blocks: " + std::to_string(u.size()) + "\n";
  }
  auto cfg = parse_batch_config_text(text, "/hostile/" + name);
  if (!cfg) return "error: " + cfg.error().to_string() + "\n";
  return "customers: " + std::to_string(cfg->customers.size()) + "\n";
}

TEST(FilterHostile, GoldenCases) {
  auto files = manrs::testing::case_files(
      kDir, [](const std::string& e) { return e == ".prev" || e == ".bogons" || e == ".toml"; });
  ASSERT_GE(files.size(), 15U);
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    auto expected = f;
    expected.replace_extension(f.extension().string() + ".expected");
    manrs::testing::expect_golden(expected, transcript(f));
  }
}

TEST(FilterHostile, GeneratedLimits) {
  // A 2 MiB line in a previous list: refused with the line number, not buffered for ever.
  std::string big = "ip prefix-list X permit 185.1.0.0/22\n" + std::string(2U << 20, 'a');
  auto prev = parse_previous(big, "big.prev");
  ASSERT_FALSE(prev.has_value());
  EXPECT_NE(prev.error().to_string().find("big.prev:2: line: want at most 1 MiB"),
            std::string::npos)
      << prev.error().to_string();
  // 100k prefixes read back, one per line.
  std::string many;
  for (int i = 0; i < 100000; ++i) {
    many += "  " + std::to_string(1 + i % 200) + "." + std::to_string(i / 256 % 256) + "." +
            std::to_string(i % 256) + ".0/24\n";
  }
  auto lots = parse_previous(many, "many.prev");
  ASSERT_TRUE(lots.has_value());
  EXPECT_EQ(lots->v4.size(), 100000U);
  // A 5 KiB line in an unallocated-space file.
  std::string line(5000, '1');
  auto src = core::open_memory(std::as_bytes(std::span(line.data(), line.size())), "long.txt");
  Unallocated u;
  auto n = u.load(**src);
  ASSERT_FALSE(n.has_value());
  EXPECT_NE(n.error().to_string().find("long.txt:1: line: want at most 4096 bytes"),
            std::string::npos)
      << n.error().to_string();
  // 5,000 customers: parsed (bounded by the file size limit of parse_batch_config).
  std::string toml = "[defaults]\nsessions = [ { router = \"r\", dialect = \"plain\" } ]\n";
  for (int i = 0; i < 5000; ++i) {
    toml += "[[customer]]\ntarget = \"AS" + std::to_string(200000 + i) + "\"\n";
  }
  auto cfg = parse_batch_config_text(toml, "/big.toml");
  ASSERT_TRUE(cfg.has_value()) << cfg.error().to_string();
  EXPECT_EQ(cfg->customers.size(), 5000U);
}

}  // namespace
}  // namespace manrs::filter
