// report/json.h — `manrs check` as JSON: the whole AsReport with a documented, versioned schema
// (docs/check-json.md, schema_version 1), and the `--all` score table as JSON and CSV with the
// MANRS Observatory export's columns.
//
// Pure: model in, text out. Keys come in a fixed order (the order of docs/check-json.md); times
// are given twice, ISO 8601 UTC and Unix seconds; "no data" is null, never 0. Strings are the
// model's bytes, JSON-escaped; invalid UTF-8 becomes U+FFFD.
#pragma once

#include <string>
#include <vector>

#include "manrs/check/model.h"

namespace manrs::report {

// One JSON object (2-space indent, final newline).
[[nodiscard]] std::string render_json(const check::AsReport& report);

// {"schema_version": 1, "networks": [ one compact object per line ]}: asn, holder, country,
// registry, filtering, anti-spoofing, coordination, irr, rpki (percent rounded to one decimal,
// null for no data), routes, incidents.
[[nodiscard]] std::string render_table_json(const std::vector<check::TableRow>& rows);

// RFC 4180 CSV (CRLF line ends), header
// ASN,Holder,Country,RIR,Filtering,Anti-spoofing,Coordination,IRR,RPKI,Routes,Incidents;
// percentages with one decimal, empty for no data. Text fields are cleaned of control characters
// and guarded against spreadsheet formulas (a leading "'" before = + - @).
[[nodiscard]] std::string render_table_csv(const std::vector<check::TableRow>& rows);

}  // namespace manrs::report
