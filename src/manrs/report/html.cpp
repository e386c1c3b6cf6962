#include "manrs/report/html.h"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "manrs/net/asn.h"
#include "manrs/report/internal/charts.h"
#include "manrs/report/internal/escape.h"
#include "manrs/report/internal/format.h"
#include "manrs/rpki/rov.h"

namespace manrs::report {

namespace {

using detail::html_escape;

// Routes listed in the "all routes" table at most (the JSON output has them all).
constexpr std::size_t kMaxRouteRows = 5000;

constexpr std::string_view kStyle = R"css(
:root{--ready:#1a7f37;--aspiring:#b7791f;--lagging:#c62828;--nodata:#8c959f;--ink:#1f2328;
--muted:#59636e;--line:#d8dee4;--soft:#f6f8fa;--card:#fff}
*{box-sizing:border-box}
body{margin:0;background:#eef1f4;color:var(--ink);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 32px 40px}
header.page{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;margin-bottom:4px}
h1{font-size:26px;margin:0;line-height:1.2}
h1 .asn{color:var(--muted);font-weight:600}
.sub{color:var(--muted);margin-top:4px}
.stamp{color:var(--muted);font-size:12px;text-align:right;white-space:nowrap}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin-top:16px}
h2{font-size:17px;margin:0 0 12px;display:flex;align-items:baseline;gap:10px}
h2 .aside,h3 .aside{font-size:13px;font-weight:400;color:var(--muted)}
h3{font-size:14px;margin:18px 0 8px}
p{margin:6px 0}
.muted{color:var(--muted)}
.gauges{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}
.gauge{--c:var(--nodata);border:1px solid var(--line);border-top:5px solid var(--c);border-radius:8px;
padding:10px 10px 12px;text-align:center}
.gauge.ready{--c:var(--ready)}.gauge.aspiring{--c:var(--aspiring)}.gauge.lagging{--c:var(--lagging)}
.gauge-svg{width:100%;max-width:190px;height:auto;display:block;margin:0 auto}
.gauge-svg .track{fill:none;stroke:#e6e9ed;stroke-width:14}
.gauge-svg .track.empty{stroke:#d0d7de;stroke-dasharray:2 3}
.gauge-svg .value{fill:none;stroke:var(--c);stroke-width:14}
.gauge-svg .pct{font-size:27px;font-weight:700;fill:var(--ink)}
.gauge-svg .pct.none{fill:var(--nodata)}
.gauge-svg .unit{font-size:15px;font-weight:600;fill:var(--muted)}
.gauge-svg .end{font-size:9px;fill:var(--muted)}
.gauge .title{font-weight:650;margin-top:2px}
.gauge .action{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.pill{display:inline-block;margin-top:6px;padding:1px 10px;border-radius:999px;color:#fff;
background:var(--c);font-size:12px;font-weight:600}
.gauge .basis{font-size:12px;color:var(--muted);margin-top:6px;min-height:2.9em}
.legend-note{font-size:12px;color:var(--muted);margin-top:10px}
svg text{font-family:inherit}
.timeline{width:100%;height:auto;display:block}
.timeline .lane{fill:#fff}.timeline .lane.alt{fill:var(--soft)}
.timeline .weekend{fill:#eef1f4;opacity:.7}
.timeline .tick{stroke:#e1e5ea;stroke-width:1}
.timeline .day{font-size:10px;fill:var(--muted)}
.timeline .lane-id{font-size:13px;font-weight:700;fill:var(--ink)}
.timeline .lane-name{font-size:11px;fill:var(--muted)}
.timeline .empty{font-size:14px;fill:var(--muted)}.timeline .empty-bg{fill:#fff}
.timeline .bar-label{font-size:11px;fill:var(--muted)}
.incident-bar.scored{fill:var(--lagging)}.incident-bar.info{fill:#8c959f}
.coverage{display:grid;grid-template-columns:170px 1fr;gap:10px 16px;align-items:center}
.coverage .name{font-weight:650}.coverage .name small{display:block;font-weight:400;color:var(--muted)}
.stacked{width:100%;height:30px;display:block;border-radius:4px}
.seg.valid,.seg.exact{fill:var(--ready)}.seg.less-specific{fill:#57ab5a}
.seg.invalid{fill:var(--lagging)}.seg.other-origin{fill:var(--aspiring)}
.seg.not-found,.seg.no-object{fill:#afb8c1}.seg.none{fill:#eaeef2}
.keys{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12.5px;margin-top:5px;color:var(--muted)}
.keys b{color:var(--ink);font-variant-numeric:tabular-nums}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.sw.valid,.sw.exact{background:var(--ready)}.sw.less-specific{background:#57ab5a}
.sw.invalid{background:var(--lagging)}.sw.other-origin{background:var(--aspiring)}
.sw.not-found,.sw.no-object{background:#afb8c1}
.trend{width:100%;height:auto;display:block}
.trend .grid{stroke:#e1e5ea}.trend .axis{font-size:11px;fill:var(--muted)}
.trend .legend{font-size:12px;fill:var(--ink)}.trend .nodata{fill:var(--muted)}
.series{fill:none;stroke-width:2.5}.point{stroke:#fff;stroke-width:1.5}
.s-filtering{stroke:#2563eb}.point.s-filtering{fill:#2563eb}
.s-anti-spoofing{stroke:#7c3aed}.point.s-anti-spoofing{fill:#7c3aed}
.s-coordination{stroke:#0d9488}.point.s-coordination{fill:#0d9488}
.s-irr{stroke:#ea580c}.point.s-irr{fill:#ea580c}
.s-rpki{stroke:#db2777}.point.s-rpki{fill:#db2777}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);padding:6px 8px;white-space:nowrap}
td{border-bottom:1px solid #eaeef2;padding:6px 8px;vertical-align:top}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.mono,code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px}
.tag{display:inline-block;padding:0 7px;border-radius:4px;font-size:11.5px;font-weight:600;background:var(--soft);
border:1px solid var(--line);color:var(--muted);white-space:nowrap}
.tag.scored{background:#ffebe9;border-color:#ffcecb;color:#a40e26}
.tag.bad{background:#ffebe9;border-color:#ffcecb;color:#a40e26}
.tag.warn{background:#fff8c5;border-color:#eed888;color:#7d4e00}
.tag.good{background:#dafbe1;border-color:#aceebb;color:#116329}
.ev{margin-top:2px}.ev+.ev{margin-top:8px;padding-top:8px;border-top:1px dashed var(--line)}
.ev .ref{color:var(--muted);font-size:12px}
.mark{font-weight:700;font-size:15px}.mark.ok{color:var(--ready)}.mark.bad{color:var(--lagging)}
.mark.warn{color:var(--aspiring)}
.check-id{display:block;color:var(--muted);font-size:11.5px}
.fix{border:1px solid var(--line);border-left:4px solid #2563eb;border-radius:6px;padding:10px 14px;margin-top:10px}
.fix h3{margin:0;display:flex;gap:8px;align-items:baseline}
.fix .why{color:var(--muted);margin:4px 0 0}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:8px 0 0;
white-space:pre-wrap;overflow-wrap:anywhere}
details summary{cursor:pointer;color:var(--muted);margin-top:10px}
ul{margin:6px 0;padding-left:20px}
footer{color:var(--muted);font-size:12px;margin-top:18px;text-align:center}
@media print{body{background:#fff}section{break-inside:avoid}}
)css";

std::string readiness_class(check::Readiness r) { return std::string(check::readiness_id(r)); }

void header(std::string& out, const check::AsReport& r) {
  out += "<header class=\"page\"><div>";
  out +=
      fmt::format("<h1 id=\"title\"><span class=\"asn\">{}</span> {}</h1>", net::format_asn(r.asn),
                  r.holder.empty() ? std::string("<span class=\"muted\">holder unknown</span>")
                                   : html_escape(r.holder));
  std::vector<std::string> parts;
  if (!r.country.empty()) parts.push_back(html_escape(r.country));
  if (!r.registry.empty()) parts.push_back(html_escape(r.registry));
  parts.push_back(
      fmt::format("MANRS readiness for <b id=\"month\">{}</b> ({} \xE2\x80\x93 {}, UTC)",
                  html_escape(r.window.month), detail::day_text(r.window.start),
                  detail::day_text(std::max(r.window.start, r.window.end - 1))));
  out += fmt::format("<div class=\"sub\">{}</div></div>", fmt::join(parts, " \xC2\xB7 "));
  out += "<div class=\"stamp\">";
  if (r.generated_at != 0) {
    out += fmt::format("generated {} UTC<br>", detail::short_time(r.generated_at));
  }
  out += fmt::format("manrs check \xC2\xB7 report schema {}</div></header>", r.schema_version);
}

void gauges(std::string& out, const check::AsReport& r) {
  out +=
      "<section id=\"readiness\"><h2>Readiness per action <span class=\"aside\">score for the "
      "month; the colour is the readiness level</span></h2><div class=\"gauges\">";
  for (std::size_t i = 0; i < check::kActionCount; ++i) {
    const auto a = static_cast<check::Action>(i);
    const check::ActionScore* s = check::find_action(r, a);
    const std::optional<double> p = s != nullptr ? s->percent : std::nullopt;
    const check::Readiness level = s != nullptr ? s->level : check::Readiness::kNoData;
    out += fmt::format(
        "<div class=\"gauge {}\" id=\"gauge-{}\" data-percent=\"{}\">{}"
        "<div class=\"action\">Action {}</div><div class=\"title\">{}</div>"
        "<span class=\"pill\">{}</span><div class=\"basis\">{}</div></div>",
        readiness_class(level), check::action_id(a), detail::percent_number(p),
        detail::gauge_svg(p), detail::action_number(a), check::action_title(a),
        detail::readiness_title(level), s != nullptr ? html_escape(s->basis) : std::string());
  }
  out +=
      "</div><p class=\"legend-note\">Ready, Aspiring and Lagging follow the configured "
      "thresholds (product defaults, not MANRS-official). A dash means no data: the input for "
      "that action was not given or had nothing on this network.</p></section>";
}

void trend(std::string& out, const check::AsReport& r) {
  if (r.history.size() < 2) return;
  out += fmt::format(
      "<section id=\"trend-section\"><h2>Trend <span class=\"aside\">{} months stored, {} "
      "\xE2\x80\x93 {}</span></h2>{}</section>",
      r.history.size(), html_escape(r.history.front().month), html_escape(r.history.back().month),
      detail::trend_svg(r));
}

std::string event_html(const check::Event& e, std::size_t index) {
  std::vector<std::string> path;
  for (const net::Asn a : e.path) path.push_back(std::to_string(a));
  std::string s =
      fmt::format("<div class=\"ev\" data-event=\"{}\">{}", index, html_escape(e.detail));
  s += "<div class=\"ref\">";
  if (!e.reference.empty())
    s += fmt::format("<span class=\"mono\">{}</span> \xC2\xB7 ", html_escape(e.reference));
  s += fmt::format("{} \xE2\x80\x93 {}", detail::short_time(e.start), detail::short_time(e.end));
  if (!path.empty())
    s += fmt::format(" \xC2\xB7 path <span class=\"mono\">{}</span>", fmt::join(path, " "));
  if (e.culprit != e.asn) s += fmt::format(" \xC2\xB7 culprit {}", net::format_asn(e.culprit));
  s += "</div></div>";
  return s;
}

void incidents(std::string& out, const check::AsReport& r) {
  using Item = detail::IncidentItem;
  std::size_t scored = 0;
  const std::vector<Item> items = detail::incidents_by_start(r, scored);
  out += fmt::format(
      "<section id=\"filtering\"><h2>Action 1 \xC2\xB7 Filtering: incidents <span "
      "class=\"aside\">{}</span></h2>",
      items.empty() ? std::string("none recorded")
                    : fmt::format("{} in the month, {} scored; grey bars are informational",
                                  items.size(), scored));
  out += detail::timeline_svg(r);
  if (items.empty()) {
    out += "</section>";
    return;
  }
  out +=
      "<h3>Incidents</h3><table id=\"incidents-table\"><thead><tr><th>Metric</th><th>Prefix</th>"
      "<th>Start (UTC)</th><th>End (UTC)</th><th class=\"num\">Duration</th>"
      "<th class=\"num\">Score</th><th>Evidence</th></tr></thead><tbody>";
  for (const Item& it : items) {
    const check::Incident& i = *it.incident;
    const check::Event* e = detail::first_event(r, i);
    std::string evidence;
    for (const std::uint32_t idx : i.events) {
      if (idx < r.events.size()) evidence += event_html(r.events[idx], idx);
    }
    out += fmt::format(
        "<tr class=\"incident {}\" data-metric=\"{}\"><td class=\"nowrap\"><span class=\"tag "
        "{}\" title=\"{}\">{}</span></td><td class=\"mono nowrap\">{}</td><td "
        "class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}{}</td><td>{}</td></tr>",
        it.metric->scored ? "scored" : "info", check::metric_id(it.metric->metric),
        it.metric->scored ? "scored" : "", check::metric_title(it.metric->metric),
        check::metric_id(it.metric->metric), e != nullptr ? e->prefix.to_string() : std::string(),
        detail::short_time(i.start), detail::short_time(i.end),
        detail::duration_text(i.end - i.start), detail::score_text(i.score),
        it.metric->scored ? "" : " <span class=\"muted\">(info)</span>", evidence);
  }
  out += "</tbody></table></section>";
}

void checks_table(std::string& out, std::string_view id, const std::vector<check::Check>& checks) {
  out += fmt::format(
      "<table id=\"{}\"><thead><tr><th></th><th>Check</th><th>Found</th><th>Source</th>"
      "<th>Updated</th></tr></thead><tbody>",
      id);
  for (const check::Check& c : checks) {
    const std::string_view mark_cls =
        c.ok ? (c.stale ? "warn" : "ok") : (c.counted ? "bad" : "warn");
    std::string found;
    if (!c.value.empty()) found += html_escape(c.value);
    if (!c.detail.empty()) {
      found += fmt::format("{}<span class=\"{}\">{}</span>", found.empty() ? "" : "<br>",
                           c.ok ? "muted" : "", html_escape(c.detail));
    }
    std::string tags;
    if (c.stale) tags += " <span class=\"tag warn\">stale</span>";
    if (!c.counted) tags += " <span class=\"tag\">not scored</span>";
    out += fmt::format(
        "<tr class=\"check {}\"><td class=\"mark {}\">{}</td><td>{}{}<span "
        "class=\"check-id mono\">{}</span></td><td>{}</td><td>{}</td><td "
        "class=\"nowrap\">{}</td></tr>",
        c.ok ? "ok" : "fail", mark_cls, c.ok ? "\xE2\x9C\x93" : "\xE2\x9C\x97",
        html_escape(c.title), tags, html_escape(c.id), found, html_escape(c.source),
        c.updated ? detail::day_text(*c.updated) : std::string("\xE2\x80\x93"));
  }
  out += "</tbody></table>";
}

std::string key(std::string_view cls, std::string_view label, unsigned n) {
  return fmt::format("<span><span class=\"sw {}\"></span>{} <b>{}</b></span>", cls, label, n);
}

void route_rows(std::string& out, const check::RoutingInfo& ri, bool only_work, std::size_t limit) {
  std::size_t n = 0;
  for (const check::AnnouncedRoute& a : ri.routes) {
    if (only_work && !detail::route_needs_work(ri, a)) continue;
    if (n++ == limit) break;
    const bool invalid = rpki::is_invalid(a.rov);
    const bool irr_ok =
        a.irr == check::IrrCoverage::kExact || a.irr == check::IrrCoverage::kLessSpecific;
    const std::string rov =
        ri.have_rpki
            ? fmt::format("<span class=\"tag {}\">{}</span>",
                          a.rov == rpki::RovState::kValid ? "good" : (invalid ? "bad" : "warn"),
                          detail::rov_title(a.rov))
            : std::string("<span class=\"muted\">no VRPs</span>");
    const std::string irr =
        ri.have_irr
            ? fmt::format(
                  "<span class=\"tag {}\">{}</span>",
                  irr_ok ? "good" : (a.irr == check::IrrCoverage::kOtherOrigin ? "bad" : "warn"),
                  detail::irr_title(a.irr))
            : std::string("<span class=\"muted\">no IRR</span>");
    std::string found;
    if (!a.rov_detail.empty())
      found += fmt::format("<div>ROAs: {}</div>", html_escape(a.rov_detail));
    if (!a.irr_detail.empty())
      found += fmt::format("<div>IRR: {}</div>", html_escape(a.irr_detail));
    out += fmt::format(
        "<tr class=\"route\"><td class=\"mono nowrap\">{}</td><td>{}</td><td>{}</td><td "
        "class=\"num\">{}</td><td class=\"nowrap\">{}</td><td "
        "class=\"nowrap\">{}</td><td>{}</td></tr>",
        a.prefix.to_string(), rov, irr, a.peers, detail::short_time(a.first_seen),
        detail::short_time(a.last_seen), found);
  }
}

constexpr std::string_view kRouteHead =
    "<thead><tr><th>Prefix</th><th>RPKI</th><th>IRR</th><th class=\"num\">Peers</th><th>First "
    "seen</th><th>Last seen</th><th>Found</th></tr></thead><tbody>";

void routing(std::string& out, const check::AsReport& r) {
  const check::RoutingInfo& ri = r.routing;
  out += fmt::format(
      "<section id=\"routing\"><h2>Action 4 \xC2\xB7 Routing information <span class=\"aside\">{} "
      "routes announced in the month</span></h2>",
      ri.routes.size());
  unsigned exact = 0, less = 0, other = 0, none = 0;
  for (const check::AnnouncedRoute& a : ri.routes) {
    switch (a.irr) {
      case check::IrrCoverage::kExact:
        ++exact;
        break;
      case check::IrrCoverage::kLessSpecific:
        ++less;
        break;
      case check::IrrCoverage::kOtherOrigin:
        ++other;
        break;
      case check::IrrCoverage::kNone:
        ++none;
        break;
    }
  }
  out += "<div class=\"coverage\">";
  out += fmt::format("<div class=\"name\">RPKI <small>M7RPKI {}</small></div><div>",
                     detail::percent_text(check::m7rpki_percent(ri), "no data"));
  if (ri.have_rpki) {
    out +=
        detail::stacked_bar_svg("coverage-rpki", {{"valid", "valid", ri.rpki_valid},
                                                  {"invalid", "invalid", ri.rpki_invalid},
                                                  {"not-found", "not found", ri.rpki_not_found}});
    out += "<div class=\"keys\">" + key("valid", "valid", ri.rpki_valid) +
           key("invalid", "invalid", ri.rpki_invalid) +
           key("not-found", "not found", ri.rpki_not_found) + "</div>";
  } else {
    out += "<p class=\"muted\" id=\"coverage-rpki\">No VRPs given: M7RPKI has no data.</p>";
  }
  out += "</div>";
  out += fmt::format("<div class=\"name\">IRR <small>M7IRR {}</small></div><div>",
                     detail::percent_text(check::m7irr_percent(ri), "no data"));
  if (ri.have_irr) {
    out += detail::stacked_bar_svg("coverage-irr", {{"exact", "route object, exact", exact},
                                                    {"less-specific", "less specific", less},
                                                    {"other-origin", "other origin only", other},
                                                    {"no-object", "no route object", none}});
    out += fmt::format(
        "<div class=\"keys\"><span>covered <b>{}</b> of <b>{}</b>:</span>{}{}{}{}</div>",
        ri.irr_covered, ri.routes.size(), key("exact", "exact", exact),
        key("less-specific", "less specific", less),
        key("other-origin", "other origin only", other), key("no-object", "no route object", none));
  } else {
    out += "<p class=\"muted\" id=\"coverage-irr\">No IRR data given: M7IRR has no data.</p>";
  }
  out += "</div></div>";

  std::size_t work = 0;
  for (const check::AnnouncedRoute& a : ri.routes)
    work += detail::route_needs_work(ri, a) ? 1U : 0U;
  if (work > 0) {
    out += fmt::format("<h3>Routes needing work <span class=\"aside\">{} of {}</span></h3>", work,
                       ri.routes.size());
    out += "<table id=\"routes-table\">";
    out += kRouteHead;
    route_rows(out, ri, true, kMaxRouteRows);
    out += "</tbody></table>";
  } else if (!ri.routes.empty()) {
    out +=
        "<p id=\"routes-ok\">Every announced route is RPKI-valid and covered by a route "
        "object.</p>";
  }
  if (!ri.routes.empty()) {
    out += fmt::format(
        "<details><summary>All {} announced routes{}</summary><table id=\"all-routes-table\">",
        ri.routes.size(),
        ri.routes.size() > kMaxRouteRows ? fmt::format(" (the first {})", kMaxRouteRows) : "");
    out += kRouteHead;
    route_rows(out, ri, false, kMaxRouteRows);
    out += "</tbody></table></details>";
  }

  const check::PolicyInfo& p = r.policy;
  out += "<h3>Routing policy and as-set</h3>";
  if (!p.have_irr && p.checks.empty()) {
    out += "<p class=\"muted\">No IRR data given.</p>";
  } else {
    std::vector<std::string> sets;
    for (const std::string& s : p.as_sets)
      sets.push_back("<span class=\"mono\">" + html_escape(s) + "</span>");
    out += fmt::format(
        "<p id=\"policy-summary\">{} \xC2\xB7 as-sets: {} \xC2\xB7 PeeringDB irr_as_set: {}</p>",
        p.aut_num
            ? fmt::format("aut-num <span class=\"mono\">{}</span> {}: {} import, {} export",
                          net::format_asn(r.asn), html_escape(p.as_name), p.imports, p.exports)
            : fmt::format("no aut-num {} in the IRR", net::format_asn(r.asn)),
        sets.empty() ? std::string("none") : fmt::format("{}", fmt::join(sets, ", ")),
        p.peeringdb_as_set.empty()
            ? std::string("none")
            : "<span class=\"mono\">" + html_escape(p.peeringdb_as_set) + "</span>");
  }
  if (!p.checks.empty()) checks_table(out, "policy-table", p.checks);
  out += "</section>";
}

void spoofing(std::string& out, const check::AsReport& r) {
  const check::SpoofingInfo& s = r.spoofing;
  out +=
      "<section id=\"anti-spoofing\"><h2>Action 2 \xC2\xB7 Anti-spoofing <span "
      "class=\"aside\">CAIDA Spoofer tests from the network's prefixes</span></h2>";
  if (!s.have_data) {
    out +=
        "<p class=\"muted\">No Spoofer results were given, so there is no score (never a made-up "
        "one).</p></section>";
    return;
  }
  out += fmt::format(
      "<p>{} test{} in the month; <b>{}</b> prefix{} from which spoofed packets got out.</p>",
      s.tests, s.tests == 1 ? "" : "s", s.spoofable_prefixes,
      s.spoofable_prefixes == 1 ? "" : "es");
  if (!s.evidence.empty()) {
    out += "<ul id=\"spoofing-evidence\">";
    for (const std::string& e : s.evidence) out += "<li>" + html_escape(e) + "</li>";
    out += "</ul>";
  }
  out += "</section>";
}

void coordination(std::string& out, const check::AsReport& r) {
  const check::Coordination& c = r.coordination;
  std::size_t ok = 0;
  for (const check::Check& k : c.checks) ok += k.ok ? 1U : 0U;
  out += fmt::format(
      "<section id=\"coordination\"><h2>Action 3 \xC2\xB7 Coordination <span "
      "class=\"aside\">{}</span></h2>",
      c.checks.empty() ? std::string("no contact checks")
                       : fmt::format("{} of {} contact checks pass", ok, c.checks.size()));
  if (!c.have_irr && !c.have_peeringdb && c.checks.empty()) {
    out += "<p class=\"muted\">No IRR or PeeringDB data given.</p></section>";
    return;
  }
  checks_table(out, "checks-table", c.checks);
  out += "</section>";
}

void fixes(std::string& out, const check::AsReport& r) {
  out +=
      fmt::format("<section id=\"fixes\"><h2>Fixes <span class=\"aside\">{}</span></h2>",
                  r.fixes.empty() ? std::string("nothing to fix")
                                  : fmt::format("{} to do, most important first", r.fixes.size()));
  for (std::size_t i = 0; i < r.fixes.size(); ++i) {
    const check::Fix& f = r.fixes[i];
    out += fmt::format(
        "<article class=\"fix\" data-kind=\"{}\"><h3>{}. {} <span class=\"tag\">Action {} \xC2\xB7 "
        "{}</span> <span class=\"tag\">{}</span></h3>",
        html_escape(f.kind), i + 1, html_escape(f.title), detail::action_number(f.action),
        check::action_title(f.action), html_escape(f.kind));
    if (!f.reason.empty()) out += "<p class=\"why\">" + html_escape(f.reason) + "</p>";
    if (!f.text.empty()) out += "<pre>" + html_escape(f.text, true) + "</pre>";
    out += "</article>";
  }
  out += "</section>";
}

void appendix(std::string& out, const check::AsReport& r) {
  out += "<section id=\"details\"><h2>How the scores were computed</h2>";
  if (!r.metrics.empty()) {
    out +=
        "<table id=\"metrics-table\"><thead><tr><th>Metric</th><th>Measures</th><th></th>"
        "<th class=\"num\">Raw</th><th class=\"num\">Percent</th><th>Note</th></tr></thead><tbody>";
    for (const check::MetricResult& m : r.metrics) {
      out += fmt::format(
          "<tr><td class=\"mono nowrap\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td "
          "class=\"num\">{}</td><td>{}</td></tr>",
          check::metric_id(m.metric), check::metric_title(m.metric),
          m.scored ? "<span class=\"tag\">scored</span>" : "<span class=\"muted\">info</span>",
          detail::score_text(m.raw), detail::percent_text(m.percent), html_escape(m.note));
    }
    out += "</tbody></table>";
  }
  if (!r.notes.empty()) {
    out += "<h3>Notes</h3><ul id=\"notes\">";
    for (const std::string& n : r.notes) out += "<li>" + html_escape(n) + "</li>";
    out += "</ul>";
  }
  out += "<h3>Inputs</h3>";
  if (r.inputs.empty()) {
    out += "<p class=\"muted\">No inputs recorded.</p>";
  } else {
    out +=
        "<table "
        "id=\"inputs-table\"><thead><tr><th>Kind</th><th>File</th><th>Gave</th></tr></"
        "thead><tbody>";
    for (const check::Input& in : r.inputs) {
      out +=
          fmt::format("<tr><td class=\"nowrap\">{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
                      html_escape(in.kind), html_escape(in.path), html_escape(in.summary));
    }
    out += "</tbody></table>";
  }
  out += "</section>";
}

}  // namespace

std::string render_html(const check::AsReport& r) {
  std::string out;
  out.reserve(64 * 1024);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += fmt::format("<title>MANRS check {} {}</title><style>{}</style></head><body><main>",
                     net::format_asn(r.asn), html_escape(r.window.month), kStyle);
  header(out, r);
  gauges(out, r);
  trend(out, r);
  incidents(out, r);
  spoofing(out, r);
  coordination(out, r);
  routing(out, r);
  fixes(out, r);
  appendix(out, r);
  out +=
      "<footer>Made by manrs check from the inputs listed above; the page works offline and "
      "loads nothing.</footer></main></body></html>\n";
  return out;
}

}  // namespace manrs::report
