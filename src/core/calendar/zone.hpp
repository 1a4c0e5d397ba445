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
};

}  // namespace tierdesk::core
