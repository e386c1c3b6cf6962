// registry/delegated.cpp — see delegated.h.
#include "manrs/registry/delegated.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "manrs/registry/dates.h"

namespace manrs::registry {
namespace {

// Longest line accepted; real lines are < 120 bytes.
constexpr std::size_t kMaxLineBytes = 4096;

std::string quote(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u >= 0x7f || c == '\'') ? fmt::format("\\x{:02x}", u) : std::string(1, c);
  }
  if (s.size() > 40) out += "...";
  return "'" + out + "'";
}

template <typename T>
bool parse_uint(std::string_view s, T& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

class LineParser {
 public:
  explicit LineParser(std::string name) : name_(std::move(name)) {}

  Status line(std::string_view text, std::uint64_t no, std::vector<Delegation>& out,
              DelegatedLoadReport& report) {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty() || text.front() == '#') return {};
    std::vector<std::string_view> f;
    std::size_t i = 0;
    while (f.size() < 10) {
      const std::size_t j = text.find('|', i);
      f.push_back(text.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
      if (j == std::string_view::npos) break;
      i = j + 1;
    }
    if (!seen_version_ && !f.empty() && !f[0].empty() && f[0].front() >= '0' &&
        f[0].front() <= '9') {
      seen_version_ = true;  // the version line: `2|nro|...`
      return {};
    }
    if (f.size() >= 6 && f[5] == "summary") return {};
    if (f.size() < 7) {
      return bad(no, "record", "registry|cc|type|start|value|date|status[|opaque-id]", text);
    }
    if (f[2] != "asn") {
      ++report.other_records;
      return {};
    }
    std::uint64_t start = 0;
    std::uint64_t value = 0;
    if (!parse_uint(f[3], start) || start > 0xFFFFFFFFULL) {
      return bad(no, "start", "an AS number 0..4294967295", f[3]);
    }
    if (!parse_uint(f[4], value) || value == 0 || start + value - 1 > 0xFFFFFFFFULL) {
      return bad(no, "value", fmt::format("a count 1..{}", 0x100000000ULL - start), f[4]);
    }
    Delegation d;
    d.first = static_cast<net::Asn>(start);
    d.last = static_cast<net::Asn>(start + value - 1);
    d.registry = f[0];
    d.cc = f[1];
    if (!f[5].empty() && f[5] != "00000000") {
      d.date = parse_timestamp(f[5]);
      if (!d.date) return bad(no, "date", "YYYYMMDD", f[5]);
    }
    d.status = f[6];
    if (f.size() >= 8) d.opaque_id = f[7];
    out.push_back(std::move(d));
    ++report.asn_records;
    return {};
  }

  [[nodiscard]] Error bad(std::uint64_t no, std::string_view field, std::string_view want,
                          std::string_view have) const {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("{}: want {}, have {}", field, want, quote(have)),
                      fmt::format("{}:{}", name_, no));
  }

 private:
  std::string name_;
  bool seen_version_ = false;
};

}  // namespace

bool is_delegated_status(std::string_view status) {
  return status == "assigned" || status == "allocated";
}

Result<DelegatedLoadReport> DelegatedStats::load_file(const std::string& path) {
  MANRS_TRY(auto src, core::open_input(path, core::InputOptions{1}));
  return load(*src);
}

Result<DelegatedLoadReport> DelegatedStats::load(core::ByteSource& source) {
  DelegatedLoadReport report;
  report.file = std::string(source.name());
  LineParser parser(report.file);
  std::vector<Delegation> out;
  std::string pending;
  std::vector<std::byte> buf(1U << 16U);
  std::uint64_t no = 0;
  while (true) {
    MANRS_TRY(std::size_t n, source.read(buf));
    const std::string_view chunk(reinterpret_cast<const char*>(buf.data()), n);  // NOLINT
    std::size_t i = 0;
    while (i < chunk.size()) {
      const std::size_t j = chunk.find('\n', i);
      const std::string_view piece =
          chunk.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i);
      if (pending.size() + piece.size() > kMaxLineBytes) {
        return parser.bad(no + 1, "line", fmt::format("<= {} bytes", kMaxLineBytes),
                          pending + std::string(piece.substr(0, 40)));
      }
      pending += piece;
      if (j == std::string_view::npos) break;
      ++no;
      MANRS_TRY_VOID(parser.line(pending, no, out, report));
      pending.clear();
      i = j + 1;
    }
    if (n == 0) break;
  }
  if (!pending.empty()) {
    ++no;
    MANRS_TRY_VOID(parser.line(pending, no, out, report));
  }
  report.lines = no;
  std::move(out.begin(), out.end(), std::back_inserter(records_));
  return report;
}

void DelegatedStats::finalize() {
  std::stable_sort(records_.begin(), records_.end(),
                   [](const Delegation& a, const Delegation& b) { return a.first < b.first; });
  max_last_.resize(records_.size());
  net::Asn m = 0;
  for (std::size_t i = 0; i < records_.size(); ++i) {
    m = std::max(m, records_[i].last);
    max_last_[i] = m;
  }
}

const Delegation* DelegatedStats::find(net::Asn asn) const {
  // Records with first <= asn end at `it`; walk back while some earlier record may still
  // reach asn (max_last_ is the running maximum of `last`).
  auto it = std::upper_bound(records_.begin(), records_.end(), asn,
                             [](net::Asn a, const Delegation& d) { return a < d.first; });
  const Delegation* best = nullptr;
  auto i = static_cast<std::size_t>(it - records_.begin());
  while (i > 0 && max_last_[i - 1] >= asn) {
    --i;
    const Delegation& d = records_[i];
    if (d.last < asn) continue;
    if (best == nullptr || (is_delegated_status(d.status) && !is_delegated_status(best->status))) {
      best = &d;
    }
  }
  return best;
}

bool DelegatedStats::is_delegated(net::Asn asn) const {
  const Delegation* d = find(asn);
  return d != nullptr && is_delegated_status(d->status);
}

}  // namespace manrs::registry
