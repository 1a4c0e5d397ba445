#include "app/calendar/calendar.hpp"

namespace tierdesk::app::calendar {
namespace {

Result<std::shared_ptr<const core::BusinessCalendar>> Built(const AppContext& ctx, const core::Actor& actor,
                                                            CalendarId id) {
  const auto calendar = TD_TRY(GetCalendar(ctx, actor, id));
  return ctx.calendars.Get(calendar, ctx.zones);
}

// The API's times lie in the years calendars cover; `field` names the parameter otherwise.
Status CheckCovered(const core::BusinessCalendar& calendar, Timestamp t, const char* field) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
  if (seconds < calendar.range_start() || seconds > calendar.range_end()) {
    return Fail(Error::InvalidArgument("the time is outside the years calendars cover",
                                       {{field, "must lie in the years 2000 to 2099"}}));
  }
  return Ok();
}

// With the input in range, what the calendar still refuses is the result: beyond 2099.
Error NamingResult(Error error) {
  if (error.code == ErrorCode::kInvalidArgument && error.fields.empty()) error.fields.push_back({"result", error.message});
  return error;
}

}  // namespace

Result<std::vector<core::Calendar>> ListCalendars(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadDirectory));
  return core::ReadValue<std::vector<core::Calendar>>(ctx.store,
                                                      [](core::ReadTx& tx) { return tx.ListCalendars(); });
}

Result<core::Calendar> GetCalendar(const AppContext& ctx, const core::Actor& actor, CalendarId id) {
  TD_CHECK(core::Require(actor, core::Action::kReadDirectory));
  return core::ReadValue<core::Calendar>(ctx.store, [&](core::ReadTx& tx) { return tx.GetCalendar(id); });
}

Result<Timestamp> NextOpen(const AppContext& ctx, const core::Actor& actor, CalendarId id, Timestamp at) {
  const auto built = TD_TRY(Built(ctx, actor, id));
  TD_CHECK(CheckCovered(*built, at, "at"));
  return built->NextOpen(at).map_error(NamingResult);
}

Result<Timestamp> AddBusinessTime(const AppContext& ctx, const core::Actor& actor, CalendarId id,
                                  Timestamp start, std::chrono::milliseconds duration) {
  const auto built = TD_TRY(Built(ctx, actor, id));
  TD_CHECK(CheckCovered(*built, start, "start"));
  return built->AddBusinessTime(start, duration).map_error(NamingResult);
}

}  // namespace tierdesk::app::calendar
