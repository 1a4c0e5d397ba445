// core/routing/work.hpp
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/offering/target.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {

// How a team hands out tickets that reach it without an assignee (DESIGN.md §4 Team).
// manual: a person picks; round_robin: the next eligible member after the last one given a
// ticket; least_open: the eligible member with the fewest live tickets (ties: the lower id).
enum class Assignment { kManual, kRoundRobin, kLeastOpen };
std::string_view ToString(Assignment assignment);
std::optional<Assignment> ParseAssignment(std::string_view text);

// One team member as the assignment sees them. Eligible: active, not away, on shift now.
struct AssignmentCandidate {
  UserId id;
  bool eligible = false;
  std::int64_t open_tickets = 0;  // least_open only
};

// The member to give the ticket to, or none (manual, or nobody eligible). Candidates in any
// order; last: the member round robin gave the previous ticket to.
std::optional<UserId> PickAssignee(Assignment assignment, std::vector<AssignmentCandidate> candidates,
                                   UserId last);

// Internal escalation tiers: 0 = a team outside the ladder, else L1, L2, L3.
inline constexpr int kMaxTier = 3;

// An outsourced provider's contract with the partner: its own (underpinning) response and
// resolution targets per severity, the hours they count in, and what an hour of its work costs.
struct ProviderContract {
  OrgId provider;
  std::string currency;            // ISO 4217
  std::int64_t hourly_cost = 0;    // minor units per hour
  CalendarId hours;                // invalid: 24x7
  std::array<SeverityTargets, 3> targets;  // by Severity; next_response unused (zero)
  std::int64_t version = 0;
  Timestamp updated_at;

  const SeverityTargets& TargetsFor(Severity severity) const {
    return targets[static_cast<std::size_t>(severity)];
  }
};
// Names each bad field as the API spells it. Stored targets use core/offering's EncodeTargets.
Status ValidateProviderContract(const ProviderContract& contract);

// Time worked on a ticket, with what it cost the partner (a provider's rate) and what the
// customer's terms price it at, both fixed when it was logged so later rate changes do not
// rewrite the past. Amounts are minor units, rounded half up to whole minor units.
// What kind of work a time entry records. Whether its minutes are after hours is decided when it
// is logged (TimeEntry::after_hours_minutes): by the plan's service hours, or all of them for a
// call-out the agent marks as such. kAfterHours is only read from entries logged before that
// rule, which stated it by hand.
enum class Activity { kRemote, kOnSite, kAfterHours, kCallOut };
std::string_view ToString(Activity activity);
std::optional<Activity> ParseActivity(std::string_view text);
// What a client may send: remote, on_site or call_out. after_hours is no longer something to
// state: the plan's service hours decide it.
std::optional<Activity> ParseLoggedActivity(std::string_view text);

struct TimeEntry {
  std::int64_t id = 0;
  TicketId ticket_id;
  UserId user_id;
  OrgId org_id;              // the worker's organisation: the partner, a provider or a reseller
  std::int64_t minutes = 0;  // 1 .. 1440
  std::string note;
  std::string cost_currency;          // empty: no cost recorded (the partner's own people)
  std::int64_t cost_hourly_rate = 0;
  std::int64_t cost_amount = 0;
  std::string price_currency;         // empty: the customer's terms set no hourly price
  std::int64_t price_hourly_rate = 0;
  std::int64_t price_amount = 0;
  Timestamp worked_at;
  Timestamp created_at;
  bool billable = true;       // charged to the customer as its terms say; false: recorded only
  Activity activity = Activity::kRemote;
  std::int64_t version = 1;   // edits (If-Match)
  // Of `minutes`, those outside the plan's service hours (all of them for a call-out), charged at
  // the plan's after-hours percentage; fixed when logged or corrected, like cost and price.
  std::int64_t after_hours_minutes = 0;
  Timestamp updated_at = {};
};
inline constexpr std::int64_t kMaxTimeEntryMinutes = 24 * 60;
// When work may be said to have been done, one rule for logging and correcting time (anyone's):
// it begins no earlier than kWorkBeforeOpenedGrace before the ticket was opened (a call taken
// before the ticket was written down) and ends, worked_at + minutes, no later than now plus
// kWorkClockSkew (a timer rounds up to whole minutes; clocks differ a little). Adds an error
// named "worked_at" for each rule broken.
inline constexpr std::chrono::hours kWorkBeforeOpenedGrace{24};
inline constexpr std::chrono::minutes kWorkClockSkew{1};
void CheckWorkedAt(Timestamp worked_at, std::int64_t minutes, Timestamp ticket_opened, Timestamp now,
                   std::vector<FieldError>& errors);
// minutes × hourly rate / 60, rounded half up.
std::int64_t AmountFor(std::int64_t minutes, std::int64_t hourly_rate);

}  // namespace tierdesk::core
