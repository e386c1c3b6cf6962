// report/html.h — `manrs check` as one self-contained HTML page: a gauge per MANRS action, the
// trend over the stored months, an incident timeline over the month, the Action 4 coverage
// breakdown, tables of incidents (with evidence), routes needing work, coordination and policy
// checks and fixes, then the metrics, notes and inputs.
//
// The page needs nothing else to be read: inline CSS, inline SVG, no script, no external URL (a
// Content-Security-Policy meta forbids loading anything). Every string from the model is
// HTML-escaped (detail::html_escape), so registry text shows as text, never as markup. Elements
// tests look for: id="gauge-<action id>" (class "gauge <readiness id>"), id="timeline" with
// rect.incident-bar, id="coverage-rpki" / "coverage-irr", id="trend", tables #incidents-table
// (tr.incident), #routes-table, #checks-table, #policy-table, #metrics-table, #inputs-table,
// #fixes (article.fix with a pre), ul#notes.
#pragma once

#include <string>

#include "manrs/check/model.h"

namespace manrs::report {

[[nodiscard]] std::string render_html(const check::AsReport& report);

}  // namespace manrs::report
