// core/routing/rules.hpp
#pragma once

#include <cstdint>
#include <functional>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/org/organization.hpp"
#include "core/sla/clocks.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {

// Routing rules (DESIGN.md §4 Rule): ordered, each with conditions (all or any must hold) and
// actions, run at creation and when watched attributes change.
//
// Condition fields, as the API spells them:
//   service, category, severity, status, channel          the ticket's values
//   customer_id, reseller_id, subscription_id, team_id,
//   assignee_id, provider_id                              ids ("" or 0: none)
//   customer.country, customer.locale, customer.time_zone the customer's attributes
//   tags                                                   eq/ne: has (not) the tag; in: has any
//   subject, body                                          text (case-insensitive eq/ne/contains)
//   fields.<name>                                          a per-service field
//   time                                                   inside/outside a calendar's hours
// Operators: eq, ne, in, contains, regex, gt, lt (numbers; for severity gt means more urgent),
// inside, outside (time only).
enum class RuleOp { kEq, kNe, kIn, kContains, kRegex, kGt, kLt, kInside, kOutside };
std::string_view ToString(RuleOp op);
std::optional<RuleOp> ParseRuleOp(std::string_view text);

struct RuleCondition {
  std::string field;
  RuleOp op = RuleOp::kEq;
  std::vector<std::string> values;  // one value; `in` takes one or more
};

// Actions: set_team, set_assignee, set_provider (an id, or "" to clear), set_severity,
// add_tags (values), set_scope (in_scope or out_of_scope_billable), add_note (an internal note's
// text), notify (a notification topic, raised as an event).
enum class RuleActionKind { kSetTeam, kSetAssignee, kSetProvider, kSetSeverity, kAddTags, kSetScope, kAddNote, kNotify };
std::string_view ToString(RuleActionKind kind);
std::optional<RuleActionKind> ParseRuleActionKind(std::string_view text);

struct RuleAction {
  RuleActionKind kind = RuleActionKind::kSetTeam;
  std::vector<std::string> values;  // one, except add_tags
};

enum class RuleTrigger { kCreate, kUpdate };

struct Rule {
  RuleId id;
  std::string name;
  std::int64_t position = 0;  // rules run in position order, then id order
  bool enabled = true;
  bool match_all = true;      // false: any condition suffices (no conditions: always)
  std::vector<RuleCondition> conditions;
  std::vector<RuleAction> actions;
  bool stop = false;          // stop processing the rules after this one fires
  // Two-tier CSP: a ticket a reseller holds is the reseller's to work until it hands it up, so a
  // set_provider that would route it to a provider waits (RuleRun::held) unless the rule says so
  // here. Clearing a provider ("") is never held.
  bool provider_before_hand_up = false;
  bool on_create = true;
  bool on_update = true;
  std::int64_t version = 1;  // bumped by every replacement; the ETag
  Timestamp created_at;
  Timestamp updated_at;
};

// How much of a text a regex condition looks at: the first 64 KiB, less for a large pattern
// (16,000,000 / its RE2 program size, so that even a pattern that defeats RE2's DFA costs about
// 0.1 s at worst). Patterns are at most 5,000 program instructions (checked when saved).
std::size_t RegexTextBudget(int program_size);

// Checks names, operators allowed for each field, values (ids, enums, regexes) and actions; the
// errors name fields as conditions[i].op, actions[j].values and so on.
Status ValidateRule(const Rule& rule);

// What rules name outside any foreign key: organisations (conditions on customer_id, reseller_id
// and provider_id; set_provider) or users (conditions on assignee_id; set_assignee). One line per
// rule that names the id, such as `the rule 3 "VIP to Contoso"`, for a DELETE's 409 in-use.
enum class RuleTarget { kOrganization, kUser };
std::vector<std::string> RuleReferencesTo(const std::vector<Rule>& rules, RuleTarget target, std::int64_t id);

// Storage form of conditions and actions: one record per line, fields separated by a unit
// separator (values never hold control characters other than line breaks and tabs).
std::string EncodeConditions(const std::vector<RuleCondition>& conditions);
Result<std::vector<RuleCondition>> DecodeConditions(std::string_view text);
std::string EncodeActions(const std::vector<RuleAction>& actions);
Result<std::vector<RuleAction>> DecodeActions(std::string_view text);

// What the rules see besides the ticket.
struct RuleContext {
  const Organization* customer = nullptr;
  std::string_view body;  // the description at creation, the latest message after
  UnixSeconds now = 0;
  // Is the calendar open at t? Unset: every `time` condition is false.
  std::function<bool(CalendarId, UnixSeconds)> calendar_open;
  // Why the team, user or organisation a set_team, set_assignee or set_provider names may not take
  // the ticket now (deleted, deactivated, the wrong kind), or nullopt when it may. Such an action
  // does not act and is listed in RuleRun::held. Unset: every target may.
  std::function<std::optional<std::string>(RuleActionKind, std::int64_t)> refuse_target;
};

// One attribute a rule changed, for the ticket's history.
struct RuleChange {
  RuleId rule;
  std::string rule_name;
  FieldChange change;
};
struct RuleMessage {
  RuleId rule;
  std::string rule_name;
  std::string text;
};

struct RuleRun {
  std::vector<RuleId> fired;  // in firing order
  std::vector<RuleChange> changes;
  std::vector<RuleMessage> notes;          // internal notes to add
  std::vector<RuleMessage> notifications;  // events to raise
  // Actions that did not act because of who holds the ticket (a set_provider on a ticket a
  // reseller holds, from a rule without provider_before_hand_up) or because their target may not
  // take it (RuleContext::refuse_target); text says which and why.
  std::vector<RuleMessage> held;
  int passes = 0;
  bool loop_limit_reached = false;
};

// Rules compiled for speed: fields resolved, values parsed and sorted, regexes built. Immutable,
// so one set serves every thread.
class RuleSet {
 public:
  static constexpr int kMaxPasses = 8;

  // Disabled rules are left out. An invalid rule is kInvalidArgument naming it, or (kSkip, for
  // the rules in storage) left out and listed in skipped(): a rule saved by an earlier version
  // that this one refuses, such as a regex RE2 cannot run, must not stop every other rule.
  enum class InvalidRules { kRefuse, kSkip };
  static Result<RuleSet> Compile(std::vector<Rule> rules, InvalidRules invalid = InvalidRules::kRefuse);
  const std::vector<RuleId>& skipped() const { return skipped_; }

  // Runs the rules for the trigger over the ticket, changing it in place. On an update only the
  // rules that read a field in `changed_fields` (the attributes the update changed, as history names
  // them: severity, team_id, tags, subject, fields, ...) or one a rule changed during the run are
  // asked, and rules without conditions; so a rule does not fire again on every later edit.
  // Each rule fires at most once per run; when a pass changed the ticket, the next pass gives
  // the rules that have not fired a chance to match the new values, up to kMaxPasses (loop
  // protection). A firing rule with `stop` ends the run.
  RuleRun Run(Ticket& ticket, const RuleContext& context, RuleTrigger trigger,
              const std::vector<std::string>& changed_fields = {}) const;

  std::size_t size() const { return rules_.size(); }

  struct Compiled;

 private:
  std::vector<std::shared_ptr<const Compiled>> rules_;
  std::vector<RuleId> skipped_;
  // By position: the fields each rule reads (a bit per field), side by side so that later
  // passes skip the rules no change concerns without touching the rules themselves.
  std::vector<std::uint32_t> reads_;
};

}  // namespace tierdesk::core
