#include "adapters/storage/sqlite/connection.hpp"

#include <sqlite3.h>

#include <mutex>
#include <string>

namespace tierdesk::adapters::sqlite {

namespace {

// Process-wide settings, applied once before SQLite initialises itself. Memory statistics take a
// global mutex on every allocation, and nothing here reads them.
void ConfigureLibrary() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// The writer allocates many short-lived objects per statement; a larger lookaside serves them
// from the connection's own slab instead of the process allocator.
constexpr int kWriterLookasideSlot = 1200;
constexpr int kWriterLookasideSlots = 512;

}  // namespace

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::Bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

Error QueryTooExpensive() {
  return Error{ErrorCode::kInvalidArgument,
               "the query needs more work than one request may do; narrow it with filters or fewer and "
               "longer search words",
               "interrupted by the read budget", {}, "query-too-expensive"};
}

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  const int extended = sqlite3_extended_errcode(db);
  const std::string message = sqlite3_errmsg(db);
  Error error = Error::Internal("the database failed", message);
  if ((extended & 0xFF) == SQLITE_CONSTRAINT) {
    if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) {
      error = Error::InvalidArgument("the request refers to something that does not exist");
    } else {
      error = Error::Conflict("this already exists", "duplicate");
    }
    error.detail = message;
  } else if (rc == SQLITE_INTERRUPT) {
    error = QueryTooExpensive();
  } else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_IOERR || rc == SQLITE_FULL) {
    error = Error::Unavailable("the database is busy or unavailable", message);
  }
  return Fail(std::move(error));
}

Status Statement::Run() {
  while (true) {
    const bool row = TD_TRY(Step());
    if (!row) return Ok();
  }
}

std::int64_t Statement::Int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode,
                                                     std::string_view synchronous, int cache_kib) {
  ConfigureLibrary();
  sqlite3* db = nullptr;
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Fail(Error::Unavailable("cannot open the database " + path, message));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA cache_size=-" + std::to_string(cache_kib) +
                        "; PRAGMA temp_store=MEMORY;";
  if (mode == Mode::kReadWrite) {
    (void)sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, nullptr, kWriterLookasideSlot,
                            kWriterLookasideSlots);
    pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=" + std::string(synchronous) + ";";
  } else {
    pragmas += "PRAGMA query_only=1;";
    // Every few thousand virtual-machine steps SQLite asks whether the read is past its deadline.
    sqlite3_progress_handler(db, 1000, &Connection::PastDeadline, connection.get());
  }
  TD_CHECK(connection->Exec(pragmas));
  return connection;
}

int Connection::PastDeadline(void* self) {
  const auto& deadline = static_cast<Connection*>(self)->deadline_;
  return deadline != Clock::time_point::max() && Clock::now() > deadline ? 1 : 0;
}

Connection::DeadlineScope::DeadlineScope(Connection& connection, std::chrono::milliseconds budget)
    : connection_(connection), previous_(connection.deadline_) {
  connection.deadline_ = std::min(previous_, Clock::now() + budget);
}

Connection::DeadlineScope::~DeadlineScope() { connection_.deadline_ = previous_; }

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Statement>> Connection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    if (statements_.size() > 512) {
      for (auto& [text, stmt] : statements_) sqlite3_finalize(stmt);
      statements_.clear();
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Fail(ToError(rc, sql));
    it = statements_.emplace(sql, stmt).first;
  }
  return std::make_unique<Statement>(it->second);
}

Status Connection::Exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    Error error = ToError(rc, sql);
    error.detail = text + " in: " + sql.substr(0, 200);
    return Fail(std::move(error));
  }
  return Ok();
}

std::int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }

Error Connection::ToError(int rc, std::string_view context) const {
  std::string detail = std::string(sqlite3_errmsg(db_)) + " (" + std::string(context.substr(0, 200)) + ")";
  const int primary = rc & 0xFF;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
      primary == SQLITE_FULL || primary == SQLITE_CANTOPEN) {
    return Error::Unavailable("the database is busy or unavailable", std::move(detail));
  }
  return Error::Internal("the database failed", std::move(detail));
}

}  // namespace tierdesk::adapters::sqlite
