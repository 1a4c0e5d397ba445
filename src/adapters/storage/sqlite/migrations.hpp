// adapters/storage/sqlite/migrations.hpp
#pragma once

#include "adapters/storage/sqlite/connection.hpp"

namespace tierdesk::adapters::sqlite {

// Applies every migration newer than the database's, each in its own transaction, and
// returns the resulting schema version. Safe to call on every start.
Result<int> Migrate(Connection& connection);
// The newest version this build knows.
int LatestSchemaVersion();
Result<int> CurrentSchemaVersion(Connection& connection);

}  // namespace tierdesk::adapters::sqlite
