// core/common/time.hpp
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tierdesk {

// UTC instants, millisecond precision, everywhere inside tierdesk.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// The source of "now"; injected so that tests control time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// RFC 3339 in UTC with milliseconds: 2026-11-24T03:59:11.123Z.
std::string FormatTimestamp(Timestamp t);
// Accepts RFC 3339 with 'Z' or a numeric offset, optional fraction; nullopt if malformed.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

std::int64_t ToUnixMillis(Timestamp t);
Timestamp FromUnixMillis(std::int64_t ms);

}  // namespace tierdesk
