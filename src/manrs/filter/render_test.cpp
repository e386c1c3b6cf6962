// Shared render helpers: list names, AS alternations, chunking, masks.
#include "manrs/filter/render.h"

#include <gtest/gtest.h>

#include "manrs/filter/test_util.h"

namespace manrs::filter {
namespace {

using testing::pfx;

TEST(RenderHelpers, ListNames) {
  EXPECT_EQ(list_name("AS64500:AS-CUSTOMERS", ListKind::kV4), "AS64500-AS-CUSTOMERS-V4");
  EXPECT_EQ(list_name("RIPE::AS-FOO", ListKind::kV6), "RIPE--AS-FOO-V6");
  EXPECT_EQ(list_name("cust_1", ListKind::kAsPath), "cust_1-ASPATH");
  EXPECT_EQ(list_name("", ListKind::kAclV4), "FILTER-SAV-V4");
  EXPECT_EQ(list_name("x y", ListKind::kAclV6), "x-y-SAV-V6");
}

TEST(RenderHelpers, AlternationsAndChunks) {
  EXPECT_EQ(asn_alternations({1, 2, 3, 4, 5}, 2), (std::vector<std::string>{"1|2", "3|4", "5"}));
  EXPECT_EQ(asn_alternations({1, 2}, 0), (std::vector<std::string>{"1|2"}));
  EXPECT_TRUE(asn_alternations({}, 3).empty());
  EXPECT_EQ(chunk_sizes(7, 3), (std::vector<std::size_t>{3, 3, 1}));
  EXPECT_EQ(chunk_sizes(3, 3), (std::vector<std::size_t>{3}));
  EXPECT_EQ(chunk_sizes(5, 0), (std::vector<std::size_t>{5}));
}

TEST(RenderHelpers, Masks) {
  EXPECT_EQ(wildcard_mask(pfx("185.1.0.0/22")), "185.1.0.0 0.0.3.255");
  EXPECT_EQ(netmask(pfx("185.1.0.0/22")), "185.1.0.0 255.255.252.0");
  EXPECT_EQ(wildcard_mask(pfx("0.0.0.0/0")), "0.0.0.0 255.255.255.255");
  EXPECT_EQ(netmask(pfx("2a0a::/32")), "2a0a::/32");
}

}  // namespace
}  // namespace manrs::filter
