// manrs — the command. One file per subcommand group (cmd_*.cpp); this file only wires them.
// Exit codes: 0 success, 1 the input had damage and some data was skipped (output is still
// complete for everything that decoded), 2 usage error or nothing could be read.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "manrs/app/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"manrs — implement and prove the MANRS actions on real routing data"};
  app.set_version_flag("--version", "manrs 0.1.0");
  app.require_subcommand(1);
  manrs::app::ExitCode rc = manrs::app::ExitCode::kOk;
  manrs::app::register_mrt(app, rc);
  manrs::app::register_rov(app, rc);
  manrs::app::register_vrp(app, rc);
  manrs::app::register_rtr(app, rc);
  manrs::app::register_irr(app, rc);
  manrs::app::register_filter(app, rc);
  manrs::app::register_antispoof(app, rc);
  manrs::app::register_check(app, rc);
  manrs::app::register_fetch(app, rc);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "manrs: internal error: %s\n", e.what());
    return 2;
  }
  return static_cast<int>(rc);
}
