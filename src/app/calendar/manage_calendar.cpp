#include "app/calendar/calendar.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::calendar {
namespace {

// Shape checks, and the time zone must exist and the calendar must build.
Status Validate(const AppContext& ctx, CalendarInput& input) {
  input.name = std::string(TrimAscii(input.name));
  std::vector<FieldError> errors;
  if (input.name.empty() || CodePointCount(input.name) > 100 || !IsValidUtf8(input.name) ||
      !HasNoControlCharacters(input.name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must be 1 to 100 characters, one line"});
  }
  for (const auto& holiday : input.spec.holidays) {
    if (CodePointCount(holiday.name) > 100 || !IsValidUtf8(holiday.name) ||
        !HasNoControlCharacters(holiday.name, AllowNewlines::kNo)) {
      errors.push_back({"holidays", "a holiday's name is at most 100 characters, one line"});
      break;
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the calendar is not valid", errors));
  TD_CHECK(core::ValidateCalendarSpec(input.spec));
  TD_CHECK(core::CheckHolidayYears(input.spec));
  const auto zone = TD_TRY(ctx.zones.Load(input.spec.time_zone));
  TD_TRY(core::BusinessCalendar::Build(input.spec, *zone));
  return Ok();
}

}  // namespace

Result<core::Calendar> CreateCalendar(const AppContext& ctx, const core::Actor& actor, CalendarInput input) {
  TD_CHECK(core::Require(actor, core::Action::kManageCalendars));
  TD_CHECK(Validate(ctx, input));
  const Timestamp now = ctx.clock.Now();
  core::Calendar calendar{{}, input.name, input.spec, 1, now, now};
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertCalendar(calendar));
    auto event = core::DirectoryEvent(actor.user_id, "calendar.created", "calendar", calendar.id.value, now);
    return tx.AppendEvent(event);
  }));
  return calendar;
}

Result<core::Calendar> ReplaceCalendar(const AppContext& ctx, const core::Actor& actor, CalendarId id,
                                       CalendarInput input, std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kManageCalendars));
  TD_CHECK(Validate(ctx, input));
  core::Calendar calendar;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    calendar = TD_TRY(tx.GetCalendar(id));
    TD_CHECK(CheckVersion(expected_version, calendar.version, "calendar"));
    const auto loaded_version = calendar.version;
    calendar.name = input.name;
    calendar.spec = input.spec;
    calendar.version = loaded_version + 1;
    calendar.updated_at = ctx.clock.Now();
    TD_CHECK(tx.UpdateCalendar(calendar, loaded_version));
    auto event = core::DirectoryEvent(actor.user_id, "calendar.updated", "calendar", id.value, calendar.updated_at);
    return tx.AppendEvent(event);
  }));
  return calendar;
}

Status DeleteCalendar(const AppContext& ctx, const core::Actor& actor, CalendarId id) {
  TD_CHECK(core::Require(actor, core::Action::kManageCalendars));
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    // A plan, shift, provider contract or rule on a deleted calendar would silently count around
    // the clock (and new tickets fail): refuse while anything uses it.
    TD_TRY(tx.GetCalendar(id));  // 404 before 409
    const auto references = TD_TRY(tx.CalendarReferences(id));
    if (!references.empty()) return Fail(InUse("calendar", id.value, references));
    TD_CHECK(tx.DeleteCalendar(id));
    auto event = core::DirectoryEvent(actor.user_id, "calendar.deleted", "calendar", id.value, ctx.clock.Now());
    return tx.AppendEvent(event);
  });
}

}  // namespace tierdesk::app::calendar
