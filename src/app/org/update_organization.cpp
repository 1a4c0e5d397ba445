#include "app/org/org.hpp"
#include "core/common/text.hpp"
#include "core/routing/rules.hpp"

namespace tierdesk::app::org {
namespace {

std::string Describe(const std::vector<core::OrganizationChange>& changes) {
  std::string out;
  for (const auto& change : changes) {
    if (!out.empty()) out += "; ";
    out += change.field + ": " + change.before + " -> " + change.after;
  }
  return out;
}

core::Event TicketChange(UserId actor, TicketId ticket, std::string field, std::string before, std::string after,
                         Timestamp now) {
  core::Event event{0, ticket, actor, "ticket.updated", std::move(field), std::move(before), std::move(after), true, now};
  event.via = "customer moved";
  return event;
}

// The customer's subscriptions get the new parent as their support contact, by the rule a
// transfer follows (core::ResetSupportContact), each change a line of the subscription's history.
Status MoveSubscriptions(core::WriteTx& tx, const core::Actor& actor, const core::Organization& customer,
                         Timestamp now) {
  for (auto subscription : TD_TRY(tx.ListSubscriptions(core::OrgScope{core::OrgScope::Kind::kSelf, customer.id}))) {
    auto line = core::ResetSupportContact(subscription, customer, "subscription.updated", "customer moved",
                                          actor.user_id, now);
    if (!line) continue;
    const std::int64_t version = subscription.version;
    subscription.version = version + 1;
    TD_CHECK(tx.UpdateSubscription(subscription, version));
    TD_CHECK(tx.AppendSubscriptionHistory(*line));
    auto event = core::DirectoryEvent(actor.user_id, "subscription.updated", "subscription", subscription.id.value, now);
    event.via = line->field + ": " + line->before + " -> " + line->after + " (customer moved)";
    TD_CHECK(tx.AppendEvent(event));
  }
  return Ok();
}

// The customer's tickets follow it to its new parent (see UpdateOrganization).
Status MoveTickets(core::WriteTx& tx, const core::Actor& actor, const core::Organization& customer, OrgId old_reseller,
                   OrgId new_reseller, Timestamp now) {
  TD_CHECK(tx.SetCustomerReseller(customer.id, new_reseller));
  if (!old_reseller.valid()) return Ok();  // nothing the old parent held or worked
  core::TicketQuery query;
  query.customer = customer.id;
  query.sort = core::TicketSort::kCreatedAsc;
  query.limit = 200;
  query.now = now;
  for (;;) {
    auto page = TD_TRY(tx.ListTickets(core::SystemScope(), query));
    for (auto& ticket : page.items) {
      if (ticket.status == core::TicketStatus::kClosed) continue;
      const core::Ticket before = ticket;
      std::vector<core::Event> events;
      if (ticket.holder == core::Holder::kReseller) {
        ticket.holder = new_reseller.valid() ? core::Holder::kReseller : core::Holder::kPartner;
      }
      if (ticket.assignee_id.valid()) {
        const auto assignee = TD_TRY(tx.GetUser(ticket.assignee_id));
        if (assignee.organization_id == old_reseller) {
          events.push_back(TicketChange(actor.user_id, ticket.id, "assignee_id",
                                        std::to_string(ticket.assignee_id.value), "", now));
          ticket.assignee_id = UserId{};
        }
      }
      if (ticket.holder != before.holder) {
        events.push_back(TicketChange(actor.user_id, ticket.id, "holder", std::string(core::ToString(before.holder)),
                                      std::string(core::ToString(ticket.holder)), now));
      }
      if (events.empty()) continue;
      ticket.version += 1;
      ticket.updated_at = now;
      TD_CHECK(tx.UpdateTicket(ticket, before.version));
      for (auto& event : events) TD_CHECK(tx.AppendEvent(event));
    }
    if (!page.next) return Ok();
    query.after = page.next;
  }
}

}  // namespace

Status CheckTimeZoneKnown(const AppContext& ctx, std::string_view raw, const std::string& field) {
  // As the core stores it (core::ApplyOrganizationPatch trims blanks), and only a name of the IANA
  // shape is looked up in the tz database.
  const std::string_view name = TrimAscii(raw);
  if (name.empty()) return Ok();
  if (!core::IsTimeZoneName(name)) {
    return Fail(Error::InvalidArgument("the time zone is not valid",
                                       {{field, "must be an IANA time zone name such as Asia/Seoul"}}));
  }
  if (ctx.zones.Load(name)) return Ok();
  return Fail(Error::InvalidArgument("unknown time zone '" + std::string(name) + "'",
                                     {{field, "is not a time zone of the tz database, such as Asia/Seoul"}}));
}

Result<core::Organization> UpdateOrganization(const AppContext& ctx, const core::Actor& actor, OrgId id,
                                              core::OrganizationPatch patch,
                                              std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kManageOrganizations));
  if (patch.time_zone) TD_CHECK(CheckTimeZoneKnown(ctx, *patch.time_zone));
  const Timestamp now = ctx.clock.Now();
  core::Organization org;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    org = TD_TRY(tx.GetOrganization(id));
    if (!core::OrgInScope(core::OrgScopeFor(actor), org)) return Fail(Error::NotFound("organization"));
    TD_CHECK(CheckVersion(expected_version, org.version, "organisation"));
    const core::Organization before = org;
    const auto changes = TD_TRY(core::ApplyOrganizationPatch(org, patch, now));
    if (changes.empty()) return Ok();
    if (org.kind == core::OrgKind::kPartner && org.time_zone.empty()) {
      return Fail(Error::InvalidArgument("the partner needs a time zone", {{"time_zone", "must not be empty"}}));
    }
    OrgId old_reseller, new_reseller;
    if (org.parent_id != before.parent_id) {
      auto parent = tx.GetOrganization(org.parent_id);
      if (!parent) {
        return Fail(Error::InvalidArgument("the parent organisation does not exist", {{"parent_id", "does not exist"}}));
      }
      TD_CHECK(core::CheckParentKind(org.kind, parent->kind));
      if (!parent->active()) {
        return Fail(Error::InvalidArgument("the new parent is deactivated", {{"parent_id", "is deactivated"}}));
      }
      const auto old_parent = TD_TRY(tx.GetOrganization(before.parent_id));
      if (old_parent.kind == core::OrgKind::kReseller) old_reseller = old_parent.id;
      if (parent->kind == core::OrgKind::kReseller) new_reseller = parent->id;
    }
    org.version = before.version + 1;
    TD_CHECK(tx.UpdateOrganization(org, before.version));
    if (org.parent_id != before.parent_id) {
      TD_CHECK(MoveTickets(tx, actor, org, old_reseller, new_reseller, now));
      TD_CHECK(MoveSubscriptions(tx, actor, org, now));
    }
    // One audit event per kind of change: the profile, the move, the (de)activation.
    std::vector<core::OrganizationChange> profile;
    for (const auto& change : changes) {
      std::string action;
      if (change.field == "parent_id") {
        action = "organization.moved";
      } else if (change.field == "active") {
        action = org.active() ? "organization.reactivated" : "organization.deactivated";
        // Its users' sessions end for good; their personal tokens only wait for reactivation.
        if (!org.active()) (void)TD_TRY(tx.RevokeOrganizationSessions(org.id, now));
      } else {
        profile.push_back(change);
        continue;
      }
      auto event = core::DirectoryEvent(actor.user_id, action, "organization", org.id.value, now);
      event.via = Describe({change});
      TD_CHECK(tx.AppendEvent(event));
    }
    if (!profile.empty()) {
      auto event = core::DirectoryEvent(actor.user_id, "organization.updated", "organization", org.id.value, now);
      event.via = Describe(profile);
      TD_CHECK(tx.AppendEvent(event));
    }
    return Ok();
  }));
  return org;
}

Status DeleteOrganization(const AppContext& ctx, const core::Actor& actor, OrgId id) {
  TD_CHECK(core::Require(actor, core::Action::kManageOrganizations));
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto org = TD_TRY(tx.GetOrganization(id));
    if (!core::OrgInScope(core::OrgScopeFor(actor), org)) return Fail(Error::NotFound("organization"));
    if (org.kind == core::OrgKind::kPartner) {
      return Fail(Error::Conflict("the partner organisation is never deleted", "in-use"));
    }
    auto references = TD_TRY(tx.ListOrganizationReferences(id));
    // Plans delivered by a provider name it inside their terms, and routing rules in their
    // conditions and actions, not by a column.
    for (const auto& plan : TD_TRY(tx.ListPlans())) {
      if (plan.provider == id) {
        references.push_back("the plan " + plan.name);
      }
    }
    for (auto& rule : core::RuleReferencesTo(TD_TRY(tx.ListRules()), core::RuleTarget::kOrganization, id.value)) {
      references.push_back(std::move(rule));
    }
    if (!references.empty()) {
      std::string list;
      std::vector<FieldError> fields;
      for (const auto& reference : references) {
        list += (list.empty() ? "" : ", ") + reference;
        fields.push_back({"references", reference});
      }
      Error error{ErrorCode::kConflict,
                  "the organisation is still referred to by " + list + "; deactivate it instead",
                  {}, std::move(fields), "in-use"};
      return Fail(std::move(error));
    }
    TD_CHECK(tx.DeleteOrganization(id));
    auto event = core::DirectoryEvent(actor.user_id, "organization.deleted", "organization", id.value, ctx.clock.Now());
    event.before = org.name;
    return tx.AppendEvent(event);
  });
}

}  // namespace tierdesk::app::org
