// registry/sources_hostile_test.cpp — hostile JSON for the registry readers: truncation, bad
// syntax, deep nesting, huge numbers, wrong types, a 10 MB string. Every case is an Error with
// the file, line and byte offset; none crashes or keeps data.
#include <string>

#include <gtest/gtest.h>

#include "manrs/registry/asnames.h"
#include "manrs/registry/internal/json_scan.h"
#include "manrs/registry/peeringdb.h"
#include "manrs/registry/spoofer.h"

namespace manrs::registry {
namespace {

struct Case {
  std::string name;
  std::string text;
  ErrorCode code;
  std::string error;
};

TEST(SourcesHostileTest, PeeringDbJson) {
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const std::string big_string = "{\"data\":[{\"id\":1,\"net_id\":1,\"role\":\"" +
                                 std::string(10U * 1024U * 1024U, 'a') + "\"}]}";
  const std::vector<Case> cases = {
      {"empty", "", ErrorCode::kTruncated,
       "h:1: offset 0: JSON: want a JSON value, have end of input"},
      {"truncated", "{\"data\":[{\"id\":1,", ErrorCode::kTruncated,
       "h:1: offset 17: JSON: want a member name in double quotes, have end of input"},
      {"truncated string", "{\"data\":[{\"id\":\"12", ErrorCode::kTruncated,
       "h:1: offset 15: JSON: want a closing '\"' for the string starting here, have '\\x22'"},
      {"missing colon", "{\"data\" [1]}", ErrorCode::kMalformed,
       "h:1: offset 8: JSON: want ':', have '['"},
      {"trailing comma", "{\"data\":[1,]}", ErrorCode::kMalformed,
       "h:1: offset 11: JSON: want a JSON value, have ']'"},
      {"trailing garbage", "{\"data\":[]} x", ErrorCode::kMalformed,
       "h:1: offset 12: JSON: want the end of the input, have 'x'"},
      {"bad literal", "{\"data\":[tru]}", ErrorCode::kMalformed,
       "h:1: offset 9: JSON: want a JSON value, have 't'"},
      {"bad escape", "{\"data\":\"\\q\"}", ErrorCode::kMalformed,
       "h:1: offset 10: JSON: want an escape of \" \\ / b f n r t u, have 'q'"},
      {"lone surrogate", "{\"data\":\"\\udc00\"}", ErrorCode::kMalformed,
       "h:1: offset 9: JSON: want a high surrogate before a low one, have '\\x5c'"},
      {"control char", "{\"data\":\"a\nb\"}", ErrorCode::kMalformed,
       "h:1: offset 10: JSON: want no control characters in a string, have '\\x0a'"},
      {"bad number", "{\"data\":[-]}", ErrorCode::kMalformed,
       "h:1: offset 10: JSON: want a digit, have ']'"},
      {"deep nesting", deep, ErrorCode::kLimitExceeded,
       "h:1: offset 64: JSON nesting: want <= 64 levels, have more"},
      {"10 MB string", big_string, ErrorCode::kLimitExceeded,
       "h:1: offset 35: string: want <= 1048576 bytes, have more"},
      {"huge id", "{\"data\":[{\"id\":1e999,\"net_id\":1,\"role\":\"NOC\"}]}",
       ErrorCode::kMalformed,
       "h:1: offset 15: data[0].id: want an integer in [0, "
       "9007199254740992], have 1e999"},
      {"wrong type", "{\"data\":[{\"id\":1,\"net_id\":1,\"role\":[\"NOC\"]}]}",
       ErrorCode::kMalformed, "h:1: offset 35: data[0].role: want a string, have an array"},
      {"negative id", "{\"net\":{\"data\":[{\"id\":-5,\"asn\":1}]}}", ErrorCode::kMalformed,
       "h:1: offset 22: net.data[0].id: want an integer in [0, 9007199254740992], have -5"},
      {"missing asn", "{\"net\":{\"data\":[{\"id\":5}]}}", ErrorCode::kMalformed,
       "h:1: offset 16: net.data[0].asn: want an integer, have none"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    PeeringDb db;
    auto r = db.load_text(c.text, "h");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().to_string(), c.error);
    db.finalize();
    EXPECT_TRUE(db.empty());
  }
}

TEST(SourcesHostileTest, LinesAreCountedInPositions) {
  PeeringDb db;
  auto r = db.load_text(
      "{\n  \"data\": [\n    {\"id\": 1, \"net_id\": 1,\n     \"role\": true}\n  ]\n}", "p.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "p.json:4");
}

TEST(SourcesHostileTest, SpooferAndAsNamesShareTheGuards) {
  SpooferResults s;
  auto r = s.load_text("[" + std::string(1000, '['), "s.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
  r = s.load_text("{\"timestamp\":\"2015-11-01\",\"asn4\":{\"a\":1},\"client4\":\"192.0.2.0/24\"}",
                  "s.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "s.json:1: offset 33: asn4: want an AS number, have \"an object\"");
  AsNames names;
  auto n = names.load_text("{\"1\": \"" + std::string(2000000, 'x') + "\"}", "n.json");
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code, ErrorCode::kLimitExceeded);
  n = names.load_text("{\"1\": \"a\"", "n.json");
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(names.size(), 0U);
}

// Random bytes and random cuts of a valid document never crash the scanner.
TEST(SourcesHostileTest, CutsAndFlipsOfAValidDocument) {
  const std::string doc =
      R"({"data":[{"id":1,"org_id":2,"asn":64500,"name":"N\u00e9","irr_as_set":"AS-X",)"
      R"("updated":"2024-01-01T00:00:00Z","social_media":[{"a":[1,2,{"b":null}]}],"status":"ok"}],)"
      R"("meta":{}})";
  {
    PeeringDb ok;
    ASSERT_TRUE(ok.load_text(doc, "ok"));
  }
  for (std::size_t cut = 0; cut < doc.size(); ++cut) {
    PeeringDb db;
    auto r = db.load_text(doc.substr(0, cut), "cut");
    EXPECT_FALSE(r) << cut;
  }
  std::uint32_t seed = 12345;
  for (int i = 0; i < 2000; ++i) {
    std::string m = doc;
    seed = seed * 1103515245U + 12345U;
    const std::size_t at = (seed >> 8U) % m.size();
    seed = seed * 1103515245U + 12345U;
    m[at] = static_cast<char>(seed >> 16U);
    PeeringDb db;
    (void)db.load_text(m, "flip");
    SpooferResults s;
    (void)s.load_text(m, "flip");
    AsNames a;
    (void)a.load_text(m, "flip");
  }
}

}  // namespace
}  // namespace manrs::registry
