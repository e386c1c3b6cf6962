// core/testing/golden.h — golden-file helpers for the hostile-input tests (tests/hostile/<kind>/):
// read a case, compare a transcript with <case>.expected (MANRS_UPDATE_GOLDEN=1 rewrites it),
// list the cases of a folder. Header-only, for tests (needs GoogleTest).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::testing {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Compares `actual` with the file at `path` (CRs in the file ignored), or rewrites the file when
// MANRS_UPDATE_GOLDEN=1.
inline void expect_golden(const std::filesystem::path& path, const std::string& actual) {
  const char* update = std::getenv("MANRS_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::string want = read_file(path);
  std::erase(want, '\r');
  EXPECT_EQ(want, actual) << "golden " << path << " differs (MANRS_UPDATE_GOLDEN=1 rewrites)";
}

// The files of `dir` whose extension `keep` accepts, sorted; none when `dir` is absent.
template <typename Keep>
std::vector<std::filesystem::path> case_files(const std::filesystem::path& dir, Keep&& keep) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) {
    return files;
  }
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (keep(e.path().extension().string())) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace manrs::testing
