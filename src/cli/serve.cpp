#include <filesystem>
#include <condition_variable>
#include <csignal>
#include <functional>
#include <cstdio>
#include <mutex>
#include <thread>

#include "adapters/http/server.hpp"
#include "adapters/log/log.hpp"
#include "adapters/vendor/microsoft.hpp"
#include "app/vendor/vendor.hpp"
#include "app/sla/sla.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace tierdesk::cli {
namespace {

// Runs a background pass now and then every interval, on its own thread, until destroyed.
class Periodic {
 public:
  Periodic(std::chrono::seconds interval, std::function<void()> pass)
      : thread_([this, interval, pass = std::move(pass)](std::stop_token stop) {
          while (!stop.stop_requested()) {
            pass();
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, stop, interval, [] { return false; });
          }
        }) {}

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined first
};

void SlaWatchPass(const app::AppContext& ctx) {
  const auto pass = app::sla::RunWatch(ctx);
  if (!pass) {
    log::Error("sla watch failed", {{"error", pass.error().message}, {"detail", pass.error().detail}});
  } else if (pass->warnings + pass->breaches + pass->retargeted > 0) {
    log::Info("sla watch", {{"warnings", std::to_string(pass->warnings)},
                            {"breaches", std::to_string(pass->breaches)},
                            {"retargeted", std::to_string(pass->retargeted)}});
  }
}

// Cuts the vendor sync's waits short when the server stops: a shutdown waits at most for the
// Microsoft call in flight (vendor.timeout_seconds), not for retries and their waits.
class StopSignal {
 public:
  bool Sleep(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, wait, [this] { return stopping_; });
  }
  bool Stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }
  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

// The Microsoft connectors the configuration turns on.
struct Connectors {
  Connectors(const Config& config, StopSignal& stop)
      : http(adapters::vendor::HttpOptions{std::chrono::seconds(config.vendor_timeout_seconds), config.vendor_ca_file,
                                           16u << 20}) {
    const adapters::vendor::Sleeper sleep = [&stop](std::chrono::milliseconds wait) { return stop.Sleep(wait); };
    auto options = [](const Config::Connector& c, const char* scope) {
      adapters::vendor::ConnectorOptions o;
      o.base_url = c.base_url;
      o.credentials = {c.token_url, c.tenant_id, c.client_id, c.client_secret, scope};
      return o;
    };
    if (config.azure_support.Enabled()) {
      azure = std::make_unique<adapters::vendor::AzureSupportConnector>(
          http, options(config.azure_support, "https://management.azure.com/.default"), sleep);
      by_name.emplace(std::string(azure->Name()), azure.get());
    }
    if (config.partner_center.Enabled()) {
      partner_center = std::make_unique<adapters::vendor::PartnerCenterConnector>(
          http, options(config.partner_center, "https://api.partnercenter.microsoft.com/.default"), sleep);
      by_name.emplace(std::string(partner_center->Name()), partner_center.get());
    }
  }
  adapters::vendor::HttpClient http;
  std::unique_ptr<adapters::vendor::AzureSupportConnector> azure;
  std::unique_ptr<adapters::vendor::PartnerCenterConnector> partner_center;
  core::VendorConnectors by_name;
};

void VendorSyncPass(const app::AppContext& ctx, const core::VendorConnectors& connectors, StopSignal& stop) {
  const auto pass = app::vendor::SyncVendorCases(ctx, connectors, [&stop] { return stop.Stopping(); });
  if (!pass) {
    log::Error("vendor sync failed", {{"error", pass.error().message}, {"detail", pass.error().detail}});
  } else if (pass->opened + pass->notes_in + pass->notes_out + pass->moved + pass->failures > 0) {
    log::Info("vendor sync", {{"opened", std::to_string(pass->opened)},
                              {"read", std::to_string(pass->read)},
                              {"notes_in", std::to_string(pass->notes_in)},
                              {"notes_out", std::to_string(pass->notes_out)},
                              {"moved", std::to_string(pass->moved)},
                              {"failures", std::to_string(pass->failures)}});
  }
}

// Where the built web front end is: as configured, else installed beside the binary
// (<prefix>/bin/tierdesk and <prefix>/share/tierdesk/web), else the source tree's web/dist (a
// build tree's binary; `make run` builds it there). Empty when none exists: the pages say so.
std::string WebRoot(const Config& config) {
  if (!config.web_root.empty()) return config.web_root;
  std::error_code ec;
  const auto binary = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = binary.parent_path().parent_path() / "share" / "tierdesk" / "web";
    if (std::filesystem::is_regular_file(installed / "signin.html", ec)) return installed.string();
  }
  const std::filesystem::path source = TD_SOURCE_WEB_DIST;
  if (std::filesystem::is_regular_file(source / "signin.html", ec)) return source.string();
  return {};
}

int Serve(const Config& config) {
  // Signals are taken by sigwait below, so every thread must have them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto runtime = OpenRuntime(config);
  if (!runtime) return Report(runtime.error());
  adapters::http::ApiOptions api_options;
  api_options.json_body_max = config.json_body_max_bytes;
  api_options.trusted_proxies =
      adapters::http::TrustedProxies::Parse(config.trusted_proxies).value_or(adapters::http::TrustedProxies{});
  api_options.verification.slots = config.login_concurrency;
  api_options.verification.queue = config.login_queue;
  api_options.secure_cookies = config.secure_cookies;
  api_options.web_root = WebRoot(config);
  const app::AppContext context = (*runtime)->Context();
  adapters::http::Api api(context, api_options);
  adapters::http::ServerOptions options;
  const auto colon = config.listen.rfind(':');
  options.host = config.listen.substr(0, colon);
  options.port = static_cast<std::uint16_t>(std::stoi(config.listen.substr(colon + 1)));
  options.io_threads = config.io_threads;
  options.worker_threads = config.worker_threads;
  options.read_threads = config.read_threads;
  options.heavy_threads = config.heavy_threads;
  options.max_connections = config.max_connections;
  options.max_connections_per_address = config.max_connections_per_address;
  options.spool_dir = config.data_dir + "/tmp";  // large uploads, each unlinked as it is created
  std::error_code spool_error;
  std::filesystem::create_directories(options.spool_dir, spool_error);
  if (spool_error) options.spool_dir.clear();  // the system's temporary directory instead
  options.access_log = config.access_log;
  adapters::http::Server server(api, options);
  auto port = server.Start();
  if (!port) return Report(port.error());
  std::printf("tierdesk is serving on http://%s:%u (data in %s)\n", options.host.c_str(), *port,
              config.data_dir.c_str());
  std::fflush(stdout);
  log::Info("serving", {{"listen", options.host + ":" + std::to_string(*port)}, {"data_dir", config.data_dir}});
  auto watch = std::make_unique<Periodic>(std::chrono::seconds(config.sla_watch_interval_seconds),
                                          [&context] { SlaWatchPass(context); });
  StopSignal stop;
  const Connectors connectors(config, stop);
  // The sync runs even with no connector on: a case whose connector the configuration no longer
  // turns on then shows why it does not move (its sync.error) instead of waiting in silence.
  auto vendor_sync = std::make_unique<Periodic>(
      std::chrono::seconds(config.vendor_sync_interval_seconds),
      [&context, &connectors, &stop] { VendorSyncPass(context, connectors.by_name, stop); });
  int received = 0;
  sigwait(&signals, &received);
  log::Info("stopping", {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"}});
  stop.Stop();
  vendor_sync.reset();
  watch.reset();
  server.Stop();
  runtime->reset();  // drains the writer and closes the database
  log::Info("stopped");
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, Run& run) {
  auto* command = app.add_subcommand("serve", "Serve the API, portal and console");
  auto options = std::make_shared<CommonOptions>();
  AddCommonFlags(*command, *options);
  command->add_option_function<std::string>(
      "--listen", [options](const std::string& value) { options->overrides["listen"] = value; },
      "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one)");
  command->add_option_function<std::string>(
      "--web-root", [options](const std::string& value) { options->overrides["web_root"] = value; },
      "the built web front end (default: share/tierdesk/web beside the binary, else web/dist)");
  command->callback([&run, options] {
    run = [options]() -> int {
      auto config = LoadConfig(options->config_file, options->overrides);
      if (!config) return Report(config.error());
      return Serve(*config);
    };
  });
}

}  // namespace tierdesk::cli
