// fuzz_irr_query — libFuzzer target for the whois query decoder and Responder (STYLE.md T5):
// the input is what a client sends on a whois connection.
//
// The input is cut into lines at '\n' (at most 64, each as the server would pass it: a
// trailing '\r' removed). Every line is decoded with parse_query and answered with a Responder
// over a small in-memory database (routes, as-sets with a cycle and a missing member, a
// route-set with operators and mbrs-by-ref, a mntner with a password hash, an as-block), all
// in one session. Invariants: no crash (ASan/UBSan); AnswerInfo.bytes is the size appended;
// every answer is exactly one well-framed answer for its style (A<n> with n = len(data) + 1
// then "C\n", "C\n", "D\n", "F <one line>\n"; RIPE answers end in "\n\n\n" with no blank
// line before); !!, !q and blank lines answer nothing; a password hash never leaves (unless the
// query itself holds it: errors echo the query).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "manrs/irr/whois.h"
#include "manrs/irr/whois_test_util.h"

namespace {

constexpr std::string_view kDb = R"(mntner:  FUZZ-MNT
auth:    MD5-PW $1$fuzzfuzz$SECRETSECRETSECRETSECR
mnt-by:  FUZZ-MNT
source:  FUZZ

aut-num: AS65001
member-of: AS-A
mnt-by:  FUZZ-MNT
source:  FUZZ

as-set:  AS-A
members: AS65002, AS-B, AS-MISSING
mbrs-by-ref: FUZZ-MNT
source:  FUZZ

as-set:  AS-B
members: AS65003, AS-A
source:  FUZZ

route-set: RS-A
members: 192.0.2.0/24^+, AS65002^25-26, RS-B
mp-members: 2001:db8::/32^48
mbrs-by-ref: ANY
source:  FUZZ

route-set: RS-B
members: 198.51.100.0/24^-
source:  FUZZ

route:   192.0.2.0/24
origin:  AS65001
member-of: RS-A
mnt-by:  FUZZ-MNT
source:  FUZZ

route:   203.0.113.0/24
origin:  AS65002
source:  FUZZ

route6:  2001:db8::/32
origin:  AS65003
source:  FUZZ

as-block: AS65000 - AS65535
source:  FUZZ

route:   192.0.2.0/25
origin:  AS65002
source:  OTHER
)";

struct Fixture {
  manrs::irr::Database db;
  std::unique_ptr<manrs::irr::Responder> responder;
  Fixture() {
    if (!manrs::irr::testutil::load_text(db, kDb, "fuzz.db")) {
      std::abort();
    }
    db.finalize();
    manrs::irr::ResponderOptions opt;
    opt.max_response_bytes = 4096;
    opt.expand.max_depth = 4;
    responder = std::make_unique<manrs::irr::Responder>(db, opt);
  }
};

void check(bool ok) {
  if (!ok) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fx;  // immutable after construction
  using manrs::irr::Query;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  manrs::irr::Session session = fx.responder->new_session();
  for (int n = 0; n < 64 && !in.empty(); ++n) {
    auto nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    auto q = manrs::irr::parse_query(line);
    if (!q) {
      check(!q.error().message.empty());
      check(q.error().message.find('\n') == std::string::npos);
    }
    std::string out = "prefix";
    manrs::irr::AnswerInfo info;
    (void)fx.responder->answer(line, session, out, &info);
    std::string_view answer = std::string_view(out).substr(6);
    check(info.bytes == answer.size());
    check(manrs::irr::testutil::frame_ok(line, answer));
    if (q && (q->kind == Query::Kind::kEmpty || q->kind == Query::Kind::kMultiple ||
              q->kind == Query::Kind::kQuit)) {
      check(answer.empty());
    } else {
      check(!answer.empty());
    }
    if (line.find("SECRETSECRET") == std::string_view::npos) {  // errors echo the query
      check(answer.find("SECRETSECRET") == std::string_view::npos);
    }
  }
  return 0;
}
