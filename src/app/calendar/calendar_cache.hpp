// app/calendar/calendar_cache.hpp
#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/calendar/calendar.hpp"

namespace tierdesk::app::calendar {

// Built calendars by id and version: building one takes milliseconds, using it nanoseconds.
// A new version replaces the old entry. Thread-safe.
class CalendarCache {
 public:
  Result<std::shared_ptr<const core::BusinessCalendar>> Get(const core::Calendar& calendar,
                                                            const core::ZoneDatabase& zones);

 private:
  struct Entry {
    std::int64_t version = 0;
    std::shared_ptr<const core::BusinessCalendar> built;
  };
  std::mutex mutex_;
  std::unordered_map<CalendarId, Entry> entries_;
};

}  // namespace tierdesk::app::calendar
