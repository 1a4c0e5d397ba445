#include "core/ticket/search.hpp"

#include "core/common/text.hpp"

namespace tierdesk::core {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Decodes the code point at text[at] (valid UTF-8 assumed); advances `at`.
char32_t NextCodePoint(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  int extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  char32_t cp = extra == 0 ? lead : extra == 1 ? (lead & 0x1F) : extra == 2 ? (lead & 0x0F) : (lead & 0x07);
  ++at;
  while (extra-- > 0 && at < text.size()) cp = (cp << 6) | (byte(at++) & 0x3F);
  return cp;
}

// A character the index treats as part of a word, in the scripts a prefix search may use: ASCII
// letters and digits, Latin letters with diacritics, Greek, Cyrillic, kana, CJK and Hangul. A
// prefix of anything else could split into a shorter, far more costly prefix.
bool IsWordCharacter(char32_t c) {
  if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9')) return true;
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  return (c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) || (c >= 0x400 && c <= 0x4FF) ||
         (c >= 0x3041 && c <= 0x30FF && c != 0x30A0 && c != 0x30FB) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7A3);
}

Error Refuse(std::string message) {
  return Error{ErrorCode::kInvalidArgument, "the search is not valid", {}, {{"q", std::move(message)}},
               "invalid-parameter"};
}

}  // namespace

std::size_t CountTokens(std::string_view word) {
  std::size_t tokens = 0;
  bool inside = false;
  for (const char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    const bool token = byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (token && !inside) ++tokens;
    inside = token;
  }
  return tokens;
}

Result<std::vector<SearchTerm>> ParseSearch(std::string_view text) {
  using L = SearchLimits;
  if (text.size() > L::kMaxBytes) return Fail(Refuse("is longer than " + std::to_string(L::kMaxBytes) + " bytes"));
  if (!IsValidUtf8(text)) return Fail(Refuse("is not valid UTF-8"));
  std::vector<SearchTerm> terms;
  std::size_t prefixes = 0;
  std::size_t tokens = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && !IsSpace(text[end])) ++end;
    if (end == i) break;
    std::string_view word = text.substr(i, end - i);
    i = end;
    if (word.find_first_of(std::string_view("\0", 1)) != std::string_view::npos) {
      return Fail(Refuse("contains a NUL character"));
    }
    SearchTerm term;
    term.prefix = word.size() > 1 && word.back() == '*';
    if (term.prefix) word.remove_suffix(1);
    if (word.size() > L::kMaxTermBytes) {
      return Fail(Refuse("has a word longer than " + std::to_string(L::kMaxTermBytes) + " bytes"));
    }
    if (term.prefix) {
      if (++prefixes > L::kMaxPrefixTerms) {
        return Fail(Refuse("has more than " + std::to_string(L::kMaxPrefixTerms) + " words ending in *"));
      }
      std::size_t at = 0;
      std::size_t letters = 0;
      while (at < word.size()) {
        if (!IsWordCharacter(NextCodePoint(word, at))) {
          return Fail(Refuse("'" + std::string(word) + "*': a word ending in * takes letters and digits only"));
        }
        ++letters;
      }
      if (letters < L::kMinPrefixChars) {
        return Fail(Refuse("'" + std::string(word) + "*': a word ending in * needs at least " +
                           std::to_string(L::kMinPrefixChars) + " letters or digits before the *"));
      }
    }
    tokens += CountTokens(word);
    if (tokens > L::kMaxTokens) {
      return Fail(Refuse("stands for more than " + std::to_string(L::kMaxTokens) +
                         " words (punctuation inside a word splits it)"));
    }
    term.word = std::string(word);
    terms.push_back(std::move(term));
    if (terms.size() > L::kMaxTerms) {
      return Fail(Refuse("has more than " + std::to_string(L::kMaxTerms) + " words"));
    }
  }
  return terms;
}

}  // namespace tierdesk::core
