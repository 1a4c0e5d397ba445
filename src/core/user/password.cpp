#include "core/user/password.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/common/text.hpp"

namespace tierdesk::core {
namespace detail {
// common_passwords.cpp, generated from common_passwords.txt.
extern const unsigned char kCommonPasswords[];
extern const std::size_t kCommonPasswordsSize;
}  // namespace detail

namespace {

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> list = [] {
    std::unordered_set<std::string> out;
    const std::string_view text(reinterpret_cast<const char*>(detail::kCommonPasswords), detail::kCommonPasswordsSize);
    for (auto line : Split(text, '\n')) {
      line = TrimAscii(line);
      if (line.empty() || line.front() == '#') continue;
      out.insert(ToLowerAscii(line));
    }
    return out;
  }();
  return list;
}

// The code point at text[i] (valid UTF-8), and its length in bytes.
char32_t DecodeAt(std::string_view text, std::size_t i, std::size_t& length) {
  const auto byte = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
  const char32_t first = byte(0);
  if (first < 0x80) {
    length = 1;
    return first;
  }
  if (first < 0xE0) {
    length = 2;
    return ((first & 0x1F) << 6) | (byte(1) & 0x3F);
  }
  if (first < 0xF0) {
    length = 3;
    return ((first & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
  }
  length = 4;
  return ((first & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
}

bool IsControl(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

// ASCII and Unicode white space, the zero-width ones included (an IME's U+3000 counts).
bool IsSpace(char32_t c) {
  return c == U' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// What is left when digits, ASCII punctuation and spaces are taken off both ends.
std::string_view Core(std::string_view text) {
  const auto padding = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || u == ' ' || (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) ||
           (u >= 0x5B && u <= 0x60) || (u >= 0x7B && u <= 0x7E);
  };
  while (!text.empty() && padding(text.front())) text.remove_prefix(1);
  while (!text.empty() && padding(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

bool IsCommonPassword(std::string_view lower_case_text) {
  return CommonPasswords().count(std::string(lower_case_text)) != 0;
}

Status CheckPassword(std::string_view password, std::string_view email) {
  auto refuse = [](const char* why) {
    return Fail(Error::InvalidArgument("the password is not allowed", {{"password", why}}));
  };
  if (password.size() < 12 || password.size() > 1024) return refuse("must be 12 to 1024 bytes long");
  if (!IsValidUtf8(password)) return refuse("must be UTF-8 text");
  bool only_space = true;
  bool one_character = true;
  char32_t first = 0;
  for (std::size_t i = 0, length = 0; i < password.size(); i += length) {
    const char32_t c = DecodeAt(password, i, length);
    if (IsControl(c)) return refuse("must not contain control characters (tab, line breaks, ...)");
    if (!IsSpace(c)) only_space = false;
    if (i == 0) first = c;
    if (c != first) one_character = false;
  }
  if (only_space) return refuse("must not be only white space");
  if (one_character) return refuse("must not be one character repeated");

  const std::string lower = ToLowerAscii(password);
  const std::string address = ToLowerAscii(TrimAscii(email));
  if (!address.empty()) {
    const std::string_view local = std::string_view(address).substr(0, address.find('@'));
    if (lower.find(address) != std::string::npos || (!local.empty() && Core(lower) == local)) {
      return refuse("must not be your e-mail address or its name part");
    }
  }
  const std::string_view core = Core(lower);
  if (IsCommonPassword(lower) || (!core.empty() && IsCommonPassword(core))) {
    return refuse("is one of the most common passwords; choose another");
  }
  return Ok();
}

}  // namespace tierdesk::core
