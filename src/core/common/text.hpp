// core/common/text.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tierdesk {

// True if text is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

enum class AllowNewlines { kNo, kYes };
// True if text holds no C0/C1 control characters or DEL (tab and, if allowed, CR/LF excepted).
bool HasNoControlCharacters(std::string_view text, AllowNewlines newlines);

// Number of Unicode code points in valid UTF-8.
std::size_t CodePointCount(std::string_view text);

std::string ToLowerAscii(std::string_view text);
std::string_view TrimAscii(std::string_view text);

// A plausible e-mail address: one '@', non-empty local part, a dotted domain, no spaces.
bool LooksLikeEmail(std::string_view text);

// True for a Microsoft tenant id / subscription id: 8-4-4-4-12 hex digits.
bool IsGuid(std::string_view text);

// The parts between separators; "" gives one empty part.
std::vector<std::string_view> Split(std::string_view text, char separator);
// The parts with the separator between them; Join({}) is "".
std::string Join(const std::vector<std::string>& parts, char separator);
// Text made safe inside HTML elements and quoted attributes: & < > " ' escaped.
std::string HtmlEscape(std::string_view text);

// A DNS domain name: labels of [a-z0-9-], dots between, at least two labels.
bool IsDomainName(std::string_view text);

}  // namespace tierdesk
