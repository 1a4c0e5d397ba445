#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Result<std::vector<core::Event>> ListEvents(const AppContext& ctx, const core::Actor& actor,
                                            TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::Event>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListEvents(scope, id); });
}

}  // namespace tierdesk::app::ticket
