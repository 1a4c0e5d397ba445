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

}  // namespace

Result<core::Ticket> UpdateTicket(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                  core::TicketPatch patch,
                                  std::optional<std::int64_t> expected_version) {
  const auto scope = core::TicketScopeFor(actor);
  core::Ticket ticket;
  // Load, decide and save inside the writer, so no other change can slip in between.
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    ticket = TD_TRY(tx.GetTicket(scope, id));
    TD_CHECK(core::CheckPatchAllowed(actor, patch));
    if (expected_version && *expected_version != ticket.version) {
      return Fail(Error::PreconditionFailed("the ticket was changed by someone else; reload it"));
    }
    if (patch.team_id && patch.team_id->valid()) {
      if (!tx.GetTeam(*patch.team_id)) {
        return Fail(Error::InvalidArgument("no such team", {{"team_id", "does not exist"}}));
      }
    }
    if (patch.assignee_id) TD_CHECK(CheckAssignee(tx, actor, ticket, *patch.assignee_id));
    const std::int64_t loaded_version = ticket.version;
    const auto changes = TD_TRY(core::ApplyPatch(ticket, std::move(patch)));
    if (changes.empty()) return Ok();
    const Timestamp now = ctx.clock.Now();
    ticket.updated_at = now;
    TD_CHECK(tx.UpdateTicket(ticket, loaded_version));
    for (const auto& change : changes) {
      core::Event event{0, ticket.id, actor.user_id, "ticket.updated", change.field, change.before,
                        change.after, false, now};
      TD_CHECK(tx.AppendEvent(event));
    }
    return Ok();
  }));
  return ticket;
}

}  // namespace tierdesk::app::ticket
