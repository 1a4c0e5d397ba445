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
    ticket.version += 1;
    ticket.updated_at = now;
    // The holder returns to the partner, the provider's clocks stop, its agent gives way.
    auto settled = TD_TRY(SettleRouting(ctx, tx, ticket, &before, actor.user_id, now));
    TD_CHECK(tx.UpdateTicket(ticket, before.version));
    // Internal: customers deal with the partner and need not see who it outsources to.
    core::Event handed{0, id, actor.user_id, "ticket.handed_back", "provider_id",
                       std::to_string(before.provider_id.value), "", true, now};
    handed.via = "handback: " + reason;
    TD_CHECK(tx.AppendEvent(handed));
    TD_CHECK(AppendEvents(tx, id, std::move(settled)));
    core::Message note;
    note.ticket_id = id;
    note.author_id = actor.user_id;
    note.author_org_id = actor.org_id;
    note.kind = core::MessageKind::kInternalNote;
    note.body = "Handed back to the partner: " + reason;
    note.created_at = now;
    note.shared_with_provider = true;
    TD_CHECK(tx.InsertMessage(note));
    core::Event noted{0, id, actor.user_id, "message.added", "internal_note", "", std::to_string(note.id.value), true, now};
    return tx.AppendEvent(noted);
  }));
  return ticket;
}

}  // namespace tierdesk::app::routing
