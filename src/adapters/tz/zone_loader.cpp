#include "adapters/tz/zone_loader.hpp"

#include <date/tz.h>

#include <limits>
#include <map>
#include <mutex>

namespace tierdesk::adapters::tz {

Result<core::ZoneRules> LoadZone(std::string_view name, int from_year, int to_year) {
  using namespace std::chrono;
  static std::mutex mutex;  // the tz database loads lazily on first use
  std::lock_guard lock(mutex);
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(name);
  } catch (const std::exception&) {
    return Fail(Error::InvalidArgument("unknown time zone '" + std::string(name) + "'",
                                       {{"time_zone", "is not an IANA time zone name"}}));
  }
  core::ZoneRules rules;
  rules.name = std::string(name);
  const auto end = date::sys_days{date::year{to_year} / 1 / 1};
  date::sys_seconds t = date::sys_days{date::year{from_year} / 1 / 1};
  while (t < end) {
    const date::sys_info info = zone->get_info(t);
    const auto offset = static_cast<std::int32_t>(info.offset.count());
    if (rules.periods.empty() || rules.periods.back().offset != offset) {
      rules.periods.push_back({rules.periods.empty() ? std::numeric_limits<std::int64_t>::min()
                                                     : info.begin.time_since_epoch().count(),
                               offset});
    }
    if (info.end <= t) break;
    t = info.end;
  }
  return rules;
}

Result<std::shared_ptr<const core::ZoneRules>> TzZoneDatabase::Load(std::string_view name) const {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const core::ZoneRules>, std::less<>> cache;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
  }
  auto rules = std::make_shared<const core::ZoneRules>(TD_TRY(LoadZone(name)));
  std::lock_guard lock(mutex);
  return cache.emplace(std::string(name), std::move(rules)).first->second;
}

}  // namespace tierdesk::adapters::tz
