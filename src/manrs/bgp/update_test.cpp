// BGP message header and UPDATE decoding (bgp/update.h) and NLRI (bgp/nlri.h).
#include "manrs/bgp/update.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/bgp/nlri.h"
#include "manrs/core/limits.h"
#include "manrs/core/testing/wire_bytes.h"

namespace manrs::bgp {
namespace {

using testing::Bytes;
using testing::operator+;
using testing::u16;
using testing::u32;
core::ByteReader reader(const Bytes& b, std::uint64_t base = 0) {
  return core::ByteReader{std::as_bytes(std::span{b}), "upd", base};
}
Bytes update(const Bytes& withdrawn, const Bytes& attrs, const Bytes& nlri) {
  return u16(static_cast<std::uint16_t>(withdrawn.size())) + withdrawn +
         u16(static_cast<std::uint16_t>(attrs.size())) + attrs + nlri;
}
const Bytes kAttrs =
    Bytes{0x40, 1, 1, 0} + Bytes{0x40, 2, 6, 2, 1} + u32(64496) + Bytes{0x40, 3, 4, 192, 0, 2, 1};

std::string prefixes(const std::vector<NlriPrefix>& v) {
  std::string out;
  for (const auto& p : v) {
    if (!out.empty()) out += ' ';
    out += p.prefix.to_string();
    if (p.path_id != 0) out += "#" + std::to_string(p.path_id);
  }
  return out;
}

// ----- message header -------------------------------------------------------------------------

TEST(UpdateTest, MessageHeader) {
  const Bytes marker(16, 0xFF);
  Bytes b = marker + u16(23) + Bytes{2, 0, 0, 0, 0};
  core::ByteReader r = reader(b);
  auto m = decode_message(r);
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_EQ(m->header.length, 23);
  EXPECT_EQ(m->header.type, 2);
  EXPECT_EQ(m->body.remaining(), 4U);
  EXPECT_EQ(m->body.offset(), 19U);
  EXPECT_EQ(m->truncated_by, 0U);
}

TEST(UpdateTest, MessageHeaderErrors) {
  struct Case {
    const char* name;
    Bytes bytes;
    ErrorCode code;
    const char* message;
    const char* source;
  };
  Bytes bad_marker(16, 0xFF);
  bad_marker[7] = 0xFE;
  const std::vector<Case> cases = {
      {"short header", Bytes(18, 0xFF), ErrorCode::kTruncated,
       "RFC 4271 §4.1 message header: want 19 bytes, have 18", "upd@100"},
      {"bad marker", bad_marker + u16(19) + Bytes{4}, ErrorCode::kMalformed,
       "RFC 4271 §4.1 marker: want 16 bytes of 0xff, have 0xfe at byte 7", "upd@100"},
      {"length below 19", Bytes(16, 0xFF) + u16(18) + Bytes{4}, ErrorCode::kMalformed,
       "RFC 4271 §4.1 message length: want >= 19, have 18", "upd@116"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    core::ByteReader r = reader(c.bytes, 100);
    auto m = decode_message(r);
    ASSERT_FALSE(m.has_value());
    EXPECT_EQ(m.error().code, c.code);
    EXPECT_EQ(m.error().message, c.message);
    EXPECT_EQ(m.error().source, c.source);
  }
}

TEST(UpdateTest, MessageCutByTheRecord) {
  // Declares 40 bytes, 25 are there: the body is what exists, truncated_by says what is not.
  Bytes b = Bytes(16, 0xFF) + u16(40) + Bytes{2} + Bytes(6, 0);
  core::ByteReader r = reader(b);
  auto m = decode_message(r);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->truncated_by, 15U);
  EXPECT_EQ(m->body.remaining(), 6U);
  // RFC 8654 extended messages: 65535 is a valid length.
  Bytes big = Bytes(16, 0xFF) + u16(65535) + Bytes{2};
  big.resize(65535, 0);
  core::ByteReader rb = reader(big);
  auto mb = decode_message(rb);
  ASSERT_TRUE(mb.has_value());
  EXPECT_EQ(mb->truncated_by, 0U);
  EXPECT_EQ(mb->body.remaining(), 65535U - 19U);
}

// ----- UPDATE ---------------------------------------------------------------------------------

TEST(UpdateTest, AnnounceAndWithdrawIpv4) {
  Bytes b = update(Bytes{24, 203, 0, 113} + Bytes{0}, kAttrs,
                   Bytes{24, 198, 51, 100} + Bytes{8, 10} + Bytes{32, 192, 0, 2, 77});
  Update u;
  Status st = decode_update(reader(b), {}, u);
  ASSERT_TRUE(st.has_value()) << st.error().to_string();
  EXPECT_EQ(prefixes(u.withdrawn), "203.0.113.0/24 0.0.0.0/0");
  EXPECT_EQ(prefixes(u.nlri), "198.51.100.0/24 10.0.0.0/8 192.0.2.77/32");
  EXPECT_EQ(u.attrs.as_path.to_string(), "64496");
  EXPECT_TRUE(u.attrs.problems.empty());
}

TEST(UpdateTest, HostBitsAreCleared) {
  Bytes b = update({}, kAttrs, Bytes{13, 11, 13});  // 11.13.0.0/13 -> 11.8.0.0/13
  Update u;
  ASSERT_TRUE(decode_update(reader(b), {}, u).has_value());
  EXPECT_EQ(prefixes(u.nlri), "11.8.0.0/13");
}

TEST(UpdateTest, FramingErrors) {
  struct Case {
    const char* name;
    Bytes bytes;
    ErrorCode code;
    const char* message;
    const char* source;
  };
  const std::vector<Case> cases = {
      {"empty",
       {},
       ErrorCode::kTruncated,
       "RFC 4271 §4.3 withdrawn routes length: want 2 bytes, have 0",
       "upd@0"},
      {"withdrawn length overrun", u16(50) + Bytes{24, 1, 2, 3}, ErrorCode::kTruncated,
       "RFC 4271 §4.3 withdrawn routes: want 50 bytes, have 4", "upd@2"},
      {"attribute length missing", u16(0) + Bytes{1}, ErrorCode::kTruncated,
       "RFC 4271 §4.3 total path attribute length: want 2 bytes, have 1", "upd@2"},
      {"attribute length overrun", u16(0) + u16(200) + kAttrs, ErrorCode::kTruncated,
       "RFC 4271 §4.3 path attributes: want 200 bytes, have 20", "upd@4"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Update u;
    Status st = decode_update(reader(c.bytes), {}, u);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, c.code);
    EXPECT_EQ(st.error().message, c.message);
    EXPECT_EQ(st.error().source, c.source);
  }
}

TEST(UpdateTest, MalformedNlriIsTreatAsWithdraw) {
  // RFC 7606 §5.3: the /24 before the damage is kept, the problem names field and offset.
  Bytes b = update({}, kAttrs, Bytes{24, 198, 51, 100} + Bytes{33, 10, 0, 0, 0, 0});
  Update u;
  ASSERT_TRUE(decode_update(reader(b), {}, u).has_value());
  EXPECT_EQ(prefixes(u.nlri), "198.51.100.0/24");
  EXPECT_EQ(u.attrs.action, ErrorAction::kTreatAsWithdraw);
  ASSERT_EQ(u.attrs.problems.size(), 1U);
  EXPECT_EQ(u.attrs.problems[0].message,
            "RFC 7606 §5.3 upd@28: RFC 4271 §4.3 NLRI prefix length: want <= 32, have 33");
  // A prefix running past the end of the withdrawn routes field.
  b = update(Bytes{24, 1, 2}, kAttrs, {});
  ASSERT_TRUE(decode_update(reader(b), {}, u).has_value());
  EXPECT_EQ(u.attrs.action, ErrorAction::kTreatAsWithdraw);
  EXPECT_NE(u.attrs.problems.at(0).message.find("NLRI prefix: want 3 bytes, have 2"),
            std::string::npos)
      << u.attrs.problems.at(0).message;
}

TEST(UpdateTest, AttributeProblemsReachTheUpdate) {
  // ORIGIN of length 2: treat-as-withdraw, the NLRI are still decoded.
  Bytes attrs = Bytes{0x40, 1, 2, 0, 0} + Bytes{0x40, 3, 4, 192, 0, 2, 1};
  Update u;
  ASSERT_TRUE(decode_update(reader(update({}, attrs, Bytes{24, 198, 51, 100})), {}, u).has_value());
  EXPECT_EQ(u.attrs.action, ErrorAction::kTreatAsWithdraw);
  EXPECT_EQ(prefixes(u.nlri), "198.51.100.0/24");
}

TEST(UpdateTest, AddPath) {
  Bytes nlri = u32(7) + Bytes{24, 198, 51, 100} + u32(8) + Bytes{16, 10, 1};
  Bytes withdrawn = u32(9) + Bytes{8, 172};
  AttrContext ap;
  ap.add_path = true;
  Update u;
  ASSERT_TRUE(decode_update(reader(update(withdrawn, kAttrs, nlri)), ap, u).has_value());
  EXPECT_EQ(prefixes(u.nlri), "198.51.100.0/24#7 10.1.0.0/16#8");
  EXPECT_EQ(prefixes(u.withdrawn), "172.0.0.0/8#9");
  EXPECT_FALSE(u.attrs.add_path_detected);

  // Not announced, detection on: the plain reading fails, the RFC 7911 one parses completely.
  AttrContext detect;
  detect.detect_add_path = true;
  ASSERT_TRUE(decode_update(reader(update(withdrawn, kAttrs, nlri)), detect, u).has_value());
  EXPECT_TRUE(u.attrs.add_path_detected);
  EXPECT_TRUE(u.attrs.problems.empty());
  EXPECT_EQ(prefixes(u.nlri), "198.51.100.0/24#7 10.1.0.0/16#8");
  EXPECT_EQ(prefixes(u.withdrawn), "172.0.0.0/8#9");

  // Detection off: treat-as-withdraw.
  ASSERT_TRUE(decode_update(reader(update(withdrawn, kAttrs, nlri)), {}, u).has_value());
  EXPECT_FALSE(u.attrs.add_path_detected);
  EXPECT_EQ(u.attrs.action, ErrorAction::kTreatAsWithdraw);

  // ADD-PATH announced but the path identifier is cut.
  ASSERT_TRUE(decode_update(reader(update({}, kAttrs, Bytes{0, 0, 1})), ap, u).has_value());
  EXPECT_NE(u.attrs.problems.at(0).message.find("RFC 7911 §3 NLRI path identifier"),
            std::string::npos);
}

TEST(UpdateTest, ReuseClearsThePreviousUpdate) {
  Update u;
  ASSERT_TRUE(decode_update(reader(update(Bytes{8, 10}, kAttrs, Bytes{8, 11})), {}, u).has_value());
  ASSERT_TRUE(decode_update(reader(update({}, {}, {})), {}, u).has_value());
  EXPECT_TRUE(u.withdrawn.empty());
  EXPECT_TRUE(u.nlri.empty());
  EXPECT_TRUE(u.attrs.as_path.empty());
  EXPECT_EQ(u.attrs.present, 0U);
}

// ----- NLRI -----------------------------------------------------------------------------------

TEST(NlriTest, Table) {
  struct Case {
    const char* name;
    std::uint16_t afi;
    bool add_path;
    Bytes bytes;
    bool ok;
    const char* prefixes;  // decoded (before the error, when !ok)
    const char* error;     // message part when !ok
  };
  const std::vector<Case> cases = {
      {"ipv4", kAfiIpv4, false, Bytes{24, 192, 0, 2, 0, 32, 10, 0, 0, 1}, true,
       "192.0.2.0/24 0.0.0.0/0 10.0.0.1/32", ""},
      {"ipv4 /33", kAfiIpv4, false, Bytes{8, 10, 33, 1, 2, 3, 4, 5}, false, "10.0.0.0/8",
       "NLRI prefix length: want <= 32, have 33"},
      {"ipv6", kAfiIpv6, false,
       Bytes{64, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 128} + Bytes(16, 0xFF), true,
       "2001:db8:0:1::/64 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", ""},
      {"ipv6 /129", kAfiIpv6, false, Bytes{129} + Bytes(17, 0), false, "",
       "NLRI prefix length: want <= 128, have 129"},
      {"prefix cut", kAfiIpv6, false, Bytes{48, 0x20, 0x01}, false, "",
       "NLRI prefix: want 6 bytes, have 2"},
      {"add-path", kAfiIpv4, true, u32(1) + Bytes{24, 1, 2, 3}, true, "1.2.3.0/24#1", ""},
      {"add-path id cut", kAfiIpv4, true, Bytes{0, 0, 1}, false, "",
       "RFC 7911 §3 NLRI path identifier: want 4 bytes, have 3"},
      {"add-path length missing", kAfiIpv4, true, u32(1), false, "",
       "NLRI prefix length: want 1 bytes, have 0"},
      {"afi 3", 3, false, Bytes{0}, false, "", "RFC 4760 §3 NLRI AFI: want 1 or 2, have 3"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<NlriPrefix> out;
    Status st = decode_nlri(reader(c.bytes), c.afi, c.add_path, out);
    EXPECT_EQ(st.has_value(), c.ok);
    EXPECT_EQ(prefixes(out), c.prefixes);
    if (!c.ok && !st.has_value()) {
      EXPECT_NE(st.error().message.find(c.error), std::string::npos) << st.error().message;
      EXPECT_EQ(st.error().source.rfind("upd@", 0), 0U);
    }
  }
}

TEST(NlriTest, PrefixCountIsBounded) {
  // 65535 /0 prefixes are accepted; one more is a limit error, not an allocation.
  Bytes b(limits::kMaxNlriPrefixes + 1, 0);
  std::vector<NlriPrefix> out;
  Status st = decode_nlri(reader(b), kAfiIpv4, false, out);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(out.size(), limits::kMaxNlriPrefixes);
}

}  // namespace
}  // namespace manrs::bgp
