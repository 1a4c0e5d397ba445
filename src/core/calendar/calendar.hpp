// core/calendar/calendar.hpp
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/zone.hpp"
#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tierdesk::core {

// When a team or a plan is open, in the calendar's own time zone (wall-clock time).
struct CalendarSpec {
  struct Interval {
    int weekday = 0;   // 0 = Monday ... 6 = Sunday
    int start = 0;     // seconds after local midnight, 0..86399
    int end = 0;       // seconds after local midnight; end <= start crosses midnight
  };
  struct Holiday {
    int year = 0;      // 0: every year (yearly); else the one year
    int month = 1;
    int day = 1;
    int start = 0;     // closed from, seconds after local midnight
    int end = 86400;   // closed until; 0..86400 is the whole day
    std::string name;
  };
  std::string time_zone = "UTC";
  bool always_open = false;  // 24x7: intervals and holidays are ignored
  std::vector<Interval> intervals;
  std::vector<Holiday> holidays;
};

// The years business-time arithmetic covers (docs/api.md "Calendars"): results beyond them and
// holidays dated outside them are refused.
inline constexpr int kCalendarFirstYear = 2000;
inline constexpr int kCalendarLastYear = 2099;

// Field-level checks of a spec (ranges, a valid date for each holiday, at least one interval
// unless 24x7).
Status ValidateCalendarSpec(const CalendarSpec& spec);

// Business time in a calendar: the primitives on whole seconds, the Timestamp overloads exact to
// the millisecond. A UTC instant t is open when its local wall-clock time (t + the zone's offset
// at t) falls in one of the weekly intervals and not in a holiday. So across a DST change an interval lasts the real time it spans: 01:00-04:00 on a
// spring-forward night is two hours, on a fall-back night four.
//
// Built once (a few milliseconds for a century) into sorted UTC intervals with running sums, so
// both primitives are binary searches. Immutable after construction, so thread-safe.
class BusinessCalendar {
 public:
  // Covers local dates from Jan 1 of from_year to Jan 1 of to_year; outside that range the
  // primitives answer kInvalidArgument, also for a result that would lie beyond it.
  static Result<BusinessCalendar> Build(const CalendarSpec& spec, const ZoneRules& zone,
                                        int from_year = kCalendarFirstYear, int to_year = kCalendarLastYear + 1);

  // The earliest instant r >= start with BusinessTimeBetween(start, r) == duration.
  Result<std::int64_t> AddBusinessTime(std::int64_t start, std::int64_t duration_seconds) const;
  // Open seconds in [a, b); negative when b < a.
  Result<std::int64_t> BusinessTimeBetween(std::int64_t a, std::int64_t b) const;
  // The first open instant at or after t.
  Result<std::int64_t> NextOpen(std::int64_t t) const;
  bool IsOpen(std::int64_t t) const;

  // The same three on instants, exact to the millisecond. The open set's boundaries are whole
  // seconds, so each second is open or closed as a whole and a fraction of one counts in full:
  // 09:59:59.250 in an interval that ends at 10:00 has 750 ms of business time left that day.
  // Every use (the API's next-open and add, SLA clocks) goes through these, so they agree exactly.
  Result<Timestamp> AddBusinessTime(Timestamp start, std::chrono::milliseconds duration) const;
  Result<std::chrono::milliseconds> BusinessTimeBetween(Timestamp a, Timestamp b) const;
  Result<Timestamp> NextOpen(Timestamp t) const;

  std::int64_t range_start() const { return range_start_; }
  std::int64_t range_end() const { return range_end_; }
  std::size_t interval_count() const { return starts_.size(); }

 private:
  // Open seconds in [range_start_, t).
  std::int64_t OpenBefore(std::int64_t t) const;
  // Open milliseconds in [range_start_, t) for t in milliseconds.
  std::int64_t OpenBeforeMillis(std::int64_t t) const;
  // The earliest instant (milliseconds) at which `open` milliseconds lie in [range_start_, it).
  Result<std::int64_t> InstantAfterOpenMillis(std::int64_t open) const;
  Status CheckRange(std::int64_t t) const;

  bool always_open_ = false;
  std::int64_t range_start_ = 0;
  std::int64_t range_end_ = 0;
  std::vector<std::int64_t> starts_;  // UTC interval starts, sorted
  std::vector<std::int64_t> ends_;    // matching ends; intervals are disjoint and not adjacent
  std::vector<std::int64_t> before_;  // open seconds before each interval
};

// A holiday dated outside kCalendarFirstYear..kCalendarLastYear is kInvalidArgument naming
// `holidays` (checked for new and changed calendars; stored ones keep building).
Status CheckHolidayYears(const CalendarSpec& spec);

// A named calendar as stored: the spec and a version that every change bumps.
struct Calendar {
  CalendarId id;
  std::string name;
  CalendarSpec spec;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

// A compact, line-based text form of a spec for storage (no JSON library in the core).
std::string EncodeCalendarSpec(const CalendarSpec& spec);
Result<CalendarSpec> DecodeCalendarSpec(std::string_view text);

// Reads time zones (the tz database lives outside the core). Thread-safe.
class ZoneDatabase {
 public:
  virtual ~ZoneDatabase() = default;
  // kInvalidArgument for a name the database does not know. The rules are shared and immutable.
  virtual Result<std::shared_ptr<const ZoneRules>> Load(std::string_view name) const = 0;
};

// Days since 1970-01-01 for a civil date (proleptic Gregorian), and back.
std::int64_t DaysFromCivil(int year, int month, int day);
bool IsValidCivilDate(int year, int month, int day);

}  // namespace tierdesk::core
