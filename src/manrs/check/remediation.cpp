// check/remediation.cpp — see remediation.h.
#include "manrs/check/remediation.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "manrs/check/internal/irr_contacts.h"
#include "manrs/irr/database.h"
#include "manrs/registry/peeringdb.h"
#include "manrs/rpki/rov.h"

namespace manrs::check {
namespace {

// One RPSL line, the value starting in column 17 as the RIPE database prints objects.
std::string line(std::string_view attr, std::string_view value) {
  return fmt::format("{:<16}{}\n", fmt::format("{}:", attr), value);
}

std::string roa_csv(const std::vector<std::pair<net::Asn, net::Prefix>>& roas,
                    const std::vector<unsigned>& max_len) {
  std::string out = "ASN,IP Prefix,Max Length\n";
  for (std::size_t i = 0; i < roas.size(); ++i) {
    out += fmt::format("{},{},{}\n", net::format_asn(roas[i].first), roas[i].second.to_string(),
                       max_len[i]);
  }
  return out;
}

std::string roa_exact(net::Asn asn, const net::Prefix& p) {
  return roa_csv({{asn, p}}, {p.length()});
}

bool is_registry_maintainer(std::string_view m) {
  return m.starts_with("RIPE-NCC-") || m.find("-HM-MNT") != std::string_view::npos ||
         m.starts_with("APNIC-") || m.starts_with("AFRINIC-") || m.starts_with("LACNIC-") ||
         m.starts_with("ARIN-");
}

struct Context {
  const AsReport& r;
  const RemediationInputs& in;
  std::string as;      // "AS64500"
  std::string source;  // "RIPE"
  std::string mnt;     // maintainer for new objects
  std::string holder;  // descr
  std::string domain;  // for template e-mail addresses
  std::optional<detail::FoundAutNum> aut_num;
  std::string own_set;  // the set to announce to providers and peers
};

const Check* find_check(const std::vector<Check>& v, std::string_view id) {
  for (const Check& c : v) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::string month(const AsReport& r) {
  return r.window.month.empty() ? "the window" : r.window.month;
}

// ---- Action 1

void filtering_fixes(const Context& cx, std::vector<Fix>& out) {
  std::set<std::pair<Metric, net::Prefix>> seen;
  bool m4 = false;
  bool m1 = false;
  std::map<net::Asn, std::vector<const Event*>> customers;
  for (const Event& e : cx.r.events) {
    switch (e.metric) {
      case Metric::kM2:
      case Metric::kM3:
      case Metric::kRpkiInvalid:
      case Metric::kAdminBogon: {
        if (e.culprit != cx.r.asn || !seen.insert({e.metric, e.prefix}).second) break;
        Fix f;
        f.action = Action::kFiltering;
        f.kind = "withdraw";
        const std::string p = e.prefix.to_string();
        f.title = fmt::format("Stop originating {} ({})", p, metric_id(e.metric));
        if (e.metric == Metric::kM3) {
          f.text = fmt::format(
              "Remove {} from BGP: it is special-purpose address space (IANA registries) and is "
              "never routed on the Internet. Find where {} originates it (network/redistribute "
              "statements, static routes) and delete it.",
              p, cx.as);
        } else if (e.metric == Metric::kAdminBogon) {
          f.text = fmt::format(
              "Stop announcing {}: it is not delegated by any RIR. If you were assigned it, ask "
              "the RIR to correct its delegated statistics.",
              p);
        } else {
          f.text = fmt::format(
              "If {} is not yours, stop announcing it from {}. If it is yours or you were "
              "authorised, register it: a ROA and a route object with origin {}.",
              p, cx.as, cx.as);
        }
        f.reason = e.detail;
        if (!e.reference.empty()) f.reason += fmt::format(" [{}]", e.reference);
        out.push_back(std::move(f));
        break;
      }
      case Metric::kM4:
        if (e.culprit == cx.r.asn && !m4) {
          m4 = true;
          Fix f;
          f.action = Action::kFiltering;
          f.kind = "filter";
          f.title = "Filter routes with bogon ASNs in the AS path";
          f.text = fmt::format(
              "On every eBGP session of {}, reject routes whose AS_PATH contains a bogon ASN: "
              "AS0 (RFC 7607), AS_TRANS 23456, documentation 64496-64511 and 65536-65551, "
              "private 64512-65534 and 4200000000-4294967294, reserved 65535 and 4294967295 "
              "(manrs-spec §4.9.3).",
              cx.as);
          f.reason = e.detail;
          out.push_back(std::move(f));
        }
        break;
      case Metric::kM1:
        if (e.culprit == cx.r.asn && !m1) {
          m1 = true;
          Fix f;
          f.action = Action::kFiltering;
          f.kind = "filter";
          f.title = "Announce only your own and your customers' routes to peers and providers";
          f.text = fmt::format(
              "Apply an export filter on every peer and provider session of {}: announce {} "
              "(your routes and your customers') and nothing learnt from other peers or "
              "providers (RFC 7908 route leaks).",
              cx.as, cx.own_set);
          f.reason = e.detail;
          out.push_back(std::move(f));
        }
        break;
      case Metric::kM1C:
      case Metric::kM2C:
      case Metric::kM3C:
      case Metric::kM4C:
        if (e.culprit != cx.r.asn) customers[e.culprit].push_back(&e);
        break;
      default:
        break;
    }
  }
  for (const auto& [customer, events] : customers) {
    std::set<std::string_view> metrics;
    for (const Event* e : events) metrics.insert(metric_id(e->metric));
    std::string ms;
    for (std::string_view m : metrics) ms += (ms.empty() ? "" : ", ") + std::string(m);
    const std::string c = net::format_asn(customer);
    const std::string why =
        fmt::format("{} event{} ({}) from customer {}, e.g.: {}", events.size(),
                    events.size() == 1 ? "" : "s", ms, c, events.front()->detail);
    Fix f;
    f.action = Action::kFiltering;
    f.kind = "filter";
    f.title = fmt::format("Filter the routes of customer {} by IRR and RPKI", c);
    f.text = fmt::format("manrs filter {} --mode irr-rpki -d <dialect>", c);
    f.reason = why;
    out.push_back(std::move(f));
    Fix a;
    a.action = Action::kAntiSpoofing;
    a.kind = "antispoof";
    a.title = fmt::format("Source address validation on the interfaces of customer {}", c);
    a.text = fmt::format("manrs antispoof {} --local-as {}", c, cx.r.asn);
    a.reason = why;
    out.push_back(std::move(a));
  }
}

// ---- Action 2

void spoofing_fixes(const Context& cx, std::vector<Fix>& out) {
  const SpoofingInfo& s = cx.r.spoofing;
  if (s.spoofable_prefixes == 0) return;
  Fix f;
  f.action = Action::kAntiSpoofing;
  f.kind = "antispoof";
  f.title = fmt::format("Deploy source address validation (BCP 38 / BCP 84) for {} prefix{}",
                        s.spoofable_prefixes, s.spoofable_prefixes == 1 ? "" : "es");
  if (!cx.in.customers.empty()) {
    std::string cs;
    for (net::Asn c : cx.in.customers) cs += (cs.empty() ? "" : " ") + net::format_asn(c);
    f.text = fmt::format("manrs antispoof {} --local-as {}\n", cs, cx.r.asn);
  }
  f.text += "Apply strict uRPF or ingress ACLs on the interfaces that serve:";
  for (const std::string& e : s.evidence) {
    f.text += "\n  " + e.substr(0, e.find(':'));
  }
  f.reason = fmt::format("CAIDA Spoofer tests in {} got spoofed packets out: ", month(cx.r));
  for (std::size_t i = 0; i < s.evidence.size(); ++i) {
    f.reason += (i == 0 ? "" : "; ") + s.evidence[i];
  }
  out.push_back(std::move(f));
}

// ---- Action 3

std::string role_template(const Context& cx) {
  std::string t;
  t += line("role", fmt::format("{} NOC", cx.holder));
  t += line("address", "Postal address of the NOC");
  t += line("e-mail", fmt::format("noc@{}", cx.domain));
  t += line("abuse-mailbox", fmt::format("abuse@{}", cx.domain));
  t += line("nic-hdl", "AUTO-1");
  t += line("remarks", fmt::format("24/7 network operations centre of {}", cx.as));
  t += line("remarks", fmt::format("PeeringDB: https://www.peeringdb.com/asn/{}", cx.r.asn));
  t += line("mnt-by", cx.mnt);
  t += line("source", cx.source);
  return t;
}

void contact_fixes(const Context& cx, std::vector<Fix>& out) {
  const Coordination& co = cx.r.coordination;
  const bool poc_registry = cx.in.registry == "arin" || cx.in.registry == "lacnic";
  auto failed = [&](std::string_view id) {
    const Check* c = find_check(co.checks, id);
    return c != nullptr && !c->ok;
  };
  const bool contacts_missing = failed("irr.aut-num.admin-c") || failed("irr.aut-num.tech-c");
  const bool abuse_missing = failed("irr.aut-num.abuse-c");
  if (co.have_irr && (contacts_missing || abuse_missing || failed("irr.abuse-mailbox"))) {
    Fix f;
    f.action = Action::kCoordination;
    f.kind = "contact";
    if (poc_registry) {
      f.title = fmt::format("Register NOC, Tech and Abuse POCs for {}", cx.as);
      f.text = fmt::format(
          "{}: create a NOC POC, a Tech POC and an Abuse POC (role mailboxes noc@{}, abuse@{}, a "
          "24/7 phone) and attach them to {}.",
          cx.in.registry == "arin" ? "ARIN Online" : "MiLACNIC", cx.domain, cx.domain, cx.as);
    } else {
      f.title = fmt::format("Create a NOC role object for {}", cx.as);
      f.text = role_template(cx);
    }
    std::vector<std::string> why;
    for (std::string_view id : {"irr.aut-num.admin-c", "irr.aut-num.tech-c", "irr.aut-num.abuse-c",
                                "irr.abuse-mailbox"}) {
      if (const Check* c = find_check(co.checks, id); c != nullptr && !c->ok) {
        why.push_back(fmt::format("{}: {}", id, c->detail));
      }
    }
    for (std::size_t i = 0; i < why.size(); ++i) f.reason += (i == 0 ? "" : "; ") + why[i];
    out.push_back(std::move(f));

    if (!poc_registry && cx.aut_num && cx.in.irr != nullptr) {
      // The aut-num as registered, with the missing contact lines added before `source:`.
      const irr::AutNumObject& an = cx.aut_num->obj;
      std::string add;
      if (an.common.admin_c.empty()) add += line("admin-c", "AUTO-1");
      if (an.common.tech_c.empty()) add += line("tech-c", "AUTO-1");
      if (an.common.abuse_c.empty()) add += line("abuse-c", "AUTO-1");
      if (!add.empty()) {
        std::string text(cx.in.irr->object_text(cx.aut_num->id));
        std::size_t at = std::string::npos;
        for (std::size_t pos = 0; pos < text.size();) {
          const std::size_t nl = text.find('\n', pos);
          const std::string_view l(text.data() + pos,
                                   (nl == std::string::npos ? text.size() : nl) - pos);
          if (l.size() >= 7 && (l.substr(0, 7) == "source:" || l.substr(0, 7) == "SOURCE:")) {
            at = pos;
          }
          pos = nl == std::string::npos ? text.size() : nl + 1;
        }
        if (at == std::string::npos) at = text.size();
        text.insert(at, add);
        Fix a;
        a.action = Action::kCoordination;
        a.kind = "contact";
        a.title = fmt::format("Reference the NOC role from aut-num {}", cx.as);
        a.text = std::move(text);
        a.reason =
            "aut-num lacks admin-c/tech-c/abuse-c; AUTO-1 refers to the role created in "
            "the same update (or write its nic-hdl)";
        out.push_back(std::move(a));
      }
    }
  }
  if (co.have_peeringdb) {
    if (failed("peeringdb.net")) {
      Fix f;
      f.action = Action::kCoordination;
      f.kind = "peeringdb";
      f.title = fmt::format("Create the PeeringDB network record of {}", cx.as);
      f.text = fmt::format(
          "asn: {}\nname: {}\nirr_as_set: {}\npoc: role NOC, visible Public, email noc@{}, phone "
          "a 24/7 number\npoc: role Abuse, visible Public, email abuse@{}\n",
          cx.r.asn, cx.holder, cx.own_set, cx.domain, cx.domain);
      f.reason = find_check(co.checks, "peeringdb.net")->detail;
      out.push_back(std::move(f));
    } else if (failed("peeringdb.poc.noc") && failed("peeringdb.poc.technical")) {
      Fix f;
      f.action = Action::kCoordination;
      f.kind = "peeringdb";
      f.title = "Add a NOC contact to PeeringDB, visible Public or Users";
      f.text = fmt::format("poc: role NOC, visible Public, email noc@{}, phone a 24/7 number\n",
                           cx.domain);
      f.reason = fmt::format("peeringdb.poc.noc: {}; peeringdb.poc.technical: {}",
                             find_check(co.checks, "peeringdb.poc.noc")->detail,
                             find_check(co.checks, "peeringdb.poc.technical")->detail);
      out.push_back(std::move(f));
    }
  }
}

// ---- Action 4, IRR

void irr_fixes(const Context& cx, std::vector<Fix>& out) {
  if (cx.r.routing.have_irr) {
    for (const AnnouncedRoute& route : cx.r.routing.routes) {
      if (route.irr != IrrCoverage::kNone && route.irr != IrrCoverage::kOtherOrigin) continue;
      const std::string p = route.prefix.to_string();
      Fix f;
      f.action = Action::kIrr;
      f.kind = "route-object";
      const char* cls = route.prefix.is_v4() ? "route" : "route6";
      f.title = fmt::format("Register {} {} origin {}", cls, p, cx.as);
      f.text = line(cls, p) + line("descr", cx.holder) + line("origin", cx.as) +
               line("mnt-by", cx.mnt) + line("source", cx.source);
      if (route.irr == IrrCoverage::kNone) {
        f.reason = fmt::format("announced in {} (seen by {} peers); no route object covers it",
                               month(cx.r), route.peers);
      } else {
        f.reason = fmt::format(
            "announced in {}; route objects cover it only for other origins ({}): the address "
            "holder must create or authorise this object",
            month(cx.r), route.irr_detail);
      }
      out.push_back(std::move(f));
    }
  }
  const PolicyInfo& po = cx.r.policy;
  const bool have_irr = po.have_irr || cx.in.irr != nullptr;
  if (have_irr && (!po.aut_num || po.imports == 0 || po.exports == 0)) {
    std::string t = line("aut-num", cx.as);
    t += line("as-name", po.as_name.empty() ? cx.as : po.as_name);
    t += line("descr", cx.holder);
    for (net::Asn p : cx.in.providers) {
      t += line("mp-import", fmt::format("afi any.unicast from {} accept ANY", net::format_asn(p)));
    }
    for (net::Asn p : cx.in.peers) {
      std::string accept = net::format_asn(p);
      if (cx.in.peeringdb != nullptr) {
        if (const auto* n = cx.in.peeringdb->network(p); n != nullptr && !n->irr_as_set.empty()) {
          accept = n->irr_as_set.substr(0, n->irr_as_set.find_first_of(" ,"));
        }
      }
      t += line("mp-import",
                fmt::format("afi any.unicast from {} accept {}", net::format_asn(p), accept));
    }
    for (net::Asn c : cx.in.customers) {
      std::string accept = net::format_asn(c);
      if (cx.in.peeringdb != nullptr) {
        if (const auto* n = cx.in.peeringdb->network(c); n != nullptr && !n->irr_as_set.empty()) {
          accept = n->irr_as_set.substr(0, n->irr_as_set.find_first_of(" ,"));
        }
      }
      t += line("mp-import",
                fmt::format("afi any.unicast from {} accept {}", net::format_asn(c), accept));
    }
    for (net::Asn p : cx.in.providers) {
      t += line("mp-export",
                fmt::format("afi any.unicast to {} announce {}", net::format_asn(p), cx.own_set));
    }
    for (net::Asn p : cx.in.peers) {
      t += line("mp-export",
                fmt::format("afi any.unicast to {} announce {}", net::format_asn(p), cx.own_set));
    }
    for (net::Asn c : cx.in.customers) {
      t += line("mp-export", fmt::format("afi any.unicast to {} announce ANY", net::format_asn(c)));
    }
    if (cx.in.providers.empty() && cx.in.peers.empty() && cx.in.customers.empty()) {
      t += line("remarks",
                "no neighbours known: add one mp-import and one mp-export per BGP session");
    }
    if (cx.aut_num) {
      for (const auto& h : cx.aut_num->obj.common.admin_c) t += line("admin-c", h);
      for (const auto& h : cx.aut_num->obj.common.tech_c) t += line("tech-c", h);
      if (!cx.aut_num->obj.common.abuse_c.empty())
        t += line("abuse-c", cx.aut_num->obj.common.abuse_c);
    }
    if (!cx.aut_num || cx.aut_num->obj.common.admin_c.empty()) t += line("admin-c", "AUTO-1");
    if (!cx.aut_num || cx.aut_num->obj.common.tech_c.empty()) t += line("tech-c", "AUTO-1");
    t += line("mnt-by", cx.mnt);
    t += line("source", cx.source);
    Fix f;
    f.action = Action::kIrr;
    f.kind = "aut-num";
    f.title = fmt::format("Document the routing policy of {} in its aut-num", cx.as);
    f.text = std::move(t);
    f.reason = po.aut_num ? fmt::format(
                                "aut-num has {} import and {} export lines (M6 needs at "
                                "least one of each)",
                                po.imports, po.exports)
                          : fmt::format("no aut-num {} in the IRR data (M6)", cx.as);
    out.push_back(std::move(f));
  }
  if (have_irr && po.as_sets.empty()) {
    std::string t;
    std::string members = cx.as;
    if (!cx.in.customers.empty()) {
      std::string cs;
      for (net::Asn c : cx.in.customers) cs += (cs.empty() ? "" : ", ") + net::format_asn(c);
      t += line("as-set", fmt::format("{}:AS-CUSTOMERS", cx.as));
      t += line("descr", fmt::format("Customers of {}", cx.as));
      t += line("members", cs);
      t += line("tech-c", "AUTO-1");
      t += line("admin-c", "AUTO-1");
      t += line("mnt-by", cx.mnt);
      t += line("source", cx.source);
      t += "\n";
      members += fmt::format(", {}:AS-CUSTOMERS", cx.as);
    }
    t += line("as-set", fmt::format("{}:AS-ALL", cx.as));
    t += line("descr", fmt::format("{} and its customers", cx.as));
    t += line("members", members);
    t += line("tech-c", "AUTO-1");
    t += line("admin-c", "AUTO-1");
    t += line("mnt-by", cx.mnt);
    t += line("source", cx.source);
    Fix f;
    f.action = Action::kIrr;
    f.kind = "as-set";
    f.title = fmt::format("Register the as-set {}:AS-ALL", cx.as);
    f.text = std::move(t);
    const Check* c = find_check(po.checks, "irr.as-set");
    f.reason = c != nullptr ? c->detail : "no as-set of the AS in the IRR data";
    out.push_back(std::move(f));
  }
  if (const Check* c = find_check(po.checks, "peeringdb.irr_as_set"); c != nullptr && !c->ok) {
    Fix f;
    f.action = Action::kIrr;
    f.kind = "peeringdb";
    f.title = "Set the IRR Record (irr_as_set) of the PeeringDB network";
    f.text = fmt::format("irr_as_set: {}\n", cx.own_set);
    f.reason = c->detail;
    out.push_back(std::move(f));
  }
}

// ---- Action 4, RPKI

void rpki_fixes(const Context& cx, std::vector<Fix>& out) {
  const RoutingInfo& ri = cx.r.routing;
  const net::Asn asn = cx.r.asn;
  if (ri.have_rpki) {
    for (const AnnouncedRoute& route : ri.routes) {
      const std::string p = route.prefix.to_string();
      Fix f;
      f.action = Action::kRpki;
      f.kind = "roa";
      f.text = roa_exact(asn, route.prefix);
      switch (route.rov) {
        case rpki::RovState::kValid:
          continue;
        case rpki::RovState::kNotFound:
          f.title = fmt::format("Create a ROA for {} origin {}", p, cx.as);
          f.reason = fmt::format(
              "announced in {}, no ROA covers it (RPKI not-found); RFC 9319: one ROA per "
              "announced prefix, maxLength = its length",
              month(cx.r));
          break;
        case rpki::RovState::kInvalidLength:
          f.title = fmt::format("Create a ROA for exactly {} origin {}", p, cx.as);
          f.reason = fmt::format(
              "RPKI invalid (length): {}; RFC 9319: add a ROA for exactly this more-specific "
              "rather than raising the covering ROA's maxLength, or stop announcing it",
              route.rov_detail);
          break;
        case rpki::RovState::kInvalidAsn:
          f.title = fmt::format("The holder of {} must authorise {}", p, cx.as);
          f.reason = fmt::format(
              "RPKI invalid (origin): the covering ROAs ({}) do not authorise {}; the prefix "
              "holder must create this ROA, otherwise the announcement is a hijack or a mistake "
              "and must be withdrawn",
              route.rov_detail, cx.as);
          break;
      }
      out.push_back(std::move(f));
    }
  }
  // Loose maxLength (RFC 9319 §4): ROAs of the AS that allow more-specifics; replace them by
  // exact ROAs for the prefixes announced inside them.
  std::set<std::pair<net::Prefix, unsigned>> done;
  for (const rpki::Vrp& v : cx.in.vrps) {
    if (v.asn != asn || v.max_length <= v.prefix.length() ||
        !done.insert({v.prefix, v.max_length}).second) {
      continue;
    }
    std::vector<std::pair<net::Asn, net::Prefix>> roas;
    std::vector<unsigned> lens;
    for (const AnnouncedRoute& route : ri.routes) {
      if (v.prefix.contains(route.prefix) && route.prefix.length() <= v.max_length) {
        roas.emplace_back(asn, route.prefix);
        lens.push_back(route.prefix.length());
      }
    }
    Fix f;
    f.action = Action::kRpki;
    f.kind = "roa";
    f.title = fmt::format("Replace the ROA {}-{} {} by minimal ROAs", v.prefix.to_string(),
                          v.max_length, cx.as);
    f.text = roas.empty() ? std::string("ASN,IP Prefix,Max Length\n") : roa_csv(roas, lens);
    f.reason = fmt::format(
        "maxLength {} on a /{} allows more-specifics {} does not announce: a forged-origin "
        "sub-prefix hijack would be RPKI-valid (RFC 9319). {}",
        v.max_length, v.prefix.length(), cx.as,
        roas.empty() ? fmt::format("Nothing inside it was announced in {}: revoke it.", month(cx.r))
                     : "Keep ROAs only for the prefixes announced.");
    out.push_back(std::move(f));
  }
  // AS0 candidates: space registered to the AS (route objects, ROAs) that did not appear in BGP
  // in the window, neither itself nor a covering or covered route.
  std::set<net::Prefix> registered;
  std::map<net::Prefix, std::string> where;
  if (cx.in.irr != nullptr) {
    cx.in.irr->routes_by_origin(asn, std::nullopt, {}, [&](const irr::RouteEntry& e) {
      registered.insert(e.prefix);
      where.emplace(e.prefix, fmt::format("route object ({})", cx.in.irr->source_name(e.source)));
    });
  }
  for (const rpki::Vrp& v : cx.in.vrps) {
    if (v.asn != asn) continue;
    registered.insert(v.prefix);
    where.emplace(v.prefix, fmt::format("ROA {}-{}", v.prefix.to_string(), v.max_length));
  }
  std::vector<net::Prefix> candidates;
  for (const net::Prefix& p : registered) {
    const bool overlaps = std::any_of(
        ri.routes.begin(), ri.routes.end(),
        [&](const AnnouncedRoute& a) { return p.contains(a.prefix) || a.prefix.contains(p); });
    if (overlaps) continue;
    // Sorted by (address, length): a covering candidate comes first.
    if (!candidates.empty() && candidates.back().contains(p)) continue;
    candidates.push_back(p);
  }
  for (const net::Prefix& p : candidates) {
    Fix f;
    f.action = Action::kRpki;
    f.kind = "as0-roa";
    f.title = fmt::format("Consider an AS0 ROA for {}", p.to_string());
    f.text = roa_csv({{0, p}}, {p.is_v4() ? 32U : 128U});
    f.reason = fmt::format(
        "registered to {} ({}) but not announced in {}; if you hold this space and it is "
        "unused, an AS0 ROA (RFC 6491, RFC 7607) makes every announcement of it RPKI-invalid. "
        "Remove the route object / ROA for {} at the same time",
        cx.as, where[p], month(cx.r), cx.as);
    out.push_back(std::move(f));
  }
}

}  // namespace

std::string irr_source_for(std::string_view registry) {
  if (registry == "ripencc" || registry == "ripe") return "RIPE";
  if (registry == "arin") return "ARIN";
  if (registry == "apnic") return "APNIC";
  if (registry == "afrinic") return "AFRINIC";
  if (registry == "lacnic") return "LACNIC";
  return "RADB";
}

std::vector<Fix> remediate(const AsReport& report, const RemediationInputs& in) {
  Context cx{report, in, net::format_asn(report.asn), irr_source_for(in.registry), {}, {}, {},
             {},     {}};
  if (in.irr != nullptr) cx.aut_num = detail::policy_aut_num(*in.irr, report.asn);
  cx.mnt = in.maintainer;
  if (cx.mnt.empty() && cx.aut_num) {
    for (const std::string& m : cx.aut_num->obj.common.mnt_by) {
      if (!is_registry_maintainer(m)) {
        cx.mnt = m;
        break;
      }
    }
  }
  if (cx.mnt.empty()) cx.mnt = fmt::format("MAINT-{}", cx.as);
  cx.holder = !report.holder.empty()           ? report.holder
              : !report.policy.as_name.empty() ? report.policy.as_name
                                               : cx.as;
  cx.domain = "example.net";
  if (in.peeringdb != nullptr) {
    if (const auto* n = in.peeringdb->network(report.asn); n != nullptr && !n->website.empty()) {
      std::string_view w = n->website;
      if (const auto s = w.find("://"); s != std::string_view::npos) w.remove_prefix(s + 3);
      w = w.substr(0, w.find_first_of("/:?#"));
      if (w.starts_with("www.")) w.remove_prefix(4);
      if (!w.empty() && w.find('.') != std::string_view::npos) cx.domain = std::string(w);
    }
  }
  if (!report.policy.as_sets.empty()) {
    cx.own_set = report.policy.as_sets.front();
    for (const std::string& s : report.policy.as_sets) {
      if (s.ends_with(":AS-ALL")) cx.own_set = s;
    }
  } else {
    cx.own_set = fmt::format("{}:AS-ALL", cx.as);  // what the as-set fix creates
  }
  std::vector<Fix> out;
  filtering_fixes(cx, out);
  spoofing_fixes(cx, out);
  contact_fixes(cx, out);
  irr_fixes(cx, out);
  rpki_fixes(cx, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Fix& a, const Fix& b) { return a.action < b.action; });
  return out;
}

}  // namespace manrs::check
