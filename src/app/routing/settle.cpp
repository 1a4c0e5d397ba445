// What follows from a ticket's routing: its holder, its provider's underpinning clocks and its
// assignee inside the team.
#include "app/routing/routing.hpp"
#include "app/sla/sla.hpp"

namespace tierdesk::app::routing {
namespace {

std::string IdText(std::int64_t value) { return value > 0 ? std::to_string(value) : std::string(); }

core::Event Change(UserId actor, std::string field, std::string before, std::string after, Timestamp now,
                   std::string via, bool internal = true) {
  core::Event event{0, TicketId{}, actor, "ticket.updated", std::move(field), std::move(before),
                    std::move(after), internal, now};
  event.via = std::move(via);
  return event;
}

// Is the member someone the strategy may give a ticket to now?
Result<bool> Available(sla::Evaluator& evaluator, const core::User& user) {
  if (!user.active || user.away || !core::IsPartnerStaff(user.role) || user.role == core::Role::kBilling) {
    return false;
  }
  if (!user.shift_calendar.valid()) return true;
  const auto* shift = TD_TRY(evaluator.Hours(user.shift_calendar));
  return shift == nullptr || shift->IsOpen(evaluator.now_seconds());
}

// Gives the ticket to a member of its team by the team's strategy; returns the event, if any.
Result<std::optional<core::Event>> AutoAssign(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket,
                                              UserId actor, Timestamp now) {
  if (!ticket.team_id.valid() || ticket.assignee_id.valid() || ticket.provider_id.valid() ||
      ticket.holder == core::Holder::kReseller) {
    return std::optional<core::Event>();
  }
  const auto roster = TD_TRY(tx.GetTeamRoster(ticket.team_id));
  const core::Team& team = roster.team;
  if (team.assignment == core::Assignment::kManual || roster.members.empty()) return std::optional<core::Event>();
  sla::Evaluator evaluator(ctx, tx, now);
  std::vector<core::AssignmentCandidate> candidates;
  std::vector<UserId> available;
  for (const auto& user : roster.members) {
    const bool eligible = TD_TRY(Available(evaluator, user));
    candidates.push_back({user.id, eligible, 0});
    if (eligible) available.push_back(user.id);
  }
  if (team.assignment == core::Assignment::kLeastOpen) {
    const auto counts = TD_TRY(tx.CountLiveTicketsByAssignee(available));
    for (auto& candidate : candidates) {
      if (auto it = counts.find(candidate.id); it != counts.end()) candidate.open_tickets = it->second;
    }
  }
  const auto picked = core::PickAssignee(team.assignment, std::move(candidates), team.last_assigned);
  if (!picked) return std::optional<core::Event>();
  ticket.assignee_id = *picked;
  if (team.assignment == core::Assignment::kRoundRobin) TD_CHECK(tx.SetTeamCursor(team.id, *picked));
  return std::optional(Change(actor, "assignee_id", "", IdText(picked->value), now,
                              "assignment: " + std::string(core::ToString(team.assignment)) + " in " + team.name,
                              false));
}

// The underpinning terms: the provider's contract targets for the ticket's severity.
Result<std::optional<core::SlaTerms>> UnderpinningTerms(core::ReadTx& tx, const core::Ticket& ticket) {
  const auto contract = TD_TRY(tx.GetProviderContract(ticket.provider_id));
  if (!contract) return std::optional<core::SlaTerms>();
  return std::optional(core::SlaTerms{contract->TargetsFor(ticket.severity), contract->hours, true});
}

}  // namespace

Status AppendEvents(core::WriteTx& tx, TicketId ticket, std::vector<core::Event> events) {
  for (auto& event : events) {
    event.ticket_id = ticket;
    TD_CHECK(tx.AppendEvent(event));
  }
  return Ok();
}

Result<std::vector<core::Event>> SettleRouting(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket,
                                               const core::Ticket* before, UserId actor, Timestamp now) {
  std::vector<core::Event> events;
  const auto at = sla::ToClockTime(now);
  const OrgId provider_before = before ? before->provider_id : OrgId{};
  // The holder (a caller may have moved it already, as the hand-up does, with its own event).
  const core::Holder given =
      before ? ticket.holder : (ticket.reseller_id.valid() ? core::Holder::kReseller : core::Holder::kPartner);
  core::Holder holder = given;
  if (ticket.provider_id.valid()) {
    holder = core::Holder::kProvider;
  } else if (given == core::Holder::kProvider) {
    holder = core::Holder::kPartner;
  }
  ticket.holder = holder;
  if (before && holder != given) {
    events.push_back(Change(actor, "holder", std::string(core::ToString(given)),
                            std::string(core::ToString(holder)), now, ""));
  }
  // The provider's underpinning clocks.
  if (ticket.provider_id != provider_before) {
    if (provider_before.valid() && before) {
      core::OnStatusChange(ticket.underpinning, before->status, core::TicketStatus::kClosed, at);
    }
    if (ticket.provider_id.valid()) {
      const auto terms = TD_TRY(UnderpinningTerms(tx, ticket));
      ticket.underpinning = terms ? core::StartClocks(*terms, ticket.status, at) : core::SlaClocks{};
    }
  } else if (ticket.provider_id.valid() && before) {
    if (ticket.severity != before->severity) {
      if (const auto terms = TD_TRY(UnderpinningTerms(tx, ticket))) {
        core::Retarget(ticket.underpinning, *terms, before->status, at);
      }
    }
    if (ticket.status != before->status) {
      core::OnStatusChange(ticket.underpinning, before->status, ticket.status, at);
    }
  }
  // The assignee: one outside a new team (or the partner's, once a provider holds the ticket)
  // gives way.
  if (before && ticket.assignee_id.valid() && ticket.assignee_id == before->assignee_id) {
    bool keep = true;
    if (ticket.team_id != before->team_id && ticket.team_id.valid()) {
      const auto team = TD_TRY(tx.GetTeam(ticket.team_id));
      keep = std::find(team.members.begin(), team.members.end(), ticket.assignee_id) != team.members.end();
    }
    if (keep && ticket.provider_id != provider_before) {
      const auto assignee = TD_TRY(tx.GetUser(ticket.assignee_id));
      keep = !ticket.provider_id.valid() ? assignee.organization_id != provider_before
                                         : assignee.organization_id == ticket.provider_id;
    }
    if (!keep) {
      events.push_back(Change(actor, "assignee_id", IdText(ticket.assignee_id.value), "", now, "routing"));
      ticket.assignee_id = UserId{};
    }
  }
  // A ticket reaches its team when it is new, moves team or provider, or when the reseller that
  // held it gives it up (hand-up): until then the reseller's people work it.
  const bool reached_team = !before || ticket.team_id != before->team_id || ticket.provider_id != provider_before ||
                            (before->holder == core::Holder::kReseller && ticket.holder != core::Holder::kReseller);
  if (reached_team) {
    if (auto assigned = TD_TRY(AutoAssign(ctx, tx, ticket, actor, now))) events.push_back(std::move(*assigned));
  }
  return events;
}

std::optional<core::Event> RouteByPlanDelivery(const core::Plan* plan, core::Ticket& ticket, UserId actor,
                                               Timestamp now) {
  if (plan == nullptr || plan->delivery == core::Plan::Delivery::kInHouse || !plan->provider.valid() ||
      ticket.provider_id == plan->provider) {
    return std::nullopt;
  }
  auto event = Change(actor, "provider_id", IdText(ticket.provider_id.value), IdText(plan->provider.value), now,
                      "plan delivery: " + std::string(core::ToString(plan->delivery)) + " by the plan " + plan->name);
  ticket.provider_id = plan->provider;
  return event;
}

}  // namespace tierdesk::app::routing
