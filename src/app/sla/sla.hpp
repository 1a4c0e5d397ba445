// app/sla/sla.hpp
#pragma once

#include <memory>
#include <optional>
#include <unordered_map>

#include "app/context.hpp"
#include "core/sla/sla.hpp"

namespace tierdesk::app::sla {

// Instants as SLA clocks keep them (UTC milliseconds), and back.
core::UnixMillis ToClockTime(Timestamp t);
Timestamp FromClockTime(core::UnixMillis t);

// Evaluates tickets' clocks at one instant inside a transaction, building each service-hours
// calendar once (cached across requests per terms version).
class Evaluator {
 public:
  Evaluator(const AppContext& ctx, core::ReadTx& tx, Timestamp now);

  Result<core::SlaReport> Evaluate(const core::Ticket& ticket);
  // The provider's underpinning clocks, when the ticket is with one.
  Result<core::SlaReport> EvaluateUnderpinning(const core::Ticket& ticket);
  // Evaluates and brings the ticket's summary columns (due, breached, watch) in step.
  Result<core::SlaReport> Refresh(core::Ticket& ticket);
  // Now as the clocks count it (milliseconds), and in whole seconds (for IsOpen checks).
  core::UnixMillis clock_now() const { return now_; }
  core::UnixSeconds now_seconds() const;
  // A calendar as built for these terms; none (24x7) for an invalid or deleted one.
  Result<const core::BusinessCalendar*> Hours(CalendarId id);

 private:
  Result<core::SlaReport> EvaluateClocks(const core::SlaClocks& clocks);

  const AppContext& ctx_;
  core::ReadTx& tx_;
  core::UnixMillis now_;
  std::optional<std::int64_t> terms_version_;
  std::unordered_map<CalendarId, std::shared_ptr<const core::BusinessCalendar>> hours_;
};

// The plan a ticket's clocks follow: its agreement's effective plan, else the plan it was opened
// under (the partner's default), else none.
Result<std::optional<core::Plan>> TicketPlan(core::ReadTx& tx, const core::Ticket& ticket);

struct WatchResult {
  int warnings = 0;
  int breaches = 0;
  int retargeted = 0;  // live tickets whose clocks or agreement changed with the terms
};

// Records a raised alert: an internal sla.warning or sla.breached event (field: the clock;
// before: its cycle; after: the threshold instant) and its outbox row.
Status RecordAlert(core::WriteTx& tx, const core::Ticket& ticket, const core::SlaAlert& alert, Timestamp raised_at);

// One pass of the SLA watch, run in the background every few seconds:
// 1. when the terms (plans, agreements, calendars, ...), the partner's day or the warning
//    percentage changed since the last pass, brings every live ticket in line: a ticket follows
//    the agreement active today (recorded in its history), its clocks the new targets and hours;
// 2. raises sla.warning and sla.breached for every clock whose moment has come, each once per
//    clock cycle, as a history event and an outbox row in the same transaction as the mark that
//    it was raised: so never twice, also across restarts.
Result<WatchResult> RunWatch(const AppContext& ctx);

}  // namespace tierdesk::app::sla
