#include "app/routing/routing.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::routing {

Result<core::Ticket> HandBack(const AppContext& ctx, const core::Actor& actor, TicketId id, std::string reason) {
  reason = std::string(TrimAscii(reason));
  if (reason.empty() || reason.size() > 2000 || !IsValidUtf8(reason) ||
      !HasNoControlCharacters(reason, AllowNewlines::kYes)) {
    return Fail(Error::InvalidArgument("the handback is not valid", {{"reason", "is 1 to 2000 characters"}}));
  }
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  core::Ticket ticket;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    ticket = TD_TRY(tx.GetTicket(scope, id));
    const bool provider = actor.role == core::Role::kProviderAgent;
    if (!provider && !core::IsPartnerStaff(actor.role)) {
      return Fail(Error::PermissionDenied("only the provider or the partner's staff hand a ticket back"));
    }
    if (!ticket.provider_id.valid()) {
      return Fail(Error::Conflict("the ticket is not with a provider", "not-with-provider"));
    }
    const core::Ticket before = ticket;
    ticket.provider_id = OrgId{};
    if (ticket.assignee_id.valid()) {
      const auto assignee = TD_TRY(tx.GetUser(ticket.assignee_id));
      if (assignee.organization_id == before.provider_id) ticket.assignee_id = UserId{};
    }
    ticket.version += 1;
    ticket.updated_at = now;
    TD_CHECK(tx.UpdateTicket(ticket, before.version));
    // Internal: customers deal with the partner and need not see who it outsources to.
    core::Event handed{0, id, actor.user_id, "ticket.handed_back", "provider_id",
                       std::to_string(before.provider_id.value), "", true, now};
    handed.via = "handback: " + reason;
    TD_CHECK(tx.AppendEvent(handed));
    if (before.assignee_id != ticket.assignee_id) {
      core::Event unassigned{0, id, actor.user_id, "ticket.updated", "assignee_id",
                             std::to_string(before.assignee_id.value), "", true, now};
      TD_CHECK(tx.AppendEvent(unassigned));
    }
    core::Message note;
    note.ticket_id = id;
    note.author_id = actor.user_id;
    note.author_org_id = actor.org_id;
    note.kind = core::MessageKind::kInternalNote;
    note.body = "Handed back to the partner: " + reason;
    note.created_at = now;
    TD_CHECK(tx.InsertMessage(note));
    core::Event noted{0, id, actor.user_id, "message.added", "internal_note", "", std::to_string(note.id.value), true, now};
    return tx.AppendEvent(noted);
  }));
  return ticket;
}

}  // namespace tierdesk::app::routing
