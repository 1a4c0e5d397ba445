#include "core/common/time.hpp"

#include <charconv>
#include <cstdio>

namespace tierdesk {

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::int64_t ToUnixMillis(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp FromUnixMillis(std::int64_t ms) { return Timestamp{std::chrono::milliseconds{ms}}; }

std::string FormatTimestamp(Timestamp t) {
  using namespace std::chrono;
  const auto days = floor<std::chrono::days>(t);
  const year_month_day ymd{days};
  const hh_mm_ss<milliseconds> hms{t - days};
  const int year = int(ymd.year());
  char buffer[32];
  if (year < 0 || year > 9999) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", year,
                  unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                  long(hms.minutes().count()), long(hms.seconds().count()),
                  long(hms.subseconds().count()));
    return buffer;
  }
  // Every response carries several timestamps: digits by hand rather than through printf.
  std::string out = "0000-00-00T00:00:00.000Z";
  const auto put = [&out](std::size_t at, long value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  put(5, long(unsigned(ymd.month())), 2);
  put(8, long(unsigned(ymd.day())), 2);
  put(11, long(hms.hours().count()), 2);
  put(14, long(hms.minutes().count()), 2);
  put(17, long(hms.seconds().count()), 2);
  put(20, long(hms.subseconds().count()), 3);
  return out;
}

namespace {

bool ReadInt(std::string_view& text, std::size_t digits, int& out) {
  if (text.size() < digits) return false;
  for (std::size_t i = 0; i < digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data(), text.data() + digits, out);
  text.remove_prefix(digits);
  return true;
}

bool Expect(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<Timestamp> ParseTimestamp(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!ReadInt(text, 4, y) || !Expect(text, '-') || !ReadInt(text, 2, mo) || !Expect(text, '-') ||
      !ReadInt(text, 2, d)) {
    return std::nullopt;
  }
  if (text.empty() || (text.front() != 'T' && text.front() != 't' && text.front() != ' ')) {
    return std::nullopt;
  }
  text.remove_prefix(1);
  if (!ReadInt(text, 2, h) || !Expect(text, ':') || !ReadInt(text, 2, mi) || !Expect(text, ':') ||
      !ReadInt(text, 2, s)) {
    return std::nullopt;
  }
  int millis = 0;
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    int scale = 100;
    std::size_t count = 0;
    while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
      if (scale > 0) millis += (text.front() - '0') * scale;
      scale /= 10;
      text.remove_prefix(1);
      ++count;
    }
    if (count == 0) return std::nullopt;
  }
  int offset_minutes = 0;
  if (!text.empty() && (text.front() == 'Z' || text.front() == 'z')) {
    text.remove_prefix(1);
  } else if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    const int sign = text.front() == '-' ? -1 : 1;
    text.remove_prefix(1);
    int oh = 0, om = 0;
    if (!ReadInt(text, 2, oh) || !Expect(text, ':') || !ReadInt(text, 2, om)) return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (!text.empty()) return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{millis} -
                 minutes{offset_minutes};
  return time_point_cast<milliseconds>(t);
}

}  // namespace tierdesk
