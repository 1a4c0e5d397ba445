#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Result<core::Ticket> GetTicket(const AppContext& ctx, const core::Actor& actor, TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<core::Ticket>(ctx.store,
                                       [&](core::ReadTx& tx) { return tx.GetTicket(scope, id); });
}

}  // namespace tierdesk::app::ticket
