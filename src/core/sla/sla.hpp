// core/sla/sla.hpp
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/calendar/calendar.hpp"
#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/offering/plan.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {

// A ticket's SLA clocks (DESIGN.md §4 Ticket): first response, next response and resolution.
//
// A clock keeps the spans in which it ran, not a running total: what it consumed is always
// measured again over those spans in the current service-hours calendar. So a severity change
// (a new target) or a holiday added afterwards moves the due time without losing time already
// consumed or paused. All instants here are whole UTC seconds (milliseconds are floored).
using UnixSeconds = std::int64_t;

enum class ClockKind { kFirstResponse, kNextResponse, kResolution };
inline constexpr std::array<ClockKind, 3> kClockKinds = {
    ClockKind::kFirstResponse, ClockKind::kNextResponse, ClockKind::kResolution};
std::string_view ToString(ClockKind kind);
std::optional<ClockKind> ParseClockKind(std::string_view text);

enum class ClockState { kRunning, kPaused, kMet, kBreached };
std::string_view ToString(ClockState state);

struct SlaClock {
  Target target;  // minutes == 0: the plan sets no target, and the clock never starts
  std::optional<UnixSeconds> started_at;     // none: not started (this cycle)
  std::optional<UnixSeconds> stopped_at;     // met, or answered late: counting is over
  std::optional<UnixSeconds> running_since;  // counting now, since then
  std::vector<std::pair<UnixSeconds, UnixSeconds>> runs;  // earlier running spans [from, to)
  int cycle = 0;               // next response: one cycle per customer reply awaiting an answer
  bool warned = false;         // sla.warning was raised for this cycle
  bool breach_raised = false;  // sla.breached was raised for this cycle

  bool active() const { return started_at && !stopped_at; }
};

struct SlaClocks {
  CalendarId hours;                     // the plan's service hours; invalid: 24x7
  bool pause_in_pending_vendor = true;
  std::array<SlaClock, 3> clocks;       // by ClockKind

  SlaClock& operator[](ClockKind kind) { return clocks[static_cast<std::size_t>(kind)]; }
  const SlaClock& operator[](ClockKind kind) const { return clocks[static_cast<std::size_t>(kind)]; }
  bool empty() const;  // no clock has a target
};

// What a ticket's clocks run on: its severity's targets in the effective plan. No plan: none.
struct SlaTerms {
  SeverityTargets targets;
  CalendarId hours;
  bool pause_in_pending_vendor = true;
};
SlaTerms SlaTermsFor(const Plan* effective_plan, Severity severity);

// Does the lifecycle let clocks count in this status? new and open: yes; pending_customer: no;
// pending_vendor: as the plan says; resolved and closed: the clocks are over.
bool ClocksCount(TicketStatus status, bool pause_in_pending_vendor);

// A new ticket: first response and resolution start.
SlaClocks StartClocks(const SlaTerms& terms, TicketStatus status, UnixSeconds at);
// Pauses, resumes or stops the clocks; reopening (resolved → open) resumes resolution.
void OnStatusChange(SlaClocks& sla, TicketStatus from, TicketStatus to, UnixSeconds at);
// A public agent reply meets first response and the running next response.
void OnAgentReply(SlaClocks& sla, UnixSeconds at);
// A customer reply starts a next-response cycle unless one is running or first response is still
// open. `status` is the ticket's status after the reply (a reply may reopen it).
void OnCustomerReply(SlaClocks& sla, TicketStatus status, UnixSeconds at);
// New terms (severity or agreement changed): targets and calendar change, the spans stay.
void Retarget(SlaClocks& sla, const SlaTerms& terms, TicketStatus status, UnixSeconds at);

// One clock as the API shows it.
struct ClockReport {
  ClockKind kind = ClockKind::kFirstResponse;
  ClockState state = ClockState::kRunning;
  Target target;
  int cycle = 0;
  std::optional<UnixSeconds> due_at;   // when the target is (or was) reached; none while paused short of it
  std::optional<UnixSeconds> warn_at;  // when the warning threshold is (or was) reached
  std::optional<UnixSeconds> stopped_at;
  std::int64_t consumed = 0;   // seconds counted against the target (business or calendar)
  std::int64_t paused = 0;     // wall-clock seconds spent paused
  std::int64_t remaining = 0;  // target - consumed; negative when over
  bool warning_reached = false;
};

struct SlaReport {
  std::array<std::optional<ClockReport>, 3> clocks;  // by ClockKind; none: not started or no target
  std::optional<UnixSeconds> next_due;   // the earliest due time of a running clock
  bool breached = false;                 // some clock is breached
  std::optional<UnixSeconds> watch_at;   // when the watch next has something to raise
};

// Evaluates the clocks at `now`. `hours` is the built service-hours calendar (nullptr: 24x7);
// warn_percent (1..99) places the warning threshold. A clock is breached when its due time passed
// while it was running; it is met when it stopped at or before its due time.
Result<SlaReport> EvaluateSla(const SlaClocks& sla, const BusinessCalendar* hours, UnixSeconds now,
                              int warn_percent);

// An sla.warning or sla.breached to raise; TakeAlerts marks it raised, so each is raised once per
// clock cycle. A breach found before its warning was raised absorbs the warning.
struct SlaAlert {
  ClockKind kind = ClockKind::kFirstResponse;
  bool breached = false;
  int cycle = 0;
  UnixSeconds at = 0;  // the threshold instant
};
std::vector<SlaAlert> TakeAlerts(SlaClocks& sla, const SlaReport& report);

// Storage text form (the core has no JSON library).
std::string EncodeSla(const SlaClocks& sla);
Result<SlaClocks> DecodeSla(std::string_view text);

}  // namespace tierdesk::core
