#include <algorithm>

#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Result<std::vector<core::Event>> ListEvents(const AppContext& ctx, const core::Actor& actor,
                                            TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::Event>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListEvents(scope, id); });
}

Result<EventsSince> ListEventsSince(const AppContext& ctx, const core::Actor& actor, std::int64_t after_id,
                                    int limit) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<EventsSince>(ctx.store, [&](core::ReadTx& tx) -> Result<EventsSince> {
    EventsSince since{{}, after_id};
    const auto read = TD_TRY(tx.ListAllEvents(after_id, limit));
    if (read.empty()) return since;
    since.cursor = read.back().id;
    std::vector<TicketId> tickets;
    for (const auto& event : read) {
      if (event.ticket_id.valid() &&
          std::find(tickets.begin(), tickets.end(), event.ticket_id) == tickets.end()) {
        tickets.push_back(event.ticket_id);
      }
    }
    for (const TicketId ticket : tickets) {
      auto visible = tx.ListEvents(scope, ticket);
      if (!visible) {
        if (visible.error().code == ErrorCode::kNotFound) continue;  // not the viewer's ticket
        return Fail(std::move(visible).error());
      }
      for (auto& event : *visible) {
        if (event.id > after_id && event.id <= since.cursor) since.events.push_back(std::move(event));
      }
    }
    std::sort(since.events.begin(), since.events.end(),
              [](const core::Event& a, const core::Event& b) { return a.id < b.id; });
    return since;
  });
}

Result<std::int64_t> LatestEventId(const AppContext& ctx) {
  return core::ReadValue<std::int64_t>(ctx.store, [](core::ReadTx& tx) { return tx.LatestEventId(); });
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
