// app/calendar/calendar_cache.hpp
#pragma once

#include <functional>
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
  // The calendar with this id as of a terms version (every calendar change bumps it). Calls
  // `load` only when the entry was last checked against an older terms version.
  Result<std::shared_ptr<const core::BusinessCalendar>> GetAsOf(
      CalendarId id, std::int64_t terms_version, const core::ZoneDatabase& zones,
      const std::function<Result<core::Calendar>()>& load);

 private:
  struct Entry {
    std::int64_t version = 0;
    std::int64_t checked_terms_version = -1;
    std::shared_ptr<const core::BusinessCalendar> built;
  };
  std::mutex mutex_;
  std::unordered_map<CalendarId, Entry> entries_;
};

}  // namespace tierdesk::app::calendar
