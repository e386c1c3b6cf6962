// app/commands.h — registration of the `manrs` subcommands (one cmd_*.cpp per group).
#pragma once

#include <CLI/CLI.hpp>

namespace manrs::app {

enum class ExitCode : int {
  kOk = 0,
  kDataSkipped = 1,  // some input was damaged and skipped; everything else was processed
  kFailed = 2,       // usage error, or an input could not be opened at all
};

// `manrs mrt dump|stats FILE...`
void register_mrt(CLI::App& app, ExitCode& rc);
// `manrs rov --vrps FILE INPUT...`
void register_rov(CLI::App& app, ExitCode& rc);
// `manrs vrp convert|diff|lookup`
void register_vrp(CLI::App& app, ExitCode& rc);
// `manrs rtr serve --vrps FILE...`
void register_rtr(CLI::App& app, ExitCode& rc);
// `manrs irr serve|expand|lookup|stats --rpsl FILE...`
void register_irr(CLI::App& app, ExitCode& rc);
// `manrs filter TARGET|--batch CONFIG`
void register_filter(CLI::App& app, ExitCode& rc);
// `manrs antispoof CUSTOMER...`
void register_antispoof(CLI::App& app, ExitCode& rc);
// `manrs check AS...|--all` (cmd_check.cpp)
void register_check(CLI::App& app, ExitCode& rc);
// `manrs fetch [SOURCE...] --data DIR` (cmd_fetch.cpp)
void register_fetch(CLI::App& app, ExitCode& rc);

}  // namespace manrs::app
