// POSIX TZ strings (TZif footers) against transitions checked with `zdump -v -c 2040,2041 <zone>`
// and python3's zoneinfo on tzdata 2025b.
#include "core/calendar/posix_tz.hpp"

#include <gtest/gtest.h>

#include "core/calendar/calendar.hpp"

namespace tierdesk::core {
namespace {

constexpr std::int64_t kHour = 3600, kDay = 86400;

std::int64_t Utc(int y, int mo, int d, int h, int mi = 0) {
  return DaysFromCivil(y, mo, d) * kDay + h * kHour + mi * 60;
}

PosixTz Parse(std::string_view text) {
  auto tz = ParsePosixTz(text);
  EXPECT_TRUE(tz) << text;
  return tz.value_or(PosixTz{});
}

// The zone from 2038 on, as the footer alone describes it: standard time, then the rule.
ZoneRules FromFooter(std::string_view text, int to_year = 2100) {
  const PosixTz tz = Parse(text);
  ZoneRules rules = ZoneRules::Fixed("test", tz.std_offset);
  ExtendZone(rules, tz, Utc(2038, 1, 1, 0), to_year);
  return rules;
}

TEST(PosixTz, ParsesNamesOffsetsAndRules) {
  const auto ny = Parse("EST5EDT,M3.2.0,M11.1.0");
  EXPECT_EQ(ny.std_name, "EST");
  EXPECT_EQ(ny.std_offset, -5 * kHour);
  EXPECT_TRUE(ny.has_dst);
  EXPECT_EQ(ny.dst_offset, -4 * kHour);  // one hour east of standard time by default
  EXPECT_EQ(ny.dst_start.month, 3);
  EXPECT_EQ(ny.dst_start.week, 2);
  EXPECT_EQ(ny.dst_start.day, 0);
  EXPECT_EQ(ny.dst_start.time, 2 * kHour);  // 02:00 by default

  const auto tashkent = Parse("<+05>-5");
  EXPECT_EQ(tashkent.std_name, "+05");
  EXPECT_EQ(tashkent.std_offset, 5 * kHour);
  EXPECT_FALSE(tashkent.has_dst);

  const auto kolkata = Parse("IST-5:30");
  EXPECT_EQ(kolkata.std_offset, 5 * kHour + 30 * 60);

  const auto chatham = Parse("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45");
  EXPECT_EQ(chatham.std_offset, 12 * kHour + 45 * 60);
  EXPECT_EQ(chatham.dst_offset, 13 * kHour + 45 * 60);
  EXPECT_EQ(chatham.dst_start.time, 2 * kHour + 45 * 60);

  const auto nuuk = Parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
  EXPECT_EQ(nuuk.std_offset, -2 * kHour);
  EXPECT_EQ(nuuk.dst_offset, -1 * kHour);
  EXPECT_EQ(nuuk.dst_start.time, -1 * kHour);
  EXPECT_EQ(nuuk.dst_end.time, 0);

  const auto dublin = Parse("IST-1GMT0,M10.5.0,M3.5.0/1");
  EXPECT_EQ(dublin.std_offset, kHour);
  EXPECT_EQ(dublin.dst_offset, 0);  // negative DST: "daylight" time is behind standard time

  const auto over_a_day = Parse("EST5EDT,0/0,J365/25");
  EXPECT_EQ(over_a_day.dst_start.form, PosixTz::Rule::Form::kZeroBased);
  EXPECT_EQ(over_a_day.dst_end.form, PosixTz::Rule::Form::kJulian);
  EXPECT_EQ(over_a_day.dst_end.time, 25 * kHour);
  EXPECT_EQ(Parse("XXX3EDT4,M3.2.0/-167,M11.1.0/167").dst_end.time, 167 * kHour);
}

TEST(PosixTz, RefusesWhatIsNotATzString) {
  for (const char* text : {"", "E5", "EST", "EST5EDT,M3.2.0", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0",
                           "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J365", "EST5EDT,366,1", "<+05-5", "<+5>-5",
                           "EST25", "EST5EDT,M3.2.0/168,M11.1.0", "EST5:60", "EST5EDT,M3.2.0,M11.1.0x",
                           "EST5EDT,M3.2.0,,M11.1.0"}) {
    EXPECT_FALSE(ParsePosixTz(text)) << text;
  }
}

TEST(PosixTz, RuleFormsPickTheRightDay) {
  // M3.2.0: the second Sunday of March; 2040-03-11. 02:00 EST is 07:00 UTC.
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kMonthWeekDay, 3, 2, 0, 7200}, 2040, -5 * 3600),
            Utc(2040, 3, 11, 7));
  // M10.5.0: the last Sunday of October 2040, the 28th (01:00 GMT).
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kMonthWeekDay, 10, 5, 0, 3600}, 2040, 0),
            Utc(2040, 10, 28, 1));
  // M2.5.4: the last Thursday of February 2040 (a leap year): the 23rd (29th is a Wednesday).
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kMonthWeekDay, 2, 5, 4, 0}, 2040, 0), Utc(2040, 2, 23, 0));
  // J60 is March 1 in leap and common years; 59 (zero-based) is February 29 in a leap year.
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kJulian, 0, 0, 60, 0}, 2040, 0), Utc(2040, 3, 1, 0));
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kJulian, 0, 0, 60, 0}, 2041, 0), Utc(2041, 3, 1, 0));
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kZeroBased, 0, 0, 59, 0}, 2040, 0), Utc(2040, 2, 29, 0));
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kZeroBased, 0, 0, 59, 0}, 2041, 0), Utc(2041, 3, 1, 0));
  // Negative and over-24h times move the instant into the neighbouring days.
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kMonthWeekDay, 3, 5, 0, -3600}, 2040, -7200),
            Utc(2040, 3, 25, 1));  // Nuuk: Saturday 23:00 local (-02) before the last Sunday
  EXPECT_EQ(PosixTz::RuleInstant({PosixTz::Rule::Form::kJulian, 0, 0, 365, 25 * 3600}, 2041, -4 * 3600),
            Utc(2042, 1, 1, 5));
}

TEST(PosixTz, NewYorkAfter2037) {
  const auto ny = FromFooter("EST5EDT,M3.2.0,M11.1.0");
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 3, 11, 6, 59) + 59), -5 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 3, 11, 7)), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 7, 1, 12)), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 11, 4, 5, 59)), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2040, 11, 4, 6)), -5 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2099, 3, 8, 7)), -4 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2099, 11, 1, 6)), -5 * kHour);
  EXPECT_EQ(ny.OffsetAt(Utc(2099, 11, 1, 5, 59)), -4 * kHour);
}

TEST(PosixTz, LondonAndDublin) {
  const auto london = FromFooter("GMT0BST,M3.5.0/1,M10.5.0");
  EXPECT_EQ(london.OffsetAt(Utc(2040, 3, 25, 0, 59)), 0);
  EXPECT_EQ(london.OffsetAt(Utc(2040, 3, 25, 1)), kHour);
  EXPECT_EQ(london.OffsetAt(Utc(2040, 10, 28, 0, 59)), kHour);
  EXPECT_EQ(london.OffsetAt(Utc(2040, 10, 28, 1)), 0);
  // Dublin's negative DST lands on the same offsets: IST (+1) in summer, GMT in winter.
  PosixTz dublin = Parse("IST-1GMT0,M10.5.0,M3.5.0/1");
  ZoneRules rules = ZoneRules::Fixed("Europe/Dublin", 0);  // GMT in the winter of 2037/38
  ExtendZone(rules, dublin, Utc(2038, 1, 1, 0), 2100);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 1, 15, 12)), 0);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 3, 25, 0, 59)), 0);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 3, 25, 1)), kHour);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 10, 28, 0, 59)), kHour);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 10, 28, 1)), 0);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 12, 31, 23)), 0);
}

TEST(PosixTz, SydneySouthernHemisphere) {
  PosixTz sydney = Parse("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ZoneRules rules = ZoneRules::Fixed("Australia/Sydney", 11 * kHour);  // AEDT over New Year 2038
  ExtendZone(rules, sydney, Utc(2038, 1, 1, 0), 2100);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 1, 15, 0)), 11 * kHour);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 3, 31, 15, 59)), 11 * kHour);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 3, 31, 16)), 10 * kHour);  // Sun Apr 1 03:00 AEDT → 02:00 AEST
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 7, 1, 0)), 10 * kHour);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 10, 6, 15, 59)), 10 * kHour);
  EXPECT_EQ(rules.OffsetAt(Utc(2040, 10, 6, 16)), 11 * kHour);  // Sun Oct 7 02:00 AEST → 03:00 AEDT
}

TEST(PosixTz, ZonesWithoutDaylightTimeKeepTheirOffset) {
  for (const auto& [text, offset] : std::vector<std::pair<const char*, std::int64_t>>{
           {"KST-9", 9 * kHour}, {"IST-5:30", 5 * kHour + 1800}, {"<+05>-5", 5 * kHour}, {"<-03>3", -3 * kHour}}) {
    const auto rules = FromFooter(text);
    EXPECT_EQ(rules.periods.size(), 1u) << text;
    EXPECT_EQ(rules.OffsetAt(Utc(2070, 7, 1, 0)), offset) << text;
  }
}

TEST(PosixTz, NegativeAndFractionalTransitionTimes) {
  const auto nuuk = FromFooter("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
  EXPECT_EQ(nuuk.OffsetAt(Utc(2040, 3, 25, 0, 59)), -2 * kHour);
  EXPECT_EQ(nuuk.OffsetAt(Utc(2040, 3, 25, 1)), -1 * kHour);
  EXPECT_EQ(nuuk.OffsetAt(Utc(2040, 10, 28, 0, 59)), -1 * kHour);
  EXPECT_EQ(nuuk.OffsetAt(Utc(2040, 10, 28, 1)), -2 * kHour);
  const auto chatham = FromFooter("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45");
  EXPECT_EQ(chatham.OffsetAt(Utc(2040, 3, 31, 13, 59)), 13 * kHour + 45 * 60);
  EXPECT_EQ(chatham.OffsetAt(Utc(2040, 3, 31, 14)), 12 * kHour + 45 * 60);
  EXPECT_EQ(chatham.OffsetAt(Utc(2040, 9, 29, 13, 59)), 12 * kHour + 45 * 60);
  EXPECT_EQ(chatham.OffsetAt(Utc(2040, 9, 29, 14)), 13 * kHour + 45 * 60);
}

TEST(PosixTz, DaylightTimeAllYearMakesNoChanges) {
  // tzcode's way to write permanent DST: starts at 00:00 on Jan 1, ends 25:00 on Dec 31.
  const PosixTz tz = Parse("EST5EDT,0/0,J365/25");
  ZoneRules rules = ZoneRules::Fixed("test", -4 * kHour);
  ExtendZone(rules, tz, Utc(2038, 1, 1, 12), 2100);
  EXPECT_EQ(rules.periods.size(), 1u);
  EXPECT_EQ(rules.OffsetAt(Utc(2050, 1, 1, 4, 30)), -4 * kHour);
}

TEST(PosixTz, OnlyChangesAfterTheLastListedTransitionAreAdded) {
  const PosixTz tz = Parse("EST5EDT,M3.2.0,M11.1.0");
  ZoneRules rules = ZoneRules::Fixed("test", -5 * kHour);
  rules.periods.push_back({Utc(2037, 3, 8, 7), -4 * kHour});
  rules.periods.push_back({Utc(2037, 11, 1, 6), -5 * kHour});
  ExtendZone(rules, tz, Utc(2037, 11, 1, 6), 2039);
  ASSERT_EQ(rules.periods.size(), 7u);  // + 2038 and 2039, two changes each
  EXPECT_EQ(rules.periods[3].start, Utc(2038, 3, 14, 7));
  EXPECT_EQ(rules.periods[6].start, Utc(2039, 11, 6, 6));
  for (std::size_t i = 1; i < rules.periods.size(); ++i) {
    EXPECT_LT(rules.periods[i - 1].start, rules.periods[i].start);
    EXPECT_NE(rules.periods[i - 1].offset, rules.periods[i].offset);
  }
}

// POSIX offsets are 0 to 24 hours either way: 24:00:00 is the most, 24:00:01 and 24:59:59 are not
// offsets (nor is a rule time past 167:00:00).
TEST(PosixTz, OffsetsAreAtMost24Hours) {
  EXPECT_EQ(Parse("EST24").std_offset, -24 * kHour);
  EXPECT_EQ(Parse("EST-24:00:00").std_offset, 24 * kHour);
  for (const char* text : {"EST24:00:01", "EST-24:59:59", "EST5EDT24:30,M3.2.0,M11.1.0", "EST5EDT,M3.2.0/167:00:01,M11.1.0"}) {
    EXPECT_FALSE(ParsePosixTz(text)) << text;
  }
}

// The most extreme footer still gives periods in strictly increasing order: each year's start
// falls in the next year (Dec 31 + 167 h + 24 h) and its end in the year before.
TEST(PosixTz, ExtremeRulesStillGivePeriodsInOrder) {
  for (const char* text : {"EST24EDT-24,J365/167,0/-167", "EST-24EDT24,0/-167,J365/167", "EST24EDT-24,J365/-167,0/167"}) {
    const PosixTz tz = Parse(text);
    ZoneRules rules = ZoneRules::Fixed("test", tz.std_offset);
    rules.periods.push_back({Utc(2037, 6, 1, 0), tz.dst_offset});
    ExtendZone(rules, tz, Utc(2037, 6, 1, 0), 2100);
    ASSERT_GE(rules.periods.size(), 3u) << text;
    for (std::size_t i = 1; i < rules.periods.size(); ++i) {
      EXPECT_LT(rules.periods[i - 1].start, rules.periods[i].start) << text << " at " << i;
      EXPECT_NE(rules.periods[i - 1].offset, rules.periods[i].offset) << text << " at " << i;
    }
  }
}

}  // namespace
}  // namespace tierdesk::core
