// irr/database.cpp — the in-memory IRR database: loading, deduplication, indexes, lookups.
//
// Layout (see database.h): object text in arena chunks; one 16-byte ObjectRecord per object; a
// key index of (64-bit hash of the normalized primary key, ObjectId) sorted by hash; route
// objects as a sorted vector<RouteEntry> plus a by-origin permutation; interned maintainer
// names with an (object, mntner) array and its inverse (CSR); member-of references; SetDefs.
#include "manrs/irr/database.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <numeric>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "manrs/core/progress.h"
#include "manrs/rpki/rov.h"

namespace manrs::irr {

namespace {

constexpr std::uint8_t kFlagRpkiInvalid = 1;
constexpr std::size_t kFirstChunkBytes = 1U << 20U;  // 1 MiB, doubling up to ...
constexpr std::size_t kMaxChunkBytes = 64U << 20U;   // ... 64 MiB
constexpr std::size_t kPrefaultFrom = 16U << 20U;    // prefault the next block from 16 MiB on
constexpr std::uint32_t kNoId = 0xffffffffU;

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string upper_copy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = upper(c);
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Appends the normalized form of an attribute's raw value to `out`: comments and continuation
// markers removed, every whitespace dropped, upper-cased. "192.0.2.0 - 192.0.2.255" and
// "192.0.2.0-192.0.2.255" normalize alike, so do "as-foo" and "AS-FOO # comment".
void normalize_key(std::string_view raw, std::string& out) {
  bool line_start = false;
  bool comment = false;
  for (char c : raw) {
    if (c == '\n') {
      line_start = true;
      comment = false;
      continue;
    }
    if (comment) {
      continue;
    }
    if (line_start) {
      line_start = false;
      if (c == '+') {
        continue;  // RFC 2622 §2 continuation marker
      }
    }
    if (c == '#') {
      comment = true;
      continue;
    }
    if (is_space(c)) {
      continue;
    }
    out.push_back(upper(c));
  }
}

std::uint64_t hash_key(std::string_view normalized) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64, then a murmur3 finalizer
  for (char c : normalized) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 33U;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33U;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33U;
  return h;
}

// Persons and roles are keyed by nic-hdl (RFC 2622 §3.2, IRRd, RIPE); every other class by
// the value of its class attribute.
bool keyed_by_nic_hdl(ObjectClass c) {
  return c == ObjectClass::kPerson || c == ObjectClass::kRole;
}
bool is_route_class(ObjectClass c) { return c == ObjectClass::kRoute || c == ObjectClass::kRoute6; }

// The raw value of the key attribute in stored object text (for verification of hash hits).
std::string_view raw_key_in_text(std::string_view text, ObjectClass cls) {
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) {
      eol = text.size();
    }
    std::string_view line = text.substr(pos, eol - pos);
    std::size_t colon = line.find(':');
    bool want = false;
    if (colon != std::string_view::npos && !line.empty() && !is_space(line[0]) && line[0] != '+' &&
        line[0] != '#') {
      want = keyed_by_nic_hdl(cls) ? iequals(line.substr(0, colon), "nic-hdl") : first;
      first = false;
    }
    if (want) {
      std::size_t end = eol;
      while (end < text.size()) {  // continuation lines (and comment lines between them)
        std::size_t next = end + 1;
        if (next >= text.size()) {
          break;
        }
        char c = text[next];
        if (c != ' ' && c != '\t' && c != '+' && c != '#') {
          break;
        }
        std::size_t e2 = text.find('\n', next);
        end = e2 == std::string_view::npos ? text.size() : e2;
      }
      return text.substr(pos + colon + 1, end - (pos + colon + 1));
    }
    pos = eol + 1;
  }
  return {};
}

// Calls f(name, raw) for each attribute of stored object text (text that the scanner accepted):
// `raw` runs from after the ':' to the end of the attribute's last continuation line (lines
// starting with a space, a tab or '+'; comment lines in between are kept, attribute_value()
// drops them), as RawAttribute::raw does.
template <typename F>
void for_each_raw_attribute(std::string_view text, F&& f) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) {
      eol = text.size();
    }
    std::string_view line = text.substr(pos, eol - pos);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.empty() || is_space(line[0]) || line[0] == '+' ||
        line[0] == '#') {
      pos = eol + 1;
      continue;
    }
    std::size_t end = eol;
    while (end + 1 < text.size()) {
      char c = text[end + 1];
      if (c != ' ' && c != '\t' && c != '+' && c != '#') {
        break;
      }
      std::size_t e2 = text.find('\n', end + 1);
      end = e2 == std::string_view::npos ? text.size() : e2;
    }
    f(line.substr(0, colon), text.substr(pos + colon + 1, end - (pos + colon + 1)));
    pos = end + 1;
  }
}

// The last address of a prefix.
net::IpAddress last_address(const net::Prefix& p) {
  std::array<std::uint8_t, 16> b = p.address().bytes();
  unsigned max = p.address().max_len();
  for (unsigned i = p.length(); i < max; ++i) {
    b[i >> 3U] = static_cast<std::uint8_t>(b[i >> 3U] | (0x80U >> (i & 7U)));
  }
  return p.is_v4() ? net::IpAddress::v4_bytes(b.data()) : net::IpAddress::v6_bytes(b.data());
}

// Case-insensitive string interning: names stored upper-cased, ids dense from 0.
class Interner {
 public:
  std::uint32_t intern(std::string_view name) {
    if (slots_.empty() || (names_.size() + 1) * 2 > slots_.size()) {
      grow();
    }
    std::uint64_t h = ihash(name);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      std::uint32_t id = slots_[i];
      if (id == kNoId) {
        id = static_cast<std::uint32_t>(names_.size());
        names_.push_back(upper_copy(name));
        slots_[i] = id;
        return id;
      }
      if (iequals(names_[id], name)) {
        return id;
      }
    }
  }
  [[nodiscard]] std::uint32_t find(std::string_view name) const {
    if (slots_.empty()) {
      return kNoId;
    }
    std::uint64_t h = ihash(name);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      std::uint32_t id = slots_[i];
      if (id == kNoId) {
        return kNoId;
      }
      if (iequals(names_[id], name)) {
        return id;
      }
    }
  }
  [[nodiscard]] const std::string& name(std::uint32_t id) const { return names_[id]; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const {
    std::size_t n =
        slots_.capacity() * sizeof(std::uint32_t) + names_.capacity() * sizeof(std::string);
    for (const auto& s : names_) {
      n += s.capacity() > 15 ? s.capacity() : 0;
    }
    return n;
  }

 private:
  static std::uint64_t ihash(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : s) {
      h ^= static_cast<unsigned char>(upper(c));
      h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 29U);
  }
  void grow() {
    std::size_t n = slots_.empty() ? 1024 : slots_.size() * 2;
    slots_.assign(n, kNoId);
    std::size_t mask = n - 1;
    for (std::uint32_t id = 0; id < names_.size(); ++id) {
      std::size_t i = ihash(names_[id]) & mask;
      while (slots_[i] != kNoId) {
        i = (i + 1) & mask;
      }
      slots_[i] = id;
    }
  }
  std::vector<std::string> names_;
  std::vector<std::uint32_t> slots_;
};

struct ObjectRecord {  // 16 bytes
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::uint16_t chunk = 0;
  SourceId source = 0;
  ObjectClass cls = ObjectClass::kOther;
  std::uint8_t flags = 0;
};
static_assert(sizeof(ObjectRecord) == 16);

struct KeyEntry {
  std::uint64_t hash;
  ObjectId object;
};

struct MntPair {
  ObjectId object;
  std::uint32_t mntner;
};

struct MemberOfPending {
  std::uint32_t set_name;  // interned in set_names_
  MemberOfRef ref;
};

// A block of the text arena: plain 4 KiB pages. MADV_HUGEPAGE was tried: with the kernel's
// default THP defrag setting ("madvise") every huge-page fault may compact memory first, and a
// 2.4M-object load spent 6.7 s in the kernel (8.2 s wall) against 2.0 s (3.2 s wall) with
// normal pages; the next block's pages are still faulted in on a helper thread.
struct ChunkFree {
  std::size_t size = 0;
  void operator()(char* p) const { ::operator delete(p); }
};
struct Chunk {
  std::unique_ptr<char[], ChunkFree> data;
  std::size_t size = 0;
  std::size_t used = 0;
};

// A per-query table: rank of each source in the scope, -1 = not in scope.
struct ScopeRank {
  std::array<std::int16_t, kMaxSources> rank{};
  bool exclude_invalid = false;

  [[nodiscard]] bool visible(const RouteEntry& r) const {
    return rank[r.source] >= 0 && !(exclude_invalid && r.rpki == RpkiStatus::kInvalid);
  }
};

}  // namespace

struct Database::Impl {
  // sources
  std::vector<std::string> source_names;  // by id
  std::vector<SourceId> order;            // ids in preference order
  std::vector<std::string> ordered_names;
  SourceId last_source = 0;
  bool have_last_source = false;

  // objects
  std::vector<Chunk> chunks;
  std::vector<ObjectRecord> records;
  std::uint64_t text_bytes = 0;

  // indexes (pending while loading; final after finalize)
  std::vector<KeyEntry> keys_pending;
  std::vector<std::uint64_t> key_hash;  // sorted
  std::vector<ObjectId> key_object;     // parallel to key_hash
  std::vector<RouteEntry> routes;       // sorted by (prefix, origin, source)
  std::vector<net::Asn> origin_keys;
  std::vector<std::uint32_t> origin_routes;
  std::vector<std::uint32_t> route_of_object;  // ObjectId -> route index (routes only), or kNoId
  Interner mntners;
  std::vector<MntPair> mnt_pairs;          // sorted by object
  std::vector<std::uint32_t> mnt_offsets;  // CSR by mntner id: size mntners+1
  std::vector<ObjectId> mnt_objects;
  Interner set_names;                      // names that appear in member-of
  std::vector<MemberOfPending> member_of;  // sorted by (set name id, object) after finalize
  // as-set / route-set objects: (hash of the normalized name, object), sorted after finalize;
  // their SetDefs are parsed from the stored text on first use (set_def) and kept in set_cache.
  struct SetSlot {
    std::uint64_t hash;
    ObjectId object;
  };
  std::vector<SetSlot> set_slots;
  std::unique_ptr<std::atomic<const SetDef*>[]> set_cache;

  ~Impl() {
    if (!set_cache) {
      return;
    }
    for (std::size_t i = 0; i < set_slots.size(); ++i) {
      delete set_cache[i].load();
    }
  }
  const SetDef* set_def(std::size_t slot) const;

  bool finalized = false;
  std::uint64_t rpki_counts[4] = {0, 0, 0, 0};

  // ---- sources
  std::optional<SourceId> source_id(std::string_view name) const {
    for (std::size_t i = 0; i < source_names.size(); ++i) {
      if (iequals(source_names[i], name)) {
        return static_cast<SourceId>(i);
      }
    }
    return std::nullopt;
  }
  // Interns a source name (upper-cased); nullopt when kMaxSources are taken.
  std::optional<SourceId> intern_source(std::string_view name) {
    if (have_last_source && iequals(source_names[last_source], name)) {
      return last_source;
    }
    auto id = source_id(name);
    if (!id) {
      if (source_names.size() >= kMaxSources) {
        return std::nullopt;
      }
      id = static_cast<SourceId>(source_names.size());
      source_names.push_back(upper_copy(name));
      order.push_back(*id);
      ordered_names.push_back(source_names.back());
    }
    last_source = *id;
    have_last_source = true;
    return id;
  }

  ScopeRank rank(const QueryScope& scope) const {
    ScopeRank r;
    r.rank.fill(-1);
    r.exclude_invalid = scope.exclude_rpki_invalid;
    const std::vector<SourceId>& ids = scope.sources.empty() ? order : scope.sources;
    std::int16_t n = 0;
    for (SourceId id : ids) {
      if (id < kMaxSources && r.rank[id] < 0) {
        r.rank[id] = n++;
      }
    }
    return r;
  }

  // ---- text arena
  std::pair<std::uint16_t, std::uint32_t> store_text(std::string_view text, bool add_newline) {
    std::size_t need = text.size() + (add_newline ? 1 : 0);
    if (chunks.empty() || chunks.back().size - chunks.back().used < need) {
      std::size_t size =
          chunks.empty() ? kFirstChunkBytes : std::min(chunks.back().size * 2, kMaxChunkBytes);
      while (size < need) {
        size *= 2;
      }
      Chunk c;
      if (next_chunk.valid()) {
        c = next_chunk.get();
      }
      if (c.size < need) {
        c = make_chunk(size, nullptr);
      }
      chunks.push_back(std::move(c));
      // Big loads: the next block is allocated and its pages faulted in on another thread
      // while this one fills (first-touch page faults cost as much as scanning the text).
      if (chunks.back().size >= kPrefaultFrom) {
        const std::size_t next = std::min(chunks.back().size * 2, kMaxChunkBytes);
        next_chunk = std::async(std::launch::async,
                                [next, this] { return make_chunk(next, &stop_prefault); });
      }
    }
    Chunk& c = chunks.back();
    std::memcpy(c.data.get() + c.used, text.data(), text.size());
    if (add_newline) {
      c.data[c.used + text.size()] = '\n';
    }
    auto off = static_cast<std::uint32_t>(c.used);
    c.used += need;
    text_bytes += need;
    return {static_cast<std::uint16_t>(chunks.size() - 1), off};
  }
  // A new arena block; with `stop`, its pages are faulted in until *stop is set.
  static Chunk make_chunk(std::size_t size, const std::atomic<bool>* stop) {
    Chunk c;
    c.data = std::unique_ptr<char[], ChunkFree>(static_cast<char*>(::operator new(size)),
                                                ChunkFree{size});
    c.size = size;
    if (stop != nullptr) {
      volatile char* p = c.data.get();
      for (std::size_t i = 0; i < size; i += 4096) {
        if ((i & ((2U << 20U) - 1)) == 0 && stop->load(std::memory_order_relaxed)) {
          break;
        }
        p[i] = 0;
      }
    }
    return c;
  }
  std::future<Chunk> next_chunk;  // being prefaulted
  std::atomic<bool> stop_prefault{false};

  std::string_view text(ObjectId id) const {
    const ObjectRecord& r = records[id];
    return {chunks[r.chunk].data.get() + r.offset, r.length};
  }

  bool key_matches(ObjectId id, std::string_view normalized) const {
    std::string k;
    normalize_key(raw_key_in_text(text(id), records[id].cls), k);
    return k == normalized;
  }

  void finalize();
  void dedup(std::vector<std::uint8_t>& dead);
  class Loader;
};

// ---- finalize -------------------------------------------------------------------------------

// Marks every object that a later object of the same class, key and source replaces (an IRRd
// mirror keeps one object per (class, primary key, source); the last one loaded wins).
void Database::Impl::dedup(std::vector<std::uint8_t>& dead) {
  // Keys and routes are independent (disjoint objects): the routes sort on a second thread.
  std::thread route_sort([&] {
    std::sort(routes.begin(), routes.end(), [](const RouteEntry& a, const RouteEntry& b) {
      if (auto c = a.prefix <=> b.prefix; std::is_neq(c)) {
        return std::is_lt(c);
      }
      if (a.origin != b.origin) {
        return a.origin < b.origin;
      }
      if (a.source != b.source) {
        return a.source < b.source;
      }
      return a.object < b.object;
    });
    for (std::size_t i = 0; i + 1 < routes.size(); ++i) {
      const RouteEntry& a = routes[i];
      const RouteEntry& b = routes[i + 1];
      if (a.prefix == b.prefix && a.origin == b.origin && a.source == b.source) {
        dead[a.object] = 1;
      }
    }
  });
  std::sort(keys_pending.begin(), keys_pending.end(), [](const KeyEntry& a, const KeyEntry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.object < b.object;
  });
  std::string ka;
  std::string kb;
  for (std::size_t i = 0; i < keys_pending.size();) {
    std::size_t j = i + 1;
    while (j < keys_pending.size() && keys_pending[j].hash == keys_pending[i].hash) {
      ++j;
    }
    for (std::size_t a = i; a + 1 < j; ++a) {
      ObjectId oa = keys_pending[a].object;
      const ObjectRecord& ra = records[oa];
      ka.clear();
      normalize_key(raw_key_in_text(text(oa), ra.cls), ka);
      for (std::size_t b = a + 1; b < j; ++b) {
        ObjectId ob = keys_pending[b].object;
        const ObjectRecord& rb = records[ob];
        if (rb.cls != ra.cls || rb.source != ra.source) {
          continue;
        }
        kb.clear();
        normalize_key(raw_key_in_text(text(ob), rb.cls), kb);
        if (ka == kb) {
          dead[oa] = 1;
          break;
        }
      }
    }
    i = j;
  }
  route_sort.join();
}

void Database::Impl::finalize() {
  stop_prefault = true;
  if (next_chunk.valid()) {
    next_chunk.get();  // not needed any more
  }
  std::vector<std::uint8_t> dead(records.size(), 0);
  dedup(dead);

  // Renumber the live objects.
  std::vector<ObjectId> remap(records.size(), kNoId);
  ObjectId next = 0;
  std::uint64_t live_bytes = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (dead[i]) {
      continue;
    }
    remap[i] = next;
    records[next] = records[i];
    live_bytes += records[next].length;
    ++next;
  }
  records.resize(next);
  records.shrink_to_fit();
  text_bytes = live_bytes;

  // Key index.
  std::size_t live_keys = 0;
  for (const KeyEntry& k : keys_pending) {
    live_keys += remap[k.object] != kNoId ? 1U : 0U;
  }
  key_hash.reserve(live_keys);
  key_object.reserve(live_keys);
  for (const KeyEntry& k : keys_pending) {
    if (remap[k.object] == kNoId) {
      continue;
    }
    key_hash.push_back(k.hash);
    key_object.push_back(remap[k.object]);
  }
  std::vector<KeyEntry>().swap(keys_pending);

  // Routes (already sorted by prefix, origin, source, object).
  std::erase_if(routes, [&](const RouteEntry& r) { return remap[r.object] == kNoId; });
  for (RouteEntry& r : routes) {
    r.object = remap[r.object];
  }
  routes.shrink_to_fit();
  route_of_object.assign(records.size(), kNoId);
  for (std::size_t i = 0; i < routes.size(); ++i) {
    route_of_object[routes[i].object] = static_cast<std::uint32_t>(i);
  }
  {
    // (origin, route index) sorted: the index keeps the prefix order within one origin.
    std::vector<std::uint64_t> by_origin(routes.size());
    for (std::size_t i = 0; i < routes.size(); ++i) {
      by_origin[i] = (std::uint64_t{routes[i].origin} << 32U) | i;
    }
    std::sort(by_origin.begin(), by_origin.end());
    origin_keys.resize(routes.size());
    origin_routes.resize(routes.size());
    for (std::size_t i = 0; i < routes.size(); ++i) {
      origin_keys[i] = static_cast<net::Asn>(by_origin[i] >> 32U);
      origin_routes[i] = static_cast<std::uint32_t>(by_origin[i] & 0xffffffffU);
    }
  }

  // mnt-by: (object, mntner) sorted by object; inverse CSR by mntner.
  std::erase_if(mnt_pairs, [&](const MntPair& p) { return remap[p.object] == kNoId; });
  for (MntPair& p : mnt_pairs) {
    p.object = remap[p.object];
  }
  mnt_pairs.shrink_to_fit();
  mnt_offsets.assign(mntners.size() + 1, 0);
  for (const MntPair& p : mnt_pairs) {
    ++mnt_offsets[p.mntner + 1];
  }
  for (std::size_t i = 1; i < mnt_offsets.size(); ++i) {
    mnt_offsets[i] += mnt_offsets[i - 1];
  }
  mnt_objects.resize(mnt_pairs.size());
  {
    std::vector<std::uint32_t> fill(mnt_offsets.begin(), mnt_offsets.end() - 1);
    for (const MntPair& p : mnt_pairs) {
      mnt_objects[fill[p.mntner]++] = p.object;
    }
  }

  // member-of.
  std::erase_if(member_of, [&](const MemberOfPending& m) { return remap[m.ref.object] == kNoId; });
  for (MemberOfPending& m : member_of) {
    m.ref.object = remap[m.ref.object];
  }
  std::sort(
      member_of.begin(), member_of.end(), [](const MemberOfPending& a, const MemberOfPending& b) {
        return a.set_name != b.set_name ? a.set_name < b.set_name : a.ref.object < b.ref.object;
      });

  // Sets.
  std::erase_if(set_slots, [&](const SetSlot& x) { return remap[x.object] == kNoId; });
  for (SetSlot& x : set_slots) {
    x.object = remap[x.object];
  }
  std::sort(set_slots.begin(), set_slots.end(), [](const SetSlot& a, const SetSlot& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.object < b.object;
  });
  set_slots.shrink_to_fit();
  set_cache = std::make_unique<std::atomic<const SetDef*>[]>(set_slots.size());
  for (std::size_t i = 0; i < set_slots.size(); ++i) {
    set_cache[i].store(nullptr);
  }
  finalized = true;
}

// Parses a set's definition from its stored text the first time it is asked for. Several
// threads may race: each parses, one publishes, the others drop theirs.
const SetDef* Database::Impl::set_def(std::size_t slot) const {
  if (const SetDef* def = set_cache[slot].load(std::memory_order_acquire)) {
    return def;
  }
  const ObjectId id = set_slots[slot].object;
  const ObjectRecord& rec = records[id];
  auto def = std::make_unique<SetDef>();
  def->object = id;
  def->source = rec.source;
  def->cls = rec.cls;
  const bool rs = rec.cls == ObjectClass::kRouteSet;
  // The stored text was scanned when it was loaded: a light pass over its lines finds the
  // three attributes (the full scanner would build every attribute of an object that is mostly
  // remarks). Two passes: count the members first, so that the vector is allocated once.
  const std::string_view t = text(id);
  normalize_key(raw_key_in_text(t, rec.cls), def->name);
  std::string scratch;
  std::size_t count = 0;
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      def->members.reserve(count);
    }
    for_each_raw_attribute(t, [&](std::string_view name, std::string_view raw) {
      const bool members = iequals(name, "members") || (rs && iequals(name, "mp-members"));
      if (members) {
        for_each_list_item(attribute_value(raw, scratch), [&](std::string_view item) {
          if (pass == 0) {
            ++count;
            return;
          }
          auto m = parse_set_member(item, rs);
          if (m) {
            def->members.push_back(std::move(*m));
          } else {
            def->problems.push_back(fmt::format(
                "{}: {}", iequals(name, "members") ? "members" : "mp-members", m.error().message));
          }
        });
      } else if (pass == 1 && iequals(name, "mbrs-by-ref")) {
        for_each_list_item(attribute_value(raw, scratch), [&](std::string_view item) {
          def->mbrs_by_ref.push_back(upper_copy(item));
        });
      }
    });
  }
  const SetDef* expected = nullptr;
  if (set_cache[slot].compare_exchange_strong(expected, def.get(), std::memory_order_acq_rel)) {
    return def.release();
  }
  return expected;
}

// ---- Database --------------------------------------------------------------------------------

std::string_view to_string(RpkiStatus s) {
  switch (s) {
    case RpkiStatus::kNotChecked:
      return "not-checked";
    case RpkiStatus::kValid:
      return "valid";
    case RpkiStatus::kInvalid:
      return "invalid";
    case RpkiStatus::kNotFound:
      return "not-found";
  }
  return "not-checked";
}

Database::Database() : impl_(std::make_unique<Impl>()) {}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

Result<LoadReport> Database::load_file(const std::string& path, const LoadOptions& options) {
  MANRS_TRY(auto source, core::open_input(path));
  return load(*source, options);
}

namespace {

// Which of the attributes the indexes need an attribute is (by name, case-insensitive).
// The attributes the indexes read while loading (set members are parsed on first use).
enum class Wanted : std::uint8_t { kNone, kSource, kOrigin, kMntBy, kMemberOf, kNicHdl };

Wanted wanted(std::string_view n) {
  if (n.empty()) {
    return Wanted::kNone;
  }
  const char c = static_cast<char>(n[0] | 0x20);  // ASCII lower case
  if (c != 's' && c != 'o' && c != 'm' && c != 'n') {
    return Wanted::kNone;
  }
  switch (n.size()) {
    case 6:
      if (iequals(n, "source")) {
        return Wanted::kSource;
      }
      if (iequals(n, "origin")) {
        return Wanted::kOrigin;
      }
      if (iequals(n, "mnt-by")) {
        return Wanted::kMntBy;
      }
      return Wanted::kNone;
    case 7:
      return iequals(n, "nic-hdl") ? Wanted::kNicHdl : Wanted::kNone;
    case 9:
      return iequals(n, "member-of") ? Wanted::kMemberOf : Wanted::kNone;
    default:
      return Wanted::kNone;
  }
}

}  // namespace

namespace {

// One scanned object whose text is already in the arena; `name`/`raw` views of its attributes
// point into the arena copy.
struct ObjView {
  ObjectClass cls = ObjectClass::kOther;
  std::string_view class_name;
  std::uint64_t line = 0;
  std::uint32_t first_attr = 0;
  std::uint32_t attr_count = 0;
  std::uint16_t chunk = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

// Objects handed from the scanning thread to the indexing thread.
struct Batch {
  std::vector<ObjView> objects;
  std::vector<RawAttribute> attrs;
  std::uint64_t bytes_read = 0;  // the reader's position after the batch
};

constexpr std::size_t kBatchObjects = 1024;
constexpr std::size_t kBatchesInFlight = 8;

// A bounded queue of batches, with the spent ones recycled.
class BatchQueue {
 public:
  std::unique_ptr<Batch> get_free() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return full_.size() < kBatchesInFlight || cancelled_; });
    if (!free_.empty()) {
      auto b = std::move(free_.back());
      free_.pop_back();
      return b;
    }
    return std::make_unique<Batch>();
  }
  void put_full(std::unique_ptr<Batch> b) {
    std::lock_guard lock(mu_);
    full_.push_back(std::move(b));
    cv_.notify_all();
  }
  // nullptr when the producer is done and every batch was taken.
  std::unique_ptr<Batch> get_full() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) {
      return nullptr;
    }
    auto b = std::move(full_.front());
    full_.pop_front();
    cv_.notify_all();
    return b;
  }
  void put_free(std::unique_ptr<Batch> b) {
    b->objects.clear();
    b->attrs.clear();
    std::lock_guard lock(mu_);
    free_.push_back(std::move(b));
  }
  void finish() {
    std::lock_guard lock(mu_);
    done_ = true;
    cv_.notify_all();
  }
  [[nodiscard]] bool cancelled() {
    std::lock_guard lock(mu_);
    return cancelled_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> free_;
  bool done_ = false;
  bool cancelled_ = false;
};

std::string_view rebase(std::string_view v, std::string_view from, const char* to) {
  return {to + (v.data() - from.data()), v.size()};
}

bool inside(std::string_view v, std::string_view outer) {
  return v.data() >= outer.data() && v.data() + v.size() <= outer.data() + outer.size();
}

}  // namespace

// The indexing half of a load: everything the indexes need from one object.
class Database::Impl::Loader {
 public:
  Loader(Impl& d, const LoadOptions& options, std::string file)
      : d_(d),
        options_(options),
        file_(std::move(file)),
        default_source_(upper_copy(options.default_source)) {}

  void ingest(const ObjView& obj, std::span<const RawAttribute> attrs);

  std::uint64_t stored = 0;
  std::uint64_t skipped = 0;
  std::vector<std::string> problems;

 private:
  void problem(std::uint64_t line, std::string msg) {
    ++skipped;
    if (problems.size() < options_.max_problems) {
      problems.push_back(fmt::format("{}:{}: {}", file_, line, msg));
    }
  }
  std::optional<SourceId> source_of(const RawAttribute& a) {
    if (a.raw == last_source_raw_ && have_last_source_) {
      return last_source_;  // common case
    }
    std::string_view v = attribute_value(a.raw, scratch_);
    std::size_t sp = 0;
    while (sp < v.size() && !is_space(v[sp])) {
      ++sp;  // "RIPE # comment" or "RIPE extra"
    }
    v = v.substr(0, sp);
    if (v.empty()) {
      return std::nullopt;
    }
    auto id = d_.intern_source(v);
    if (id) {
      last_source_raw_.assign(a.raw);
      last_source_ = *id;
      have_last_source_ = true;
    }
    return id;
  }

  Impl& d_;
  const LoadOptions& options_;
  std::string file_;
  std::string default_source_;
  std::string scratch_, scratch2_, key_;
  std::string last_source_raw_;
  SourceId last_source_ = 0;
  bool have_last_source_ = false;
  std::vector<const RawAttribute*> mnt_attrs_, member_of_attrs_;
};

void Database::Impl::Loader::ingest(const ObjView& obj, std::span<const RawAttribute> attrs) {
  Impl& d = d_;
  const ObjectClass cls = obj.cls;
  const bool is_set = cls == ObjectClass::kAsSet || cls == ObjectClass::kRouteSet;
  const RawAttribute* src_attr = nullptr;
  const RawAttribute* origin_attr = nullptr;
  const RawAttribute* nic_attr = nullptr;
  mnt_attrs_.clear();
  member_of_attrs_.clear();
  for (std::size_t i = 1; i < attrs.size(); ++i) {
    const RawAttribute& a = attrs[i];
    switch (wanted(a.name)) {
      case Wanted::kSource:
        if (src_attr == nullptr) {
          src_attr = &a;
        }
        break;
      case Wanted::kOrigin:
        if (origin_attr == nullptr) {
          origin_attr = &a;
        }
        break;
      case Wanted::kMntBy:
        mnt_attrs_.push_back(&a);
        break;
      case Wanted::kMemberOf:
        member_of_attrs_.push_back(&a);
        break;
      case Wanted::kNicHdl:
        if (nic_attr == nullptr) {
          nic_attr = &a;
        }
        break;
      case Wanted::kNone:
        break;
    }
  }

  // Source.
  std::optional<SourceId> sid;
  if (options_.force_source || src_attr == nullptr) {
    if (default_source_.empty()) {
      problem(obj.line, fmt::format("{}: source: want a source attribute, have none",
                                    cls == ObjectClass::kOther ? obj.class_name : to_string(cls)));
      return;
    }
    sid = d.intern_source(default_source_);
  } else {
    sid = source_of(*src_attr);
    if (!sid) {
      if (attribute_value(src_attr->raw, scratch_).empty()) {
        problem(src_attr->line, "source: want a source name, have ''");
        return;
      }
    }
  }
  if (!sid) {
    problem(obj.line, fmt::format("source: want at most {} sources, have more", kMaxSources));
    return;
  }

  // Key / route.
  RouteEntry route;
  const bool is_route = is_route_class(cls);
  if (is_route) {
    std::string_view pv = attribute_value(attrs[0].raw, scratch_);
    auto prefix = net::Prefix::parse(pv);
    if (!prefix || (cls == ObjectClass::kRoute) != prefix->is_v4()) {
      problem(obj.line,
              fmt::format("{}: want an {} prefix, have '{}'", to_string(cls),
                          cls == ObjectClass::kRoute ? "IPv4" : "IPv6", rpsl_excerpt(pv)));
      return;
    }
    if (origin_attr == nullptr) {
      problem(obj.line,
              fmt::format("{} {}: origin: want an AS number, have none", to_string(cls), pv));
      return;
    }
    std::string_view ov = attribute_value(origin_attr->raw, scratch2_);
    auto origin = net::parse_asn(ov);
    if (!origin) {
      problem(origin_attr->line,
              fmt::format("origin: want an AS number, have '{}'", rpsl_excerpt(ov)));
      return;
    }
    route.prefix = *prefix;
    route.origin = *origin;
  } else {
    key_.clear();
    const RawAttribute* ka = &attrs[0];
    if (keyed_by_nic_hdl(cls)) {
      if (nic_attr == nullptr) {
        problem(obj.line, fmt::format("{}: nic-hdl: want a handle, have none", to_string(cls)));
        return;
      }
      ka = nic_attr;
    }
    normalize_key(ka->raw, key_);
    if (key_.empty()) {
      problem(ka->line, fmt::format("{}: want a primary key, have ''", obj.class_name));
      return;
    }
  }

  // Store.
  if (d.records.size() >= kNoId - 1) {
    problem(obj.line, "objects: want at most 4294967294, have more");
    return;
  }
  const auto id = static_cast<ObjectId>(d.records.size());
  ObjectRecord rec;
  rec.chunk = obj.chunk;
  rec.offset = obj.offset;
  rec.length = obj.length;
  rec.source = *sid;
  rec.cls = cls;
  d.records.push_back(rec);
  ++stored;

  if (is_route) {
    route.object = id;
    route.source = *sid;
    d.routes.push_back(route);
  } else {
    d.keys_pending.push_back(KeyEntry{hash_key(key_), id});
  }
  for (const RawAttribute* a : mnt_attrs_) {
    for_each_list_item(attribute_value(a->raw, scratch_), [&](std::string_view item) {
      d.mnt_pairs.push_back(MntPair{id, d.mntners.intern(item)});
    });
  }
  if (!member_of_attrs_.empty()) {
    MemberOfRef ref;
    ref.object = id;
    ref.source = *sid;
    ref.cls = cls;
    if (is_route) {
      ref.asn = route.origin;
      ref.prefix = route.prefix;
    } else if (cls == ObjectClass::kAutNum) {
      auto asn = net::parse_asn(attribute_value(attrs[0].raw, scratch_));
      if (asn) {
        ref.asn = *asn;
      }
    }
    for (const RawAttribute* a : member_of_attrs_) {
      for_each_list_item(attribute_value(a->raw, scratch_), [&](std::string_view item) {
        d.member_of.push_back(MemberOfPending{d.set_names.intern(item), ref});
      });
    }
  }
  if (is_set) {
    d.set_slots.push_back(Impl::SetSlot{hash_key(key_), id});
  }
}

// Two threads: this one indexes; a second one scans the input (RpslReader) and copies each
// object's text into the arena, handing the objects over in batches. On the 2-core target the
// scan, the copy and the page faults of the text overlap the indexing.
Result<LoadReport> Database::load(core::ByteSource& source, const LoadOptions& options) {
  Impl& d = *impl_;
  if (d.finalized) {
    return make_error(ErrorCode::kInternal,
                      "load: want a database before finalize(), have one after",
                      std::string(source.name()));
  }
  auto started = std::chrono::steady_clock::now();
  LoadReport report;
  report.file = std::string(source.name());
  RpslReaderOptions ropt;
  ropt.max_problems = options.max_problems;
  RpslReader reader(source, ropt);
  std::optional<core::Progress> progress;
  if (options.progress) {
    progress.emplace(report.file, source.size());
  }

  BatchQueue queue;
  std::optional<Error> read_error;
  std::thread scanner([&] {
    std::unique_ptr<Batch> batch = queue.get_free();
    while (true) {
      auto next = reader.next();
      if (!next) {
        read_error = std::move(next.error());
        break;
      }
      const RpslObject* obj = *next;
      if (obj == nullptr) {
        break;
      }
      if (obj->attributes.empty()) {
        continue;
      }
      const std::string_view text = obj->text;
      bool ok = inside(obj->class_name, text);
      for (const RawAttribute& a : obj->attributes) {
        ok = ok && inside(a.name, text) && inside(a.raw, text);
      }
      if (!ok) {
        continue;  // the scanner's views always lie in the text; never index stray ones
      }
      const bool add_nl = text.empty() || text.back() != '\n';
      auto [chunk, off] = d.store_text(text, add_nl);
      const char* base = d.chunks[chunk].data.get() + off;
      ObjView v;
      v.cls = obj->cls;
      v.class_name = rebase(obj->class_name, text, base);
      v.line = obj->line;
      v.first_attr = static_cast<std::uint32_t>(batch->attrs.size());
      v.chunk = chunk;
      v.offset = off;
      v.length = static_cast<std::uint32_t>(text.size() + (add_nl ? 1 : 0));
      // Only the class attribute and those the indexes read are handed over.
      for (std::size_t i = 0; i < obj->attributes.size(); ++i) {
        const RawAttribute& a = obj->attributes[i];
        if (i > 0 && wanted(a.name) == Wanted::kNone) {
          continue;
        }
        batch->attrs.push_back(
            RawAttribute{rebase(a.name, text, base), rebase(a.raw, text, base), a.line});
      }
      v.attr_count = static_cast<std::uint32_t>(batch->attrs.size() - v.first_attr);
      batch->objects.push_back(v);
      if (batch->objects.size() >= kBatchObjects) {
        batch->bytes_read = reader.bytes_read();
        queue.put_full(std::move(batch));
        batch = queue.get_free();
      }
    }
    batch->bytes_read = reader.bytes_read();
    queue.put_full(std::move(batch));
    queue.finish();
  });

  Impl::Loader loader(d, options, report.file);
  while (auto batch = queue.get_full()) {
    for (const ObjView& v : batch->objects) {
      loader.ingest(
          v, std::span<const RawAttribute>(batch->attrs).subspan(v.first_attr, v.attr_count));
    }
    if (progress) {
      progress->update(batch->bytes_read, loader.stored);
    }
    queue.put_free(std::move(batch));
  }
  scanner.join();
  if (progress) {
    progress->finish();
  }
  if (read_error) {
    return std::move(*read_error);
  }

  report.objects = loader.stored;
  report.skipped = reader.problem_count() + loader.skipped;
  report.bytes = reader.bytes_read();
  for (const RpslProblem& p : reader.problems()) {
    if (report.problems.size() >= options.max_problems) {
      break;
    }
    report.problems.push_back(reader.describe(p));
  }
  for (std::string& p : loader.problems) {
    if (report.problems.size() >= options.max_problems) {
      break;
    }
    report.problems.push_back(std::move(p));
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

void Database::finalize() {
  if (!impl_->finalized) {
    impl_->finalize();
  }
}

void Database::apply_rpki(const rpki::RovTable& table) {
  Impl& d = *impl_;
  if (!d.finalized) {
    return;  // the contract: after finalize()
  }
  constexpr std::size_t kBatch = 4096;
  std::vector<rpki::RouteQuery> q;
  std::vector<rpki::RovState> out(kBatch);
  q.reserve(kBatch);
  std::fill(std::begin(d.rpki_counts), std::end(d.rpki_counts), 0);
  for (std::size_t start = 0; start < d.routes.size(); start += kBatch) {
    std::size_t end = std::min(d.routes.size(), start + kBatch);
    q.clear();
    for (std::size_t i = start; i < end; ++i) {
      const RouteEntry& r = d.routes[i];
      rpki::RouteQuery rq;
      const auto& b = r.prefix.address().bytes();
      if (r.prefix.is_v4()) {
        rq.hi = r.prefix.address().v4_value();
      } else {
        for (int k = 0; k < 8; ++k) {
          rq.hi = (rq.hi << 8U) | b[static_cast<std::size_t>(k)];
        }
        for (int k = 8; k < 16; ++k) {
          rq.lo = (rq.lo << 8U) | b[static_cast<std::size_t>(k)];
        }
        rq.v6 = true;
      }
      rq.len = static_cast<std::uint8_t>(r.prefix.length());
      rq.origin = r.origin;
      q.push_back(rq);
    }
    table.validate_batch(q, out);
    for (std::size_t i = start; i < end; ++i) {
      RouteEntry& r = d.routes[i];
      rpki::RovState s = out[i - start];
      r.rpki = s == rpki::RovState::kValid      ? RpkiStatus::kValid
               : s == rpki::RovState::kNotFound ? RpkiStatus::kNotFound
                                                : RpkiStatus::kInvalid;
      ++d.rpki_counts[static_cast<std::size_t>(r.rpki)];
      ObjectRecord& rec = d.records[r.object];
      rec.flags = static_cast<std::uint8_t>(r.rpki == RpkiStatus::kInvalid
                                                ? (rec.flags | kFlagRpkiInvalid)
                                                : (rec.flags & ~kFlagRpkiInvalid));
    }
  }
}

// ---- sources ---------------------------------------------------------------------------------

Status Database::set_source_order(const std::vector<std::string>& order) {
  Impl& d = *impl_;
  std::vector<SourceId> first;
  for (const std::string& name : order) {
    auto id = d.source_id(name);
    if (!id) {
      std::string all;
      for (const std::string& n : d.ordered_names) {
        all += (all.empty() ? "" : ",") + n;
      }
      return make_error(ErrorCode::kPolicy,
                        fmt::format("sources: want one of {}, have '{}'", all, name));
    }
    if (std::find(first.begin(), first.end(), *id) == first.end()) {
      first.push_back(*id);
    }
  }
  std::vector<SourceId> rest;
  for (std::size_t i = 0; i < d.source_names.size(); ++i) {
    auto id = static_cast<SourceId>(i);
    if (std::find(first.begin(), first.end(), id) == first.end()) {
      rest.push_back(id);
    }
  }
  std::sort(rest.begin(), rest.end(),
            [&](SourceId a, SourceId b) { return d.source_names[a] < d.source_names[b]; });
  first.insert(first.end(), rest.begin(), rest.end());
  d.order = std::move(first);
  d.ordered_names.clear();
  for (SourceId id : d.order) {
    d.ordered_names.push_back(d.source_names[id]);
  }
  return {};
}

const std::vector<std::string>& Database::sources() const { return impl_->ordered_names; }

std::optional<SourceId> Database::find_source(std::string_view name) const {
  return impl_->source_id(name);
}

std::string_view Database::source_name(SourceId id) const {
  return id < impl_->source_names.size() ? std::string_view(impl_->source_names[id])
                                         : std::string_view{};
}

Result<QueryScope> Database::scope(const std::vector<std::string>& names) const {
  QueryScope s;
  for (const std::string& n : names) {
    auto id = impl_->source_id(n);
    if (!id) {
      std::string all;
      for (const std::string& x : impl_->ordered_names) {
        all += (all.empty() ? "" : ",") + x;
      }
      return make_error(ErrorCode::kPolicy,
                        fmt::format("sources: want one of {}, have '{}'", all, n));
    }
    if (std::find(s.sources.begin(), s.sources.end(), *id) == s.sources.end()) {
      s.sources.push_back(*id);
    }
  }
  return s;
}

std::vector<SourceId> Database::scope_sources(const QueryScope& scope) const {
  std::vector<SourceId> out;
  const std::vector<SourceId>& ids = scope.sources.empty() ? impl_->order : scope.sources;
  for (SourceId id : ids) {
    if (id < impl_->source_names.size() && std::find(out.begin(), out.end(), id) == out.end()) {
      out.push_back(id);
    }
  }
  return out;
}

std::string Database::scope_names(const QueryScope& scope) const {
  std::string out;
  for (SourceId id : scope_sources(scope)) {
    if (!out.empty()) {
      out += ',';
    }
    out += impl_->source_names[id];
  }
  return out;
}

// ---- objects ---------------------------------------------------------------------------------

std::size_t Database::object_count() const { return impl_->records.size(); }
ObjectClass Database::object_class(ObjectId id) const { return impl_->records[id].cls; }
SourceId Database::object_source(ObjectId id) const { return impl_->records[id].source; }
std::string_view Database::object_text(ObjectId id) const { return impl_->text(id); }

Result<RpslObject> Database::object(ObjectId id) const {
  if (id >= impl_->records.size()) {
    return make_error(ErrorCode::kInternal,
                      fmt::format("object id: want < {}, have {}", impl_->records.size(), id));
  }
  return parse_rpsl_object(impl_->text(id), source_name(impl_->records[id].source), 1);
}

namespace {

// "192.0.2.0/24AS65001" -> (prefix, origin); "192.0.2.0/24" -> (prefix, nullopt).
std::optional<std::pair<net::Prefix, std::optional<net::Asn>>> parse_route_key(
    std::string_view key) {
  std::size_t a = 0;
  while (a < key.size() && key[a] != 'A' && key[a] != 'a') {
    ++a;
  }
  std::string_view ptext = key.substr(0, a);
  while (!ptext.empty() && is_space(ptext.back())) {
    ptext.remove_suffix(1);
  }
  auto p = net::Prefix::parse(ptext);
  if (!p) {
    return std::nullopt;
  }
  if (a == key.size()) {
    return std::make_pair(*p, std::optional<net::Asn>{});
  }
  auto asn = net::parse_asn(key.substr(a));
  if (!asn) {
    return std::nullopt;
  }
  return std::make_pair(*p, std::optional<net::Asn>(*asn));
}

bool prefix_less(const RouteEntry& r, const net::Prefix& p) { return r.prefix < p; }
bool prefix_greater(const net::Prefix& p, const RouteEntry& r) { return p < r.prefix; }

}  // namespace

std::vector<ObjectId> Database::find(ObjectClass cls, std::string_view key,
                                     const QueryScope& scope) const {
  const Impl& d = *impl_;
  ScopeRank rank = d.rank(scope);
  std::vector<std::pair<int, ObjectId>> hits;
  std::string trimmed;
  for (char c : key) {
    if (!is_space(c)) {
      trimmed.push_back(c);
    }
  }
  if (cls == ObjectClass::kOther || is_route_class(cls)) {
    if (auto rk = parse_route_key(trimmed)) {
      const net::Prefix& p = rk->first;
      bool family_ok = cls == ObjectClass::kOther || (cls == ObjectClass::kRoute) == p.is_v4();
      if (family_ok) {
        auto lo = std::lower_bound(d.routes.begin(), d.routes.end(), p, prefix_less);
        auto hi = std::upper_bound(lo, d.routes.end(), p, prefix_greater);
        for (auto it = lo; it != hi; ++it) {
          if (rk->second && it->origin != *rk->second) {
            continue;
          }
          if (!rank.visible(*it)) {
            continue;
          }
          hits.emplace_back(rank.rank[it->source], it->object);
        }
      }
    }
  }
  if (!is_route_class(cls)) {
    std::string norm;
    normalize_key(trimmed, norm);
    if (!norm.empty()) {
      std::uint64_t h = hash_key(norm);
      auto lo = std::lower_bound(d.key_hash.begin(), d.key_hash.end(), h);
      for (auto it = lo; it != d.key_hash.end() && *it == h; ++it) {
        ObjectId id = d.key_object[static_cast<std::size_t>(it - d.key_hash.begin())];
        const ObjectRecord& r = d.records[id];
        if (cls != ObjectClass::kOther && r.cls != cls) {
          continue;
        }
        if (rank.rank[r.source] < 0) {
          continue;
        }
        if (!d.key_matches(id, norm)) {
          continue;
        }
        hits.emplace_back(rank.rank[r.source], id);
      }
    }
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ObjectId> out;
  out.reserve(hits.size());
  for (const auto& h : hits) {
    out.push_back(h.second);
  }
  return out;
}

std::vector<ObjectId> Database::by_mnt_by(std::string_view mntner, const QueryScope& scope) const {
  const Impl& d = *impl_;
  std::vector<ObjectId> out;
  std::uint32_t m = d.mntners.find(mntner);
  if (m == kNoId || m + 1 >= d.mnt_offsets.size()) {
    return out;
  }
  ScopeRank rank = d.rank(scope);
  std::vector<std::pair<int, ObjectId>> hits;
  for (std::uint32_t i = d.mnt_offsets[m]; i < d.mnt_offsets[m + 1]; ++i) {
    ObjectId id = d.mnt_objects[i];
    const ObjectRecord& r = d.records[id];
    if (rank.rank[r.source] < 0) {
      continue;
    }
    if (scope.exclude_rpki_invalid && (r.flags & kFlagRpkiInvalid) != 0) {
      continue;
    }
    hits.emplace_back(rank.rank[r.source], id);
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());  // "mnt-by: A, A"
  out.reserve(hits.size());
  for (const auto& h : hits) {
    out.push_back(h.second);
  }
  return out;
}

std::vector<MemberOfRef> Database::by_member_of(std::string_view set,
                                                const QueryScope& scope) const {
  const Impl& d = *impl_;
  std::vector<MemberOfRef> out;
  std::uint32_t s = d.set_names.find(set);
  if (s == kNoId) {
    return out;
  }
  ScopeRank rank = d.rank(scope);
  auto lo =
      std::lower_bound(d.member_of.begin(), d.member_of.end(), s,
                       [](const MemberOfPending& m, std::uint32_t v) { return m.set_name < v; });
  std::vector<std::pair<int, MemberOfRef>> hits;
  for (auto it = lo; it != d.member_of.end() && it->set_name == s; ++it) {
    const ObjectRecord& r = d.records[it->ref.object];
    if (rank.rank[r.source] < 0) {
      continue;
    }
    if (scope.exclude_rpki_invalid && (r.flags & kFlagRpkiInvalid) != 0) {
      continue;
    }
    if (!hits.empty() && hits.back().second.object == it->ref.object) {
      continue;
    }
    hits.emplace_back(rank.rank[r.source], it->ref);
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  out.reserve(hits.size());
  for (auto& h : hits) {
    out.push_back(h.second);
  }
  return out;
}

std::vector<std::string_view> Database::mnt_by(ObjectId id) const {
  const Impl& d = *impl_;
  std::vector<std::string_view> out;
  auto lo = std::lower_bound(d.mnt_pairs.begin(), d.mnt_pairs.end(), id,
                             [](const MntPair& p, ObjectId v) { return p.object < v; });
  for (auto it = lo; it != d.mnt_pairs.end() && it->object == id; ++it) {
    std::string_view n = d.mntners.name(it->mntner);
    if (std::find(out.begin(), out.end(), n) == out.end()) {
      out.push_back(n);
    }
  }
  return out;
}

// ---- sets ------------------------------------------------------------------------------------

const SetDef* Database::find_set(std::string_view name, const QueryScope& scope) const {
  std::size_t sep = name.find("::");
  if (sep != std::string_view::npos) {
    return find_set(name.substr(sep + 2), name.substr(0, sep), scope);
  }
  return find_set(name, std::string_view{}, scope);
}

const SetDef* Database::find_set(std::string_view name, std::string_view pinned_source,
                                 const QueryScope& scope) const {
  const Impl& d = *impl_;
  if (!d.finalized) {
    return nullptr;
  }
  // Set members are upper-cased already; other names are normalized first.
  std::string norm;
  std::string_view key = name;
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return (c >= 'a' && c <= 'z') || is_space(c) || c == '#'; })) {
    normalize_key(name, norm);
    key = norm;
  }
  // The rank of a source in the scope (-1 = out of scope), without building a table: most
  // names have one candidate.
  auto rank_of = [&](SourceId s) -> int {
    const std::vector<SourceId>& ids = scope.sources.empty() ? d.order : scope.sources;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == s) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  std::optional<SourceId> pin;
  if (!pinned_source.empty()) {
    pin = d.source_id(pinned_source);
    if (!pin || rank_of(*pin) < 0) {
      return nullptr;
    }
  }
  const std::uint64_t h = hash_key(key);
  auto lo = std::lower_bound(d.set_slots.begin(), d.set_slots.end(), h,
                             [](const Impl::SetSlot& x, std::uint64_t v) { return x.hash < v; });
  const SetDef* best = nullptr;
  int best_rank = 1 << 20;
  for (auto it = lo; it != d.set_slots.end() && it->hash == h; ++it) {
    SourceId src = d.records[it->object].source;
    if (pin && src != *pin) {
      continue;
    }
    int r = rank_of(src);
    if (r < 0 || r >= best_rank) {
      continue;
    }
    const SetDef* def = d.set_def(static_cast<std::size_t>(it - d.set_slots.begin()));
    if (def->name != key) {
      continue;  // a hash collision
    }
    best_rank = r;
    best = def;
  }
  return best;
}

std::vector<std::string_view> Database::set_names(ObjectClass cls) const {
  const Impl& d = *impl_;
  std::vector<std::string_view> out;
  if (!d.finalized) {
    return out;
  }
  for (std::size_t i = 0; i < d.set_slots.size(); ++i) {
    if (d.records[d.set_slots[i].object].cls != cls) {
      continue;
    }
    out.emplace_back(d.set_def(i)->name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// ---- routes ----------------------------------------------------------------------------------

namespace {

// Emits `matches` (sorted by prefix, origin, source id) with runs of the same prefix and origin
// reordered by the scope's source preference.
void emit_in_scope_order(std::vector<const RouteEntry*>& matches, const ScopeRank& rank,
                         const std::function<void(const RouteEntry&)>& f) {
  for (std::size_t i = 0; i < matches.size();) {
    std::size_t j = i + 1;
    while (j < matches.size() && matches[j]->prefix == matches[i]->prefix &&
           matches[j]->origin == matches[i]->origin) {
      ++j;
    }
    if (j - i > 1) {
      std::sort(matches.begin() + static_cast<std::ptrdiff_t>(i),
                matches.begin() + static_cast<std::ptrdiff_t>(j),
                [&](const RouteEntry* a, const RouteEntry* b) {
                  return rank.rank[a->source] < rank.rank[b->source];
                });
    }
    for (std::size_t k = i; k < j; ++k) {
      f(*matches[k]);
    }
    i = j;
  }
}

}  // namespace

void Database::routes_by_origin(net::Asn origin, std::optional<net::Family> family,
                                const QueryScope& scope,
                                const std::function<void(const RouteEntry&)>& f) const {
  const Impl& d = *impl_;
  ScopeRank rank = d.rank(scope);
  auto lo = std::lower_bound(d.origin_keys.begin(), d.origin_keys.end(), origin);
  std::vector<const RouteEntry*> matches;
  for (auto it = lo; it != d.origin_keys.end() && *it == origin; ++it) {
    const RouteEntry& r =
        d.routes[d.origin_routes[static_cast<std::size_t>(it - d.origin_keys.begin())]];
    if (family && r.prefix.family() != *family) {
      continue;
    }
    if (!rank.visible(r)) {
      continue;
    }
    matches.push_back(&r);
  }
  emit_in_scope_order(matches, rank, f);
}

void Database::routes_by_prefix(const net::Prefix& prefix, PrefixMatch match,
                                const QueryScope& scope,
                                const std::function<void(const RouteEntry&)>& f) const {
  const Impl& d = *impl_;
  ScopeRank rank = d.rank(scope);
  const auto& rs = d.routes;
  std::vector<const RouteEntry*> matches;
  auto exact_range = [&](const net::Prefix& p) {
    auto lo = std::lower_bound(rs.begin(), rs.end(), p, prefix_less);
    auto hi = std::upper_bound(lo, rs.end(), p, prefix_greater);
    return std::make_pair(lo, hi);
  };
  auto add_range = [&](auto lo, auto hi) {
    bool any = false;
    for (auto it = lo; it != hi; ++it) {
      if (!rank.visible(*it)) {
        continue;
      }
      matches.push_back(&*it);
      any = true;
    }
    return any;
  };
  switch (match) {
    case PrefixMatch::kExact: {
      auto [lo, hi] = exact_range(prefix);
      add_range(lo, hi);
      break;
    }
    case PrefixMatch::kAllLess: {
      for (unsigned len = 0; len <= prefix.length(); ++len) {
        auto [lo, hi] = exact_range(net::Prefix::make(prefix.address(), len));
        add_range(lo, hi);
      }
      break;
    }
    case PrefixMatch::kOneLess: {
      for (unsigned len = prefix.length(); len-- > 0;) {
        auto [lo, hi] = exact_range(net::Prefix::make(prefix.address(), len));
        if (add_range(lo, hi)) {
          break;
        }
      }
      break;
    }
    case PrefixMatch::kAllMore:
    case PrefixMatch::kOneMore: {
      auto start = std::upper_bound(rs.begin(), rs.end(), prefix, prefix_greater);
      net::IpAddress last = last_address(prefix);
      std::optional<net::Prefix> top;
      for (auto it = start; it != rs.end() && it->prefix.address() <= last; ++it) {
        if (it->prefix.family() != prefix.family()) {
          break;
        }
        if (!rank.visible(*it)) {
          continue;
        }
        if (match == PrefixMatch::kOneMore) {
          if (top && *top != it->prefix && top->contains(it->prefix)) {
            continue;
          }
          if (!top || *top != it->prefix) {
            top = it->prefix;
          }
        }
        matches.push_back(&*it);
      }
      break;
    }
  }
  emit_in_scope_order(matches, rank, f);
}

std::size_t Database::route_count() const { return impl_->routes.size(); }
std::span<const RouteEntry> Database::routes() const { return impl_->routes; }
std::span<const net::Asn> Database::origin_keys() const { return impl_->origin_keys; }
std::span<const std::uint32_t> Database::origin_routes() const { return impl_->origin_routes; }

DatabaseStats Database::stats() const {
  const Impl& d = *impl_;
  DatabaseStats st;
  std::vector<std::array<std::uint64_t, kObjectClasses>> counts(d.source_names.size());
  for (auto& c : counts) {
    c.fill(0);
  }
  for (const ObjectRecord& r : d.records) {
    ++counts[r.source][static_cast<std::size_t>(r.cls)];
  }
  for (SourceId id : d.order) {
    for (std::size_t c = 0; c < kObjectClasses; ++c) {
      if (counts[id][c] == 0) {
        continue;
      }
      st.rows.push_back({d.source_names[id], static_cast<ObjectClass>(c), counts[id][c]});
    }
  }
  st.objects = d.records.size();
  st.text_bytes = d.text_bytes;
  std::uint64_t ib = 0;
  ib += d.records.capacity() * sizeof(ObjectRecord);
  ib += d.key_hash.capacity() * sizeof(std::uint64_t) + d.key_object.capacity() * sizeof(ObjectId);
  ib += d.routes.capacity() * sizeof(RouteEntry);
  ib += d.origin_keys.capacity() * sizeof(net::Asn) +
        d.origin_routes.capacity() * sizeof(std::uint32_t);
  ib += d.route_of_object.capacity() * sizeof(std::uint32_t);
  ib += d.mnt_pairs.capacity() * sizeof(MntPair) +
        d.mnt_offsets.capacity() * sizeof(std::uint32_t) +
        d.mnt_objects.capacity() * sizeof(ObjectId);
  ib += d.mntners.memory_bytes() + d.set_names.memory_bytes();
  ib += d.member_of.capacity() * sizeof(MemberOfPending);
  ib += d.set_slots.capacity() * (sizeof(Impl::SetSlot) + sizeof(std::atomic<const SetDef*>));
  for (std::size_t i = 0; i < d.set_slots.size(); ++i) {
    const SetDef* def = d.set_cache[i].load(std::memory_order_acquire);
    if (def == nullptr) {
      continue;  // not parsed yet
    }
    ib += sizeof(SetDef) + def->members.capacity() * sizeof(SetMember);
    for (const SetMember& m : def->members) {
      ib += (m.name.capacity() > 15 ? m.name.capacity() : 0) +
            (m.source.capacity() > 15 ? m.source.capacity() : 0);
    }
    ib += def->mbrs_by_ref.capacity() * sizeof(std::string);
  }
  st.index_bytes = ib;
  st.rpki_invalid = d.rpki_counts[static_cast<std::size_t>(RpkiStatus::kInvalid)];
  st.rpki_valid = d.rpki_counts[static_cast<std::size_t>(RpkiStatus::kValid)];
  st.rpki_not_found = d.rpki_counts[static_cast<std::size_t>(RpkiStatus::kNotFound)];
  return st;
}

}  // namespace manrs::irr
