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
  auto& entry = entries_[calendar.id];
  entry.version = calendar.version;
  entry.built = built;
  return built;
}

Result<std::shared_ptr<const core::BusinessCalendar>> CalendarCache::GetAsOf(
    CalendarId id, std::int64_t terms_version, const core::ZoneDatabase& zones,
    const std::function<Result<core::Calendar>()>& load) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it != entries_.end() && it->second.checked_terms_version == terms_version) return it->second.built;
  }
  const auto calendar = TD_TRY(load());
  auto built = TD_TRY(Get(calendar, zones));
  std::lock_guard lock(mutex_);
  auto& entry = entries_[id];
  if (entry.version == calendar.version) entry.checked_terms_version = terms_version;
  return built;
}

}  // namespace tierdesk::app::calendar
