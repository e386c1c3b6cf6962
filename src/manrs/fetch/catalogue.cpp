// The URL templates of the public sources (docs/fetch.md has the same list with notes).
#include "manrs/fetch/catalogue.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

namespace manrs::fetch {
namespace {

// The catalogue. Hosts and paths as the operators publish them; every URL can be redirected to
// a mirror or a test server with --base-url.
std::vector<SourceInfo> make_sources() {
  std::vector<SourceInfo> s;
  s.push_back({"ris-bview",
               "RIPE RIS RIB dump (MRT TABLE_DUMP_V2), 00:00 UTC of the day or of the 1st",
               Cadence::kDaily,
               Collectors::kRis,
               "rrc00",
               Checksum::kNone,
               true,
               {{"https://data.ris.ripe.net/{C}/{YYYY}.{MM}/bview.{YYYY}{MM}{DD}.0000.gz",
                 "mrt/{C}.bview.{YYYY}{MM}{DD}.0000.gz"}}});
  s.push_back({"ris-updates",
               "RIPE RIS BGP updates (MRT BGP4MP), every 5 minutes of the day or month",
               Cadence::k5Min,
               Collectors::kRis,
               "rrc00",
               Checksum::kNone,
               false,
               {{"https://data.ris.ripe.net/{C}/{YYYY}.{MM}/updates.{YYYY}{MM}{DD}.{HHMM}.gz",
                 "mrt/{C}.updates.{YYYY}{MM}{DD}.{HHMM}.gz"}}});
  s.push_back(
      {"routeviews-rib",
       "RouteViews RIB dump (MRT TABLE_DUMP_V2), 00:00 UTC of the day or of the 1st",
       Cadence::kDaily,
       Collectors::kRouteViews,
       "route-views2",
       Checksum::kNone,
       false,
       {{"https://archive.routeviews.org/{RVDIR}/{YYYY}.{MM}/RIBS/rib.{YYYY}{MM}{DD}.0000.bz2",
         "mrt/{C}.rib.{YYYY}{MM}{DD}.0000.bz2"}}});
  s.push_back({"routeviews-updates",
               "RouteViews BGP updates (MRT BGP4MP), every 15 minutes of the day or month",
               Cadence::k15Min,
               Collectors::kRouteViews,
               "route-views2",
               Checksum::kNone,
               false,
               {{"https://archive.routeviews.org/{RVDIR}/{YYYY}.{MM}/UPDATES/"
                 "updates.{YYYY}{MM}{DD}.{HHMM}.bz2",
                 "mrt/{C}.updates.{YYYY}{MM}{DD}.{HHMM}.bz2"}}});
  s.push_back({"rpki-client",
               "rpki-client VRPs and ASPAs (JSON), the current run of console.rpki-client.org",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kNone,
               true,
               {{"https://console.rpki-client.org/vrps.json", "vrp/rpki-client.vrps.json"}}});
  s.push_back({"routinator",
               "Routinator JSON VRPs per trust anchor, RIPE NCC daily RPKI archive",
               Cadence::kDaily,
               Collectors::kNone,
               "",
               Checksum::kNone,
               false,
               {{"https://ftp.ripe.net/rpki/afrinic.tal/{YYYY}/{MM}/{DD}/output.json.xz",
                 "vrp/routinator.afrinic.{YYYY}{MM}{DD}.json.xz"},
                {"https://ftp.ripe.net/rpki/apnic.tal/{YYYY}/{MM}/{DD}/output.json.xz",
                 "vrp/routinator.apnic.{YYYY}{MM}{DD}.json.xz"},
                {"https://ftp.ripe.net/rpki/arin.tal/{YYYY}/{MM}/{DD}/output.json.xz",
                 "vrp/routinator.arin.{YYYY}{MM}{DD}.json.xz"},
                {"https://ftp.ripe.net/rpki/lacnic.tal/{YYYY}/{MM}/{DD}/output.json.xz",
                 "vrp/routinator.lacnic.{YYYY}{MM}{DD}.json.xz"},
                {"https://ftp.ripe.net/rpki/ripencc.tal/{YYYY}/{MM}/{DD}/output.json.xz",
                 "vrp/routinator.ripencc.{YYYY}{MM}{DD}.json.xz"}}});
  s.push_back(
      {"irr-ripe",
       "RIPE database split dumps (personal data removed): route, route6, aut-num, "
       "as-set, role",
       Cadence::kCurrent,
       Collectors::kNone,
       "",
       Checksum::kNone,
       true,
       {{"https://ftp.ripe.net/ripe/dbase/split/ripe.db.route.gz", "rpsl/ripe.db.route.gz"},
        {"https://ftp.ripe.net/ripe/dbase/split/ripe.db.route6.gz", "rpsl/ripe.db.route6.gz"},
        {"https://ftp.ripe.net/ripe/dbase/split/ripe.db.aut-num.gz", "rpsl/ripe.db.aut-num.gz"},
        {"https://ftp.ripe.net/ripe/dbase/split/ripe.db.as-set.gz", "rpsl/ripe.db.as-set.gz"},
        {"https://ftp.ripe.net/ripe/dbase/split/ripe.db.role.gz", "rpsl/ripe.db.role.gz"}}});
  s.push_back({"irr-ripe-nonauth",
               "RIPE-NONAUTH split dumps: route, route6, aut-num",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kNone,
               false,
               {{"https://ftp.ripe.net/ripe/dbase/split/ripe-nonauth.db.route.gz",
                 "rpsl/ripe-nonauth.db.route.gz"},
                {"https://ftp.ripe.net/ripe/dbase/split/ripe-nonauth.db.route6.gz",
                 "rpsl/ripe-nonauth.db.route6.gz"},
                {"https://ftp.ripe.net/ripe/dbase/split/ripe-nonauth.db.aut-num.gz",
                 "rpsl/ripe-nonauth.db.aut-num.gz"}}});
  s.push_back(
      {"irr-apnic",
       "APNIC database split dumps: route, route6, aut-num, as-set, role",
       Cadence::kCurrent,
       Collectors::kNone,
       "",
       Checksum::kNone,
       false,
       {{"https://ftp.apnic.net/apnic/whois/apnic.db.route.gz", "rpsl/apnic.db.route.gz"},
        {"https://ftp.apnic.net/apnic/whois/apnic.db.route6.gz", "rpsl/apnic.db.route6.gz"},
        {"https://ftp.apnic.net/apnic/whois/apnic.db.aut-num.gz", "rpsl/apnic.db.aut-num.gz"},
        {"https://ftp.apnic.net/apnic/whois/apnic.db.as-set.gz", "rpsl/apnic.db.as-set.gz"},
        {"https://ftp.apnic.net/apnic/whois/apnic.db.role.gz", "rpsl/apnic.db.role.gz"}}});
  s.push_back({"irr-afrinic",
               "AFRINIC database dump (one file, all object types)",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kNone,
               false,
               {{"https://ftp.afrinic.net/pub/dbase/afrinic.db.gz", "rpsl/afrinic.db.gz"}}});
  s.push_back({"irr-arin",
               "ARIN IRR dump (one file)",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kNone,
               false,
               {{"https://ftp.arin.net/pub/rr/arin.db.gz", "rpsl/arin.db.gz"}}});
  s.push_back({"irr-lacnic",
               "LACNIC IRR dump (one file)",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kNone,
               false,
               {{"https://ftp.lacnic.net/lacnic/irr/lacnic.db.gz", "rpsl/lacnic.db.gz"}}});
  s.push_back({"irr-radb",
               "RADb dump (one file)",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kNone,
               false,
               {{"https://ftp.radb.net/radb/dbase/radb.db.gz", "rpsl/radb.db.gz"}}});
  s.push_back({"peeringdb",
               "PeeringDB API: every net, poc (public contacts) and org, the current state",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kNone,
               true,
               {{"https://www.peeringdb.com/api/net", "peeringdb/net.json"},
                {"https://www.peeringdb.com/api/poc", "peeringdb/poc.json"},
                {"https://www.peeringdb.com/api/org", "peeringdb/org.json"}}});
  s.push_back({"peeringdb-dump",
               "PeeringDB daily full dump, CAIDA archive (day of --date or the 1st of --month)",
               Cadence::kDaily,
               Collectors::kNone,
               "",
               Checksum::kNone,
               false,
               {{"https://publicdata.caida.org/datasets/peeringdb/{YYYY}/{MM}/"
                 "peeringdb_2_dump_{YYYY}_{MM}_{DD}.json",
                 "peeringdb/peeringdb_2_dump_{YYYY}_{MM}_{DD}.json"}}});
  s.push_back({"caida-asrel",
               "CAIDA AS relationships, serial-2 (monthly, dated the 1st)",
               Cadence::kMonthly,
               Collectors::kNone,
               "",
               Checksum::kNone,
               true,
               {{"https://publicdata.caida.org/datasets/as-relationships/serial-2/"
                 "{YYYY}{MM}01.as-rel2.txt.bz2",
                 "asrel/{YYYY}{MM}01.as-rel2.txt.bz2"}}});
  s.push_back({"nro-delegated",
               "NRO combined delegated-extended statistics, the current file (+ .md5)",
               Cadence::kCurrent,
               Collectors::kNone,
               "",
               Checksum::kMd5,
               true,
               {{"https://www.nro.net/wp-content/uploads/apnic-uploads/delegated-extended",
                 "misc/rir-delegated/nro-delegated-extended"}}});
  s.push_back(
      {"rir-delegated",
       "Each RIR's delegated-extended statistics of the day or of the 1st (+ .md5)",
       Cadence::kDaily,
       Collectors::kNone,
       "",
       Checksum::kMd5,
       false,
       {{"https://ftp.afrinic.net/pub/stats/afrinic/{YYYY}/"
         "delegated-afrinic-extended-{YYYY}{MM}{DD}",
         "misc/rir-delegated/delegated-afrinic-extended-{YYYY}{MM}{DD}"},
        {"https://ftp.apnic.net/stats/apnic/{YYYY}/delegated-apnic-extended-{YYYY}{MM}{DD}.gz",
         "misc/rir-delegated/delegated-apnic-extended-{YYYY}{MM}{DD}.gz"},
        {"https://ftp.arin.net/pub/stats/arin/delegated-arin-extended-{YYYY}{MM}{DD}",
         "misc/rir-delegated/delegated-arin-extended-{YYYY}{MM}{DD}"},
        {"https://ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-extended-{YYYY}{MM}{DD}",
         "misc/rir-delegated/delegated-lacnic-extended-{YYYY}{MM}{DD}"},
        {"https://ftp.ripe.net/pub/stats/ripencc/{YYYY}/"
         "delegated-ripencc-extended-{YYYY}{MM}{DD}.bz2",
         "misc/rir-delegated/delegated-ripencc-extended-{YYYY}{MM}{DD}.bz2"}}});
  s.push_back({"spoofer",
               "CAIDA Spoofer test sessions of the window (JSON-LD API, first page)",
               Cadence::kWindow,
               Collectors::kNone,
               "",
               Checksum::kNone,
               true,
               {{"https://api.spoofer.caida.org/sessions?timestamp%5Bafter%5D={START}"
                 "&timestamp%5Bstrictly_before%5D={END}",
                 "spoofer/sessions-{WINDOW}.json"}}});
  return s;
}

const std::vector<SourceInfo>& all_sources() {
  // Built once, never changed: a constant table, not state carried between calls.
  static const std::vector<SourceInfo> kSources = make_sources();
  return kSources;
}

bool collector_name_ok(std::string_view c) {
  if (c.empty() || c.size() > 64 || c.front() == '.') return false;
  return std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
  });
}

Collectors family_of(std::string_view c) {
  if (c.rfind("rrc", 0) == 0) return Collectors::kRis;
  if (c.rfind("route-views", 0) == 0) return Collectors::kRouteViews;
  return Collectors::kNone;
}

struct Day {
  int y = 0, m = 0, d = 0;
};

Day next_day(Day x) {
  if (x.d < days_in_month(x.y, x.m)) return {x.y, x.m, x.d + 1};
  if (x.m < 12) return {x.y, x.m + 1, 1};
  return {x.y + 1, 1, 1};
}

std::string iso(Day x) { return fmt::format("{:04}-{:02}-{:02}", x.y, x.m, x.d); }

void replace_all(std::string& s, std::string_view key, std::string_view value) {
  for (std::size_t pos = s.find(key); pos != std::string::npos;
       pos = s.find(key, pos + value.size())) {
    s.replace(pos, key.size(), value);
  }
}

struct Vars {
  std::string collector;
  Day day;
  int hhmm = -1;  // minutes since midnight, or -1
  Day start, end;
  std::string window;
};

std::string fill(std::string_view tmpl, const Vars& v) {
  std::string s(tmpl);
  replace_all(s, "{RVDIR}",
              v.collector == "route-views2" ? std::string("bgpdata") : v.collector + "/bgpdata");
  replace_all(s, "{C}", v.collector);
  replace_all(s, "{YYYY}", fmt::format("{:04}", v.day.y));
  replace_all(s, "{MM}", fmt::format("{:02}", v.day.m));
  replace_all(s, "{DD}", fmt::format("{:02}", v.day.d));
  if (v.hhmm >= 0) {
    replace_all(s, "{HHMM}", fmt::format("{:02}{:02}", v.hhmm / 60, v.hhmm % 60));
  }
  replace_all(s, "{START}", iso(v.start));
  replace_all(s, "{END}", iso(v.end));
  replace_all(s, "{WINDOW}", v.window);
  return s;
}

}  // namespace

std::string_view checksum_id(Checksum c) {
  switch (c) {
    case Checksum::kMd5:
      return "md5";
    case Checksum::kSha256:
      return "sha256";
    case Checksum::kNone:
      break;
  }
  return "none";
}

std::span<const SourceInfo> sources() { return all_sources(); }

const SourceInfo* find_source(std::string_view name) {
  for (const auto& s : all_sources()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

Result<When> parse_when(std::string_view month, std::string_view date, When fallback) {
  if (!month.empty() && !date.empty()) {
    return make_error(ErrorCode::kMalformed, "--month and --date: want at most one, have both");
  }
  if (month.empty() && date.empty()) return fallback;
  const bool is_date = !date.empty();
  const std::string_view text = is_date ? date : month;
  const char* opt = is_date ? "--date" : "--month";
  const char* want = is_date ? "YYYY-MM-DD" : "YYYY-MM";
  const std::size_t len = is_date ? 10 : 7;
  auto bad = [&] {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("{}: want {}, have '{}'", opt, want, text));
  };
  if (text.size() != len || text[4] != '-' || (is_date && text[7] != '-')) return bad();
  auto num = [&](std::size_t pos, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  When w;
  if (!num(0, 4, w.year) || !num(5, 2, w.month)) return bad();
  if (is_date && !num(8, 2, w.day)) return bad();
  if (w.year < 1990 || w.month < 1 || w.month > 12) return bad();
  if (is_date && (w.day < 1 || w.day > days_in_month(w.year, w.month))) return bad();
  return w;
}

When yesterday(std::int64_t now) {
  const auto t = static_cast<std::time_t>(now - 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string rebase(std::string_view url, std::string_view base) {
  if (base.empty()) return std::string(url);
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  const std::size_t scheme = url.find("://");
  const std::size_t host_start = scheme == std::string_view::npos ? 0 : scheme + 3;
  std::size_t path = url.find_first_of("/?", host_start);
  std::string out(base);
  if (path == std::string_view::npos) return out + "/";
  if (url[path] == '?') out += '/';
  out += url.substr(path);
  return out;
}

std::vector<std::string> collectors_for(const SourceInfo& s, std::span<const std::string> names) {
  std::vector<std::string> out;
  if (s.collectors == Collectors::kNone) return {""};
  for (const auto& n : names) {
    if (family_of(n) == s.collectors) out.push_back(n);
  }
  if (out.empty()) out.emplace_back(s.default_collector);
  return out;
}

Result<std::vector<Item>> expand(std::string_view source, const Params& params) {
  const SourceInfo* s = find_source(source);
  if (s == nullptr) {
    std::string names;
    for (const auto& x : all_sources()) names += (names.empty() ? "" : ", ") + std::string(x.name);
    return make_error(ErrorCode::kMalformed,
                      fmt::format("source: want one of {}, have '{}'", names, source));
  }
  for (const auto& c : params.collectors) {
    if (!collector_name_ok(c) || family_of(c) == Collectors::kNone) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("--collector: want a RIS (rrcNN) or RouteViews (route-views*) "
                                    "collector name of [a-z0-9.-], have '{}'",
                                    c));
    }
  }
  const When& w = params.when;
  if (days_in_month(w.year, w.month) == 0 || w.day < 0 || w.day > days_in_month(w.year, w.month)) {
    return make_error(
        ErrorCode::kMalformed,
        fmt::format("date: want a valid day, have {:04}-{:02}-{:02}", w.year, w.month, w.day));
  }
  const Day first{w.year, w.month, w.day == 0 ? 1 : w.day};
  // The days the source's files cover, and the times within each day.
  std::vector<Day> days;
  int step = 0;  // minutes between files within a day; 0 = one file a day (at 00:00 for MRT)
  switch (s->cadence) {
    case Cadence::kCurrent:
    case Cadence::kDaily:
    case Cadence::kWindow:
      days.push_back(first);
      break;
    case Cadence::kMonthly:
      days.push_back({w.year, w.month, 1});
      break;
    case Cadence::k5Min:
    case Cadence::k15Min:
      step = s->cadence == Cadence::k5Min ? 5 : 15;
      if (w.day != 0) {
        days.push_back(first);
      } else {
        for (int d = 1; d <= days_in_month(w.year, w.month); ++d)
          days.push_back({w.year, w.month, d});
      }
      break;
  }
  Vars v;
  if (w.day == 0) {
    v.start = {w.year, w.month, 1};
    v.end = next_day({w.year, w.month, days_in_month(w.year, w.month)});
    v.window = fmt::format("{:04}-{:02}", w.year, w.month);
  } else {
    v.start = first;
    v.end = next_day(first);
    v.window = iso(first);
  }
  std::vector<Item> items;
  for (const auto& collector : collectors_for(*s, params.collectors)) {
    v.collector = collector;
    for (const auto& day : days) {
      v.day = day;
      const int per_day = step == 0 ? 1 : 24 * 60 / step;
      for (int i = 0; i < per_day; ++i) {
        v.hhmm = step == 0 ? -1 : i * step;
        for (const auto& f : s->files) {
          Item it;
          it.source = std::string(s->name);
          it.url = rebase(fill(f.url, v), params.base_url);
          it.path = fill(f.path, v);
          it.checksum = s->checksum;
          if (s->checksum != Checksum::kNone) {
            it.checksum_url = it.url + "." + std::string(checksum_id(s->checksum));
          }
          items.push_back(std::move(it));
        }
      }
    }
  }
  return items;
}

}  // namespace manrs::fetch
