// SQLite-only guarantees that the port does not express: the history is append-only in the
// schema itself, and reopening a database applies no migration twice.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "adapters/storage/sqlite/migrations.hpp"
#include "adapters/storage/sqlite/sqlite_store.hpp"

namespace tierdesk::adapters::sqlite {
namespace {

TEST(SqliteSchema, EventsAreAppendOnlyAndMigrationsIdempotent) {
  const auto dir = std::filesystem::temp_directory_path() / ("tierdesk-sqlite-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.db").string();
  ASSERT_EQ(MigrateSqlite(path).value_or(-1), LatestSchemaVersion());
  ASSERT_EQ(MigrateSqlite(path).value_or(-1), LatestSchemaVersion());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO events (action, created_at) VALUES ('x', 1)", nullptr, nullptr, &error),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE events SET action = 'y'", nullptr, nullptr, &error), SQLITE_OK);
  EXPECT_NE(std::string(error).find("append-only"), std::string::npos);
  sqlite3_free(error);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM events", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM schema_migrations", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), LatestSchemaVersion());
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

TEST(SqliteSchema, EscalationReportsUseTheirPartialIndex) {
  // Only escalation events pay for the index that the escalation report reads.
  const auto dir = std::filesystem::temp_directory_path() / ("tierdesk-plan-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.db").string();
  ASSERT_EQ(MigrateSqlite(path).value_or(-1), LatestSchemaVersion());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "EXPLAIN QUERY PLAN SELECT id FROM events WHERE action = 'ticket.escalated' AND "
                               "created_at >= 0 AND created_at < 10 AND id > 0 ORDER BY id LIMIT 10",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  std::string plan;
  while (sqlite3_step(stmt) == SQLITE_ROW) plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
  sqlite3_finalize(stmt);
  EXPECT_NE(plan.find("events_escalated"), std::string::npos) << plan;
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

TEST(SqliteSchema, DeletedOrganisationAndUserIdsAreNeverGivenAgain) {
  const auto dir = std::filesystem::temp_directory_path() / ("tierdesk-ids-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.db").string();
  ASSERT_TRUE(MigrateSqlite(path));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const auto exec = [&](const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); };
  ASSERT_EQ(exec("INSERT INTO organizations (kind, name, created_at) VALUES ('provider', 'a', 1), ('provider', 'b', 1)"),
            SQLITE_OK);
  ASSERT_EQ(exec("INSERT INTO users (organization_id, email, name, role, created_at) VALUES (2, 'u@x', 'u', 'provider_agent', 1)"),
            SQLITE_OK);
  ASSERT_EQ(exec("DELETE FROM users WHERE id = 1"), SQLITE_OK);
  ASSERT_EQ(exec("DELETE FROM organizations WHERE id = 2"), SQLITE_OK);
  // SQLite alone would give 2 (and 1) again; the schema refuses it.
  EXPECT_NE(exec("INSERT INTO organizations (kind, name, created_at) VALUES ('provider', 'c', 1)"), SQLITE_OK);
  EXPECT_NE(exec("INSERT INTO users (organization_id, email, name, role, created_at) VALUES (1, 'v@x', 'v', 'provider_agent', 1)"),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT max_id FROM retired_ids ORDER BY name", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 2);  // organizations
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);  // users
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

TEST(SqliteSchema, RefusesADatabaseFromTheFuture) {
  const auto dir = std::filesystem::temp_directory_path() / ("tierdesk-future-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.db").string();
  ASSERT_TRUE(MigrateSqlite(path));
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "INSERT INTO schema_migrations (version) VALUES (9999)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto result = MigrateSqlite(path);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tierdesk::adapters::sqlite
