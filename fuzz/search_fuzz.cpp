// libFuzzer target: the ticket search language. Input: what a user types after q=. Properties
// beyond "no crash, no sanitizer report": every query the language accepts keeps its limits and
// becomes an FTS5 expression that a real FTS5 table (same tokenizer as the store) accepts and
// runs; no accepted query is an FTS5 syntax error.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "adapters/storage/sqlite/search_query.hpp"
#include "core/ticket/search.hpp"

using namespace tierdesk;

namespace {

sqlite3* Database() {
  static sqlite3* db = [] {
    sqlite3* opened = nullptr;
    if (sqlite3_open(":memory:", &opened) != SQLITE_OK) std::abort();
    const char* setup =
        "CREATE VIRTUAL TABLE s USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 2');"
        "INSERT INTO s(rowid, text) VALUES (1, 'VM in Korea Central fails to start'),"
        " (2, 'Allocation failed; correlation id 1234'), (3, '서울 리전 장애 발생 migration'),"
        " (4, 'Ünïcödé façade naïve café');";
    if (sqlite3_exec(opened, setup, nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
    return opened;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto terms = core::ParseSearch(text);
  const auto query = adapters::sqlite::BuildSearchQuery(text);
  if (static_cast<bool>(terms) != static_cast<bool>(query)) std::abort();
  if (!terms) {
    if (terms.error().fields.empty() || terms.error().fields.front().field != "q") std::abort();
    return 0;
  }
  using L = core::SearchLimits;
  std::size_t prefixes = 0;
  if (terms->size() > L::kMaxTerms || text.size() > L::kMaxBytes) std::abort();
  std::size_t tokens = 0;
  for (const auto& term : *terms) {
    prefixes += term.prefix ? 1 : 0;
    tokens += core::CountTokens(term.word);
  }
  if (prefixes > L::kMaxPrefixTerms || tokens > L::kMaxTokens) std::abort();
  if (query->empty()) return 0;

  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(Database(), "SELECT rowid FROM s WHERE s MATCH ?", -1, &stmt, nullptr) != SQLITE_OK) {
    std::abort();
  }
  sqlite3_bind_text(stmt, 1, query->data(), static_cast<int>(query->size()), SQLITE_TRANSIENT);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) std::abort();  // an accepted query FTS5 could not run
  return 0;
}
