// adapters/storage/sqlite/connection.hpp
#pragma once

#include <chrono>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tierdesk::adapters::sqlite {

// A prepared statement borrowed from a Connection's cache. Reset and unbound on destruction,
// so the next user finds it clean. Not thread-safe (neither is its connection).
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void Bind(int index, std::int64_t value);
  void Bind(int index, int value) { Bind(index, static_cast<std::int64_t>(value)); }
  void Bind(int index, bool value) { Bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  void Bind(int index, std::string_view value);
  void Bind(int index, const std::string& value) { Bind(index, std::string_view(value)); }
  void Bind(int index, const char* value) { Bind(index, std::string_view(value)); }
  void BindNull(int index);
  void Bind(int index, const std::optional<std::int64_t>& value) {
    if (value) {
      Bind(index, *value);
    } else {
      BindNull(index);
    }
  }
  // Ids: an invalid (zero) id binds NULL.
  template <class Tag>
  void Bind(int index, Id<Tag> id) {
    if (id.valid()) {
      Bind(index, id.value);
    } else {
      BindNull(index);
    }
  }
  template <class... Args>
  void BindAll(const Args&... args) {
    int index = 0;
    (Bind(++index, args), ...);
  }

  // Makes the statement ready for another execution, bindings cleared.
  void Reset();

  // true: a row is ready; false: done. Errors carry SQLite's message in detail.
  Result<bool> Step();
  // Steps to completion, expecting no rows.
  Status Run();

  std::int64_t Int64(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  template <class IdType>
  IdType IdAt(int column) const {
    return IdType{IsNull(column) ? 0 : Int64(column)};
  }

 private:
  sqlite3_stmt* stmt_;
};

// The error of a read interrupted by its budget: a 422 problem of type query-too-expensive.
Error QueryTooExpensive();

// One SQLite connection with its prepared-statement cache. Not thread-safe.
class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode,
                                                  std::string_view synchronous, int cache_kib);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Prepares once per connection, then reuses.
  Result<std::unique_ptr<Statement>> Prepare(const std::string& sql);
  Status Exec(const std::string& sql);
  std::int64_t LastInsertId() const;
  int Changes() const;
  sqlite3* raw() { return db_; }

  // Maps a SQLite result code to our error kinds (constraint → conflict, busy/io → unavailable).
  Error ToError(int rc, std::string_view context) const;

  // Read budgets (read-only connections): while a scope lives, a statement still running at its
  // deadline (or an enclosing scope's, whichever is earlier) is interrupted, and its Step fails
  // with QueryTooExpensive().
  using Clock = std::chrono::steady_clock;
  class DeadlineScope {
   public:
    DeadlineScope(Connection& connection, std::chrono::milliseconds budget);
    ~DeadlineScope();
    DeadlineScope(const DeadlineScope&) = delete;
    DeadlineScope& operator=(const DeadlineScope&) = delete;

   private:
    Connection& connection_;
    Clock::time_point previous_;
  };
  // The budget a ticket search gets within its read (SqliteOptions::search_budget).
  std::chrono::milliseconds search_budget{1000};

 private:
  static int PastDeadline(void* self);
  Clock::time_point deadline_ = Clock::time_point::max();
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace tierdesk::adapters::sqlite
