// registry/peeringdb.cpp — see peeringdb.h.
#include "manrs/registry/peeringdb.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include <fmt/format.h>

#include "manrs/registry/dates.h"
#include "manrs/registry/internal/json_scan.h"

namespace manrs::registry {
namespace {

using detail::JsonRecord;
using detail::JsonValue;

enum class Kind : std::uint8_t { kNet, kPoc, kOrg, kOther };

bool has(const JsonRecord& r, std::string_view k) { return r.get(k) != nullptr; }

// The kind of an API-page record, from its fields (PeeringDB object schemas).
Kind detect(const JsonRecord& r) {
  if (has(r, "net_id") && has(r, "role")) return Kind::kPoc;
  if (has(r, "asn") && has(r, "org_id") &&
      (has(r, "irr_as_set") || has(r, "info_prefixes4") || has(r, "poc_updated"))) {
    return Kind::kNet;
  }
  if (has(r, "id") && has(r, "name") && !has(r, "org_id") && !has(r, "net_id") && !has(r, "asn") &&
      !has(r, "ix_id") && !has(r, "ixlan_id") && !has(r, "fac_id") &&
      (has(r, "country") || has(r, "address1"))) {
    return Kind::kOrg;
  }
  return Kind::kOther;
}

// Typed access to one record's fields with errors that name the field.
class Fields {
 public:
  Fields(const JsonRecord& r, std::string_view text, std::string_view name)
      : r_(r), text_(text), name_(name) {}

  [[nodiscard]] std::string path(std::string_view key) const {
    return fmt::format("{}[{}].{}", r_.path.empty() ? "[root]" : r_.path, r_.index, key);
  }

  // Missing or null → `dflt`; required and missing → error.
  Result<std::int64_t> integer(std::string_view key, bool required, std::int64_t lo,
                               std::int64_t hi) const {
    const detail::JsonField* f = r_.get(key);
    if (f == nullptr || f->value.kind == JsonValue::Kind::kNull) {
      if (required) {
        return make_error(
            ErrorCode::kMalformed,
            fmt::format("offset {}: {}: want an integer, have none", r_.offset, path(key)),
            detail::json_where(text_, name_, r_.offset));
      }
      return std::int64_t{0};
    }
    const auto v = f->value.as_int();
    if (!v || *v < lo || *v > hi) {
      return detail::field_error(text_, name_, path(key),
                                 fmt::format("an integer in [{}, {}]", lo, hi), f->value);
    }
    return *v;
  }

  Result<std::string> string(std::string_view key) const {
    const detail::JsonField* f = r_.get(key);
    if (f == nullptr || f->value.kind == JsonValue::Kind::kNull) return std::string{};
    if (f->value.kind != JsonValue::Kind::kString) {
      return detail::field_error(text_, name_, path(key), "a string", f->value);
    }
    return f->value.text;
  }

  Result<std::optional<std::int64_t>> time(std::string_view key) const {
    const detail::JsonField* f = r_.get(key);
    if (f == nullptr || f->value.kind == JsonValue::Kind::kNull) {
      return std::optional<std::int64_t>{};
    }
    std::optional<std::int64_t> t;
    if (f->value.kind == JsonValue::Kind::kString) t = parse_timestamp(f->value.text);
    if (!t) {
      return detail::field_error(text_, name_, path(key), "an ISO 8601 time", f->value);
    }
    return t;
  }

 private:
  const JsonRecord& r_;
  std::string_view text_;
  std::string_view name_;
};

constexpr std::int64_t kMaxId = (std::int64_t{1} << 53);

Result<Network> to_network(const Fields& f) {
  Network n;
  MANRS_TRY(n.id, f.integer("id", true, 0, kMaxId));
  MANRS_TRY(n.org_id, f.integer("org_id", false, 0, kMaxId));
  MANRS_TRY(const std::int64_t asn, f.integer("asn", true, 0, 0xFFFFFFFFLL));
  n.asn = static_cast<net::Asn>(asn);
  MANRS_TRY(n.name, f.string("name"));
  MANRS_TRY(n.irr_as_set, f.string("irr_as_set"));
  MANRS_TRY(n.website, f.string("website"));
  MANRS_TRY(n.policy_url, f.string("policy_url"));
  MANRS_TRY(n.info_prefixes4, f.integer("info_prefixes4", false, 0, kMaxId));
  MANRS_TRY(n.info_prefixes6, f.integer("info_prefixes6", false, 0, kMaxId));
  MANRS_TRY(n.updated, f.time("updated"));
  MANRS_TRY(n.poc_updated, f.time("poc_updated"));
  MANRS_TRY(n.status, f.string("status"));
  return n;
}

Result<Poc> to_poc(const Fields& f) {
  Poc p;
  MANRS_TRY(p.id, f.integer("id", true, 0, kMaxId));
  MANRS_TRY(p.net_id, f.integer("net_id", true, 0, kMaxId));
  MANRS_TRY(p.role, f.string("role"));
  MANRS_TRY(p.visible, f.string("visible"));
  MANRS_TRY(p.name, f.string("name"));
  MANRS_TRY(p.email, f.string("email"));
  MANRS_TRY(p.phone, f.string("phone"));
  MANRS_TRY(p.url, f.string("url"));
  MANRS_TRY(p.updated, f.time("updated"));
  MANRS_TRY(p.status, f.string("status"));
  return p;
}

Result<Org> to_org(const Fields& f) {
  Org o;
  MANRS_TRY(o.id, f.integer("id", true, 0, kMaxId));
  MANRS_TRY(o.name, f.string("name"));
  MANRS_TRY(o.country, f.string("country"));
  MANRS_TRY(o.updated, f.time("updated"));
  MANRS_TRY(o.status, f.string("status"));
  return o;
}

// Keeps the last object of each id (later files replace earlier ones).
template <typename T>
void keep_last_by_id(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
  std::vector<T> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i + 1 < v.size() && v[i + 1].id == v[i].id) continue;
    out.push_back(std::move(v[i]));
  }
  v = std::move(out);
}

}  // namespace

Result<PeeringDbLoadReport> PeeringDb::load_file(const std::string& path,
                                                 const PeeringDbOptions& options) {
  MANRS_TRY(std::string text, detail::read_file_bounded(path, options.max_file_bytes));
  return load_text(text, path);
}

Result<PeeringDbLoadReport> PeeringDb::load_text(std::string_view json, std::string_view name) {
  PeeringDbLoadReport report;
  report.file = std::string(name);
  std::vector<Network> nets;
  std::vector<Poc> pocs;
  std::vector<Org> orgs;
  const detail::JsonLimits limits;
  const Status st = detail::scan_json(json, name, limits, false, [&](JsonRecord& r) -> Status {
    Kind kind = Kind::kOther;
    if (r.path == "data" || r.path.empty()) {
      kind = detect(r);
    } else if (r.path == "net.data") {
      kind = Kind::kNet;
    } else if (r.path == "poc.data") {
      kind = Kind::kPoc;
    } else if (r.path == "org.data") {
      kind = Kind::kOrg;
    } else if (r.path == "$") {
      return {};  // scalar members of the root object (none in PeeringDB files)
    }
    const Fields f(r, json, name);
    switch (kind) {
      case Kind::kNet: {
        MANRS_TRY(Network n, to_network(f));
        nets.push_back(std::move(n));
        break;
      }
      case Kind::kPoc: {
        MANRS_TRY(Poc p, to_poc(f));
        pocs.push_back(std::move(p));
        break;
      }
      case Kind::kOrg: {
        MANRS_TRY(Org o, to_org(f));
        orgs.push_back(std::move(o));
        break;
      }
      case Kind::kOther:
        ++report.other;
        break;
    }
    return {};
  });
  if (!st) return st.error();
  report.nets = nets.size();
  report.pocs = pocs.size();
  report.orgs = orgs.size();
  std::move(nets.begin(), nets.end(), std::back_inserter(nets_));
  std::move(pocs.begin(), pocs.end(), std::back_inserter(pocs_));
  std::move(orgs.begin(), orgs.end(), std::back_inserter(orgs_));
  return report;
}

void PeeringDb::finalize() {
  keep_last_by_id(nets_);
  keep_last_by_id(pocs_);
  keep_last_by_id(orgs_);
  std::sort(nets_.begin(), nets_.end(), [](const Network& a, const Network& b) {
    return a.asn != b.asn ? a.asn < b.asn : a.id < b.id;
  });
  std::sort(pocs_.begin(), pocs_.end(), [](const Poc& a, const Poc& b) {
    return a.net_id != b.net_id ? a.net_id < b.net_id : a.id < b.id;
  });
}

const Network* PeeringDb::network(net::Asn asn) const {
  auto it = std::lower_bound(nets_.begin(), nets_.end(), asn,
                             [](const Network& n, net::Asn a) { return n.asn < a; });
  const Network* best = nullptr;
  for (; it != nets_.end() && it->asn == asn; ++it) {
    if (best == nullptr) {
      best = &*it;
      continue;
    }
    const bool ok = it->status == "ok";
    const bool best_ok = best->status == "ok";
    if (ok != best_ok) {
      if (ok) best = &*it;
      continue;
    }
    if (it->updated.value_or(0) > best->updated.value_or(0)) best = &*it;
  }
  return best;
}

std::vector<const Poc*> PeeringDb::pocs(std::int64_t net_id) const {
  std::vector<const Poc*> out;
  auto it = std::lower_bound(pocs_.begin(), pocs_.end(), net_id,
                             [](const Poc& p, std::int64_t id) { return p.net_id < id; });
  for (; it != pocs_.end() && it->net_id == net_id; ++it) {
    out.push_back(&*it);
  }
  return out;
}

const Org* PeeringDb::org(std::int64_t id) const {
  auto it = std::lower_bound(orgs_.begin(), orgs_.end(), id,
                             [](const Org& o, std::int64_t v) { return o.id < v; });
  return it != orgs_.end() && it->id == id ? &*it : nullptr;
}

}  // namespace manrs::registry
