// core/calendar/zone.hpp
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tierdesk::core {

// A time zone's UTC offsets as data: from each transition's instant on (UTC seconds), the
// offset (seconds east of UTC) holds until the next. Filled by an adapter from the tz database;
// the core only computes with it.
struct ZoneRules {
  struct Period {
    std::int64_t start;   // UTC seconds; the first period starts at the smallest int64
    std::int32_t offset;  // seconds east of UTC
  };
  std::string name;
  std::vector<Period> periods;  // sorted by start, non-empty

  static ZoneRules Fixed(std::string name, std::int32_t offset);
  std::int32_t OffsetAt(std::int64_t utc) const;
  std::int64_t ToLocal(std::int64_t utc) const { return utc + OffsetAt(utc); }
  // The local calendar day (days since 1970-01-01) of a UTC instant, floored for times before 1970.
  std::int64_t LocalDay(std::int64_t utc) const {
    const std::int64_t local = ToLocal(utc);
    return local >= 0 ? local / 86400 : (local - 86399) / 86400;
  }
};

}  // namespace tierdesk::core
