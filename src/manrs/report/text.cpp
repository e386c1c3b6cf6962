#include "manrs/report/text.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "manrs/net/asn.h"
#include "manrs/report/internal/escape.h"
#include "manrs/report/internal/format.h"

namespace manrs::report {

namespace {

using detail::clean_text;
using detail::display_width;
using detail::pad;
using detail::truncate_to_width;

// ANSI SGR parameters.
constexpr std::string_view kBold = "1";
constexpr std::string_view kDim = "2";
constexpr std::string_view kRed = "31";
constexpr std::string_view kGreen = "32";
constexpr std::string_view kYellow = "33";

constexpr std::string_view kCheckMark = "\xE2\x9C\x93";  // ✓
constexpr std::string_view kCrossMark = "\xE2\x9C\x97";  // ✗
constexpr std::string_view kDash = "\xE2\x80\x93";       // –

std::string_view readiness_sgr(check::Readiness r) {
  switch (r) {
    case check::Readiness::kReady:
      return kGreen;
    case check::Readiness::kAspiring:
      return kYellow;
    case check::Readiness::kLagging:
      return kRed;
    case check::Readiness::kNoData:
      break;
  }
  return kDim;
}

struct Cell {
  // NOLINTNEXTLINE(google-explicit-constructor): rows are written as brace lists of cells.
  Cell(std::string t, std::string_view s = {}, bool r = false)
      : text(std::move(t)), sgr(s), right(r) {}
  std::string text;
  std::string_view sgr;
  bool right = false;
};

struct Row {
  std::vector<Cell> cells;
  std::vector<std::string> extra;  // lines under the row (verbose details), already styled
};

class Writer {
 public:
  explicit Writer(const TextOptions& o) : o_(o) {}

  [[nodiscard]] std::string paint(std::string_view text, std::string_view sgr) const {
    if (!o_.colour || sgr.empty() || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
  }

  void line(std::string_view s = {}) {
    out_.append(s);
    out_ += '\n';
  }

  void section(std::string_view title, std::string_view aside = {}) {
    line();
    line(aside.empty() ? paint(title, kBold)
                       : fmt::format("{}  {}", paint(title, kBold), paint(aside, kDim)));
  }

  // Columns padded to their widest cell; the last column is cut to fit the width (not verbose).
  void table(const std::vector<std::string>& header, const std::vector<Row>& rows) {
    if (rows.empty()) return;
    std::vector<std::size_t> widths(header.size(), 0);
    for (std::size_t c = 0; c < header.size(); ++c) widths[c] = display_width(header[c]);
    const std::size_t shown = limit(rows.size());
    for (std::size_t r = 0; r < shown; ++r) {
      for (std::size_t c = 0; c < rows[r].cells.size() && c < widths.size(); ++c) {
        widths[c] = std::max(widths[c], display_width(rows[r].cells[c].text));
      }
    }
    std::size_t used = 2;
    for (std::size_t c = 0; c + 1 < widths.size(); ++c) used += widths[c] + 2;
    const std::size_t last = o_.verbose || o_.width == 0
                                 ? 0
                                 : std::max<std::size_t>(24, o_.width > used ? o_.width - used : 0);
    auto render = [&](const std::vector<Cell>& cells, bool head) {
      std::string s = "  ";
      for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
        const bool is_last = c + 1 == cells.size();
        std::string text = cells[c].text;
        if (is_last && cells[c].right) {
          text = pad(text, widths[c], true);
        } else if (is_last) {
          if (last != 0) text = truncate_to_width(text, last);
        } else {
          text = pad(text, widths[c], cells[c].right);
        }
        s += paint(text, head ? kDim : cells[c].sgr);
        if (!is_last) s += "  ";
      }
      while (!s.empty() && s.back() == ' ') s.pop_back();
      line(s);
    };
    std::vector<Cell> head;
    for (std::size_t c = 0; c < header.size(); ++c) {
      head.push_back({header[c], {}, c < rows.front().cells.size() && rows.front().cells[c].right});
    }
    render(head, true);
    for (std::size_t r = 0; r < shown; ++r) {
      render(rows[r].cells, false);
      for (const std::string& e : rows[r].extra) line(e);
    }
    more(rows.size());
  }

  [[nodiscard]] std::size_t limit(std::size_t n) const {
    return o_.max_rows == 0 ? n : std::min(n, o_.max_rows);
  }

  void more(std::size_t n) {
    if (limit(n) < n) {
      line(paint(fmt::format("  \xE2\x80\xA6 {} more (the JSON output has them all)", n - limit(n)),
                 kDim));
    }
  }

  [[nodiscard]] std::string fit(std::string_view s, std::size_t indent) const {
    if (o_.verbose || o_.width == 0 || o_.width <= indent + 20) return std::string(s);
    return truncate_to_width(s, o_.width - indent);
  }

  [[nodiscard]] const TextOptions& options() const { return o_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  const TextOptions& o_;
  std::string out_;
};

// "2015-11-03 06:00 – 06:40", or "2015-11-10 00:00 – 11-12 03:00" across days.
std::string when(std::int64_t start, std::int64_t end) {
  const std::string a = detail::short_time(start);
  const std::string b = detail::short_time(end);
  if (a.compare(0, 10, b, 0, 10) == 0) return fmt::format("{} {} {}", a, kDash, b.substr(11));
  return fmt::format("{} {} {}", a, kDash, b.substr(5));
}

std::string bar(std::optional<double> percent) {
  if (!percent) return std::string(10, '.');
  const auto filled = static_cast<std::size_t>(std::clamp(std::lround(*percent / 10.0), 0L, 10L));
  std::string s;
  for (std::size_t i = 0; i < 10; ++i) s += i < filled ? "\xE2\x96\x88" : "\xE2\x96\x91";  // █ ░
  return s;
}

void header(Writer& w, const check::AsReport& r) {
  const std::string holder = clean_text(r.holder);
  w.line(fmt::format("{}  {}", w.paint(net::format_asn(r.asn), kBold),
                     holder.empty() ? w.paint("(holder unknown)", kDim) : holder));
  std::vector<std::string> parts;
  if (!r.country.empty()) parts.push_back(clean_text(r.country));
  if (!r.registry.empty()) parts.push_back(clean_text(r.registry));
  parts.push_back(fmt::format("month {} ({} {} {} UTC)", clean_text(r.window.month),
                              detail::day_text(r.window.start), kDash,
                              detail::day_text(std::max(r.window.start, r.window.end - 1))));
  if (r.generated_at != 0) {
    parts.push_back(fmt::format("generated {} UTC", detail::short_time(r.generated_at)));
  }
  w.line(w.paint(fmt::format("{}", fmt::join(parts, " \xC2\xB7 ")), kDim));
  if (r.inputs.empty()) {
    w.line(w.paint("Data: no inputs recorded", kDim));
    return;
  }
  std::vector<Row> rows;
  for (const check::Input& in : r.inputs) {
    rows.push_back(
        {{{clean_text(in.kind), kDim}, {clean_text(in.path)}, {clean_text(in.summary), kDim}}, {}});
  }
  w.line(w.paint("Data", kDim));
  w.table({"kind", "file", "gave"}, rows);
}

void actions(Writer& w, const check::AsReport& r) {
  w.section("MANRS actions", fmt::format("month {}", clean_text(r.window.month)));
  for (std::size_t i = 0; i < check::kActionCount; ++i) {
    const auto a = static_cast<check::Action>(i);
    const check::ActionScore* s = check::find_action(r, a);
    const std::optional<double> percent = s != nullptr ? s->percent : std::nullopt;
    const check::Readiness level = s != nullptr ? s->level : check::Readiness::kNoData;
    const std::string_view sgr = readiness_sgr(level);
    std::string l = fmt::format("  {}  {}  {}  {}  {}", detail::action_number(a),
                                pad(check::action_title(a), 13), w.paint(bar(percent), sgr),
                                w.paint(pad(detail::percent_text(percent), 7, true), sgr),
                                w.paint(pad(detail::readiness_title(level), 8), sgr));
    if (s != nullptr && !s->basis.empty()) {
      l += "  " + w.paint(w.fit(clean_text(s->basis), 48), kDim);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    w.line(l);
  }
}

void incidents(Writer& w, const check::AsReport& r) {
  using Item = detail::IncidentItem;
  std::size_t scored = 0;
  const std::vector<Item> items = detail::incidents_by_start(r, scored);
  if (items.empty()) {
    w.section("Incidents (Action 1)", "none recorded in the month");
    return;
  }
  w.section("Incidents (Action 1)",
            fmt::format("{} in the month, {} scored in Filtering", items.size(), scored));
  std::vector<Row> rows;
  for (const Item& it : items) {
    const check::Incident& i = *it.incident;
    const check::Event* e = detail::first_event(r, i);
    Row row;
    std::string metric(check::metric_id(it.metric->metric));
    if (!it.metric->scored) metric += " (info)";
    row.cells = {{metric, it.metric->scored ? kRed : kDim},
                 {e != nullptr ? e->prefix.to_string() : std::string()},
                 {when(i.start, i.end)},
                 {detail::duration_text(i.end - i.start), {}, true},
                 {detail::score_text(i.score), {}, true}};
    if (w.options().verbose) {
      for (const std::uint32_t idx : i.events) {
        if (idx >= r.events.size()) continue;
        const check::Event& ev = r.events[idx];
        std::vector<std::string> path;
        for (const net::Asn a : ev.path) path.push_back(std::to_string(a));
        row.extra.push_back(fmt::format("      {}", clean_text(ev.detail)));
        row.extra.push_back(w.paint(
            fmt::format(
                "        event {} \xC2\xB7 {} \xC2\xB7 {} \xC2\xB7 culprit AS{} \xC2\xB7 path {}",
                idx, clean_text(ev.reference), when(ev.start, ev.end), ev.culprit,
                fmt::join(path, " ")),
            kDim));
      }
    } else if (e != nullptr) {
      std::string evidence = clean_text(e->detail);
      if (i.events.size() > 1) {
        evidence +=
            fmt::format(" (+{} more event{})", i.events.size() - 1, i.events.size() > 2 ? "s" : "");
      }
      row.extra.push_back(w.paint("      " + w.fit(evidence, 6), kDim));
    }
    rows.push_back(std::move(row));
  }
  w.table({"metric", "prefix", "when (UTC)", "duration", "score"}, rows);
}

void routing(Writer& w, const check::AsReport& r) {
  const check::RoutingInfo& ri = r.routing;
  if (!ri.have_irr && !ri.have_rpki && ri.routes.empty()) {
    w.section("Routing information (Action 4)", "no routing data");
    return;
  }
  const auto n = ri.routes.size();
  w.section("Routing information (Action 4)", fmt::format("{} announced in the month", n));
  if (ri.have_irr) {
    std::size_t other = 0;
    std::size_t none = 0;
    for (const check::AnnouncedRoute& a : ri.routes) {
      if (a.irr == check::IrrCoverage::kOtherOrigin) ++other;
      if (a.irr == check::IrrCoverage::kNone) ++none;
    }
    w.line(fmt::format(
        "  IRR   {} covered by a route object of the origin ({}), {} other origin, {} none",
        ri.irr_covered, detail::percent_text(check::m7irr_percent(ri)), other, none));
  } else {
    w.line(w.paint("  IRR   no IRR data given", kDim));
  }
  if (ri.have_rpki) {
    w.line(fmt::format("  RPKI  {} valid, {} invalid, {} not found", ri.rpki_valid,
                       w.paint(std::to_string(ri.rpki_invalid), ri.rpki_invalid > 0 ? kRed : kDim),
                       ri.rpki_not_found));
  } else {
    w.line(w.paint("  RPKI  no VRPs given", kDim));
  }
  std::vector<Row> rows;
  for (const check::AnnouncedRoute& a : ri.routes) {
    if (!detail::route_needs_work(ri, a)) continue;
    std::vector<std::string> why;
    if (!a.rov_detail.empty()) why.push_back(clean_text(a.rov_detail));
    if (!a.irr_detail.empty()) why.push_back(clean_text(a.irr_detail));
    const bool invalid = rpki::is_invalid(a.rov);
    rows.push_back({{{a.prefix.to_string()},
                     {ri.have_rpki ? std::string(detail::rov_title(a.rov)) : "-",
                      invalid ? kRed : std::string_view{}},
                     {ri.have_irr ? std::string(detail::irr_title(a.irr)) : "-"},
                     {std::to_string(a.peers), {}, true},
                     {fmt::format("{}", fmt::join(why, "; "))}},
                    {}});
  }
  if (rows.empty()) return;
  w.line(w.paint(fmt::format("  {} route{} need{} work:", rows.size(), rows.size() == 1 ? "" : "s",
                             rows.size() == 1 ? "s" : ""),
                 kDim));
  w.table({"prefix", "RPKI", "IRR", "peers", "found"}, rows);
}

void spoofing(Writer& w, const check::AsReport& r) {
  const check::SpoofingInfo& s = r.spoofing;
  if (!s.have_data) {
    w.section("Anti-spoofing (Action 2)", "no CAIDA Spoofer results given");
    return;
  }
  w.section("Anti-spoofing (Action 2)",
            fmt::format("{} Spoofer test{} from the AS's prefixes, {} spoofable prefix{}", s.tests,
                        s.tests == 1 ? "" : "s", s.spoofable_prefixes,
                        s.spoofable_prefixes == 1 ? "" : "es"));
  const std::size_t shown = w.limit(s.evidence.size());
  for (std::size_t i = 0; i < shown; ++i) w.line("  " + w.fit(clean_text(s.evidence[i]), 2));
  w.more(s.evidence.size());
}

void check_lines(Writer& w, const std::vector<check::Check>& checks) {
  const std::size_t shown = w.limit(checks.size());
  std::size_t width = 0;
  for (std::size_t i = 0; i < shown; ++i) {
    width = std::max(width, display_width(clean_text(checks[i].title)));
  }
  width = std::min<std::size_t>(width, 52);
  for (std::size_t i = 0; i < shown; ++i) {
    const check::Check& c = checks[i];
    std::vector<std::string> tags;
    if (!c.source.empty()) tags.push_back(clean_text(c.source));
    if (c.updated && (c.stale || w.options().verbose)) {
      tags.push_back("updated " + detail::day_text(*c.updated));
    }
    if (c.stale) tags.push_back("stale");
    if (!c.counted) tags.push_back("not scored");
    std::string what = clean_text(c.ok ? c.value : (c.detail.empty() ? c.value : c.detail));
    if (!tags.empty()) what += fmt::format(" ({})", fmt::join(tags, ", "));
    const std::string mark = c.ok ? w.paint(kCheckMark, c.stale ? kYellow : kGreen)
                                  : w.paint(kCrossMark, c.counted ? kRed : kYellow);
    w.line(fmt::format("  {} {}  {}", mark,
                       pad(truncate_to_width(clean_text(c.title), width), width),
                       w.fit(what, width + 6)));
  }
  w.more(checks.size());
}

void coordination(Writer& w, const check::AsReport& r) {
  const check::Coordination& c = r.coordination;
  if (!c.have_irr && !c.have_peeringdb && c.checks.empty()) {
    w.section("Coordination (Action 3)", "no IRR or PeeringDB data given");
    return;
  }
  std::size_t ok = 0;
  for (const check::Check& k : c.checks) ok += k.ok ? 1U : 0U;
  w.section("Coordination (Action 3)", fmt::format("{} of {} checks pass", ok, c.checks.size()));
  check_lines(w, c.checks);
}

void policy(Writer& w, const check::AsReport& r) {
  const check::PolicyInfo& p = r.policy;
  if (!p.have_irr && p.checks.empty()) return;
  w.section("Routing policy (Action 4)");
  if (p.have_irr) {
    w.line(p.aut_num ? fmt::format("  aut-num {} {}: {} import, {} export", net::format_asn(r.asn),
                                   clean_text(p.as_name), p.imports, p.exports)
                     : fmt::format("  no aut-num {} in the IRR", net::format_asn(r.asn)));
    std::vector<std::string> sets;
    for (const std::string& s : p.as_sets) sets.push_back(clean_text(s));
    w.line(fmt::format(
        "  as-sets: {}; PeeringDB irr_as_set: {}",
        sets.empty() ? std::string("none") : fmt::format("{}", fmt::join(sets, ", ")),
        p.peeringdb_as_set.empty() ? std::string("none") : clean_text(p.peeringdb_as_set)));
  }
  check_lines(w, p.checks);
}

void fixes(Writer& w, const check::AsReport& r) {
  if (r.fixes.empty()) return;
  w.section("Fixes",
            fmt::format("{} to do{}", r.fixes.size(),
                        w.options().verbose ? "" : " (--verbose shows the objects and commands)"));
  const std::size_t shown = w.limit(r.fixes.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const check::Fix& f = r.fixes[i];
    w.line(fmt::format("  {:>2}. {} {}", i + 1,
                       w.paint(fmt::format("[{}]", check::action_title(f.action)), kBold),
                       w.fit(clean_text(f.title), 10)));
    if (!w.options().verbose) continue;
    if (!f.reason.empty()) w.line(w.paint("      why: " + clean_text(f.reason), kDim));
    const std::string text = clean_text(f.text, true);
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      w.line("        " + text.substr(start, end - start));
      start = end + 1;
    }
  }
  w.more(r.fixes.size());
}

void trend(Writer& w, const check::AsReport& r) {
  if (r.history.size() < 2) return;
  w.section("Trend", fmt::format("{} months stored", r.history.size()));
  std::vector<std::string> header{"month"};
  for (std::size_t i = 0; i < check::kActionCount; ++i) {
    header.emplace_back(check::action_title(static_cast<check::Action>(i)));
  }
  std::vector<Row> rows;
  // The newest months are the interesting ones: with a row limit, the oldest are left out.
  const std::size_t shown = w.limit(r.history.size());
  for (std::size_t h = r.history.size() - shown; h < r.history.size(); ++h) {
    Row row;
    row.cells.push_back({clean_text(r.history[h].month)});
    for (std::size_t i = 0; i < check::kActionCount; ++i) {
      const std::optional<double>& p = r.history[h].percent[i];
      row.cells.push_back({p ? detail::percent_number(p) : std::string(kDash), {}, true});
    }
    rows.push_back(std::move(row));
  }
  w.table(header, rows);
}

void metrics(Writer& w, const check::AsReport& r) {
  if (!w.options().verbose || r.metrics.empty()) return;
  w.section("Metrics");
  std::vector<Row> rows;
  for (const check::MetricResult& m : r.metrics) {
    rows.push_back(
        {{{std::string(check::metric_id(m.metric))},
          {m.scored ? "scored" : "info"},
          {detail::score_text(m.raw), {}, true},
          {detail::percent_text(m.percent), {}, true},
          {m.note.empty() ? std::string(check::metric_title(m.metric)) : clean_text(m.note)}},
         {}});
  }
  w.table({"metric", "", "raw", "percent", "how"}, rows);
}

void notes(Writer& w, const check::AsReport& r) {
  if (r.notes.empty()) return;
  w.section("Notes");
  for (const std::string& n : r.notes) w.line("  - " + w.fit(clean_text(n), 4));
}

}  // namespace

std::string render_text(const check::AsReport& report, const TextOptions& options) {
  Writer w(options);
  header(w, report);
  actions(w, report);
  incidents(w, report);
  spoofing(w, report);
  coordination(w, report);
  routing(w, report);
  policy(w, report);
  fixes(w, report);
  trend(w, report);
  metrics(w, report);
  notes(w, report);
  return w.take();
}

}  // namespace manrs::report
