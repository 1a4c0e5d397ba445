#include "app/routing/routing.hpp"
#include "app/sla/sla.hpp"
#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {
namespace {

// The assignee must be someone who works tickets in the holder's organisation.
Status CheckAssignee(core::WriteTx& tx, const core::Actor& actor, const core::Ticket& ticket,
                     UserId assignee_id) {
  if (!assignee_id.valid()) return Ok();
  auto assignee = tx.GetUser(assignee_id);
  if (!assignee) {
    return Fail(Error::InvalidArgument("no such user", {{"assignee_id", "does not exist"}}));
  }
  bool ok = false;
  switch (actor.role) {
    case core::Role::kProviderAgent: ok = assignee->organization_id == ticket.provider_id; break;
    case core::Role::kResellerAgent: ok = assignee->organization_id == ticket.reseller_id; break;
    default:
      ok = core::IsPartnerStaff(assignee->role) ||
           (assignee->role == core::Role::kProviderAgent && assignee->organization_id == ticket.provider_id) ||
           (assignee->role == core::Role::kResellerAgent && assignee->organization_id == ticket.reseller_id);
  }
  if (!ok || !assignee->active) {
    return Fail(Error::InvalidArgument("the assignee cannot work this ticket",
                                       {{"assignee_id", "cannot work this ticket"}}));
  }
  return Ok();
}

// Applies a checked patch to a ticket loaded in this write and saves it with everything the
// change moves: field checks, the rules watching what changed, the SLA clocks, holder and
// assignee, and the history (each event with `via` when the change came from elsewhere).
struct Saved {
  core::SlaReport sla;
  core::SlaReport underpinning;
};
Result<Saved> SaveChanges(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket, core::TicketPatch patch,
                          UserId actor, const std::string& via, Timestamp now) {
  const core::Ticket loaded = ticket;
  const auto changes = TD_TRY(core::ApplyPatch(ticket, std::move(patch)));
  sla::Evaluator evaluator(ctx, tx, now);
  if (changes.empty()) return Saved{TD_TRY(evaluator.Evaluate(ticket)), TD_TRY(evaluator.EvaluateUnderpinning(ticket))};
  const bool describes_differently = ticket.fields != loaded.fields || ticket.category != loaded.category ||
                                     ticket.service != loaded.service;
  if (describes_differently) {
    const auto service = TD_TRY(tx.FindService(ticket.service));
    if (service) TD_CHECK(routing::CheckFieldValues(tx, *service, ticket));
  }
  if (ticket.status == core::TicketStatus::kOpen && loaded.status != core::TicketStatus::kOpen) {
    TD_CHECK(RequireFields(tx, ticket));
  }
  // Rules watching the changed attributes run on the result.
  std::vector<std::string> changed;
  for (const auto& change : changes) changed.push_back(change.field);
  const auto routed = TD_TRY(routing::RunRules(ctx, tx, ticket, "", core::RuleTrigger::kUpdate, now, changed));
  if (ticket.severity != loaded.severity) {
    const auto plan = TD_TRY(sla::TicketPlan(tx, ticket));
    core::Retarget(ticket.sla, core::SlaTermsFor(plan ? &*plan : nullptr, ticket.severity), loaded.status,
                   evaluator.clock_now());
  }
  if (ticket.status != loaded.status) core::OnStatusChange(ticket.sla, loaded.status, ticket.status, evaluator.clock_now());
  auto settled = TD_TRY(routing::SettleRouting(ctx, tx, ticket, &loaded, actor, now));
  Saved saved{TD_TRY(evaluator.Refresh(ticket)), TD_TRY(evaluator.EvaluateUnderpinning(ticket))};
  ticket.updated_at = now;
  TD_CHECK(tx.UpdateTicket(ticket, loaded.version));
  for (const auto& change : changes) {
    // Customers deal with the partner: whom it outsources to stays internal.
    core::Event event{0, ticket.id, actor, "ticket.updated", change.field, change.before,
                      change.after, change.field == "provider_id", now};
    event.via = via;
    TD_CHECK(tx.AppendEvent(event));
  }
  TD_CHECK(routing::RecordRuleRun(tx, ticket, routed, now));
  TD_CHECK(routing::AppendEvents(tx, ticket.id, std::move(settled)));
  return saved;
}

}  // namespace

Status RequireFields(core::ReadTx& tx, const core::Ticket& ticket) {
  auto missing = TD_TRY(routing::MissingFields(tx, ticket));
  if (missing.empty()) return Ok();
  return Fail(Error{ErrorCode::kInvalidArgument, "the ticket lacks what its service needs before it is worked",
                    {}, std::move(missing), "missing-fields"});
}

Result<TicketView> UpdateTicket(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                core::TicketPatch patch, std::optional<std::int64_t> expected_version) {
  const auto scope = core::TicketScopeFor(actor);
  TicketView view;
  core::Ticket& ticket = view.ticket;
  // Load, decide and save inside the writer, so no other change can slip in between.
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    ticket = TD_TRY(tx.GetTicket(scope, id));
    TD_CHECK(core::CheckPatchAllowed(actor, patch));
    TD_CHECK(CheckVersion(expected_version, ticket.version, "ticket"));
    if (patch.team_id && patch.team_id->valid()) {
      if (!tx.GetTeam(*patch.team_id)) {
        return Fail(Error::InvalidArgument("no such team", {{"team_id", "does not exist"}}));
      }
    }
    if (patch.provider_id && patch.provider_id->valid()) {
      auto provider = tx.GetOrganization(*patch.provider_id);
      if (!provider || provider->kind != core::OrgKind::kProvider) {
        return Fail(Error::InvalidArgument("no such provider", {{"provider_id", "is not a provider organisation"}}));
      }
    }
    if (patch.assignee_id) {
      core::Ticket routed = ticket;
      if (patch.provider_id) routed.provider_id = *patch.provider_id;
      TD_CHECK(CheckAssignee(tx, actor, routed, *patch.assignee_id));
    }
    auto saved = TD_TRY(SaveChanges(ctx, tx, ticket, std::move(patch), actor.user_id, "", ctx.clock.Now()));
    view.sla = std::move(saved.sla);
    view.underpinning = std::move(saved.underpinning);
    return Ok();
  }));
  return view;
}

Status MoveStatus(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket, core::TicketStatus status,
                  UserId actor, std::string via, Timestamp now) {
  core::TicketPatch patch;
  patch.status = status;
  return SaveChanges(ctx, tx, ticket, std::move(patch), actor, via, now).map([](Saved) {});
}

}  // namespace tierdesk::app::ticket
