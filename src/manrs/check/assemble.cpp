#include "manrs/check/assemble.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "manrs/check/coordination.h"
#include "manrs/check/remediation.h"
#include "manrs/check/routing.h"
#include "manrs/check/spoofing.h"
#include "manrs/registry/asnames.h"
#include "manrs/registry/asrel.h"
#include "manrs/registry/delegated.h"
#include "manrs/registry/peeringdb.h"
#include "manrs/rpki/vrp.h"

namespace manrs::check {

namespace {

bool scored_metric(Metric m, const Config& config) {
  switch (m) {
    case Metric::kM1:
    case Metric::kM1C:
      return config.score_leaks;
    case Metric::kM2:
    case Metric::kM2C:
    case Metric::kM3:
    case Metric::kM3C:
    case Metric::kM4:
    case Metric::kM4C:
      return true;
    default:
      return false;
  }
}

std::string pct(std::optional<double> p) {
  return p ? fmt::format("{:.1f} %", *p) : std::string("no data");
}

ActionScore score(Action a, std::optional<double> percent, std::string basis,
                  const Config& config) {
  ActionScore s;
  s.action = a;
  s.percent = percent;
  s.level = readiness(percent, config);
  s.basis = std::move(basis);
  return s;
}

}  // namespace

std::optional<double> filtering_percent(const std::vector<MetricResult>& metrics, bool seen,
                                        const Config& config) {
  if (!seen) return std::nullopt;
  double raw = 0;
  for (const MetricResult& m : metrics) {
    if (m.scored && is_incident_metric(m.metric)) raw += m.raw;
  }
  return decay_percent(raw, config);
}

AsReport build_report(net::Asn asn, const RoutingAnalysis* routing, const Sources& sources,
                      const Config& config, const BuildOptions& options) {
  AsReport r;
  r.asn = asn;
  r.window = routing != nullptr ? routing->window() : TimeWindow{};
  r.inputs = sources.inputs;
  r.notes = sources.notes;
  const std::int64_t now = options.now != 0 ? options.now : r.window.end;

  // ---- who
  if (sources.names != nullptr) r.holder = std::string(sources.names->name(asn));
  const registry::Network* net =
      sources.peeringdb != nullptr ? sources.peeringdb->network(asn) : nullptr;
  if (r.holder.empty() && net != nullptr) r.holder = net->name;
  if (sources.delegated != nullptr) {
    if (const registry::Delegation* d = sources.delegated->find(asn)) {
      r.country = d->cc == "ZZ" ? "" : d->cc;
      r.registry = d->registry;
    }
  }
  if (r.country.empty() && net != nullptr && sources.peeringdb != nullptr) {
    if (const registry::Org* o = sources.peeringdb->org(net->org_id)) r.country = o->country;
  }

  // ---- Action 1 and Action 4 routes
  bool seen = false;
  if (routing != nullptr) {
    r.events = routing->events(asn);
    r.routing = routing->routing_info(asn);
    seen = !r.routing.routes.empty() || !r.events.empty();
    const std::string rel_note = routing->relationships_note();
    if (!rel_note.empty()) r.notes.push_back(rel_note);
  } else {
    r.notes.emplace_back("no MRT data: Filtering, IRR and RPKI have no data");
  }
  if (routing != nullptr && !seen) {
    r.notes.push_back(fmt::format("AS{} originated no route and is charged with no event in {}",
                                  asn, r.window.month));
  }
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    const auto m = static_cast<Metric>(i);
    if (!is_incident_metric(m)) continue;
    MetricResult res;
    res.metric = m;
    res.scored = scored_metric(m, config);
    std::vector<std::uint32_t> idx;
    for (std::uint32_t e = 0; e < r.events.size(); ++e) {
      if (r.events[e].metric == m) idx.push_back(e);
    }
    res.incidents = merge_events(r.events, idx, config);
    for (const Incident& inc : res.incidents) res.raw += inc.score;
    if (routing != nullptr && seen) res.percent = decay_percent(res.raw, config);
    if (m == Metric::kM2 && sources.irr == nullptr && sources.rov == nullptr) {
      res.note = "no IRR and no RPKI data: an origin cannot be judged authorised, M2 not computed";
      res.percent.reset();
    }
    r.metrics.push_back(std::move(res));
  }
  const std::optional<double> filtering = filtering_percent(r.metrics, seen, config);
  {
    double raw = 0;
    std::size_t incidents = 0;
    for (const MetricResult& m : r.metrics) {
      if (m.scored && is_incident_metric(m.metric)) {
        raw += m.raw;
        incidents += m.incidents.size();
      }
    }
    r.actions.push_back(score(Action::kFiltering, filtering,
                              seen ? fmt::format("{} incident{}, raw {:g} → {}", incidents,
                                                 incidents == 1 ? "" : "s", raw, pct(filtering))
                                   : std::string("not seen in the routing data"),
                              config));
  }

  // ---- Action 2
  r.spoofing = spoofing_info(asn, sources.spoofer, r.window);
  {
    MetricResult m5;
    m5.metric = Metric::kM5;
    m5.scored = true;
    m5.raw = r.spoofing.spoofable_prefixes;
    m5.percent = m5_percent(r.spoofing, config);
    if (!r.spoofing.have_data) {
      m5.note = "no Spoofer results given";
    } else if (r.spoofing.tests == 0) {
      m5.note = "no Spoofer tests from this AS in the window";
    }
    r.actions.push_back(score(Action::kAntiSpoofing, m5.percent,
                              m5.percent
                                  ? fmt::format("{} tests, {} spoofable prefixes", r.spoofing.tests,
                                                r.spoofing.spoofable_prefixes)
                                  : m5.note,
                              config));
    r.metrics.push_back(std::move(m5));
  }

  // ---- Action 3
  r.coordination =
      coordination_checks(asn, sources.irr, sources.irr_contacts, sources.peeringdb, now, config);
  {
    MetricResult m8;
    m8.metric = Metric::kM8;
    m8.scored = true;
    m8.percent = m8_percent(r.coordination);
    std::size_t ok = 0;
    std::size_t counted = 0;
    for (const Check& c : r.coordination.checks) {
      if (!c.counted) continue;
      ++counted;
      if (c.ok) ++ok;
    }
    m8.note = m8.percent ? fmt::format("{} of {} counted contact checks pass", ok, counted)
                         : std::string("no IRR and no PeeringDB data");
    r.actions.push_back(score(Action::kCoordination, m8.percent, m8.note, config));
    r.metrics.push_back(std::move(m8));
  }

  // ---- Action 4
  r.policy = policy_checks(asn, sources.irr, sources.as_set_names, sources.peeringdb, config);
  {
    MetricResult m6;
    m6.metric = Metric::kM6;
    m6.percent = m6_percent(r.policy);
    m6.note = fmt::format("{} import, {} export lines", r.policy.imports, r.policy.exports);
    r.metrics.push_back(std::move(m6));
  }
  {
    MetricResult irr;
    irr.metric = Metric::kM7Irr;
    irr.scored = true;
    irr.percent = seen ? m7irr_percent(r.routing) : std::nullopt;
    irr.note = !r.routing.have_irr ? std::string("no IRR data")
                                   : fmt::format("{} of {} routes covered by a route object",
                                                 r.routing.irr_covered, r.routing.routes.size());
    r.actions.push_back(score(Action::kIrr, irr.percent, irr.note, config));
    r.metrics.push_back(std::move(irr));
    MetricResult rpki;
    rpki.metric = Metric::kM7Rpki;
    rpki.scored = true;
    rpki.percent = seen ? m7rpki_percent(r.routing) : std::nullopt;
    rpki.note = !r.routing.have_rpki
                    ? std::string("no RPKI data")
                    : fmt::format("{} valid, {} invalid, {} not found of {} routes",
                                  r.routing.rpki_valid, r.routing.rpki_invalid,
                                  r.routing.rpki_not_found, r.routing.routes.size());
    r.actions.push_back(score(Action::kRpki, rpki.percent, rpki.note, config));
    r.metrics.push_back(std::move(rpki));
  }
  std::ranges::stable_sort(
      r.metrics, [](const MetricResult& a, const MetricResult& b) { return a.metric < b.metric; });

  // ---- remediation
  if (options.fixes) {
    RemediationInputs in;
    in.irr = sources.irr;
    in.rov = sources.rov;
    if (sources.vrps != nullptr) in.vrps = sources.vrps->vrps;
    in.peeringdb = sources.peeringdb;
    if (routing != nullptr) {
      const registry::AsRelations& rel = routing->relations();
      in.customers = rel.customers(asn);
      in.providers = rel.providers(asn);
      in.peers = rel.peers(asn);
    }
    in.registry = !r.registry.empty() ? r.registry : sources.irr_registry;
    r.fixes = remediate(r, in);
  }
  return r;
}

}  // namespace manrs::check
