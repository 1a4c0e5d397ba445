// Moving a ticket between holders and tiers: the two-tier hand-up and internal escalation.
#include "app/routing/routing.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::routing {
namespace {

Result<std::string> CheckReason(std::string reason) {
  reason = std::string(TrimAscii(reason));
  if (reason.empty() || reason.size() > 2000 || !IsValidUtf8(reason) ||
      !HasNoControlCharacters(reason, AllowNewlines::kYes)) {
    return Fail(Error::InvalidArgument("a reason is needed", {{"reason", "is 1 to 2000 characters"}}));
  }
  return reason;
}

}  // namespace

Result<core::Ticket> HandUp(const AppContext& ctx, const core::Actor& actor, TicketId id, std::string reason) {
  reason = TD_TRY(CheckReason(std::move(reason)));
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  core::Ticket ticket;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    ticket = TD_TRY(tx.GetTicket(scope, id));
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
    ticket.version += 1;
    ticket.updated_at = now;
    auto events = TD_TRY(SettleRouting(ctx, tx, ticket, &before, actor.user_id, now));
    TD_CHECK(tx.UpdateTicket(ticket, before.version));
    core::Event handed{0, id, actor.user_id, "ticket.handed_up", "holder", "reseller", "partner", true, now};
    handed.via = "hand-up: " + reason;
    TD_CHECK(tx.AppendEvent(handed));
    if (before.assignee_id != ticket.assignee_id && !ticket.assignee_id.valid()) {
      core::Event unassigned{0, id, actor.user_id, "ticket.updated", "assignee_id",
                             std::to_string(before.assignee_id.value), "", true, now};
      TD_CHECK(tx.AppendEvent(unassigned));
    }
    return AppendEvents(tx, id, std::move(events));
  }));
  return ticket;
}

Result<core::Ticket> EscalateInternally(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                        TeamId team_id, std::string reason) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateInternally));
  reason = TD_TRY(CheckReason(std::move(reason)));
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  core::Ticket ticket;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    ticket = TD_TRY(tx.GetTicket(scope, id));
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
  }));
  return ticket;
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
    auto events = TD_TRY(tx.ListEventsByAction("ticket.escalated", from, to, after, limit + 1));
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
