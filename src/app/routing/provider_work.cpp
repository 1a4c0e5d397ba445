// Outsourced providers' contracts, and the time people log on tickets with its cost and price.
#include <algorithm>

#include "app/billing/billing.hpp"
#include "app/routing/routing.hpp"
#include "app/sla/sla.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::routing {
namespace {

Result<core::Organization> LoadProvider(core::ReadTx& tx, OrgId id) {
  auto org = tx.GetOrganization(id);
  if (!org || org->kind != core::OrgKind::kProvider) return Fail(Error::NotFound("provider"));
  return std::move(*org);
}

// What an hour of this worker's time on this ticket costs the partner: a provider's rate (the
// plan's, when the plan is delivered by that provider; else its contract's). None for others.
Result<std::pair<std::string, std::int64_t>> CostRate(core::ReadTx& tx, const std::optional<core::Plan>& plan,
                                                      const core::Actor& actor) {
  if (actor.org_kind != core::OrgKind::kProvider) return std::pair<std::string, std::int64_t>{};
  if (plan && plan->delivery != core::Plan::Delivery::kInHouse && plan->provider == actor.org_id) {
    return std::pair{plan->pricing.currency, plan->provider_hourly_cost};
  }
  if (const auto contract = TD_TRY(tx.GetProviderContract(actor.org_id))) {
    return std::pair{contract->currency, contract->hourly_cost};
  }
  return std::pair<std::string, std::int64_t>{};
}

// What the customer's terms charge for an hour on this ticket: the accepted out-of-scope quote,
// else the plan's hourly rate (hourly plans) or overage rate. None when the terms set no rate.
std::pair<std::string, std::int64_t> PriceRate(const core::Ticket& ticket, const std::optional<core::Plan>& plan) {
  if (!ticket.quote_currency.empty()) return {ticket.quote_currency, ticket.quote_hourly_rate};
  if (!plan) return {};
  const auto& pricing = plan->pricing;
  if (pricing.model == core::Pricing::Model::kHourly) return {pricing.currency, pricing.hourly_rate};
  if (pricing.overage_hourly_rate > 0) return {pricing.currency, pricing.overage_hourly_rate};
  return {};
}

}  // namespace

Result<core::ProviderContract> PutProviderContract(const AppContext& ctx, const core::Actor& actor,
                                                   core::ProviderContract contract,
                                                   std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kManageProviders));
  TD_CHECK(core::ValidateProviderContract(contract));
  contract.updated_at = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_TRY(LoadProvider(tx, contract.provider));
    if (contract.hours.valid() && !tx.GetCalendar(contract.hours)) {
      return Fail(Error::InvalidArgument("no such calendar", {{"hours_calendar_id", "does not exist"}}));
    }
    const auto stored = TD_TRY(tx.GetProviderContract(contract.provider));
    const std::int64_t current = stored ? stored->version : 0;
    if (expected_version) TD_CHECK(CheckVersion(expected_version, current, "contract"));
    contract.version = current + 1;
    TD_CHECK(tx.PutProviderContract(contract));
    auto event = core::DirectoryEvent(actor.user_id, "provider.contract_set", "organization",
                                      contract.provider.value, contract.updated_at);
    return tx.AppendEvent(event);
  }));
  return contract;
}

Result<core::ProviderContract> GetProviderContract(const AppContext& ctx, const core::Actor& actor, OrgId provider) {
  // A provider's own agents may read their contract; partner staff any.
  if (!(actor.role == core::Role::kProviderAgent && actor.org_id == provider)) {
    TD_CHECK(core::Require(actor, core::Action::kReadProviders));
  }
  return core::ReadValue<core::ProviderContract>(ctx.store, [&](core::ReadTx& tx) -> Result<core::ProviderContract> {
    TD_TRY(LoadProvider(tx, provider));
    auto contract = TD_TRY(tx.GetProviderContract(provider));
    if (!contract) return Fail(Error::NotFound("contract"));
    return std::move(*contract);
  });
}

Result<core::TimeEntry> LogTime(const AppContext& ctx, const core::Actor& actor, TicketId id, NewTimeEntry input) {
  const auto scope = core::TicketScopeFor(actor);
  std::vector<FieldError> errors;
  if (input.minutes < 1 || input.minutes > core::kMaxTimeEntryMinutes) {
    errors.push_back({"minutes", "is 1 to 1440"});
  }
  input.note = std::string(TrimAscii(input.note));
  if (input.note.size() > 2000 || !IsValidUtf8(input.note) ||
      !HasNoControlCharacters(input.note, AllowNewlines::kYes)) {
    errors.push_back({"note", "is at most 2000 characters"});
  }
  const Timestamp now = ctx.clock.Now();
  // Without worked_at, the work just ended.
  const Timestamp worked_at =
      input.worked_at.value_or(now - std::chrono::minutes(std::clamp<std::int64_t>(input.minutes, 0, core::kMaxTimeEntryMinutes)));
  core::TimeEntry entry;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto ticket = TD_TRY(tx.GetTicket(scope, id));  // 404 outside the caller's tickets
    TD_CHECK(core::Require(actor, core::Action::kLogTime));
    if (!errors.empty()) return Fail(Error::InvalidArgument("the time entry is not valid", errors));
    std::vector<FieldError> when;
    core::CheckWorkedAt(worked_at, input.minutes, ticket.created_at, now, when);
    if (!when.empty()) return Fail(Error::InvalidArgument("the time entry is not valid", std::move(when)));
    TD_CHECK(billing::CheckPeriodOpen(ctx, tx, ticket.customer_id, worked_at));
    const auto plan = TD_TRY(sla::TicketPlan(tx, ticket));
    const auto [cost_currency, cost_rate] = TD_TRY(CostRate(tx, plan, actor));
    const auto [price_currency, price_rate] = PriceRate(ticket, plan);
    entry.ticket_id = id;
    entry.user_id = actor.user_id;
    entry.org_id = actor.org_id;
    entry.minutes = input.minutes;
    entry.note = input.note;
    entry.cost_currency = cost_currency;
    entry.cost_hourly_rate = cost_rate;
    entry.cost_amount = core::AmountFor(entry.minutes, cost_rate);
    entry.price_currency = price_currency;
    entry.price_hourly_rate = price_rate;
    entry.price_amount = core::AmountFor(entry.minutes, price_rate);
    entry.worked_at = worked_at;
    entry.created_at = now;
    entry.updated_at = now;
    entry.billable = input.billable;
    entry.activity = input.activity;
    entry.after_hours_minutes =
        TD_TRY(billing::AfterHoursMinutes(ctx, tx, plan, entry.activity, entry.worked_at, entry.minutes));
    TD_CHECK(tx.InsertTimeEntry(entry));
    if (input.stop_timer) TD_CHECK(tx.DeleteTimer(actor.user_id));
    TD_CHECK(billing::AfterTimeLogged(ctx, tx, ticket, entry));
    core::Event logged{0, id, actor.user_id, "time.logged", "minutes", "", std::to_string(entry.minutes), true, now};
    logged.shared = actor.org_kind == core::OrgKind::kProvider;
    return tx.AppendEvent(logged);
  }));
  return entry;
}

Result<std::vector<core::TimeEntry>> ListTime(const AppContext& ctx, const core::Actor& actor, TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::TimeEntry>>(
      ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::TimeEntry>> {
        TD_TRY(tx.GetTicket(scope, id));
        if (core::IsCustomerRole(actor.role)) {
          return Fail(Error::PermissionDenied("time entries are for those who work tickets"));
        }
        const OrgId only = core::IsPartnerStaff(actor.role) ? OrgId{} : actor.org_id;
        return tx.ListTimeEntries(id, only);
      });
}

}  // namespace tierdesk::app::routing
