#include "adapters/tz/zone_loader.hpp"

#include <date/tz.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <optional>

#include "core/calendar/posix_tz.hpp"

namespace tierdesk::adapters::tz {
namespace {

// Where date/tz (built to use the system's tz database) reads the zones from.
constexpr const char* kZoneDirectory = "/usr/share/zoneinfo";

// The POSIX TZ footer of a TZif file of version 2 or later: what holds after the last transition
// the file lists. Empty for a version 1 file, an unreadable one or an empty footer.
std::string ReadFooter(std::string_view name) {
  std::ifstream file(std::string(kZoneDirectory) + "/" + std::string(name), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (bytes.size() < 6 || bytes.compare(0, 4, "TZif") != 0 || bytes[4] < '2' || bytes.back() != '\n') return {};
  const auto start = bytes.rfind('\n', bytes.size() - 2);
  if (start == std::string::npos) return {};
  return bytes.substr(start + 1, bytes.size() - start - 2);
}

}  // namespace

std::string ReadPosixFooterForTest(std::string_view name) { return ReadFooter(name); }

Result<core::ZoneRules> LoadZone(std::string_view name, int from_year, int to_year) {
  using namespace std::chrono;
  static std::mutex mutex;  // the tz database loads lazily on first use
  std::lock_guard lock(mutex);
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(name);
  } catch (const std::exception&) {
    return Fail(Error::InvalidArgument("unknown time zone '" + std::string(name) + "'",
                                       {{"time_zone", "is not an IANA time zone name"}}));
  }
  core::ZoneRules rules;
  rules.name = std::string(name);
  const auto end = date::sys_days{date::year{to_year} / 1 / 1};
  date::sys_seconds t = date::sys_days{date::year{from_year} / 1 / 1};
  // date/tz answers the time after the last transition a file lists with that transition's offset
  // for ever (its info ends in the year 32767); the file's footer has the rule that really holds.
  const auto beyond_any_file = date::sys_days{date::year{9000} / 1 / 1};
  std::optional<std::int64_t> last_listed;
  while (t < end) {
    const date::sys_info info = zone->get_info(t);
    const auto offset = static_cast<std::int32_t>(info.offset.count());
    if (rules.periods.empty() || rules.periods.back().offset != offset) {
      rules.periods.push_back({rules.periods.empty() ? std::numeric_limits<std::int64_t>::min()
                                                     : info.begin.time_since_epoch().count(),
                               offset});
    }
    if (info.end >= beyond_any_file) {
      last_listed = std::max(info.begin, date::sys_seconds{date::sys_days{date::year{from_year} / 1 / 1}})
                        .time_since_epoch()
                        .count();
      break;
    }
    if (info.end <= t) break;
    t = info.end;
  }
  if (last_listed) {
    // A footer that cannot be read leaves the last listed offset in force, as date/tz does.
    if (const auto footer = core::ParsePosixTz(ReadFooter(name))) {
      core::ExtendZone(rules, *footer, *last_listed, to_year);
    }
  }
  return rules;
}

Result<std::shared_ptr<const core::ZoneRules>> TzZoneDatabase::Load(std::string_view name) const {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const core::ZoneRules>, std::less<>> cache;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
  }
  auto rules = std::make_shared<const core::ZoneRules>(TD_TRY(LoadZone(name)));
  std::lock_guard lock(mutex);
  return cache.emplace(std::string(name), std::move(rules)).first->second;
}

}  // namespace tierdesk::adapters::tz
