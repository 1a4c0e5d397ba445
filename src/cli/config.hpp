// cli/config.hpp
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/common/result.hpp"

namespace tierdesk::cli {

// Everything an operator can set. Precedence: flags > TIERDESK_* environment > the TOML file
// (<data-dir>/tierdesk.toml, or --config) > these defaults. docs/configuration.md lists them.
struct Config {
  std::string data_dir = "data";
  std::string listen = "127.0.0.1:8080";
  int io_threads = 1;
  int worker_threads = 64;
  bool access_log = true;
  std::string synchronous = "FULL";
  int read_connections = 4;
  std::int64_t attachment_max_bytes = 25 * 1024 * 1024;
  std::int64_t json_body_max_bytes = 1024 * 1024;
  int sla_warning_percent = 75;
  int sla_watch_interval_seconds = 15;
  std::string log_level = "info";
  std::string password_hash = "interactive";  // or "minimum": tests and benchmarks only

  std::string DatabasePath() const { return data_dir + "/tierdesk.db"; }
  std::string AttachmentDir() const { return data_dir + "/attachments"; }
};

// Flag values given on the command line, by config key; they win over everything else.
using Overrides = std::map<std::string, std::string>;

// Loads the file (if any), then the environment, then the overrides. kInvalidArgument names
// the key and source of a bad value.
Result<Config> LoadConfig(const std::string& config_file, const Overrides& overrides);

}  // namespace tierdesk::cli
