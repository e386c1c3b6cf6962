// report/internal/charts.h — the inline SVG charts of the HTML page: gauges, the incident
// timeline, the coverage bars and the trend lines. Each returns one <svg> element (no xmlns: the
// page is HTML5) whose text is escaped; colours come from the page's CSS classes.
#pragma once

#include <optional>
#include <string>

#include "manrs/check/model.h"

namespace manrs::report::detail {

// A half-circle gauge: the arc filled to `percent`, the number in the middle; "no data" shows an
// empty dashed arc and a dash.
[[nodiscard]] std::string gauge_svg(std::optional<double> percent);

// One lane per incident metric with incidents, bars from start to end over the month's days.
[[nodiscard]] std::string timeline_svg(const check::AsReport& r);

struct Segment {
  std::string cls;    // CSS class: "valid", "invalid", "not-found", "exact", ...
  std::string label;  // legend text
  unsigned count = 0;
};
// One stacked bar (segments proportional to their counts, numbers inside when they fit).
[[nodiscard]] std::string stacked_bar_svg(const std::string& id, const std::vector<Segment>& segs);

// Lines per action over r.history (needs >= 2 months), y 0..100 %.
[[nodiscard]] std::string trend_svg(const check::AsReport& r);

}  // namespace manrs::report::detail
