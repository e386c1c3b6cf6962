// check/model.h — the MANRS compliance report of one AS for one calendar month: what every
// part of `manrs check` fills in and what the report writers (report/) read.
//
// Definitions follow manrs-spec §3 (the Observatory's metrics) and §5.1. Numbers that the spec
// marks as derived or not found (curve parameters, readiness thresholds, breakpoints) live in
// Config with the documented defaults; nothing is a hidden constant.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"
#include "manrs/rpki/rov.h"

namespace manrs::check {

// ---- metrics and actions

enum class Metric : std::uint8_t {
  kM1,      // route leak, the AS is the leaker (informational since Jan 2024)
  kM1C,     // route leak by a direct customer, propagated by the AS (informational)
  kM2,      // possible hijack: origin authorised by neither RPKI nor IRR, prefix also originated
            // by another AS (MOAS) or covered by another origin's prefix (sub-MOAS)
  kM2C,     // the same by a direct customer, propagated by the AS
  kM3,      // full-bogon prefix (IANA special-purpose registries) originated by the AS
  kM3C,     // the same from a direct customer, propagated by the AS
  kM4,      // bogon ASN in a path the AS originated or propagated (the AS accepted it)
  kM4C,     // the same from a direct customer, propagated by the AS
  kM5,      // CAIDA Spoofer: distinct prefixes from which spoofed packets got out
  kM6,      // aut-num with at least one import and one export (prototype metric)
  kM7Irr,   // share of announced routes covered by a matching route/route6 object
  kM7Rpki,  // valid share − 10 × invalid share of announced routes
  kM8,      // contact information registered
  kRpkiInvalid,  // informational: an RPKI-invalid route originated by the AS
  kAdminBogon,   // informational: an administrative bogon (unallocated space) originated
};
inline constexpr std::size_t kMetricCount = 15;

// "M1", "M1C", ..., "M7IRR", "M7RPKI", "M8", "RPKI-INVALID", "ADMIN-BOGON".
[[nodiscard]] std::string_view metric_id(Metric m);
[[nodiscard]] std::optional<Metric> parse_metric(std::string_view id);
// One line: what the metric measures ("Bogon prefixes originated by the AS").
[[nodiscard]] std::string_view metric_title(Metric m);
// True for M1, M1C, M2, M2C, M3, M3C, M4, M4C, kRpkiInvalid, kAdminBogon: metrics made of
// timed events that go through the §3.4.2 incident normalisation.
[[nodiscard]] bool is_incident_metric(Metric m);

// The five columns of the Observatory's table export.
enum class Action : std::uint8_t {
  kFiltering,     // Action 1
  kAntiSpoofing,  // Action 2
  kCoordination,  // Action 3
  kIrr,           // Action 4, routing information in the IRR (M7IRR)
  kRpki,          // Action 4, routing information in the RPKI (M7RPKI)
};
inline constexpr std::size_t kActionCount = 5;
// "filtering", "anti-spoofing", "coordination", "irr", "rpki" (JSON keys) and
// "Filtering", "Anti-spoofing", "Coordination", "IRR", "RPKI" (titles, CSV columns).
[[nodiscard]] std::string_view action_id(Action a);
[[nodiscard]] std::string_view action_title(Action a);

enum class Readiness : std::uint8_t { kReady, kAspiring, kLagging, kNoData };
// "ready", "aspiring", "lagging", "no-data".
[[nodiscard]] std::string_view readiness_id(Readiness r);

// ---- configuration (manrs-spec §5.2: configuration, not constants)

enum class Penalty : std::uint8_t { kLinear, kExponential };

struct Config {
  // §3.4.2 incident normalisation ([PROTO] manrs/settings.py).
  std::int64_t acceptable_duration = 1800;  // d < this → 0.5 × w
  std::int64_t tolerant_duration = 86400;   // d < this → 1.0 × w; else per 24 h penalty
  Penalty penalty = Penalty::kLinear;       // (n + 1) × w, or 2^n × w
  double culprit_weight = 1.0;
  double accomplice_weight = 1.0;
  // §3.4.3 decay curve: percent = 100 × curve_base ^ sqrt(raw / curve_raw) (derived; the
  // defaults give raw 0.5 → 60 %, 1 → 48.6 %, 2 → 36 %).
  double curve_base = 0.6;
  double curve_raw = 0.5;
  bool score_leaks = false;  // M1/M1C in the Filtering score (MANRS dropped them in Jan 2024)
  // §3.4.4 readiness: product defaults, NOT MANRS-official (the Observatory's are not public).
  double ready_min = 90.0;     // percent >= ready_min → Ready
  double aspiring_min = 60.0;  // percent >= aspiring_min → Aspiring; below → Lagging
  // The universe of `--all`: ASNs seen as origin by at least this many distinct peers (§3.1).
  unsigned min_peers = 5;
  // A route seen only in a RIB snapshot with no later data lasts this long (RIS bview cadence).
  std::int64_t snapshot_duration = 8 * 3600;
  // Contacts and objects not changed for this many days are reported as stale.
  int stale_days = 730;
};

// ---- time

// A calendar month in UTC, [start, end) in Unix seconds.
struct TimeWindow {
  std::string month;  // "2015-11"
  std::int64_t start = 0;
  std::int64_t end = 0;
};
// "YYYY-MM" → the window; errors name the field.
[[nodiscard]] Result<TimeWindow> month_window(std::string_view yyyy_mm);
// The month containing ts.
[[nodiscard]] TimeWindow month_of(std::int64_t ts);
// "2015-11-01T06:00:00Z".
[[nodiscard]] std::string format_time(std::int64_t ts);

// ---- events and incidents (§3.3, §3.4.2)

// One observed problem charged to one AS: `asn` is the AS charged (the culprit for M1..M4, the
// propagating provider for the C metrics), `culprit` the AS that caused it (== asn except for
// the C metrics, where it is the customer). start/end are Unix seconds within the window
// (end >= start); the duration is end − start.
struct Event {
  Metric metric = Metric::kM2;
  net::Asn asn = 0;
  net::Asn culprit = 0;
  double weight = 1.0;
  std::int64_t start = 0;
  std::int64_t end = 0;
  net::Prefix prefix;          // the route concerned
  std::vector<net::Asn> path;  // an example AS path, as received (neighbour first, origin last)
  std::string detail;          // evidence in words: "192.0.2.0/24 is originated by AS64501
                               // (RPKI valid); AS64500 has no ROA and no route object"
  std::string reference;       // an id like GRIP's: "moas-1446357600-64500_64501"
};

// Events of one AS and one metric merged by §3.4.2: overlapping or touching events of the same
// weight become one incident (min start, max end).
struct Incident {
  Metric metric = Metric::kM2;
  double weight = 1.0;
  std::int64_t start = 0;
  std::int64_t end = 0;
  double score = 0;                   // §3.4.2 step 3
  std::vector<std::uint32_t> events;  // indices into AsReport::events
};

// §3.4.2 step 3: the score of one incident of duration d (seconds) and weight w.
[[nodiscard]] double incident_score(std::int64_t duration, double weight, const Config& config);
// §3.4.2 steps 2-3 for the events `idx` (indices into `events`, all of one AS and metric).
[[nodiscard]] std::vector<Incident> merge_events(std::span<const Event> events,
                                                 std::span<const std::uint32_t> idx,
                                                 const Config& config);
// §3.4.3: raw penalty → percent in [0, 100].
[[nodiscard]] double decay_percent(double raw, const Config& config);
[[nodiscard]] Readiness readiness(std::optional<double> percent, const Config& config);

// ---- per-metric results

struct MetricResult {
  Metric metric = Metric::kM2;
  bool scored = false;              // counts towards an action's score
  double raw = 0;                   // incident metrics: Σ incident scores; M5: prefixes
  std::optional<double> percent;    // nullopt = no data
  std::vector<Incident> incidents;  // incident metrics only
  std::string note;                 // how it was computed / why there is no data
};

// ---- Action 4 details: the routes the AS announced in the window

enum class IrrCoverage : std::uint8_t {
  kExact,         // a route object for the same prefix with this origin
  kLessSpecific,  // a covering route object with this origin
  kOtherOrigin,   // route objects cover the prefix, none with this origin
  kNone,          // no route object covers the prefix
};
[[nodiscard]] std::string_view irr_coverage_id(IrrCoverage c);  // "exact", "less-specific", ...

struct AnnouncedRoute {
  net::Prefix prefix;
  std::int64_t first_seen = 0;  // within the window
  std::int64_t last_seen = 0;
  unsigned peers = 0;  // distinct collector peers that saw it with this origin
  rpki::RovState rov = rpki::RovState::kNotFound;
  std::string rov_detail;  // the covering VRPs: "AS64500 192.0.2.0/24-24" (≤ 3 listed)
  IrrCoverage irr = IrrCoverage::kNone;
  std::string irr_detail;  // "route 192.0.2.0/24 AS64500 (RIPE)" or the other origins
};

struct RoutingInfo {
  std::vector<AnnouncedRoute> routes;  // sorted by prefix
  unsigned irr_covered = 0;            // kExact + kLessSpecific
  unsigned rpki_valid = 0;
  unsigned rpki_invalid = 0;
  unsigned rpki_not_found = 0;
  bool have_irr = false;   // an IRR database was given (else M7IRR has no data)
  bool have_rpki = false;  // VRPs were given (else M7RPKI has no data)
};
// §3.4.3 M7IRR and M7RPKI from a RoutingInfo (nullopt when the source is missing).
[[nodiscard]] std::optional<double> m7irr_percent(const RoutingInfo& r);
[[nodiscard]] std::optional<double> m7rpki_percent(const RoutingInfo& r);

// ---- Action 3 and the aut-num part of Action 4

struct Check {
  std::string id;     // stable: "irr.aut-num.admin-c", "peeringdb.poc.noc", ...
  std::string title;  // "aut-num admin-c resolves to a role/person with e-mail"
  bool ok = false;
  bool counted = true;  // false: reported but not part of the score (abuse contacts in M8)
  std::string value;    // what was found ("NOC-EXAMPLE (role, noc@example.net)")
  std::string source;   // "RIPE", "PeeringDB net 5104"
  std::optional<std::int64_t> updated;  // last-modified / updated, Unix seconds
  bool stale = false;                   // older than Config::stale_days
  std::string detail;                   // what is missing or wrong, in words
};

struct Coordination {
  bool have_irr = false;
  bool have_peeringdb = false;
  std::vector<Check> checks;  // IRR and PeeringDB contact checks
};

struct PolicyInfo {  // M6 and the as-set (Action 4 extras)
  bool have_irr = false;
  bool aut_num = false;
  unsigned imports = 0;  // import + mp-import lines
  unsigned exports = 0;
  std::string as_name;
  std::string peeringdb_as_set;      // irr_as_set from PeeringDB ("" = none given)
  std::vector<std::string> as_sets;  // as-sets found in the IRR that are the AS's own
  std::vector<Check> checks;         // "irr.aut-num.policy", "irr.as-set", "peeringdb.irr_as_set"
};

// ---- Action 2

struct SpoofingInfo {
  bool have_data = false;  // a Spoofer file was given
  unsigned tests = 0;      // tests in the window from the AS's prefixes
  unsigned spoofable_prefixes = 0;
  std::vector<std::string> evidence;  // one line per spoofable prefix: "192.0.2.0/24: 3 tests
                                      // received spoofed packets, last 2015-11-03"
};

// ---- remediation

struct Fix {
  Action action = Action::kFiltering;
  std::string kind;    // "route-object", "roa", "as0-roa", "contact", "aut-num", "as-set",
                       // "peeringdb", "filter", "antispoof", "withdraw"
  std::string title;   // one line
  std::string text;    // the object to submit / the command to run (may be multi-line)
  std::string reason;  // why (points at the incident or check)
};

// ---- the whole report

struct ActionScore {
  Action action = Action::kFiltering;
  std::optional<double> percent;  // nullopt = no data
  Readiness level = Readiness::kNoData;
  std::string basis;  // "3 incidents, raw 2.5 → 32.5 %"
};

struct HistoryPoint {
  std::string month;
  std::optional<double> percent[kActionCount];
};

struct Input {       // one input file and what it gave
  std::string kind;  // "mrt-rib", "mrt-updates", "vrps", "rpsl", "peeringdb", "as-rel", ...
  std::string path;
  std::string summary;  // "1,000,000 routes from 2015-11-01T00:00Z"
};

struct AsReport {
  int schema_version = 1;
  net::Asn asn = 0;
  std::string holder;    // AS name / organisation
  std::string country;   // ISO code from NRO delegated stats or PeeringDB
  std::string registry;  // "ripencc", ...
  TimeWindow window;
  std::vector<ActionScore> actions;   // kActionCount entries, in Action order
  std::vector<MetricResult> metrics;  // every metric computed, in Metric order
  std::vector<Event> events;          // every event, grouped by metric
  RoutingInfo routing;
  Coordination coordination;
  PolicyInfo policy;
  SpoofingInfo spoofing;
  std::vector<Fix> fixes;
  std::vector<HistoryPoint> history;  // oldest first, the current month included
  std::vector<Input> inputs;
  std::vector<std::string> notes;  // e.g. "AS relationships inferred from paths (Gao)"
  std::int64_t generated_at = 0;
};

// One row of `manrs check --all` (the Observatory's table export columns).
struct TableRow {
  net::Asn asn = 0;
  std::string holder;
  std::string country;
  std::string registry;
  std::optional<double> percent[kActionCount];  // Action order; nullopt = no data
  unsigned routes = 0;                          // announced routes in the window
  unsigned incidents = 0;                       // scored incidents (Action 1)
};
[[nodiscard]] TableRow table_row(const AsReport& r);

[[nodiscard]] const ActionScore* find_action(const AsReport& r, Action a);
[[nodiscard]] const MetricResult* find_metric(const AsReport& r, Metric m);

}  // namespace manrs::check
