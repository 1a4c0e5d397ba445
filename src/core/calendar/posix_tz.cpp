#include "core/calendar/posix_tz.hpp"

#include <algorithm>
#include <optional>

#include "core/calendar/calendar.hpp"

namespace tierdesk::core {
namespace {

constexpr std::int64_t kDay = 86400;

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0);
}

// Reads a POSIX TZ string from the front, one element at a time.
class Reader {
 public:
  explicit Reader(std::string_view text) : rest_(text) {}

  bool done() const { return rest_.empty(); }
  bool Peek(char c) const { return !rest_.empty() && rest_.front() == c; }
  bool Take(char c) {
    if (!Peek(c)) return false;
    rest_.remove_prefix(1);
    return true;
  }

  // A zone abbreviation: three or more letters, or "<...>" of letters, digits, '+' and '-'.
  std::optional<std::string> Name() {
    std::size_t length = 0;
    if (Take('<')) {
      while (length < rest_.size() && (IsAlnum(rest_[length]) || rest_[length] == '+' || rest_[length] == '-')) {
        ++length;
      }
      if (length < 3 || length >= rest_.size() || rest_[length] != '>') return std::nullopt;
      std::string name(rest_.substr(0, length));
      rest_.remove_prefix(length + 1);
      return name;
    }
    while (length < rest_.size() && IsAlpha(rest_[length])) ++length;
    if (length < 3) return std::nullopt;
    std::string name(rest_.substr(0, length));
    rest_.remove_prefix(length);
    return name;
  }

  // [+-]h[h][:mm[:ss]] in seconds, at most max_hours:00:00 either way (POSIX: an offset's hours
  // are 0 to 24, so 24:59:59 is not one).
  std::optional<std::int32_t> Time(int max_hours) {
    int sign = 1;
    if (Take('-')) {
      sign = -1;
    } else {
      Take('+');
    }
    const auto hours = Number(3);
    if (!hours || *hours > max_hours) return std::nullopt;
    int minutes = 0, seconds = 0;
    if (Take(':')) {
      const auto m = Number(2);
      if (!m || *m > 59) return std::nullopt;
      minutes = *m;
      if (Take(':')) {
        const auto s = Number(2);
        if (!s || *s > 59) return std::nullopt;
        seconds = *s;
      }
    }
    const int total = *hours * 3600 + minutes * 60 + seconds;
    if (total > max_hours * 3600) return std::nullopt;
    return sign * total;
  }

  std::optional<PosixTz::Rule> Rule() {
    PosixTz::Rule rule;
    if (Take('M')) {
      const auto month = Number(2);
      if (!month || *month < 1 || *month > 12 || !Take('.')) return std::nullopt;
      const auto week = Number(1);
      if (!week || *week < 1 || *week > 5 || !Take('.')) return std::nullopt;
      const auto day = Number(1);
      if (!day || *day > 6) return std::nullopt;
      rule.form = PosixTz::Rule::Form::kMonthWeekDay;
      rule.month = *month;
      rule.week = *week;
      rule.day = *day;
    } else if (Take('J')) {
      const auto day = Number(3);
      if (!day || *day < 1 || *day > 365) return std::nullopt;
      rule.form = PosixTz::Rule::Form::kJulian;
      rule.day = *day;
    } else {
      const auto day = Number(3);
      if (!day || *day > 365) return std::nullopt;
      rule.form = PosixTz::Rule::Form::kZeroBased;
      rule.day = *day;
    }
    if (Take('/')) {
      const auto time = Time(167);
      if (!time) return std::nullopt;
      rule.time = *time;
    }
    return rule;
  }

 private:
  static bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }

  // One to max_digits decimal digits.
  std::optional<int> Number(std::size_t max_digits) {
    std::size_t length = 0;
    int value = 0;
    while (length < rest_.size() && length < max_digits && IsDigit(rest_[length])) {
      value = value * 10 + (rest_[length] - '0');
      ++length;
    }
    if (length == 0 || (length < rest_.size() && IsDigit(rest_[length]))) return std::nullopt;
    rest_.remove_prefix(length);
    return value;
  }

  std::string_view rest_;
};

}  // namespace

Result<PosixTz> ParsePosixTz(std::string_view text) {
  const auto bad = [&text] {
    return Fail(Error::InvalidArgument("'" + std::string(text) + "' is not a POSIX TZ string"));
  };
  Reader reader(text);
  PosixTz tz;
  const auto std_name = reader.Name();
  const auto std_offset = std_name ? reader.Time(24) : std::nullopt;
  if (!std_offset) return bad();
  tz.std_name = *std_name;
  tz.std_offset = -*std_offset;
  if (reader.done()) return tz;

  const auto dst_name = reader.Name();
  if (!dst_name) return bad();
  tz.has_dst = true;
  tz.dst_name = *dst_name;
  tz.dst_offset = tz.std_offset + 3600;
  if (!reader.Peek(',') && !reader.done()) {
    const auto dst_offset = reader.Time(24);
    if (!dst_offset) return bad();
    tz.dst_offset = -*dst_offset;
  }
  if (reader.done()) {
    // No rules: tzcode's default, the United States' rules since 2007.
    tz.dst_start = {PosixTz::Rule::Form::kMonthWeekDay, 3, 2, 0, 7200};
    tz.dst_end = {PosixTz::Rule::Form::kMonthWeekDay, 11, 1, 0, 7200};
    return tz;
  }
  if (!reader.Take(',')) return bad();
  const auto start = reader.Rule();
  if (!start || !reader.Take(',')) return bad();
  const auto end = reader.Rule();
  if (!end || !reader.done()) return bad();
  tz.dst_start = *start;
  tz.dst_end = *end;
  return tz;
}

std::int64_t PosixTz::RuleInstant(const Rule& rule, int year, std::int32_t offset_before) {
  std::int64_t day = 0;  // days since 1970-01-01
  switch (rule.form) {
    case Rule::Form::kJulian:
      // Day 60 is March 1 in every year: February 29 is never counted.
      day = DaysFromCivil(year, 1, 1) + rule.day - 1 + (IsLeap(year) && rule.day >= 60 ? 1 : 0);
      break;
    case Rule::Form::kZeroBased:
      day = DaysFromCivil(year, 1, 1) + rule.day;
      break;
    case Rule::Form::kMonthWeekDay: {
      const std::int64_t first = DaysFromCivil(year, rule.month, 1);
      // 1970-01-01 was a Thursday (4 when Sunday is 0).
      const int first_weekday = static_cast<int>(((first % 7) + 7 + 4) % 7);
      int date = 1 + (rule.day - first_weekday + 7) % 7 + (rule.week - 1) * 7;
      while (date > DaysInMonth(year, rule.month)) date -= 7;  // week 5: the last such weekday
      day = first + date - 1;
      break;
    }
  }
  return day * kDay + rule.time - offset_before;
}

void ExtendZone(ZoneRules& rules, const PosixTz& tz, std::int64_t after, int to_year) {
  const auto append = [&rules, after](std::int64_t at, std::int32_t offset) {
    // Periods start strictly later than the one before (the zone's listed ones too).
    if (at <= after || (!rules.periods.empty() && at < rules.periods.back().start)) return;
    if (!rules.periods.empty() && rules.periods.back().start == at) {
      rules.periods.back().offset = offset;  // two changes at one instant: the later one holds
    } else {
      rules.periods.push_back({at, offset});
    }
    // Drop a period that changes nothing.
    const std::size_t n = rules.periods.size();
    if (n >= 2 && rules.periods[n - 2].offset == rules.periods[n - 1].offset) rules.periods.pop_back();
  };
  const std::int64_t end = DaysFromCivil(to_year + 1, 1, 1) * kDay;
  if (!tz.has_dst) {
    append(after + 1, tz.std_offset);  // nothing, when the tz file ends on this offset (it should)
    return;
  }
  // The first year whose changes can fall after `after`, with days of margin for the times of
  // day (up to 167 hours); never before 1900.
  int year = 1900;
  if (after > DaysFromCivil(1900, 1, 1) * kDay) {
    const std::int64_t after_day = after / kDay;  // toward zero: at most a day early
    year = 1970 + static_cast<int>(after_day / 366) - 1;
    while (DaysFromCivil(year + 1, 1, 1) <= after_day - 8) ++year;
  }

  struct Change {
    std::int64_t at;
    std::int32_t offset;
  };
  std::vector<Change> changes;
  for (; year <= to_year; ++year) {
    changes.push_back({PosixTz::RuleInstant(tz.dst_start, year, tz.std_offset), tz.dst_offset});
    changes.push_back({PosixTz::RuleInstant(tz.dst_end, year, tz.dst_offset), tz.std_offset});
  }
  // In time order: DST may end earlier in the year than it starts (southern hemisphere, Dublin's
  // negative DST), and with times of day up to 167 hours one year's change may fall after the
  // next year's. Stable, so that of two changes at one instant the later-made one holds.
  std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.at < b.at; });
  for (const auto& change : changes) {
    if (change.at < end) append(change.at, change.offset);
  }
}

}  // namespace tierdesk::core
