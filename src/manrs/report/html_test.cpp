#include "manrs/report/html.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "manrs/report/internal/escape.h"
#include "manrs/report/testing/sample_reports.h"

namespace manrs::report {
namespace {

namespace sample = testing;

std::size_t count(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + 1))
    ++n;
  return n;
}

// The part of `html` from the element with id="<id>" to the first `end` after it.
std::string_view element(std::string_view html, std::string_view id, std::string_view end) {
  const std::size_t start = html.find("id=\"" + std::string(id) + "\"");
  if (start == std::string_view::npos) return {};
  const std::size_t stop = html.find(end, start);
  return html.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Nothing in the page loads or runs anything. Registry text is escaped, so every '<' in the page
// opens one of our own elements: the checks look inside the tags (and at the one <style>), where
// an attack would have to be; text between tags may say anything.
void expect_self_contained(const std::string& html) {
  const std::string l = lower(html);
  std::size_t tags = 0;
  for (std::size_t p = l.find('<'); p != std::string::npos; p = l.find('<', p + 1)) {
    const std::size_t end = l.find('>', p);
    ASSERT_NE(end, std::string::npos);
    const std::string tag = l.substr(p, end - p + 1);
    ++tags;
    for (const std::string_view bad : {"<script", "<iframe", "<img", "<object", "<embed", "<link",
                                       "<a ", "<base", "<form", "<meta http-equiv=\"refresh"}) {
      EXPECT_NE(tag.rfind(bad, 0), 0u) << tag;
    }
    for (const std::string_view bad : {"http:", "https:", "javascript:", "url("}) {
      EXPECT_EQ(tag.find(bad), std::string::npos) << tag;
    }
    // Attribute names, with the quoted values taken out (a value cannot end early: quotes in
    // text are &quot;): no src, href, style or event handler (" on<letters>=").
    std::string names;
    bool quoted = false;
    for (const char c : tag) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        names += c;
      }
    }
    EXPECT_FALSE(quoted) << tag;
    for (const std::string_view bad : {" src=", " href=", " style=", " srcset="}) {
      EXPECT_EQ(names.find(bad), std::string::npos) << tag;
    }
    for (std::size_t q = names.find(" on"); q != std::string::npos; q = names.find(" on", q + 1)) {
      std::size_t i = q + 3;
      while (i < names.size() && std::isalpha(static_cast<unsigned char>(names[i]))) ++i;
      EXPECT_FALSE(i < names.size() && names[i] == '=') << tag;
    }
  }
  EXPECT_GT(tags, 100u);
  EXPECT_EQ(count(l, "<style>"), 1u);
  const std::size_t style = l.find("<style>");
  const std::string css = l.substr(style, l.find("</style>") - style);
  EXPECT_EQ(css.find("url("), std::string::npos);
  EXPECT_EQ(css.find("@import"), std::string::npos);
  EXPECT_EQ(css.find('<', 1), std::string::npos);  // only the <style> tag itself
  EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                      "style-src 'unsafe-inline'\">"),
            std::string::npos);
  // Balanced structure (escaped text cannot add or close elements).
  for (const auto& [open, close] : {std::pair{"<section", "</section>"},
                                    {"<table", "</table>"},
                                    {"<tr", "</tr>"},
                                    {"<svg", "</svg>"},
                                    {"<pre>", "</pre>"},
                                    {"<div", "</div>"},
                                    {"<ul", "</ul>"},
                                    {"<li>", "</li>"},
                                    {"<article", "</article>"},
                                    {"<span", "</span>"},
                                    {"<text", "</text>"},
                                    {"<title>", "</title>"}}) {
    EXPECT_EQ(count(html, open), count(html, close)) << open;
  }
  // Valid UTF-8 without control characters other than newlines.
  EXPECT_EQ(detail::clean_text(html, true), html);
}

TEST(HtmlTest, FullReportHasGaugesTimelineCoverageTablesAndFixes) {
  const std::string html = render_html(sample::full_report());
  ASSERT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">", 0), 0u);
  expect_self_contained(html);
  EXPECT_NE(html.find("<title>MANRS check AS64500 2015-11</title>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"asn\">AS64500</span> EXAMPLE-NET Example Networks B.V.</h1>"),
            std::string::npos);

  // One gauge per action, with the readiness class and the percent.
  EXPECT_EQ(count(html, "<div class=\"gauge "), 5u);
  EXPECT_NE(html.find("<div class=\"gauge lagging\" id=\"gauge-filtering\" data-percent=\"21.6\">"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"gauge no-data\" id=\"gauge-anti-spoofing\" data-percent=\"\">"),
            std::string::npos);
  EXPECT_NE(
      html.find("<div class=\"gauge ready\" id=\"gauge-coordination\" data-percent=\"100.0\">"),
      std::string::npos);
  EXPECT_NE(html.find("<div class=\"gauge aspiring\" id=\"gauge-irr\" data-percent=\"80.0\">"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"gauge aspiring\" id=\"gauge-rpki\" data-percent=\"85.0\">"),
            std::string::npos);
  // The arc is filled to the percent (pathLength 100); no data has an empty dashed arc.
  const std::string_view filtering = element(html, "gauge-filtering", "</svg>");
  EXPECT_NE(filtering.find("stroke-dasharray=\"21.60 200\""), std::string_view::npos);
  const std::string_view spoof = element(html, "gauge-anti-spoofing", "</svg>");
  EXPECT_NE(spoof.find("class=\"track empty\""), std::string_view::npos);
  EXPECT_EQ(spoof.find("class=\"value\""), std::string_view::npos);

  // Timeline: 4 lanes (M1, M2, M2C, M3), one bar per incident, 30 day labels.
  const std::string_view timeline = element(html, "timeline", "</svg>");
  ASSERT_FALSE(timeline.empty());
  EXPECT_EQ(count(timeline, "<rect class=\"incident-bar "), 4u);
  EXPECT_EQ(count(timeline, "<rect class=\"incident-bar scored\""), 3u);
  EXPECT_EQ(count(timeline, "<text class=\"lane-id\""), 4u);
  EXPECT_EQ(count(timeline, "<text class=\"day\""), 30u);
  EXPECT_NE(timeline.find(">30</text>"), std::string_view::npos);
  // x = 168 + t / 30 d × 882: the M3 bar starts on day 10 (168 + 9/30 × 882 = 432.6) and lasts
  // 51 h (51/720 × 882 = 62.5).
  EXPECT_NE(timeline.find("data-metric=\"M3\" x=\"432.6\" y=\"142\" width=\"62.5\""),
            std::string_view::npos)
      << timeline;
  // The 40-minute M2 incident (2 d 6 h in: 168 + 2.25 × 29.4 = 234.15) is widened to 6 px.
  EXPECT_NE(timeline.find("data-metric=\"M2\" x=\"234.1\" y=\"70\" width=\"6.0\""),
            std::string_view::npos);

  // Coverage bars with their counts.
  const std::string_view rpki = element(html, "coverage-rpki", "</svg>");
  EXPECT_NE(
      rpki.find("<rect class=\"seg valid\" data-count=\"17\" x=\"0.00\" y=\"0\" width=\"850.00\""),
      std::string_view::npos);
  EXPECT_NE(rpki.find("<rect class=\"seg not-found\" data-count=\"3\" x=\"850.00\""),
            std::string_view::npos);
  EXPECT_EQ(rpki.find("seg invalid"), std::string_view::npos);  // 0 invalid: no segment
  const std::string_view irr = element(html, "coverage-irr", "</svg>");
  EXPECT_NE(irr.find("class=\"seg exact\" data-count=\"11\""), std::string_view::npos);
  EXPECT_NE(irr.find("class=\"seg less-specific\" data-count=\"5\""), std::string_view::npos);
  EXPECT_NE(irr.find("class=\"seg other-origin\" data-count=\"1\""), std::string_view::npos);
  EXPECT_NE(irr.find("class=\"seg no-object\" data-count=\"3\""), std::string_view::npos);

  // Trend: 4 months, a line per action with data (anti-spoofing has none).
  const std::string_view trend = element(html, "trend", "</svg>");
  EXPECT_EQ(count(trend, "<polyline class=\"series "), 4u);
  EXPECT_EQ(count(trend, "<circle class=\"point s-filtering\""), 4u);
  EXPECT_EQ(count(trend, "<circle class=\"point s-anti-spoofing\""), 0u);
  EXPECT_NE(trend.find("Anti-spoofing <tspan class=\"nodata\">(no data)</tspan>"),
            std::string_view::npos);

  // Tables.
  const std::string_view incidents = element(html, "incidents-table", "</table>");
  EXPECT_EQ(count(incidents, "<tr class=\"incident "), 4u);
  EXPECT_EQ(count(incidents, "<div class=\"ev\""), 5u);  // every event's evidence
  EXPECT_NE(incidents.find("moas-1446531000-64500_64501"), std::string_view::npos);
  EXPECT_EQ(count(element(html, "routes-table", "</table>"), "<tr class=\"route\">"), 4u);
  EXPECT_EQ(count(element(html, "all-routes-table", "</table>"), "<tr class=\"route\">"), 20u);
  const std::string_view checks = element(html, "checks-table", "</table>");
  EXPECT_EQ(count(checks, "<tr class=\"check ok\">"), 4u);
  EXPECT_EQ(count(checks, "<tr class=\"check fail\">"), 1u);
  EXPECT_EQ(count(element(html, "policy-table", "</table>"), "<tr class=\"check "), 3u);
  EXPECT_EQ(count(element(html, "metrics-table", "</table>"), "<tr><td"), 12u);
  EXPECT_EQ(count(element(html, "inputs-table", "</table>"), "<tr><td"), 5u);
  EXPECT_EQ(count(element(html, "notes", "</ul>"), "<li>"), 2u);

  // Fixes, the text in <pre> with its newlines.
  EXPECT_EQ(count(html, "<article class=\"fix\""), 5u);
  EXPECT_NE(html.find("<pre>route6:  2001:db8:10::/48\norigin:  AS64500\nmnt-by:  "
                      "EXAMPLE-MNT\nsource:  RIPE</pre>"),
            std::string::npos);
}

TEST(HtmlTest, EmptyReportShowsNoDataEverywhere) {
  const std::string html = render_html(sample::empty_report());
  expect_self_contained(html);
  EXPECT_EQ(count(html, "<div class=\"gauge no-data\""), 5u);
  EXPECT_EQ(count(html, "class=\"track empty\""), 5u);
  EXPECT_EQ(html.find("<rect class=\"incident-bar"), std::string::npos);
  EXPECT_NE(element(html, "timeline", "</svg>").find("No routing data on this network in 2015-11"),
            std::string_view::npos);
  EXPECT_EQ(html.find("id=\"trend\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"routes-table\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"incidents-table\""), std::string::npos);
  EXPECT_NE(
      html.find("<p class=\"muted\" id=\"coverage-rpki\">No VRPs given: M7RPKI has no data.</p>"),
      std::string::npos);
  EXPECT_NE(html.find("holder unknown"), std::string::npos);
  EXPECT_NE(html.find("Fixes <span class=\"aside\">nothing to fix</span>"), std::string::npos);
}

TEST(HtmlTest, HostileTextIsShownAsText) {
  const std::string html = render_html(sample::hostile_report());
  expect_self_contained(html);
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;holder&quot;)&lt;/script&gt; &amp; &#39;Q&#39; " +
                      fffd + "[31mRED" + fffd + "[0m" + fffd + " " + fffd + "2J " + fffd + fffd),
            std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("2015-11&lt;svg onload=alert(2)&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;/div&gt;&lt;script&gt;alert(3)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;iframe src=&quot;javascript:alert(4)&quot;&gt;"), std::string::npos)
      << "the iframe text";
  EXPECT_NE(html.find("&lt;style&gt;body{display:none}&lt;/style&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;a href=&quot;http://evil.example/&quot;&gt;click&lt;/a&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("<pre>&lt;/pre&gt;&lt;script&gt;alert(7)&lt;/script&gt;\nroute6: "
                      "2001:db8:10::/48 tail" +
                      fffd + "</pre>"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;h1&gt;Register&lt;/h1&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;svg onload=alert(8)&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;; rm -rf / #&lt;x&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;marquee&gt;note&lt;/marquee&gt; " + fffd + "]0;title" + fffd),
            std::string::npos);
  EXPECT_NE(html.find("192.0.2.0/24: &lt;b&gt;2 tests&lt;/b&gt; received spoofed packets"),
            std::string::npos);
  EXPECT_EQ(html.find("<b>bold"), std::string::npos);
  EXPECT_EQ(html.find("<marquee"), std::string::npos);
  EXPECT_EQ(html.find("<svg onload"), std::string::npos);
  EXPECT_EQ(html.find("<style>body"), std::string::npos);
  // Only our own <svg> elements: 5 gauges, timeline, 2 coverage bars, trend.
  EXPECT_EQ(count(html, "<svg "), 9u);
  EXPECT_EQ(count(html, "<h1"), 1u);
  EXPECT_EQ(count(html, "<style>"), 1u);
}

}  // namespace
}  // namespace manrs::report
