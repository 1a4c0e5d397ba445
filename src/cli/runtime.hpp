// cli/runtime.hpp
#pragma once

#include <memory>

#include "adapters/blob/fs_blob_store.hpp"
#include "adapters/crypto/sodium.hpp"
#include "adapters/tz/zone_loader.hpp"
#include "app/context.hpp"
#include "cli/config.hpp"

namespace tierdesk::cli {

// The composition root: real adapters behind the ports, built from a Config.
struct Runtime {
  Config config;
  std::unique_ptr<core::Store> store;
  SystemClock clock;
  adapters::crypto::SodiumPasswordHasher passwords{adapters::crypto::HashCost::kInteractive};
  adapters::crypto::SodiumTokenMinter tokens;
  std::unique_ptr<adapters::blob::FsBlobStore> blobs;
  adapters::tz::TzZoneDatabase zones;
  app::calendar::CalendarCache calendars;
  adapters::crypto::SodiumDigester digest;
  app::offering::TermsCache terms;
  app::routing::RuleCache rules;
  core::ConnectorSetup connectors;  // from config, set by OpenRuntime

  app::AppContext Context() {
    app::Limits limits;
    limits.attachment_max_bytes = config.attachment_max_bytes;
    limits.sla_warning_percent = config.sla_warning_percent;
    return app::AppContext{*store, clock, passwords, tokens, *blobs, limits, zones, calendars, digest, terms, rules, connectors};
  }
};

// Creates the data directory if needed, opens and migrates the database.
Result<std::unique_ptr<Runtime>> OpenRuntime(const Config& config);
// Loads the configuration (file, then flags) and opens the runtime on it.
Result<std::unique_ptr<Runtime>> OpenRuntime(const std::string& config_file, const Overrides& overrides);

// The operator acting from the command line: the partner's admin authority.
Result<core::Actor> OperatorActor(Runtime& runtime);

int ExitCodeFor(const Error& error);
// Prints "tierdesk: <message>" (and field errors) to stderr; returns the exit code.
int Report(const Error& error);

}  // namespace tierdesk::cli
