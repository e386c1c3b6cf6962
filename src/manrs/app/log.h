// app/log.h — one logfmt line per event on stderr for the servers (journald and log shippers
// split it into fields):
//   ts=2026-11-27T12:00:00Z level=info component=rtr msg="serial 5: 40025 VRPs ...; +12 -3"
// level=warn for events that need an operator's attention (a rejected reload, stale data, an
// address that cannot be bound, a failure, an error), info otherwise.
#pragma once

#include <cstdio>
#include <string_view>

namespace manrs::app {

void log_line(std::string_view component, std::string_view line, std::FILE* to = stderr);

}  // namespace manrs::app
