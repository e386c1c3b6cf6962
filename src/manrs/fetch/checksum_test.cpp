// Digests of known bytes (RFC 1321 and FIPS 180-2 test vectors) and side-file parsing.
#include "manrs/fetch/checksum.h"

#include <fstream>

#include <gtest/gtest.h>

#include "manrs/core/testing/temp_dir.h"

namespace manrs::fetch {
namespace {

TEST(Checksum, DigestsOfKnownFiles) {
  testing::TempDir dir;
  const auto f = dir.path() / "abc";
  std::ofstream(f) << "abc";
  auto md5 = file_digest(f, Checksum::kMd5);
  ASSERT_TRUE(md5);
  EXPECT_EQ(*md5, "900150983cd24fb0d6963f7d28e17f72");
  auto sha = file_digest(f, Checksum::kSha256);
  ASSERT_TRUE(sha);
  EXPECT_EQ(*sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const auto empty = dir.path() / "empty";
  std::ofstream(empty).close();
  auto e = file_digest(empty, Checksum::kMd5);
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, "d41d8cd98f00b204e9800998ecf8427e");
  auto missing = file_digest(dir.path() / "nope", Checksum::kMd5);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  EXPECT_NE(missing.error().source.find("nope"), std::string::npos);
}

TEST(Checksum, SideFileFormats) {
  // BSD style (RIPE NCC), GNU style (md5sum), bare, upper case.
  auto bsd = parse_side_file(
      "MD5 (delegated-ripencc-extended-20130418.bz2) = 900150983CD24FB0D6963F7D28E17F72\n",
      Checksum::kMd5, "x.md5");
  ASSERT_TRUE(bsd);
  EXPECT_EQ(*bsd, "900150983cd24fb0d6963f7d28e17f72");
  auto gnu = parse_side_file("900150983cd24fb0d6963f7d28e17f72  delegated-arin-extended-20130418\n",
                             Checksum::kMd5, "x.md5");
  ASSERT_TRUE(gnu);
  EXPECT_EQ(*gnu, "900150983cd24fb0d6963f7d28e17f72");
  auto sha =
      parse_side_file("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad *file\n",
                      Checksum::kSha256, "x.sha256");
  ASSERT_TRUE(sha);
  EXPECT_EQ(sha->size(), 64U);
  // An MD5-sized token is not a SHA-256, a digest glued to letters is not a token, HTML is not
  // a side file.
  auto wrong = parse_side_file("900150983cd24fb0d6963f7d28e17f72", Checksum::kSha256, "s.sha256");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(wrong.error().source, "s.sha256");
  EXPECT_FALSE(parse_side_file("x900150983cd24fb0d6963f7d28e17f72", Checksum::kMd5, "m"));
  auto html = parse_side_file("<html>\n<h1>Not Found</h1>", Checksum::kMd5, "m.md5");
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().message,
            "md5 digest: want 32 hex digits, have '<html>.<h1>Not Found</h1>'");
}

}  // namespace
}  // namespace manrs::fetch
