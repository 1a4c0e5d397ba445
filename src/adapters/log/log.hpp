// adapters/log/log.hpp
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace tierdesk::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Structured logs: one JSON object per line on stderr, {"ts","level","msg",...fields}.
// Thread-safe.
using Field = std::pair<std::string_view, std::string>;
void Write(Level level, std::string_view message, std::initializer_list<Field> fields = {});
void SetLevel(Level level);
bool Enabled(Level level);
bool ParseLevel(std::string_view text, Level& level);

inline void Info(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kError, m, f); }

}  // namespace tierdesk::log
