#include "app/offering/statement.hpp"
#include "app/sla/sla.hpp"
#include "app/ticket/ticket.hpp"

namespace tierdesk::app::sla {
namespace {

constexpr std::string_view kTermsState = "sla.terms";
constexpr int kBatch = 200;
constexpr int kMaxBatchesPerPass = 50;

// Brings a live ticket in line with today's terms: the agreement active today (else the default
// plan), and clocks with that plan's targets and hours. Says what changed.
struct Realigned {
  bool rebound = false;  // agreement or plan
  bool changed = false;
};
Result<Realigned> Realign(const AppContext& ctx, core::ReadTx& tx, Evaluator& evaluator, core::Ticket& t) {
  const core::Ticket before = t;
  const auto terms = TD_TRY(offering::CurrentTerms(ctx, tx, t.customer_id));
  t.agreement_id = terms.agreement ? terms.agreement->id : AgreementId{};
  t.plan_id = terms.plan ? terms.plan->id : PlanId{};
  t.plan_version = terms.plan ? terms.plan->version : 0;
  core::Retarget(t.sla, core::SlaTermsFor(terms.plan ? &*terms.plan : nullptr, t.severity), t.status,
                 evaluator.clock_now());
  TD_TRY(evaluator.Refresh(t));
  Realigned result;
  result.rebound = t.agreement_id != before.agreement_id || t.plan_id != before.plan_id ||
                   t.plan_version != before.plan_version;
  result.changed = result.rebound || t.sla != before.sla ||
                   t.sla_due_at != before.sla_due_at || t.sla_breached != before.sla_breached ||
                   t.sla_watch_at != before.sla_watch_at;
  return result;
}

Status SaveRealigned(core::WriteTx& tx, core::Ticket& t, const core::Ticket& before, const Realigned& realigned,
                     Timestamp now) {
  if (!realigned.rebound) return tx.SaveTicketSla(t);
  t.version += 1;
  TD_CHECK(tx.UpdateTicket(t, before.version));
  const auto id_text = [](AgreementId id) { return id.valid() ? std::to_string(id.value) : std::string(); };
  core::Event event{0, t.id, UserId{}, "ticket.updated", "agreement_id", id_text(before.agreement_id),
                    id_text(t.agreement_id), true, now};
  return tx.AppendEvent(event);
}

// Reads every live ticket; writes only those that change (the writer stays free meanwhile).
Result<int> RealignLiveTickets(const AppContext& ctx, Timestamp now) {
  const core::TicketScope everyone = core::SystemScope();
  int changed = 0;
  TicketId after;
  while (true) {
    std::vector<TicketId> ids;
    std::vector<TicketId> stale;
    TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
      ids = TD_TRY(tx.ListLiveTickets(after, kBatch));
      Evaluator evaluator(ctx, tx, now);
      for (const TicketId id : ids) {
        auto ticket = TD_TRY(tx.GetTicket(everyone, id));
        if (TD_TRY(Realign(ctx, tx, evaluator, ticket)).changed) stale.push_back(id);
      }
      return Ok();
    }));
    if (ids.empty()) break;
    after = ids.back();
    if (stale.empty()) continue;
    TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
      Evaluator evaluator(ctx, tx, now);
      for (const TicketId id : stale) {
        auto ticket = tx.GetTicket(everyone, id);
        if (!ticket) continue;
        const core::Ticket before = *ticket;
        const auto realigned = TD_TRY(Realign(ctx, tx, evaluator, *ticket));
        if (!realigned.changed) continue;
        TD_CHECK(SaveRealigned(tx, *ticket, before, realigned, now));
        ++changed;
      }
      return Ok();
    }));
  }
  return changed;
}

// What the live tickets were last brought in line with: the terms version, the agreements
// active today (agreements start and end on days) and the warning percentage.
Result<std::string> TermsKey(const AppContext& ctx, core::ReadTx& tx) {
  const auto version = TD_TRY(tx.TermsVersion());
  const auto today = TD_TRY(ticket::PartnerToday(ctx, tx, version));
  std::string key = std::to_string(version) + " " + std::to_string(ctx.limits.sla_warning_percent) + " |";
  for (const auto& agreement : TD_TRY(tx.ListAgreements(OrgId{}))) {
    if (agreement.ActiveOn(today)) key += " " + std::to_string(agreement.id.value);
  }
  return key;
}

Status RaiseAlerts(core::WriteTx& tx, Evaluator& evaluator, core::Ticket& t,
                   Timestamp now, WatchResult& result) {
  const auto report = TD_TRY(evaluator.Evaluate(t));
  for (const auto& alert : core::TakeAlerts(t.sla, report)) {
    TD_CHECK(RecordAlert(tx, t, alert, now));
    (alert.breached ? result.breaches : result.warnings) += 1;
  }
  TD_TRY(evaluator.Refresh(t));
  // Never leave a ticket due now: that would have the next pass find it again at once.
  if (t.sla_watch_at && *t.sla_watch_at <= now) t.sla_watch_at = now + std::chrono::minutes(1);
  return tx.SaveTicketSla(t);
}

}  // namespace

Status RecordAlert(core::WriteTx& tx, const core::Ticket& ticket, const core::SlaAlert& alert, Timestamp raised_at) {
  const std::string topic = alert.breached ? "sla.breached" : "sla.warning";
  core::Event event{0, ticket.id, UserId{}, topic, std::string(core::ToString(alert.kind)),
                    std::to_string(alert.cycle), FormatTimestamp(FromClockTime(alert.at)), true, raised_at};
  TD_CHECK(tx.AppendEvent(event));
  core::OutboxEntry entry{0, event.id, topic, ticket.id, raised_at, std::nullopt, 0};
  return tx.InsertOutbox(entry);
}

Result<WatchResult> RunWatch(const AppContext& ctx) {
  WatchResult result;
  const Timestamp now = ctx.clock.Now();

  std::string terms_key;
  bool terms_changed = false;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    terms_key = TD_TRY(TermsKey(ctx, tx));
    terms_changed = TD_TRY(tx.GetJobState(kTermsState)) != terms_key;
    return Ok();
  }));
  if (terms_changed) {
    result.retargeted = TD_TRY(RealignLiveTickets(ctx, now));
    TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) { return tx.PutJobState(kTermsState, terms_key); }));
  }

  const core::TicketScope everyone = core::SystemScope();
  for (int batch = 0; batch < kMaxBatchesPerPass; ++batch) {
    const auto ids = TD_TRY(core::ReadValue<std::vector<TicketId>>(
        ctx.store, [&](core::ReadTx& tx) { return tx.ListSlaWatchDue(now, kBatch); }));
    if (ids.empty()) break;
    TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
      Evaluator evaluator(ctx, tx, now);
      for (const TicketId id : ids) {
        auto ticket = tx.GetTicket(everyone, id);
        // Re-checked inside the writer: another pass or a reply may have handled it meanwhile.
        if (!ticket || !ticket->sla_watch_at || *ticket->sla_watch_at > now) continue;
        TD_CHECK(RaiseAlerts(tx, evaluator, *ticket, now, result));
      }
      return Ok();
    }));
    if (ids.size() < static_cast<std::size_t>(kBatch)) break;
  }
  return result;
}

}  // namespace tierdesk::app::sla
