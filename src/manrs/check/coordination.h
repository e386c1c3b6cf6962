// check/coordination.h — MANRS Action 3 (M8, contact information) and the aut-num / as-set part
// of Action 4 (the prototype metric M6), from IRR (RPSL) data and PeeringDB.
//
// coordination_checks() lists what an operator can check by hand (manrs-spec §2.3): the aut-num,
// its admin-c / tech-c / abuse-c resolved to role, person or organisation objects with e-mail,
// phone and abuse-mailbox, its mnt-by and maintainer, the PeeringDB net and its pocs by role and
// visibility; each Check names what is missing and whether it is stale (Config::stale_days).
// M8 (m8_percent, docs/coordination.md): 100 % when one counted contact route is present — an
// aut-num admin-c or tech-c (the [PROTO] rule), or a PeeringDB NOC/Technical poc visible Public or
// Users with an e-mail or a phone; abuse contacts are reported with counted = false; 0 % otherwise;
// no IRR and no PeeringDB data → no data. policy_checks() gives M6 (an aut-num with at least one
// import/mp-import and one export/mp-export) and the AS's own as-sets.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "manrs/check/model.h"
#include "manrs/net/asn.h"

namespace manrs::irr {
class Database;
}
namespace manrs::registry {
class PeeringDb;
}

namespace manrs::check {

// Which contact classes the IRR data holds. The public RIPE dumps carry no person/role objects
// (personal data removed), so an unresolvable admin-c there says nothing about the operator.
struct IrrContactData {
  bool persons_or_roles = false;
  bool mntners = false;
  bool organisations = false;
  // Any aut-num at all: without one (a route-object dump only) the IRR says nothing about
  // contacts, and its checks are not made (M8 then rests on PeeringDB, or has no data).
  bool aut_nums = false;
};
// One pass over the database's statistics; compute once and reuse for many ASes.
[[nodiscard]] IrrContactData irr_contact_data(const irr::Database& db);

// Action 3 checks for `asn`. `irr` / `pdb` may be null (no such data); `now` (Unix seconds)
// dates the staleness test. Check ids: irr.aut-num, irr.aut-num.admin-c, irr.aut-num.tech-c,
// irr.aut-num.abuse-c, irr.abuse-mailbox, irr.aut-num.mnt-by, irr.organisation, peeringdb.net,
// peeringdb.poc.noc, peeringdb.poc.technical, peeringdb.poc.abuse, peeringdb.poc.policy,
// peeringdb.poc.maintenance.
[[nodiscard]] Coordination coordination_checks(net::Asn asn, const irr::Database* irr,
                                               const registry::PeeringDb* pdb, std::int64_t now,
                                               const Config& config);
// The same with the IRR contact classes computed once by the caller (`manrs check --all`).
[[nodiscard]] Coordination coordination_checks(net::Asn asn, const irr::Database* irr,
                                               const IrrContactData& irr_data,
                                               const registry::PeeringDb* pdb, std::int64_t now,
                                               const Config& config);
// M8: nullopt without IRR and PeeringDB data; else 100 when a counted check is ok, else 0.
[[nodiscard]] std::optional<double> m8_percent(const Coordination& c);

// M6 and the as-sets. Check ids: irr.aut-num.policy, irr.as-set, peeringdb.irr_as_set (the last
// only with PeeringDB data).
[[nodiscard]] PolicyInfo policy_checks(net::Asn asn, const irr::Database* irr,
                                       const registry::PeeringDb* pdb, const Config& config);
// The same with irr->set_names(kAsSet) computed once by the caller (`manrs check --all`: the
// list is built and sorted per call otherwise).
[[nodiscard]] PolicyInfo policy_checks(net::Asn asn, const irr::Database* irr,
                                       std::span<const std::string_view> as_set_names,
                                       const registry::PeeringDb* pdb, const Config& config);
// M6: nullopt without IRR data; else 100 when the aut-num has >= 1 import and >= 1 export.
[[nodiscard]] std::optional<double> m6_percent(const PolicyInfo& p);

}  // namespace manrs::check
