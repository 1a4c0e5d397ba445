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
  int read_threads = 4;
  int heavy_threads = 2;
  int max_connections = 2048;
  int max_connections_per_address = 256;
  int read_budget_ms = 10'000;   // the longest any read may run before it is interrupted
  int search_budget_ms = 1'000;  // the same for a ticket search
  bool access_log = true;
  std::string synchronous = "FULL";
  int read_connections = 4;
  std::int64_t attachment_max_bytes = 25 * 1024 * 1024;
  std::int64_t json_body_max_bytes = 1024 * 1024;
  int sla_warning_percent = 75;
  int sla_watch_interval_seconds = 15;
  std::string log_level = "info";
  std::string password_hash = "interactive";  // or "minimum": tests and benchmarks only
  // Sign-in: the reverse proxies whose X-Forwarded-For is believed (addresses and CIDR ranges;
  // empty: none), password verifications at once (0: one per hardware thread) and how many more
  // may wait for one before sign-ins are answered 503.
  std::string trusted_proxies;
  int login_concurrency = 0;
  int login_queue = 16;
  // The web faces: the built front end (empty: <prefix>/share/tierdesk/web beside the binary, else
  // the source tree's web/dist), and whether the browser's session cookies are marked Secure
  // (set it when browsers reach tierdesk over https).
  std::string web_root;
  bool secure_cookies = false;

  // The Microsoft connectors. One is on when its client id is set; the vendor sync runs while any is.
  struct Connector {
    std::string base_url;
    std::string token_url = "https://login.microsoftonline.com";
    std::string tenant_id = {};
    std::string client_id = {};
    std::string client_secret = {};
    bool Enabled() const { return !client_id.empty(); }
  };
  Connector azure_support{"https://management.azure.com"};
  Connector partner_center{"https://api.partnercenter.microsoft.com"};
  int vendor_sync_interval_seconds = 60;
  int vendor_timeout_seconds = 30;
  std::string vendor_ca_file;  // empty: the system's trusted certificates

  std::string DatabasePath() const { return data_dir + "/tierdesk.db"; }
  std::string AttachmentDir() const { return data_dir + "/attachments"; }
};

// Flag values given on the command line, by config key; they win over everything else.
using Overrides = std::map<std::string, std::string>;

// Loads the file (if any), then the environment, then the overrides. kInvalidArgument names
// the key and source of a bad value.
Result<Config> LoadConfig(const std::string& config_file, const Overrides& overrides);

}  // namespace tierdesk::cli
