#include "app/routing/routing.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::routing {

// The customer's subscriptions of a service a ticket may name: a cancelled one only for billing and
// subscription questions (core::CheckSubscriptionForTicket).
Result<std::vector<std::string>> CustomerSubscriptions(core::ReadTx& tx, OrgId customer, std::string_view service,
                                                       core::Category category) {
  std::vector<std::string> guids;
  for (const auto& subscription : TD_TRY(tx.ListSubscriptions({core::OrgScope::Kind::kSelf, customer}))) {
    if (subscription.service != service) continue;
    if (!core::CheckSubscriptionForTicket(subscription, category == core::Category::kTechnical)) continue;
    guids.push_back(ToLowerAscii(subscription.external_id));
  }
  return guids;
}

Status CheckFieldValues(core::ReadTx& tx, const core::Service& service, const core::Ticket& ticket) {
  // The customer's subscriptions are read only when a given field must be one of them.
  bool names_subscription = false;
  for (const auto* field : core::FieldsFor(service.requirements, ticket.category)) {
    const auto it = ticket.fields.find(field->name);
    names_subscription = names_subscription || (field->customer_subscription && it != ticket.fields.end());
  }
  std::vector<std::string> subscriptions;
  if (names_subscription) subscriptions = TD_TRY(CustomerSubscriptions(tx, ticket.customer_id, service.code, ticket.category));
  auto errors = core::CheckFieldValues(service.requirements, ticket.category, ticket.fields, subscriptions);
  if (!errors.empty()) return Fail(Error::InvalidArgument("some fields are not valid for this service", std::move(errors)));
  return Ok();
}

Result<std::vector<FieldError>> MissingFields(core::ReadTx& tx, const core::Ticket& ticket) {
  const auto service = TD_TRY(tx.FindService(ticket.service));
  if (!service) return std::vector<FieldError>{};
  return core::MissingFields(service->requirements, ticket.category, ticket.fields);
}

Result<core::Service> SetServiceRequirements(const AppContext& ctx, const core::Actor& actor, std::string_view code,
                                             core::ServiceRequirements requirements) {
  TD_CHECK(core::Require(actor, core::Action::kManageServices));
  TD_CHECK(core::ValidateRequirements(requirements));
  const Timestamp now = ctx.clock.Now();
  std::optional<core::Service> service;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.UpdateServiceRequirements(code, requirements));
    service = TD_TRY(tx.FindService(code));
    core::Event event{0, TicketId{}, actor.user_id, "service.requirements_changed", "service", "", std::string(code),
                      false, now};
    return tx.AppendEvent(event);
  }));
  return std::move(*service);
}

namespace {

Result<TicketChecklist> LoadChecklist(core::ReadTx& tx, const core::Ticket& ticket) {
  TicketChecklist out;
  const auto service = TD_TRY(tx.FindService(ticket.service));
  if (!service) return out;
  out.missing = core::MissingFields(service->requirements, ticket.category, ticket.fields);
  const auto marks = TD_TRY(tx.ListChecklistMarks(ticket.id));
  for (const auto* item : core::ChecklistFor(service->requirements, ticket.category)) {
    TicketChecklist::Item entry{item->key, item->text, std::nullopt};
    for (const auto& mark : marks) {
      if (mark.key == item->key) entry.mark = mark;
    }
    out.items.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

Result<TicketChecklist> GetTicketChecklist(const AppContext& ctx, const core::Actor& actor, TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  std::optional<TicketChecklist> checklist;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    const auto ticket = TD_TRY(tx.GetTicket(scope, id));
    TD_CHECK(core::Require(actor, core::Action::kPostInternalNote));  // found first: outsiders get 404
    checklist = TD_TRY(LoadChecklist(tx, ticket));
    return Ok();
  }));
  return std::move(*checklist);
}

Result<TicketChecklist> MarkChecklistItem(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                          std::string_view key, bool done) {
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  std::optional<TicketChecklist> checklist;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto ticket = TD_TRY(tx.GetTicket(scope, id));
    TD_CHECK(core::Require(actor, core::Action::kPostInternalNote));
    const auto before = TD_TRY(LoadChecklist(tx, ticket));
    const auto item = std::find_if(before.items.begin(), before.items.end(),
                                   [&](const TicketChecklist::Item& i) { return i.key == key; });
    if (item == before.items.end()) return Fail(Error::NotFound("checklist item"));
    if (done) {
      TD_CHECK(tx.PutChecklistMark(id, {std::string(key), actor.user_id, now}));
    } else {
      TD_CHECK(tx.DeleteChecklistMark(id, key));
    }
    if (item->mark.has_value() != done) {
      core::Event event{0, id, actor.user_id, done ? "checklist.ticked" : "checklist.unticked", std::string(key), "",
                        item->text, true, now};
      TD_CHECK(tx.AppendEvent(event));
    }
    checklist = TD_TRY(LoadChecklist(tx, ticket));
    return Ok();
  }));
  return std::move(*checklist);
}

}  // namespace tierdesk::app::routing
