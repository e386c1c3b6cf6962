// Replays the 53 bgpq4/bgpq3/whois sessions captured against fake_irrd.py
// (../shared/tools/bgpq4-capture.txt) through a Responder loaded with the same data
// (../shared/tools/tiny.rpsl), and checks A<n> framing over thousands of queries on the real
// RIPE dumps (../shared/data/rpsl).
//
// Where our answer legitimately differs from the fake's, the test says why and compares what
// must still agree: IRRd returns !g/!6/!a prefixes in no particular order and sorts !i
// members (the fake keeps file order), so those are compared as word sets; IRRd answers "D"
// for an AS without prefixes of the family (the fake says "C"); sessions run with
// `fake_irrd.py --no-a` (old IRRd) expect "F Unrecognized command" to `!a`, which we serve.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/irr/objects.h"
#include "manrs/irr/whois.h"
#include "manrs/irr/whois_test_util.h"

namespace manrs::irr {
namespace {

constexpr std::string_view kShared = MANRS_SHARED_DIR;

// Decodes the body of a Python bytes literal (between b' and ').
std::string unrepr(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'x':
        if (i + 2 < s.size()) {
          out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
          i += 2;
        }
        break;
      default:
        out.push_back(c);  // \\ \' \"
        break;
    }
  }
  return out;
}

struct Exchange {
  std::string query, reply;
};
struct CapturedSession {
  std::string title;
  std::vector<Exchange> exchanges;
};

std::vector<CapturedSession> read_capture(const std::string& path) {
  std::ifstream in(path);
  std::vector<CapturedSession> sessions;
  std::string line;
  constexpr std::string_view kSep = "' -> SEND b'";
  while (std::getline(in, line)) {
    if (line.rfind("######## ", 0) == 0) {
      sessions.push_back({line.substr(9), {}});
      continue;
    }
    auto sep = line.find(kSep);
    if (sessions.empty() || line.rfind("b'", 0) != 0 || sep == std::string::npos ||
        line.back() != '\'') {
      continue;  // tool output, or a reply the capture truncated
    }
    std::string_view l(line);
    sessions.back().exchanges.push_back(
        {unrepr(l.substr(2, sep - 2)),
         unrepr(l.substr(sep + kSep.size(), l.size() - sep - kSep.size() - 1))});
  }
  return sessions;
}

// The words of an A answer, with RPSL range operators in their shortest form ("^24-24" and
// "^24" mean the same range).
std::multiset<std::string> words(std::string_view answer) {
  std::multiset<std::string> out;
  auto nl = answer.find('\n');
  std::string_view data = answer.substr(nl + 1, answer.size() - nl - 1 - 3);
  std::istringstream in{std::string(data)};
  std::string w;
  while (in >> w) {
    if (w.find('^') != std::string::npos) {
      if (auto r = parse_prefix_range(w)) {
        w = r->to_rpsl();
      }
    }
    out.insert(w);
  }
  return out;
}

class CaptureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string tiny = std::string(kShared) + "/tools/tiny.rpsl";
    if (!std::filesystem::exists(tiny)) {
      GTEST_SKIP() << "no " << tiny;
    }
    LoadOptions opt;
    opt.progress = false;
    auto report = db_.load_file(tiny, opt);
    ASSERT_TRUE(report.has_value());
    ASSERT_EQ(report->skipped, 0U);
    // The fake serves its data under FAKE, RIPE and RADB alike: load it as all three.
    for (const char* name : {"RIPE", "RADB"}) {
      opt.default_source = name;
      opt.force_source = true;
      ASSERT_TRUE(db_.load_file(tiny, opt).has_value());
    }
    db_.finalize();
    ASSERT_TRUE(db_.set_source_order({"FAKE", "RIPE", "RADB"}));
  }
  Database db_;
};

TEST_F(CaptureTest, EveryCapturedExchangeAgreesWithIrrdRules) {
  auto sessions = read_capture(std::string(kShared) + "/tools/bgpq4-capture.txt");
  ASSERT_EQ(sessions.size(), 53U);
  Responder r(db_, {});
  std::size_t exact = 0, as_sets = 0, d_for_c = 0, no_a = 0, ripe = 0, mp_members = 0;
  std::size_t total = 0;
  for (const CapturedSession& cs : sessions) {
    SCOPED_TRACE(cs.title);
    Session s = r.new_session();
    for (const Exchange& x : cs.exchanges) {
      SCOPED_TRACE(x.query);
      ++total;
      std::string out;
      std::string_view line = x.query;
      if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);  // the server strips CRLF before the Responder
      }
      (void)r.answer(line, s, out);
      ASSERT_TRUE(testutil::frame_ok(line, out)) << out;
      if (out == x.reply) {
        ++exact;
        continue;
      }
      if (x.reply == "F Unrecognized command\n" && line == "!a") {
        ++no_a;  // fake_irrd.py --no-a plays an old IRRd
        EXPECT_EQ(out, "F Missing required set name for A query\n");
        continue;
      }
      if (line.front() != '!') {
        // RIPE style: IRRd answers from every selected source, and the fixture holds the
        // fake's data three times (FAKE, RIPE, RADB); the object text is the fake's.
        std::string body = x.reply.substr(0, x.reply.size() - 2);  // one object + "\n"
        std::string three = body;
        three += "\n";
        three += body;
        three += "\n";
        three += body;
        three += "\n\n";
        EXPECT_EQ(out, three);
        ++ripe;
        continue;
      }
      if (x.reply == "C\n" && (line.rfind("!6", 0) == 0 || line.rfind("!g", 0) == 0)) {
        ++d_for_c;  // IRRd: an origin without prefixes of the family is "D"
        EXPECT_EQ(out, "D\n");
        continue;
      }
      ASSERT_EQ(out.front(), 'A') << out;
      ASSERT_EQ(x.reply.front(), 'A') << x.reply;
      auto theirs = words(x.reply);
      if (line.find("AS-PUB") != std::string_view::npos) {
        // tiny.rpsl gives AS-PUB "mp-members: AS2121"; an as-set has no mp-members (RFC 4012
        // adds it to route-sets only) and IRRd ignores it: the fake reads it anyway.
        theirs.erase("AS2121");
        ++mp_members;
      } else {
        ++as_sets;
      }
      EXPECT_EQ(words(out), theirs) << "ours: " << out << "fake: " << x.reply;
    }
  }
  std::printf(
      "capture: %zu exchanges, %zu byte-identical, %zu same words in IRRd order, "
      "%zu D for C, %zu !a where the fake plays old IRRd, %zu RIPE-style from 3 sources, %zu "
      "as-set mp-members\n",
      total, exact, as_sets, d_for_c, no_a, ripe, mp_members);
  EXPECT_EQ(total, 349U);
  EXPECT_GE(exact, 300U);
  EXPECT_EQ(d_for_c, 2U);
  EXPECT_EQ(no_a, 4U);
  EXPECT_EQ(ripe, 1U);
  EXPECT_EQ(mp_members, 7U);
  EXPECT_EQ(exact + as_sets + d_for_c + no_a + ripe + mp_members, total);
}

// ---- real data: every answer is exactly framed

class RealDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = std::string(kShared) + "/data/rpsl/";
    if (!std::filesystem::is_directory(dir)) {
      return;
    }
    shared_db = new Database();
    for (const char* f :
         {"ripe.db.as-set.gz", "ripe-nonauth.db.route.gz", "ripe-nonauth.db.route6.half-a.gz",
          "ripe-nonauth.db.aut-num.gz", "ripe.db.as-block.gz", "ripe-whois-TEST.db"}) {
      LoadOptions opt;
      opt.default_source = "RIPE";
      opt.progress = false;
      auto report = shared_db->load_file(dir + f, opt);
      ASSERT_TRUE(report.has_value()) << f;
    }
    shared_db->finalize();
  }
  static void TearDownTestSuite() {
    delete shared_db;
    shared_db = nullptr;
  }
  void SetUp() override {
    if (shared_db == nullptr) {
      GTEST_SKIP() << "no shared data at " << kShared;
    }
  }
  static Database* shared_db;  // loaded once for the suite (the dumps take seconds)
};
Database* RealDataTest::shared_db = nullptr;

TEST_F(RealDataTest, EveryAnswerIsExactlyFramed) {
  Responder r(*shared_db, {});
  Session s = r.new_session();
  s.multiple = true;
  std::mt19937_64 rng(20261127);
  SCOPED_TRACE("seed 20261127");
  auto sets = shared_db->set_names(ObjectClass::kAsSet);
  ASSERT_GT(sets.size(), 1000U);
  std::vector<std::string> queries;
  for (int i = 0; i < 400; ++i) {
    std::string name(sets[rng() % sets.size()]);
    queries.push_back("!i" + name);
    queries.push_back("!i" + name + ",1");
    queries.push_back("!a4" + name);
    queries.push_back("-K " + name);
  }
  for (int i = 0; i < 400; ++i) {
    const RouteEntry& re = shared_db->routes()[rng() % shared_db->routes().size()];
    queries.push_back("!gAS" + std::to_string(re.origin));
    queries.push_back("!6as" + std::to_string(re.origin));
    queries.push_back("!r" + re.prefix.to_string() + ",o");
    queries.push_back("!r" + re.prefix.to_string() + ",l");
    queries.push_back("-i origin AS" + std::to_string(re.origin));
    queries.push_back("!maut-num,AS" + std::to_string(re.origin));
  }
  std::size_t with_data = 0;
  std::string stream;
  for (const std::string& q : queries) {
    std::string out;
    AnswerInfo info;
    ASSERT_EQ(r.answer(q, s, out, &info), After::kContinue);
    ASSERT_TRUE(testutil::frame_ok(q, out)) << q << " -> " << out.substr(0, 200);
    ASSERT_EQ(info.bytes, out.size());
    with_data += info.status == 'A' ? 1 : 0;
    if (q[0] == '!') {
      stream += out;
    }
  }
  std::vector<std::string> answers;
  EXPECT_TRUE(testutil::split_irrd(stream, answers));
  EXPECT_GT(with_data, queries.size() / 2) << "most queries find data";
}

TEST_F(RealDataTest, KnownRipeObjects) {
  Responder r(*shared_db, {});
  Session s = r.new_session();
  s.multiple = true;
  auto ask = [&](std::string_view q) {
    std::string out;
    (void)r.answer(q, s, out);
    return out;
  };
  // AS4663's 15 route objects in ripe-nonauth.db.route (computed with Python from the dump).
  const std::string as4663 =
      "61.106.32.0/19 63.105.192.0/20 203.239.128.0/18 210.102.0.0/19 210.112.224.0/19 "
      "210.118.0.0/19 210.180.32.0/19 210.181.224.0/19 210.219.192.0/18 210.220.192.0/18 "
      "211.36.0.0/18 211.52.64.0/18 211.112.0.0/18 211.174.128.0/17 211.240.0.0/17";
  EXPECT_EQ(ask("!gas4663"), "A238\n" + as4663 + "\nC\n");
  EXPECT_EQ(ask("!6AS4663"), "D\n");
  EXPECT_EQ(ask("!r63.105.192.0/20,o"), "A7\nAS4663\nC\n");
  EXPECT_EQ(ask("!iAS-RESTENA"), "A37\nAS-LXP AS-VDL AS2602 AS42909 AS51966\nC\n");
  EXPECT_EQ(ask("!s-lc"), "A23\nRIPE,RIPE-NONAUTH,TEST\nC\n");
  const std::string aut = ask("!maut-num,AS12222");
  EXPECT_EQ(aut.front(), 'A');
  EXPECT_NE(aut.find("\naut-num:        AS12222\n"), std::string::npos) << aut.substr(0, 200);
  // A plain AS number finds the RIPE as-block that holds it.
  const std::string block = ask("AS3300");
  EXPECT_EQ(block.rfind("as-block:       AS3209 - AS3353\n", 0), 0U) << block.substr(0, 200);
}

}  // namespace
}  // namespace manrs::irr
