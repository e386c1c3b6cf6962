// rpki/reader.cpp — read_vrps / parse_vrps: load the input (core::open_input, bounded by
// kMaxVrpFileBytes), detect the format from the content, run the format's parser
// (io_json.cpp, io_csv.cpp, io_text.cpp, io_bird.cpp, io_openbgpd.cpp) and normalize the set.
#include "manrs/rpki/reader.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "manrs/core/input.h"
#include "manrs/net/ip_address.h"
#include "manrs/rpki/io_common.h"

namespace manrs::rpki {

std::string_view to_string(Format f) {
  switch (f) {
    case Format::kAuto:
      return "auto";
    case Format::kJson:
      return "json";
    case Format::kCsv:
      return "csv";
    case Format::kRoaList:
      return "roa-list";
    case Format::kBird:
      return "bird";
    case Format::kOpenBgpd:
      return "openbgpd";
  }
  return "?";
}

Result<Format> parse_format(std::string_view name) {
  struct Name {
    std::string_view name;
    Format format;
  };
  static constexpr std::array<Name, 11> kNames{{
      {"auto", Format::kAuto},
      {"json", Format::kJson},
      {"csv", Format::kCsv},
      {"roa-list", Format::kRoaList},
      {"roalist", Format::kRoaList},
      {"text", Format::kRoaList},
      {"plain", Format::kRoaList},
      {"bird", Format::kBird},
      {"bird1", Format::kBird},
      {"bird2", Format::kBird},
      {"openbgpd", Format::kOpenBgpd},
  }};
  for (const auto& n : kNames) {
    if (detail::iequals(name, n.name)) return n.format;
  }
  return make_error(ErrorCode::kUnsupported,
                    fmt::format("VRP format: want auto, json, csv, roa-list, bird or openbgpd, "
                                "have {}",
                                detail::quoted(name)));
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Bytes of the input detect_format looks at (the decision needs the first real line).
constexpr std::size_t kDetectBytes = 64 * 1024;

bool looks_like_roa_list_line(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < line.size() && words.size() < 4) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    const std::size_t start = pos;
    while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
    if (pos > start) words.push_back(line.substr(start, pos - start));
  }
  std::uint64_t n = 0;
  if (words.size() >= 3 && detail::parse_iso8601(words[0])) {  // "<time> <asn> <prefix>..."
    return words[2].find('/') != std::string_view::npos ||
           words[2].find(':') != std::string_view::npos ||
           words[2].find('.') != std::string_view::npos;
  }
  // "prefix/len maxlen asn"
  return words.size() == 3 && words[0].find('/') != std::string_view::npos &&
         detail::parse_uint(words[1], 255, n);
}

// RTRlib rtrclient CSV: "192.0.2.0, 24, 24, 65001".
bool looks_like_rtrlib_line(std::string_view line) {
  const std::size_t comma = line.find(',');
  if (comma == std::string_view::npos || std::count(line.begin(), line.end(), ',') != 3) {
    return false;
  }
  return net::IpAddress::parse(detail::trim(line.substr(0, comma))).has_value();
}

}  // namespace

Format detect_format(std::string_view data) {
  if (data.starts_with(kBom)) data.remove_prefix(kBom.size());
  data = data.substr(0, kDetectBytes);
  std::size_t first = 0;
  while (first < data.size() && (data[first] == ' ' || data[first] == '\t' || data[first] == '\r' ||
                                 data[first] == '\n')) {
    ++first;
  }
  if (first < data.size() && (data[first] == '{' || data[first] == '[')) return Format::kJson;
  detail::LineReader lines(data);
  std::string_view line;
  std::size_t number = 0;
  while (lines.next(line, number)) {
    const std::string_view t = detail::trim(line);
    if (t.empty() || t.front() == '#') continue;
    // OpenBGPD sets (rpki-client writes roa-set and aspa-set; bgpd.conf snippets may start
    // with the other set kinds).
    static constexpr std::array<std::string_view, 5> kBgpd{"roa-set", "aspa-set", "origin-set",
                                                           "prefix-set", "as-set"};
    for (auto kw : kBgpd) {
      if (t.starts_with(kw)) return Format::kOpenBgpd;
    }
    static constexpr std::array<std::string_view, 8> kBird{
        "define ",         "roa4 table", "roa6 table", "roa table",
        "protocol static", "route ",     "roa ",       "/*"};
    for (auto kw : kBird) {
      if (t.starts_with(kw)) return Format::kBird;
    }
    if (detail::is_csv_header(t)) return Format::kCsv;
    if (looks_like_rtrlib_line(t) || looks_like_roa_list_line(t)) return Format::kRoaList;
    return Format::kAuto;
  }
  return Format::kAuto;
}

namespace detail {

Status read_input(core::ByteSource& src, std::size_t limit, std::string& out) {
  constexpr std::size_t kChunk = 1U << 20;
  out.clear();
  if (src.compression() == core::Compression::kNone && src.size() > 0) {
    // The last read asks for a whole chunk: reserve it too, else that resize copies the file.
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(src.size(), limit)) + kChunk +
                kJsonPadding);
  }
  while (true) {
    const std::size_t old = out.size();
    out.resize(old + kChunk);
    auto n = src.read(std::as_writable_bytes(std::span(out.data() + old, kChunk)));
    if (!n) {
      out.resize(old);
      return std::move(n.error());
    }
    out.resize(old + *n);
    if (*n == 0) return {};
    if (out.size() > limit) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("VRP file: want <= {} bytes, have more", limit),
                        std::string(src.name()));
    }
  }
}

}  // namespace detail

namespace {

// Parses `data` (bytes up to data.data() + capacity readable) as `source`.
Result<VrpSet> parse_buffer(std::string_view data, std::size_t capacity, std::string_view source,
                            const ReadOptions& options, ReadReport& report) {
  report = ReadReport{};
  if (data.starts_with(kBom)) {
    data.remove_prefix(kBom.size());
    capacity -= kBom.size();
  }
  const Format format = options.format == Format::kAuto ? detect_format(data) : options.format;
  if (format == Format::kAuto) {
    std::string_view head = detail::trim(data.substr(0, data.find('\n')));
    return make_error(
        ErrorCode::kMalformed,
        fmt::format("VRP format: want JSON, CSV, a ROA list, BIRD or OpenBGPD, "
                    "have {}",
                    data.empty() ? std::string("an empty file") : detail::quoted(head)),
        std::string(source));
  }
  report.format = format;
  VrpSet set;
  detail::Collector c(source, options, set, report);
  switch (format) {
    case Format::kJson:
      MANRS_TRY_VOID(detail::parse_json(data, capacity, c));
      break;
    case Format::kCsv:
      MANRS_TRY_VOID(detail::parse_csv(data, c));
      break;
    case Format::kRoaList:
      MANRS_TRY_VOID(detail::parse_roa_list(data, c));
      break;
    case Format::kBird:
      MANRS_TRY_VOID(detail::parse_bird(data, c));
      break;
    case Format::kOpenBgpd:
      MANRS_TRY_VOID(detail::parse_openbgpd(data, c));
      break;
    case Format::kAuto:
      break;
  }
  set.normalize();
  return set;
}

}  // namespace

Result<VrpSet> parse_vrps(std::string_view data, std::string_view source,
                          const ReadOptions& options, ReadReport* report) {
  ReadReport local;
  ReadReport& r = report != nullptr ? *report : local;
  if (data.size() > detail::kMaxVrpFileBytes) {
    r = ReadReport{};
    return make_error(
        ErrorCode::kLimitExceeded,
        fmt::format("VRP file: want <= {} bytes, have {}", detail::kMaxVrpFileBytes, data.size()),
        std::string(source));
  }
  return parse_buffer(data, data.size(), source, options, r);
}

Result<VrpSet> read_vrps(std::string_view path, const ReadOptions& options, ReadReport* report) {
  ReadReport local;
  ReadReport& r = report != nullptr ? *report : local;
  r = ReadReport{};
  MANRS_TRY(auto src, core::open_input(std::string(path)));
  std::string buffer;
  MANRS_TRY_VOID(detail::read_input(*src, detail::kMaxVrpFileBytes, buffer));
  const std::size_t size = buffer.size();
  buffer.append(detail::kJsonPadding, '\0');  // simdjson parses in place
  return parse_buffer(std::string_view(buffer.data(), size), buffer.size(), src->name(), options,
                      r);
}

}  // namespace manrs::rpki
