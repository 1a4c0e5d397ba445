#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Result<std::vector<core::Event>> ListEvents(const AppContext& ctx, const core::Actor& actor,
                                            TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::Event>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListEvents(scope, id); });
}

Result<std::vector<core::Event>> ListAuditEvents(const AppContext& ctx, const core::Actor& actor,
                                                 std::int64_t after_id, int limit) {
  TD_CHECK(core::Require(actor, core::Action::kReadAuditLog));
  if (limit < 1 || limit > 1000) {
    return Fail(Error::InvalidArgument("limit is 1 to 1000", {{"limit", "must be 1 to 1000"}}));
  }
  return core::ReadValue<std::vector<core::Event>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListAllEvents(after_id, limit); });
}

}  // namespace tierdesk::app::ticket
