#include "manrs/check/datadir.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "manrs/core/input.h"
#include "manrs/rpki/reader.h"

namespace manrs::check {

namespace {

constexpr std::size_t kHead = 64 * 1024;

std::uint16_t be16(std::span<const std::byte> b, std::size_t at) {
  return static_cast<std::uint16_t>((std::to_integer<unsigned>(b[at]) << 8U) |
                                    std::to_integer<unsigned>(b[at + 1]));
}

// Text when the head is printable ASCII / UTF-8 and whitespace.
bool is_text(std::span<const std::byte> head) {
  if (head.empty()) return false;
  std::size_t bad = 0;
  for (const std::byte b : head) {
    const auto c = std::to_integer<unsigned>(b);
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++bad;
  }
  return bad * 100 < head.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

// The first `n` lines that are not blank and not comments ('#', '%', ';').
std::vector<std::string_view> content_lines(std::string_view text, std::size_t n) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size() && out.size() < n) {
    std::size_t nl = text.find('\n', pos);
    // The last line of a truncated head may be cut: only whole lines count.
    if (nl == std::string_view::npos) break;
    std::string_view line = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty() || line[0] == '#' || line[0] == '%' || line[0] == ';') continue;
    out.push_back(line);
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t at = s.find(sep, pos);
    out.push_back(s.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos));
    if (at == std::string_view::npos) break;
    pos = at + 1;
  }
  return out;
}

bool is_asrel(std::string_view line) {
  auto f = split(line, '|');
  return (f.size() == 3 || f.size() == 4) && all_digits(f[0]) && all_digits(f[1]) &&
         (f[2] == "-1" || f[2] == "0" || f[2] == "1" || f[2] == "2");
}

bool is_delegated(std::string_view line) {
  auto f = split(line, '|');
  if (f.size() < 6) return false;
  // version line: 2|ripencc|20130418|...; summary: ripencc|*|asn|*|n|summary; records:
  // ripencc|FR|ipv4|2.0.0.0|1048576|20100712|allocated[|opaque|ext]
  if (all_digits(f[0]) || f[0] == "2.3") return true;
  return f[2] == "asn" || f[2] == "ipv4" || f[2] == "ipv6";
}

bool is_prefix(std::string_view s) {
  const std::size_t slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0 || !all_digits(s.substr(slash + 1))) {
    return false;
  }
  return std::ranges::all_of(s.substr(0, slash), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':';
  });
}

constexpr std::array<std::string_view, 20> kRpslClasses{
    "route",      "route6",       "aut-num", "as-set",   "route-set", "mntner",     "role",
    "person",     "organisation", "inetnum", "inet6num", "as-block",  "irt",        "key-cert",
    "filter-set", "peering-set",  "rtr-set", "domain",   "poem",      "poetic-form"};

bool is_rpsl_start(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::ranges::find(kRpslClasses, name) != kRpslClasses.end();
}

DataKind classify_json(std::string_view text, std::string* why) {
  auto has = [&](std::string_view key) { return text.find(key) != std::string_view::npos; };
  auto say = [&](std::string_view w, DataKind k) {
    if (why) *why = std::string(w);
    return k;
  };
  if (has("\"slurmVersion\"")) return say("JSON with slurmVersion", DataKind::kSlurm);
  const bool api_page =
      has("\"data\"") && has("\"created\"") && has("\"updated\"") && has("\"status\"");
  if (has("\"irr_as_set\"") || has("\"poc_set\"") || has("\"info_prefixes4\"") ||
      (api_page && (has("\"org_id\"") || has("\"net_id\"") || has("\"address1\"")))) {
    return say("JSON with PeeringDB fields", DataKind::kPeeringDb);
  }
  if (has("\"roas\"") || has("\"aspas\"") || has("\"routerKeys\"") || has("\"bgpsec_keys\"") ||
      has("\"provider_authorizations\"")) {
    return say("VRP JSON (roas/aspas)", DataKind::kVrps);
  }
  // {"1": "LVLT-1 ...", "2": ...}: an object whose keys are ASNs.
  std::size_t pos = text.find_first_not_of(" \t\r\n{");
  if (pos != std::string_view::npos && text[pos] == '"') {
    const std::size_t end = text.find('"', pos + 1);
    if (end != std::string_view::npos && all_digits(text.substr(pos + 1, end - pos - 1))) {
      return say("JSON object keyed by ASN", DataKind::kAsNames);
    }
  }
  return say("JSON of an unknown kind", DataKind::kUnknown);
}

}  // namespace

std::string_view data_kind_id(DataKind k) {
  switch (k) {
    case DataKind::kMrtRib:
      return "mrt-rib";
    case DataKind::kMrtUpdates:
      return "mrt-updates";
    case DataKind::kVrps:
      return "vrps";
    case DataKind::kSlurm:
      return "slurm";
    case DataKind::kRpsl:
      return "rpsl";
    case DataKind::kPeeringDb:
      return "peeringdb";
    case DataKind::kAsRel:
      return "as-rel";
    case DataKind::kDelegated:
      return "delegated";
    case DataKind::kFullbogons:
      return "fullbogons";
    case DataKind::kAsNames:
      return "as-names";
    case DataKind::kSpoofer:
      return "spoofer";
    case DataKind::kIanaRegistry:
      return "iana-registry";
    case DataKind::kUnknown:
      break;
  }
  return "unknown";
}

DataKind classify(std::span<const std::byte> head, std::string_view name, std::string* why) {
  auto say = [&](std::string w, DataKind k) {
    if (why) *why = std::move(w);
    return k;
  };
  if (head.empty()) return say("empty", DataKind::kUnknown);
  if (!is_text(head)) {
    if (head.size() < 12) return say("binary, too short for MRT", DataKind::kUnknown);
    const std::uint16_t type = be16(head, 4);
    const std::uint16_t subtype = be16(head, 6);
    if (type == 12 || type == 13) {
      return say(fmt::format("MRT {} header", type == 12 ? "TABLE_DUMP" : "TABLE_DUMP_V2"),
                 DataKind::kMrtRib);
    }
    if (type == 16 || type == 17 || (type == 5 && subtype <= 3)) {
      return say(fmt::format("MRT {} header", type == 5 ? "BGP" : "BGP4MP"), DataKind::kMrtUpdates);
    }
    return say(fmt::format("binary, not MRT (type {})", type), DataKind::kUnknown);
  }
  const std::string_view text(reinterpret_cast<const char*>(head.data()), head.size());
  const std::string_view start = trim(text.substr(0, 256));
  if (start.starts_with("<?xml") || start.starts_with("<registry")) {
    return say("XML registry", DataKind::kIanaRegistry);
  }
  if (start.starts_with("{") || start.starts_with("[")) return classify_json(text, why);
  const auto lines = content_lines(text, 40);
  if (lines.empty()) return say("no content lines", DataKind::kUnknown);
  std::size_t rpsl = 0;
  std::size_t asrel = 0;
  std::size_t deleg = 0;
  std::size_t prefixes = 0;
  for (std::string_view l : lines) {
    if (is_rpsl_start(l)) ++rpsl;
    if (is_asrel(l)) ++asrel;
    if (is_delegated(l)) ++deleg;
    if (is_prefix(l)) ++prefixes;
  }
  if (rpsl > 0) return say("RPSL class attribute", DataKind::kRpsl);
  if (asrel * 2 > lines.size()) return say("as-rel lines (a|b|rel)", DataKind::kAsRel);
  if (deleg * 2 > lines.size()) return say("delegated stats lines", DataKind::kDelegated);
  if (prefixes == lines.size()) return say("one prefix per line", DataKind::kFullbogons);
  std::string first(lines.front());
  for (char& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (first.find("session") != std::string::npos &&
      (first.find("spoof") != std::string::npos || first.find("routed") != std::string::npos)) {
    return say("Spoofer CSV header", DataKind::kSpoofer);
  }
  const rpki::Format f = rpki::detect_format(text);
  if (f != rpki::Format::kAuto) {
    return say(fmt::format("VRP {}", rpki::to_string(f)), DataKind::kVrps);
  }
  (void)name;
  return say("text of an unknown kind", DataKind::kUnknown);
}

DataFile classify_file(const std::string& path) {
  DataFile f;
  f.path = path;
  auto src = core::open_input(path);
  if (!src) {
    f.why = src.error().to_string();
    return f;
  }
  std::vector<std::byte> head(kHead);
  std::size_t got = 0;
  while (got < head.size()) {
    auto n = (*src)->read(std::span(head).subspan(got));
    if (!n || *n == 0) break;  // a truncated stream: classify what came out
    got += *n;
  }
  head.resize(got);
  f.kind = classify(head, std::filesystem::path(path).filename().string(), &f.why);
  return f;
}

Result<std::vector<DataFile>> scan_data_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorCode::kIo, fmt::format("{}: not a readable directory", dir));
  }
  std::vector<std::string> paths;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return make_error(ErrorCode::kIo, fmt::format("{}: {}", dir, ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return make_error(ErrorCode::kIo, fmt::format("{}: {}", dir, ec.message()));
    const std::string fname = it->path().filename().string();
    if (fname.starts_with(".")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || fname.ends_with(".part") || fname.ends_with(".md5") ||
        fname.ends_with(".sha256") || fname == "PROVENANCE.md" || fname == "README.md") {
      continue;
    }
    paths.push_back(it->path().string());
  }
  std::ranges::sort(paths);
  std::vector<DataFile> out;
  out.reserve(paths.size());
  for (const std::string& p : paths) out.push_back(classify_file(p));
  return out;
}

}  // namespace manrs::check
