// report/text.h — `manrs check` for the terminal: one AS's report that reads at a glance (header,
// a line per MANRS action with percent, readiness and a bar, incidents, Action 4 coverage,
// coordination checks, fixes, trend, notes), and the `--all` score table as aligned text.
//
// Pure: model in, text out (STYLE §8). Registry text is cleaned of control characters and invalid
// UTF-8 (detail::clean_text), so a hostile holder name cannot send escape sequences to the
// terminal. ANSI colour only when TextOptions::colour. Start with render_text.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "manrs/check/model.h"

namespace manrs::report {

struct TextOptions {
  bool colour = false;        // ANSI SGR colours and bold (the caller decides: a TTY, no NO_COLOR)
  bool verbose = false;       // every event of each incident, fix texts, metric notes, full lines
  std::size_t max_rows = 20;  // rows per table before "… N more"; 0 = no limit
  std::size_t width = 100;    // long evidence is cut to fit this many columns (not in verbose)
};

// The report of one AS. Sections with nothing to show are left out, except the action lines.
[[nodiscard]] std::string render_text(const check::AsReport& report, const TextOptions& options);

// `manrs check --all` as an aligned table: ASN, Holder, Country, RIR, the five scores (one
// decimal, "–" for no data), Routes, Incidents. One header line, one line per row, in the given
// order.
[[nodiscard]] std::string render_table_text(const std::vector<check::TableRow>& rows);

}  // namespace manrs::report
