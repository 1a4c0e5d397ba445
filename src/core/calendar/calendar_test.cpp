// BusinessCalendar against hand-worked cases and, on random calendars in five zones, against a
// brute-force reference that steps minute by minute through the wall-clock definition.
#include "core/calendar/calendar.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "adapters/tz/zone_loader.hpp"

namespace tierdesk::core {
namespace {

constexpr std::int64_t kMinute = 60, kHour = 3600, kDay = 86400;

const ZoneRules& Zone(const std::string& name) {
  static std::map<std::string, ZoneRules> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    auto loaded = adapters::tz::LoadZone(name, 2020, 2032);
    EXPECT_TRUE(loaded) << name;
    it = cache.emplace(name, *loaded).first;
  }
  return it->second;
}

// A local wall-clock time in a zone, as UTC seconds (for writing expectations).
std::int64_t Local(const std::string& zone, int y, int mo, int d, int h, int mi = 0) {
  const std::int64_t local = DaysFromCivil(y, mo, d) * kDay + h * kHour + mi * kMinute;
  const auto& rules = Zone(zone);
  // Fine for the unambiguous times used in expectations.
  return local - rules.OffsetAt(local - rules.OffsetAt(local));
}

CalendarSpec OfficeHours(const std::string& zone) {
  CalendarSpec spec;
  spec.time_zone = zone;
  for (int weekday = 0; weekday < 5; ++weekday) spec.intervals.push_back({weekday, 9 * 3600, 18 * 3600});
  return spec;
}

BusinessCalendar Build(const CalendarSpec& spec) {
  auto calendar = BusinessCalendar::Build(spec, Zone(spec.time_zone), 2024, 2030);
  EXPECT_TRUE(calendar) << (calendar ? "" : calendar.error().message);
  return std::move(*calendar);
}

TEST(BusinessCalendar, FridayEveningCriticalTicketInSeoul) {
  const auto calendar = Build(OfficeHours("Asia/Seoul"));
  // Opened Friday 2026-11-27 19:30 KST; a 2-hour first response is due Monday 11:00 KST.
  const auto opened = Local("Asia/Seoul", 2026, 11, 27, 19, 30);
  EXPECT_EQ(*calendar.AddBusinessTime(opened, 2 * kHour), Local("Asia/Seoul", 2026, 11, 30, 11));
  EXPECT_EQ(*calendar.NextOpen(opened), Local("Asia/Seoul", 2026, 11, 30, 9));
  // Eight business hours from Friday 16:00: two on Friday, six on Monday, due 15:00 Monday.
  EXPECT_EQ(*calendar.AddBusinessTime(Local("Asia/Seoul", 2026, 11, 27, 16), 8 * kHour),
            Local("Asia/Seoul", 2026, 11, 30, 15));
}

TEST(BusinessCalendar, AWeekendCountsNothing) {
  const auto calendar = Build(OfficeHours("Asia/Seoul"));
  // Friday 17:00 to Monday 10:00: one hour on Friday and one on Monday.
  EXPECT_EQ(*calendar.BusinessTimeBetween(Local("Asia/Seoul", 2026, 11, 27, 17), Local("Asia/Seoul", 2026, 11, 30, 10)),
            2 * kHour);
  EXPECT_EQ(*calendar.BusinessTimeBetween(Local("Asia/Seoul", 2026, 11, 28, 10), Local("Asia/Seoul", 2026, 11, 29, 23)), 0);
  EXPECT_EQ(*calendar.BusinessTimeBetween(Local("Asia/Seoul", 2026, 11, 30, 10), Local("Asia/Seoul", 2026, 11, 27, 17)),
            -2 * kHour);
}

TEST(BusinessCalendar, AHolidayAddedLaterMovesTheDueTime) {
  CalendarSpec spec = OfficeHours("Asia/Seoul");
  const auto opened = Local("Asia/Seoul", 2026, 11, 27, 17);
  EXPECT_EQ(*Build(spec).AddBusinessTime(opened, 4 * kHour), Local("Asia/Seoul", 2026, 11, 30, 12));
  spec.holidays.push_back({2026, 11, 30, 0, 86400, "Company day"});
  EXPECT_EQ(*Build(spec).AddBusinessTime(opened, 4 * kHour), Local("Asia/Seoul", 2026, 12, 1, 12));
  // A partial holiday: closed Tuesday afternoon from 13:00. Six hours: Friday 17-18, Tuesday
  // 09-13, then Wednesday 09-10.
  spec.holidays.push_back({0, 12, 1, 13 * 3600, 86400, "Yearly half day"});
  EXPECT_EQ(*Build(spec).AddBusinessTime(opened, 6 * kHour), Local("Asia/Seoul", 2026, 12, 2, 10));
  // Yearly holidays recur: 2027-12-01 is a Wednesday, closed from 13:00 too.
  EXPECT_EQ(*Build(spec).BusinessTimeBetween(Local("Asia/Seoul", 2027, 12, 1, 0), Local("Asia/Seoul", 2027, 12, 2, 0)),
            4 * kHour);
}

TEST(BusinessCalendar, DaylightSavingChangesCountRealTime) {
  CalendarSpec spec;
  spec.time_zone = "Europe/Berlin";
  spec.intervals.push_back({6, 1 * 3600, 4 * 3600});  // Sundays 01:00-04:00
  const auto calendar = Build(spec);
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST; the interval lasts two real hours.
  EXPECT_EQ(*calendar.BusinessTimeBetween(Local("Europe/Berlin", 2026, 3, 29, 0), Local("Europe/Berlin", 2026, 3, 29, 5)),
            2 * kHour);
  // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:00-03:00 happens twice: four hours.
  EXPECT_EQ(*calendar.BusinessTimeBetween(Local("Europe/Berlin", 2026, 10, 25, 0), Local("Europe/Berlin", 2026, 10, 25, 5)),
            4 * kHour);
  // Lord Howe Island moves its clocks by 30 minutes (2026-10-04 02:00 -> 02:30).
  CalendarSpec howe;
  howe.time_zone = "Australia/Lord_Howe";
  howe.intervals.push_back({6, 0, 6 * 3600});
  const auto lord_howe = Build(howe);
  const auto sunday = DaysFromCivil(2026, 10, 4) * kDay;
  const auto& zone = Zone("Australia/Lord_Howe");
  const std::int64_t day_start = sunday - zone.OffsetAt(sunday - 12 * kHour);
  EXPECT_EQ(*lord_howe.BusinessTimeBetween(day_start, day_start + kDay), 5 * kHour + 30 * kMinute);
}

TEST(BusinessCalendar, IntervalsCrossingMidnightAndAllDay) {
  CalendarSpec spec;
  spec.time_zone = "America/New_York";
  spec.intervals.push_back({4, 22 * 3600, 6 * 3600});  // Friday 22:00 to Saturday 06:00
  const auto calendar = Build(spec);
  EXPECT_EQ(*calendar.BusinessTimeBetween(Local("America/New_York", 2026, 11, 27, 23), Local("America/New_York", 2026, 11, 28, 2)),
            3 * kHour);
  CalendarSpec always;
  always.time_zone = "UTC";
  always.always_open = true;
  const auto around_the_clock = Build(always);
  EXPECT_EQ(*around_the_clock.AddBusinessTime(Local("UTC", 2026, 11, 27, 23), 2 * kHour), Local("UTC", 2026, 11, 28, 1));
  EXPECT_FALSE(around_the_clock.AddBusinessTime(Local("UTC", 2026, 11, 27, 23), -1));
  EXPECT_FALSE(around_the_clock.BusinessTimeBetween(0, Local("UTC", 2026, 1, 1, 0))) << "1970 is outside the range";
}

TEST(BusinessCalendar, RejectsInvalidSpecs) {
  CalendarSpec empty;
  EXPECT_FALSE(ValidateCalendarSpec(empty));
  CalendarSpec bad = OfficeHours("UTC");
  bad.holidays.push_back({2026, 2, 30, 0, 86400, "no such day"});
  EXPECT_FALSE(ValidateCalendarSpec(bad));
  bad.holidays = {{0, 2, 29, 0, 86400, "leap day, yearly"}};
  EXPECT_TRUE(ValidateCalendarSpec(bad));
  bad.intervals.push_back({7, 0, 10});
  EXPECT_FALSE(ValidateCalendarSpec(bad));
}

TEST(CalendarSpecCodec, RoundTrips) {
  CalendarSpec spec = OfficeHours("Australia/Lord_Howe");
  spec.intervals.push_back({4, 22 * 3600, 6 * 3600});
  spec.holidays.push_back({0, 12, 25, 0, 86400, "Christmas Day"});
  spec.holidays.push_back({2026, 9, 24, 13 * 3600, 86400, "추석 (afternoon)"});
  const auto decoded = DecodeCalendarSpec(EncodeCalendarSpec(spec));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->time_zone, "Australia/Lord_Howe");
  EXPECT_FALSE(decoded->always_open);
  ASSERT_EQ(decoded->intervals.size(), 6u);
  EXPECT_EQ(decoded->intervals[5].start, 22 * 3600);
  EXPECT_EQ(decoded->intervals[5].end, 6 * 3600);
  ASSERT_EQ(decoded->holidays.size(), 2u);
  EXPECT_EQ(decoded->holidays[1].name, "추석 (afternoon)");
  EXPECT_EQ(decoded->holidays[1].start, 13 * 3600);
  EXPECT_FALSE(DecodeCalendarSpec("i 1 x 3\n"));
  EXPECT_FALSE(DecodeCalendarSpec("bogus\n"));
}

// ---- The brute-force reference: the definition, minute by minute. ----

int WeekdayOf(std::int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

void CivilFromDays(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

bool IsOpenReference(const CalendarSpec& spec, const ZoneRules& zone, std::int64_t t) {
  if (spec.always_open) return true;
  const std::int64_t local = t + zone.OffsetAt(t);
  const std::int64_t day = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
  const auto second = static_cast<int>(local - day * kDay);
  int y = 0, m = 0, d = 0;
  CivilFromDays(day, y, m, d);
  for (const auto& h : spec.holidays) {
    if ((h.year == 0 || h.year == y) && h.month == m && h.day == d && second >= h.start && second < h.end) return false;
  }
  const int weekday = WeekdayOf(day);
  for (const auto& i : spec.intervals) {
    const bool crosses = i.end <= i.start;
    if (i.weekday == weekday && second >= i.start && (crosses || second < i.end)) return true;
    if (crosses && i.weekday == (weekday + 6) % 7 && second < i.end) return true;
  }
  return false;
}

std::int64_t BetweenReference(const CalendarSpec& spec, const ZoneRules& zone, std::int64_t a, std::int64_t b) {
  if (b < a) return -BetweenReference(spec, zone, b, a);
  std::int64_t open = 0;
  for (std::int64_t t = a; t < b;) {
    const std::int64_t minute_end = (t / kMinute + 1) * kMinute;
    const std::int64_t end = std::min(minute_end, b);
    if (IsOpenReference(spec, zone, t)) open += end - t;
    t = end;
  }
  return open;
}

std::int64_t AddReference(const CalendarSpec& spec, const ZoneRules& zone, std::int64_t start, std::int64_t duration) {
  std::int64_t t = start;
  while (duration > 0) {
    const std::int64_t minute_end = (t / kMinute + 1) * kMinute;
    if (IsOpenReference(spec, zone, t)) {
      const std::int64_t take = std::min(duration, minute_end - t);
      duration -= take;
      t += take;
    } else {
      t = minute_end;
    }
  }
  return t;
}

CalendarSpec RandomSpec(std::mt19937_64& random, const std::string& zone) {
  CalendarSpec spec;
  spec.time_zone = zone;
  if (random() % 20 == 0) {
    spec.always_open = true;
    return spec;
  }
  auto minute = [&](int from, int to) { return (from + static_cast<int>(random() % static_cast<std::uint64_t>(to - from))) * 60; };
  const int count = 1 + static_cast<int>(random() % 8);
  for (int i = 0; i < count; ++i) {
    const int weekday = static_cast<int>(random() % 7);
    switch (random() % 4) {
      case 0: spec.intervals.push_back({weekday, minute(0, 240), minute(60, 300)}); break;  // around DST hours
      case 1: spec.intervals.push_back({weekday, minute(1200, 1440), minute(0, 480)}); break;  // crossing midnight
      default: spec.intervals.push_back({weekday, minute(360, 720), minute(720, 1440)});
    }
  }
  const int holidays = static_cast<int>(random() % 6);
  for (int i = 0; i < holidays; ++i) {
    const int month = 1 + static_cast<int>(random() % 12);
    const int day = 1 + static_cast<int>(random() % 28);
    const int year = random() % 3 == 0 ? 0 : 2026 + static_cast<int>(random() % 2);
    if (random() % 2 == 0) {
      spec.holidays.push_back({year, month, day, 0, 86400, "whole"});
    } else {
      const int from = minute(0, 1380);
      spec.holidays.push_back({year, month, day, from, std::min(86400, from + minute(30, 600)), "partial"});
    }
  }
  // Holidays on the DST days themselves, now and then.
  if (random() % 4 == 0) spec.holidays.push_back({2026, 3, 29, 0, 86400, "dst"});
  if (random() % 4 == 0) spec.holidays.push_back({0, 10, 4, minute(0, 180), minute(200, 600), "dst"});
  return spec;
}

TEST(BusinessCalendarProperty, AgreesWithMinuteSteppingReference) {
  const std::vector<std::string> zones = {"Europe/Berlin", "America/New_York", "Asia/Seoul", "Australia/Lord_Howe", "UTC"};
  std::mt19937_64 random(20261124);
  // Instants near the zones' DST changes in 2026-2027, where mistakes hide.
  std::vector<std::int64_t> hot;
  for (const auto& zone : zones) {
    for (const auto& period : Zone(zone).periods) {
      if (period.start > DaysFromCivil(2026, 1, 1) * kDay && period.start < DaysFromCivil(2028, 1, 1) * kDay) {
        hot.push_back(period.start);
      }
    }
  }
  ASSERT_GE(hot.size(), 12u);
  const std::int64_t year_start = DaysFromCivil(2026, 1, 1) * kDay;
  std::int64_t cases = 0, mismatches = 0;
  for (int c = 0; c < 200; ++c) {
    const std::string& zone_name = zones[static_cast<std::size_t>(c) % zones.size()];
    const CalendarSpec spec = RandomSpec(random, zone_name);
    const auto& zone = Zone(zone_name);
    const auto calendar = Build(spec);
    for (int k = 0; k < 500; ++k, ++cases) {
      const std::int64_t a = random() % 2 == 0
                                 ? hot[random() % hot.size()] + static_cast<std::int64_t>(random() % (6 * kDay)) - 3 * kDay
                                 : year_start + static_cast<std::int64_t>(random() % (730 * kDay));
      // Mostly short spans, sometimes days long.
      const std::int64_t span = random() % 10 == 0 ? static_cast<std::int64_t>(random() % (4 * kDay))
                                                   : static_cast<std::int64_t>(random() % (10 * kHour));
      const std::int64_t b = a + span;
      const std::int64_t expected = BetweenReference(spec, zone, a, b);
      const auto between = calendar.BusinessTimeBetween(a, b);
      ASSERT_TRUE(between);
      if (*between != expected && ++mismatches <= 5) {
        ADD_FAILURE() << zone_name << " between(" << a << ", " << b << ") = " << *between << ", reference " << expected;
      }
      const std::int64_t duration = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(std::max<std::int64_t>(1, expected + kHour)));
      const auto added = calendar.AddBusinessTime(a, duration);
      ASSERT_TRUE(added);
      const std::int64_t reference_added = AddReference(spec, zone, a, duration);
      if (*added != reference_added && ++mismatches <= 5) {
        ADD_FAILURE() << zone_name << " add(" << a << ", " << duration << ") = " << *added << ", reference " << reference_added;
      }
      // Inverse where defined: Add undoes Between up to the closed stretch before b.
      EXPECT_EQ(*calendar.BusinessTimeBetween(a, *added), duration);
      const auto back = *calendar.AddBusinessTime(a, *between);
      EXPECT_LE(back, b);
      EXPECT_EQ(*calendar.BusinessTimeBetween(back, b), 0);
      if (calendar.IsOpen(b) && b > a && *between > 0) {
        EXPECT_EQ(back, b);
      }
      EXPECT_EQ(calendar.IsOpen(a), IsOpenReference(spec, zone, a));
    }
  }
  EXPECT_EQ(mismatches, 0) << "of " << cases << " random cases";
  EXPECT_GE(cases, 100'000);
}

// Instants with milliseconds: a second is open or closed as a whole, so fractions count exactly.
// Same Seoul office hours; Friday 2026-11-27.
TEST(BusinessCalendar, MillisecondsCountExactly) {
  const auto calendar = Build(OfficeHours("Asia/Seoul"));
  const auto at = [](std::int64_t seconds, int millis) {
    return Timestamp(std::chrono::seconds(seconds)) + std::chrono::milliseconds(millis);
  };
  const auto friday_1759_59 = Local("Asia/Seoul", 2026, 11, 27, 17, 59) + 59;
  const auto monday_0900 = Local("Asia/Seoul", 2026, 11, 30, 9);
  // Open: next-open is the instant itself, fraction and all (it used to round up a second).
  EXPECT_EQ(*calendar.NextOpen(at(friday_1759_59, 250)), at(friday_1759_59, 250));
  // Closed: the next opening, a whole second.
  EXPECT_EQ(*calendar.NextOpen(at(friday_1759_59 + 1, 1)), at(monday_0900, 0));
  // 750 ms left on Friday; one second of business time ends 250 ms into Monday. The fraction used
  // to ride along: Friday 18:00:00.250, a closed instant.
  EXPECT_EQ(*calendar.AddBusinessTime(at(friday_1759_59, 250), std::chrono::seconds(1)), at(monday_0900, 250));
  // From a closed instant with a fraction, counting starts at the opening: Monday 09:01:00.000,
  // not 09:01:00.500.
  EXPECT_EQ(*calendar.AddBusinessTime(at(friday_1759_59 + 3600, 500), std::chrono::minutes(1)), at(monday_0900 + 60, 0));
  EXPECT_EQ(calendar.BusinessTimeBetween(at(friday_1759_59, 250), at(monday_0900, 100))->count(), 850);
  // add(start, between(start, next-open)) is next-open whenever it is open there.
  EXPECT_EQ(*calendar.AddBusinessTime(at(friday_1759_59, 250), std::chrono::milliseconds(750)), at(friday_1759_59 + 1, 0));
}

// The documented range is 2000 to 2099: results in 2100 are refused, not given from the margin.
TEST(BusinessCalendar, ResultsAfter2099AreRefused) {
  CalendarSpec spec = OfficeHours("Asia/Seoul");
  for (int weekday = 5; weekday < 7; ++weekday) spec.intervals.push_back({weekday, 9 * 3600, 18 * 3600});
  const auto zone = adapters::tz::LoadZone("Asia/Seoul");
  ASSERT_TRUE(zone);
  const auto calendar = BusinessCalendar::Build(spec, *zone);
  ASSERT_TRUE(calendar);
  const std::int64_t dec31_1700 = DaysFromCivil(2099, 12, 31) * kDay + 8 * kHour;  // 17:00 KST
  EXPECT_EQ(*calendar->AddBusinessTime(dec31_1700, kHour), dec31_1700 + kHour);
  EXPECT_FALSE(calendar->AddBusinessTime(dec31_1700, 2 * kHour));  // would be 2100-01-01 10:00
  EXPECT_FALSE(calendar->NextOpen(dec31_1700 + 2 * kHour));         // would be 2100-01-01 09:00
  EXPECT_FALSE(calendar->AddBusinessTime(Timestamp(std::chrono::seconds(dec31_1700)), std::chrono::hours(2)));
  EXPECT_FALSE(calendar->NextOpen(Timestamp(std::chrono::seconds(dec31_1700 + 2 * kHour))));
  CalendarSpec all_day;
  all_day.time_zone = "Asia/Seoul";
  all_day.always_open = true;
  const auto always = BusinessCalendar::Build(all_day, *zone);
  EXPECT_FALSE(always->AddBusinessTime(dec31_1700, 8 * kHour));
  EXPECT_TRUE(always->AddBusinessTime(dec31_1700, 7 * kHour));  // midnight, the range's end
}

TEST(BusinessCalendar, HolidaysOutsideTheCoveredYearsAreRefused) {
  CalendarSpec spec = OfficeHours("Asia/Seoul");
  spec.holidays.push_back({2099, 12, 31, 0, 86400, "Last"});
  spec.holidays.push_back({0, 2, 29, 0, 86400, "Leap day, yearly"});
  EXPECT_TRUE(CheckHolidayYears(spec));
  for (const int year : {1999, 2100, 9999}) {
    CalendarSpec bad = spec;
    bad.holidays.push_back({year, 1, 1, 0, 86400, "Out of range"});
    const auto checked = CheckHolidayYears(bad);
    ASSERT_FALSE(checked) << year;
    ASSERT_EQ(checked.error().fields.size(), 1u);
    EXPECT_EQ(checked.error().fields[0].field, "holidays");
  }
}

// A New York office in July 2040, after the last transition the tz file lists: 09:00 EDT is
// 13:00 UTC (it used to be 14:00, the zone stuck on EST).
TEST(BusinessCalendar, NewYorkAfter2037FollowsDaylightTime) {
  const auto zone = adapters::tz::LoadZone("America/New_York");
  ASSERT_TRUE(zone);
  const auto calendar = BusinessCalendar::Build(OfficeHours("America/New_York"), *zone);
  ASSERT_TRUE(calendar);
  const std::int64_t monday_0000_utc = DaysFromCivil(2040, 7, 2) * kDay;  // 2040-07-02 is a Monday
  EXPECT_EQ(*calendar->NextOpen(monday_0000_utc), monday_0000_utc + 13 * kHour);
  EXPECT_EQ(*calendar->AddBusinessTime(monday_0000_utc, 2 * kHour), monday_0000_utc + 15 * kHour);
  // And in winter, EST: 09:00 is 14:00 UTC (2040-12-03 is a Monday).
  const std::int64_t december = DaysFromCivil(2040, 12, 3) * kDay;
  EXPECT_EQ(*calendar->NextOpen(december), december + 14 * kHour);
}

}  // namespace
}  // namespace tierdesk::core
