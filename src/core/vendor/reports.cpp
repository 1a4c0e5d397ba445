#include "core/vendor/reports.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <utility>

namespace tierdesk::core {

BurnDown BurnDownOf(const Entitlement& entitlement, std::int64_t used_recently, Day today) {
  BurnDown burn;
  burn.entitlement = &entitlement;
  burn.used_recently = used_recently;
  const auto left = entitlement.Left();
  if (!left) return burn;
  if (*left == 0) {
    burn.projected_exhaustion = today;
  } else if (used_recently > 0) {
    // At the recent pace: left / (used per day), rounded up to whole days.
    burn.projected_exhaustion = today + (*left * kBurnWindowDays + used_recently - 1) / used_recently;
  }
  burn.runs_out_before_expiry =
      burn.projected_exhaustion && entitlement.valid_to && *burn.projected_exhaustion <= *entitlement.valid_to;
  return burn;
}

std::vector<Expiring> ExpiringWithin(const std::vector<Entitlement>& entitlements,
                                     const std::vector<Competency>& competencies, Day today, std::int64_t days) {
  std::vector<Expiring> out;
  auto consider = [&](const char* what, std::int64_t id, const std::string& name, Day last_day) {
    if (last_day >= today && last_day - today <= days) out.push_back({what, id, name, last_day, last_day - today});
  };
  for (const auto& c : competencies) {
    consider("competency", c.id.value, std::string(ToString(c.level)) + " " + c.area, c.expires_on);
  }
  for (const auto& e : entitlements) {
    if (e.valid_to) consider("entitlement", e.id.value, e.name, *e.valid_to);
  }
  std::stable_sort(out.begin(), out.end(), [](const Expiring& a, const Expiring& b) { return a.last_day < b.last_day; });
  return out;
}

std::string MonthOf(Day day) {
  const auto ymd = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(ymd.year()), unsigned(ymd.month()));
  return buffer;
}

std::vector<PathMonth> EscalationsByPathAndMonth(const std::vector<VendorCase>& cases, const ZoneRules& zone,
                                                 const std::string& from, const std::string& to) {
  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  for (const auto& c : cases) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(c.created_at).time_since_epoch().count();
    const std::string month = MonthOf(zone.LocalDay(seconds));
    if (month < from || month > to) continue;
    ++counts[{month, c.kind}];
  }
  std::vector<PathMonth> out;
  for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
  return out;
}

}  // namespace tierdesk::core
