#include "adapters/storage/sqlite/search_query.hpp"

#include "core/ticket/search.hpp"

namespace tierdesk::adapters::sqlite {

Result<std::string> BuildSearchQuery(std::string_view text) {
  const auto terms = TD_TRY(core::ParseSearch(text));
  std::string query;
  for (const auto& term : terms) {
    if (!query.empty()) query += ' ';
    query += '"';
    for (const char c : term.word) {
      if (c == '"') query += '"';
      query += c;
    }
    query += '"';
    if (term.prefix) query += '*';
  }
  return query;
}

}  // namespace tierdesk::adapters::sqlite
