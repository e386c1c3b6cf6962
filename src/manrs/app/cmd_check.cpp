// app/cmd_check.cpp — `manrs check`: being written (issue 7); registers nothing yet.
#include "manrs/app/commands.h"

namespace manrs::app {

void register_check(CLI::App& /*app*/, ExitCode& /*rc*/) {}

}  // namespace manrs::app
