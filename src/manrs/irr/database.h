// irr/database.h — an in-memory IRR database: RPSL objects of several sources, with indexes.
//
// Load any number of RPSL files (one source each, or the `source:` of each object), then call
// finalize() once; after that the Database is immutable and every const method is safe from
// any number of threads. Sources have an order of preference like IRRd's `sources` setting:
// single-object lookups (a set definition, `!m`) take the first source in the caller's order
// that has the object; multi-object lookups (routes by origin, by prefix) return matches from
// every selected source.
//
// Storage is compact: each object's text is kept once, byte for byte as in the input (whois
// answers return it), in large arena chunks; the indexes are sorted arrays of small records,
// not per-object heap nodes. Typed data needed for queries (route prefix/origin, mnt-by,
// member-of) is extracted at load time; as-set/route-set definitions (SetDef) are parsed from
// the stored text the first time they are asked for and then kept (a lock-free cache, so const
// calls stay thread-safe). Loading runs on two threads (scanner + text copy | indexing).
//
// Choices (each matches IRRd 4 where IRRd has one):
//  - One object per (class, primary key, source): a later object replaces an earlier one, as an
//    IRRd mirror applies updates (the text of a replaced object stays in the arena until the
//    Database is destroyed). Route objects are keyed by (prefix, origin), so the same
//    prefix+origin in two sources gives two objects. Keys compare without case and whitespace
//    ("192.0.2.0 - 192.0.2.255"); persons and roles are keyed by nic-hdl.
//  - Source order: the order in which sources first appear while loading, until
//    set_source_order(). A set name resolves to the first source in scope order that has it,
//    and each nested name is resolved again over the whole scope (IRRd 4
//    query_resolver._find_set_members orders by source priority and takes the first object per
//    name; the source of the parent set does not matter). "RIPE::AS-FOO" (bgpq4's form; IRRd
//    has none) looks only in RIPE, and only when RIPE is in scope.
//  - Multi-object lookups (routes, mnt-by, member-of) return matches from every source in
//    scope, equal keys in scope order. mbrs-by-ref members are found in every source in scope
//    (IRRd: the member-of lookup is not restricted to the set's source).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/irr/objects.h"
#include "manrs/irr/rpsl.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::rpki {
class RovTable;
}

namespace manrs::irr {

using SourceId = std::uint16_t;
using ObjectId = std::uint32_t;
// Most sources one database holds (IRRd mirrors ~40 in practice).
inline constexpr std::size_t kMaxSources = 256;

enum class RpkiStatus : std::uint8_t { kNotChecked, kValid, kInvalid, kNotFound };
[[nodiscard]] std::string_view to_string(RpkiStatus s);  // "not-checked", "valid", ...

struct LoadOptions {
  // Source for objects without a `source:` attribute (upper-cased). Empty = such objects are
  // reported and skipped.
  std::string default_source;
  // When set, every object of the file belongs to default_source whatever its `source:` says
  // (a mirror loaded under a local name).
  bool force_source = false;
  // Problems kept in LoadReport::problems (all are counted).
  std::size_t max_problems = 20;
  // Show a progress line on stderr (only when it is a TTY).
  bool progress = true;
};

struct LoadReport {
  std::string file;
  std::uint64_t objects = 0;  // objects stored
  std::uint64_t skipped = 0;  // objects reported and skipped (scanner or typed view)
  std::uint64_t bytes = 0;    // decompressed bytes read
  double seconds = 0;
  std::vector<std::string> problems;  // "<file>:<line>: <message>", the first max_problems
};

// One route or route6 object, as the indexes hold it.
struct RouteEntry {
  net::Prefix prefix;
  net::Asn origin = 0;
  ObjectId object = 0;
  SourceId source = 0;
  RpkiStatus rpki = RpkiStatus::kNotChecked;
};

// An as-set or route-set definition, parsed from the stored text on first use.
struct SetDef {
  ObjectId object = 0;
  SourceId source = 0;
  ObjectClass cls = ObjectClass::kAsSet;  // kAsSet or kRouteSet
  std::string name;                       // upper-cased
  std::vector<SetMember> members;         // as-set members / route-set members + mp-members
  std::vector<std::string> mbrs_by_ref;   // upper-cased; "ANY" = any maintainer
  // Members that did not parse: "members: <parser message>" (the object is still stored).
  std::vector<std::string> problems;
};

// An object that names a set in `member-of:` (aut-num for as-sets, route/route6 for route-sets,
// RFC 2622 §5.1 mbrs-by-ref), with what the expander needs to check it.
struct MemberOfRef {
  ObjectId object = 0;
  SourceId source = 0;
  ObjectClass cls = ObjectClass::kAutNum;
  net::Asn asn = 0;    // aut-num: its AS; route: its origin
  net::Prefix prefix;  // route/route6
};

// Which sources a query sees, in order of preference, and whether RPKI-invalid routes count.
struct QueryScope {
  std::vector<SourceId> sources;  // empty = all sources in the database's order
  bool exclude_rpki_invalid = false;
};

// How routes relate to a query prefix (IRRd `!r` options, RIPE -x/-l/-L/-m/-M).
enum class PrefixMatch : std::uint8_t {
  kExact,    // -x, !r  (same prefix)
  kOneLess,  // -l, !r,l: the most specific strictly less-specific prefix with objects
  kAllLess,  // -L, !r,L: every less-specific prefix including the exact one
  kOneMore,  // -m: the most-specific-free more-specifics (one level down)
  kAllMore,  // -M, !r,M: every strictly more-specific prefix
};

struct DatabaseStats {
  struct Row {
    std::string source;
    ObjectClass cls = ObjectClass::kOther;
    std::uint64_t objects = 0;
  };
  std::vector<Row> rows;  // sources in preference order, classes in enum order; non-zero only
  std::uint64_t objects = 0;
  std::uint64_t text_bytes = 0;   // object text stored
  std::uint64_t index_bytes = 0;  // every index and typed record
  std::uint64_t rpki_invalid = 0, rpki_valid = 0, rpki_not_found = 0;
};

class Database {
 public:
  Database();
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  // Loads the objects of one RPSL file (plain, gz, bz2, xz, zstd; "-" = stdin). Bad objects are
  // counted and reported in the LoadReport, never fatal; an Error only when the file cannot be
  // opened or read. Not after finalize().
  [[nodiscard]] Result<LoadReport> load_file(const std::string& path, const LoadOptions& options);
  [[nodiscard]] Result<LoadReport> load(core::ByteSource& source, const LoadOptions& options);
  // Builds the indexes. Call once, after the last load and before any lookup.
  void finalize();

  // Validates every route object against `table` (RFC 6811 with the object's prefix and origin)
  // and records the status. After finalize().
  void apply_rpki(const rpki::RovTable& table);

  // ---- sources
  // Puts the named sources first, in this order; the others follow alphabetically. Unknown
  // names are returned as an error (kPolicy, "sources: want one of RIPE,RADB, have 'FOO'").
  Status set_source_order(const std::vector<std::string>& order);
  [[nodiscard]] const std::vector<std::string>& sources() const;  // in preference order
  [[nodiscard]] std::optional<SourceId> find_source(std::string_view name) const;  // any case
  [[nodiscard]] std::string_view source_name(SourceId id) const;
  // A scope from a list of source names (any case; empty = all). Unknown names are an error.
  [[nodiscard]] Result<QueryScope> scope(const std::vector<std::string>& names) const;

  // ---- objects
  [[nodiscard]] std::size_t object_count() const;
  [[nodiscard]] ObjectClass object_class(ObjectId id) const;
  [[nodiscard]] SourceId object_source(ObjectId id) const;
  // The object's text exactly as loaded, ending with '\n'.
  [[nodiscard]] std::string_view object_text(ObjectId id) const;
  // Re-scans the stored text (for typed views: parse_aut_num(*obj, ...)).
  [[nodiscard]] Result<RpslObject> object(ObjectId id) const;
  // Objects of class `cls` (kOther = any class) whose primary key equals `key` (any case; route
  // keys are "192.0.2.0/24AS65001" like IRRd's, and also match by prefix alone), in scope order.
  [[nodiscard]] std::vector<ObjectId> find(ObjectClass cls, std::string_view key,
                                           const QueryScope& scope) const;
  // Objects whose `mnt-by:` names `mntner` (IRRd !o, RIPE -i mnt-by), in scope order.
  [[nodiscard]] std::vector<ObjectId> by_mnt_by(std::string_view mntner,
                                                const QueryScope& scope) const;
  // Objects whose `member-of:` names `set` (RIPE -i member-of).
  [[nodiscard]] std::vector<MemberOfRef> by_member_of(std::string_view set,
                                                      const QueryScope& scope) const;
  // The maintainers (upper-cased) in an object's mnt-by.
  [[nodiscard]] std::vector<std::string_view> mnt_by(ObjectId id) const;

  // ---- sets
  // The definition from the first source in scope order that has it (nullptr if none). A name
  // may carry a source pin "RIPE::AS-FOO" (then only that source is searched).
  [[nodiscard]] const SetDef* find_set(std::string_view name, const QueryScope& scope) const;
  // The same with the pin given apart (SetMember::source; "" = no pin). A pin naming a source
  // that is not in the database or not in scope finds nothing.
  [[nodiscard]] const SetDef* find_set(std::string_view name, std::string_view pinned_source,
                                       const QueryScope& scope) const;
  // Every as-set/route-set name (for tools and benchmarks), upper-cased, sorted.
  [[nodiscard]] std::vector<std::string_view> set_names(ObjectClass cls) const;

  // ---- routes
  // Route objects with this origin in scope, sorted by (prefix, source order); family filter
  // optional. Calls f(const RouteEntry&) for each.
  void routes_by_origin(net::Asn origin, std::optional<net::Family> family, const QueryScope& scope,
                        const std::function<void(const RouteEntry&)>& f) const;
  // Route objects related to `prefix` (see PrefixMatch), sorted by prefix.
  void routes_by_prefix(const net::Prefix& prefix, PrefixMatch match, const QueryScope& scope,
                        const std::function<void(const RouteEntry&)>& f) const;
  [[nodiscard]] std::size_t route_count() const;

  // ---- fast paths (the expander, the whois responder): views into the indexes, valid while
  // the Database lives; no scope or RPKI filtering (see in_scope()).
  // Every route object, sorted by (prefix, origin, source id).
  [[nodiscard]] std::span<const RouteEntry> routes() const;
  // The by-origin index: two parallel arrays sorted by (origin, prefix, source id);
  // origin_routes()[i] is the index in routes() of a route whose origin is origin_keys()[i].
  [[nodiscard]] std::span<const net::Asn> origin_keys() const;
  [[nodiscard]] std::span<const std::uint32_t> origin_routes() const;
  // The source ids a scope selects, in its order of preference (all sources for an empty one).
  [[nodiscard]] std::vector<SourceId> scope_sources(const QueryScope& scope) const;
  // "RIPE,RADB": the scope's source names in order (for messages).
  [[nodiscard]] std::string scope_names(const QueryScope& scope) const;

  [[nodiscard]] DatabaseStats stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace manrs::irr
