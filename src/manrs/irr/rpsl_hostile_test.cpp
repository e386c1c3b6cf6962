// Hostile RPSL inputs (STYLE.md T3): tests/hostile/rpsl/<case>.rpsl (or .rpsl.gz) with golden
// <case>.expected, plus generated inputs too big to keep in the tree (endless line, enormous
// object, a million attributes, a million-line continuation chain, many bad objects).
//
// Each case is read with RpslReader (source "<case file name>") and every object goes through
// its typed view. The transcript lists the objects (line, class, key, attribute count), what the
// view made of them, then every problem and the end (or the fatal source error). Invariants
// checked beyond the golden: never a crash (the asan preset runs this), every problem names a
// line of the input, every object's text is a piece of the input, attribute lines increase.
// MANRS_UPDATE_GOLDEN=1 rewrites the .expected files.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/core/testing/golden.h"
#include "manrs/irr/objects.h"
#include "manrs/irr/rpsl.h"

namespace manrs::irr {
namespace {

const std::filesystem::path kDir = std::filesystem::path(MANRS_SOURCE_DIR) / "tests/hostile/rpsl";

// What the typed view of `obj` says, one line each.
void describe_view(const RpslObject& obj, std::string_view src, std::string& out) {
  const auto problems = [&](const std::vector<std::string>& ps) {
    for (const auto& p : ps) out += "    problem " + p + "\n";
  };
  const auto error = [&](const Error& e) { out += "    error " + e.to_string() + "\n"; };
  switch (obj.cls) {
    case ObjectClass::kRoute:
    case ObjectClass::kRoute6: {
      auto r = parse_route(obj, src);
      if (!r) return error(r.error());
      out += fmt::format("    route {} AS{} holes={}\n", r->prefix.to_string(), r->origin,
                         r->holes.size());
      return problems(r->problems);
    }
    case ObjectClass::kAsSet: {
      auto s = parse_as_set(obj, src);
      if (!s) return error(s.error());
      out += fmt::format("    as-set {} members={} mbrs-by-ref={}\n", s->name, s->members.size(),
                         s->mbrs_by_ref.size());
      return problems(s->problems);
    }
    case ObjectClass::kRouteSet: {
      auto s = parse_route_set(obj, src);
      if (!s) return error(s.error());
      out += fmt::format("    route-set {} members={} mp-members={}\n", s->name, s->members.size(),
                         s->mp_members.size());
      return problems(s->problems);
    }
    case ObjectClass::kAutNum: {
      auto a = parse_aut_num(obj, src);
      if (!a) return error(a.error());
      std::size_t structured = 0;
      for (const auto& p : a->policies) structured += p.structured ? 1U : 0U;
      out += fmt::format("    aut-num AS{} policies={} structured={}\n", a->asn, a->policies.size(),
                         structured);
      return problems(a->problems);
    }
    case ObjectClass::kPerson:
    case ObjectClass::kRole:
    case ObjectClass::kMntner:
    case ObjectClass::kOrganisation:
    case ObjectClass::kIrt: {
      auto c = parse_contact(obj, src);
      if (!c) return error(c.error());
      out += fmt::format("    contact {} auth=[{}]\n", c->handle, fmt::join(c->auth, ","));
      return;
    }
    case ObjectClass::kInetnum:
    case ObjectClass::kInet6num: {
      auto r = parse_inetnum(obj, src);
      if (!r) return error(r.error());
      out += fmt::format("    range {} - {}\n", r->first.to_string(), r->last.to_string());
      return;
    }
    case ObjectClass::kAsBlock: {
      auto b = parse_as_block(obj, src);
      if (!b) return error(b.error());
      out += fmt::format("    as-block AS{} - AS{}\n", b->first, b->last);
      return;
    }
    case ObjectClass::kFilterSet: {
      auto f = parse_filter_set(obj, src);
      if (!f) return error(f.error());
      out += fmt::format("    filter-set {} filter='{}'\n", f->name, rpsl_excerpt(f->filter));
      return;
    }
    default:
      return;
  }
}

// Reads `data` (named `name`) to the end; returns the transcript and checks the invariants.
std::string transcript(std::string_view data, const std::string& name, RpslReaderOptions o = {},
                       bool list_objects = true) {
  auto src = core::open_memory(std::as_bytes(std::span(data.data(), data.size())), name);
  EXPECT_TRUE(src.has_value());
  if (!src) return "open failed\n";
  const bool plain = (*src)->compression() == core::Compression::kNone;
  const auto total_lines =
      static_cast<std::uint64_t>(std::count(data.begin(), data.end(), '\n')) + 1;
  RpslReader reader(**src, o);
  std::string out;
  std::string scratch;
  std::string tail;
  for (;;) {
    auto obj = reader.next();
    if (!obj) {
      tail = fmt::format("error {}: {}\n", to_string(obj.error().code), obj.error().to_string());
      break;
    }
    if (*obj == nullptr) break;
    const RpslObject& ob = **obj;
    EXPECT_FALSE(ob.attributes.empty());
    EXPECT_EQ(ob.attributes[0].line, ob.line);
    for (std::size_t i = 1; i < ob.attributes.size(); ++i) {
      EXPECT_GT(ob.attributes[i].line, ob.attributes[i - 1].line);
    }
    if (plain) {
      // The text is a piece of the input (the last line may have gained its newline).
      const std::string_view t = ob.text;
      const bool found =
          data.find(t) != std::string_view::npos ||
          (!t.empty() && t.back() == '\n' && data.ends_with(t.substr(0, t.size() - 1)));
      EXPECT_TRUE(found) << rpsl_excerpt(t);
      EXPECT_LE(ob.line, total_lines);
    }
    EXPECT_LE(ob.text.size(), o.max_object_bytes);
    if (list_objects) {
      out +=
          fmt::format("object {} {} key='{}' attributes={} bytes={}\n", ob.line, to_string(ob.cls),
                      rpsl_excerpt(ob.key(scratch)), ob.attributes.size(), ob.text.size());
      describe_view(ob, name, out);
    }
  }
  for (const auto& p : reader.problems()) {
    EXPECT_GE(p.line, 1U);
    if (plain) {
      EXPECT_LE(p.line, total_lines) << p.message;
    }
    EXPECT_FALSE(p.message.empty());
    EXPECT_LT(p.message.size(), 300U) << "messages stay readable";
    out += "problem " + reader.describe(p) + "\n";
  }
  out += tail;
  out += fmt::format("end objects={} problems={} bytes={}\n", reader.objects(),
                     reader.problem_count(), reader.bytes_read());
  return out;
}

TEST(RpslHostileTest, EveryCaseMatchesItsGolden) {
  std::vector<std::filesystem::path> cases;
  for (const auto& f : testing::case_files(
           kDir, [](const std::string& ext) { return ext == ".rpsl" || ext == ".gz"; })) {
    cases.push_back(f);
  }
  ASSERT_GE(cases.size(), 20U) << kDir << " holds the cases";
  for (const auto& f : cases) {
    const std::string file = f.filename().string();
    SCOPED_TRACE(file);
    const std::string name = file.substr(0, file.find('.'));
    const std::string data = testing::read_file(f);
    testing::expect_golden(kDir / (name + ".expected"), transcript(data, file));
  }
}

// ----- generated cases ------------------------------------------------------------------------

TEST(RpslHostileTest, AnEndlessLineIsSkippedWithoutBufferingIt) {
  // 20 MiB on one line, inside an object, then a good object.
  std::string data = "descr: ";
  data.append(20U << 20U, 'x');
  data += "\n\nmntner: OK\n";
  EXPECT_EQ(transcript(data, "endless"),
            fmt::format("object 3 mntner key='OK' attributes=1 bytes=11\n"
                        "    contact OK auth=[]\n"
                        "problem endless:1: object size: want at most 8388608 bytes, have more\n"
                        "end objects=1 problems=1 bytes={}\n",
                        data.size()));
  // The same line as a comment between objects, and as a whitespace line.
  data[0] = '%';
  EXPECT_EQ(transcript(data, "endless", {}, false),
            fmt::format("problem endless:1: line length: want at most 8388608 bytes, have more\n"
                        "end objects=1 problems=1 bytes={}\n",
                        data.size()));
  std::fill(data.begin(), data.begin() + (20 << 20), ' ');
  EXPECT_EQ(transcript(data, "endless", {}, false),
            fmt::format("problem endless:1: line length: want at most 8388608 bytes, have more\n"
                        "end objects=1 problems=1 bytes={}\n",
                        data.size()));
}

TEST(RpslHostileTest, AnEnormousObjectIsReportedAtItsFirstLine) {
  std::string data = "mntner: A\n\nas-set: AS-HUGE\n";
  std::size_t lines = 3;
  while (data.size() < 9U << 20U) {
    data += "members: AS64500, AS64501, AS64502, AS64503, AS64504, AS64505\n";
    ++lines;
  }
  data += "\nmntner: B\n";
  EXPECT_EQ(transcript(data, "huge", {}, false),
            fmt::format("problem huge:3: object size: want at most 8388608 bytes, have more\n"
                        "end objects=2 problems=1 bytes={}\n",
                        data.size()));
  // A lower limit from the options works the same way; a limit above the header's is capped.
  RpslReaderOptions o;
  o.max_object_bytes = 1000;
  EXPECT_EQ(transcript(data, "huge", o, false),
            fmt::format("problem huge:3: object size: want at most 1000 bytes, have more\n"
                        "end objects=2 problems=1 bytes={}\n",
                        data.size()));
  o.max_object_bytes = 1U << 30U;
  EXPECT_EQ(transcript(data, "huge", o, false),
            fmt::format("problem huge:3: object size: want at most 8388608 bytes, have more\n"
                        "end objects=2 problems=1 bytes={}\n",
                        data.size()));
}

TEST(RpslHostileTest, TooManyAttributes) {
  std::string data = "mntner: M\n";
  for (std::size_t i = 0; i < kMaxRpslAttributes; ++i) data += "a:\n";
  data += "\nmntner: N\n";
  EXPECT_EQ(transcript(data, "attrs", {}, false),
            fmt::format("problem attrs:{}: attributes: want at most {}, have more\n"
                        "end objects=1 problems=1 bytes={}\n",
                        kMaxRpslAttributes + 1, kMaxRpslAttributes, data.size()));
}

TEST(RpslHostileTest, AMillionLineContinuationChain) {
  std::string data = "as-set: AS-CHAIN\nmembers: AS1\n";
  for (int i = 0; i < 1000000; ++i) data += "+\n";
  data += " AS2\n";
  auto src = core::open_memory(std::as_bytes(std::span(data.data(), data.size())), "chain");
  ASSERT_TRUE(src.has_value());
  RpslReader reader(**src);
  auto obj = reader.next();
  ASSERT_TRUE(obj.has_value());
  ASSERT_NE(*obj, nullptr);
  ASSERT_EQ((*obj)->attributes.size(), 2U);
  auto set = parse_as_set(**obj, "chain");
  ASSERT_TRUE(set.has_value());
  ASSERT_EQ(set->members.size(), 2U);
  EXPECT_EQ(set->members[1].asn, 2U);
}

TEST(RpslHostileTest, ManyBadObjectsAreCountedNotKept) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += "bad\n\n";
  data += "mntner: M\n";
  const std::string t = transcript(data, "many", {}, false);
  // The first 100 problems are kept (lines 1, 3, ... 199), all are counted.
  EXPECT_NE(t.find("problem many:199: attribute: want 'name: value', have 'bad'\nend"),
            std::string::npos);
  EXPECT_NE(t.find("end objects=1 problems=100000 bytes=500010\n"), std::string::npos) << t;
  EXPECT_EQ(static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n')), 101U);
}

TEST(RpslHostileTest, BigMembersListsKeepAFewProblems) {
  std::string data = "as-set: AS-BAD\nmembers: ";
  for (int i = 0; i < 5000; ++i) data += "X" + std::to_string(i) + ", ";
  data += "AS1\n";
  auto obj = parse_rpsl_object(data, "bad");
  ASSERT_TRUE(obj.has_value());
  auto set = parse_as_set(*obj, "bad");
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->members.size(), 1U);
  ASSERT_EQ(set->problems.size(), 101U);
  EXPECT_EQ(set->problems.back(), "... and 4900 more problems");
}

}  // namespace
}  // namespace manrs::irr
