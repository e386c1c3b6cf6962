// registry/asnames.cpp — see asnames.h.
#include "manrs/registry/asnames.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "manrs/registry/internal/json_scan.h"

namespace manrs::registry {

Result<std::size_t> AsNames::load_file(const std::string& path, std::uint64_t max_bytes) {
  MANRS_TRY(std::string text, detail::read_file_bounded(path, max_bytes));
  return load_text(text, path);
}

Result<std::size_t> AsNames::load_text(std::string_view json, std::string_view name) {
  std::vector<std::pair<net::Asn, std::string>> got;
  bool root_seen = false;
  const Status st =
      detail::scan_json(json, name, detail::JsonLimits{}, false, [&](detail::JsonRecord& r) {
        if (r.path != "$") return Status{};  // arrays of objects: not this format
        root_seen = true;
        for (detail::JsonField& f : r.fields) {
          auto asn = net::parse_asn(f.key);
          if (!asn) {
            return Status{make_error(ErrorCode::kMalformed,
                                     fmt::format("offset {}: key: want an AS number, have \"{}\"",
                                                 f.value.offset, f.key.substr(0, 40)),
                                     detail::json_where(json, name, f.value.offset))};
          }
          if (f.value.kind == detail::JsonValue::Kind::kNull) continue;
          if (f.value.kind != detail::JsonValue::Kind::kString) {
            return Status{detail::field_error(json, name, f.key, "a string", f.value)};
          }
          got.emplace_back(*asn, std::move(f.value.text));
        }
        return Status{};
      });
  if (!st) return st.error();
  if (!root_seen && json.find_first_not_of(" \t\r\n") != std::string_view::npos &&
      json[json.find_first_not_of(" \t\r\n")] != '{') {
    return make_error(ErrorCode::kMalformed,
                      "offset 0: AS names: want a JSON object, have another value",
                      detail::json_where(json, name, 0));
  }
  const std::size_t n = got.size();
  // Merge: new names after the old ones, stable sort, keep the last of each ASN.
  std::move(got.begin(), got.end(), std::back_inserter(names_));
  std::stable_sort(names_.begin(), names_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<net::Asn, std::string>> out;
  out.reserve(names_.size());
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (i + 1 < names_.size() && names_[i + 1].first == names_[i].first) continue;
    out.push_back(std::move(names_[i]));
  }
  names_ = std::move(out);
  return n;
}

std::string_view AsNames::name(net::Asn asn) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), asn,
                             [](const auto& p, net::Asn a) { return p.first < a; });
  return it != names_.end() && it->first == asn ? std::string_view(it->second) : std::string_view{};
}

}  // namespace manrs::registry
