// bench/sqlite_insert.cpp
//
// The ceiling for tierdesk's ticket writes: the rows one ticket creation writes, inserted with
// the bare sqlite3 C API into a fresh database with tierdesk's ticket schema, WAL mode, in
// batches of --batch tickets per transaction. Prints "sqlite_inserts_per_s <n> cpu_s <s>"
// (tickets/s, and this process's CPU time), then a line for people.
//
// The schema is tierdesk's own: the program runs the project's migrations, then enables foreign
// keys as tierdesk's writer does. Per ticket, as SqliteTx::InsertTicket/InsertMessage/AppendEvent
// do: 1 tickets row (search_seq 1), 1 ticket_tags row, 1 ticket_search row for the subject, 1
// messages row (about 300 bytes), and for it the SELECT of search_seq, 1 ticket_search row and
// the UPDATE of search_seq (unless --no-search-seq), and 1 events row.
// Not done here, by design: tierdesk's reads inside the write (customer, parent, service), its
// SAVEPOINT per job and everything above the database.

#include <array>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

#include <CLI/CLI.hpp>

#include "adapters/storage/sqlite/sqlite_store.hpp"
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr int kSearchShift = 21;

struct Options {
  std::string dir = std::filesystem::temp_directory_path().string();
  double seconds = 5.0;
  std::int64_t count = 0;
  int batch = 100;
  std::string synchronous = "FULL";
  bool search_seq = true;
  bool keep = false;
};

[[noreturn]] void Die(sqlite3* db, const char* what) {
  std::fprintf(stderr, "sqlite_insert: %s: %s\n", what, db != nullptr ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::fprintf(stderr, "sqlite_insert: %s in: %.80s\n", message != nullptr ? message : "?",
                 sql.c_str());
    std::exit(1);
  }
}

// A prepared statement reused for every row, as tierdesk's statement cache does.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
      Die(db, sql);
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Int(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement& Null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  Statement& Text(int index, std::string_view value) {
    sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
  }
  // Steps to the end; returns column 0 of the first row, or 0.
  std::int64_t Run() {
    std::int64_t first = 0;
    bool seen_row = false;
    while (true) {
      const int rc = sqlite3_step(stmt_);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Die(db_, "step");
      if (!seen_row) first = sqlite3_column_int64(stmt_, 0);
      seen_row = true;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return first;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// About 300 bytes of help-desk prose with varied words, so the full-text index grows the way
// it does with real descriptions rather than with one repeated document.
std::string MakeBody(std::mt19937_64& random) {
  static constexpr std::array<const char*, 48> kWords = {
      "virtual",    "machine",   "fails",      "start",    "after",        "resize",
      "allocation", "error",     "production", "outlook",  "sign",         "loop",
      "mfa",        "tenant",    "licence",    "invoice",  "subscription", "storage",
      "account",    "firewall",  "network",    "gateway",  "tunnel",       "drops",
      "teams",      "recording", "missing",    "onedrive", "exchange",     "mail",
      "delayed",    "queue",     "sharepoint", "quota",    "exceeded",     "intune",
      "policy",     "iphone",    "posting",    "setup",    "connector",    "unauthorized",
      "flow",       "dataverse", "upgrade",    "renewal",  "credit",       "seats"};
  std::string body = "Since this morning our users report that the ";
  while (body.size() < 260) {
    body += kWords[random() % kWords.size()];
    body += ' ';
  }
  body += "correlation id " + std::to_string(random() % 1'000'000'000) + ". Please help.";
  return body;
}

// Inserts tickets until the count or the time is reached; returns how many. The statements are
// prepared once and finalised before returning, so the caller can close the database.
std::int64_t InsertTickets(sqlite3* db, const Options& options,
                           std::chrono::steady_clock::time_point started) {
  Statement insert_ticket(
      db,
      "INSERT INTO tickets (customer_id, requester_id, reseller_id, provider_id, channel, service, "
      "category, severity, subject, status, team_id, assignee_id, subscription_id, tags, fields, "
      "version, created_at, updated_at, search_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
  Statement insert_tag(db, "INSERT INTO ticket_tags (tag, ticket_id) VALUES (?, ?)");
  Statement insert_message(
      db,
      "INSERT INTO messages (ticket_id, author_id, author_org_id, kind, body, email_message_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  Statement select_search_seq(db, "SELECT search_seq FROM tickets WHERE id = ?");
  Statement update_search_seq(db, "UPDATE tickets SET search_seq = ? WHERE id = ?");
  Statement insert_search(db, "INSERT INTO ticket_search (rowid, text) VALUES (?, ?)");
  Statement insert_event(
      db,
      "INSERT INTO events (ticket_id, actor_id, action, field, before, after, internal, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

  // As SqliteTx::IndexText: the sequence comes from the ticket row unless --no-search-seq.
  auto index_text = [&](std::int64_t ticket, std::int64_t fallback_seq, std::string_view text) {
    const std::int64_t seq =
        options.search_seq ? select_search_seq.Int(1, ticket).Run() + 1 : fallback_seq;
    insert_search.Int(1, (ticket << kSearchShift) | (seq << 1)).Text(2, text).Run();
    if (options.search_seq) update_search_seq.Int(1, seq).Int(2, ticket).Run();
  };

  std::mt19937_64 random(42);
  constexpr std::int64_t kCustomer = 4;
  constexpr std::int64_t kRequester = 10;
  const auto deadline = started + std::chrono::duration<double>(options.seconds);
  std::int64_t inserted = 0;
  auto done = [&] {
    return options.count > 0 ? inserted >= options.count
                             : std::chrono::steady_clock::now() >= deadline;
  };
  while (!done()) {
    Exec(db, "BEGIN IMMEDIATE");
    for (int i = 0; i < options.batch && !(options.count > 0 && inserted >= options.count); ++i) {
      const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
      const std::string subject = "Bench ticket " + std::to_string(inserted);
      // clang-format off
      insert_ticket.Int(1, kCustomer).Int(2, kRequester).Null(3).Null(4).Text(5, "api")
          .Text(6, "azure").Text(7, "technical").Text(8, "moderate").Text(9, subject)
          .Text(10, "new").Null(11).Null(12).Null(13).Text(14, "compute").Text(15, "").Int(16, 1)
          .Int(17, now_ms).Int(18, now_ms).Run();
      const std::int64_t ticket = sqlite3_last_insert_rowid(db);
      insert_tag.Text(1, "compute").Int(2, ticket).Run();
      insert_search.Int(1, (ticket << kSearchShift) | (1 << 1)).Text(2, subject).Run();
      const std::string body = MakeBody(random);
      insert_message.Int(1, ticket).Int(2, kRequester).Int(3, kCustomer).Text(4, "customer_reply")
          .Text(5, body).Text(6, "").Int(7, now_ms).Run();
      index_text(ticket, 2, body);
      insert_event.Int(1, ticket).Int(2, kRequester).Text(3, "ticket.created").Text(4, "")
          .Text(5, "").Text(6, subject).Int(7, 0).Int(8, now_ms).Run();
      // clang-format on
      ++inserted;
    }
    Exec(db, "COMMIT");
  }
  return inserted;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Inserts tierdesk-shaped ticket rows with the bare sqlite3 API"};
  app.add_option("--dir", options.dir, "Directory for the temporary database")
      ->capture_default_str();
  app.add_option("--seconds", options.seconds, "How long to insert")->capture_default_str();
  app.add_option("--count", options.count, "Insert this many tickets instead (0: use --seconds)");
  app.add_option("--batch", options.batch, "Tickets per transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000'000));
  app.add_option("--synchronous", options.synchronous, "PRAGMA synchronous")
      ->check(CLI::IsMember({"FULL", "NORMAL", "OFF"}))
      ->capture_default_str();
  app.add_flag("!--no-search-seq", options.search_seq,
               "Leave out the SELECT and UPDATE of search_seq for the message document");
  app.add_flag("--keep", options.keep, "Keep the database file");
  CLI11_PARSE(app, argc, argv);

  const std::string path = options.dir + "/sqlite_insert-" + std::to_string(getpid()) + ".db";
  auto remove_files = [&path] {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
  };
  remove_files();

  // tierdesk's schema, from its own migrations.
  if (auto migrated = tierdesk::adapters::sqlite::MigrateSqlite(path); !migrated) {
    std::fprintf(stderr, "sqlite_insert: %s\n", migrated.error().detail.c_str());
    return 1;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    Die(db, ("cannot open " + path).c_str());
  }
  // The pragmas of tierdesk's writer connection (adapters/storage/sqlite/connection.cpp).
  Exec(db,
       "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY; PRAGMA journal_mode=WAL; "
       "PRAGMA synchronous=" +
           options.synchronous + ";");
  Exec(db, "PRAGMA foreign_keys=ON;"
           "INSERT INTO organizations (id, kind, name, created_at) VALUES (1, 'partner', 'P', 0), "
           "(4, 'customer', 'C', 0);"
           "INSERT INTO users (id, organization_id, email, name, role, created_at) "
           "VALUES (10, 4, 'requester@c.example', 'R', 'requester', 0);");

  const auto started = std::chrono::steady_clock::now();
  const std::int64_t inserted = InsertTickets(db, options, started);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sqlite3_close_v2(db);
  if (!options.keep) remove_files();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu_seconds =
      static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
      static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::printf("sqlite_inserts_per_s %.0f cpu_s %.2f\n", static_cast<double>(inserted) / elapsed,
              cpu_seconds);
  std::printf("sqlite_inserted %" PRId64 " in %.2f s (batch %d, synchronous=%s, search_seq %s)\n",
              inserted, elapsed, options.batch, options.synchronous.c_str(),
              options.search_seq ? "on" : "off");
  return 0;
}
