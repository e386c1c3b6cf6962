// irr/whois.h — answers decoded whois queries from a Database, byte for byte like IRRd 4.
//
// Framing (IRRd `!` queries, ../shared/docs/oracles.md §2.2): "A<n>\n<data>\nC\n" where n =
// len(data) + 1; "C\n" success without data; "D\n" key not found; "F <message>\n" error; `!!`
// and `!q` get no reply. bgpq4 aborts on an off-by-one length, so every answer is built here
// and checked by tests against captured IRRd bytes. RIPE-style answers are the object texts
// separated by blank lines, followed by a blank line; "%  No entries found for the selected
// source(s).\n" when nothing matches; "%% ERROR: ...\n" on a bad query.
//
// Connection state (Session): `!!` makes the connection persistent (otherwise it closes after
// the first answer, like IRRd); RIPE `-k` keeps it open too; `!s` selects the sources.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/irr/database.h"
#include "manrs/irr/expand.h"
#include "manrs/irr/query.h"

namespace manrs::irr {

struct ResponderOptions {
  // Text of `!v` ("manrs-irr 0.x").
  std::string version = "manrs irr";
  // Sources a new connection sees, in order (empty = every source in the database's order).
  std::vector<std::string> default_sources;
  // Hide RPKI-invalid route objects (needs Database::apply_rpki).
  bool exclude_rpki_invalid = false;
  // Guardrails for !i,1 and !a (depth, size).
  ExpandOptions expand;
  // Largest answer in bytes; a larger one is replaced by "F Response too large (N bytes, limit
  // M)" so one query cannot make the server buffer gigabytes.
  std::size_t max_response_bytes = std::size_t{64} * 1024U * 1024U;
};

struct Session {
  bool multiple = false;   // `!!` seen: keep the connection open
  bool keepalive = false;  // RIPE -k
  QueryScope scope;        // `!s` selection
  std::string client;      // `!n` text
  std::uint64_t queries = 0;
  // Added: `!t<seconds>` (IRRd: 1..1000) replaces the server's idle timeout; 0 = not set.
  unsigned timeout_seconds = 0;
  // Added: `!fno-rpki-filter` shows RPKI-invalid routes to !r, !m, !o and RIPE-style queries
  // (IRRd keeps them hidden from !g, !6, !a and !i whatever this says).
  bool rpki_filter_disabled = false;
};

enum class After : std::uint8_t { kContinue, kClose };

// What one answer was, for logs and metrics.
struct AnswerInfo {
  Query::Kind kind = Query::Kind::kEmpty;
  char status = 'C';      // 'A' data, 'C' ok/empty, 'D' not found, 'F' error, '-' none
  std::size_t bytes = 0;  // bytes appended
};

class Responder {
 public:
  // `db` must be finalized and outlive the responder. Thread-safe (const) after construction.
  Responder(const Database& db, ResponderOptions options);

  [[nodiscard]] Session new_session() const;
  // Answers one query line (without "\n"; a trailing "\r" is ignored), appending the bytes to
  // `out`. Returns whether the connection stays open.
  After answer(std::string_view line, Session& session, std::string& out,
               AnswerInfo* info = nullptr) const;

  [[nodiscard]] const Database& database() const { return db_; }

 private:
  void answer_irrd(const Query& q, Session& session, std::string& out, AnswerInfo& info) const;
  void answer_ripe(const Query& q, Session& session, std::string& out, AnswerInfo& info) const;
  // The objects a RIPE-style query selects (before -T), in answer order (whois_lookup.cpp).
  [[nodiscard]] std::vector<ObjectId> ripe_search(const Query& q, const QueryScope& scope) const;

  // as-block objects by range, for plain AS number searches (IRRd: as-blocks that contain it).
  struct AsBlockRange {
    net::Asn first = 0, last = 0;
    ObjectId object = 0;
  };
  std::vector<AsBlockRange> as_blocks_;

  const Database& db_;
  ResponderOptions options_;
  QueryScope default_scope_;
};

}  // namespace manrs::irr
