// irr/whois.cpp — the Responder: one decoded query → the exact bytes IRRd 4 would send
// (irrd/server/whois/query_parser.py, query_response.py), from a Database.
//
// Empty results follow IRRd: a lookup that finds nothing is "D" (!g, !6, !a, !i, !m, !o, !r),
// a command without data is "C" (!n, !s, !t); errors are "F <message>". RIPE-style answers are
// the object texts separated by blank lines plus "\n\n\n" at the end (IRRd #335). Password
// hashes in object text are replaced like IRRd does ("MD5-PW DummyValue  # Filtered for
// security"). docs/whois.md describes every answer and the differences from IRRd.
#include "manrs/irr/whois.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "manrs/irr/internal/whois_lookup.h"
#include "manrs/irr/objects.h"

namespace manrs::irr {

namespace {

using detail::Body;

void irrd_data(std::string& out, const Body& body, std::size_t limit, AnswerInfo& info) {
  if (body.over) {
    out += fmt::format("F Response too large ({} bytes, limit {})\n", body.total, limit);
    info.status = 'F';
    return;
  }
  std::string_view data = detail::strip_newlines(body.text);
  if (data.empty()) {
    out += "C\n";
    info.status = 'C';
    return;
  }
  out += fmt::format("A{}\n", data.size() + 1);
  out += data;
  out += "\nC\n";
  info.status = 'A';
}

// A lookup answer: data, or "D" when nothing was found.
void irrd_found(std::string& out, const Body& body, std::size_t limit, AnswerInfo& info) {
  if (!body.over && detail::strip_newlines(body.text).empty()) {
    out += "D\n";
    info.status = 'D';
    return;
  }
  irrd_data(out, body, limit, info);
}

void irrd_error(std::string& out, std::string_view message, AnswerInfo& info) {
  out += "F ";
  out += message;
  out += "\n";
  info.status = 'F';
}

// Space-separated words, in order.
void add_words(Body& body, const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      body.add(" ");
    }
    body.add(words[i]);
  }
}

std::string asn_text(net::Asn a) { return fmt::format("AS{}", a); }

constexpr std::string_view kSourcesUnavailable = "One or more selected sources are unavailable.";

}  // namespace

Responder::Responder(const Database& db, ResponderOptions options)
    : db_(db), options_(std::move(options)) {
  auto scope = db_.scope(options_.default_sources);
  if (!scope) {
    // A configuration error of the caller (the command checks its --sources first).
    throw std::invalid_argument("ResponderOptions.default_sources: " + scope.error().message);
  }
  default_scope_ = *scope;
  default_scope_.exclude_rpki_invalid = options_.exclude_rpki_invalid;
  if (default_scope_.sources.empty()) {
    default_scope_.sources = db_.scope_sources(default_scope_);
  }
  for (ObjectId id = 0; id < db_.object_count(); ++id) {
    if (db_.object_class(id) != ObjectClass::kAsBlock) {
      continue;
    }
    auto obj = db_.object(id);
    if (!obj) {
      continue;
    }
    auto block = parse_as_block(*obj, db_.source_name(db_.object_source(id)));
    if (block) {
      as_blocks_.push_back({block->first, block->last, id});
    }
  }
}

Session Responder::new_session() const {
  Session s;
  s.scope = default_scope_;
  return s;
}

After Responder::answer(std::string_view line, Session& session, std::string& out,
                        AnswerInfo* info) const {
  AnswerInfo local;
  AnswerInfo& inf = info != nullptr ? *info : local;
  inf = AnswerInfo{};
  const std::size_t start = out.size();
  auto keep_or_close = [&] {
    inf.bytes = out.size() - start;
    return session.multiple || session.keepalive ? After::kContinue : After::kClose;
  };

  auto parsed = parse_query(line);
  if (!parsed) {
    ++session.queries;
    if (irrd_style(line)) {
      irrd_error(out, parsed.error().message, inf);
    } else {
      out += fmt::format("%% ERROR: {}\n\n\n", parsed.error().message);
      inf.status = 'F';
    }
    return keep_or_close();
  }
  const Query& q = *parsed;
  inf.kind = q.kind;
  switch (q.kind) {
    case Query::Kind::kEmpty:
      inf.status = '-';
      return After::kContinue;
    case Query::Kind::kMultiple:
      session.multiple = true;
      inf.status = '-';
      return After::kContinue;
    case Query::Kind::kQuit:
      inf.status = '-';
      return After::kClose;
    default:
      break;
  }
  ++session.queries;
  if (q.kind == Query::Kind::kRipe) {
    answer_ripe(q, session, out, inf);
  } else {
    answer_irrd(q, session, out, inf);
  }
  return keep_or_close();
}

void Responder::answer_irrd(const Query& q, Session& session, std::string& out,
                            AnswerInfo& info) const {
  const std::size_t limit = options_.max_response_bytes;
  Body body(limit);
  // !g, !6, !a and !i always hide RPKI-invalid routes in RPKI-aware mode (IRRd's preload store);
  // !r, !m and !o unless the session said !fno-rpki-filter.
  QueryScope sets_scope = session.scope;
  sets_scope.exclude_rpki_invalid = options_.exclude_rpki_invalid;
  QueryScope objects_scope = session.scope;
  objects_scope.exclude_rpki_invalid =
      options_.exclude_rpki_invalid && !session.rpki_filter_disabled;

  switch (q.kind) {
    case Query::Kind::kIdent:
      session.client = q.text;
      out += "C\n";
      info.status = 'C';
      return;
    case Query::Kind::kTimeout:
      session.timeout_seconds = q.timeout_seconds;
      out += "C\n";
      info.status = 'C';
      return;
    case Query::Kind::kVersion:
      body.add(options_.version);
      irrd_data(out, body, limit, info);
      return;
    case Query::Kind::kNoRpkiFilter:
      session.rpki_filter_disabled = true;
      body.add(
          "Filtering out RPKI invalids is disabled for !r and RIPE style queries for the rest "
          "of this connection.");
      irrd_data(out, body, limit, info);
      return;
    case Query::Kind::kSetSources: {
      if (!q.sources.empty()) {
        auto scope = db_.scope(q.sources);
        if (!scope) {
          irrd_error(out, kSourcesUnavailable, info);
          return;
        }
        session.scope.sources = scope->sources;
      }
      out += "C\n";
      info.status = 'C';
      return;
    }
    case Query::Kind::kListSources: {
      std::vector<std::string> names;
      for (SourceId id : db_.scope_sources(session.scope)) {
        names.emplace_back(db_.source_name(id));
      }
      for (std::size_t i = 0; i < names.size(); ++i) {
        body.add(i > 0 ? "," : "");
        body.add(names[i]);
      }
      irrd_data(out, body, limit, info);
      return;
    }
    case Query::Kind::kSerials: {
      detail::serials(db_, q, body);
      irrd_data(out, body, limit, info);
      return;
    }
    case Query::Kind::kRoutesByOrigin: {
      std::vector<std::string> words;
      const net::Prefix* last = nullptr;
      net::Prefix last_value;
      db_.routes_by_origin(q.asn, q.family, sets_scope, [&](const RouteEntry& r) {
        if (last != nullptr && last_value == r.prefix) {
          return;
        }
        last_value = r.prefix;
        last = &last_value;
        words.push_back(r.prefix.to_string());
      });
      add_words(body, words);
      irrd_found(out, body, limit, info);
      return;
    }
    case Query::Kind::kSetPrefixes: {
      std::string error;
      auto words = detail::set_prefixes(db_, options_.expand, sets_scope, q, error);
      if (!error.empty()) {
        irrd_error(out, error, info);
        return;
      }
      add_words(body, words);
      irrd_found(out, body, limit, info);
      return;
    }
    case Query::Kind::kSetMembers: {
      std::string error;
      auto words = detail::set_member_words(db_, options_.expand, sets_scope, q, error);
      if (!error.empty()) {
        irrd_error(out, error, info);
        return;
      }
      add_words(body, words);
      irrd_found(out, body, limit, info);
      return;
    }
    case Query::Kind::kObjectByKey: {
      auto ids = detail::objects_by_class_key(db_, q.class_name, q.key, objects_scope);
      if (!ids.empty()) {
        detail::add_objects(db_, {ids.front()}, false, body,
                            options_.exclude_rpki_invalid);  // IRRd: the first source's only
      }
      irrd_found(out, body, limit, info);
      return;
    }
    case Query::Kind::kByMaintainer: {
      detail::add_objects(db_, db_.by_mnt_by(q.name, objects_scope), false, body,
                          options_.exclude_rpki_invalid);
      irrd_found(out, body, limit, info);
      return;
    }
    case Query::Kind::kRouteSearch: {
      std::vector<ObjectId> ids;
      std::vector<std::string> origins;
      db_.routes_by_prefix(q.prefix, q.match, objects_scope, [&](const RouteEntry& r) {
        ids.push_back(r.object);
        std::string o = asn_text(r.origin);
        if (std::find(origins.begin(), origins.end(), o) == origins.end()) {
          origins.push_back(std::move(o));
        }
      });
      if (q.origins_only) {
        add_words(body, origins);
      } else {
        detail::add_objects(db_, ids, false, body, options_.exclude_rpki_invalid);
      }
      irrd_found(out, body, limit, info);
      return;
    }
    default:
      break;
  }
  irrd_error(out, "An internal error occurred while processing this query.", info);
}

void Responder::answer_ripe(const Query& q, Session& session, std::string& out,
                            AnswerInfo& info) const {
  const std::size_t limit = options_.max_response_bytes;
  if (q.ripe.keepalive_toggle) {
    session.keepalive = true;  // IRRd: -k turns multiple-command mode on (it never toggles off)
  }
  if (!q.sources.empty()) {
    auto scope = db_.scope(q.sources);
    if (!scope) {
      out += fmt::format("%% ERROR: {}\n\n\n", kSourcesUnavailable);
      info.status = 'F';
      return;
    }
    session.scope.sources = scope->sources;
  } else if (q.all_sources) {
    session.scope.sources = default_scope_.sources;
  }
  QueryScope scope = session.scope;
  scope.exclude_rpki_invalid = options_.exclude_rpki_invalid && !session.rpki_filter_disabled;

  std::vector<ObjectId> ids = ripe_search(q, scope);
  if (!q.ripe.types.empty()) {
    std::erase_if(ids, [&](ObjectId id) {
      return std::find(q.ripe.types.begin(), q.ripe.types.end(), db_.object_class(id)) ==
             q.ripe.types.end();
    });
  }
  Body body(limit);
  detail::add_objects(db_, ids, q.ripe.keys_only, body, options_.exclude_rpki_invalid);
  if (body.over) {
    out +=
        fmt::format("%% ERROR: Response too large ({} bytes, limit {})\n\n\n", body.total, limit);
    info.status = 'F';
    return;
  }
  std::string_view text = detail::strip_newlines(body.text);
  if (text.empty()) {
    out += "%  No entries found for the selected source(s).\n\n\n";
    info.status = 'D';
    return;
  }
  out += text;
  out += "\n\n\n";
  info.status = 'A';
}

}  // namespace manrs::irr
