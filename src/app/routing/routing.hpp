// app/routing/routing.hpp
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "app/context.hpp"
#include "app/ticket/ticket.hpp"
#include "core/routing/rules.hpp"

namespace tierdesk::app::routing {

// Admins and supervisors manage the rules; partner staff read them.
Result<std::vector<core::Rule>> ListRules(const AppContext& ctx, const core::Actor& actor);
Result<core::Rule> GetRule(const AppContext& ctx, const core::Actor& actor, RuleId id);
// The teams, users and providers a rule names must exist; a taken name is kConflict.
Result<core::Rule> CreateRule(const AppContext& ctx, const core::Actor& actor, core::Rule rule);
// Replaces a rule's definition; expected_version (If-Match) → kPreconditionFailed when stale.
Result<core::Rule> ReplaceRule(const AppContext& ctx, const core::Actor& actor, RuleId id, core::Rule rule,
                               std::optional<std::int64_t> expected_version);
Status DeleteRule(const AppContext& ctx, const core::Actor& actor, RuleId id);

// A dry run: the ticket creation would build (ticket::BuildDraft) as the rules would leave it,
// and what they would do; nothing is saved.
struct RuleTest {
  core::Ticket ticket;
  core::RuleRun run;
};
Result<RuleTest> TestRules(const AppContext& ctx, const core::Actor& actor, const ticket::NewTicket& input,
                           core::RuleTrigger trigger);

// Runs the rules on a ticket inside a write: changes it in place and returns what they did. The
// caller saves the ticket, then calls RecordRuleRun once the ticket has its id.
// `customer` may be passed when the caller has it loaded already.
Result<core::RuleRun> RunRules(const AppContext& ctx, core::ReadTx& tx, core::Ticket& ticket, std::string_view body,
                               core::RuleTrigger trigger, Timestamp now,
                               const std::vector<std::string>& changed_fields = {},
                               const core::Organization* customer = nullptr);
// History events naming the rule for each change, internal notes, notification events with
// their outbox rows.
Status RecordRuleRun(core::WriteTx& tx, const core::Ticket& ticket, const core::RuleRun& run, Timestamp now);

// Outsourcing -----------------------------------------------------------------------------------

// Hands a ticket routed to a provider back to the partner in one action: the provider and any
// provider agent assigned are cleared, with the reason in history. The provider's agents (on
// their ticket) and partner staff may; the provider then no longer sees the ticket.
Result<core::Ticket> HandBack(const AppContext& ctx, const core::Actor& actor, TicketId id, std::string reason);

// Brings what follows from a ticket's routing in line after it changed (before: the ticket as
// loaded; none when it is being created) and returns the history events, without ticket id:
// - the holder: the provider while one is set; back to the partner when it is cleared;
// - the provider's underpinning clocks: started from its contract when it is routed there,
//   stopped when it leaves, paused, resumed and retargeted with status and severity;
// - an assignee from the team's strategy when the ticket reaches a team without one (a ticket
//   moved to a team its assignee is not in loses the assignee first).
Result<std::vector<core::Event>> SettleRouting(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket,
                                               const core::Ticket* before, UserId actor, Timestamp now);
Status AppendEvents(core::WriteTx& tx, TicketId ticket, std::vector<core::Event> events);

// Resold and outsourced plans: a plan delivered by a provider routes all its tickets there.
// `plan` is the ticket's effective plan (none: nothing to do). Returns the change as a history
// event (without ticket id), if any.
std::optional<core::Event> RouteByPlanDelivery(const core::Plan* plan, core::Ticket& ticket, UserId actor,
                                               Timestamp now);

// Two-tier CSP: a reseller's agent hands its customer's ticket up to the partner in one action;
// the holder becomes the partner, with the reason in history. The partner's rules for new tickets
// then place it (RuleTrigger::kCreate over the ticket as it stands) and the team's strategy
// assigns it.
Result<core::Ticket> HandUp(const AppContext& ctx, const core::Actor& actor, TicketId id, std::string reason);

// Internal escalation: moves a ticket to a team of a higher tier (L1 -> L2 -> L3) with a reason;
// the team's strategy picks the assignee. A ticket.escalated event records tiers and reason.
Result<core::Ticket> EscalateInternally(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                        TeamId team, std::string reason);

// One internal escalation as reports show it.
struct EscalationRecord {
  std::int64_t event_id = 0;
  TicketId ticket;
  TeamId from_team;
  TeamId to_team;
  int from_tier = 0;
  int to_tier = 0;
  UserId actor;
  std::string reason;
  Timestamp at;
};
struct EscalationReport {
  std::vector<EscalationRecord> items;
  std::optional<std::int64_t> next_after;  // the cursor of the next page
  std::map<std::pair<int, int>, std::int64_t> by_tiers;  // counts on this page by (from, to)
};
Result<EscalationReport> ReportEscalations(const AppContext& ctx, const core::Actor& actor, Timestamp from,
                                           Timestamp to, std::int64_t after, int limit);

// Providers' contracts: admins set them; partner staff read them.
Result<core::ProviderContract> PutProviderContract(const AppContext& ctx, const core::Actor& actor,
                                                   core::ProviderContract contract,
                                                   std::optional<std::int64_t> expected_version);
Result<core::ProviderContract> GetProviderContract(const AppContext& ctx, const core::Actor& actor, OrgId provider);

// Time worked on a ticket. Provider agents' time records the provider's cost rate (the plan's
// provider cost when the plan is delivered by it, else its contract); every entry records the
// customer's hourly price when its terms set one (an out-of-scope quote, the plan's hourly rate).
struct NewTimeEntry {
  std::int64_t minutes = 0;
  std::string note;
  std::optional<Timestamp> worked_at;  // default: now
  bool billable = true;
  core::Activity activity = core::Activity::kRemote;
  bool stop_timer = false;  // the time of the actor's running timer on the ticket: the timer stops with it
};
// Time in a month closed for the customer is refused (kConflict "period-closed"); billable time on
// a prepaid plan may raise billing.low_balance (app/billing).
Result<core::TimeEntry> LogTime(const AppContext& ctx, const core::Actor& actor, TicketId id, NewTimeEntry input);
// Partner staff see every entry; providers and resellers their own organisation's.
Result<std::vector<core::TimeEntry>> ListTime(const AppContext& ctx, const core::Actor& actor, TicketId id);

// Service requirements ------------------------------------------------------------------------

// Admins replace what a service's tickets must carry.
Result<core::Service> SetServiceRequirements(const AppContext& ctx, const core::Actor& actor, std::string_view code,
                                             core::ServiceRequirements requirements);

// The fields present on a ticket must be well formed, and subscriptions the customer's
// (kInvalidArgument naming fields.<name>).
Status CheckFieldValues(core::ReadTx& tx, const core::Service& service, const core::Ticket& ticket);
// What the ticket still lacks to be worked (opened, escalated).
Result<std::vector<FieldError>> MissingFields(core::ReadTx& tx, const core::Ticket& ticket);

// A ticket's diagnostic checklist with who ticked what and when, and its missing fields. For
// those who work tickets (agents, providers, resellers); customers get 403.
struct TicketChecklist {
  struct Item {
    std::string key;
    std::string text;
    std::optional<core::ChecklistMark> mark;
  };
  std::vector<FieldError> missing;
  std::vector<Item> items;
};
Result<TicketChecklist> GetTicketChecklist(const AppContext& ctx, const core::Actor& actor, TicketId id);
// Ticks or unticks an item; the change is an internal history event.
Result<TicketChecklist> MarkChecklistItem(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                          std::string_view key, bool done);

}  // namespace tierdesk::app::routing
