#include "manrs/report/json.h"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "manrs/report/internal/format.h"
#include "manrs/rpki/rov.h"

namespace manrs::report {

namespace {

using Json = nlohmann::ordered_json;

// Adds "<key>": ISO 8601 and "<key>_unix": seconds.
void put_time(Json& j, const std::string& key, std::int64_t ts) {
  j[key] = check::format_time(ts);
  j[key + "_unix"] = ts;
}

Json percent_json(std::optional<double> p) { return p ? Json(*p) : Json(nullptr); }

Json check_json(const check::Check& c) {
  Json j;
  j["id"] = c.id;
  j["title"] = c.title;
  j["ok"] = c.ok;
  j["counted"] = c.counted;
  j["value"] = c.value;
  j["source"] = c.source;
  if (c.updated) {
    put_time(j, "updated", *c.updated);
  } else {
    j["updated"] = nullptr;
    j["updated_unix"] = nullptr;
  }
  j["stale"] = c.stale;
  j["detail"] = c.detail;
  return j;
}

Json checks_json(const std::vector<check::Check>& checks) {
  Json a = Json::array();
  for (const check::Check& c : checks) a.push_back(check_json(c));
  return a;
}

Json window_json(const check::TimeWindow& w) {
  Json j;
  j["month"] = w.month;
  put_time(j, "start", w.start);
  put_time(j, "end", w.end);
  return j;
}

Json actions_json(const check::AsReport& r) {
  Json j = Json::object();
  for (std::size_t i = 0; i < check::kActionCount; ++i) {
    const auto a = static_cast<check::Action>(i);
    const check::ActionScore* s = check::find_action(r, a);
    Json o;
    o["title"] = check::action_title(a);
    o["percent"] = percent_json(s != nullptr ? s->percent : std::nullopt);
    o["readiness"] = check::readiness_id(s != nullptr ? s->level : check::Readiness::kNoData);
    o["basis"] = s != nullptr ? s->basis : std::string();
    j[std::string(check::action_id(a))] = std::move(o);
  }
  return j;
}

Json metrics_json(const check::AsReport& r) {
  Json a = Json::array();
  for (const check::MetricResult& m : r.metrics) {
    Json j;
    j["id"] = check::metric_id(m.metric);
    j["title"] = check::metric_title(m.metric);
    j["scored"] = m.scored;
    j["raw"] = m.raw;
    j["percent"] = percent_json(m.percent);
    j["note"] = m.note;
    Json incidents = Json::array();
    for (const check::Incident& i : m.incidents) {
      Json o;
      put_time(o, "start", i.start);
      put_time(o, "end", i.end);
      o["duration"] = i.end - i.start;
      o["weight"] = i.weight;
      o["score"] = i.score;
      o["events"] = i.events;
      incidents.push_back(std::move(o));
    }
    j["incidents"] = std::move(incidents);
    a.push_back(std::move(j));
  }
  return a;
}

Json events_json(const check::AsReport& r) {
  Json a = Json::array();
  for (const check::Event& e : r.events) {
    Json j;
    j["metric"] = check::metric_id(e.metric);
    j["asn"] = e.asn;
    j["culprit"] = e.culprit;
    j["weight"] = e.weight;
    put_time(j, "start", e.start);
    put_time(j, "end", e.end);
    j["duration"] = e.end - e.start;
    j["prefix"] = e.prefix.to_string();
    j["path"] = e.path;
    j["detail"] = e.detail;
    j["reference"] = e.reference;
    a.push_back(std::move(j));
  }
  return a;
}

Json routing_json(const check::RoutingInfo& ri) {
  Json j;
  j["have_irr"] = ri.have_irr;
  j["have_rpki"] = ri.have_rpki;
  j["routes_total"] = ri.routes.size();
  j["irr_covered"] = ri.irr_covered;
  j["rpki_valid"] = ri.rpki_valid;
  j["rpki_invalid"] = ri.rpki_invalid;
  j["rpki_not_found"] = ri.rpki_not_found;
  Json routes = Json::array();
  for (const check::AnnouncedRoute& a : ri.routes) {
    Json o;
    o["prefix"] = a.prefix.to_string();
    put_time(o, "first_seen", a.first_seen);
    put_time(o, "last_seen", a.last_seen);
    o["peers"] = a.peers;
    o["rov"] = rpki::to_string(a.rov);
    o["rov_detail"] = a.rov_detail;
    o["irr"] = check::irr_coverage_id(a.irr);
    o["irr_detail"] = a.irr_detail;
    routes.push_back(std::move(o));
  }
  j["routes"] = std::move(routes);
  return j;
}

Json history_json(const check::AsReport& r) {
  Json a = Json::array();
  for (const check::HistoryPoint& h : r.history) {
    Json j;
    j["month"] = h.month;
    Json p = Json::object();
    for (std::size_t i = 0; i < check::kActionCount; ++i) {
      p[std::string(check::action_id(static_cast<check::Action>(i)))] = percent_json(h.percent[i]);
    }
    j["percent"] = std::move(p);
    a.push_back(std::move(j));
  }
  return a;
}

std::string dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string render_json(const check::AsReport& r) {
  Json j;
  j["schema_version"] = r.schema_version;
  j["asn"] = r.asn;
  j["holder"] = r.holder;
  j["country"] = r.country;
  j["registry"] = r.registry;
  j["window"] = window_json(r.window);
  if (r.generated_at != 0) {
    put_time(j, "generated_at", r.generated_at);
  } else {
    j["generated_at"] = nullptr;
    j["generated_at_unix"] = nullptr;
  }
  j["actions"] = actions_json(r);
  j["metrics"] = metrics_json(r);
  j["events"] = events_json(r);
  j["routing"] = routing_json(r.routing);

  Json coordination;
  coordination["have_irr"] = r.coordination.have_irr;
  coordination["have_peeringdb"] = r.coordination.have_peeringdb;
  coordination["checks"] = checks_json(r.coordination.checks);
  j["coordination"] = std::move(coordination);

  Json policy;
  policy["have_irr"] = r.policy.have_irr;
  policy["aut_num"] = r.policy.aut_num;
  policy["imports"] = r.policy.imports;
  policy["exports"] = r.policy.exports;
  policy["as_name"] = r.policy.as_name;
  policy["peeringdb_as_set"] = r.policy.peeringdb_as_set;
  policy["as_sets"] = r.policy.as_sets;
  policy["checks"] = checks_json(r.policy.checks);
  j["policy"] = std::move(policy);

  Json spoofing;
  spoofing["have_data"] = r.spoofing.have_data;
  spoofing["tests"] = r.spoofing.tests;
  spoofing["spoofable_prefixes"] = r.spoofing.spoofable_prefixes;
  spoofing["evidence"] = r.spoofing.evidence;
  j["spoofing"] = std::move(spoofing);

  Json fixes = Json::array();
  for (const check::Fix& f : r.fixes) {
    Json o;
    o["action"] = check::action_id(f.action);
    o["kind"] = f.kind;
    o["title"] = f.title;
    o["text"] = f.text;
    o["reason"] = f.reason;
    fixes.push_back(std::move(o));
  }
  j["fixes"] = std::move(fixes);
  j["history"] = history_json(r);

  Json inputs = Json::array();
  for (const check::Input& in : r.inputs) {
    Json o;
    o["kind"] = in.kind;
    o["path"] = in.path;
    o["summary"] = in.summary;
    inputs.push_back(std::move(o));
  }
  j["inputs"] = std::move(inputs);
  j["notes"] = r.notes;
  return dump(j, 2) + "\n";
}

std::string render_table_json(const std::vector<check::TableRow>& rows) {
  std::string out = "{\"schema_version\": 1, \"networks\": [";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const check::TableRow& row = rows[r];
    Json j;
    j["asn"] = row.asn;
    j["holder"] = row.holder;
    j["country"] = row.country;
    j["registry"] = row.registry;
    for (std::size_t i = 0; i < check::kActionCount; ++i) {
      const std::optional<double>& p = row.percent[i];
      // One decimal: exactly the number the CSV and the text table show.
      j[std::string(check::action_id(static_cast<check::Action>(i)))] =
          p ? Json(std::strtod(detail::percent_number(p).c_str(), nullptr)) : Json(nullptr);
    }
    j["routes"] = row.routes;
    j["incidents"] = row.incidents;
    out += r == 0 ? "\n" : ",\n";
    out += dump(j, -1);
  }
  out += rows.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace manrs::report
