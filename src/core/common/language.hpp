// core/common/language.hpp
#pragma once

#include <optional>
#include <string_view>

namespace tierdesk::core {

// The languages customers read tierdesk in. English is the base: text a partner gave only in
// English stands in for every other language.
enum class Language { kEnglish, kKorean };

// "ko", "ko-KR", ... → Korean; anything else English.
inline Language LanguageFor(std::string_view locale) {
  return locale.substr(0, 2) == "ko" ? Language::kKorean : Language::kEnglish;
}
// The wire code: "en" or "ko".
inline std::string_view LanguageCode(Language language) { return language == Language::kKorean ? "ko" : "en"; }
// Exactly "en" or "ko"; anything else nullopt.
inline std::optional<Language> ParseLanguageCode(std::string_view code) {
  if (code == "en") return Language::kEnglish;
  if (code == "ko") return Language::kKorean;
  return std::nullopt;
}

}  // namespace tierdesk::core
