// irr/internal/whois_lookup.h — the lookups behind the whois answers (whois.cpp): answer text
// under a byte limit, object text with password hashes masked, -K key lines, set members and
// prefixes in IRRd's formats. Private to the irr library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/irr/database.h"
#include "manrs/irr/expand.h"
#include "manrs/irr/query.h"

namespace manrs::irr::detail {

// Answer text that stops growing at `limit` bytes: once over, the text is dropped and only the
// size it would have had is counted (for "Response too large (N bytes, limit M)").
struct Body {
  explicit Body(std::size_t byte_limit) : limit(byte_limit) {}
  void add(std::string_view s);

  std::string text;
  std::size_t limit;
  std::size_t total = 0;
  bool over = false;
};

// `s` without leading and trailing '\n' / '\r' (Python's strip("\n\r"), as IRRd does).
[[nodiscard]] std::string_view strip_newlines(std::string_view s);

// Appends object text with password hashes replaced as IRRd's remove_auth_hashes does:
// "auth: MD5-PW $1$..." → "auth: MD5-PW DummyValue  # Filtered for security" (also CRYPT-PW,
// BCRYPT-PW; any case, anywhere in a line).
void add_masked(std::string_view text, Body& body);

// The objects' texts, each followed by a blank line; with keys_only the IRRd -K lines instead
// (primary key attributes, then members/mp-members, "name: value"), duplicates dropped. With
// rpki_states (RPKI-aware mode) route objects get IRRd's "rpki-ov-state:  <state>" line.
void add_objects(const Database& db, const std::vector<ObjectId>& ids, bool keys_only, Body& body,
                 bool rpki_states);

// A route/route6 object's RPKI state as recorded by Database::apply_rpki.
[[nodiscard]] RpkiStatus route_rpki_status(const Database& db, ObjectId id);

// !j lines: "SOURCE:N:-" per known source (no journal, no serial: IRRd's form for a source
// without mirror serials), "NAME:X:Database unknown" per unknown one.
void serials(const Database& db, const Query& q, Body& body);

// !a: the route prefixes of the recursive ASN members of an as-set, v4 then v6, sorted. Empty
// when the set does not exist; `error` is set when the expansion stopped at a limit.
[[nodiscard]] std::vector<std::string> set_prefixes(const Database& db, const ExpandOptions& base,
                                                    const QueryScope& scope, const Query& q,
                                                    std::string& error);

// !i / !i,1: member words sorted as strings (IRRd sorts them), the set's own name removed.
[[nodiscard]] std::vector<std::string> set_member_words(const Database& db,
                                                        const ExpandOptions& base,
                                                        const QueryScope& scope, const Query& q,
                                                        std::string& error);

// !m: objects of a class (by name as written, lower-cased) with this primary key, scope order.
[[nodiscard]] std::vector<ObjectId> objects_by_class_key(const Database& db,
                                                         std::string_view class_name,
                                                         std::string_view key,
                                                         const QueryScope& scope);

// The text of one set member as IRRd lists it: "AS65001", "AS-FOO", "RIPE::AS-FOO",
// "192.0.2.0/24^+", "AS65002^+".
[[nodiscard]] std::string member_word(const SetMember& m);

}  // namespace manrs::irr::detail
