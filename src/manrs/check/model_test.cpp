// Scoring by hand from manrs-spec §3.4.2 and §3.4.3.
#include "manrs/check/model.h"

#include <gtest/gtest.h>

namespace manrs::check {
namespace {

Event ev(std::int64_t start, std::int64_t end, double w = 1.0) {
  Event e;
  e.metric = Metric::kM3;
  e.asn = 64500;
  e.culprit = 64500;
  e.weight = w;
  e.start = start;
  e.end = end;
  return e;
}

TEST(Scoring, IncidentBreakpoints) {
  const Config c;
  EXPECT_EQ(incident_score(0, 1, c), 0);
  EXPECT_EQ(incident_score(1, 1, c), 0.5);
  EXPECT_EQ(incident_score(1799, 1, c), 0.5);   // < 30 min
  EXPECT_EQ(incident_score(1800, 1, c), 1.0);   // the 30-minute breakpoint
  EXPECT_EQ(incident_score(86399, 1, c), 1.0);  // < 24 h
  EXPECT_EQ(incident_score(86400, 1, c), 2.0);  // n = 1 → (n + 1)
  EXPECT_EQ(incident_score(3 * 86400 + 5, 1, c), 4.0);
  EXPECT_EQ(incident_score(1000, 0.5, c), 0.25);
  Config e = c;
  e.penalty = Penalty::kExponential;
  EXPECT_EQ(incident_score(86400, 1, e), 2.0);  // 2^1
  EXPECT_EQ(incident_score(3 * 86400, 1, e), 8.0);
  EXPECT_EQ(incident_score(86399, 1, e), 1.0);
}

TEST(Scoring, MergeOverlappingTouchingAndInside) {
  const Config c;
  // [0,600] and [600,1200] touch → one incident of 1200 s (0.5); [100,200] is inside it;
  // [5000,5100] is separate (0.5); [7000, 7000+86400] is a day (2.0).
  std::vector<Event> events{ev(0, 600), ev(600, 1200), ev(100, 200), ev(5000, 5100),
                            ev(7000, 7000 + 86400)};
  std::vector<std::uint32_t> idx{0, 1, 2, 3, 4};
  auto inc = merge_events(events, idx, c);
  ASSERT_EQ(inc.size(), 3U);
  EXPECT_EQ(inc[0].start, 0);
  EXPECT_EQ(inc[0].end, 1200);
  EXPECT_EQ(inc[0].events.size(), 3U);
  EXPECT_EQ(inc[0].score, 0.5);
  EXPECT_EQ(inc[1].score, 0.5);
  EXPECT_EQ(inc[2].score, 2.0);
  // Two 20-minute events that overlap make 35 minutes: one incident worth 1.0, not 2 × 0.5.
  std::vector<Event> two{ev(0, 1200), ev(900, 2100)};
  std::vector<std::uint32_t> i2{1, 0};
  auto m = merge_events(two, i2, c);
  ASSERT_EQ(m.size(), 1U);
  EXPECT_EQ(m[0].score, 1.0);
  // Different weights are not merged.
  std::vector<Event> w{ev(0, 1200, 1.0), ev(0, 1200, 0.5)};
  std::vector<std::uint32_t> iw{0, 1};
  auto mw = merge_events(w, iw, c);
  ASSERT_EQ(mw.size(), 2U);
  EXPECT_EQ(mw[0].score + mw[1].score, 0.75);
}

TEST(Scoring, DecayCurveMatchesTheDocumentedPoints) {
  const Config c;
  EXPECT_DOUBLE_EQ(decay_percent(0, c), 100.0);
  EXPECT_NEAR(decay_percent(0.5, c), 60.0, 1e-9);
  EXPECT_NEAR(decay_percent(1, c), 48.6, 0.05);
  EXPECT_NEAR(decay_percent(2, c), 36.0, 1e-9);
  EXPECT_GT(decay_percent(1000, c), 0.0);
}

TEST(Scoring, ReadinessThresholdsAreConfiguration) {
  Config c;
  EXPECT_EQ(readiness(std::nullopt, c), Readiness::kNoData);
  EXPECT_EQ(readiness(100.0, c), Readiness::kReady);
  EXPECT_EQ(readiness(90.0, c), Readiness::kReady);
  EXPECT_EQ(readiness(60.0, c), Readiness::kAspiring);
  EXPECT_EQ(readiness(59.9, c), Readiness::kLagging);
  c.ready_min = 99;
  EXPECT_EQ(readiness(95.0, c), Readiness::kAspiring);
}

TEST(Scoring, M7Formulas) {
  RoutingInfo r;
  EXPECT_EQ(m7irr_percent(r), std::nullopt);
  r.have_irr = true;
  r.have_rpki = true;
  EXPECT_EQ(m7irr_percent(r), 100.0);  // zero routes
  r.routes.resize(10);
  r.irr_covered = 7;
  r.rpki_valid = 8;
  r.rpki_invalid = 0;
  EXPECT_DOUBLE_EQ(*m7irr_percent(r), 70.0);
  EXPECT_DOUBLE_EQ(*m7rpki_percent(r), 80.0);
  r.rpki_valid = 7;
  r.rpki_invalid = 1;  // 0.7 − 10 × 0.1 < 0 → clamped
  EXPECT_DOUBLE_EQ(*m7rpki_percent(r), 0.0);
  r.routes.resize(100);
  r.rpki_valid = 90;
  r.rpki_invalid = 1;  // 0.9 − 0.1
  EXPECT_NEAR(*m7rpki_percent(r), 80.0, 1e-9);
}

TEST(Window, Months) {
  auto w = month_window("2015-11");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->start, 1446336000);
  EXPECT_EQ(w->end, 1448928000);
  EXPECT_EQ(month_of(1448927999).month, "2015-11");
  EXPECT_EQ(month_of(1448928000).month, "2015-12");
  EXPECT_EQ(month_window("2015-12")->end, 1451606400);
  EXPECT_FALSE(month_window("2015-13").has_value());
  EXPECT_FALSE(month_window("201511").has_value());
  EXPECT_EQ(format_time(1446336000), "2015-11-01T00:00:00Z");
}

TEST(Names, RoundTrip) {
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    const auto m = static_cast<Metric>(i);
    EXPECT_EQ(parse_metric(metric_id(m)), m);
  }
  EXPECT_EQ(parse_metric("m7irr"), Metric::kM7Irr);
  EXPECT_EQ(parse_metric("M9"), std::nullopt);
}

}  // namespace
}  // namespace manrs::check
