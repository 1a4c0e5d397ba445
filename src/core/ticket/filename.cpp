#include "core/ticket/filename.hpp"

#include "core/common/text.hpp"

namespace tierdesk::core {

std::string SanitizeFilename(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  out.reserve(name.size());
  std::size_t i = 0;
  while (i < name.size()) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      std::size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      if (length > 1 && i + length <= name.size() && IsValidUtf8(name.substr(i, length)) &&
          HasNoControlCharacters(name.substr(i, length), AllowNewlines::kNo)) {
        out.append(name.substr(i, length));
        i += length;
      } else {
        out.push_back('_');
        ++i;
      }
      continue;
    }
    const bool bad = c < 0x20 || c == 0x7F || c == '"' || c == '\'' || c == ':' || c == '*' ||
                     c == '?' || c == '<' || c == '>' || c == '|' || c == ';' || c == '%';
    out.push_back(bad ? '_' : static_cast<char>(c));
    ++i;
  }
  std::size_t start = 0;
  while (start < out.size() && (out[start] == '.' || out[start] == ' ')) ++start;
  out.erase(0, start);
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  if (out.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  if (out.empty()) out = "attachment";
  return out;
}

}  // namespace tierdesk::core
