#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"

namespace tierdesk::cli {

void AddCommonFlags(CLI::App& command, CommonOptions& options) {
  command.add_option_function<std::string>(
      "--data-dir", [&options](const std::string& value) { options.overrides["data_dir"] = value; },
      "Data directory holding tierdesk.db and attachments (default ./data)");
  command.add_option("--config", options.config_file, "TOML configuration file")->check(CLI::ExistingFile);
}

Result<std::string> ReadSecret(const char* env_name, const char* prompt) {
  if (const char* value = std::getenv(env_name); value != nullptr && *value != '\0') return std::string(value);
  if (!::isatty(STDIN_FILENO)) {
    return Fail(Error::InvalidArgument(std::string("set ") + env_name + " or run on a terminal to type it"));
  }
  std::cerr << prompt << std::flush;
  termios old_settings{};
  tcgetattr(STDIN_FILENO, &old_settings);
  termios quiet = old_settings;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string secret;
  std::getline(std::cin, secret);
  tcsetattr(STDIN_FILENO, TCSANOW, &old_settings);
  std::cerr << "\n";
  return secret;
}

}  // namespace tierdesk::cli
