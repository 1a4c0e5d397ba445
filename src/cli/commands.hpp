// cli/commands.hpp
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/config.hpp"

namespace tierdesk::cli {

// What every subcommand shares: where the data lives and which settings the flags override.
struct CommonOptions {
  std::string config_file;
  Overrides overrides;
};

using Run = std::function<int()>;

// Each subcommand registers its flags on the app and, when chosen, sets `run`.
void AddInitCommand(CLI::App& app, Run& run);
void AddServeCommand(CLI::App& app, Run& run);
void AddMigrateCommand(CLI::App& app, Run& run);
void AddDemoCommand(CLI::App& app, Run& run);
void AddUserCommand(CLI::App& app, Run& run);
void AddTokenCommand(CLI::App& app, Run& run);
void AddBillingCommand(CLI::App& app, Run& run);

// Adds --data-dir and --config to a subcommand, writing into options.
void AddCommonFlags(CLI::App& command, CommonOptions& options);
// Reads a secret from the environment variable, else from the terminal without echo.
Result<std::string> ReadSecret(const char* env_name, const char* prompt);

}  // namespace tierdesk::cli
