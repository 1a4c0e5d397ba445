// adapters/tz/zone_loader.hpp
#pragma once

#include <string_view>

#include "core/calendar/calendar.hpp"
#include "core/common/result.hpp"

namespace tierdesk::adapters::tz {

// Reads an IANA zone from the system's tz database (tzdata) into the core's ZoneRules, covering
// from_year..to_year (a year of margin either side). kInvalidArgument for an unknown zone name.
// Thread-safe.
// After the last transition the zone's file lists (2037 in Debian's tzdata), the rules continue
// with the file's POSIX TZ footer (EST5EDT,M3.2.0,M11.1.0), so 2038 to 2100 are right too.
Result<core::ZoneRules> LoadZone(std::string_view name, int from_year = 1999, int to_year = 2101);

// The POSIX TZ footer of a known zone's TZif file; empty when it has none. For tests.
std::string ReadPosixFooterForTest(std::string_view name);

// The core's ZoneDatabase over the system tz database, with a cache of loaded zones.
class TzZoneDatabase final : public core::ZoneDatabase {
 public:
  Result<std::shared_ptr<const core::ZoneRules>> Load(std::string_view name) const override;
};

}  // namespace tierdesk::adapters::tz
