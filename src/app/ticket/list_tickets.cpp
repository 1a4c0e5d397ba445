#include "app/sla/sla.hpp"
#include "app/ticket/ticket.hpp"
#include "core/ticket/search.hpp"

namespace tierdesk::app::ticket {

Result<TicketViewPage> ListTickets(const AppContext& ctx, const core::Actor& actor, core::TicketQuery query) {
  if (query.limit < 1 || query.limit > 200) {
    return Fail(Error::InvalidArgument("limit is 1 to 200", {{"limit", "must be 1 to 200"}}));
  }
  TD_CHECK(core::ParseSearch(query.text));  // refused before anything runs
  const auto scope = core::TicketScopeFor(actor);
  query.now = ctx.clock.Now();
  return core::ReadValue<TicketViewPage>(ctx.store, [&](core::ReadTx& tx) -> Result<TicketViewPage> {
    auto page = TD_TRY(tx.ListTickets(scope, query));
    sla::Evaluator evaluator(ctx, tx, query.now);
    TicketViewPage views;
    views.next = page.next;
    views.items.reserve(page.items.size());
    for (auto& ticket : page.items) {
      auto report = TD_TRY(evaluator.Evaluate(ticket));
      auto underpinning = TD_TRY(evaluator.EvaluateUnderpinning(ticket));
      views.items.push_back({std::move(ticket), std::move(report), std::move(underpinning)});
    }
    return views;
  });
}

}  // namespace tierdesk::app::ticket
