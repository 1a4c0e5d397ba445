#include "app/offering/plan.hpp"

namespace tierdesk::app::offering {
namespace {

// What the core cannot check alone: the calendars, services and provider the plan names exist.
Status CheckReferences(core::WriteTx& tx, const core::Plan& plan) {
  std::vector<FieldError> errors;
  auto calendar_exists = [&tx](CalendarId id) { return !id.valid() || static_cast<bool>(tx.GetCalendar(id)); };
  if (!calendar_exists(plan.service_hours)) errors.push_back({"service_hours_calendar_id", "no such calendar"});
  for (const auto& channel : plan.channels) {
    if (!calendar_exists(channel.hours)) {
      errors.push_back({"channels", "a channel's hours name a calendar that does not exist"});
      break;
    }
  }
  for (const auto& coverage : plan.coverage) {
    if (!TD_TRY(tx.FindService(coverage.service))) {
      errors.push_back({"coverage", "'" + coverage.service + "' is not a known service"});
      break;
    }
  }
  if (plan.provider.valid()) {
    auto provider = tx.GetOrganization(plan.provider);
    if (!provider || provider->kind != core::OrgKind::kProvider) {
      errors.push_back({"provider_id", "is not a provider organisation"});
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the plan is not valid", errors));
  return Ok();
}

}  // namespace

Result<core::Plan> CreatePlan(const AppContext& ctx, const core::Actor& actor, core::Plan terms) {
  TD_CHECK(core::Require(actor, core::Action::kManagePlans));
  TD_CHECK(core::ValidatePlan(terms));
  const Timestamp now = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(CheckReferences(tx, terms));
    TD_CHECK(tx.InsertPlan(terms, now));
    auto event = core::DirectoryEvent(actor.user_id, "plan.created", "plan", terms.id.value, now);
    return tx.AppendEvent(event);
  }));
  return terms;
}

Result<core::Plan> ReplacePlan(const AppContext& ctx, const core::Actor& actor, PlanId id, core::Plan terms,
                               std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kManagePlans));
  TD_CHECK(core::ValidatePlan(terms));
  const Timestamp now = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto current = TD_TRY(tx.GetPlan(id, 0));
    TD_CHECK(CheckVersion(expected_version, current.version, "plan"));
    TD_CHECK(CheckReferences(tx, terms));
    terms.id = id;
    terms.version = current.version + 1;
    TD_CHECK(tx.AddPlanVersion(terms, now));
    auto event = core::DirectoryEvent(actor.user_id, "plan.versioned", "plan", id.value, now);
    event.before = std::to_string(current.version);
    return tx.AppendEvent(event);
  }));
  return terms;
}

Result<std::vector<core::Plan>> ListPlans(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadDirectory));
  return core::ReadValue<std::vector<core::Plan>>(ctx.store, [](core::ReadTx& tx) { return tx.ListPlans(); });
}

Result<core::Plan> GetPlan(const AppContext& ctx, const core::Actor& actor, PlanId id, std::int64_t version) {
  TD_CHECK(core::Require(actor, core::Action::kReadDirectory));
  return core::ReadValue<core::Plan>(ctx.store, [&](core::ReadTx& tx) { return tx.GetPlan(id, version); });
}

}  // namespace tierdesk::app::offering
