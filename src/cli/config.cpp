#include "cli/config.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

#include "adapters/http/client_address.hpp"

namespace tierdesk::cli {
namespace {

// key → (TOML path, environment variable)
struct Key {
  const char* name;
  const char* toml_section;
  const char* toml_key;
  const char* env;
};
constexpr Key kKeys[] = {
    {"data_dir", "", "data_dir", "TIERDESK_DATA_DIR"},
    {"listen", "server", "listen", "TIERDESK_LISTEN"},
    {"io_threads", "server", "io_threads", "TIERDESK_IO_THREADS"},
    {"worker_threads", "server", "worker_threads", "TIERDESK_WORKER_THREADS"},
    {"read_threads", "server", "read_threads", "TIERDESK_READ_THREADS"},
    {"heavy_threads", "server", "heavy_threads", "TIERDESK_HEAVY_THREADS"},
    {"max_connections", "server", "max_connections", "TIERDESK_MAX_CONNECTIONS"},
    {"max_connections_per_address", "server", "max_connections_per_address", "TIERDESK_MAX_CONNECTIONS_PER_ADDRESS"},
    {"read_budget_ms", "storage", "read_budget_ms", "TIERDESK_READ_BUDGET_MS"},
    {"search_budget_ms", "storage", "search_budget_ms", "TIERDESK_SEARCH_BUDGET_MS"},
    {"access_log", "server", "access_log", "TIERDESK_ACCESS_LOG"},
    {"synchronous", "storage", "synchronous", "TIERDESK_SYNCHRONOUS"},
    {"read_connections", "storage", "read_connections", "TIERDESK_READ_CONNECTIONS"},
    {"attachment_max_bytes", "limits", "attachment_max_bytes", "TIERDESK_ATTACHMENT_MAX_BYTES"},
    {"json_body_max_bytes", "limits", "json_body_max_bytes", "TIERDESK_JSON_BODY_MAX_BYTES"},
    {"sla_warning_percent", "sla", "warning_percent", "TIERDESK_SLA_WARNING_PERCENT"},
    {"sla_watch_interval_seconds", "sla", "watch_interval_seconds", "TIERDESK_SLA_WATCH_INTERVAL_SECONDS"},
    {"log_level", "log", "level", "TIERDESK_LOG_LEVEL"},
    {"password_hash", "security", "password_hash", "TIERDESK_PASSWORD_HASH"},
    {"trusted_proxies", "server", "trusted_proxies", "TIERDESK_TRUSTED_PROXIES"},
    {"web_root", "server", "web_root", "TIERDESK_WEB_ROOT"},
    {"secure_cookies", "server", "secure_cookies", "TIERDESK_SECURE_COOKIES"},
    {"login_concurrency", "security", "login_concurrency", "TIERDESK_LOGIN_CONCURRENCY"},
    {"login_queue", "security", "login_queue", "TIERDESK_LOGIN_QUEUE"},
    {"vendor_sync_interval_seconds", "vendor", "sync_interval_seconds", "TIERDESK_VENDOR_SYNC_INTERVAL_SECONDS"},
    {"vendor_timeout_seconds", "vendor", "timeout_seconds", "TIERDESK_VENDOR_TIMEOUT_SECONDS"},
    {"vendor_ca_file", "vendor", "ca_file", "TIERDESK_VENDOR_CA_FILE"},
    {"azure_support_base_url", "azure_support", "base_url", "TIERDESK_AZURE_SUPPORT_BASE_URL"},
    {"azure_support_token_url", "azure_support", "token_url", "TIERDESK_AZURE_SUPPORT_TOKEN_URL"},
    {"azure_support_tenant_id", "azure_support", "tenant_id", "TIERDESK_AZURE_SUPPORT_TENANT_ID"},
    {"azure_support_client_id", "azure_support", "client_id", "TIERDESK_AZURE_SUPPORT_CLIENT_ID"},
    {"azure_support_client_secret", "azure_support", "client_secret", "TIERDESK_AZURE_SUPPORT_CLIENT_SECRET"},
    {"partner_center_base_url", "partner_center", "base_url", "TIERDESK_PARTNER_CENTER_BASE_URL"},
    {"partner_center_token_url", "partner_center", "token_url", "TIERDESK_PARTNER_CENTER_TOKEN_URL"},
    {"partner_center_tenant_id", "partner_center", "tenant_id", "TIERDESK_PARTNER_CENTER_TENANT_ID"},
    {"partner_center_client_id", "partner_center", "client_id", "TIERDESK_PARTNER_CENTER_CLIENT_ID"},
    {"partner_center_client_secret", "partner_center", "client_secret", "TIERDESK_PARTNER_CENTER_CLIENT_SECRET"},
};

// The connector text settings: "azure_support_base_url" → the member it sets.
std::string* ConnectorSetting(Config& config, const std::string& key) {
  for (auto [prefix, connector] : {std::pair{"azure_support_", &config.azure_support},
                                   std::pair{"partner_center_", &config.partner_center}}) {
    if (key.rfind(prefix, 0) != 0) continue;
    const auto name = key.substr(std::string_view(prefix).size());
    if (name == "base_url") return &connector->base_url;
    if (name == "token_url") return &connector->token_url;
    if (name == "tenant_id") return &connector->tenant_id;
    if (name == "client_id") return &connector->client_id;
    if (name == "client_secret") return &connector->client_secret;
  }
  return nullptr;
}

Status Apply(Config& config, const std::string& key, const std::string& value, const std::string& source) {
  auto bad = [&](const char* expected) {
    return Fail(Error::InvalidArgument(key + " from " + source + " must be " + expected + ", not '" +
                                       value + "'"));
  };
  auto integer = [&](auto& out, std::int64_t min, std::int64_t max) -> Status {
    std::int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size() || parsed < min || parsed > max) {
      return bad(("an integer from " + std::to_string(min) + " to " + std::to_string(max)).c_str());
    }
    out = static_cast<std::remove_reference_t<decltype(out)>>(parsed);
    return Ok();
  };
  if (key == "data_dir") {
    if (value.empty()) return bad("a directory");
    config.data_dir = value;
  } else if (key == "listen") {
    const auto colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0) return bad("HOST:PORT");
    std::int64_t port = 0;
    const auto [end, ec] = std::from_chars(value.data() + colon + 1, value.data() + value.size(), port);
    if (ec != std::errc() || end != value.data() + value.size() || port < 0 || port > 65535) {
      return bad("HOST:PORT");
    }
    const std::string host = value.substr(0, colon);
    in_addr v4{};
    in6_addr v6{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) != 1 && ::inet_pton(AF_INET6, host.c_str(), &v6) != 1) {
      return bad("HOST:PORT with an IP address for HOST (such as 127.0.0.1 or ::1)");
    }
    config.listen = value;
  } else if (key == "io_threads") {
    return integer(config.io_threads, 1, 64);
  } else if (key == "worker_threads") {
    return integer(config.worker_threads, 1, 1024);
  } else if (key == "read_threads") {
    return integer(config.read_threads, 1, 256);
  } else if (key == "heavy_threads") {
    return integer(config.heavy_threads, 1, 256);
  } else if (key == "max_connections") {
    return integer(config.max_connections, 1, 1'000'000);
  } else if (key == "max_connections_per_address") {
    return integer(config.max_connections_per_address, 1, 1'000'000);
  } else if (key == "read_budget_ms") {
    return integer(config.read_budget_ms, 10, 600'000);
  } else if (key == "search_budget_ms") {
    return integer(config.search_budget_ms, 10, 600'000);
  } else if (key == "read_connections") {
    return integer(config.read_connections, 1, 256);
  } else if (key == "attachment_max_bytes") {
    return integer(config.attachment_max_bytes, 1, std::int64_t{1} << 32);
  } else if (key == "json_body_max_bytes") {
    return integer(config.json_body_max_bytes, 1024, std::int64_t{64} << 20);
  } else if (key == "sla_warning_percent") {
    return integer(config.sla_warning_percent, 1, 99);
  } else if (key == "sla_watch_interval_seconds") {
    return integer(config.sla_watch_interval_seconds, 1, 3600);
  } else if (key == "access_log") {
    if (value != "true" && value != "false") return bad("true or false");
    config.access_log = value == "true";
  } else if (key == "secure_cookies") {
    if (value != "true" && value != "false") return bad("true or false");
    config.secure_cookies = value == "true";
  } else if (key == "web_root") {
    config.web_root = value;
  } else if (key == "synchronous") {
    if (value != "FULL" && value != "NORMAL") return bad("FULL or NORMAL");
    config.synchronous = value;
  } else if (key == "log_level") {
    if (value != "debug" && value != "info" && value != "warn" && value != "error") {
      return bad("debug, info, warn or error");
    }
    config.log_level = value;
  } else if (key == "vendor_sync_interval_seconds") {
    return integer(config.vendor_sync_interval_seconds, 5, 86400);
  } else if (key == "vendor_timeout_seconds") {
    return integer(config.vendor_timeout_seconds, 1, 600);
  } else if (key == "vendor_ca_file") {
    config.vendor_ca_file = value;
  } else if (auto* setting = ConnectorSetting(config, key)) {
    if (key.ends_with("_url") && value.rfind("https://", 0) != 0 && value.rfind("http://", 0) != 0) {
      return bad("an http:// or https:// URL");
    }
    *setting = key.ends_with("_url") && value.ends_with('/') ? value.substr(0, value.size() - 1) : value;
  } else if (key == "trusted_proxies") {
    auto parsed = adapters::http::TrustedProxies::Parse(value);
    if (!parsed) return bad("a list of IP addresses and CIDR ranges such as \"127.0.0.1, 10.0.0.0/8\"");
    config.trusted_proxies = value;
  } else if (key == "login_concurrency") {
    return integer(config.login_concurrency, 0, 1024);
  } else if (key == "login_queue") {
    return integer(config.login_queue, 0, 100'000);
  } else if (key == "password_hash") {
    if (value != "interactive" && value != "minimum") return bad("interactive or minimum");
    config.password_hash = value;
  } else {
    return Fail(Error::InvalidArgument("unknown setting " + key + " in " + source));
  }
  return Ok();
}

std::string TomlValueText(const toml::node& node) {
  if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<std::int64_t>()) return std::to_string(*i);
  if (const auto* array = node.as_array()) {  // lists of strings, such as trusted_proxies
    std::string joined;
    for (const auto& item : *array) {
      const auto text = item.value<std::string>();
      if (!text) return "<unsupported type>";
      joined += joined.empty() ? *text : ", " + *text;
    }
    return joined;
  }
  return "<unsupported type>";
}

}  // namespace

Result<Config> LoadConfig(const std::string& config_file, const Overrides& overrides) {
  Config config;
  // The data directory decides where the default file is, so settle it first.
  std::string data_dir = config.data_dir;
  if (const char* env = std::getenv("TIERDESK_DATA_DIR"); env != nullptr && *env != '\0') data_dir = env;
  if (auto it = overrides.find("data_dir"); it != overrides.end()) data_dir = it->second;
  std::string file = config_file;
  if (file.empty() && std::filesystem::exists(data_dir + "/tierdesk.toml")) file = data_dir + "/tierdesk.toml";

  if (!file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(file);
    } catch (const toml::parse_error& error) {
      return Fail(Error::InvalidArgument("cannot read " + file + ": " + std::string(error.description())));
    }
    for (const auto& key : kKeys) {
      const toml::node* node = *key.toml_section == '\0'
                                   ? table.get(key.toml_key)
                                   : table[key.toml_section][key.toml_key].node();
      if (node != nullptr) TD_CHECK(Apply(config, key.name, TomlValueText(*node), file));
    }
  }
  for (const auto& key : kKeys) {
    if (const char* env = std::getenv(key.env); env != nullptr && *env != '\0') {
      TD_CHECK(Apply(config, key.name, env, std::string("$") + key.env));
    }
  }
  for (const auto& [key, value] : overrides) TD_CHECK(Apply(config, key, value, "the command line"));
  return config;
}

}  // namespace tierdesk::cli
