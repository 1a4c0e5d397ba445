// app/routing/routing.hpp
#pragma once

#include <memory>
#include <mutex>
#include <optional>
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

// A dry run: the ticket as the rules would leave it and what they would do; nothing is saved.
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
