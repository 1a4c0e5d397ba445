#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Result<core::TicketPage> ListTickets(const AppContext& ctx, const core::Actor& actor,
                                     const core::TicketQuery& query) {
  if (query.limit < 1 || query.limit > 200) {
    return Fail(Error::InvalidArgument("limit is 1 to 200", {{"limit", "must be 1 to 200"}}));
  }
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<core::TicketPage>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListTickets(scope, query); });
}

}  // namespace tierdesk::app::ticket
