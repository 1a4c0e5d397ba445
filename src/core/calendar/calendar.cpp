#include "core/calendar/calendar.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace tierdesk::core {
namespace {

constexpr std::int64_t kDay = 86400;

struct Span {
  std::int64_t start;
  std::int64_t end;
};

// Sorts and merges overlapping or touching spans.
std::vector<Span> Normalise(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  std::vector<Span> out;
  for (const auto& span : spans) {
    if (span.end <= span.start) continue;
    if (!out.empty() && span.start <= out.back().end) {
      out.back().end = std::max(out.back().end, span.end);
    } else {
      out.push_back(span);
    }
  }
  return out;
}

// open minus closed; both normalised.
std::vector<Span> Subtract(const std::vector<Span>& open, const std::vector<Span>& closed) {
  std::vector<Span> out;
  std::size_t c = 0;
  for (Span span : open) {
    while (c < closed.size() && closed[c].end <= span.start) ++c;
    std::size_t k = c;
    while (k < closed.size() && closed[k].start < span.end) {
      if (closed[k].start > span.start) out.push_back({span.start, closed[k].start});
      span.start = std::max(span.start, closed[k].end);
      if (span.start >= span.end) break;
      ++k;
    }
    if (span.start < span.end) out.push_back(span);
  }
  return out;
}

constexpr std::int64_t kMillis = 1000;
constexpr const char* kBeyondRange = "the result lies beyond 2099, the last year calendars cover";

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0); }

int WeekdayOfDays(std::int64_t days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

}  // namespace

std::int64_t DaysFromCivil(int year, int month, int day) {
  // Howard Hinnant's days_from_civil.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

bool IsValidCivilDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

Status ValidateCalendarSpec(const CalendarSpec& spec) {
  std::vector<FieldError> errors;
  if (!spec.always_open && spec.intervals.empty()) {
    errors.push_back({"intervals", "a calendar that is not 24x7 needs at least one opening interval"});
  }
  for (const auto& interval : spec.intervals) {
    if (interval.weekday < 0 || interval.weekday > 6 || interval.start < 0 || interval.start >= kDay ||
        interval.end < 0 || interval.end >= kDay) {
      errors.push_back({"intervals", "weekday is mon..sun and times are 00:00 to 23:59"});
      break;
    }
  }
  for (const auto& holiday : spec.holidays) {
    const int year = holiday.year == 0 ? 2000 : holiday.year;  // a leap year admits 02-29
    if (!IsValidCivilDate(year, holiday.month, holiday.day)) {
      errors.push_back({"holidays", "has a date that does not exist"});
      break;
    }
    if (holiday.start < 0 || holiday.end > kDay || holiday.start >= holiday.end) {
      errors.push_back({"holidays", "a partial holiday closes from a time to a later time the same day"});
      break;
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the calendar is not valid", errors));
  return Ok();
}

Status CheckHolidayYears(const CalendarSpec& spec) {
  for (const auto& holiday : spec.holidays) {
    if (holiday.year != 0 && (holiday.year < kCalendarFirstYear || holiday.year > kCalendarLastYear)) {
      return Fail(Error::InvalidArgument("the calendar is not valid",
                                         {{"holidays", "dates lie in the years 2000 to 2099 (MM-DD for every year)"}}));
    }
  }
  return Ok();
}

Result<BusinessCalendar> BusinessCalendar::Build(const CalendarSpec& spec, const ZoneRules& zone,
                                                 int from_year, int to_year) {
  TD_CHECK(ValidateCalendarSpec(spec));
  if (zone.periods.empty() || from_year >= to_year) {
    return Fail(Error::InvalidArgument("the calendar needs a time zone and a range of years"));
  }
  BusinessCalendar calendar;
  calendar.always_open_ = spec.always_open;
  const std::int64_t first_day = DaysFromCivil(from_year, 1, 1);
  const std::int64_t last_day = DaysFromCivil(to_year, 1, 1);  // exclusive
  // The range in UTC: local midnights converted with the offsets around them.
  calendar.range_start_ = first_day * kDay - zone.OffsetAt(first_day * kDay);
  calendar.range_end_ = last_day * kDay - zone.OffsetAt(last_day * kDay);
  if (spec.always_open) return calendar;

  // 1. The open set in local wall-clock seconds: the weekly intervals on every date (one day of
  //    margin each side), minus the holidays.
  std::vector<Span> local_open;
  std::vector<Span> local_closed;
  for (std::int64_t day = first_day - 1; day <= last_day; ++day) {
    const int weekday = WeekdayOfDays(day);
    for (const auto& interval : spec.intervals) {
      if (interval.weekday != weekday) continue;
      const std::int64_t start = day * kDay + interval.start;
      const std::int64_t end = day * kDay + interval.end + (interval.end <= interval.start ? kDay : 0);
      local_open.push_back({start, end});
    }
  }
  for (int year = from_year - 1; year <= to_year; ++year) {
    for (const auto& holiday : spec.holidays) {
      if (holiday.year != 0 && holiday.year != year) continue;
      if (!IsValidCivilDate(year, holiday.month, holiday.day)) continue;  // 02-29, yearly
      const std::int64_t day = DaysFromCivil(year, holiday.month, holiday.day);
      local_closed.push_back({day * kDay + holiday.start, day * kDay + holiday.end});
    }
  }
  const std::vector<Span> local = Subtract(Normalise(std::move(local_open)), Normalise(std::move(local_closed)));

  // 2. Each period of constant offset maps a window of local time to UTC one to one: intersect
  //    and shift. Gaps and repeats at DST changes fall out of this exactly.
  std::vector<Span> utc;
  std::size_t cursor = 0;
  for (std::size_t p = 0; p < zone.periods.size(); ++p) {
    const std::int64_t period_start = std::max(zone.periods[p].start, calendar.range_start_ - kDay);
    const std::int64_t period_end = std::min(p + 1 < zone.periods.size() ? zone.periods[p + 1].start
                                                                          : std::numeric_limits<std::int64_t>::max(),
                                             calendar.range_end_ + kDay);
    if (period_start >= period_end) continue;
    const std::int64_t offset = zone.periods[p].offset;
    const std::int64_t window_start = period_start + offset;
    const std::int64_t window_end = period_end + offset;
    // Local spans are sorted; windows may step back (fall back), so search from the window.
    cursor = static_cast<std::size_t>(std::lower_bound(local.begin(), local.end(), window_start,
                                                       [](const Span& s, std::int64_t t) { return s.end <= t; }) -
                                      local.begin());
    for (std::size_t k = cursor; k < local.size() && local[k].start < window_end; ++k) {
      const std::int64_t start = std::max(local[k].start, window_start) - offset;
      const std::int64_t end = std::min(local[k].end, window_end) - offset;
      if (start < end) utc.push_back({start, end});
    }
  }
  utc = Normalise(std::move(utc));
  std::int64_t total = 0;
  for (const auto& span : utc) {
    calendar.starts_.push_back(span.start);
    calendar.ends_.push_back(span.end);
    calendar.before_.push_back(total);
    total += span.end - span.start;
  }
  return calendar;
}

Status BusinessCalendar::CheckRange(std::int64_t t) const {
  if (t < range_start_ || t > range_end_) {
    return Fail(Error::InvalidArgument("the time is outside the years calendars cover, 2000 to 2099"));
  }
  return Ok();
}

std::int64_t BusinessCalendar::OpenBefore(std::int64_t t) const {
  if (always_open_) return t - range_start_;
  // The last interval starting at or before t.
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
  if (it == starts_.begin()) return 0;
  const auto k = static_cast<std::size_t>(it - starts_.begin()) - 1;
  return before_[k] + std::min(t, ends_[k]) - starts_[k];
}

bool BusinessCalendar::IsOpen(std::int64_t t) const {
  if (always_open_) return t >= range_start_ && t < range_end_;
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
  if (it == starts_.begin()) return false;
  return t < ends_[static_cast<std::size_t>(it - starts_.begin()) - 1];
}

Result<std::int64_t> BusinessCalendar::BusinessTimeBetween(std::int64_t a, std::int64_t b) const {
  TD_CHECK(CheckRange(a));
  TD_CHECK(CheckRange(b));
  return OpenBefore(b) - OpenBefore(a);
}

Result<std::int64_t> BusinessCalendar::AddBusinessTime(std::int64_t start, std::int64_t duration) const {
  TD_CHECK(CheckRange(start));
  if (duration < 0) return Fail(Error::InvalidArgument("the duration must not be negative"));
  if (duration == 0) return start;
  // Whole seconds are whole milliseconds: one search serves both.
  const auto result = TD_TRY(InstantAfterOpenMillis(OpenBefore(start) * kMillis + duration * kMillis));
  return result / kMillis;
}

Result<std::int64_t> BusinessCalendar::NextOpen(std::int64_t t) const {
  TD_CHECK(CheckRange(t));
  if (IsOpen(t)) return t;
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
  // An opening at the range's end (local midnight of Jan 1 after it) lies outside it too.
  if (always_open_ || it == starts_.end() || *it >= range_end_) {
    return Fail(Error::InvalidArgument(kBeyondRange));
  }
  return *it;
}

std::int64_t BusinessCalendar::OpenBeforeMillis(std::int64_t t) const {
  const std::int64_t second = FloorDiv(t, kMillis);
  return OpenBefore(second) * kMillis + (IsOpen(second) ? t - second * kMillis : 0);
}

Result<std::int64_t> BusinessCalendar::InstantAfterOpenMillis(std::int64_t open) const {
  std::int64_t result = 0;
  if (always_open_) {
    result = range_start_ * kMillis + open;
  } else {
    // Whole seconds q and a fraction f: the instant is f into the open second numbered q (counting
    // from 0), or, with no fraction, the end of open second q - 1 (the earliest instant reaching it).
    const std::int64_t q = open / kMillis, f = open % kMillis;
    const std::int64_t needed = q + (f > 0 ? 1 : 0);  // open seconds that must lie before the end
    // The first interval whose end reaches them: before_[k] + length_k >= needed.
    std::size_t low = 0, high = starts_.size();
    while (low < high) {
      const std::size_t mid = (low + high) / 2;
      if (before_[mid] + (ends_[mid] - starts_[mid]) >= needed) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    if (low == starts_.size()) return Fail(Error::InvalidArgument(kBeyondRange));
    result = (starts_[low] + (q - before_[low])) * kMillis + f;
  }
  if (result > range_end_ * kMillis) return Fail(Error::InvalidArgument(kBeyondRange));
  return result;
}

Result<Timestamp> BusinessCalendar::AddBusinessTime(Timestamp start, std::chrono::milliseconds duration) const {
  const std::int64_t t = ToUnixMillis(start);
  TD_CHECK(CheckRange(FloorDiv(t, kMillis)));
  if (duration.count() < 0) return Fail(Error::InvalidArgument("the duration must not be negative"));
  if (duration.count() == 0) return start;
  return FromUnixMillis(TD_TRY(InstantAfterOpenMillis(OpenBeforeMillis(t) + duration.count())));
}

Result<std::chrono::milliseconds> BusinessCalendar::BusinessTimeBetween(Timestamp a, Timestamp b) const {
  const std::int64_t a_ms = ToUnixMillis(a), b_ms = ToUnixMillis(b);
  TD_CHECK(CheckRange(FloorDiv(a_ms, kMillis)));
  TD_CHECK(CheckRange(FloorDiv(b_ms, kMillis)));
  return std::chrono::milliseconds(OpenBeforeMillis(b_ms) - OpenBeforeMillis(a_ms));
}

Result<Timestamp> BusinessCalendar::NextOpen(Timestamp t) const {
  const std::int64_t t_ms = ToUnixMillis(t);
  const std::int64_t second = FloorDiv(t_ms, kMillis);
  TD_CHECK(CheckRange(second));
  if (IsOpen(second)) return t;  // the whole second is open, so t itself is
  // Otherwise the next opening is a whole second after t.
  return FromUnixMillis(TD_TRY(NextOpen(second)) * kMillis);
}

std::string EncodeCalendarSpec(const CalendarSpec& spec) {
  std::string out = "tz " + spec.time_zone + "\nalways " + (spec.always_open ? "1" : "0") + "\n";
  for (const auto& i : spec.intervals) {
    out += "i " + std::to_string(i.weekday) + " " + std::to_string(i.start) + " " + std::to_string(i.end) + "\n";
  }
  for (const auto& h : spec.holidays) {
    // The name runs to the end of the line; names are single-line (validated by the caller).
    out += "h " + std::to_string(h.year) + " " + std::to_string(h.month) + " " + std::to_string(h.day) + " " +
           std::to_string(h.start) + " " + std::to_string(h.end) + " " + h.name + "\n";
  }
  return out;
}

Result<CalendarSpec> DecodeCalendarSpec(std::string_view text) {
  CalendarSpec spec;
  const auto corrupt = [] { return Fail(Error::Internal("a stored calendar cannot be read")); };
  // Reads the next space-separated integer from rest.
  const auto next_int = [](std::string_view& rest, int& out) {
    const auto space = rest.find(' ');
    const auto token = rest.substr(0, space);
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), out);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    return ec == std::errc() && end == token.data() + token.size();
  };
  while (!text.empty()) {
    const auto line_end = text.find('\n');
    const std::string_view line = text.substr(0, line_end);
    text = line_end == std::string_view::npos ? std::string_view() : text.substr(line_end + 1);
    const auto space = line.find(' ');
    if (space == std::string_view::npos) return corrupt();
    const std::string_view key = line.substr(0, space);
    std::string_view rest = line.substr(space + 1);
    if (key == "tz") {
      spec.time_zone = std::string(rest);
    } else if (key == "always") {
      spec.always_open = rest == "1";
    } else if (key == "i") {
      CalendarSpec::Interval i;
      if (!next_int(rest, i.weekday) || !next_int(rest, i.start) || !next_int(rest, i.end)) return corrupt();
      spec.intervals.push_back(i);
    } else if (key == "h") {
      CalendarSpec::Holiday h;
      if (!next_int(rest, h.year) || !next_int(rest, h.month) || !next_int(rest, h.day) ||
          !next_int(rest, h.start) || !next_int(rest, h.end)) {
        return corrupt();
      }
      h.name = std::string(rest);  // the rest of the line
      spec.holidays.push_back(h);
    } else {
      return corrupt();
    }
  }
  return spec;
}

}  // namespace tierdesk::core
