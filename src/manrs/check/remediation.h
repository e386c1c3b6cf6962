// check/remediation.h — what to change, for every gap of an AsReport: the objects to submit and
// the commands to run (check/model.h Fix).
//
// Fixes, in Action order:
//  - Action 1: withdraw bogon / unauthorised originations (M2, M3, RPKI-invalid, administrative
//    bogons), filter bogon ASNs (M4) and leaks (M1), and for every customer named in a C-metric
//    event `manrs filter AS<c> --mode irr-rpki -d <dialect>` and `manrs antispoof AS<c>
//    --local-as <asn>`;
//  - Action 2: source address validation for the spoofable prefixes (M5);
//  - Action 3: a NOC role object (e-mail, abuse-mailbox, nic-hdl, mnt-by), the aut-num with its
//    missing admin-c / tech-c / abuse-c lines, PeeringDB net / NOC poc;
//  - Action 4: route/route6 objects for announced routes without a matching one (IrrCoverage
//    kNone / kOtherOrigin) in the RIR's IRR (manrs-spec §2.4), an aut-num policy template built
//    from the relationships, as-sets, PeeringDB irr_as_set; ROAs per RFC 9319 (one per announced
//    prefix, maxLength = its length; exact ROAs for invalid-length more-specifics, never a looser
//    maxLength; the holder must authorise an invalid origin), tightening of loose maxLength, and
//    AS0 ROA candidates (RFC 6491, RFC 7607) for registered space not announced in the window.
// RPSL texts are `attribute: value` lines (several objects separated by a blank line); ROAs are
// written as the VRP CSV validators export ("ASN,IP Prefix,Max Length"), which `manrs vrp` reads.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/check/model.h"
#include "manrs/net/asn.h"
#include "manrs/rpki/vrp.h"

namespace manrs::irr {
class Database;
}
namespace manrs::rpki {
class RovTable;
}
namespace manrs::registry {
class PeeringDb;
}

namespace manrs::check {

struct RemediationInputs {
  const irr::Database* irr = nullptr;   // the aut-num, contacts, route objects (optional)
  const rpki::RovTable* rov = nullptr;  // the VRPs covering a route (optional)
  std::span<const rpki::Vrp> vrps;      // every VRP: loose maxLength, AS0 candidates
  const registry::PeeringDb* peeringdb = nullptr;  // website domain, customers' irr_as_set
  std::vector<net::Asn> customers;                 // direct customers of the AS
  std::vector<net::Asn> providers;
  std::vector<net::Asn> peers;
  std::string registry;    // "ripencc", "arin", "apnic", "afrinic", "lacnic" ("" = unknown)
  std::string maintainer;  // mnt-by of generated objects; "" = the aut-num's, else MAINT-AS<n>
};

// The IRR of a registry (manrs-spec §2.4 table): "RIPE", "ARIN", "APNIC", "AFRINIC", "LACNIC";
// "RADB" for anything else.
[[nodiscard]] std::string irr_source_for(std::string_view registry);

[[nodiscard]] std::vector<Fix> remediate(const AsReport& report, const RemediationInputs& in);

}  // namespace manrs::check
