#include "app/calendar/calendar_cache.hpp"

namespace tierdesk::app::calendar {

Result<std::shared_ptr<const core::BusinessCalendar>> CalendarCache::Get(const core::Calendar& calendar,
                                                                         const core::ZoneDatabase& zones) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(calendar.id);
    if (it != entries_.end() && it->second.version == calendar.version) return it->second.built;
  }
  const auto zone = TD_TRY(zones.Load(calendar.spec.time_zone));
  auto built = std::make_shared<const core::BusinessCalendar>(
      TD_TRY(core::BusinessCalendar::Build(calendar.spec, *zone)));
  std::lock_guard lock(mutex_);
  entries_[calendar.id] = Entry{calendar.version, built};
  return built;
}

}  // namespace tierdesk::app::calendar
