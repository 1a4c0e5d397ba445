// Time entries after they were logged: corrections, before and after their period closed, and timers.
#include <algorithm>

#include "app/billing/billing.hpp"
#include "app/routing/routing.hpp"
#include "app/sla/sla.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::billing {

Result<std::int64_t> AfterHoursMinutes(const AppContext& ctx, core::ReadTx& tx, const std::optional<core::Plan>& plan,
                                       core::Activity activity, Timestamp worked_at, std::int64_t minutes) {
  std::shared_ptr<const core::BusinessCalendar> service_hours;
  if (plan && plan->service_hours.valid() && activity != core::Activity::kCallOut) {
    const auto calendar = TD_TRY(tx.GetCalendar(plan->service_hours));
    service_hours = TD_TRY(ctx.calendars.Get(calendar, ctx.zones));
  }
  const auto at = std::chrono::floor<std::chrono::seconds>(worked_at).time_since_epoch().count();
  return core::AfterHoursMinutes(service_hours.get(), activity, at, minutes);
}

Result<core::TimeEntry> EditTimeEntry(const AppContext& ctx, const core::Actor& actor, TicketId ticket_id,
                                      std::int64_t entry_id, TimePatch patch,
                                      std::optional<std::int64_t> expected_version) {
  std::vector<FieldError> errors;
  if (patch.minutes && (*patch.minutes < 1 || *patch.minutes > core::kMaxTimeEntryMinutes)) {
    errors.push_back({"minutes", "is 1 to 1440"});
  }
  if (patch.note) {
    patch.note = std::string(TrimAscii(*patch.note));
    if (patch.note->size() > 2000 || !IsValidUtf8(*patch.note) || !HasNoControlCharacters(*patch.note, AllowNewlines::kYes)) {
      errors.push_back({"note", "is at most 2000 characters"});
    }
  }
  const Timestamp now = ctx.clock.Now();
  const auto scope = core::TicketScopeFor(actor);
  core::TimeEntry entry;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto ticket = TD_TRY(tx.GetTicket(scope, ticket_id));  // 404 outside the caller's tickets
    entry = TD_TRY(tx.GetTimeEntry(entry_id));
    if (entry.ticket_id != ticket_id) return Fail(Error::NotFound("time entry"));
    // Partner staff correct anyone's time; others their own.
    const bool billing = core::Allows(actor.role, core::Action::kCloseBilling);
    if (!billing) {
      TD_CHECK(core::Require(actor, core::Action::kLogTime));
      if (!core::IsPartnerStaff(actor.role) && entry.user_id != actor.user_id) {
        return Fail(Error::PermissionDenied("only its author or the partner corrects a time entry"));
      }
    }
    // The same rule as logging it (app/routing LogTime), for the span as corrected.
    auto all_errors = errors;
    if (patch.worked_at || patch.minutes) {
      core::CheckWorkedAt(patch.worked_at.value_or(entry.worked_at), patch.minutes.value_or(entry.minutes),
                          ticket.created_at, now, all_errors);
    }
    if (!all_errors.empty()) return Fail(Error::InvalidArgument("the time entry is not valid", std::move(all_errors)));
    TD_CHECK(CheckVersion(expected_version, entry.version, "time entry"));
    const auto before = TD_TRY(MonthOf(ctx, tx, ticket.customer_id, entry.worked_at));
    const auto after = TD_TRY(MonthOf(ctx, tx, ticket.customer_id, patch.worked_at.value_or(entry.worked_at)));
    if ((before.closed || after.closed) && !billing) {
      return Fail(Error::Conflict((before.closed ? before.name : after.name) +
                                      " is closed for this customer: a billing clerk corrects its time",
                                  "period-closed"));
    }
    const auto loaded_version = entry.version;
    const auto old_minutes = entry.minutes;
    if (patch.minutes) entry.minutes = *patch.minutes;
    if (patch.note) entry.note = *patch.note;
    if (patch.billable) entry.billable = *patch.billable;
    if (patch.activity) entry.activity = *patch.activity;
    if (patch.worked_at) entry.worked_at = *patch.worked_at;
    if (patch.minutes || patch.activity || patch.worked_at) {
      // After hours is decided again for what changed: by the plan's service hours at the time
      // worked, or all of it for a call-out.
      const auto plan = TD_TRY(sla::TicketPlan(tx, ticket));
      entry.after_hours_minutes =
          TD_TRY(AfterHoursMinutes(ctx, tx, plan, entry.activity, entry.worked_at, entry.minutes));
    }
    entry.cost_amount = core::AmountFor(entry.minutes, entry.cost_hourly_rate);
    entry.price_amount = core::AmountFor(entry.minutes, entry.price_hourly_rate);
    entry.version = loaded_version + 1;
    entry.updated_at = now;
    TD_CHECK(tx.UpdateTimeEntry(entry, loaded_version));
    // A closed month whose work changed is charged the difference when the next month closes.
    if (before.closed) TD_CHECK(tx.MarkBillingChanged(ticket.customer_id, before.name));
    if (after.closed) TD_CHECK(tx.MarkBillingChanged(ticket.customer_id, after.name));
    core::Event edited{0, ticket_id, actor.user_id, "time.edited", "minutes", std::to_string(old_minutes),
                       std::to_string(entry.minutes), true, now};
    edited.via = "time entry " + std::to_string(entry.id) + (before.closed || after.closed ? ", after its period closed" : "");
    edited.shared = actor.org_kind == core::OrgKind::kProvider;
    return tx.AppendEvent(edited);
  }));
  return entry;
}

Result<core::Timer> StartTimer(const AppContext& ctx, const core::Actor& actor, TicketId ticket_id) {
  TD_CHECK(core::Require(actor, core::Action::kLogTime));
  const auto scope = core::TicketScopeFor(actor);
  core::Timer timer{actor.user_id, ticket_id, ctx.clock.Now()};
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_TRY(tx.GetTicket(scope, ticket_id));
    if (const auto running = TD_TRY(tx.FindTimer(actor.user_id))) {
      return Fail(Error::Conflict("a timer runs already on ticket " + std::to_string(running->ticket.value) +
                                      "; stop it first",
                                  "timer-running"));
    }
    return tx.PutTimer(timer);
  }));
  return timer;
}

Result<core::TimeEntry> StopTimer(const AppContext& ctx, const core::Actor& actor, TicketId ticket_id, StopInput input) {
  TD_CHECK(core::Require(actor, core::Action::kLogTime));
  const auto timer = TD_TRY(core::ReadValue<std::optional<core::Timer>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindTimer(actor.user_id); }));
  if (!timer || timer->ticket != ticket_id) return Fail(Error::NotFound("running timer on this ticket"));
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.Now() - timer->started_at).count();
  routing::NewTimeEntry entry;
  entry.minutes = std::clamp<std::int64_t>((elapsed + 59) / 60, 1, core::kMaxTimeEntryMinutes);
  entry.note = std::move(input.note);
  entry.worked_at = timer->started_at;
  entry.billable = input.billable;
  entry.activity = input.activity;
  entry.stop_timer = true;
  return routing::LogTime(ctx, actor, ticket_id, std::move(entry));
}

Result<std::optional<core::Timer>> RunningTimer(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kLogTime));
  return core::ReadValue<std::optional<core::Timer>>(ctx.store,
                                                     [&](core::ReadTx& tx) { return tx.FindTimer(actor.user_id); });
}

}  // namespace tierdesk::app::billing
