// app/calendar/calendar.hpp
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::calendar {

struct CalendarInput {
  std::string name;
  core::CalendarSpec spec;
};

// Admins and supervisors manage calendars; partner staff, providers and resellers read them.
Result<core::Calendar> CreateCalendar(const AppContext& ctx, const core::Actor& actor, CalendarInput input);
// Replaces name and spec; expected_version (If-Match) → kPreconditionFailed when stale.
Result<core::Calendar> ReplaceCalendar(const AppContext& ctx, const core::Actor& actor, CalendarId id,
                                       CalendarInput input, std::optional<std::int64_t> expected_version);
Status DeleteCalendar(const AppContext& ctx, const core::Actor& actor, CalendarId id);
Result<std::vector<core::Calendar>> ListCalendars(const AppContext& ctx, const core::Actor& actor);
Result<core::Calendar> GetCalendar(const AppContext& ctx, const core::Actor& actor, CalendarId id);

// For checking by hand: the first open instant at or after `at`, and `start` plus business time.
Result<Timestamp> NextOpen(const AppContext& ctx, const core::Actor& actor, CalendarId id, Timestamp at);
Result<Timestamp> AddBusinessTime(const AppContext& ctx, const core::Actor& actor, CalendarId id,
                                  Timestamp start, std::chrono::milliseconds duration);

}  // namespace tierdesk::app::calendar
