#include "app/sla/sla.hpp"
#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Result<TicketView> GetTicket(const AppContext& ctx, const core::Actor& actor, TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<TicketView>(ctx.store, [&](core::ReadTx& tx) -> Result<TicketView> {
    TicketView view{TD_TRY(tx.GetTicket(scope, id)), {}, {}};
    sla::Evaluator evaluator(ctx, tx, ctx.clock.Now());
    view.sla = TD_TRY(evaluator.Evaluate(view.ticket));
    view.underpinning = TD_TRY(evaluator.EvaluateUnderpinning(view.ticket));
    return view;
  });
}

}  // namespace tierdesk::app::ticket
