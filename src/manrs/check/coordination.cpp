// check/coordination.cpp — see coordination.h; the M8 rule is explained in docs/coordination.md.
#include "manrs/check/coordination.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "manrs/check/internal/irr_contacts.h"
#include "manrs/irr/database.h"
#include "manrs/irr/objects.h"
#include "manrs/registry/dates.h"
#include "manrs/registry/peeringdb.h"

namespace manrs::check {

namespace detail {

std::optional<std::int64_t> object_updated(const irr::RpslObject& obj,
                                           const irr::CommonFields& common) {
  if (auto t = registry::parse_timestamp(common.last_modified)) return t;
  std::optional<std::int64_t> newest;
  std::string scratch;
  for (const irr::RawAttribute& a : obj.attributes) {
    if (!a.is("changed")) continue;
    std::string_view v = irr::attribute_value(a.raw, scratch);
    const std::size_t sp = v.find_last_of(" \t");
    if (sp != std::string_view::npos) v = v.substr(sp + 1);
    if (auto t = registry::parse_timestamp(v); t && (!newest || *t > *newest)) newest = t;
  }
  if (newest) return newest;
  return registry::parse_timestamp(common.created);
}

std::vector<FoundAutNum> aut_nums(const irr::Database& db, net::Asn asn) {
  std::vector<FoundAutNum> out;
  for (irr::ObjectId id : db.find(irr::ObjectClass::kAutNum, net::format_asn(asn), {})) {
    auto obj = db.object(id);
    if (!obj) continue;
    const std::string source(db.source_name(db.object_source(id)));
    auto an = irr::parse_aut_num(*obj, source);
    if (!an || an->asn != asn) continue;
    FoundAutNum f;
    f.id = id;
    f.source = source;
    f.updated = object_updated(*obj, an->common);
    f.obj = std::move(*an);
    out.push_back(std::move(f));
  }
  return out;
}

unsigned count_imports(const irr::AutNumObject& a) {
  return static_cast<unsigned>(
      std::count_if(a.policies.begin(), a.policies.end(), [](const auto& p) {
        return p.kind == irr::Policy::Kind::kImport || p.kind == irr::Policy::Kind::kMpImport;
      }));
}

unsigned count_exports(const irr::AutNumObject& a) {
  return static_cast<unsigned>(
      std::count_if(a.policies.begin(), a.policies.end(), [](const auto& p) {
        return p.kind == irr::Policy::Kind::kExport || p.kind == irr::Policy::Kind::kMpExport;
      }));
}

std::optional<FoundAutNum> policy_aut_num(const irr::Database& db, net::Asn asn) {
  auto all = aut_nums(db, asn);
  if (all.empty()) return std::nullopt;
  for (auto& a : all) {
    if (count_imports(a.obj) > 0 && count_exports(a.obj) > 0) return std::move(a);
  }
  return std::move(all.front());
}

std::optional<FoundContact> find_contact(const irr::Database& db, irr::ObjectClass cls,
                                         std::string_view handle) {
  for (irr::ObjectId id : db.find(cls, handle, {})) {
    if (db.object_class(id) != cls) continue;
    auto obj = db.object(id);
    if (!obj) continue;
    const std::string source(db.source_name(db.object_source(id)));
    auto c = irr::parse_contact(*obj, source);
    if (!c) continue;
    FoundContact f;
    f.id = id;
    f.source = source;
    f.updated = object_updated(*obj, c->common);
    f.obj = std::move(*c);
    return f;
  }
  return std::nullopt;
}

std::optional<FoundContact> find_person_or_role(const irr::Database& db, std::string_view handle) {
  if (auto r = find_contact(db, irr::ObjectClass::kRole, handle)) return r;
  return find_contact(db, irr::ObjectClass::kPerson, handle);
}

}  // namespace detail

namespace {

constexpr std::int64_t kDay = 86400;

void set_updated(Check& c, std::optional<std::int64_t> t, std::int64_t now, const Config& cfg) {
  c.updated = t;
  c.stale = t && now - *t > std::int64_t{cfg.stale_days} * kDay;
  if (c.stale) {
    c.detail +=
        fmt::format("{}not changed since {} (more than {} days)", c.detail.empty() ? "" : "; ",
                    format_time(*t).substr(0, 10), cfg.stale_days);
  }
}

void add_detail(std::string& d, std::string_view more) {
  if (!d.empty()) d += "; ";
  d += more;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string describe(const detail::FoundContact& c) {
  std::vector<std::string> parts;
  parts.emplace_back(irr::to_string(c.obj.cls));
  if (!c.obj.name.empty()) parts.push_back(fmt::format("'{}'", c.obj.name));
  if (!c.obj.e_mail.empty()) parts.push_back(c.obj.e_mail.front());
  if (!c.obj.phone.empty()) parts.push_back(c.obj.phone.front());
  if (!c.obj.abuse_mailbox.empty()) {
    parts.push_back(fmt::format("abuse-mailbox {}", c.obj.abuse_mailbox.front()));
  }
  return fmt::format("{} ({})", c.obj.handle, join(parts, ", "));
}

// admin-c / tech-c: at least one handle resolves to a role/person with an e-mail or a phone,
// or cannot be resolved because the data has no role/person objects ([PROTO]: non-empty).
Check contact_check(std::string_view attr, const std::vector<std::string>& handles,
                    const detail::FoundAutNum& an, const irr::Database& db,
                    const IrrContactData& data, std::int64_t now, const Config& cfg) {
  Check c;
  c.id = fmt::format("irr.aut-num.{}", attr);
  c.title = fmt::format("aut-num {} resolves to a role/person with e-mail or phone", attr);
  c.source = an.source;
  if (handles.empty()) {
    c.detail = fmt::format("aut-num {} has no {}", net::format_asn(an.obj.asn), attr);
    return c;
  }
  std::vector<std::string> values;
  std::optional<std::int64_t> updated;
  for (const std::string& h : handles) {
    auto found = detail::find_person_or_role(db, h);
    if (!found) {
      if (!data.persons_or_roles) {
        c.ok = true;
        values.push_back(h);
        add_detail(c.detail, fmt::format("{} not resolved: no role/person objects in the data", h));
      } else {
        add_detail(c.detail, fmt::format("{}: no role or person object with this nic-hdl", h));
      }
      continue;
    }
    values.push_back(describe(*found));
    const bool mail = !found->obj.e_mail.empty();
    const bool phone = !found->obj.phone.empty();
    if (mail || phone) {
      c.ok = true;
      if (found->updated && (!updated || *found->updated > *updated)) updated = found->updated;
    }
    if (!mail) add_detail(c.detail, fmt::format("{}: no e-mail", h));
    if (!phone) add_detail(c.detail, fmt::format("{}: no phone", h));
  }
  c.value = join(values, "; ");
  set_updated(c, updated, now, cfg);
  return c;
}

void irr_checks(net::Asn asn, const irr::Database& db, const IrrContactData& data, std::int64_t now,
                const Config& cfg, std::vector<Check>& out) {
  const auto all = detail::aut_nums(db, asn);
  Check base;
  base.id = "irr.aut-num";
  base.title = "aut-num object registered";
  base.counted = false;
  if (all.empty()) {
    base.detail = fmt::format("no aut-num {} in the IRR data", net::format_asn(asn));
    for (const char* attr : {"admin-c", "tech-c"}) {
      Check c;
      c.id = fmt::format("irr.aut-num.{}", attr);
      c.title = fmt::format("aut-num {} resolves to a role/person with e-mail or phone", attr);
      c.detail = base.detail;
      out.push_back(std::move(c));
    }
    out.push_back(std::move(base));
    return;
  }
  const detail::FoundAutNum& an = all.front();
  base.ok = true;
  base.source = an.source;
  base.value = fmt::format("{} {}", net::format_asn(asn), an.obj.as_name);
  if (all.size() > 1) {
    std::vector<std::string> others;
    for (std::size_t i = 1; i < all.size(); ++i) others.push_back(all[i].source);
    base.value += fmt::format(" (also in {})", join(others, ", "));
  }
  set_updated(base, an.updated, now, cfg);
  out.push_back(std::move(base));
  out.push_back(contact_check("admin-c", an.obj.common.admin_c, an, db, data, now, cfg));
  out.push_back(contact_check("tech-c", an.obj.common.tech_c, an, db, data, now, cfg));

  // Organisation (org:), and abuse-c on the aut-num or on its organisation.
  std::optional<detail::FoundContact> org;
  if (!an.obj.common.org.empty()) {
    Check c;
    c.id = "irr.organisation";
    c.title = "organisation object referenced by the aut-num";
    c.counted = false;
    c.source = an.source;
    org = detail::find_contact(db, irr::ObjectClass::kOrganisation, an.obj.common.org);
    if (org) {
      c.ok = true;
      c.value = describe(*org);
      c.source = org->source;
      set_updated(c, org->updated, now, cfg);
    } else if (!data.organisations) {
      c.ok = true;
      c.value = an.obj.common.org;
      c.detail =
          fmt::format("{} not resolved: no organisation objects in the data", an.obj.common.org);
    } else {
      c.detail = fmt::format("{}: no organisation object with this id", an.obj.common.org);
    }
    out.push_back(std::move(c));
  }
  Check abuse;
  abuse.id = "irr.aut-num.abuse-c";
  abuse.title = "abuse-c (aut-num or organisation) resolves to a role with abuse-mailbox";
  abuse.counted = false;
  abuse.source = an.source;
  std::string handle = an.obj.common.abuse_c;
  std::string via = "aut-num";
  if (handle.empty() && org) {
    handle = org->obj.common.abuse_c;
    via = fmt::format("organisation {}", org->obj.handle);
  }
  Check mailbox;
  mailbox.id = "irr.abuse-mailbox";
  mailbox.title = "abuse-mailbox registered";
  mailbox.counted = false;
  if (handle.empty()) {
    abuse.detail = fmt::format("no abuse-c on the aut-num{}",
                               org ? " or its organisation" : " and no org: to inherit one from");
  } else if (auto r = detail::find_person_or_role(db, handle)) {
    abuse.value = fmt::format("{} (via {})", describe(*r), via);
    abuse.ok = !r->obj.abuse_mailbox.empty();
    if (!abuse.ok) abuse.detail = fmt::format("{}: no abuse-mailbox", handle);
    set_updated(abuse, r->updated, now, cfg);
    if (!r->obj.abuse_mailbox.empty()) {
      mailbox.ok = true;
      mailbox.value = r->obj.abuse_mailbox.front();
      mailbox.source = r->source;
    }
  } else if (!data.persons_or_roles) {
    abuse.ok = true;
    abuse.value = fmt::format("{} (via {})", handle, via);
    abuse.detail = fmt::format("{} not resolved: no role/person objects in the data", handle);
  } else {
    abuse.detail = fmt::format("{}: no role object with this nic-hdl", handle);
  }
  if (!mailbox.ok && org && !org->obj.abuse_mailbox.empty()) {
    mailbox.ok = true;
    mailbox.value = org->obj.abuse_mailbox.front();
    mailbox.source = org->source;
  }
  if (!mailbox.ok) {
    mailbox.detail = abuse.ok && !data.persons_or_roles
                         ? "not resolved: no role/person objects in the data"
                         : "no abuse-mailbox on the abuse-c role or the organisation";
  }
  out.push_back(std::move(abuse));
  out.push_back(std::move(mailbox));

  Check mnt;
  mnt.id = "irr.aut-num.mnt-by";
  mnt.title = "aut-num protected by mnt-by with an existing mntner";
  mnt.counted = false;
  mnt.source = an.source;
  if (an.obj.common.mnt_by.empty()) {
    mnt.detail = "aut-num has no mnt-by";
  } else {
    std::vector<std::string> found;
    for (const std::string& m : an.obj.common.mnt_by) {
      if (detail::find_contact(db, irr::ObjectClass::kMntner, m)) {
        found.push_back(m);
      } else if (!data.mntners) {
        found.push_back(m);
        add_detail(mnt.detail, fmt::format("{} not resolved: no mntner objects in the data", m));
      } else {
        add_detail(mnt.detail, fmt::format("{}: no mntner object with this name", m));
      }
    }
    mnt.ok = !found.empty();
    mnt.value = join(an.obj.common.mnt_by, ", ");
  }
  out.push_back(std::move(mnt));
}

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void peeringdb_checks(net::Asn asn, const registry::PeeringDb& pdb, std::int64_t now,
                      const Config& cfg, std::vector<Check>& out) {
  Check base;
  base.id = "peeringdb.net";
  base.title = "PeeringDB network record";
  base.counted = false;
  const registry::Network* n = pdb.network(asn);
  if (n == nullptr) {
    base.detail = fmt::format("no PeeringDB net for {}", net::format_asn(asn));
    out.push_back(std::move(base));
    return;
  }
  base.ok = n->status.empty() || n->status == "ok";
  base.value = n->name;
  base.source = fmt::format("PeeringDB net {}", n->id);
  if (!base.ok) base.detail = fmt::format("status {}", n->status);
  set_updated(base, n->updated, now, cfg);
  out.push_back(std::move(base));

  struct Role {
    std::string_view name;  // as PeeringDB writes it
    std::string_view id;
    bool counted;
  };
  constexpr Role kRoles[] = {{"NOC", "noc", true},
                             {"Technical", "technical", true},
                             {"Abuse", "abuse", false},
                             {"Policy", "policy", false},
                             {"Maintenance", "maintenance", false}};
  const auto pocs = pdb.pocs(n->id);
  for (const Role& role : kRoles) {
    Check c;
    c.id = fmt::format("peeringdb.poc.{}", role.id);
    c.title = fmt::format("PeeringDB {} contact, visible Public or Users, with e-mail or phone",
                          role.name);
    c.counted = role.counted;
    c.source = fmt::format("PeeringDB net {}", n->id);
    std::vector<std::string> values;
    std::optional<std::int64_t> updated;
    bool any = false;
    for (const registry::Poc* p : pocs) {
      if (lower(p->role) != lower(role.name) || p->status == "deleted") continue;
      any = true;
      values.push_back(fmt::format("{} ({}{}{})", p->name.empty() ? "poc" : p->name, p->visible,
                                   p->email.empty() ? "" : ", " + p->email,
                                   p->phone.empty() ? "" : ", " + p->phone));
      const bool visible = p->visible == "Public" || p->visible == "Users";
      const bool reach = !p->email.empty() || !p->phone.empty();
      if (!visible) add_detail(c.detail, fmt::format("poc {}: visible {}", p->id, p->visible));
      if (!reach) add_detail(c.detail, fmt::format("poc {}: no e-mail or phone", p->id));
      if (visible && reach) {
        c.ok = true;
        if (p->updated && (!updated || *p->updated > *updated)) updated = p->updated;
      }
    }
    if (!any) c.detail = fmt::format("no {} poc", role.name);
    c.value = join(values, "; ");
    set_updated(c, updated, now, cfg);
    out.push_back(std::move(c));
  }
}

// Registry maintainers that hold thousands of objects (not the operator's own).
bool registry_maintainer(std::string_view m) {
  return m.starts_with("RIPE-NCC-") || m.find("-HM-MNT") != std::string_view::npos ||
         m.starts_with("APNIC-") || m.starts_with("AFRINIC-") || m.starts_with("LACNIC-") ||
         m.starts_with("ARIN-");
}

std::string upper(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

IrrContactData irr_contact_data(const irr::Database& db) {
  IrrContactData d;
  for (const auto& row : db.stats().rows) {
    if (row.objects == 0) continue;
    if (row.cls == irr::ObjectClass::kPerson || row.cls == irr::ObjectClass::kRole) {
      d.persons_or_roles = true;
    }
    if (row.cls == irr::ObjectClass::kMntner) d.mntners = true;
    if (row.cls == irr::ObjectClass::kOrganisation) d.organisations = true;
    if (row.cls == irr::ObjectClass::kAutNum) d.aut_nums = true;
  }
  return d;
}

Coordination coordination_checks(net::Asn asn, const irr::Database* irr,
                                 const registry::PeeringDb* pdb, std::int64_t now,
                                 const Config& config) {
  const IrrContactData data = irr != nullptr ? irr_contact_data(*irr) : IrrContactData{};
  return coordination_checks(asn, irr, data, pdb, now, config);
}

Coordination coordination_checks(net::Asn asn, const irr::Database* irr,
                                 const IrrContactData& irr_data, const registry::PeeringDb* pdb,
                                 std::int64_t now, const Config& config) {
  Coordination c;
  c.have_irr = irr != nullptr && irr_data.aut_nums;
  c.have_peeringdb = pdb != nullptr;
  if (c.have_irr) irr_checks(asn, *irr, irr_data, now, config, c.checks);
  if (pdb != nullptr) peeringdb_checks(asn, *pdb, now, config, c.checks);
  return c;
}

std::optional<double> m8_percent(const Coordination& c) {
  if (!c.have_irr && !c.have_peeringdb) return std::nullopt;
  const bool any = std::any_of(c.checks.begin(), c.checks.end(),
                               [](const Check& k) { return k.counted && k.ok; });
  return any ? 100.0 : 0.0;
}

PolicyInfo policy_checks(net::Asn asn, const irr::Database* irr, const registry::PeeringDb* pdb,
                         const Config& config) {
  std::vector<std::string_view> names;
  if (irr != nullptr) names = irr->set_names(irr::ObjectClass::kAsSet);
  return policy_checks(asn, irr, names, pdb, config);
}

PolicyInfo policy_checks(net::Asn asn, const irr::Database* irr,
                         std::span<const std::string_view> names, const registry::PeeringDb* pdb,
                         const Config& /*config*/) {
  PolicyInfo p;
  p.have_irr = irr != nullptr;
  const registry::Network* n = pdb != nullptr ? pdb->network(asn) : nullptr;
  if (n != nullptr) p.peeringdb_as_set = n->irr_as_set;
  const std::string as = net::format_asn(asn);

  Check pol;
  pol.id = "irr.aut-num.policy";
  pol.title = "aut-num documents routing policy (>= 1 import and >= 1 export)";
  std::set<std::string> own;
  std::string mnt_note;
  if (irr != nullptr) {
    if (auto an = detail::policy_aut_num(*irr, asn)) {
      p.aut_num = true;
      p.as_name = an->obj.as_name;
      p.imports = detail::count_imports(an->obj);
      p.exports = detail::count_exports(an->obj);
      pol.source = an->source;
      pol.updated = an->updated;
      pol.value = fmt::format("{} import/mp-import, {} export/mp-export", p.imports, p.exports);
      pol.ok = p.imports > 0 && p.exports > 0;
      if (p.imports == 0) add_detail(pol.detail, "no import or mp-import");
      if (p.exports == 0) add_detail(pol.detail, "no export or mp-export");
      // As-sets maintained by the aut-num's own maintainers.
      for (const std::string& m : an->obj.common.mnt_by) {
        if (registry_maintainer(m)) continue;
        for (irr::ObjectId id : irr->by_mnt_by(m, {})) {
          if (irr->object_class(id) != irr::ObjectClass::kAsSet) continue;
          auto obj = irr->object(id);
          std::string scratch;
          if (obj) own.insert(upper(obj->key(scratch)));
        }
        if (!mnt_note.empty()) mnt_note += ", ";
        mnt_note += m;
      }
    } else {
      pol.detail = fmt::format("no aut-num {} in the IRR data", as);
    }
    // As-sets named under the AS: "AS64500:AS-CUSTOMERS".
    const std::string prefix = as + ":";
    for (auto it = std::lower_bound(names.begin(), names.end(), std::string_view(prefix));
         it != names.end() && it->starts_with(prefix); ++it) {
      own.insert(std::string(*it));
    }
  } else {
    pol.detail = "no IRR data";
  }
  p.checks.push_back(std::move(pol));

  // The PeeringDB irr_as_set: every named set must exist (a "SOURCE::" pin is honoured when that
  // source is loaded).
  std::optional<Check> pdb_check;
  if (pdb != nullptr) {
    Check c;
    c.id = "peeringdb.irr_as_set";
    c.title = "PeeringDB irr_as_set names as-sets that exist in the IRR";
    c.counted = false;
    c.value = p.peeringdb_as_set;
    if (n == nullptr) {
      c.detail = fmt::format("no PeeringDB net for {}", as);
    } else {
      c.source = fmt::format("PeeringDB net {}", n->id);
      std::vector<std::string> items;
      irr::for_each_list_item(p.peeringdb_as_set,
                              [&](std::string_view s) { items.emplace_back(s); });
      if (items.empty()) {
        c.detail = "irr_as_set is empty";
      } else if (irr == nullptr) {
        c.ok = true;
        c.detail = "not verified: no IRR data";
      } else {
        c.ok = true;
        for (const std::string& item : items) {
          std::string name = upper(item);
          std::string pin;
          if (const auto sep = name.find("::"); sep != std::string::npos) {
            pin = name.substr(0, sep);
            name = name.substr(sep + 2);
          }
          const irr::SetDef* def = irr->find_set(name, pin, {});
          if (def == nullptr && !pin.empty() && !irr->find_source(pin)) {
            def = irr->find_set(name, "", {});
            if (def != nullptr) {
              add_detail(c.detail, fmt::format("{}: source {} not loaded, found in {}", item, pin,
                                               irr->source_name(def->source)));
            }
          }
          if (def == nullptr) {
            c.ok = false;
            add_detail(c.detail, fmt::format("{}: no such as-set in the IRR data", item));
          } else {
            own.insert(def->name);
          }
        }
      }
    }
    pdb_check = std::move(c);
  }

  p.as_sets.assign(own.begin(), own.end());
  Check sets;
  sets.id = "irr.as-set";
  sets.title = "the AS's own as-set is registered";
  sets.counted = false;
  if (irr == nullptr) {
    sets.detail = "no IRR data";
  } else {
    sets.ok = !p.as_sets.empty();
    sets.value = join(p.as_sets, ", ");
    if (!sets.ok) {
      sets.detail = fmt::format("no as-set named {}:AS-...{}{}", as,
                                mnt_note.empty() ? "" : ", maintained by ", mnt_note);
      if (!p.peeringdb_as_set.empty()) {
        sets.detail += fmt::format(" or named in PeeringDB ({})", p.peeringdb_as_set);
      }
    }
  }
  p.checks.push_back(std::move(sets));
  if (pdb_check) p.checks.push_back(std::move(*pdb_check));
  return p;
}

std::optional<double> m6_percent(const PolicyInfo& p) {
  if (!p.have_irr) return std::nullopt;
  return p.aut_num && p.imports > 0 && p.exports > 0 ? 100.0 : 0.0;
}

}  // namespace manrs::check
