// adapters/storage/sqlite/search_query.hpp
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace tierdesk::adapters::sqlite {

// The FTS5 query for what a person typed (core::ParseSearch's language and limits): each word
// quoted, so no operator syntax gets through; all words required; a trailing '*' keeps prefix
// search. Empty if no words. Fuzzed against a real FTS5 table (fuzz/search_fuzz.cpp).
Result<std::string> BuildSearchQuery(std::string_view text);

}  // namespace tierdesk::adapters::sqlite
