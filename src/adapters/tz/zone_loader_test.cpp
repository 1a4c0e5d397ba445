// Zones read from the system tz database: after 2037 (the last transition Debian's tzdata lists)
// the POSIX TZ footer takes over. Expected values from `zdump -v -c 2040,2041 <zone>` and
// `zdump -v -c 2099,2100 <zone>` on this machine (tzdata 2025b).
#include "adapters/tz/zone_loader.hpp"

#include <gtest/gtest.h>

#include "core/calendar/posix_tz.hpp"

namespace tierdesk::adapters::tz {
namespace {

constexpr std::int64_t kHour = 3600, kDay = 86400;

std::int64_t Utc(int y, int mo, int d, int h, int mi = 0) {
  return core::DaysFromCivil(y, mo, d) * kDay + h * kHour + mi * 60;
}

core::ZoneRules Load(std::string_view name) {
  auto rules = LoadZone(name);
  EXPECT_TRUE(rules) << name;
  return rules.value_or(core::ZoneRules::Fixed("missing", 0));
}

TEST(ZoneLoader, NewYorkIsOnDaylightTimeInJuly2040) {
  const auto ny = Load("America/New_York");
  EXPECT_EQ(ny.OffsetAt(Utc(2037, 7, 1, 12)), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 7, 1, 12)), -4 * kHour);  // was -5: the 2037 offset for ever
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 3, 11, 7) - 1), -5 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 3, 11, 7)), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 11, 4, 6) - 1), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 11, 4, 6)), -5 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2099, 3, 8, 7)), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2099, 11, 1, 6) - 1), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2099, 11, 1, 6)), -5 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2099, 12, 31, 12)), -5 * kHour);
}

TEST(ZoneLoader, LondonSydneyDublinAfter2037) {
  const auto london = Load("Europe/London");
  EXPECT_EQ(london.OffsetAt(Utc(2040, 3, 25, 1) - 1), 0);
  EXPECT_EQ(london.OffsetAt(Utc(2040, 3, 25, 1)), kHour);
  EXPECT_EQ(london.OffsetAt(Utc(2040, 10, 28, 1)), 0);
  const auto sydney = Load("Australia/Sydney");
  EXPECT_EQ(sydney.OffsetAt(Utc(2040, 1, 15, 0)), 11 * kHour);
  EXPECT_EQ(sydney.OffsetAt(Utc(2040, 3, 31, 16) - 1), 11 * kHour);
  EXPECT_EQ(sydney.OffsetAt(Utc(2040, 3, 31, 16)), 10 * kHour);
  EXPECT_EQ(sydney.OffsetAt(Utc(2040, 10, 6, 16)), 11 * kHour);
  const auto dublin = Load("Europe/Dublin");
  EXPECT_EQ(dublin.OffsetAt(Utc(2040, 1, 15, 0)), 0);
  EXPECT_EQ(dublin.OffsetAt(Utc(2040, 3, 25, 1)), kHour);
  EXPECT_EQ(dublin.OffsetAt(Utc(2040, 10, 28, 1) - 1), kHour);
  EXPECT_EQ(dublin.OffsetAt(Utc(2040, 10, 28, 1)), 0);
}

TEST(ZoneLoader, ZonesWithoutDaylightTimeStayPut) {
  EXPECT_EQ(Load("Asia/Seoul").OffsetAt(Utc(2070, 7, 1, 0)), 9 * kHour);
  EXPECT_EQ(Load("Asia/Kolkata").OffsetAt(Utc(2070, 7, 1, 0)), 5 * kHour + 1800);
  EXPECT_EQ(Load("Asia/Tashkent").OffsetAt(Utc(2070, 7, 1, 0)), 5 * kHour);
  EXPECT_EQ(Load("UTC").periods.size(), 1u);
}

// The footer alone, continued from 2030, must give exactly the transitions the file lists for
// 2030 to 2037 (zic wrote those from the same rules). Covers Mm.w.d with negative times (Nuuk),
// 24:00 (Santiago), 26:00 (Jerusalem), quarter-hour offsets (Chatham), negative DST (Dublin),
// two-hour DST (Troll) and the southern hemisphere.
TEST(ZoneLoader, FootersReproduceTheListedTransitions) {
  for (const char* name : {"America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
                           "Europe/Dublin", "Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland",
                           "Pacific/Chatham", "America/Nuuk", "America/Santiago", "Asia/Jerusalem",
                           "Antarctica/Troll", "America/Havana", "Asia/Seoul", "Asia/Kolkata"}) {
    const auto footer = core::ParsePosixTz(ReadPosixFooterForTest(name));
    ASSERT_TRUE(footer) << name << ": '" << ReadPosixFooterForTest(name) << "'";
    const auto listed = Load(name);
    const std::int64_t from = Utc(2030, 1, 1, 0), to = Utc(2037, 12, 31, 0);
    core::ZoneRules continued = core::ZoneRules::Fixed(name, listed.OffsetAt(from));
    core::ExtendZone(continued, *footer, from, 2037);
    for (std::int64_t t = from; t < to; t += 900) {
      ASSERT_EQ(continued.OffsetAt(t), listed.OffsetAt(t)) << name << " at " << t;
    }
  }
}

}  // namespace
}  // namespace tierdesk::adapters::tz
