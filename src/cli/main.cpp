// The one tierdesk binary: the composition root and its subcommands.
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace tierdesk::cli;
  CLI::App app{"tierdesk: the support desk for cloud resellers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tierdesk 0.1.0");
  Run run;
  AddInitCommand(app, run);
  AddServeCommand(app, run);
  AddMigrateCommand(app, run);
  AddDemoCommand(app, run);
  AddUserCommand(app, run);
  AddTokenCommand(app, run);
  AddBillingCommand(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    std::fprintf(stderr, "tierdesk: %s (see tierdesk --help)\n", error.what());
    return 2;
  }
  try {
    return run ? run() : 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "tierdesk: unexpected failure: %s\n", error.what());
    return 1;
  }
}
