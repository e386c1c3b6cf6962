// irr/internal/whois_lookup.cpp — lookups and text builders for the whois Responder, plus
// Responder::ripe_search (the object selection of a RIPE-style query).
#include "manrs/irr/internal/whois_lookup.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include <fmt/format.h>

#include "manrs/irr/objects.h"
#include "manrs/irr/whois.h"

namespace manrs::irr {

namespace detail {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// A prefix range as IRRd answers carry it to clients: exact, "^-", "^+", else always the
// two-number form "^n-m". bgpq4 1.9 turns the one-number form of a range below a shorter prefix
// ("198.18.0.0/15^24") into an empty list, while it expands "198.18.0.0/15^24-24" into the 512
// /24s (checked against fake_irrd.py); IRRd passes the object's own text, which is usually the
// two-number form.
std::string client_range(const PrefixRange& r) {
  const unsigned len = r.prefix.length();
  if (r.exact() || (r.min_len == len + 1 && r.max_len == r.prefix.address().max_len()) ||
      (r.min_len == len && r.max_len == r.prefix.address().max_len())) {
    return r.to_rpsl();
  }
  return fmt::format("{}^{}-{}", r.prefix.to_string(), r.min_len, r.max_len);
}

// "members: AS1, AS-FOO" items in IRRd's normal form: prefixes (with operators) canonical,
// everything else upper-cased.
std::string list_item(std::string_view item) {
  if (item.find('/') != std::string_view::npos) {
    if (auto r = parse_prefix_range(item)) {
      return r->to_rpsl();
    }
  }
  return upper(item);
}

void key_lines(const Database& db, ObjectId id, std::string& out) {
  auto obj = db.object(id);
  if (!obj || obj->attributes.empty()) {
    return;
  }
  std::string scratch;
  const RpslObject& o = *obj;
  std::string cls(o.attributes[0].name);
  for (char& c : cls) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::vector<std::string> pk;
  if (o.cls == ObjectClass::kPerson || o.cls == ObjectClass::kRole) {
    pk = {"nic-hdl"};
  } else if (o.cls == ObjectClass::kRoute || o.cls == ObjectClass::kRoute6) {
    pk = {cls, "origin"};
  } else {
    pk = {cls};
  }
  for (const std::string& name : pk) {
    for (const RawAttribute& a : o.attributes) {
      if (a.is(name)) {
        std::string_view v = attribute_value(a.raw, scratch);
        out += fmt::format("{}: {}\n", name, name == "origin" ? upper(v) : std::string(v));
        break;
      }
    }
  }
  for (std::string_view name : {"members", "mp-members"}) {
    for (const RawAttribute& a : o.attributes) {
      if (a.is(name)) {
        for_each_list_item(attribute_value(a.raw, scratch), [&](std::string_view item) {
          out += fmt::format("{}: {}\n", name, list_item(item));
        });
      }
    }
  }
}

}  // namespace

void Body::add(std::string_view s) {
  total += s.size();
  if (over) {
    return;
  }
  if (total > limit) {
    over = true;
    std::string().swap(text);
    return;
  }
  text.append(s);
}

std::string_view strip_newlines(std::string_view s) {
  while (!s.empty() && (s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

void add_masked(std::string_view text, Body& body) {
  // IRRd's regex (CRYPT-PW|MD5-PW|BCRYPT-PW)[^\n]+: find "-PW" in any case, look back for the
  // hasher name (BCRYPT-PW ends in CRYPT-PW; text before the name is copied either way).
  std::size_t done = 0;  // text[0, done) has been added
  std::size_t i = 0;
  while ((i = text.find('-', i)) != std::string_view::npos) {
    const std::size_t pw_end = i + 3;
    if (pw_end > text.size() || !iequals(text.substr(i, 3), "-PW")) {
      ++i;
      continue;
    }
    const bool named = (i >= 5 && iequals(text.substr(i - 5, 5), "CRYPT")) ||
                       (i >= 3 && iequals(text.substr(i - 3, 3), "MD5"));
    if (!named || pw_end >= text.size() || text[pw_end] == '\n') {
      i = pw_end;
      continue;
    }
    body.add(text.substr(done, pw_end - done));
    body.add(" DummyValue  # Filtered for security");
    std::size_t eol = text.find('\n', pw_end);
    done = eol == std::string_view::npos ? text.size() : eol;
    i = done;
  }
  body.add(text.substr(done));
}

RpkiStatus route_rpki_status(const Database& db, ObjectId id) {
  std::string_view text = db.object_text(id);
  auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return RpkiStatus::kNotChecked;
  }
  std::string_view value = text.substr(colon + 1, text.find('\n') - colon - 1);
  std::string scratch;
  value = attribute_value(value, scratch);
  auto prefix = net::Prefix::parse(value);
  if (!prefix) {
    return RpkiStatus::kNotChecked;
  }
  RpkiStatus status = RpkiStatus::kNotChecked;
  db.routes_by_prefix(*prefix, PrefixMatch::kExact, QueryScope{}, [&](const RouteEntry& r) {
    if (r.object == id) {
      status = r.rpki;
    }
  });
  return status;
}

void add_objects(const Database& db, const std::vector<ObjectId>& ids, bool keys_only, Body& body,
                 bool rpki_states) {
  if (!keys_only) {
    for (ObjectId id : ids) {
      add_masked(db.object_text(id), body);  // over the limit: still counted for the message
      ObjectClass cls = db.object_class(id);
      if (rpki_states && (cls == ObjectClass::kRoute || cls == ObjectClass::kRoute6)) {
        // IRRd in RPKI-aware mode (query_parser.py _flatten_query_output).
        switch (route_rpki_status(db, id)) {
          case RpkiStatus::kValid:
            body.add("rpki-ov-state:  valid\n");
            break;
          case RpkiStatus::kInvalid:
            body.add("rpki-ov-state:  invalid\n");
            break;
          default:
            body.add(
                "rpki-ov-state:  not_found # No ROAs found, or RPKI validation not enabled for "
                "source\n");
            break;
        }
      }
      body.add("\n");
    }
    return;
  }
  std::unordered_set<std::string> seen;
  std::string lines;
  for (ObjectId id : ids) {
    lines.clear();
    key_lines(db, id, lines);
    if (lines.empty() || !seen.insert(lines).second) {
      continue;
    }
    body.add(lines);
    body.add("\n");
  }
}

void serials(const Database& db, const Query& q, Body& body) {
  std::vector<std::string> known, unknown;
  const std::vector<std::string> names = q.all_sources ? db.sources() : q.sources;
  for (const std::string& n : names) {
    if (db.find_source(n)) {
      known.push_back(fmt::format("{}:N:-", upper(n)));
    } else {
      unknown.push_back(fmt::format("{}:X:Database unknown", upper(n)));
    }
  }
  bool first = true;
  for (const auto* list : {&known, &unknown}) {
    for (const std::string& line : *list) {
      body.add(first ? "" : "\n");
      body.add(line);
      first = false;
    }
  }
}

namespace {

ExpandOptions expand_options(const ExpandOptions& base, const QueryScope& scope) {
  ExpandOptions o = base;
  o.scope = scope;
  o.allow_empty = true;  // an empty set is "D", not an error
  o.contributions = false;
  return o;
}

std::string limit_error(const Expansion& ex, const ExpandOptions& o) {
  if (ex.depth_limited) {
    return fmt::format("Expansion of {} stopped: set nesting deeper than {} levels", ex.root,
                       o.max_depth);
  }
  return fmt::format(
      "Expansion of {} stopped: more than {} sets, {} ASNs or {} prefixes (server limits)", ex.root,
      o.max_sets, o.max_asns, o.max_prefixes);
}

void sort_unique(std::vector<std::string>& words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
}

}  // namespace

std::vector<std::string> set_prefixes(const Database& db, const ExpandOptions& base,
                                      const QueryScope& scope, const Query& q, std::string& error) {
  std::vector<std::string> words;
  const ExpandOptions o = expand_options(base, scope);
  auto ex = expand_as_set(db, q.name, o);
  if (!ex) {
    return words;  // not an as-set in scope: IRRd answers "D"
  }
  if (ex->depth_limited || ex->size_limited) {
    error = limit_error(*ex, o);
    return words;
  }
  for (net::Family f : {net::Family::kV4, net::Family::kV6}) {
    if (q.family && *q.family != f) {
      continue;
    }
    for (const net::Prefix& p : route_prefixes(db, ex->asns, f, scope)) {
      words.push_back(p.to_string());
    }
  }
  return words;
}

std::string member_word(const SetMember& m) {
  switch (m.kind) {
    case SetMember::Kind::kAsn:
      return fmt::format("AS{}{}", m.asn, m.range_op);
    case SetMember::Kind::kAsSet:
    case SetMember::Kind::kRouteSet:
      return fmt::format("{}{}{}{}", m.source, m.source.empty() ? "" : "::", m.name, m.range_op);
    case SetMember::Kind::kPrefix:
      return client_range(m.range);
    case SetMember::Kind::kAsAny:
      return "AS-ANY" + m.range_op;
    case SetMember::Kind::kRsAny:
      return "RS-ANY" + m.range_op;
  }
  return {};
}

std::vector<std::string> set_member_words(const Database& db, const ExpandOptions& base,
                                          const QueryScope& scope, const Query& q,
                                          std::string& error) {
  std::vector<std::string> words;
  const SetDef* def = q.name.empty() ? nullptr : db.find_set(q.name, scope);
  if (def == nullptr) {
    return words;
  }
  if (q.recursive) {
    const ExpandOptions o = expand_options(base, scope);
    auto ex = def->cls == ObjectClass::kRouteSet ? expand_route_set(db, q.name, o)
                                                 : expand_as_set(db, q.name, o);
    if (!ex) {
      return words;
    }
    if (ex->depth_limited || ex->size_limited) {
      error = limit_error(*ex, o);
      return words;
    }
    if (def->cls == ObjectClass::kRouteSet) {
      for (const PrefixRange& r : ex->prefixes) {
        words.push_back(client_range(r));
      }
    } else {
      for (net::Asn a : ex->asns) {
        words.push_back(fmt::format("AS{}", a));
      }
    }
    sort_unique(words);
    return words;
  }
  for (const SetMember& m : def->members) {
    words.push_back(member_word(m));
  }
  // IRRd's set store adds mbrs-by-ref members of the set's own source: aut-nums (as-sets) and
  // route objects (route-sets) whose member-of names the set and whose mnt-by is accepted.
  if (!def->mbrs_by_ref.empty()) {
    QueryScope own = scope;
    own.sources = {def->source};
    const bool any = std::find(def->mbrs_by_ref.begin(), def->mbrs_by_ref.end(), "ANY") !=
                     def->mbrs_by_ref.end();
    for (const MemberOfRef& ref : db.by_member_of(def->name, own)) {
      const bool class_ok = def->cls == ObjectClass::kAsSet
                                ? ref.cls == ObjectClass::kAutNum
                                : ref.cls == ObjectClass::kRoute || ref.cls == ObjectClass::kRoute6;
      if (!class_ok) {
        continue;
      }
      bool mnt_ok = any;
      for (std::string_view mnt : db.mnt_by(ref.object)) {
        mnt_ok = mnt_ok || std::find(def->mbrs_by_ref.begin(), def->mbrs_by_ref.end(), mnt) !=
                               def->mbrs_by_ref.end();
      }
      if (mnt_ok) {
        words.push_back(ref.cls == ObjectClass::kAutNum ? fmt::format("AS{}", ref.asn)
                                                        : ref.prefix.to_string());
      }
    }
  }
  sort_unique(words);
  std::erase(words, q.name);
  return words;
}

std::vector<ObjectId> objects_by_class_key(const Database& db, std::string_view class_name,
                                           std::string_view key, const QueryScope& scope) {
  const ObjectClass cls = parse_object_class(class_name);
  if (cls != ObjectClass::kOther) {
    return db.find(cls, key, scope);
  }
  // A class manrs does not model: match the class attribute's name in the stored text.
  std::vector<ObjectId> ids = db.find(ObjectClass::kOther, key, scope);
  std::erase_if(ids, [&](ObjectId id) {
    if (db.object_class(id) != ObjectClass::kOther) {
      return true;
    }
    std::string_view text = db.object_text(id);
    return !iequals(text.substr(0, text.find(':')), class_name);
  });
  return ids;
}

}  // namespace detail

std::vector<ObjectId> Responder::ripe_search(const Query& q, const QueryScope& scope) const {
  std::vector<ObjectId> ids;
  std::unordered_set<ObjectId> seen;
  auto add = [&](ObjectId id) {
    if (seen.insert(id).second) {
      ids.push_back(id);
    }
  };
  auto add_routes = [&](const RouteEntry& r) { add(r.object); };
  if (q.ripe.match_given) {
    db_.routes_by_prefix(q.prefix, q.match, scope, add_routes);
    return ids;
  }
  std::string key = q.key;
  for (char& c : key) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!q.ripe.inverse.empty()) {
    for (const std::string& attr : q.ripe.inverse) {
      if (attr == "origin") {
        if (key.rfind("AS", 0) == 0) {
          if (auto asn = net::parse_asn(key)) {
            db_.routes_by_origin(*asn, std::nullopt, scope, add_routes);
          }
        }
      } else if (attr == "mnt-by") {
        for (ObjectId id : db_.by_mnt_by(key, scope)) {
          add(id);
        }
      } else if (attr == "member-of") {
        for (const MemberOfRef& ref : db_.by_member_of(key, scope)) {
          add(ref.object);
        }
      } else if (attr == "mbrs-by-ref") {
        for (ObjectClass cls : {ObjectClass::kAsSet, ObjectClass::kRouteSet}) {
          for (std::string_view name : db_.set_names(cls)) {
            const SetDef* def = db_.find_set(name, scope);
            if (def != nullptr && std::find(def->mbrs_by_ref.begin(), def->mbrs_by_ref.end(),
                                            key) != def->mbrs_by_ref.end()) {
              add(def->object);
            }
          }
        }
      }
    }
    return ids;
  }
  if (key.empty()) {
    return ids;
  }
  // IRRd's free-text search: an AS number finds its aut-num and the as-blocks that hold it; a
  // prefix or address finds the route objects that cover it (exact included); anything else
  // finds objects by primary key.
  if (key.size() > 2 && key.rfind("AS", 0) == 0 &&
      std::all_of(key.begin() + 2, key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (auto asn = net::parse_asn(key)) {
      for (const AsBlockRange& b : as_blocks_) {
        if (b.first <= *asn && *asn <= b.last) {
          add(b.object);
        }
      }
      for (ObjectId id : db_.find(ObjectClass::kAsSet, key, scope)) {
        add(id);
      }
      for (ObjectId id : db_.find(ObjectClass::kAutNum, key, scope)) {
        add(id);
      }
      std::erase_if(ids, [&](ObjectId id) {
        auto src = db_.object_source(id);
        return std::find(scope.sources.begin(), scope.sources.end(), src) == scope.sources.end() &&
               !scope.sources.empty();
      });
      return ids;
    }
  }
  if (auto p = net::Prefix::parse(q.key)) {
    db_.routes_by_prefix(*p, PrefixMatch::kAllLess, scope, add_routes);
    return ids;
  }
  for (ObjectId id : db_.find(ObjectClass::kOther, q.key, scope)) {
    add(id);
  }
  return ids;
}

}  // namespace manrs::irr
