// JSON: the Filter (or the SavPlan) as data, keys always in the order below, one list element
// per line (diff-friendly), no clock. Strings are escaped per RFC 8259 §7.
//
// render_filter:
// {
//   "target": "AS64500:AS-CUSTOMERS", "mode": "irr-rpki",
//   "sources": ["RIPE"], "rpki": "40663 VRPs from vrps.csv",     ("" without RPKI)
//   "asns": [64501, 64502], "bogon_asns": [64512],
//   "as_path": {"name": "AS64500-AS-CUSTOMERS-ASPATH", "peer_as": 64500 | null,
//               "origins": [64501, 64502]},                      (only with options.as_path)
//   "ipv4": {"name": "AS64500-AS-CUSTOMERS-V4",                  (only for families asked for
//            "entries": [ENTRY, ...], "excluded": [EXCLUDED, ...]},  and options.prefix_lists)
//   "ipv6": {...},
//   "findings": {"found": true, "partial": false, "missing": [...], "cycles": [...],
//                "any_members": [...], "problems": [...], "depth_limited": false,
//                "size_limited": false, "sets_visited": 3}
// }
// ENTRY    = {"prefix": "192.0.2.0/24", "min": 24, "max": 26, "exact": false,
//             "evidence": [EVIDENCE, ...]}
// EXCLUDED = ENTRY's keys + "reason" (bogon, default-route, too-specific, too-short,
//             unallocated, rpki-invalid) and "detail", before "evidence"
// EVIDENCE = {"kind": "route"|"roa"|"route-set"|"input", "prefix": ..., "asn": 64501,
//             "max_length": 24 (roa, route-set), "source": "RIPE", "detail": "valid",
//             "text": "route 192.0.2.0/24 AS64501 (RIPE, rpki valid)"}
// A list is never split (no per-list limit in JSON: max_entries and over_limit are ignored),
// and `header` is ignored: the data carries what the comment header says elsewhere.
//
// render_antispoof: {"interfaces": [{"customer": ..., "interface": ... ("" = not given),
//   "urpf": "strict"|"feasible"|"loose"|"none", "acl": true, "algorithm": ...,
//   "ipv4": [ENTRY, ...], "ipv6": [ENTRY, ...], "notes": [...]}, ...]}
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "manrs/filter/render.h"

namespace manrs::filter {

namespace {

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string quoted(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

std::string string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "" : ", ";
    append_string(out, items[i]);
  }
  return out + "]";
}

std::string asn_array(const std::vector<net::Asn>& asns) {
  return fmt::format("[{}]", fmt::join(asns, ", "));
}

std::string_view kind_name(Evidence::Kind k) {
  switch (k) {
    case Evidence::Kind::kRouteObject:
      return "route";
    case Evidence::Kind::kRoa:
      return "roa";
    case Evidence::Kind::kRouteSet:
      return "route-set";
    case Evidence::Kind::kInput:
      return "input";
  }
  return "?";
}

std::string evidence_json(const Evidence& ev) {
  std::string out = fmt::format(R"({{"kind": "{}", "prefix": "{}", "asn": {})", kind_name(ev.kind),
                                ev.prefix.to_string(), ev.asn);
  if (ev.kind == Evidence::Kind::kRoa || ev.kind == Evidence::Kind::kRouteSet) {
    out += fmt::format(R"(, "max_length": {})", ev.max_length);
  }
  out += fmt::format(R"(, "source": {}, "detail": {}, "text": {}}})", quoted(ev.source),
                     quoted(ev.detail), quoted(ev.describe()));
  return out;
}

// The entry's keys without the closing brace (EXCLUDED appends its own).
std::string entry_keys(const Entry& e) {
  return fmt::format(R"({{"prefix": "{}", "min": {}, "max": {}, "exact": {})", e.prefix.to_string(),
                     e.min_len, e.max_len, e.exact());
}

std::string evidence_array(const std::vector<Evidence>& evidence) {
  std::string out = "[";
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    out += i == 0 ? "" : ", ";
    out += evidence_json(evidence[i]);
  }
  return out + "]";
}

std::string entry_json(const Entry& e) {
  return fmt::format(R"({}, "evidence": {}}})", entry_keys(e), evidence_array(e.evidence));
}

// `items` one per line at `indent`, as a JSON array value.
std::string lines_array(const std::vector<std::string>& items, std::string_view indent) {
  if (items.empty()) {
    return "[]";
  }
  std::string out = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += fmt::format("{}  {}{}\n", indent, items[i], i + 1 < items.size() ? "," : "");
  }
  return out + std::string(indent) + "]";
}

std::string family_json(const PrefixList& list, const std::string& name) {
  std::vector<std::string> entries;
  entries.reserve(list.entries.size());
  for (const Entry& e : list.entries) {
    entries.push_back(entry_json(e));
  }
  std::vector<std::string> excluded;
  excluded.reserve(list.excluded.size());
  for (const Excluded& x : list.excluded) {
    excluded.push_back(fmt::format(R"({}, "reason": "{}", "detail": {}, "evidence": {}}})",
                                   entry_keys(x.entry), to_string(x.reason), quoted(x.detail),
                                   evidence_array(x.entry.evidence)));
  }
  return fmt::format("{{\n    \"name\": {},\n    \"entries\": {},\n    \"excluded\": {}\n  }}",
                     quoted(name), lines_array(entries, "    "), lines_array(excluded, "    "));
}

class JsonDialect final : public Dialect {
 public:
  [[nodiscard]] std::string_view id() const override { return "json"; }
  [[nodiscard]] std::string_view title() const override { return "JSON"; }

  [[nodiscard]] Result<std::string> render_filter(const Filter& filter,
                                                  const RenderOptions& options) const override {
    const std::string base = options.name.empty() ? filter.target : options.name;
    std::vector<std::string> keys;
    keys.push_back(fmt::format(R"("target": {})", quoted(filter.target)));
    keys.push_back(fmt::format(R"("mode": "{}")", to_string(filter.mode)));
    keys.push_back(fmt::format(R"("sources": {})", string_array(filter.sources)));
    keys.push_back(fmt::format(R"("rpki": {})", quoted(filter.rpki_description)));
    keys.push_back(fmt::format(R"("asns": {})", asn_array(filter.asns)));
    keys.push_back(fmt::format(R"("bogon_asns": {})", asn_array(filter.bogon_asns)));
    if (options.as_path) {
      keys.push_back(
          fmt::format(R"("as_path": {{"name": {}, "peer_as": {}, "origins": {}}})",
                      quoted(list_name(base, ListKind::kAsPath)),
                      options.peer_as ? fmt::format("{}", *options.peer_as) : std::string("null"),
                      asn_array(filter.asns)));
    }
    if (options.prefix_lists && filter.has_v4) {
      keys.push_back(
          fmt::format(R"("ipv4": {})", family_json(filter.v4, list_name(base, ListKind::kV4))));
    }
    if (options.prefix_lists && filter.has_v6) {
      keys.push_back(
          fmt::format(R"("ipv6": {})", family_json(filter.v6, list_name(base, ListKind::kV6))));
    }
    const Findings& f = filter.findings;
    keys.push_back(fmt::format(
        "\"findings\": {{\n    \"found\": {},\n    \"partial\": {},\n    \"missing\": {},\n"
        "    \"cycles\": {},\n    \"any_members\": {},\n    \"problems\": {},\n"
        "    \"depth_limited\": {},\n    \"size_limited\": {},\n    \"sets_visited\": {}\n  }}",
        f.found, f.partial(), string_array(f.missing), string_array(f.cycles),
        string_array(f.any_members), string_array(f.problems), f.depth_limited, f.size_limited,
        f.sets_visited));
    return fmt::format("{{\n  {}\n}}\n", fmt::join(keys, ",\n  "));
  }

  [[nodiscard]] Result<std::string> render_antispoof(
      const SavPlan& plan, const RenderOptions& /*options*/) const override {
    std::vector<std::string> interfaces;
    for (const SavInterface& i : plan.interfaces) {
      std::vector<std::string> v4;
      std::vector<std::string> v6;
      for (const Entry& e : i.v4) {
        v4.push_back(entry_json(e));
      }
      for (const Entry& e : i.v6) {
        v6.push_back(entry_json(e));
      }
      interfaces.push_back(fmt::format(
          "{{\n      \"customer\": {},\n      \"interface\": {},\n      \"urpf\": \"{}\",\n"
          "      \"acl\": {},\n      \"algorithm\": {},\n      \"ipv4\": {},\n"
          "      \"ipv6\": {},\n      \"notes\": {}\n    }}",
          quoted(i.customer), quoted(i.interface), to_string(i.urpf), i.acl, quoted(i.algorithm),
          lines_array(v4, "      "), lines_array(v6, "      "), string_array(i.notes)));
    }
    return fmt::format("{{\n  \"interfaces\": {}\n}}\n", lines_array(interfaces, "  "));
  }
};

}  // namespace

const Dialect& json_dialect() {
  static const JsonDialect dialect;
  return dialect;
}

}  // namespace manrs::filter
