// adapters/storage/sqlite/sqlite_store.hpp
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/ports/store.hpp"

namespace tierdesk::adapters::sqlite {

struct SqliteOptions {
  std::string path;                    // the database file
  std::string synchronous = "FULL";    // FULL (default, durable on power loss) or NORMAL
  int read_connections = 4;            // the read pool's size
  int max_batch = 512;                 // jobs per group commit, at most
  std::chrono::milliseconds read_budget{10'000};   // the longest one read may run
  std::chrono::milliseconds search_budget{1'000};  // the longest a ticket search may run
};

// Opens (creating if needed) and migrates the database, then starts the writer thread.
// Destruction drains the writer queue, stops it and closes every connection.
Result<std::unique_ptr<core::Store>> OpenSqliteStore(const SqliteOptions& options);

// Applies pending migrations without starting a store; returns the schema version.
Result<int> MigrateSqlite(const std::string& path);

}  // namespace tierdesk::adapters::sqlite
