// core/ticket/search.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace tierdesk::core {

// The ticket search language (`q=`): words separated by white space, every one of which a
// ticket must contain in its subject or in a message the viewer may read; a word ending in `*`
// matches any word it begins ("migrat*"). Matching ignores case and diacritics.
//
// The limits keep every accepted query cheap on a large desk; a query past them is refused
// before anything runs (and whatever runs is still bounded by the read budget):
struct SearchLimits {
  static constexpr std::size_t kMaxBytes = 200;      // the whole query
  static constexpr std::size_t kMaxTerms = 8;        // words
  static constexpr std::size_t kMaxPrefixTerms = 2;  // words ending in *
  static constexpr std::size_t kMinPrefixChars = 3;  // letters or digits before the *
  static constexpr std::size_t kMaxTermBytes = 64;   // one word
  static constexpr std::size_t kMaxTokens = 16;      // the index's words in all of them: a word
                                                     // with punctuation ("a.b.c") is a phrase of several
};

struct SearchTerm {
  std::string word;     // without the *
  bool prefix = false;  // ended in *
};

// How many words of the index a search word stands for: runs of letters and digits (any
// non-ASCII byte counts as a letter), as the index's tokenizer splits them.
std::size_t CountTokens(std::string_view word);

// The terms of a query; an empty or blank query has none. Refusals are kInvalidArgument naming
// field "q" with a message a user can act on.
Result<std::vector<SearchTerm>> ParseSearch(std::string_view text);

}  // namespace tierdesk::core
