#include "cli/runtime.hpp"

#include <cstdio>
#include <filesystem>
#include <tuple>

#include "adapters/log/log.hpp"
#include "adapters/storage/sqlite/sqlite_store.hpp"

namespace tierdesk::cli {

namespace {

// For each Microsoft connector the configuration leaves off, the settings it lacks.
core::ConnectorSetup ConnectorSetupFor(const Config& config) {
  core::ConnectorSetup setup;
  for (const auto& [name, env, connector] :
       {std::tuple{"azure_support", "TIERDESK_AZURE_SUPPORT_", &config.azure_support},
        std::tuple{"partner_center", "TIERDESK_PARTNER_CENTER_", &config.partner_center}}) {
    if (connector->Enabled()) continue;
    auto& missing = setup.missing[name];
    for (const auto& [key, variable, value] : {std::tuple{"tenant_id", "TENANT_ID", &connector->tenant_id},
                                               std::tuple{"client_id", "CLIENT_ID", &connector->client_id},
                                               std::tuple{"client_secret", "CLIENT_SECRET", &connector->client_secret}}) {
      if (value->empty()) missing.push_back("[" + std::string(name) + "] " + key + " (" + env + variable + ")");
    }
  }
  return setup;
}

}  // namespace

Result<std::unique_ptr<Runtime>> OpenRuntime(const Config& config) {
  if (!adapters::crypto::InitSodium()) return Fail(Error::Unavailable("libsodium failed to start"));
  log::Level level = log::Level::kInfo;
  log::ParseLevel(config.log_level, level);
  log::SetLevel(level);
  std::error_code ec;
  std::filesystem::create_directories(config.AttachmentDir(), ec);
  if (ec) {
    return Fail(Error::Unavailable("cannot create the data directory " + config.data_dir + ": " + ec.message()));
  }
  auto runtime = std::make_unique<Runtime>();
  runtime->config = config;
  runtime->passwords = adapters::crypto::SodiumPasswordHasher(
      config.password_hash == "minimum" ? adapters::crypto::HashCost::kMinimum
                                        : adapters::crypto::HashCost::kInteractive);
  adapters::sqlite::SqliteOptions options;
  options.path = config.DatabasePath();
  options.synchronous = config.synchronous;
  options.read_connections = config.read_connections;
  options.read_budget = std::chrono::milliseconds(config.read_budget_ms);
  options.search_budget = std::chrono::milliseconds(config.search_budget_ms);
  runtime->store = TD_TRY(adapters::sqlite::OpenSqliteStore(options));
  runtime->blobs = std::make_unique<adapters::blob::FsBlobStore>(config.AttachmentDir());
  runtime->connectors = ConnectorSetupFor(config);
  return runtime;
}

Result<core::Actor> OperatorActor(Runtime& runtime) {
  auto partner = TD_TRY(core::ReadValue<std::optional<core::Organization>>(
      *runtime.store, [](core::ReadTx& tx) { return tx.FindPartner(); }));
  if (!partner) return Fail(Error::Conflict("tierdesk is not initialised; run 'tierdesk init' first"));
  return core::Actor{UserId{}, partner->id, core::OrgKind::kPartner, core::Role::kAdmin};
}

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kConflict: return 4;
    case ErrorCode::kUnavailable: return 5;
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnauthenticated: return 6;
    default: return 1;
  }
}

int Report(const Error& error) {
  std::fprintf(stderr, "tierdesk: %s\n", error.message.c_str());
  for (const auto& field : error.fields) {
    std::fprintf(stderr, "  %s: %s\n", field.field.c_str(), field.message.c_str());
  }
  if (!error.detail.empty() && error.code == ErrorCode::kInternal) {
    std::fprintf(stderr, "  (%s)\n", error.detail.c_str());
  }
  return ExitCodeFor(error);
}

Result<std::unique_ptr<Runtime>> OpenRuntime(const std::string& config_file, const Overrides& overrides) {
  return OpenRuntime(TD_TRY(LoadConfig(config_file, overrides)));
}

}  // namespace tierdesk::cli
