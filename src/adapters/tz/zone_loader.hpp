// adapters/tz/zone_loader.hpp
#pragma once

#include <string_view>

#include "core/calendar/calendar.hpp"
#include "core/common/result.hpp"

namespace tierdesk::adapters::tz {

// Reads an IANA zone from the system's tz database (tzdata) into the core's ZoneRules, covering
// from_year..to_year (a year of margin either side). kInvalidArgument for an unknown zone name.
// Thread-safe.
Result<core::ZoneRules> LoadZone(std::string_view name, int from_year = 1999, int to_year = 2101);

// The core's ZoneDatabase over the system tz database, with a cache of loaded zones.
class TzZoneDatabase final : public core::ZoneDatabase {
 public:
  Result<std::shared_ptr<const core::ZoneRules>> Load(std::string_view name) const override;
};

}  // namespace tierdesk::adapters::tz
