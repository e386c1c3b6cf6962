// The URL catalogue: templates expanded by hand for a month, a day and collectors.
#include "manrs/fetch/catalogue.h"

#include <set>

#include <gtest/gtest.h>

namespace manrs::fetch {
namespace {

Params month(int y, int m) {
  Params p;
  p.when = {y, m, 0};
  return p;
}
Params day(int y, int m, int d) {
  Params p;
  p.when = {y, m, d};
  return p;
}

TEST(Catalogue, RisBviewMonthIsTheFirstAtMidnight) {
  auto p = month(2015, 11);
  p.collectors = {"rrc06"};
  auto items = expand("ris-bview", p);
  ASSERT_TRUE(items) << items.error().to_string();
  ASSERT_EQ(items->size(), 1U);
  EXPECT_EQ((*items)[0].url, "https://data.ris.ripe.net/rrc06/2015.11/bview.20151101.0000.gz");
  EXPECT_EQ((*items)[0].path, "mrt/rrc06.bview.20151101.0000.gz");
  EXPECT_EQ((*items)[0].checksum, Checksum::kNone);
  EXPECT_EQ((*items)[0].checksum_url, "");
}

TEST(Catalogue, RisUpdatesEveryFiveMinutesOfTheDayDefaultCollector) {
  auto items = expand("ris-updates", day(2016, 2, 29));
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 288U);  // 24 × 12
  EXPECT_EQ(items->front().url, "https://data.ris.ripe.net/rrc00/2016.02/updates.20160229.0000.gz");
  EXPECT_EQ((*items)[11].path, "mrt/rrc00.updates.20160229.0055.gz");
  EXPECT_EQ(items->back().url, "https://data.ris.ripe.net/rrc00/2016.02/updates.20160229.2355.gz");
}

TEST(Catalogue, RouteViewsUpdatesWholeMonthTwoCollectors) {
  auto p = month(2015, 2);                                       // 28 days
  p.collectors = {"rrc00", "route-views2", "route-views.linx"};  // rrc00 is not RouteViews
  auto items = expand("routeviews-updates", p);
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 2U * 28U * 96U);
  EXPECT_EQ(items->front().url,
            "https://archive.routeviews.org/bgpdata/2015.02/UPDATES/updates.20150201.0000.bz2");
  EXPECT_EQ(items->front().path, "mrt/route-views2.updates.20150201.0000.bz2");
  const auto& linx_last = items->back();
  EXPECT_EQ(linx_last.url,
            "https://archive.routeviews.org/route-views.linx/bgpdata/2015.02/UPDATES/"
            "updates.20150228.2345.bz2");
  EXPECT_EQ(linx_last.path, "mrt/route-views.linx.updates.20150228.2345.bz2");
  std::set<std::string> paths;
  for (const auto& i : *items) paths.insert(i.path);
  EXPECT_EQ(paths.size(), items->size());  // no two files share a path
}

TEST(Catalogue, RouteViewsRibOfADay) {
  auto p = day(2008, 5, 1);
  p.collectors = {"route-views.eqix"};
  auto items = expand("routeviews-rib", p);
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 1U);
  EXPECT_EQ((*items)[0].url,
            "https://archive.routeviews.org/route-views.eqix/bgpdata/2008.05/RIBS/"
            "rib.20080501.0000.bz2");
}

TEST(Catalogue, MonthlyAsRelFromADate) {
  auto items = expand("caida-asrel", day(2021, 9, 17));
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 1U);
  EXPECT_EQ((*items)[0].url,
            "https://publicdata.caida.org/datasets/as-relationships/serial-2/"
            "20210901.as-rel2.txt.bz2");
  EXPECT_EQ((*items)[0].path, "asrel/20210901.as-rel2.txt.bz2");
}

TEST(Catalogue, RirDelegatedWithMd5SideFiles) {
  auto items = expand("rir-delegated", day(2013, 4, 18));
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 5U);
  const auto& ripe = (*items)[4];
  EXPECT_EQ(ripe.url,
            "https://ftp.ripe.net/pub/stats/ripencc/2013/delegated-ripencc-extended-20130418.bz2");
  EXPECT_EQ(ripe.path, "misc/rir-delegated/delegated-ripencc-extended-20130418.bz2");
  EXPECT_EQ(ripe.checksum, Checksum::kMd5);
  EXPECT_EQ(ripe.checksum_url, ripe.url + ".md5");
  EXPECT_EQ((*items)[1].url,
            "https://ftp.apnic.net/stats/apnic/2013/delegated-apnic-extended-20130418.gz");
}

TEST(Catalogue, SpooferWindowEndsExclusiveAcrossTheYear) {
  auto m = expand("spoofer", month(2015, 12));
  ASSERT_TRUE(m);
  ASSERT_EQ(m->size(), 1U);
  EXPECT_EQ((*m)[0].url,
            "https://api.spoofer.caida.org/sessions?timestamp%5Bafter%5D=2015-12-01"
            "&timestamp%5Bstrictly_before%5D=2016-01-01");
  EXPECT_EQ((*m)[0].path, "spoofer/sessions-2015-12.json");
  auto d = expand("spoofer", day(2016, 2, 28));
  ASSERT_TRUE(d);
  EXPECT_NE((*d)[0].url.find("after%5D=2016-02-28&timestamp%5Bstrictly_before%5D=2016-02-29"),
            std::string::npos);
  EXPECT_EQ((*d)[0].path, "spoofer/sessions-2016-02-28.json");
}

TEST(Catalogue, CurrentSourcesIgnoreTheDate) {
  auto items = expand("irr-ripe", month(2002, 7));
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 5U);
  EXPECT_EQ((*items)[0].url, "https://ftp.ripe.net/ripe/dbase/split/ripe.db.route.gz");
  EXPECT_EQ((*items)[0].path, "rpsl/ripe.db.route.gz");
  EXPECT_EQ((*items)[4].path, "rpsl/ripe.db.role.gz");
  auto pdb = expand("peeringdb", month(2026, 4));
  ASSERT_TRUE(pdb);
  ASSERT_EQ(pdb->size(), 3U);
  EXPECT_EQ((*pdb)[1].url, "https://www.peeringdb.com/api/poc");
  EXPECT_EQ((*pdb)[1].path, "peeringdb/poc.json");
}

TEST(Catalogue, RoutinatorArchivePerTrustAnchor) {
  auto items = expand("routinator", day(2023, 8, 1));
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 5U);
  EXPECT_EQ((*items)[4].url, "https://ftp.ripe.net/rpki/ripencc.tal/2023/08/01/output.json.xz");
  EXPECT_EQ((*items)[4].path, "vrp/routinator.ripencc.20230801.json.xz");
}

TEST(Catalogue, BaseUrlReplacesEveryHost) {
  auto p = day(2013, 4, 18);
  p.base_url = "http://127.0.0.1:8080/";
  auto items = expand("rir-delegated", p);
  ASSERT_TRUE(items);
  for (const auto& i : *items) {
    EXPECT_EQ(i.url.rfind("http://127.0.0.1:8080/", 0), 0U) << i.url;
    EXPECT_EQ(i.checksum_url, i.url + ".md5");
  }
  EXPECT_EQ((*items)[2].url,
            "http://127.0.0.1:8080/pub/stats/arin/delegated-arin-extended-20130418");
  EXPECT_EQ(rebase("https://h.example/a/b?q=1", "http://x:1"), "http://x:1/a/b?q=1");
  EXPECT_EQ(rebase("https://h.example?q=1", "http://x:1"), "http://x:1/?q=1");
  EXPECT_EQ(rebase("https://h.example", "http://x:1"), "http://x:1/");
  EXPECT_EQ(rebase("https://h.example/a", ""), "https://h.example/a");
}

TEST(Catalogue, RejectsUnknownSourcesAndUnsafeCollectors) {
  auto bad = expand("ris-bviews", month(2015, 11));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("have 'ris-bviews'"), std::string::npos);
  EXPECT_NE(bad.error().message.find("ris-updates"), std::string::npos);
  for (const char* c : {"../etc", "rrc00/x", "RRC00", "foo", ""}) {
    auto p = month(2015, 11);
    p.collectors = {c};
    auto r = expand("ris-bview", p);
    ASSERT_FALSE(r) << c;
    EXPECT_NE(r.error().message.find("--collector"), std::string::npos);
  }
}

TEST(Catalogue, ParseWhen) {
  const When fb{2020, 1, 2};
  auto none = parse_when("", "", fb);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->day, 2);
  auto m = parse_when("2015-11", "", fb);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->year, 2015);
  EXPECT_EQ(m->month, 11);
  EXPECT_EQ(m->day, 0);
  auto d = parse_when("", "2016-02-29", fb);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->day, 29);
  for (const char* bad : {"2015-02-29", "2015-13-01", "2015-1-01", "2015-01-00", "x015-01-01"}) {
    auto r = parse_when("", bad, fb);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message, std::string("--date: want YYYY-MM-DD, have '") + bad + "'");
  }
  EXPECT_FALSE(parse_when("2015-00", "", fb));
  EXPECT_FALSE(parse_when("2015-11", "2015-11-01", fb));
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2015, 4), 30);
  const When y = yesterday(1446336000);  // 2015-11-01T00:00:00Z
  EXPECT_EQ(y.year, 2015);
  EXPECT_EQ(y.month, 10);
  EXPECT_EQ(y.day, 31);
}

TEST(Catalogue, EverySourceExpandsAndStaysInItsFolder) {
  const std::set<std::string> dirs{"mrt", "vrp", "rpsl", "peeringdb", "asrel", "misc", "spoofer"};
  for (const auto& s : sources()) {
    auto items = expand(s.name, day(2015, 11, 1));
    ASSERT_TRUE(items) << s.name;
    ASSERT_FALSE(items->empty()) << s.name;
    for (const auto& i : *items) {
      EXPECT_EQ(i.url.find('{'), std::string::npos) << i.url;
      EXPECT_EQ(i.path.find('{'), std::string::npos) << i.path;
      EXPECT_EQ(i.path.find(".."), std::string::npos) << i.path;
      EXPECT_EQ(i.url.rfind("https://", 0), 0U) << i.url;
      EXPECT_TRUE(dirs.count(i.path.substr(0, i.path.find('/'))) == 1) << i.path;
    }
  }
}

}  // namespace
}  // namespace manrs::fetch
