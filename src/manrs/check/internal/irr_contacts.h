// check/internal/irr_contacts.h — IRR lookups shared by coordination.cpp and remediation.cpp:
// the aut-num of an AS, contact objects by handle, and object dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/irr/database.h"
#include "manrs/irr/objects.h"
#include "manrs/net/asn.h"

namespace manrs::check::detail {

struct FoundAutNum {
  irr::ObjectId id = 0;
  std::string source;
  irr::AutNumObject obj;
  std::optional<std::int64_t> updated;
};

struct FoundContact {
  irr::ObjectId id = 0;
  std::string source;
  irr::ContactObject obj;
  std::optional<std::int64_t> updated;
};

// The dates of an object: last-modified, else the newest `changed:` date, else created.
[[nodiscard]] std::optional<std::int64_t> object_updated(const irr::RpslObject& obj,
                                                         const irr::CommonFields& common);

// Every aut-num of `asn` that parses, in source order.
[[nodiscard]] std::vector<FoundAutNum> aut_nums(const irr::Database& db, net::Asn asn);
// The best aut-num for policy: the first with both imports and exports, else the first.
[[nodiscard]] std::optional<FoundAutNum> policy_aut_num(const irr::Database& db, net::Asn asn);

// A role or person by nic-hdl (role first), an organisation or a mntner by name.
[[nodiscard]] std::optional<FoundContact> find_contact(const irr::Database& db,
                                                       irr::ObjectClass cls,
                                                       std::string_view handle);
[[nodiscard]] std::optional<FoundContact> find_person_or_role(const irr::Database& db,
                                                              std::string_view handle);

unsigned count_imports(const irr::AutNumObject& a);
unsigned count_exports(const irr::AutNumObject& a);

}  // namespace manrs::check::detail
