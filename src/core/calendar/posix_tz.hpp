// core/calendar/posix_tz.hpp
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/zone.hpp"
#include "core/common/result.hpp"

namespace tierdesk::core {

// A POSIX TZ rule string, as TZif files of version 2 and later carry it in their footer for the
// time after their last listed transition (RFC 8536 §3.3): "EST5EDT,M3.2.0,M11.1.0",
// "<+05>-5", "IST-1GMT0,M10.5.0,M3.5.0/1" (Dublin: "daylight" time is one hour behind, so DST is
// negative), "<-02>2<-01>,M3.5.0/-1,M10.5.0/0" (a transition time before midnight).
//
// Offsets here are seconds east of UTC (the POSIX text counts west, so its sign is flipped).
struct PosixTz {
  // A day of the year and the local time of day at which a change takes effect.
  struct Rule {
    enum class Form {
      kMonthWeekDay,  // Mm.w.d: weekday d (0 = Sunday) of week w (1..4; 5 = the last) of month m
      kJulian,        // Jn: day n, 1..365, never counting February 29
      kZeroBased,     // n: day n, 0..365, counting February 29
    };
    Form form = Form::kMonthWeekDay;
    int month = 0;
    int week = 0;
    int day = 0;      // weekday (kMonthWeekDay) or day number (kJulian, kZeroBased)
    std::int32_t time = 7200;  // seconds after local midnight, -167h..167h (RFC 8536 extension)
  };

  std::string std_name;
  std::int32_t std_offset = 0;
  bool has_dst = false;
  std::string dst_name;
  std::int32_t dst_offset = 0;  // default: one hour east of standard time
  Rule dst_start;               // in the standard time's wall clock
  Rule dst_end;                 // in daylight time's wall clock

  // The UTC instant at which a rule takes effect in a year, given the offset in force before it.
  static std::int64_t RuleInstant(const Rule& rule, int year, std::int32_t offset_before);
};

// kInvalidArgument when the text is not a POSIX TZ string. A string with a DST name but no rules
// takes the rules tzcode defaults to (M3.2.0,M11.1.0).
Result<PosixTz> ParsePosixTz(std::string_view text);

// Continues `rules` beyond its last period with the POSIX rule: appends each offset change the
// rule makes after `after` (a UTC instant, normally the last transition the tz file lists) up to
// the end of to_year. Changes to the offset already in force are not appended.
void ExtendZone(ZoneRules& rules, const PosixTz& tz, std::int64_t after, int to_year);

}  // namespace tierdesk::core
