#include "core/vendor/reports.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

Day D(std::string_view text) { return *ParseDay(text); }

Entitlement Hours(std::int64_t capacity, std::int64_t consumed, std::optional<Day> valid_to) {
  Entitlement e;
  e.id = EntitlementId{7};
  e.kind = "premier";
  e.name = "Premier 2026";
  e.unit = CapacityUnit::kHours;
  e.capacity = capacity;
  e.consumed = consumed;
  e.valid_to = valid_to;
  return e;
}

TEST(VendorReports, BurnDownProjectsExhaustionAtTheLastNinetyDaysPace) {
  const Day today = D("2026-11-24");
  // 40 hours, 10 used, 9 of them in the last 90 days: 0.1 h a day, 30 h left: 300 days.
  const auto e = Hours(2400, 600, D("2026-12-31"));
  auto burn = BurnDownOf(e, 540, today);
  ASSERT_TRUE(burn.projected_exhaustion);
  EXPECT_EQ(*burn.projected_exhaustion, today + 300);
  EXPECT_FALSE(burn.runs_out_before_expiry);
  // Faster: 30 hours in 90 days, 30 left: 90 days, still after 2026-12-31.
  EXPECT_EQ(*BurnDownOf(e, 1800, today).projected_exhaustion, today + 90);
  // 60 hours in 90 days: 45 days, after the contract's end too; 300 hours: 9 days, before it.
  const auto fast = BurnDownOf(e, 18000, today);
  EXPECT_EQ(*fast.projected_exhaustion, today + 9);
  EXPECT_TRUE(fast.runs_out_before_expiry);
  // Rounded up to a whole day.
  EXPECT_EQ(*BurnDownOf(Hours(100, 0, std::nullopt), 7, today).projected_exhaustion, today + 1286);
  EXPECT_FALSE(BurnDownOf(e, 0, today).projected_exhaustion) << "nothing used lately: no projection";
  EXPECT_EQ(*BurnDownOf(Hours(600, 600, std::nullopt), 0, today).projected_exhaustion, today) << "exhausted";
  Entitlement unlimited = e;
  unlimited.unit = CapacityUnit::kUnlimited;
  EXPECT_FALSE(BurnDownOf(unlimited, 500, today).projected_exhaustion);
}

TEST(VendorReports, ExpiringListsWhatEndsWithinTheWindowSoonestFirst) {
  const Day today = D("2026-11-24");
  Competency gold;
  gold.id = CompetencyId{1};
  gold.area = "Cloud Platform";
  gold.expires_on = D("2026-12-20");
  Competency later = gold;
  later.id = CompetencyId{2};
  later.expires_on = D("2027-06-30");
  auto ends_soon = Hours(2400, 0, D("2026-12-01"));
  auto ended = Hours(2400, 0, D("2026-11-23"));
  ended.id = EntitlementId{8};
  auto open = Hours(2400, 0, std::nullopt);
  const auto expiring = ExpiringWithin({ends_soon, ended, open}, {gold, later}, today, 30);
  ASSERT_EQ(expiring.size(), 2u);
  EXPECT_EQ(expiring[0].what, "entitlement");
  EXPECT_EQ(expiring[0].days_left, 7);
  EXPECT_EQ(expiring[1].what, "competency");
  EXPECT_EQ(expiring[1].name, "gold Cloud Platform");
  EXPECT_EQ(expiring[1].days_left, 26);
  EXPECT_EQ(ExpiringWithin({ends_soon}, {}, today, 6).size(), 0u);
  EXPECT_EQ(ExpiringWithin({ends_soon}, {}, today, 7).size(), 1u);
}

TEST(VendorReports, EscalationsCountPerPathPerMonthInThePartnersZone) {
  const auto seoul = ZoneRules::Fixed("Asia/Seoul", 9 * 3600);
  auto at = [](const char* day, int hour) {
    return Timestamp{std::chrono::sys_days{std::chrono::days{*ParseDay(day)}} + std::chrono::hours(hour)};
  };
  std::vector<VendorCase> cases(4);
  cases[0].kind = "premier";
  cases[0].created_at = at("2026-10-31", 16);  // 01:00 on 1 November in Seoul
  cases[1].kind = "premier";
  cases[1].created_at = at("2026-11-10", 3);
  cases[2].kind = "commercial";
  cases[2].created_at = at("2026-10-31", 14);  // 23:00 on 31 October in Seoul
  cases[3].kind = "advanced";
  cases[3].created_at = at("2026-09-01", 3);
  const auto counts = EscalationsByPathAndMonth(cases, seoul, "2026-10", "2026-11");
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].month, "2026-10");
  EXPECT_EQ(counts[0].kind, "commercial");
  EXPECT_EQ(counts[0].cases, 1);
  EXPECT_EQ(counts[1].month, "2026-11");
  EXPECT_EQ(counts[1].kind, "premier");
  EXPECT_EQ(counts[1].cases, 2);
}

}  // namespace
}  // namespace tierdesk::core
