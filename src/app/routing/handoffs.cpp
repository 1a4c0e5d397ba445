// Handing a ticket on: back from a provider, up from a reseller, up the escalation ladder.
// Each is one action with a reason, recorded in the ticket's internal history.
#include "app/routing/routing.hpp"
#include "app/sla/sla.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::routing {
namespace {

// Validates the reason, then runs `change` on the ticket (loaded in the actor's scope) inside
// one write, so nothing can slip in between.
template <class Change>
Result<core::Ticket> HandOn(const AppContext& ctx, const core::Actor& actor, TicketId id, std::string& reason,
                            Change&& change) {
  reason = std::string(TrimAscii(reason));
  if (reason.empty() || reason.size() > 2000 || !IsValidUtf8(reason) ||
      !HasNoControlCharacters(reason, AllowNewlines::kYes)) {
    return Fail(Error::InvalidArgument("a reason is needed", {{"reason", "is 1 to 2000 characters"}}));
  }
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  core::Ticket ticket;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    ticket = TD_TRY(tx.GetTicket(scope, id));
    return change(tx, ticket, now);
  }));
  return ticket;
}

// What rules read as the body of a ticket taken in: its description, the first message the
// customer can read.
Result<std::string> Description(core::ReadTx& tx, TicketId id) {
  core::TicketScope public_only;
  public_only.kind = core::TicketScope::Kind::kAll;
  public_only.viewer = core::Viewer::kCustomer;
  for (auto& message : TD_TRY(tx.ListMessages(public_only, id))) {
    if (message.kind == core::MessageKind::kCustomerReply || message.kind == core::MessageKind::kPublicReply) {
      return std::move(message.body);
    }
  }
  return std::string();
}

}  // namespace

Result<core::Ticket> HandBack(const AppContext& ctx, const core::Actor& actor, TicketId id, std::string reason) {
  return HandOn(ctx, actor, id, reason, [&](core::WriteTx& tx, core::Ticket& ticket, Timestamp now) -> Status {
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
  });
}

Result<core::Ticket> HandUp(const AppContext& ctx, const core::Actor& actor, TicketId id, std::string reason) {
  return HandOn(ctx, actor, id, reason, [&](core::WriteTx& tx, core::Ticket& ticket, Timestamp now) -> Status {
    if (actor.role != core::Role::kResellerAgent) {
      return Fail(Error::PermissionDenied("only the reseller's agents hand its customers' tickets up"));
    }
    if (ticket.holder != core::Holder::kReseller) {
      return Fail(Error::Conflict("the reseller does not hold this ticket", "not-held-by-reseller"));
    }
    const core::Ticket before = ticket;
    ticket.holder = core::Holder::kPartner;
    if (ticket.assignee_id.valid()) {
      const auto assignee = TD_TRY(tx.GetUser(ticket.assignee_id));
      if (assignee.organization_id == ticket.reseller_id) ticket.assignee_id = UserId{};
    }
    const bool reseller_gave_way = before.assignee_id != ticket.assignee_id;
    // The partner takes the ticket in as it takes a new one: its rules for new tickets place it
    // (a set_provider that waited for the hand-up acts now), then the team's strategy assigns it
    // (SettleRouting: a ticket the reseller gives up reaches its team).
    const std::string description = TD_TRY(Description(tx, id));
    const auto routed = TD_TRY(RunRules(ctx, tx, ticket, description, core::RuleTrigger::kCreate, now));
    sla::Evaluator evaluator(ctx, tx, now);
    if (ticket.severity != before.severity) {
      const auto plan = TD_TRY(sla::TicketPlan(tx, ticket));
      core::Retarget(ticket.sla, core::SlaTermsFor(plan ? &*plan : nullptr, ticket.severity), before.status,
                     evaluator.clock_now());
    }
    ticket.version += 1;
    ticket.updated_at = now;
    auto events = TD_TRY(SettleRouting(ctx, tx, ticket, &before, actor.user_id, now));
    [[maybe_unused]] const auto sla = TD_TRY(evaluator.Refresh(ticket));
    TD_CHECK(tx.UpdateTicket(ticket, before.version));
    core::Event handed{0, id, actor.user_id, "ticket.handed_up", "holder", "reseller", "partner", true, now};
    handed.via = "hand-up: " + reason;
    TD_CHECK(tx.AppendEvent(handed));
    if (reseller_gave_way) {
      core::Event unassigned{0, id, actor.user_id, "ticket.updated", "assignee_id",
                             std::to_string(before.assignee_id.value), "", true, now};
      TD_CHECK(tx.AppendEvent(unassigned));
    }
    TD_CHECK(RecordRuleRun(tx, ticket, routed, now));
    return AppendEvents(tx, id, std::move(events));
  });
}

Result<core::Ticket> EscalateInternally(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                        TeamId team_id, std::string reason) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateInternally));
  return HandOn(ctx, actor, id, reason, [&](core::WriteTx& tx, core::Ticket& ticket, Timestamp now) -> Status {
    auto target = tx.GetTeam(team_id);
    if (!target) return Fail(Error::InvalidArgument("no such team", {{"team_id", "does not exist"}}));
    int from_tier = 0;
    if (ticket.team_id.valid()) from_tier = TD_TRY(tx.GetTeam(ticket.team_id)).tier;
    if (target->tier == 0 || target->tier <= from_tier) {
      return Fail(Error{ErrorCode::kConflict,
                        "escalation goes to a team of a higher tier than the ticket's (L" +
                            std::to_string(from_tier) + ")",
                        {}, {{"team_id", "is not a higher tier"}}, "not-a-higher-tier"});
    }
    if (ticket.status == core::TicketStatus::kClosed || ticket.status == core::TicketStatus::kResolved) {
      return Fail(Error::Conflict("a resolved or closed ticket is not escalated", "ticket-not-live"));
    }
    TD_CHECK(ticket::RequireFields(tx, ticket));
    const core::Ticket before = ticket;
    ticket.team_id = target->id;
    ticket.version += 1;
    ticket.updated_at = now;
    auto events = TD_TRY(SettleRouting(ctx, tx, ticket, &before, actor.user_id, now));
    TD_CHECK(tx.UpdateTicket(ticket, before.version));
    // Internal: the customer sees one partner, not its tiers.
    core::Event escalated{0, id, actor.user_id, "ticket.escalated", "team_id",
                          before.team_id.valid() ? std::to_string(before.team_id.value) : "",
                          std::to_string(target->id.value), true, now};
    escalated.via = "L" + std::to_string(from_tier) + " -> L" + std::to_string(target->tier) + ": " + reason;
    TD_CHECK(tx.AppendEvent(escalated));
    return AppendEvents(tx, id, std::move(events));
  });
}

Result<EscalationReport> ReportEscalations(const AppContext& ctx, const core::Actor& actor, Timestamp from,
                                           Timestamp to, std::int64_t after, int limit) {
  TD_CHECK(core::Require(actor, core::Action::kReadReports));
  if (limit < 1 || limit > 1000) {
    return Fail(Error::InvalidArgument("limit is 1 to 1000", {{"limit", "must be 1 to 1000"}}));
  }
  if (to <= from) return Fail(Error::InvalidArgument("the period is empty", {{"to", "must be after from"}}));
  return core::ReadValue<EscalationReport>(ctx.store, [&](core::ReadTx& tx) -> Result<EscalationReport> {
    EscalationReport report;
    auto events = TD_TRY(tx.ListEscalationEvents(from, to, after, limit + 1));
    if (static_cast<int>(events.size()) > limit) {
      events.resize(static_cast<std::size_t>(limit));
      report.next_after = events.back().id;
    }
    for (const auto& e : events) {
      EscalationRecord record;
      record.event_id = e.id;
      record.ticket = e.ticket_id;
      record.from_team = TeamId{std::atoll(e.before.c_str())};
      record.to_team = TeamId{std::atoll(e.after.c_str())};
      // via: "L<from> -> L<to>: <reason>"
      const auto colon = e.via.find(": ");
      if (e.via.size() > 8 && e.via[0] == 'L' && colon != std::string::npos) {
        record.from_tier = e.via[1] - '0';
        record.to_tier = e.via[7] - '0';
        record.reason = e.via.substr(colon + 2);
      }
      record.actor = e.actor_id;
      record.at = e.created_at;
      ++report.by_tiers[{record.from_tier, record.to_tier}];
      report.items.push_back(std::move(record));
    }
    return report;
  });
}

}  // namespace tierdesk::app::routing
