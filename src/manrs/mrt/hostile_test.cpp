// Hostile MRT inputs (STYLE.md T3): tests/hostile/mrt/<case>.mrt, made by make_cases.py there.
//
// Each case is read with mrt::Reader over core::open_memory and must (1) never crash (this test
// runs under ASan/UBSan in the asan preset), (2) report the exact ErrorCode with a message that
// names the RFC field and a source "<case>.mrt@<offset>", and (3) still return the good records
// that the framing allows. The full transcript of each case (records, bgpdump lines, RFC 7606
// problems, errors, reader stats) is compared with <case>.expected; MANRS_UPDATE_GOLDEN=1
// rewrites those files.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/core/limits.h"
#include "manrs/core/testing/golden.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/reader.h"

namespace manrs::mrt {
namespace {

const std::filesystem::path kDir = std::filesystem::path(MANRS_SOURCE_DIR) / "tests/hostile/mrt";

struct Event {
  bool ok = false;
  // ok: the record
  RecordKind kind = RecordKind::kSkipped;
  std::uint64_t offset = 0;
  std::string lines;  // bgpdump -m
  std::vector<bgp::AttrProblem> problems;
  std::size_t as_path_asns = 0;  // ASNs in the AS_PATH of the first route
  bool as_path_error = false;
  // !ok: the error
  ErrorCode code = ErrorCode::kInternal;
  std::string source;
  std::string message;
};

struct CaseRun {
  std::vector<Event> events;
  ReaderStats stats;
  bool failed = false;
  std::size_t peers = 0;  // peers of the PEER_INDEX_TABLE in effect at the end

  [[nodiscard]] std::vector<const Event*> records() const {
    std::vector<const Event*> out;
    for (const auto& e : events) {
      if (e.ok) out.push_back(&e);
    }
    return out;
  }
  [[nodiscard]] std::vector<const Event*> errors() const {
    std::vector<const Event*> out;
    for (const auto& e : events) {
      if (!e.ok) out.push_back(&e);
    }
    return out;
  }
};

void collect(const Record& rec, Event& e) {
  bool first = true;
  auto add = [&e, &first](const bgp::PathAttributes& a) {
    e.problems.insert(e.problems.end(), a.problems.begin(), a.problems.end());
    if (first) {
      e.as_path_asns = a.as_path.asns().size();
      e.as_path_error = a.as_path_error;
      first = false;
    }
  };
  switch (rec.kind) {
    case RecordKind::kBgp4mpMessage:
      add(rec.bgp4mp.update.attrs);
      break;
    case RecordKind::kRib:
      for (std::size_t i = 0; i < rec.rib.count; ++i) add(rec.rib.entries[i].attrs);
      break;
    case RecordKind::kTableDump:
      for (std::size_t i = 0; i < rec.table_dump.count; ++i) add(rec.table_dump.entries[i].attrs);
      break;
    default:
      break;
  }
}

CaseRun read_case(const std::string& name) {
  const std::string bytes = testing::read_file(kDir / (name + ".mrt"));
  EXPECT_FALSE(bytes.empty()) << "missing " << name << ".mrt: run make_cases.py";
  CaseRun run;
  auto src = core::open_memory(std::as_bytes(std::span{bytes.data(), bytes.size()}), name + ".mrt");
  if (!src) {
    ADD_FAILURE() << src.error().to_string();
    return run;
  }
  Reader reader(std::move(*src));
  Record rec;
  // Bounded: each call must consume input, so there are never more calls than bytes.
  for (std::size_t calls = 0; calls <= bytes.size() + 1; ++calls) {
    auto more = reader.next(rec);
    Event e;
    if (more) {
      if (!*more) break;
      e.ok = true;
      e.kind = rec.kind;
      e.offset = rec.header.offset;
      format_bgpdump(rec, e.lines);
      collect(rec, e);
    } else {
      e.code = more.error().code;
      e.source = more.error().source;
      e.message = more.error().message;
    }
    run.events.push_back(std::move(e));
  }
  run.stats = reader.stats();
  run.failed = reader.failed();
  run.peers = reader.peer_index().present ? reader.peer_index().peers.size() : 0;
  return run;
}

std::string_view kind_name(RecordKind k) {
  switch (k) {
    case RecordKind::kPeerIndexTable:
      return "peer_index_table";
    case RecordKind::kRib:
      return "rib";
    case RecordKind::kTableDump:
      return "table_dump";
    case RecordKind::kBgp4mpMessage:
      return "bgp4mp_message";
    case RecordKind::kBgp4mpState:
      return "bgp4mp_state";
    case RecordKind::kSkipped:
      return "skipped";
  }
  return "?";
}

std::string transcript(const CaseRun& run) {
  std::string out;
  for (const auto& e : run.events) {
    if (e.ok) {
      out += "record " + std::string(kind_name(e.kind)) + " @" + std::to_string(e.offset) + "\n";
      std::size_t start = 0;
      while (start < e.lines.size()) {
        std::size_t nl = e.lines.find('\n', start);
        if (nl == std::string::npos) nl = e.lines.size();
        std::string line = e.lines.substr(start, nl - start);
        // Keep huge AS paths readable: the length and the tail are what matter.
        if (line.size() > 300) {
          line = line.substr(0, 120) + " <" + std::to_string(line.size()) + " chars> " +
                 line.substr(line.size() - 120);
        }
        out += "  | " + line + "\n";
        start = nl + 1;
      }
      for (const auto& p : e.problems) {
        out += "  problem " + std::string(bgp::to_string(p.action)) + ": " + p.message + "\n";
      }
    } else {
      out += "error " + std::string(to_string(e.code)) + ": " + e.source + ": " + e.message + "\n";
    }
  }
  out += "end records=" + std::to_string(run.stats.records) +
         " record_errors=" + std::to_string(run.stats.record_errors) +
         " resyncs=" + std::to_string(run.stats.resyncs) +
         " skipped_bytes=" + std::to_string(run.stats.skipped_bytes) +
         (run.failed ? " failed" : "") + "\n";
  return out;
}

// ----- the golden transcripts -----------------------------------------------------------------

std::vector<std::string> all_cases() {
  std::vector<std::string> names;
  for (const auto& f :
       testing::case_files(kDir, [](const std::string& ext) { return ext == ".mrt"; })) {
    names.push_back(f.stem().string());
  }
  return names;
}

TEST(MrtHostileTest, EveryCaseMatchesItsTranscript) {
  const auto names = all_cases();
  ASSERT_GE(names.size(), 20U) << "run tests/hostile/mrt/make_cases.py";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    CaseRun run = read_case(name);
    testing::expect_golden(kDir / (name + ".expected"), transcript(run));
    // Every error names "<case>.mrt@<offset>" and an RFC field.
    for (const Event* e : run.errors()) {
      EXPECT_EQ(e->source.rfind(name + ".mrt@", 0), 0U) << e->source;
      EXPECT_NE(e->message.find("RFC "), std::string::npos) << e->message;
    }
  }
}

// ----- the exact behaviour, case by case -----------------------------------------------------

// One expected reader result: a record of `kind` at `offset`, or an error `code` whose source
// is "<case>.mrt@<offset>" and whose message contains `field`.
struct Want {
  bool ok;
  RecordKind kind;
  ErrorCode code;
  std::uint64_t offset;
  const char* field;
};
Want rec(RecordKind kind, std::uint64_t offset) {
  return {true, kind, ErrorCode::kInternal, offset, ""};
}
Want err(ErrorCode code, std::uint64_t offset, const char* field) {
  return {false, RecordKind::kSkipped, code, offset, field};
}

struct HostileCase {
  const char* name;
  std::vector<Want> want;
};

TEST(MrtHostileTest, ErrorsAndSurvivingRecords) {
  using K = RecordKind;
  using C = ErrorCode;
  const K msg = K::kBgp4mpMessage;
  const K pit = K::kPeerIndexTable;
  const char* header = "RFC 6396 §2 MRT header";
  const std::vector<HostileCase> cases = {
      {"truncated_header", {err(C::kTruncated, 0, "MRT header: want 12 bytes, have 5")}},
      {"truncated_body",
       {rec(msg, 0), err(C::kTruncated, 83, "MRT record body: want 100 bytes, have 10")}},
      {"length_lie_4gib", {err(C::kMalformed, 0, "length 4294967295"), rec(msg, 12)}},
      {"length_above_limit",
       {rec(msg, 0),
        err(C::kMalformed, 83, "length <= 16777216, have type 16 subtype 4 length 16777217"),
        rec(msg, 95)}},
      {"unknown_type",
       {rec(msg, 0), err(C::kMalformed, 83, "have type 99 subtype 1"), rec(msg, 103)}},
      {"et_length_below_4",
       {err(C::kMalformed, 0, "have type 17 subtype 4 length 2"), rec(msg, 14)}},
      {"bgp4mp_bad_marker",
       {err(C::kMalformed, 32, "RFC 4271 §4.1 marker: want 16 bytes of 0xff, have 0x00 at byte 3"),
        rec(msg, 83)}},
      {"update_attr_length_overrun",
       {err(C::kTruncated, 55, "RFC 4271 §4.3 path attributes: want 200 bytes, have 28"),
        rec(msg, 83)}},
      {"as_path_segment_overrun", {rec(msg, 0)}},
      {"attribute_length_overrun", {rec(msg, 0)}},
      {"nlri_prefix_len_33", {rec(msg, 0)}},
      {"mp_reach_prefix_len_129", {rec(msg, 0)}},
      {"mp_reach_next_hop_length_lie", {rec(msg, 0)}},
      {"rib_prefix_len_129",
       {rec(pit, 0), err(C::kMalformed, 49, "RFC 6396 §4.3.2 prefix length: want <= 128, have 129"),
        rec(K::kRib, 101)}},
      {"peer_index_out_of_range",
       {rec(pit, 0), err(C::kMalformed, 55, "RFC 6396 §4.3.4 peer index: want < 1, have 5"),
        rec(K::kRib, 87)}},
      {"rib_entry_count_lie",
       {rec(pit, 0),
        err(C::kMalformed, 55,
            "RFC 6396 §4.3.2 entry count: want <= 4 (what 32 bytes can hold), have 65535"),
        rec(K::kRib, 87)}},
      {"rib_before_peer_index",
       {err(C::kMalformed, 22, "RFC 6396 §4.3.1 PEER_INDEX_TABLE: want one before the first RIB"),
        rec(pit, 54), rec(K::kRib, 87)}},
      {"peer_count_lie",
       {err(C::kMalformed, 20,
            "RFC 6396 §4.3.1 peer count: want <= 1 (what 12 bytes can hold), have 65535"),
        err(C::kMalformed, 54, "RFC 6396 §4.3.1 PEER_INDEX_TABLE: want one before")}},
      {"huge_as_path", {rec(pit, 0), rec(K::kRib, 33)}},
      {"as_path_over_limit", {rec(K::kTableDump, 0)}},
      {"zero_length_record",
       {rec(msg, 0),
        err(C::kTruncated, 95, "RFC 6396 §4.4 peer and local AS: want 8 bytes, have 0"),
        rec(msg, 95)}},
      {"garbage_between_records", {rec(msg, 0), err(C::kMalformed, 83, header), rec(msg, 120)}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    CaseRun run = read_case(c.name);
    ASSERT_EQ(run.events.size(), c.want.size()) << transcript(run);
    for (std::size_t i = 0; i < c.want.size(); ++i) {
      SCOPED_TRACE(i);
      const Event& e = run.events[i];
      const Want& w = c.want[i];
      ASSERT_EQ(e.ok, w.ok) << transcript(run);
      if (w.ok) {
        EXPECT_EQ(e.kind, w.kind);
        EXPECT_EQ(e.offset, w.offset);
      } else {
        EXPECT_EQ(e.code, w.code) << to_string(e.code);
        EXPECT_EQ(e.source, std::string(c.name) + ".mrt@" + std::to_string(w.offset));
        EXPECT_NE(e.message.find(w.field), std::string::npos) << e.message;
      }
    }
  }
}

TEST(MrtHostileTest, ResyncSkipsExactlyTheDamage) {
  CaseRun run = read_case("garbage_between_records");
  EXPECT_EQ(run.stats.resyncs, 1U);
  EXPECT_EQ(run.stats.skipped_bytes, 37U);
  EXPECT_FALSE(run.failed);
  // The second good record comes out whole.
  ASSERT_EQ(run.records().size(), 2U);
  EXPECT_NE(run.records()[1]->lines.find("|203.0.113.0/24|64496 64497|"), std::string::npos);

  run = read_case("length_lie_4gib");
  EXPECT_EQ(run.stats.skipped_bytes, 12U);  // the 12-byte lying header, nothing more
}

TEST(MrtHostileTest, Rfc7606DamageKeepsTheRecord) {
  struct Case {
    const char* name;
    bgp::ErrorAction action;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"as_path_segment_overrun", bgp::ErrorAction::kTreatAsWithdraw, "§7.2 AS_PATH at @59"},
      {"attribute_length_overrun", bgp::ErrorAction::kTreatAsWithdraw,
       "§4 COMMUNITIES at @79 length: want <= 8, have 200"},
      {"nlri_prefix_len_33", bgp::ErrorAction::kTreatAsWithdraw,
       "nlri_prefix_len_33.mrt@83: RFC 4271 §4.3 NLRI prefix length: want <= 32, have 33"},
      {"mp_reach_prefix_len_129", bgp::ErrorAction::kSessionReset,
       "MP_REACH_NLRI: RFC 4271 §4.3 NLRI prefix length: want <= 128, have 129"},
      {"mp_reach_next_hop_length_lie", bgp::ErrorAction::kSessionReset,
       "MP_REACH_NLRI next hop: want 202 bytes, have 18"},
      {"as_path_over_limit", bgp::ErrorAction::kTreatAsWithdraw, "§7.2 AS_PATH at @38"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    CaseRun run = read_case(c.name);
    ASSERT_EQ(run.records().size(), 1U);
    const Event& e = *run.records()[0];
    ASSERT_EQ(e.problems.size(), 1U);
    EXPECT_EQ(e.problems[0].action, c.action);
    EXPECT_NE(e.problems[0].message.find(c.message), std::string::npos) << e.problems[0].message;
    EXPECT_TRUE(run.errors().empty());
  }
  // A malformed AS_PATH prints as bgpdump does.
  EXPECT_NE(read_case("as_path_segment_overrun").records()[0]->lines.find("|! Error !|IGP|"),
            std::string::npos);
}

TEST(MrtHostileTest, HugeAsPathIsDecodedWholeAndCutInBgpdumpText) {
  CaseRun run = read_case("huge_as_path");
  ASSERT_EQ(run.records().size(), 2U);
  const Event& rib = *run.records()[1];
  EXPECT_EQ(rib.as_path_asns, 10000U);
  EXPECT_FALSE(rib.as_path_error);
  // TABLE_DUMP2|time|B|peer|peer AS|prefix|AS path|...: the path field is cut with "...".
  std::size_t start = 0;
  for (int i = 0; i < 6; ++i) start = rib.lines.find('|', start) + 1;
  const std::size_t end = rib.lines.find('|', start);
  const std::string path = rib.lines.substr(start, end - start);
  EXPECT_EQ(path.substr(path.size() - 3), "...");
  EXPECT_GT(path.size(), 7900U);
  EXPECT_LT(path.size(), 8000U);
  EXPECT_EQ(path.rfind("4200000000 4200000001 ", 0), 0U);

  // 2-byte ASNs above limits::kMaxAsPathAsns: refused, not grown without bound.
  run = read_case("as_path_over_limit");
  ASSERT_EQ(run.records().size(), 1U);
  EXPECT_TRUE(run.records()[0]->as_path_error);
  EXPECT_LE(run.records()[0]->as_path_asns, limits::kMaxAsPathAsns);
  EXPECT_NE(run.records()[0]->lines.find("|! Error !|"), std::string::npos);
}

TEST(MrtHostileTest, BadPeerIndexTableIsNotInstalled) {
  CaseRun run = read_case("peer_count_lie");
  EXPECT_EQ(run.peers, 0U);
  EXPECT_TRUE(run.records().empty());
  run = read_case("peer_index_out_of_range");
  EXPECT_EQ(run.peers, 1U);
}

}  // namespace
}  // namespace manrs::mrt
