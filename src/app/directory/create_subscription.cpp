#include "app/directory/directory.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::directory {

Result<core::Subscription> CreateSubscription(const AppContext& ctx, const core::Actor& actor,
                                              NewSubscription input) {
  TD_CHECK(core::Require(actor, core::Action::kManageSubscriptions));
  std::vector<FieldError> errors;
  input.external_id = ToLowerAscii(TrimAscii(input.external_id));
  if (!IsGuid(input.external_id)) errors.push_back({"subscription_id", "must be a GUID"});
  input.name = std::string(TrimAscii(input.name));
  if (input.name.empty() || CodePointCount(input.name) > 200 || !IsValidUtf8(input.name) ||
      !HasNoControlCharacters(input.name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must be 1 to 200 characters, one line"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the subscription is not valid", errors));
  core::Subscription subscription{{}, input.customer_id, input.service, input.external_id,
                                  input.name, {}, input.new_commerce, ctx.clock.Now()};
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto customer = tx.GetOrganization(input.customer_id);
    if (!customer || customer->kind != core::OrgKind::kCustomer) {
      return Fail(Error::InvalidArgument("the customer does not exist",
                                         {{"customer_id", "is not a customer"}}));
    }
    if (!TD_TRY(tx.FindService(input.service))) {
      return Fail(Error::InvalidArgument("unknown service", {{"service", "is not a service"}}));
    }
    subscription.support_contact_id = input.support_contact_id.value_or(customer->parent_id);
    if (subscription.support_contact_id != customer->parent_id) {
      auto contact = tx.GetOrganization(subscription.support_contact_id);
      if (!contact || (contact->kind != core::OrgKind::kPartner && contact->kind != core::OrgKind::kReseller)) {
        return Fail(Error::InvalidArgument("the support contact is the partner or a reseller",
                                           {{"support_contact_id", "is not the partner or a reseller"}}));
      }
    }
    if (!customer->active()) {
      return Fail(Error::InvalidArgument("the customer is deactivated", {{"customer_id", "is deactivated"}}));
    }
    TD_CHECK(tx.InsertSubscription(subscription));
    core::SubscriptionHistoryEntry created;
    created.subscription_id = subscription.id;
    created.action = "subscription.created";
    created.field = "customer_id";
    created.after = std::to_string(subscription.customer_id.value);
    created.actor_id = actor.user_id;
    created.created_at = subscription.created_at;
    TD_CHECK(tx.AppendSubscriptionHistory(created));
    auto event = core::DirectoryEvent(actor.user_id, "subscription.created", "subscription",
                                      subscription.id.value, subscription.created_at);
    return tx.AppendEvent(event);
  }));
  return subscription;
}

Result<std::vector<core::Subscription>> ListSubscriptions(const AppContext& ctx,
                                                          const core::Actor& actor) {
  const auto scope = core::OrgScopeFor(actor);
  return core::ReadValue<std::vector<core::Subscription>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListSubscriptions(scope); });
}

}  // namespace tierdesk::app::directory
