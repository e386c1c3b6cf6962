// rpki/writer.cpp — prints a VrpSet as rpki-client prints its outputs (output-json.c with its
// json.c layout, output-csv.c, output-bird.c, output-bgpd.c), plus the StayRTR JSON variant and
// plain lines. Pure: the set in, text appended; the only "time" is Metadata::build_time.
#include "manrs/rpki/writer.h"

#include <array>
#include <iterator>

#include <fmt/format.h>

#include "manrs/rpki/io_common.h"

namespace manrs::rpki {

Result<OutputFormat> parse_output_format(std::string_view name) {
  struct Name {
    std::string_view name;
    OutputFormat format;
  };
  static constexpr std::array<Name, 10> kNames{{
      {"json", OutputFormat::kRpkiClientJson},
      {"rpki-client", OutputFormat::kRpkiClientJson},
      {"stayrtr-json", OutputFormat::kStayrtrJson},
      {"stayrtr", OutputFormat::kStayrtrJson},
      {"csv", OutputFormat::kCsv},
      {"bird", OutputFormat::kBird2},
      {"bird2", OutputFormat::kBird2},
      {"bird1", OutputFormat::kBird1},
      {"openbgpd", OutputFormat::kOpenBgpd},
      {"plain", OutputFormat::kPlain},
  }};
  for (const auto& n : kNames) {
    if (detail::iequals(name, n.name)) return n.format;
  }
  return make_error(ErrorCode::kUnsupported,
                    fmt::format("output format: want json, stayrtr-json, csv, bird, bird1, "
                                "openbgpd or plain, have {}",
                                detail::quoted(name)));
}

namespace {

// Latest time printed as ISO 8601 (9999-12-31T23:59:59Z).
constexpr std::int64_t kMaxTime = 253402300799;

// A JSON string: escapes as rpki-client's json_do_string, control bytes as \u00XX, bytes that
// are not UTF-8 as U+FFFD (names read from CSV or text may be any bytes).
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", unsigned{u});
          break;
        }
        const std::size_t n = detail::utf8_length(s, i);
        if (n == 0) {
          out += "\\ufffd";
          ++i;
          continue;
        }
        out.append(s.substr(i, n));
        i += n;
        continue;
      }
    }
    ++i;
  }
  out += '"';
}

// A CSV field: RFC 4180 quoted when it holds a comma, quote or surrounding blanks; control
// bytes become '?' (the readers take one line per row).
void append_csv_field(std::string& out, std::string_view s) {
  const bool quote = s.find_first_of(",\"") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (quote) out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += '?';
    } else if (c == '"') {
      out += "\"\"";
    } else {
      out += c;
    }
  }
  if (quote) out += '"';
}

void append_providers(std::string& out, const Aspa& a) {
  for (std::size_t i = 0; i < a.providers.size(); ++i) {
    fmt::format_to(std::back_inserter(out), "{}{}", i == 0 ? "" : ", ", a.providers[i]);
  }
}

// ----- JSON (rpki-client's json.c layout: tab indents, one compact object per ROA/ASPA) -----

void json_metadata(const VrpSet& set, std::string& out) {
  out += "{\n\t\"metadata\": {\n";
  if (set.metadata.build_time > 0 && set.metadata.build_time <= kMaxTime) {
    out += "\t\t\"buildtime\": ";
    append_json_string(out, detail::format_iso8601(set.metadata.build_time));
    out += ",\n";
  }
  fmt::format_to(std::back_inserter(out),
                 "\t\t\"generator\": \"manrs\",\n"
                 "\t\t\"vrps\": {},\n"
                 "\t\t\"uniquevrps\": {},\n"
                 "\t\t\"bgpsec_pubkeys\": {},\n"
                 "\t\t\"vaps\": {},\n"
                 "\t\t\"uniquevaps\": {}\n"
                 "\t}}",
                 set.vrps.size(), set.vrps.size(), set.router_keys.size(), set.aspas.size(),
                 set.aspas.size());
}

void json_roas(const VrpSet& set, std::string& out) {
  out += ",\n\t\"roas\": [\n";
  bool first = true;
  for (const auto& v : set.vrps) {
    out += first ? "\t\t{ \"asn\": " : ",\n\t\t{ \"asn\": ";
    first = false;
    fmt::format_to(std::back_inserter(out), "{}, \"prefix\": \"", v.asn);
    v.prefix.append_to(out);
    fmt::format_to(std::back_inserter(out), "\", \"maxLength\": {}", unsigned{v.max_length});
    if (v.ta != 0) {
      out += ", \"ta\": ";
      append_json_string(out, set.ta_name(v.ta));
    }
    if (v.expires != 0) fmt::format_to(std::back_inserter(out), ", \"expires\": {}", v.expires);
    out += " }";
  }
  out += "\n\t]";
}

void json_keys(const VrpSet& set, std::string& out) {
  out += ",\n\t\"bgpsec_keys\": [\n";
  bool first = true;
  for (const auto& k : set.router_keys) {
    out += first ? "\t\t{\n" : ",\n\t\t{\n";
    first = false;
    fmt::format_to(std::back_inserter(out), "\t\t\t\"asn\": {},\n\t\t\t\"ski\": \"", k.asn);
    for (auto b : k.ski) fmt::format_to(std::back_inserter(out), "{:02x}", unsigned{b});
    out += "\",\n\t\t\t\"pubkey\": \"";
    out += detail::encode_base64(k.spki);
    out += '"';
    if (k.ta != 0) {
      out += ",\n\t\t\t\"ta\": ";
      append_json_string(out, set.ta_name(k.ta));
    }
    if (k.expires != 0) {
      fmt::format_to(std::back_inserter(out), ",\n\t\t\t\"expires\": {}", k.expires);
    }
    out += "\n\t\t}";
  }
  out += "\n\t]";
}

// The ASPA entries of an array at `indent` tabs (2 for "aspas", 3 inside provider_authorizations).
void json_aspa_entries(const VrpSet& set, std::string& out, std::string_view indent) {
  bool first = true;
  for (const auto& a : set.aspas) {
    if (!first) out += ",\n";
    first = false;
    fmt::format_to(std::back_inserter(out), "{}{{ \"customer_asid\": {}", indent, a.customer);
    if (a.expires != 0) fmt::format_to(std::back_inserter(out), ", \"expires\": {}", a.expires);
    out += ", \"providers\": [ ";
    append_providers(out, a);
    out += " ] }";
  }
}

void write_json(const VrpSet& set, bool per_family_aspa, std::string& out) {
  json_metadata(set, out);
  json_roas(set, out);
  json_keys(set, out);
  if (!per_family_aspa) {
    out += ",\n\t\"aspas\": [\n";
    json_aspa_entries(set, out, "\t\t");
    out += "\n\t]";
  } else {
    // StayRTR 0.5.x: every customer under both families (the current profile has none).
    out += ",\n\t\"provider_authorizations\": {\n\t\t\"ipv4\": [\n";
    json_aspa_entries(set, out, "\t\t\t");
    out += "\n\t\t],\n\t\t\"ipv6\": [\n";
    json_aspa_entries(set, out, "\t\t\t");
    out += "\n\t\t]\n\t}";
  }
  out += "\n}\n";
}

// ----- text formats ------------------------------------------------------------------------

void write_csv(const VrpSet& set, std::string& out) {
  out += "ASN,IP Prefix,Max Length,Trust Anchor,Expires\n";
  for (const auto& v : set.vrps) {
    fmt::format_to(std::back_inserter(out), "AS{},", v.asn);
    v.prefix.append_to(out);
    fmt::format_to(std::back_inserter(out), ",{},", unsigned{v.max_length});
    append_csv_field(out, set.ta_name(v.ta));
    fmt::format_to(std::back_inserter(out), ",{}\n", v.expires);
  }
}

// rpki-client's outputheader() prints host, times and object counts; ours is deterministic.
void text_header(const VrpSet& set, std::string& out) {
  out += "# Generated by manrs\n";
  if (set.metadata.build_time > 0 && set.metadata.build_time <= kMaxTime) {
    fmt::format_to(std::back_inserter(out), "# Built at {}\n",
                   detail::format_iso8601(set.metadata.build_time));
  }
  fmt::format_to(std::back_inserter(out), "# VRP Entries: {} ({} unique)\n", set.vrps.size(),
                 set.vrps.size());
}

void bird_routes(const VrpSet& set, bool v4, std::string_view keyword, std::string& out) {
  for (const auto& v : set.vrps) {
    if (v.prefix.is_v4() != v4) continue;
    out += '\t';
    out += keyword;
    out += ' ';
    v.prefix.append_to(out);
    fmt::format_to(std::back_inserter(out), " max {} as {};\n", unsigned{v.max_length}, v.asn);
  }
}

void write_bird2(const VrpSet& set, std::string& out) {
  text_header(set, out);
  fmt::format_to(std::back_inserter(out),
                 "\ndefine force_roa_table_update = {};\n\n"
                 "roa4 table ROAS4;\nroa6 table ROAS6;\n\n"
                 "protocol static {{\n\troa4 {{ table ROAS4; }};\n\n",
                 std::max<std::int64_t>(set.metadata.build_time, 0));
  bird_routes(set, true, "route", out);
  out += "}\n\nprotocol static {\n\troa6 { table ROAS6; };\n\n";
  bird_routes(set, false, "route", out);
  out += "}\n";
}

// BIRD 1 keeps IPv4 and IPv6 in separate daemons (rpki-client writes bird1v4 and bird1v6);
// one table here holds both families, IPv4 first.
void write_bird1(const VrpSet& set, std::string& out) {
  text_header(set, out);
  out += "\nroa table ROAS {\n";
  bird_routes(set, true, "roa", out);
  bird_routes(set, false, "roa", out);
  out += "}\n";
}

void write_openbgpd(const VrpSet& set, std::string& out) {
  text_header(set, out);
  out += "roa-set {\n";
  for (const auto& v : set.vrps) {
    out += '\t';
    v.prefix.append_to(out);
    if (v.max_length > v.prefix.length()) {
      fmt::format_to(std::back_inserter(out), " maxlen {}", unsigned{v.max_length});
    }
    fmt::format_to(std::back_inserter(out), " source-as {}", v.asn);
    // bgpd drops an entry whose expiry has passed: an unknown expiry (0) is left out.
    if (v.expires != 0) fmt::format_to(std::back_inserter(out), " expires {}", v.expires);
    out += '\n';
  }
  out += "}\n";
  if (set.aspas.empty()) return;  // bgpd before 7.8 does not know aspa-set
  out += "\naspa-set {\n";
  for (const auto& a : set.aspas) {
    fmt::format_to(std::back_inserter(out), "\tcustomer-as {}", a.customer);
    if (a.expires != 0) fmt::format_to(std::back_inserter(out), " expires {}", a.expires);
    out += " provider-as { ";
    append_providers(out, a);
    out += " }\n";
  }
  out += "}\n";
}

void write_plain(const VrpSet& set, std::string& out) {
  for (const auto& v : set.vrps) {
    v.prefix.append_to(out);
    fmt::format_to(std::back_inserter(out), " {} {}\n", unsigned{v.max_length}, v.asn);
  }
}

}  // namespace

void write_vrps(const VrpSet& set, OutputFormat format, std::string& out) {
  switch (format) {
    case OutputFormat::kRpkiClientJson:
      write_json(set, false, out);
      return;
    case OutputFormat::kStayrtrJson:
      write_json(set, true, out);
      return;
    case OutputFormat::kCsv:
      write_csv(set, out);
      return;
    case OutputFormat::kBird2:
      write_bird2(set, out);
      return;
    case OutputFormat::kBird1:
      write_bird1(set, out);
      return;
    case OutputFormat::kOpenBgpd:
      write_openbgpd(set, out);
      return;
    case OutputFormat::kPlain:
      write_plain(set, out);
      return;
  }
}

}  // namespace manrs::rpki
