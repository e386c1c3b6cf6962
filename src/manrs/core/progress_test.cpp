#include "manrs/core/progress.h"

#include <gtest/gtest.h>

namespace manrs::core {
namespace {

TEST(ProgressTest, RendersBytesOfTotalRateAndRecords) {
  struct Case {
    std::uint64_t done, total, records;
    double seconds;
    const char* want;
  };
  const Case cases[] = {
      {12'897'485, 47'815'065, 1'624'000, 0.2,
       "f  12.3 MiB / 45.6 MiB (26%)  61.5 MiB/s  8.1M rec/s"},
      {12'897'485, 47'815'065, 162'400, 2.0, "f  12.3 MiB / 45.6 MiB (26%)  6.2 MiB/s  81k rec/s"},
      {500, 0, 0, 1.0, "f  500 B  500 B/s"},
      {2048, 0, 900, 1.0, "f  2.0 KiB  2.0 KiB/s  900 rec/s"},
      {0, 1024, 0, 0.0, "f  0 B / 1.0 KiB (0%)"},
      {5'000'000'000, 1024, 0, 10.0, "f  4.7 GiB / 1.0 KiB (100%)  476.8 MiB/s"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Progress::render("f", c.done, c.total, c.records, c.seconds), c.want);
  }
}

TEST(ProgressTest, DisabledWhenStderrIsNotATerminalAndSafeToFinishTwice) {
  // Under ctest stderr is a pipe or file; if it is a terminal the line is drawn and cleared.
  Progress p("test", 100);
  for (int i = 0; i < 10000; ++i) p.update(static_cast<std::uint64_t>(i), 1);
  p.finish();
  p.finish();
  SUCCEED();
}

}  // namespace
}  // namespace manrs::core
