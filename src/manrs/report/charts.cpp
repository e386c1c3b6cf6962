// The SVG charts of the HTML page (report/internal/charts.h).
#include "manrs/report/internal/charts.h"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "manrs/report/internal/escape.h"
#include "manrs/report/internal/format.h"

namespace manrs::report::detail {

namespace {

// The gauge arc: a half circle of radius 64 centred on (80, 84); pathLength 100 makes the dash
// length the percentage.
constexpr std::string_view kArc = "M 16 84 A 64 64 0 0 1 144 84";

std::string_view metric_short(check::Metric m) {
  switch (m) {
    case check::Metric::kM1:
      return "route leak";
    case check::Metric::kM1C:
      return "leak, customer";
    case check::Metric::kM2:
      return "possible hijack";
    case check::Metric::kM2C:
      return "hijack, customer";
    case check::Metric::kM3:
      return "bogon prefix";
    case check::Metric::kM3C:
      return "bogon pfx, customer";
    case check::Metric::kM4:
      return "bogon ASN";
    case check::Metric::kM4C:
      return "bogon ASN, customer";
    case check::Metric::kRpkiInvalid:
      return "RPKI invalid";
    case check::Metric::kAdminBogon:
      return "unallocated space";
    default:
      break;
  }
  return "";
}

}  // namespace

std::string gauge_svg(std::optional<double> percent) {
  std::string s = fmt::format(
      "<svg class=\"gauge-svg\" viewBox=\"0 0 160 100\" role=\"img\" aria-label=\"{}\">",
      percent ? percent_text(percent) : std::string("no data"));
  s += fmt::format("<path class=\"track{}\" d=\"{}\" pathLength=\"100\"/>", percent ? "" : " empty",
                   kArc);
  if (percent && *percent > 0) {
    s += fmt::format(
        "<path class=\"value\" d=\"{}\" pathLength=\"100\" stroke-dasharray=\"{:.2f} 200\"/>", kArc,
        std::clamp(*percent, 0.0, 100.0));
  }
  if (percent) {
    s += fmt::format(
        "<text class=\"pct\" x=\"80\" y=\"80\" text-anchor=\"middle\">{}<tspan class=\"unit\" "
        "dx=\"2\">%</tspan></text>",
        percent_number(percent));
  } else {
    s += "<text class=\"pct none\" x=\"80\" y=\"80\" text-anchor=\"middle\">\xE2\x80\x93</text>";
  }
  s += "<text class=\"end\" x=\"16\" y=\"98\" text-anchor=\"middle\">0</text>"
       "<text class=\"end\" x=\"144\" y=\"98\" text-anchor=\"middle\">100</text></svg>";
  return s;
}

std::string timeline_svg(const check::AsReport& r) {
  constexpr double kWidth = 1060;
  constexpr double kX0 = 168;
  constexpr double kX1 = 1050;
  constexpr double kAxis = 26;
  constexpr double kLane = 36;
  const std::int64_t start = r.window.start;
  // A month has 28 to 31 days; a window outside that (never made by month_window) is drawn as
  // its days up to 62 so the page stays bounded.
  const std::int64_t days =
      std::clamp<std::int64_t>((r.window.end - r.window.start + 86399) / 86400, 1, 62);
  const auto span = static_cast<double>(days * 86400);
  auto x_of = [&](std::int64_t t) {
    const auto off = static_cast<double>(std::clamp<std::int64_t>(t - start, 0, days * 86400));
    return kX0 + off / span * (kX1 - kX0);
  };

  std::vector<const check::MetricResult*> lanes;
  for (const check::MetricResult& m : r.metrics) {
    if (check::is_incident_metric(m.metric) && !m.incidents.empty()) lanes.push_back(&m);
  }
  const double height =
      kAxis + kLane * static_cast<double>(std::max<std::size_t>(lanes.size(), 1)) + 6;
  std::string s = fmt::format(
      "<svg id=\"timeline\" class=\"timeline\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
      "aria-label=\"incidents over {}\">",
      kWidth, height, html_escape(r.window.month));
  // Lanes first (backgrounds), then day columns, then bars on top.
  for (std::size_t i = 0; i < std::max<std::size_t>(lanes.size(), 1); ++i) {
    const double y = kAxis + kLane * static_cast<double>(i);
    s += fmt::format(
        "<rect class=\"lane{}\" x=\"0\" y=\"{:.0f}\" width=\"{:.0f}\" height=\"{:.0f}\"/>",
        i % 2 == 0 ? "" : " alt", y, kWidth, kLane);
  }
  const double day_w = (kX1 - kX0) / static_cast<double>(days);
  for (std::int64_t d = 0; d < days; ++d) {
    const double x = kX0 + day_w * static_cast<double>(d);
    const std::int64_t day_number = (start / 86400) + d;
    const std::int64_t weekday =
        ((day_number % 7) + 11) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday == 0 || weekday == 6) {
      s += fmt::format(
          "<rect class=\"weekend\" x=\"{:.1f}\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"{:.0f}\"/>",
          x, kAxis, day_w, height - kAxis - 6);
    }
    s += fmt::format(
        "<line class=\"tick\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.0f}\" y2=\"{2:.0f}\"/>", x,
        kAxis - 6, height - 6);
    s += fmt::format(
        "<text class=\"day\" x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}</text>",
        x + day_w / 2, kAxis - 10, d + 1);
  }
  s += fmt::format(
      "<line class=\"tick\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.0f}\" y2=\"{2:.0f}\"/>", kX1,
      kAxis - 6, height - 6);
  if (lanes.empty()) {
    const check::ActionScore* f = check::find_action(r, check::Action::kFiltering);
    const bool data = f != nullptr && f->percent.has_value();
    s += fmt::format(
        "<rect class=\"empty-bg\" x=\"{:.0f}\" y=\"{:.0f}\" width=\"360\" height=\"24\" rx=\"4\"/>"
        "<text class=\"empty\" x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">{} {}</text></svg>",
        (kX0 + kX1) / 2 - 180, kAxis + kLane / 2 - 12, (kX0 + kX1) / 2, kAxis + kLane / 2 + 5,
        data ? "No incidents recorded in" : "No routing data on this network in",
        html_escape(r.window.month));
    return s;
  }
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const check::MetricResult& m = *lanes[i];
    const double y = kAxis + kLane * static_cast<double>(i);
    s += fmt::format(
        "<text class=\"lane-id\" x=\"10\" y=\"{:.0f}\">{}{}</text>"
        "<text class=\"lane-name\" x=\"10\" y=\"{:.0f}\">{}</text>",
        y + 15, check::metric_id(m.metric), m.scored ? "" : " \xC2\xB7 info", y + 29,
        metric_short(m.metric));
    for (const check::Incident& inc : m.incidents) {
      const double x = x_of(inc.start);
      // Short incidents stay visible: at least 6 px (a 40-minute incident is ~1 px at scale).
      const double w = std::max(6.0, x_of(inc.end) - x);
      const check::Event* e = first_event(r, inc);
      const std::string what =
          fmt::format("{} {} {} {} {} UTC ({}), score {}{}", check::metric_id(m.metric),
                      e != nullptr ? e->prefix.to_string() : std::string(), short_time(inc.start),
                      "\xE2\x80\x93", short_time(inc.end), duration_text(inc.end - inc.start),
                      score_text(inc.score), m.scored ? "" : " (informational)");
      s += fmt::format(
          "<rect class=\"incident-bar {}\" data-metric=\"{}\" x=\"{:.1f}\" y=\"{:.0f}\" "
          "width=\"{:.1f}\" height=\"20\" rx=\"3\"><title>{}</title></rect>",
          m.scored ? "scored" : "info", check::metric_id(m.metric), x, y + 8, w, html_escape(what));
      // The duration next to the bar, on the side with room.
      const bool left = x + w + 60 > kX1;
      s += fmt::format(
          "<text class=\"bar-label\" x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"{}\">{}</text>",
          left ? x - 4 : x + w + 4, y + 22, left ? "end" : "start",
          duration_text(inc.end - inc.start));
    }
  }
  s += "</svg>";
  return s;
}

std::string stacked_bar_svg(const std::string& id, const std::vector<Segment>& segs) {
  constexpr double kWidth = 1000;
  unsigned total = 0;
  for (const Segment& g : segs) total += g.count;
  std::string s = fmt::format(
      "<svg id=\"{}\" class=\"stacked\" viewBox=\"0 0 {:.0f} 30\" preserveAspectRatio=\"none\" "
      "role=\"img\">",
      html_escape(id), kWidth);
  if (total == 0) {
    s += "<rect class=\"seg none\" x=\"0\" y=\"0\" width=\"1000\" height=\"30\" rx=\"4\"/></svg>";
    return s;
  }
  double x = 0;
  for (const Segment& g : segs) {
    if (g.count == 0) continue;
    const double w = kWidth * static_cast<double>(g.count) / static_cast<double>(total);
    s += fmt::format(
        "<rect class=\"seg {}\" data-count=\"{}\" x=\"{:.2f}\" y=\"0\" width=\"{:.2f}\" "
        "height=\"30\"><title>{}: {}</title></rect>",
        html_escape(g.cls), g.count, x, w, html_escape(g.label), g.count);
    x += w;
  }
  s += "</svg>";
  return s;
}

std::string trend_svg(const check::AsReport& r) {
  constexpr double kX0 = 56;
  constexpr double kX1 = 836;
  constexpr double kY0 = 14;   // 100 %
  constexpr double kY1 = 194;  // 0 %
  const std::size_t n = r.history.size();
  if (n < 2) return {};
  auto x_of = [&](std::size_t i) {
    return kX0 + (kX1 - kX0) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y_of = [&](double p) { return kY1 - (kY1 - kY0) * std::clamp(p, 0.0, 100.0) / 100.0; };
  std::string s =
      "<svg id=\"trend\" class=\"trend\" viewBox=\"0 0 1060 226\" role=\"img\" "
      "aria-label=\"score per action by month\">";
  for (int p = 0; p <= 100; p += 25) {
    const double y = y_of(p);
    s += fmt::format(
        "<line class=\"grid\" x1=\"{:.0f}\" x2=\"{:.0f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"axis\" x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\">{} %</text>",
        kX0, kX1, y, y, kX0 - 8, y + 4, p);
  }
  const std::size_t step = (n + 11) / 12;  // at most 12 month labels
  for (std::size_t i = 0; i < n; ++i) {
    if (i % step != 0 && i + 1 != n) continue;
    s += fmt::format("<text class=\"axis\" x=\"{:.1f}\" y=\"216\" text-anchor=\"middle\">{}</text>",
                     x_of(i), html_escape(r.history[i].month));
  }
  for (std::size_t a = 0; a < check::kActionCount; ++a) {
    const std::string_view id = check::action_id(static_cast<check::Action>(a));
    std::string points;
    auto flush = [&] {
      if (points.find(' ') != std::string::npos) {
        s += fmt::format("<polyline class=\"series s-{}\" points=\"{}\"/>", id, points);
      }
      points.clear();
    };
    for (std::size_t i = 0; i < n; ++i) {
      const std::optional<double>& p = r.history[i].percent[a];
      if (!p) {
        flush();
        continue;
      }
      if (!points.empty()) points += ' ';
      points += fmt::format("{:.1f},{:.1f}", x_of(i), y_of(*p));
    }
    flush();
    for (std::size_t i = 0; i < n; ++i) {
      const std::optional<double>& p = r.history[i].percent[a];
      if (!p) continue;
      s += fmt::format(
          "<circle class=\"point s-{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\"><title>{} {}: "
          "{}</title></circle>",
          id, x_of(i), y_of(*p), check::action_title(static_cast<check::Action>(a)),
          html_escape(r.history[i].month), percent_text(p));
    }
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) any = any || r.history[i].percent[a].has_value();
    const double ly = 30 + 26 * static_cast<double>(a);
    s += fmt::format(
        "<line class=\"series s-{0}\" x1=\"862\" x2=\"886\" y1=\"{1:.0f}\" y2=\"{1:.0f}\"/>"
        "<text class=\"legend\" x=\"894\" y=\"{2:.0f}\">{3}{4}</text>",
        id, ly, ly + 4, check::action_title(static_cast<check::Action>(a)),
        any ? "" : " <tspan class=\"nodata\">(no data)</tspan>");
  }
  s += "</svg>";
  return s;
}

}  // namespace manrs::report::detail
