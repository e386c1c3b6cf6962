// report/testing/sample_reports.h — hand-built AsReports for the report writers' tests and for
// tests/report_sample_tool.cpp (the HTML page in headless Chromium): a full one (incidents of
// several metrics, routes, checks, fixes, four months of history), an empty one (no data
// anywhere) and a hostile one (markup, quotes, control characters and invalid UTF-8 in every
// registry-supplied string). Header-only, for tests.
//
// Numbers of the full report, by hand (Config defaults; window 2015-11 = [1446336000, 1448928000)):
//   event 0  M1  (info) 203.0.113.0/24   11-25 08:00-11:00 (3 h)          incident score 1
//   events 1+2 M2       198.51.100.0/24  11-03 06:00-06:20 and 06:10-06:40 → one incident 40 min, 1
//   event 3  M2C        2001:db8:ffff::/48 11-20 12:00-12:15 (15 min)      0.5
//   event 4  M3         10.20.0.0/16     11-10 00:00 → 11-12 03:00 (51 h) ⌊51/24⌋ = 2 → (2+1) = 3
//   Filtering raw 1 + 0.5 + 3 = 4.5 → 100 × 0.6^sqrt(4.5/0.5) = 100 × 0.6^3 = 21.6 % (Lagging)
//   20 routes: 17 RPKI-valid, 0 invalid, 3 not found → M7RPKI 85 % (Aspiring);
//              16 covered (11 exact, 5 less specific), 1 other origin, 3 none → M7IRR 80 %.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "manrs/check/model.h"

namespace manrs::report::testing {

inline constexpr std::int64_t kNov2015 = 1446336000;  // 2015-11-01T00:00:00Z
inline constexpr std::int64_t kDec2015 = 1448928000;  // 2015-12-01T00:00:00Z
inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 86400;

inline net::Prefix sample_prefix(const std::string& text) {
  auto p = net::Prefix::parse(text);
  return p ? *p : net::Prefix();
}

inline check::Event sample_event(check::Metric m, net::Asn culprit, std::int64_t start,
                                 std::int64_t end, const std::string& prefix,
                                 std::vector<net::Asn> path, std::string detail,
                                 std::string reference) {
  check::Event e;
  e.metric = m;
  e.asn = 64500;
  e.culprit = culprit;
  e.start = start;
  e.end = end;
  e.prefix = sample_prefix(prefix);
  e.path = std::move(path);
  e.detail = std::move(detail);
  e.reference = std::move(reference);
  return e;
}

inline check::ActionScore sample_action(check::Action a, std::optional<double> p,
                                        check::Readiness level, std::string basis) {
  return {a, p, level, std::move(basis)};
}

inline check::MetricResult sample_metric(check::Metric m, bool scored, double raw,
                                         std::optional<double> percent, std::string note = {}) {
  check::MetricResult r;
  r.metric = m;
  r.scored = scored;
  r.raw = raw;
  r.percent = percent;
  r.note = std::move(note);
  return r;
}

inline check::Incident sample_incident(check::Metric m, std::int64_t start, std::int64_t end,
                                       double score, std::vector<std::uint32_t> events) {
  check::Incident i;
  i.metric = m;
  i.start = start;
  i.end = end;
  i.score = score;
  i.events = std::move(events);
  return i;
}

inline check::Check sample_check(std::string id, std::string title, bool ok, std::string value,
                                 std::string source, std::optional<std::int64_t> updated,
                                 std::string detail = {}, bool counted = true, bool stale = false) {
  check::Check c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.ok = ok;
  c.counted = counted;
  c.value = std::move(value);
  c.source = std::move(source);
  c.updated = updated;
  c.stale = stale;
  c.detail = std::move(detail);
  return c;
}

inline check::AnnouncedRoute sample_route(const std::string& prefix, rpki::RovState rov,
                                          check::IrrCoverage irr, unsigned peers,
                                          std::string rov_detail, std::string irr_detail,
                                          std::int64_t first = kNov2015,
                                          std::int64_t last = kDec2015 - 1) {
  check::AnnouncedRoute r;
  r.prefix = sample_prefix(prefix);
  r.first_seen = first;
  r.last_seen = last;
  r.peers = peers;
  r.rov = rov;
  r.rov_detail = std::move(rov_detail);
  r.irr = irr;
  r.irr_detail = std::move(irr_detail);
  return r;
}

inline check::AsReport full_report() {
  using check::Action;
  using check::Metric;
  using check::Readiness;
  check::AsReport r;
  r.asn = 64500;
  r.holder = "EXAMPLE-NET Example Networks B.V.";
  r.country = "NL";
  r.registry = "ripencc";
  r.window = {"2015-11", kNov2015, kDec2015};
  r.generated_at = kDec2015 + 6 * kHour;
  r.actions = {
      sample_action(Action::kFiltering, 21.6, Readiness::kLagging,
                    "3 incidents, raw 4.5 \xE2\x86\x92 21.6 %"),
      sample_action(Action::kAntiSpoofing, std::nullopt, Readiness::kNoData,
                    "no Spoofer tests from the AS's prefixes"),
      sample_action(Action::kCoordination, 100.0, Readiness::kReady,
                    "contacts registered in the IRR and PeeringDB"),
      sample_action(Action::kIrr, 80.0, Readiness::kAspiring, "16 of 20 routes covered"),
      sample_action(Action::kRpki, 85.0, Readiness::kAspiring,
                    "17 valid, 0 invalid, 3 not found of 20 routes"),
  };
  // Events, grouped by metric (indices are what the incidents refer to).
  r.events = {
      sample_event(Metric::kM1, 64500, kNov2015 + 24 * kDay + 8 * kHour,
                   kNov2015 + 24 * kDay + 11 * kHour, "203.0.113.0/24", {64497, 64500, 64496},
                   "AS64500 sent 203.0.113.0/24, learned from its provider AS64496, to its peer "
                   "AS64497",
                   "leak-1448438400-64500"),
      sample_event(
          Metric::kM2, 64500, kNov2015 + 2 * kDay + 6 * kHour,
          kNov2015 + 2 * kDay + 6 * kHour + 1200, "198.51.100.0/24", {64496, 64500},
          "198.51.100.0/24 is originated by AS64501 (route object in RIPE); AS64500 has no "
          "ROA and no route object for it",
          "moas-1446530400-64500_64501"),
      sample_event(Metric::kM2, 64500, kNov2015 + 2 * kDay + 6 * kHour + 600,
                   kNov2015 + 2 * kDay + 6 * kHour + 2400, "198.51.100.0/24", {64497, 64500},
                   "198.51.100.0/24 seen again from AS64500 through AS64497",
                   "moas-1446531000-64500_64501"),
      sample_event(
          Metric::kM2C, 64510, kNov2015 + 19 * kDay + 12 * kHour,
          kNov2015 + 19 * kDay + 12 * kHour + 900, "2001:db8:ffff::/48", {64496, 64500, 64510},
          "customer AS64510 originated 2001:db8:ffff::/48 of AS64502; AS64500 passed it on",
          "submoas-1448020800-64502_64510"),
      sample_event(Metric::kM3, 64500, kNov2015 + 9 * kDay, kNov2015 + 11 * kDay + 3 * kHour,
                   "10.20.0.0/16", {64496, 64500},
                   "10.20.0.0/16 is private-use space (RFC 1918, IANA special-purpose registry)",
                   "bogon-1447113600-64500"),
  };
  auto m1 = sample_metric(Metric::kM1, false, 1, std::nullopt,
                          "informational: route leaks are not scored since January 2024");
  m1.incidents = {sample_incident(Metric::kM1, r.events[0].start, r.events[0].end, 1, {0})};
  auto m2 = sample_metric(Metric::kM2, true, 1, std::nullopt, "2 events merged into 1 incident");
  m2.incidents = {sample_incident(Metric::kM2, r.events[1].start, r.events[2].end, 1, {1, 2})};
  auto m2c = sample_metric(Metric::kM2C, true, 0.5, std::nullopt);
  m2c.incidents = {sample_incident(Metric::kM2C, r.events[3].start, r.events[3].end, 0.5, {3})};
  auto m3 = sample_metric(Metric::kM3, true, 3, std::nullopt, "51 h: (2 + 1) x 1");
  m3.incidents = {sample_incident(Metric::kM3, r.events[4].start, r.events[4].end, 3, {4})};
  r.metrics = {m1,
               m2,
               m2c,
               m3,
               sample_metric(Metric::kM3C, true, 0, std::nullopt),
               sample_metric(Metric::kM4, true, 0, std::nullopt),
               sample_metric(Metric::kM4C, true, 0, std::nullopt),
               sample_metric(Metric::kM5, true, 0, std::nullopt, "no Spoofer results given"),
               sample_metric(Metric::kM6, false, 0, 100.0, "3 import and 3 export lines"),
               sample_metric(Metric::kM7Irr, true, 0, 80.0, "16 of 20 routes"),
               sample_metric(Metric::kM7Rpki, true, 0, 85.0, "0.85 - 10 x 0"),
               sample_metric(Metric::kM8, true, 0, 100.0, "every counted contact check passes")};

  // Routes, sorted by prefix: 10.20.0.0/16, 192.0.2.0/24, 198.51.100.0/24, then IPv6.
  auto& routes = r.routing.routes;
  routes.push_back(sample_route("10.20.0.0/16", rpki::RovState::kNotFound,
                                check::IrrCoverage::kNone, 41, "", "", kNov2015 + 9 * kDay,
                                kNov2015 + 11 * kDay + 3 * kHour));
  routes.push_back(sample_route("192.0.2.0/24", rpki::RovState::kValid, check::IrrCoverage::kExact,
                                63, "AS64500 192.0.2.0/24-24",
                                "route 192.0.2.0/24 AS64500 (RIPE)"));
  routes.push_back(
      sample_route("198.51.100.0/24", rpki::RovState::kNotFound, check::IrrCoverage::kOtherOrigin,
                   12, "", "route 198.51.100.0/24 AS64501 (RIPE)", kNov2015 + 2 * kDay + 6 * kHour,
                   kNov2015 + 2 * kDay + 6 * kHour + 2400));
  for (int n = 1; n <= 16; ++n) {
    const std::string p = fmt::format("2001:db8:{:x}::/48", n);
    const auto irr =
        n <= 10 ? check::IrrCoverage::kExact
                : (n <= 15 ? check::IrrCoverage::kLessSpecific : check::IrrCoverage::kNone);
    const std::string irr_detail =
        n <= 10 ? fmt::format("route6 {} AS64500 (RIPE)", p)
                : (n <= 15 ? "route6 2001:db8::/32 AS64500 (RIPE)" : std::string());
    routes.push_back(sample_route(p, rpki::RovState::kValid, irr, 50 + static_cast<unsigned>(n),
                                  "AS64500 2001:db8::/32-48", irr_detail));
  }
  routes.push_back(sample_route("2001:db8:ff00::/40", rpki::RovState::kNotFound,
                                check::IrrCoverage::kNone, 8, "", ""));
  r.routing.irr_covered = 16;
  r.routing.rpki_valid = 17;
  r.routing.rpki_invalid = 0;
  r.routing.rpki_not_found = 3;
  r.routing.have_irr = true;
  r.routing.have_rpki = true;

  r.coordination.have_irr = true;
  r.coordination.have_peeringdb = true;
  r.coordination.checks = {
      sample_check("irr.aut-num.admin-c", "aut-num admin-c resolves to a role with e-mail", true,
                   "ADM1-EXAMPLE (role, noc@example.net)", "RIPE", 1433116800),
      sample_check("irr.aut-num.tech-c", "aut-num tech-c resolves to a role with e-mail", true,
                   "NOC1-EXAMPLE (role, noc@example.net)", "RIPE", 1433116800),
      sample_check("irr.aut-num.abuse-c", "abuse-c with an abuse-mailbox", true,
                   "ABU1-EXAMPLE (abuse@example.net)", "RIPE", 1325376000, "not changed since 2012",
                   true, true),
      sample_check("peeringdb.poc.noc", "PeeringDB NOC contact, public", true,
                   "NOC, Public, noc@example.net", "PeeringDB net 5104", 1420070400),
      sample_check("peeringdb.poc.policy", "PeeringDB Policy contact", false, "",
                   "PeeringDB net 5104", std::nullopt, "no Policy role in poc_set", false),
  };
  r.policy.have_irr = true;
  r.policy.aut_num = true;
  r.policy.imports = 3;
  r.policy.exports = 3;
  r.policy.as_name = "EXAMPLE-NET";
  r.policy.as_sets = {"AS64500:AS-CUSTOMERS"};
  r.policy.checks = {
      sample_check("irr.aut-num.policy", "aut-num has an import and an export", true,
                   "3 import, 3 export", "RIPE", 1433116800),
      sample_check("irr.as-set", "an as-set of the AS is published", true, "AS64500:AS-CUSTOMERS",
                   "RIPE", 1433116800),
      sample_check("peeringdb.irr_as_set", "PeeringDB irr_as_set names the as-set", false, "",
                   "PeeringDB net 5104", std::nullopt, "irr_as_set is empty"),
  };
  r.spoofing.have_data = false;

  r.fixes = {
      {Action::kFiltering, "withdraw", "Stop announcing 10.20.0.0/16 (private-use space)",
       "# on every border router, e.g. with a bogon filter from:\nmanrs filter --bogons "
       "--dialect junos",
       "M3 incident 2015-11-10 00:00 \xE2\x80\x93 11-12 03:00 (51 h)"},
      {Action::kFiltering, "filter", "Filter the routes of customer AS64510 by its IRR and ROAs",
       "manrs filter AS64510 --dialect junos --rpki",
       "M2C incident: AS64510 originated 2001:db8:ffff::/48 of AS64502"},
      {Action::kIrr, "route-object", "Register route6 2001:db8:10::/48 origin AS64500",
       "route6:  2001:db8:10::/48\norigin:  AS64500\nmnt-by:  EXAMPLE-MNT\nsource:  RIPE",
       "announced by 66 peers, no route object covers it"},
      {Action::kRpki, "roa", "Create a ROA for 2001:db8:ff00::/40",
       "ROA: origin AS64500, prefix 2001:db8:ff00::/40, maxLength 40 (RFC 9319: no looser "
       "maxLength)",
       "RPKI not found"},
      {Action::kIrr, "peeringdb", "Set irr_as_set in PeeringDB to RIPE::AS64500:AS-CUSTOMERS",
       "PeeringDB \xE2\x86\x92 net 5104 \xE2\x86\x92 IRR as-set/ASN: RIPE::AS64500:AS-CUSTOMERS",
       "peeringdb.irr_as_set"},
  };
  auto hist = [](const char* month, std::optional<double> f, std::optional<double> a,
                 std::optional<double> c, std::optional<double> i, std::optional<double> p) {
    check::HistoryPoint h;
    h.month = month;
    h.percent[0] = f;
    h.percent[1] = a;
    h.percent[2] = c;
    h.percent[3] = i;
    h.percent[4] = p;
    return h;
  };
  r.history = {hist("2015-08", 60.0, std::nullopt, 0.0, 70.0, 75.0),
               hist("2015-09", 100.0, std::nullopt, 100.0, 75.0, 80.0),
               hist("2015-10", 48.6, std::nullopt, 100.0, 80.0, 85.0),
               hist("2015-11", 21.6, std::nullopt, 100.0, 80.0, 85.0)};
  r.inputs = {
      {"mrt-rib", "data/mrt/bview.20151101.0000.gz", "612,304 routes from 2015-11-01T00:00Z"},
      {"mrt-updates", "data/mrt/updates.201511*.gz", "8,640 files, 41.2 M updates"},
      {"vrps", "data/vrp/export-2015-11.json", "24,117 VRPs"},
      {"rpsl", "data/irr/ripe.db.route.gz", "383,112 route objects"},
      {"peeringdb", "data/peeringdb/net.json", "net 5104, 4 contacts"},
  };
  r.notes = {
      "AS relationships inferred from the observed paths (Gao 2001); no as-rel file was given",
      "Readiness thresholds are product defaults (Ready >= 90 %, Aspiring >= 60 %), not "
      "MANRS-official",
  };
  return r;
}

inline check::AsReport empty_report() {
  check::AsReport r;
  r.asn = 64511;
  r.window = {"2015-11", kNov2015, kDec2015};
  for (std::size_t i = 0; i < check::kActionCount; ++i) {
    r.actions.push_back(
        sample_action(static_cast<check::Action>(i), std::nullopt, check::Readiness::kNoData, ""));
  }
  r.notes = {"AS64511 was not seen in the routing data of 2015-11"};
  return r;
}

// Markup, quotes, ampersands, terminal escapes, C1 controls, NUL and invalid UTF-8.
inline constexpr std::string_view kHostileHolder =
    "<script>alert(\"holder\")</script> & 'Q' \x1b[31mRED\x1b[0m\x07 \xC2\x9B"
    "2J \xff\xfe";

inline check::AsReport hostile_report() {
  check::AsReport r = full_report();
  r.asn = 64666;
  r.holder = std::string(kHostileHolder);
  r.country = "\"><img src=x onerror=alert(1)>";
  r.registry = "<b>bold</b>";
  r.window.month = "2015-11<svg onload=alert(2)>";
  r.actions[0].basis = "</div><script>alert(3)</script>";
  r.events[1].detail = "<iframe src=\"javascript:alert(4)\"></iframe> AS & co";
  r.events[1].reference = "moas\"><script>alert(5)</script>";
  r.metrics[1].note = "<style>body{display:none}</style>";
  r.routing.routes[1].rov_detail = "<a href=\"http://evil.example/\">click</a>";
  r.routing.routes[1].irr_detail = "route 192.0.2.0/24 AS64500 (<RIPE>)";
  r.coordination.checks[0].value = "<img src=x onerror=alert(6)>";
  r.coordination.checks[0].title = "admin-c \"quoted\" & 'single'";
  r.policy.as_name = "]]><!-- -->";
  r.policy.as_sets = {"AS-<EVIL>"};
  r.fixes[2].text = "</pre><script>alert(7)</script>\nroute6: 2001:db8:10::/48 tail";
  r.fixes[2].text.push_back('\0');
  r.fixes[2].title = "<h1>Register</h1>";
  r.history[3].month = "<svg onload=alert(8)>";
  r.inputs[0].path = "\"; rm -rf / #<x>";
  r.notes.push_back("<marquee>note</marquee> \x1b]0;title\x07");
  r.spoofing.have_data = true;
  r.spoofing.tests = 2;
  r.spoofing.spoofable_prefixes = 1;
  r.spoofing.evidence = {"192.0.2.0/24: <b>2 tests</b> received spoofed packets"};
  return r;
}

}  // namespace manrs::report::testing
