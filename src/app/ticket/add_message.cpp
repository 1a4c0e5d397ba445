#include "app/routing/routing.hpp"
#include "app/sla/sla.hpp"
#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Status WriteMessage(const AppContext& ctx, core::WriteTx& tx, const core::Actor& actor, core::Ticket& ticket,
                    core::Message& m, Timestamp now) {
  const TicketId id = ticket.id;
  const bool internal = core::IsInternal(m.kind);
  const bool customer = core::IsCustomerRole(actor.role);
  const bool by_provider = actor.org_kind == core::OrgKind::kProvider;
  m.ticket_id = id;
  m.author_id = actor.user_id;
  m.author_org_id = actor.org_id;
  m.created_at = now;
  TD_CHECK(tx.InsertMessage(m));
  core::Event added{0, id, actor.user_id, "message.added", std::string(core::ToString(m.kind)), "",
                    std::to_string(m.id.value), internal, now};
  added.shared = m.shared_with_provider;
  TD_CHECK(tx.AppendEvent(added));

  std::optional<core::TicketStatus> next;
  if (customer && (ticket.status == core::TicketStatus::kResolved ||
                   ticket.status == core::TicketStatus::kPendingCustomer)) {
    next = core::TicketStatus::kOpen;
  } else if (!customer && !internal && ticket.status == core::TicketStatus::kNew &&
             TD_TRY(routing::MissingFields(tx, ticket)).empty()) {
    // The first public agent reply opens the ticket, unless it still lacks required fields
    // (the reply is then usually the question for them).
    next = core::TicketStatus::kOpen;
  }
  // The clocks: an agent's public reply answers; a customer's reply awaits an answer.
  sla::Evaluator evaluator(ctx, tx, now);
  const core::TicketStatus before = ticket.status;
  if (!customer && !internal) core::OnAgentReply(ticket.sla, evaluator.clock_now());
  if (next) core::OnStatusChange(ticket.sla, before, *next, evaluator.clock_now());
  // The provider's own targets: its agents' replies answer them.
  if (by_provider && !internal) core::OnAgentReply(ticket.underpinning, evaluator.clock_now());
  if (next && ticket.provider_id.valid()) core::OnStatusChange(ticket.underpinning, before, *next, evaluator.clock_now());
  if (customer) core::OnCustomerReply(ticket.sla, next.value_or(before), evaluator.clock_now());
  TD_TRY(evaluator.Refresh(ticket));
  ticket.updated_at = now;
  if (!next) return tx.SaveTicketSla(ticket);
  const auto loaded_version = ticket.version;
  core::TicketPatch patch;
  patch.status = next;
  const auto changes = TD_TRY(core::ApplyPatch(ticket, patch));
  TD_CHECK(tx.UpdateTicket(ticket, loaded_version));
  for (const auto& change : changes) {
    core::Event event{0, id, actor.user_id, "ticket.updated", change.field, change.before, change.after, false, now};
    TD_CHECK(tx.AppendEvent(event));
  }
  return Ok();
}

Result<CreatedMessage> AddMessage(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                  NewMessage input, const IdempotencyInput& idempotency) {
  const bool internal = input.visibility == Visibility::kInternal;
  TD_CHECK(core::Require(actor, internal ? core::Action::kPostInternalNote
                                         : core::Action::kPostPublicMessage));
  std::vector<FieldError> errors;
  core::ValidateBody("body", input.body, errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument("the message is not valid", errors));

  const auto scope = core::TicketScopeFor(actor);
  const bool customer = core::IsCustomerRole(actor.role);
  CreatedMessage created;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto ticket = TD_TRY(tx.GetTicket(scope, id));
    if (!idempotency.key.empty()) {
      if (auto earlier = TD_TRY(tx.FindIdempotency(actor.user_id, idempotency.key))) {
        if (earlier->request_hash != idempotency.request_hash || earlier->resource != "message" ||
            earlier->parent_id != id.value) {
          return Fail(Error::InvalidArgument(
              "this Idempotency-Key was used with a different request", {{"Idempotency-Key", "reused"}}));
        }
        for (auto& message : TD_TRY(tx.ListMessages(scope, id))) {
          if (message.id.value == earlier->resource_id) created.message = std::move(message);
        }
        created.replayed = true;
        return Ok();
      }
    }
    if (ticket.status == core::TicketStatus::kClosed) {
      return Fail(Error::Conflict("the ticket is closed; open a follow-up ticket", "ticket-closed"));
    }
    const Timestamp now = ctx.clock.Now();
    core::Message& m = created.message;
    m.kind = internal ? core::MessageKind::kInternalNote
                      : (customer ? core::MessageKind::kCustomerReply : core::MessageKind::kPublicReply);
    m.body = std::move(input.body);
    // Providers see the notes shared with them and their own.
    m.shared_with_provider = internal && (actor.org_kind == core::OrgKind::kProvider ||
                                          (input.shared_with_provider && core::IsPartnerStaff(actor.role)));
    TD_CHECK(WriteMessage(ctx, tx, actor, ticket, m, now));
    if (!idempotency.key.empty()) {
      TD_CHECK(tx.InsertIdempotency({actor.user_id, idempotency.key, idempotency.request_hash,
                                     "message", m.id.value, id.value, now}));
    }
    return Ok();
  }));
  return created;
}

Result<std::vector<core::Message>> ListMessages(const AppContext& ctx, const core::Actor& actor,
                                                TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::Message>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListMessages(scope, id); });
}

}  // namespace tierdesk::app::ticket
