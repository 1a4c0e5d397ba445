#include "core/calendar/zone.hpp"

#include <algorithm>
#include <limits>

namespace tierdesk::core {

ZoneRules ZoneRules::Fixed(std::string name, std::int32_t offset) {
  return ZoneRules{std::move(name), {{std::numeric_limits<std::int64_t>::min(), offset}}};
}

std::int32_t ZoneRules::OffsetAt(std::int64_t utc) const {
  auto it = std::upper_bound(periods.begin(), periods.end(), utc,
                             [](std::int64_t t, const Period& p) { return t < p.start; });
  return it == periods.begin() ? periods.front().offset : std::prev(it)->offset;
}

}  // namespace tierdesk::core
