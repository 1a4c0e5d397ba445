// core/vendor/reports.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/zone.hpp"
#include "core/vendor/vendor_case.hpp"

namespace tierdesk::core {

// How fast an entitlement is used up: what closed cases consumed over the last 90 days, and the
// day it runs out at that pace (none: unlimited, or nothing used lately).
inline constexpr std::int64_t kBurnWindowDays = 90;
struct BurnDown {
  const Entitlement* entitlement = nullptr;
  std::int64_t used_recently = 0;  // minutes or incidents, last 90 days
  std::optional<Day> projected_exhaustion;
  bool runs_out_before_expiry = false;
};
BurnDown BurnDownOf(const Entitlement& entitlement, std::int64_t used_recently, Day today);

// Competencies and entitlements whose last day falls within `days` from today (today included),
// soonest first.
struct Expiring {
  std::string what;  // "competency" or "entitlement"
  std::int64_t id = 0;
  std::string name;
  Day last_day = 0;
  std::int64_t days_left = 0;
};
std::vector<Expiring> ExpiringWithin(const std::vector<Entitlement>& entitlements,
                                     const std::vector<Competency>& competencies, Day today, std::int64_t days);

// Vendor cases opened per path kind per month (the month in the partner's zone), by month then
// kind; only months in [from, to] ("YYYY-MM").
struct PathMonth {
  std::string month;
  std::string kind;
  std::int64_t cases = 0;
};
std::vector<PathMonth> EscalationsByPathAndMonth(const std::vector<VendorCase>& cases, const ZoneRules& zone,
                                                 const std::string& from, const std::string& to);
// "2026-11" for a day.
std::string MonthOf(Day day);

}  // namespace tierdesk::core
