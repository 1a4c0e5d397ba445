#include "app/calendar/calendar.hpp"

namespace tierdesk::app::calendar {
namespace {

Result<std::shared_ptr<const core::BusinessCalendar>> Built(const AppContext& ctx, const core::Actor& actor,
                                                            CalendarId id) {
  const auto calendar = TD_TRY(GetCalendar(ctx, actor, id));
  return ctx.calendars.Get(calendar, ctx.zones);
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
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(at);
  const auto next = TD_TRY(built->NextOpen(seconds.time_since_epoch().count()));
  return Timestamp{std::chrono::seconds(next)};
}

Result<Timestamp> AddBusinessTime(const AppContext& ctx, const core::Actor& actor, CalendarId id,
                                  Timestamp start, std::chrono::seconds duration) {
  const auto built = TD_TRY(Built(ctx, actor, id));
  return built->AddBusinessTime(start, duration);
}

}  // namespace tierdesk::app::calendar
