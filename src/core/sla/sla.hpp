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
#include "core/sla/clocks.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {

enum class ClockState { kRunning, kPaused, kMet, kBreached };
std::string_view ToString(ClockState state);

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
SlaClocks StartClocks(const SlaTerms& terms, TicketStatus status, UnixMillis at);
// Pauses, resumes or stops the clocks; reopening (resolved → open) resumes resolution.
void OnStatusChange(SlaClocks& sla, TicketStatus from, TicketStatus to, UnixMillis at);
// A public agent reply meets first response and the running next response.
void OnAgentReply(SlaClocks& sla, UnixMillis at);
// A customer reply starts a next-response cycle unless one is running or first response is still
// open. `status` is the ticket's status after the reply (a reply may reopen it).
void OnCustomerReply(SlaClocks& sla, TicketStatus status, UnixMillis at);
// New terms (severity or agreement changed): targets and calendar change, the spans stay.
void Retarget(SlaClocks& sla, const SlaTerms& terms, TicketStatus status, UnixMillis at);

// One clock as the API shows it.
struct ClockReport {
  ClockKind kind = ClockKind::kFirstResponse;
  ClockState state = ClockState::kRunning;
  Target target;
  int cycle = 0;
  std::optional<UnixMillis> due_at;   // when the target is (or was) reached; none while paused short of it
  std::optional<UnixMillis> warn_at;  // when the warning threshold is (or was) reached
  std::optional<UnixMillis> stopped_at;
  std::int64_t consumed = 0;   // milliseconds counted against the target (business or calendar)
  std::int64_t paused = 0;     // wall-clock milliseconds spent paused
  std::int64_t remaining = 0;  // target - consumed, in milliseconds; negative when over
  bool warning_reached = false;
  bool counting = false;       // running, and its time passing now (inside service hours when it
                               // counts business time): a countdown shown live ticks only then
};

struct SlaReport {
  std::array<std::optional<ClockReport>, 3> clocks;  // by ClockKind; none: not started or no target
  std::optional<UnixMillis> next_due;   // the earliest due time of a running clock
  bool breached = false;                 // some clock is breached
  std::optional<UnixMillis> watch_at;   // when the watch next has something to raise
};

// Evaluates the clocks at `now`. `hours` is the built service-hours calendar (nullptr: 24x7);
// warn_percent (1..99) places the warning threshold. A clock is breached when its due time passed
// while it was running; it is met when it stopped at or before its due time.
Result<SlaReport> EvaluateSla(const SlaClocks& sla, const BusinessCalendar* hours, UnixMillis now,
                              int warn_percent);

// Brings a ticket's summary columns in step with a report of its clocks: the earliest due time of
// a running clock, whether a clock that no longer runs was breached (running ones show through
// the due time), and when the watch next has something to raise.
void StoreSummary(Ticket& ticket, const SlaReport& report);

// An sla.warning or sla.breached to raise; TakeAlerts marks it raised, so each is raised once per
// clock cycle. A breach found before its warning was raised absorbs the warning.
struct SlaAlert {
  ClockKind kind = ClockKind::kFirstResponse;
  bool breached = false;
  int cycle = 0;
  UnixMillis at = 0;  // the threshold instant
};
std::vector<SlaAlert> TakeAlerts(SlaClocks& sla, const SlaReport& report);

// Storage text form (the core has no JSON library).
std::string EncodeSla(const SlaClocks& sla);
Result<SlaClocks> DecodeSla(std::string_view text);

}  // namespace tierdesk::core
