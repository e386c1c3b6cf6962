// app/cmd_fetch.cpp — `manrs fetch`: being written (issue 7); registers nothing yet.
#include "manrs/app/commands.h"

namespace manrs::app {

void register_fetch(CLI::App& /*app*/, ExitCode& /*rc*/) {}

}  // namespace manrs::app
