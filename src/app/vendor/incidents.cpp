// Microsoft service incidents: one incident linked to the tickets of every customer it touches,
// and each update told to all of them at once.
#include "app/vendor/vendor.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::vendor {
namespace {

constexpr std::size_t kMaxLinks = 1000;
constexpr std::size_t kMaxUpdate = 4000;

}  // namespace

Result<core::VendorIncident> CreateIncident(const AppContext& ctx, const core::Actor& actor, core::VendorIncident input) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  input.reference = std::string(TrimAscii(input.reference));
  input.title = std::string(TrimAscii(input.title));
  TD_CHECK(core::ValidateVendorIncident(input));
  const Timestamp now = ctx.clock.Now();
  input.id = {};
  input.tickets.clear();
  input.status = core::IncidentStatus::kActive;
  input.version = 1;
  input.created_at = input.updated_at = now;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertVendorIncident(input));
    auto event = core::DirectoryEvent(actor.user_id, "vendor_incident.created", "vendor_incident", input.id.value, now);
    return tx.AppendEvent(event);
  }));
  return input;
}

Result<std::vector<core::VendorIncident>> ListIncidents(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  return core::ReadValue<std::vector<core::VendorIncident>>(ctx.store,
                                                            [](core::ReadTx& tx) { return tx.ListVendorIncidents(); });
}

Result<IncidentView> GetIncident(const AppContext& ctx, const core::Actor& actor, VendorIncidentId id) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  return core::ReadValue<IncidentView>(ctx.store, [&](core::ReadTx& tx) -> Result<IncidentView> {
    return IncidentView{TD_TRY(tx.GetVendorIncident(id)), TD_TRY(tx.ListIncidentUpdates(id))};
  });
}

Result<core::VendorIncident> LinkTickets(const AppContext& ctx, const core::Actor& actor, VendorIncidentId id,
                                         const std::vector<TicketId>& tickets) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  if (tickets.empty() || tickets.size() > kMaxLinks) {
    return Fail(Error::InvalidArgument("the tickets to link are not valid", {{"ticket_ids", "names 1 to 1000 tickets"}}));
  }
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  core::VendorIncident incident;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    incident = TD_TRY(tx.GetVendorIncident(id));
    for (std::size_t i = 0; i < tickets.size(); ++i) {
      if (auto ticket = tx.GetTicket(scope, tickets[i]); !ticket) {
        if (ticket.error().code != ErrorCode::kNotFound) return Fail(ticket.error());
        return Fail(Error::InvalidArgument("no such ticket", {{"ticket_ids[" + std::to_string(i) + "]", "is not a ticket"}}));
      }
      if (!TD_TRY(tx.LinkIncidentTicket(id, tickets[i], now))) continue;
      core::Event linked{0, tickets[i], actor.user_id, "vendor_incident.linked", "vendor_incident", "",
                         incident.reference + ": " + incident.title, false, now};
      TD_CHECK(tx.AppendEvent(linked));
    }
    incident = TD_TRY(tx.GetVendorIncident(id));
    return Ok();
  }));
  return incident;
}

Result<std::size_t> PostIncidentUpdate(const AppContext& ctx, const core::Actor& actor, VendorIncidentId id,
                                       IncidentUpdateInput input) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  input.body = std::string(TrimAscii(input.body));
  if (input.body.empty() || input.body.size() > kMaxUpdate || !IsValidUtf8(input.body) ||
      !HasNoControlCharacters(input.body, AllowNewlines::kYes)) {
    return Fail(Error::InvalidArgument("the update is not valid", {{"body", "is 1 to 4000 characters"}}));
  }
  const Timestamp now = ctx.clock.Now();
  std::size_t told = 0;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto incident = TD_TRY(tx.GetVendorIncident(id));
    core::IncidentUpdate update;
    update.incident = id;
    update.body = input.body;
    update.status = input.status.value_or(incident.status);
    update.shown_to_customers = input.shown_to_customers;
    update.author = actor.user_id;
    update.created_at = now;
    TD_CHECK(tx.InsertIncidentUpdate(update));
    TD_CHECK(tx.SetIncidentStatus(id, update.status, now));  // also marks the incident updated
    // One event per ticket: what notifications and each ticket's history are made of.
    for (const auto ticket : incident.tickets) {
      core::Event event{0, ticket, actor.user_id, "vendor_incident.updated", "vendor_incident",
                        std::string(core::ToString(incident.status)), incident.reference + ": " + update.body,
                        !update.shown_to_customers, now};
      event.via = incident.title;
      TD_CHECK(tx.AppendEvent(event));
      TD_CHECK(tx.TouchTicket(ticket, now));
    }
    told = incident.tickets.size();
    return Ok();
  }));
  return told;
}

Result<std::vector<core::VendorIncident>> TicketIncidents(const AppContext& ctx, const core::Actor& actor, TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::VendorIncident>>(
      ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::VendorIncident>> {
        TD_TRY(tx.GetTicket(scope, id));
        return tx.ListIncidentsOfTicket(id);
      });
}

}  // namespace tierdesk::app::vendor
