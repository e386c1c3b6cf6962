// Tests of the RPSL scanner (irr/rpsl.h): handwritten cases, chunking properties, limits, and
// every file of the shared data with its object counts per class.
#include "manrs/irr/rpsl.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/irr/objects.h"

namespace manrs::irr {
namespace {

// A source that hands out the text in pieces of random size (1..max_piece), or fails after
// `fail_at` bytes.
class ChunkedSource final : public core::ByteSource {
 public:
  ChunkedSource(std::string_view text, std::size_t max_piece, std::uint64_t seed,
                std::size_t fail_at = std::string_view::npos)
      : text_(text), max_piece_(max_piece), rng_(seed), fail_at_(fail_at) {}

  Result<std::size_t> read(std::span<std::byte> dst) override {
    if (pos_ >= fail_at_) return make_error(ErrorCode::kTruncated, "test: cut", "chunked");
    std::uniform_int_distribution<std::size_t> piece(1, max_piece_);
    std::size_t n = std::min({dst.size(), piece(rng_), text_.size() - pos_});
    if (fail_at_ != std::string_view::npos) n = std::min(n, fail_at_ - pos_);
    std::memcpy(dst.data(), text_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  std::string_view name() const override { return "chunked"; }
  std::uint64_t consumed() const override { return pos_; }
  std::uint64_t size() const override { return text_.size(); }
  core::Compression compression() const override { return core::Compression::kNone; }

 private:
  std::string_view text_;
  std::size_t max_piece_;
  std::mt19937_64 rng_;
  std::size_t fail_at_;
  std::size_t pos_ = 0;
};

struct Scanned {
  std::vector<std::string> texts;
  std::vector<std::string> classes;
  std::vector<std::string> keys;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> problems;
  std::uint64_t problem_count = 0;
  std::uint64_t bytes = 0;
};

Scanned drain(RpslReader& reader) {
  Scanned out;
  std::string scratch;
  for (;;) {
    auto obj = reader.next();
    EXPECT_TRUE(obj.has_value()) << obj.error().to_string();
    if (!obj || *obj == nullptr) break;
    out.texts.emplace_back((*obj)->text);
    out.classes.emplace_back(to_string((*obj)->cls));
    out.keys.emplace_back((*obj)->key(scratch));
    out.lines.push_back((*obj)->line);
  }
  for (const auto& p : reader.problems()) out.problems.push_back(reader.describe(p));
  out.problem_count = reader.problem_count();
  out.bytes = reader.bytes_read();
  return out;
}

Scanned scan(std::string_view text, RpslReaderOptions options = {}) {
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "t.rpsl");
  EXPECT_TRUE(src.has_value());
  RpslReader reader(**src, options);
  EXPECT_EQ(reader.source_name(), "t.rpsl");
  return drain(reader);
}

TEST(RpslReaderTest, SplitsObjectsOnBlankLines) {
  const auto s = scan(
      "% header\n#comment\n\nroute: 192.0.2.0/24\norigin: AS1\n\n\n"
      "AS-SET: AS-FOO  # c\nmembers: AS1,\n  AS2\n+ AS3\n \t\nmntner: M\n");
  ASSERT_EQ(s.texts.size(), 3U);
  EXPECT_EQ(s.classes, (std::vector<std::string>{"route", "as-set", "mntner"}));
  EXPECT_EQ(s.keys, (std::vector<std::string>{"192.0.2.0/24", "AS-FOO", "M"}));
  EXPECT_EQ(s.lines, (std::vector<std::uint64_t>{4, 8, 13}));
  EXPECT_EQ(s.texts[1], "AS-SET: AS-FOO  # c\nmembers: AS1,\n  AS2\n+ AS3\n");
  EXPECT_EQ(s.texts[2], "mntner: M\n");
  EXPECT_TRUE(s.problems.empty());
  EXPECT_EQ(s.bytes, 112U);
}

TEST(RpslReaderTest, KeepsAttributesWithTheirLines) {
  const std::string text =
      "aut-num: AS1\nImport: from AS2\n  accept ANY\n# inner comment\n+ ;\nmnt-by: A\n"
      "mnt-by: B\r\nremarks:\n";
  auto src = core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "x");
  ASSERT_TRUE(src.has_value());
  RpslReader reader(**src);
  auto obj = reader.next();
  ASSERT_TRUE(obj.has_value());
  ASSERT_NE(*obj, nullptr);
  const RpslObject& o = **obj;
  EXPECT_EQ(o.cls, ObjectClass::kAutNum);
  EXPECT_EQ(o.class_name, "aut-num");
  ASSERT_EQ(o.attributes.size(), 5U);
  EXPECT_EQ(o.attributes[1].name, "Import");
  EXPECT_TRUE(o.attributes[1].is("import"));
  EXPECT_EQ(o.attributes[1].raw, " from AS2\n  accept ANY\n# inner comment\n+ ;");
  EXPECT_EQ(o.attributes[1].line, 2U);
  EXPECT_EQ(o.attributes[3].raw, " B");  // CR dropped
  EXPECT_EQ(o.attributes[3].line, 7U);
  EXPECT_EQ(o.attributes[4].raw, "");
  std::string scratch;
  EXPECT_EQ(o.first("import", scratch), "from AS2 accept ANY ;");
  EXPECT_EQ(o.first("mnt-by", scratch), "A");
  EXPECT_EQ(o.first("source", scratch), "");
  EXPECT_EQ(o.text, text);
  auto end = reader.next();
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(*end, nullptr);
  EXPECT_EQ(reader.objects(), 1U);
}

TEST(RpslReaderTest, AcceptsCrLfAndALastLineWithoutNewline) {
  const auto s =
      scan("route: 192.0.2.0/24\r\norigin: AS1\r\n\r\nroute6: 2001:db8::/32\r\norigin: AS2");
  EXPECT_EQ(s.keys, (std::vector<std::string>{"192.0.2.0/24", "2001:db8::/32"}));
  EXPECT_EQ(s.texts[0], "route: 192.0.2.0/24\r\norigin: AS1\r\n");
  EXPECT_EQ(s.texts[1], "route6: 2001:db8::/32\r\norigin: AS2\n");  // the newline is added
  EXPECT_TRUE(s.problems.empty());
}

TEST(RpslReaderTest, CommentsAndEmptyInputs) {
  EXPECT_TRUE(scan("").texts.empty());
  EXPECT_TRUE(scan("\n\n  \n\t\n").texts.empty());
  const auto only_comments = scan("% a\n# b\n%\n#\n");
  EXPECT_TRUE(only_comments.texts.empty());
  EXPECT_TRUE(only_comments.problems.empty());
  // '%' and '#' lines inside an object are skipped; the object goes on after them.
  const auto inner = scan("mntner: M\n% note\nmnt-by: M\n#x\n\nperson: P\n");
  ASSERT_EQ(inner.texts.size(), 2U);
  EXPECT_EQ(inner.texts[0], "mntner: M\n% note\nmnt-by: M\n#x\n");
}

TEST(RpslReaderTest, ReportsBadLinesWithTheirNumberAndSkipsTheParagraph) {
  const auto s = scan(
      "route: 192.0.2.0/24\nbad line\norigin: AS1\n\n  cont\nx: y\n\n*xxte: 1\n\nok: 1\n"
      ": empty\n\nthis-name-is-far-too-long-for-any-rpsl-attribute-that-we-have-ever-seen: 1\n");
  EXPECT_EQ(s.keys, (std::vector<std::string>{}));
  EXPECT_EQ(s.problems,
            (std::vector<std::string>{
                "t.rpsl:2: attribute: want 'name: value', have 'bad line'",
                "t.rpsl:5: continuation line: want an attribute before it, have '  cont'",
                "t.rpsl:8: attribute name: want letters, digits, '-' or '_', have '*xxte'",
                "t.rpsl:11: attribute name: want letters, digits, '-' or '_', have ''",
                "t.rpsl:13: attribute name: want at most 64 characters, have 71"}));
}

TEST(RpslReaderTest, ReportsNulBytesWithTheLineAndAttribute) {
  const std::string text = std::string("route: 192.0.2.0/24\norigin: AS1\ndescr: a") + '\0' +
                           "b\n\nroute: 198.51.100.0/24\norigin: AS2\n";
  const auto s = scan(text);
  EXPECT_EQ(s.keys, std::vector<std::string>{"198.51.100.0/24"});
  EXPECT_EQ(s.problems, std::vector<std::string>{"t.rpsl:3: descr: want text, have a NUL byte"});
}

TEST(RpslReaderTest, SkipsObjectsOverTheSizeLimitWithoutBufferingThem) {
  RpslReaderOptions o;
  o.max_object_bytes = 100;
  std::string big = "as-set: AS-BIG\n";
  for (int i = 0; i < 50; ++i) big += "members: AS" + std::to_string(i) + "\n";
  const auto s = scan("route: 192.0.2.0/24\norigin: AS1\n\n" + big + "\nmntner: M\n", o);
  EXPECT_EQ(s.keys, (std::vector<std::string>{"192.0.2.0/24", "M"}));
  EXPECT_EQ(s.problems,
            std::vector<std::string>{"t.rpsl:4: object size: want at most 100 bytes, have more"});
  // An endless line: inside an object, before any object, and as a comment.
  const std::string endless(5000, 'x');
  const auto e = scan("mntner: M\ndescr: " + endless + "\n\nroute: " + endless +
                          "\norigin: AS1\n\n%" + endless + "\nperson: P\n",
                      o);
  EXPECT_EQ(e.keys, std::vector<std::string>{"P"});
  EXPECT_EQ(e.problems,
            (std::vector<std::string>{"t.rpsl:1: object size: want at most 100 bytes, have more",
                                      "t.rpsl:4: object size: want at most 100 bytes, have more",
                                      "t.rpsl:7: line length: want at most 100 bytes, have more"}));
  // The limit is exact: an object of 100 bytes passes, 101 does not.
  const std::string hundred = "a: " + std::string(96, 'x') + "\n";
  ASSERT_EQ(hundred.size(), 100U);
  EXPECT_EQ(scan(hundred + "\n" + "a: " + std::string(97, 'y') + "\n", o).keys.size(), 1U);
}

TEST(RpslReaderTest, KeepsTheFirstProblemsAndCountsAll) {
  RpslReaderOptions o;
  o.max_problems = 2;
  const auto s = scan("a\n\nb\n\nc\n\nd\n\nok: 1\n", o);
  EXPECT_EQ(s.keys, std::vector<std::string>{"1"});
  EXPECT_EQ(s.problems.size(), 2U);
  EXPECT_EQ(s.problem_count, 4U);
}

// Any split of the input into reads gives the same objects and problems (T4 property test).
TEST(RpslReaderTest, ChunkingDoesNotChangeTheResult) {
  std::string text = "% header\n\n";
  for (int i = 0; i < 300; ++i) {
    text += "route: 10." + std::to_string(i % 256) + ".0.0/16\r\ndescr: d" + std::to_string(i) +
            "\n  more\n+\norigin: AS" + std::to_string(i) + " # c\n";
    if (i % 17 == 0) text += std::string(300, ' ') + "x\n";  // a long continuation line
    if (i % 13 == 0) {
      text += std::string(500, ' ') + "\n";  // a blank line longer than the limit
      continue;
    }
    text += (i % 7 == 0) ? "bad line\n\n" : (i % 5 == 0 ? " \t \n" : "\n");
    if (i % 11 == 0) text += "descr: " + std::string(static_cast<std::size_t>(i) * 3, 'z') + "\n\n";
  }
  RpslReaderOptions o;
  o.max_object_bytes = 400;
  const auto want = scan(text, o);
  // 300 routes, 43 with a bad line (i % 7 == 0), 28 long descr objects (i % 11 == 0) of which 16
  // are over the limit (3i + 8 > 400 bytes).
  // Counted by a separate 30-line model of the rules (paragraphs, bad lines, the 400-byte
  // limit, long blank lines reported only between objects) written in Python for this test.
  EXPECT_EQ(want.texts.size(), 272U);
  EXPECT_EQ(want.problem_count, 53U);
  for (const std::uint64_t seed : {1U, 2U, 3U, 4U, 5U}) {
    for (const std::size_t piece : {1U, 7U, 64U, 1000U}) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << " piece " << piece);
      ChunkedSource src(text, piece, seed);
      RpslReader reader(src, o);
      const auto got = drain(reader);
      EXPECT_EQ(got.texts, want.texts);
      EXPECT_EQ(got.keys, want.keys);
      EXPECT_EQ(got.lines, want.lines);
      std::vector<std::string> problems = want.problems;
      for (auto& p : problems) p.replace(0, 6, "chunked");
      EXPECT_EQ(got.problems, problems);
      EXPECT_EQ(got.bytes, text.size());
    }
  }
}

TEST(RpslReaderTest, ASourceErrorIsFatalAfterTheGoodObjects) {
  const std::string text = "mntner: A\n\nmntner: B\n\nmntner: C\n";
  ChunkedSource src(text, 4, 1, 14);  // fails inside "mntner: B"
  RpslReader reader(src);
  auto a = reader.next();
  ASSERT_TRUE(a.has_value());
  ASSERT_NE(*a, nullptr);
  std::string scratch;
  EXPECT_EQ((*a)->key(scratch), "A");
  auto b = reader.next();
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(b.error().to_string(), "chunked: test: cut");
  EXPECT_FALSE(reader.next().has_value());  // sticky
}

TEST(RpslReaderTest, ReadsTruncatedGzipUpToTheDamage) {
  const char* path = MANRS_SHARED_DIR "/data/rpsl/ripe-nonauth.db.route6.half-a.gz";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared data at " << MANRS_SHARED_DIR;
  std::string gz = [&] {
    std::FILE* f = std::fopen(path, "rb");
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
    std::fclose(f);
    return out;
  }();
  gz.resize(gz.size() / 2);
  auto src = core::open_memory(std::as_bytes(std::span(gz.data(), gz.size())), "half.gz");
  ASSERT_TRUE(src.has_value());
  RpslReader reader(**src);
  std::uint64_t n = 0;
  for (;;) {
    auto obj = reader.next();
    if (!obj) {
      EXPECT_EQ(obj.error().code, ErrorCode::kTruncated) << obj.error().to_string();
      EXPECT_EQ(obj.error().source.rfind("half.gz@", 0), 0U) << obj.error().source;
      break;
    }
    ASSERT_NE(*obj, nullptr) << "a truncated gzip must end in an error";
    ++n;
  }
  EXPECT_GT(n, 200U);
  EXPECT_LT(n, 689U);
}

TEST(RpslValueTest, CleansCommentsAndContinuations) {
  std::string scratch;
  EXPECT_EQ(attribute_value("   AS1  ", scratch), "AS1");
  EXPECT_EQ(attribute_value("", scratch), "");
  EXPECT_EQ(attribute_value(" # only a comment", scratch), "");
  EXPECT_EQ(attribute_value(" AS1, # x\n+ AS2\r\n\tAS3 #y\n+\n", scratch), "AS1, AS2 AS3");
  EXPECT_EQ(attribute_value(" a\n% note\n# c\n b", scratch), "a b");
  EXPECT_EQ(attribute_value(" a \r", scratch), "a");
  // The common single-line case is a view of the input, not of scratch.
  const std::string_view raw = " AS-FOO ";
  const std::string_view v = attribute_value(raw, scratch);
  EXPECT_EQ(v.data(), raw.data() + 1);
}

TEST(RpslValueTest, SplitsLists) {
  std::vector<std::string> items;
  for_each_list_item("AS1, AS2 AS3,AS-FOO,,  \t",
                     [&](std::string_view i) { items.emplace_back(i); });
  EXPECT_EQ(items, (std::vector<std::string>{"AS1", "AS2", "AS3", "AS-FOO"}));
}

TEST(RpslClassTest, NamesRoundTrip) {
  for (std::size_t i = 1; i < kObjectClasses; ++i) {
    const auto c = static_cast<ObjectClass>(i);
    EXPECT_EQ(parse_object_class(to_string(c)), c) << to_string(c);
  }
  EXPECT_EQ(parse_object_class("ROUTE6"), ObjectClass::kRoute6);
  EXPECT_EQ(parse_object_class("Aut-Num"), ObjectClass::kAutNum);
  EXPECT_EQ(parse_object_class("poem"), ObjectClass::kOther);
  EXPECT_EQ(parse_object_class("organisationx"), ObjectClass::kOther);
  EXPECT_EQ(parse_object_class(""), ObjectClass::kOther);
  EXPECT_EQ(to_string(ObjectClass::kOther), "other");
  EXPECT_TRUE(iequals("MNT-BY", "mnt-by"));
  EXPECT_FALSE(iequals("mnt-by", "mnt-b"));
  EXPECT_FALSE(iequals("mnt_by", "mnt-by"));
}

TEST(RpslParseObjectTest, ParsesOneObject) {
  auto o = parse_rpsl_object("% c\n\nroute: 192.0.2.0/24\norigin: AS1\n\n# trailing\n", "s", 5);
  ASSERT_TRUE(o.has_value()) << o.error().to_string();
  EXPECT_EQ(o->line, 7U);
  EXPECT_EQ(o->attributes[1].line, 8U);
  EXPECT_EQ(o->text, "route: 192.0.2.0/24\norigin: AS1\n");
  auto no_nl = parse_rpsl_object("mntner: M", "s");
  ASSERT_TRUE(no_nl.has_value());
  EXPECT_EQ(no_nl->text, "mntner: M");
  const auto err = [](std::string_view text) {
    auto r = parse_rpsl_object(text, "s", 1);
    return r ? std::string("ok") : r.error().to_string();
  };
  EXPECT_EQ(err(""), "s:1: object: want at least one attribute, have none");
  EXPECT_EQ(err("% only\n"), "s:1: object: want at least one attribute, have none");
  EXPECT_EQ(err("a: 1\n\nb: 2\n"), "s:1: object: want one object, have a second one at line 3");
  EXPECT_EQ(err("a: 1\nb\n"), "s:2: attribute: want 'name: value', have 'b'");
  EXPECT_EQ(err(std::string("a: 1\nb: \0\n", 10)), "s:2: line: want text, have a NUL byte");
}

// ----- the shared data ------------------------------------------------------------------------

struct FileCounts {
  std::map<std::string, std::uint64_t> by_class;  // by class name as written, lower-cased
  std::vector<std::string> problems;
  std::uint64_t objects = 0;
};

std::string shared_path(const std::string& name) {
  return std::string(MANRS_SHARED_DIR) + "/data/rpsl/" + name;
}

FileCounts scan_file(const std::string& name) {
  FileCounts c;
  auto src = core::open_input(shared_path(name));
  EXPECT_TRUE(src.has_value());
  if (!src) return c;
  RpslReader reader(**src);
  for (;;) {
    auto obj = reader.next();
    EXPECT_TRUE(obj.has_value()) << obj.error().to_string();
    if (!obj || *obj == nullptr) break;
    std::string cls((*obj)->class_name);
    for (auto& ch : cls) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ++c.by_class[cls];
  }
  c.objects = reader.objects();
  for (const auto& p : reader.problems()) {
    // Problems without the folder: "<file>:<line>: <message>".
    std::string d = reader.describe(p);
    c.problems.push_back(d.substr(d.find(name)));
  }
  return c;
}

bool have_shared_data() { return std::filesystem::is_directory(shared_path("")); }

using Counts = std::map<std::string, std::uint64_t>;

// Counts per class computed independently with awk: paragraphs split on empty or
// whitespace-only lines, '%'/'#' lines ignored, class = lower-cased name before the first ':' of
// the paragraph's first line (see docs/rpsl.md).
TEST(RpslSharedDataTest, EveryFileHasTheExactObjectCounts) {
  if (!have_shared_data()) GTEST_SKIP() << "no shared data at " << MANRS_SHARED_DIR;
  const std::map<std::string, Counts> want = {
      {"AS15562-draft-ietf-grow-rpsl-via-01_1.aut-num", {{"aut-num", 1}}},
      {"AS29075.aut-num", {{"aut-num", 1}}},
      {"ripe-nonauth.db.aut-num.gz", {{"aut-num", 2109}}},
      {"ripe-nonauth.db.route.gz", {{"route", 52082}}},
      {"ripe-nonauth.db.route6.half-a.gz", {{"route6", 689}}},
      {"ripe-whois-TEST.db",
       {{"person", 37},
        {"inetnum", 36},
        {"aut-num", 34},
        {"as-block", 1},
        {"inet6num", 32},
        {"role", 1},
        {"route", 1},
        {"organisation", 33},
        {"key-cert", 1},
        {"as-set", 1},
        {"domain", 3},
        {"mntner", 40}}},
      {"ripe-whois-grs-afrinic.test.gz", {{"inetnum", 2}, {"as-block", 3}}},
      {"ripe-whois-grs-apnic.test.gz", {{"as-block", 2}}},
      {"ripe-whois-grs-lacnic.test", {{"inetnum", 2}, {"aut-num", 1}}},
      {"ripe-whois-grs-radb.test.gz", {{"aut-num", 1}, {"route", 1}}},
      {"ripe-whois-grs-ripe.test.gz", {{"as-block", 2}}},
      {"ripe.db.as-block.gz", {{"as-block", 565}}},
      {"ripe.db.as-set.gz", {{"as-set", 25174}}},
      {"rpki-irr-bgp-stats-ripe-db-route.txt", {{"route", 62}}},
  };
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(shared_path(""))) {
    const std::string name = e.path().filename().string();
    if (name.find(".json") != std::string::npos) continue;
    SCOPED_TRACE(name);
    ++files;
    const auto it = want.find(name);
    ASSERT_NE(it, want.end()) << "a new file in the shared data: add its counts";
    const auto c = scan_file(name);
    EXPECT_EQ(c.by_class, it->second);
    std::uint64_t total = 0;
    for (const auto& [k, v] : it->second) total += v;
    EXPECT_EQ(c.objects, total);
    if (name == "ripe-whois-grs-radb.test.gz") {
      // RIPE's abbreviated "*xxte:" (old RADB export): reported and skipped.
      EXPECT_EQ(c.problems,
                std::vector<std::string>{"ripe-whois-grs-radb.test.gz:10: attribute name: want "
                                         "letters, digits, '-' or '_', have '*xxte'"});
    } else {
      EXPECT_TRUE(c.problems.empty()) << c.problems.front();
    }
  }
  EXPECT_EQ(files, want.size());
}

// Every object of the shared data goes through its typed view.
TEST(RpslSharedDataTest, EveryObjectHasAGoodTypedView) {
  if (!have_shared_data()) GTEST_SKIP() << "no shared data at " << MANRS_SHARED_DIR;
  std::map<std::string, std::uint64_t> good;
  std::vector<std::string> errors;
  std::uint64_t view_problems = 0;
  for (const auto& e : std::filesystem::directory_iterator(shared_path(""))) {
    const std::string name = e.path().filename().string();
    if (name.find(".json") != std::string::npos) continue;
    auto src = core::open_input(e.path().string());
    ASSERT_TRUE(src.has_value());
    RpslReader reader(**src);
    for (;;) {
      auto o = reader.next();
      ASSERT_TRUE(o.has_value());
      if (*o == nullptr) break;
      const RpslObject& obj = **o;
      auto note = [&](const auto& r) {
        if (!r) {
          errors.push_back(r.error().to_string());
        } else {
          ++good[std::string(to_string(obj.cls))];
          if constexpr (requires { r->problems; }) view_problems += r->problems.size();
        }
      };
      switch (obj.cls) {
        case ObjectClass::kRoute:
        case ObjectClass::kRoute6:
          note(parse_route(obj, name));
          break;
        case ObjectClass::kAsSet:
          note(parse_as_set(obj, name));
          break;
        case ObjectClass::kAutNum:
          note(parse_aut_num(obj, name));
          break;
        case ObjectClass::kPerson:
        case ObjectClass::kRole:
        case ObjectClass::kMntner:
        case ObjectClass::kOrganisation:
          note(parse_contact(obj, name));
          break;
        case ObjectClass::kInetnum:
        case ObjectClass::kInet6num:
          note(parse_inetnum(obj, name));
          break;
        case ObjectClass::kAsBlock:
          note(parse_as_block(obj, name));
          break;
        default:
          break;
      }
    }
  }
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(view_problems, 0U);
  EXPECT_EQ(good, (Counts{{"as-block", 1 + 3 + 2 + 2 + 565},
                          {"as-set", 1 + 25174},
                          {"aut-num", 1 + 1 + 2109 + 34 + 1 + 1},
                          {"inet6num", 32},
                          {"inetnum", 36 + 2 + 2},
                          {"mntner", 40},
                          {"organisation", 33},
                          {"person", 37},
                          {"role", 1},
                          {"route", 52082 + 1 + 1 + 62},
                          {"route6", 689}}));
}

// Throughput of the scanner alone, run by hand: MANRS_RPSL_BENCH=/tmp/big.rpsl (docs/rpsl.md).
TEST(RpslBenchTest, ScansAFileGivenByTheEnvironment) {
  const char* path = std::getenv("MANRS_RPSL_BENCH");
  if (path == nullptr) GTEST_SKIP() << "set MANRS_RPSL_BENCH=<file> to measure the scanner";
  auto src = core::open_input(path);
  ASSERT_TRUE(src.has_value());
  RpslReader reader(**src);
  std::uint64_t attributes = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  for (;;) {
    auto obj = reader.next();
    ASSERT_TRUE(obj.has_value());
    if (*obj == nullptr) break;
    attributes += (*obj)->attributes.size();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  const auto objects = static_cast<double>(reader.objects());
  const auto mb = static_cast<double>(reader.bytes_read()) / 1e6;
  std::printf(
      "%.0f objects, %llu attributes, %.1f MB: wall %.3f s (%.2f M objects/s, %.0f MB/s), "
      "CPU %.3f s (%.2f M objects/s, %.0f MB/s)\n",
      objects, static_cast<unsigned long long>(attributes), mb, s, objects / s / 1e6, mb / s, cpu,
      objects / cpu / 1e6, mb / cpu);
}

}  // namespace
}  // namespace manrs::irr
