// mrt/jsonl_format.h — one JSON object per route (RIB entry) or per BGP message/state change.
//
// Every decoded attribute is included, plus the RFC 7606 outcome ("rfc7606": action and
// problems) so that damaged routes are visible, not silently dropped. Field names follow
// the RFCs; addresses are RFC 5952 text, prefixes "addr/len", times Unix seconds (with
// "microseconds" for the _ET types). docs/mrt.md documents the schema.
#pragma once

#include <string>

#include "manrs/mrt/record.h"

namespace manrs::mrt {

// Appends the JSON lines of `rec` to `out` (nothing for PEER_INDEX_TABLE and skipped types).
void format_jsonl(const Record& rec, std::string& out);

}  // namespace manrs::mrt
