// irr/objects_policy.cpp — the aut-num view: import/export/default policies and their mp-/via
// forms (RFC 2622 §6, RFC 4012 §2.5, draft-ietf-grow-rpsl-via), split into peerings, actions and
// the filter. Only the shape is parsed; peerings, actions and filters stay text.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "manrs/irr/internal/objects_common.h"
#include "manrs/irr/objects.h"

namespace manrs::irr {
namespace {

struct Token {
  std::string_view text;
  std::size_t offset = 0;
};

// Splits a cleaned value on spaces and tabs, and after each ';' ("pref=100;accept ANY").
void tokenize(std::string_view v, std::vector<Token>& out) {
  out.clear();
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    const std::size_t b = i;
    while (i < v.size() && v[i] != ' ' && v[i] != '\t') {
      if (v[i++] == ';') break;
    }
    if (i > b) out.push_back(Token{v.substr(b, i - b), b});
  }
}

std::string join(const std::vector<Token>& t, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    if (!out.empty()) out += ' ';
    out.append(t[i].text);
  }
  return out;
}

// RFC 4012 §2.1: <afi> is ipv4, ipv6 or any, optionally .unicast or .multicast.
bool is_afi(std::string_view s) {
  for (const std::string_view family : {"ipv4", "ipv6", "any"}) {
    if (!detail::starts_with_ci(s, family)) continue;
    const std::string_view rest = s.substr(family.size());
    if (rest.empty() || iequals(rest, ".unicast") || iequals(rest, ".multicast")) return true;
  }
  return false;
}

// Every comma-separated piece of `t` is an afi (or empty); appends them lower-cased.
bool take_afis(std::string_view t, std::vector<std::string>& out) {
  std::vector<std::string> pieces;
  bool ok = true;
  for (std::size_t pos = 0; pos <= t.size();) {
    std::size_t comma = t.find(',', pos);
    if (comma == std::string_view::npos) comma = t.size();
    const std::string_view p = t.substr(pos, comma - pos);
    if (!p.empty()) {
      if (!is_afi(p)) {
        ok = false;
        break;
      }
      std::string lower(p);
      for (auto& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      pieces.push_back(std::move(lower));
    }
    pos = comma + 1;
  }
  if (!ok) return false;
  for (auto& p : pieces) out.push_back(std::move(p));
  return true;
}

struct KindInfo {
  std::string_view name;
  Policy::Kind kind;
  std::string_view term_kw;    // "from" or "to"
  std::string_view filter_kw;  // "accept", "announce" or "networks"
  bool mp;
  bool via;
};

constexpr KindInfo kKinds[] = {
    {"import", Policy::Kind::kImport, "from", "accept", false, false},
    {"export", Policy::Kind::kExport, "to", "announce", false, false},
    {"default", Policy::Kind::kDefault, "to", "networks", false, false},
    {"mp-import", Policy::Kind::kMpImport, "from", "accept", true, false},
    {"mp-export", Policy::Kind::kMpExport, "to", "announce", true, false},
    {"mp-default", Policy::Kind::kMpDefault, "to", "networks", true, false},
    {"import-via", Policy::Kind::kImportVia, "from", "accept", true, true},
    {"export-via", Policy::Kind::kExportVia, "to", "announce", true, true},
};

const KindInfo* policy_kind(std::string_view lname) {
  for (const auto& k : kKinds) {
    if (k.name == lname) return &k;
  }
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == ';')) s.remove_suffix(1);
  return s;
}

// Parses one policy value; the error message is "want ..., have ..." (the caller adds the
// attribute name and the line).
Result<Policy> parse_policy(const KindInfo& k, std::string_view v, std::vector<Token>& t) {
  Policy p;
  p.kind = k.kind;
  p.text = v;
  tokenize(v, t);
  const auto fail = [&](std::string_view want) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("want {}, have '{}'", want, rpsl_excerpt(v, 60)));
  };
  std::size_t i = 0;
  const std::size_t n = t.size();
  if (i < n && iequals(t[i].text, "protocol")) {
    if (i + 1 >= n) return fail("a protocol name after 'protocol'");
    p.protocol = t[i + 1].text;
    i += 2;
  }
  if (i < n && iequals(t[i].text, "into")) {
    if (i + 1 >= n) return fail("a protocol name after 'into'");
    p.into = t[i + 1].text;
    i += 2;
  }
  if (k.mp && i < n && iequals(t[i].text, "afi")) {
    ++i;
    const std::size_t before = p.afi.size();
    while (i < n && take_afis(t[i].text, p.afi)) ++i;
    if (p.afi.size() == before) return fail("an afi list (ipv4, ipv6, any[.unicast|.multicast])");
  }
  if (i >= n) return fail(fmt::format("'{} <peering> ...'", k.term_kw));
  const std::size_t expr = i;
  // RFC 2622 §6.6: structured policies ({ ... } lists, EXCEPT and REFINE after a filter) are kept
  // whole. EXCEPT inside a peering is an AS expression ("from AS-ANY EXCEPT AS1").
  bool structured = t[i].text.front() == '{';
  std::size_t filter_at = n;
  for (std::size_t j = i; j < n; ++j) {
    if (filter_at == n && iequals(t[j].text, k.filter_kw)) {
      filter_at = j;
    } else if (filter_at < j && (iequals(t[j].text, "except") || iequals(t[j].text, "refine"))) {
      structured = true;
    }
  }
  if (structured) {
    p.structured = true;
    p.filter = trim(v.substr(t[expr].offset));
    return p;
  }
  // Terms: [via] from|to <peering> [action <action>] ..., up to the filter keyword.
  std::size_t pre_end = expr;  // tokens before the first term keyword: the first via
  std::size_t term_b = n;      // first peering token of the current term
  std::size_t action_b = n;    // first action token of the current term
  bool has_action = false;
  PolicyTerm cur;
  bool have = false;
  const auto finish_term = [&](std::size_t end) -> Status {
    const std::size_t peer_e = has_action ? action_b - 1 : end;
    if (peer_e <= term_b) return fail(fmt::format("a peering after '{}'", k.term_kw));
    cur.peering = join(t, term_b, peer_e);
    if (has_action) {
      if (action_b >= end) return fail("an action after 'action'");
      cur.action = join(t, action_b, end);
    }
    p.terms.push_back(std::move(cur));
    cur = PolicyTerm{};
    return {};
  };
  for (std::size_t j = expr; j < filter_at; ++j) {
    if (iequals(t[j].text, k.term_kw)) {
      std::size_t via_b = j;  // the via of the new term starts here
      if (!have) {
        pre_end = j;
        via_b = expr;
      } else if (k.via) {
        // The next via sits at the end of the previous term: after its last action statement
        // (a token ending with ';'), or its last peering token.
        via_b = j - 1;
        if (has_action && action_b < j) {
          for (std::size_t q = j; q > action_b; --q) {
            if (t[q - 1].text.back() == ';') {
              via_b = q;
              break;
            }
          }
        }
        if (via_b == j || via_b <= term_b) return fail("'<via> from|to <peering>' in each term");
      }
      if (have) MANRS_TRY_VOID(finish_term(via_b));
      if (k.via) {
        if (via_b == j) return fail(fmt::format("an intermediate AS before '{}'", k.term_kw));
        cur.via = join(t, via_b, j);
      }
      have = true;
      term_b = j + 1;
      action_b = n;
      has_action = false;
    } else if (have && !has_action && iequals(t[j].text, "action")) {
      action_b = j + 1;
      has_action = true;
    }
  }
  if (!have) return fail(fmt::format("'{} <peering> ...'", k.term_kw));
  if (!k.via && pre_end != expr) {
    return fail(fmt::format("'{} <peering>' first", k.term_kw));
  }
  MANRS_TRY_VOID(finish_term(filter_at));
  if (filter_at < n) {
    p.filter = filter_at + 1 < n ? trim(v.substr(t[filter_at + 1].offset)) : std::string_view{};
    if (p.filter.empty()) return fail(fmt::format("a filter after '{}'", k.filter_kw));
  } else if (k.filter_kw != "networks") {
    return fail(fmt::format("'{} <filter>' at the end", k.filter_kw));
  }
  return p;
}

}  // namespace

std::string_view to_string(Policy::Kind k) {
  for (const auto& i : kKinds) {
    if (i.kind == k) return i.name;
  }
  return "import";
}

Result<AutNumObject> parse_aut_num(const RpslObject& obj, std::string_view source_name) {
  MANRS_TRY_VOID(detail::check_class(obj, source_name, {ObjectClass::kAutNum}, "aut-num"));
  std::string scratch;
  AutNumObject a;
  const RawAttribute& key = obj.attributes[0];
  const std::string_view asn_text = attribute_value(key.raw, scratch);
  // "AS64500"; a bare number (LACNIC's "aut-num: 278") is accepted too.
  auto asn = detail::parse_rpsl_asn(asn_text);
  if (!asn) asn = detail::parse_small_uint(asn_text, 0xFFFFFFFFU);
  if (!asn) {
    return detail::bad(
        source_name, key.line,
        fmt::format("aut-num: want an AS number (AS + digits), have '{}'", rpsl_excerpt(asn_text)));
  }
  a.asn = *asn;
  detail::AttrName lname;
  detail::ProblemList problems(a.problems);
  std::vector<Token> tokens;
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& attr = obj.attributes[i];
    const std::string_view n = lname.set(attr.name);
    if (const KindInfo* k = policy_kind(n)) {
      auto p = parse_policy(*k, attribute_value(attr.raw, scratch), tokens);
      if (!p) {
        problems.add(source_name, attr.line, fmt::format("{}: {}", k->name, p.error().message));
        continue;
      }
      p->line = attr.line;
      a.policies.push_back(std::move(*p));
    } else if (n == "as-name") {
      a.as_name = attribute_value(attr.raw, scratch);
    } else if (n == "descr") {
      a.descr.emplace_back(attribute_value(attr.raw, scratch));
    } else {
      detail::fill_common(attr, n, scratch, a.common);
    }
  }
  problems.finish();
  return a;
}

}  // namespace manrs::irr
