// registry/peeringdb.h — PeeringDB networks, points of contact and organisations from JSON files.
//
// Reads API pages (`{"data":[...], "meta":{...}}` of net, poc or org objects; the kind of each
// object is detected from its fields, not from the file name) and full dumps (`{"net":{"data":
// [...]}, "poc":{"data":[...]}, "org":{"data":[...]}, "fac":..., ...}`, the kind from the key).
// Other object kinds (fac, ix, carrier, ...) are counted and skipped. Several files merge; an
// object seen again (same kind and id) replaces the earlier one, as a newer page would. Call
// finalize() after the last load; lookups are then const and thread-safe.
// Start with PeeringDb::load_file, then network(asn) and pocs(net_id). MANRS Action 3 uses the
// net's poc_set (roles NOC / Abuse / Policy / Technical / Maintenance) and irr_as_set.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/net/asn.h"

namespace manrs::registry {

// A PeeringDB `net` object (the fields MANRS uses). Timestamps are Unix seconds.
struct Network {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  net::Asn asn = 0;
  std::string name;
  std::string irr_as_set;  // as written: "AS-FOO", "RIPE::AS-FOO AS-BAR" ("" = none)
  std::string website;
  std::string policy_url;
  std::int64_t info_prefixes4 = 0;
  std::int64_t info_prefixes6 = 0;
  std::optional<std::int64_t> updated;
  std::optional<std::int64_t> poc_updated;
  std::string status;  // "ok", "deleted", "pending"
};

// A `poc` (point of contact) of a net. `visible` is "Public", "Users" or "Private"; `role` is
// one of Abuse, Maintenance, NOC, Policy, Public Relations, Sales, Technical.
struct Poc {
  std::int64_t id = 0;
  std::int64_t net_id = 0;
  std::string role;
  std::string visible;
  std::string name;
  std::string email;
  std::string phone;
  std::string url;
  std::optional<std::int64_t> updated;
  std::string status;
};

struct Org {
  std::int64_t id = 0;
  std::string name;
  std::string country;  // ISO 3166 code
  std::optional<std::int64_t> updated;
  std::string status;
};

struct PeeringDbOptions {
  // Largest file accepted (decompressed bytes): the 2026 full dump is ~60 MB; a bigger file is
  // refused (kLimitExceeded) instead of read.
  std::uint64_t max_file_bytes = 512ULL * 1024U * 1024U;
};

struct PeeringDbLoadReport {
  std::string file;
  std::uint64_t nets = 0, pocs = 0, orgs = 0;
  std::uint64_t other = 0;  // objects of other kinds (fac, ix, ...), skipped
};

class PeeringDb {
 public:
  // Reads one file (plain or compressed). Untrusted input: a syntax error, a limit or a field of
  // the wrong type is an Error naming the file, line, byte offset and field
  // ("net.json:1: offset 1234: net.data[3].asn: want an integer, have \"x\""); nothing of a
  // failed file is kept. Not after finalize().
  [[nodiscard]] Result<PeeringDbLoadReport> load_file(const std::string& path,
                                                      const PeeringDbOptions& options = {});
  // The same for JSON text in memory; `name` is used in errors.
  [[nodiscard]] Result<PeeringDbLoadReport> load_text(std::string_view json, std::string_view name);
  // Sorts the indexes. Call once after the last load.
  void finalize();

  // The net of `asn`: the one with status "ok" if any, else the newest by `updated`.
  [[nodiscard]] const Network* network(net::Asn asn) const;
  // The pocs of a net, by id.
  [[nodiscard]] std::vector<const Poc*> pocs(std::int64_t net_id) const;
  [[nodiscard]] const Org* org(std::int64_t id) const;

  [[nodiscard]] const std::vector<Network>& networks() const { return nets_; }
  [[nodiscard]] const std::vector<Poc>& all_pocs() const { return pocs_; }
  [[nodiscard]] const std::vector<Org>& orgs() const { return orgs_; }
  [[nodiscard]] bool empty() const { return nets_.empty() && pocs_.empty() && orgs_.empty(); }

 private:
  std::vector<Network> nets_;  // after finalize: sorted by (asn, id), one per id
  std::vector<Poc> pocs_;      // after finalize: sorted by (net_id, id)
  std::vector<Org> orgs_;      // after finalize: sorted by id
};

}  // namespace manrs::registry
