#include "app/sla/sla.hpp"

namespace tierdesk::app::sla {

core::UnixMillis ToClockTime(Timestamp t) { return ToUnixMillis(t); }

Timestamp FromClockTime(core::UnixMillis t) { return FromUnixMillis(t); }

Evaluator::Evaluator(const AppContext& ctx, core::ReadTx& tx, Timestamp now)
    : ctx_(ctx), tx_(tx), now_(ToClockTime(now)) {}

core::UnixSeconds Evaluator::now_seconds() const {
  return std::chrono::floor<std::chrono::seconds>(FromClockTime(now_)).time_since_epoch().count();
}

Result<const core::BusinessCalendar*> Evaluator::Hours(CalendarId id) {
  if (!id.valid()) return nullptr;
  if (auto it = hours_.find(id); it != hours_.end()) return it->second.get();
  if (!terms_version_) terms_version_ = TD_TRY(tx_.TermsVersion());
  auto built = ctx_.calendars.GetAsOf(id, *terms_version_, ctx_.zones, [&] { return tx_.GetCalendar(id); });
  if (!built && built.error().code == ErrorCode::kNotFound) {
    // The calendar was deleted under a plan: its clocks count around the clock until retargeted.
    hours_[id] = nullptr;
    return nullptr;
  }
  return (hours_[id] = TD_TRY(std::move(built))).get();
}

Result<core::SlaReport> Evaluator::EvaluateClocks(const core::SlaClocks& clocks) {
  if (clocks.empty()) return core::SlaReport{};
  const auto* hours = TD_TRY(Hours(clocks.hours));
  return core::EvaluateSla(clocks, hours, now_, ctx_.limits.sla_warning_percent);
}

Result<core::SlaReport> Evaluator::Evaluate(const core::Ticket& ticket) { return EvaluateClocks(ticket.sla); }

Result<core::SlaReport> Evaluator::EvaluateUnderpinning(const core::Ticket& ticket) {
  return EvaluateClocks(ticket.underpinning);
}

Result<core::SlaReport> Evaluator::Refresh(core::Ticket& ticket) {
  auto report = TD_TRY(Evaluate(ticket));
  core::StoreSummary(ticket, report);
  return report;
}

Result<std::optional<core::Plan>> TicketPlan(core::ReadTx& tx, const core::Ticket& ticket) {
  if (ticket.agreement_id.valid()) {
    const auto agreement = TD_TRY(tx.GetAgreement(ticket.agreement_id));
    const auto signed_version = TD_TRY(tx.GetPlan(agreement.plan_id, agreement.plan_version));
    return std::optional(core::EffectivePlan(signed_version, agreement));
  }
  if (ticket.plan_id.valid()) return std::optional(TD_TRY(tx.GetPlan(ticket.plan_id, ticket.plan_version)));
  return std::optional<core::Plan>();
}

}  // namespace tierdesk::app::sla
