#include "manrs/registry/dates.h"

#include <gtest/gtest.h>

namespace manrs::registry {
namespace {

TEST(Dates, FormatsRegistriesWrite) {
  EXPECT_EQ(parse_timestamp("1970-01-01"), 0);
  EXPECT_EQ(parse_timestamp("2016-03-14T21:46:47Z"), 1457992007);
  EXPECT_EQ(parse_timestamp("2022-05-27T09:56:39.774266Z"), 1653645399);
  EXPECT_EQ(parse_timestamp("2022-05-27T11:56:39+02:00"), 1653645399);
  EXPECT_EQ(parse_timestamp(" 2022-05-27 09:56:39 "), 1653645399);
  EXPECT_EQ(parse_timestamp("20220527"), 1653609600);
  EXPECT_EQ(parse_timestamp("2024-02-29"), 1709164800);
}

TEST(Dates, RejectsNonsense) {
  for (const char* bad :
       {"", "2023", "2023-13-01", "2023-02-29", "2023-01-01T25:00:00Z", "2023-01-01X",
        "2023-01-01T10:00:00Q", "2023/01/01", "20231301", "2023-01-01T10:00:00."}) {
    EXPECT_EQ(parse_timestamp(bad), std::nullopt) << bad;
  }
}

TEST(Dates, CivilDays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
}

}  // namespace
}  // namespace manrs::registry
