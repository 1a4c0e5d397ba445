#include <set>

#include "app/directory/directory.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::directory {
namespace {

constexpr std::size_t kMaxReason = 2000;

Result<std::string> CheckReason(std::string reason) {
  reason = std::string(TrimAscii(reason));
  if (reason.size() > kMaxReason || !IsValidUtf8(reason) || !HasNoControlCharacters(reason, AllowNewlines::kYes)) {
    return Fail(Error::InvalidArgument("the reason is not valid", {{"reason", "is at most 2000 characters"}}));
  }
  return reason;
}

// The subscription, if the actor sees its customer; else kNotFound, as if it did not exist.
Result<core::Subscription> LoadVisible(core::ReadTx& tx, const core::Actor& actor, SubscriptionId id) {
  auto subscription = tx.GetSubscription(id);
  if (!subscription) return Fail(Error::NotFound("subscription"));
  const auto customer = TD_TRY(tx.GetOrganization(subscription->customer_id));
  const auto scope = core::OrgScopeFor(actor);
  const bool visible = scope.kind == core::OrgScope::Kind::kAll ||
                       (scope.kind == core::OrgScope::Kind::kSelf && customer.id == scope.org) ||
                       (scope.kind == core::OrgScope::Kind::kSelfAndChildren && customer.parent_id == scope.org);
  if (!visible) return Fail(Error::NotFound("subscription"));
  return std::move(*subscription);
}

Result<std::vector<core::SubscriptionHistoryEntry>> VisibleHistory(core::ReadTx& tx, const core::Actor& actor,
                                                                   const core::Subscription& subscription) {
  auto history = TD_TRY(tx.ListSubscriptionHistory(subscription.id));
  if (core::IsPartnerStaff(actor.role)) return history;
  std::set<std::string, std::less<>> seen;
  for (const auto& org : TD_TRY(tx.ListOrganizations(core::OrgScopeFor(actor)))) seen.insert(std::to_string(org.id.value));
  return core::HistoryForOutsider(subscription, std::move(history),
                                  [&](std::string_view org) { return seen.count(org) > 0; });
}

core::SubscriptionHistoryEntry Line(const core::Subscription& s, std::string action, std::string field,
                                    std::string before, std::string after, UserId actor, std::string reason,
                                    Timestamp now) {
  core::SubscriptionHistoryEntry line;
  line.subscription_id = s.id;
  line.action = std::move(action);
  line.field = std::move(field);
  line.before = std::move(before);
  line.after = std::move(after);
  line.actor_id = actor;
  line.reason = std::move(reason);
  line.created_at = now;
  return line;
}

// Loads the subscription for a change, runs `change` on it, then writes it (version + 1), its
// history lines and one audit event, all in one transaction.
template <class Change>
Result<SubscriptionView> Modify(const AppContext& ctx, const core::Actor& actor, SubscriptionId id,
                                std::optional<std::int64_t> expected_version, const char* action, Change&& change) {
  TD_CHECK(core::Require(actor, core::Action::kManageSubscriptions));
  const Timestamp now = ctx.clock.Now();
  SubscriptionView view;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto& s = view.subscription;
    s = TD_TRY(LoadVisible(tx, actor, id));
    TD_CHECK(CheckVersion(expected_version, s.version, "subscription"));
    const std::int64_t version = s.version;
    std::vector<core::SubscriptionHistoryEntry> lines = TD_TRY(change(tx, s, now));
    if (!lines.empty()) {
      s.version = version + 1;
      TD_CHECK(tx.UpdateSubscription(s, version));
      for (auto& line : lines) {
        line.subscription_id = s.id;
        line.actor_id = actor.user_id;
        line.created_at = now;
        TD_CHECK(tx.AppendSubscriptionHistory(line));
      }
      auto event = core::DirectoryEvent(actor.user_id, action, "subscription", s.id.value, now);
      for (const auto& line : lines) {
        event.via += (event.via.empty() ? "" : "; ") + line.field + ": " + line.before + " -> " + line.after;
      }
      TD_CHECK(tx.AppendEvent(event));
    }
    view.history = TD_TRY(VisibleHistory(tx, actor, s));
    return Ok();
  }));
  return view;
}

// The support contact is the partner or a reseller.
Status CheckSupportContact(core::ReadTx& tx, OrgId id) {
  auto contact = tx.GetOrganization(id);
  if (!contact || (contact->kind != core::OrgKind::kPartner && contact->kind != core::OrgKind::kReseller)) {
    return Fail(Error::InvalidArgument("the support contact is the partner or a reseller",
                                       {{"support_contact_id", "is not the partner or a reseller"}}));
  }
  return Ok();
}

}  // namespace

Result<SubscriptionView> GetSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id) {
  SubscriptionView view;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    view.subscription = TD_TRY(LoadVisible(tx, actor, id));
    view.history = TD_TRY(VisibleHistory(tx, actor, view.subscription));
    return Ok();
  }));
  return view;
}

Result<SubscriptionView> UpdateSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id,
                                            core::SubscriptionPatch patch, std::optional<std::int64_t> expected_version) {
  return Modify(ctx, actor, id, expected_version, "subscription.updated",
                [&](core::WriteTx& tx, core::Subscription& s, Timestamp) -> Result<std::vector<core::SubscriptionHistoryEntry>> {
                  auto lines = TD_TRY(core::ApplySubscriptionPatch(s, patch));
                  if (patch.service && !TD_TRY(tx.FindService(s.service))) {
                    return Fail(Error::InvalidArgument("unknown service", {{"service", "is not a service"}}));
                  }
                  if (patch.support_contact_id) TD_CHECK(CheckSupportContact(tx, s.support_contact_id));
                  return lines;
                });
}

Result<SubscriptionView> CancelSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id,
                                            std::string reason, std::optional<std::int64_t> expected_version) {
  reason = TD_TRY(CheckReason(std::move(reason)));
  return Modify(ctx, actor, id, expected_version, "subscription.cancelled",
                [&](core::WriteTx&, core::Subscription& s, Timestamp now) -> Result<std::vector<core::SubscriptionHistoryEntry>> {
                  if (s.status == core::SubscriptionStatus::kCancelled) {
                    return Fail(Error::Conflict("the subscription is cancelled already", "subscription-cancelled"));
                  }
                  s.status = core::SubscriptionStatus::kCancelled;
                  s.cancelled_at = now;
                  return std::vector{Line(s, "subscription.cancelled", "status", "active", "cancelled", {}, reason, now)};
                });
}

Result<SubscriptionView> TransferSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id,
                                              OrgId customer_id, std::string reason,
                                              std::optional<std::int64_t> expected_version) {
  reason = TD_TRY(CheckReason(std::move(reason)));
  return Modify(ctx, actor, id, expected_version, "subscription.transferred",
                [&](core::WriteTx& tx, core::Subscription& s, Timestamp now) -> Result<std::vector<core::SubscriptionHistoryEntry>> {
                  if (s.status == core::SubscriptionStatus::kCancelled) {
                    return Fail(Error::Conflict("a cancelled subscription is not transferred", "subscription-cancelled"));
                  }
                  auto customer = tx.GetOrganization(customer_id);
                  if (!customer || customer->kind != core::OrgKind::kCustomer) {
                    return Fail(Error::InvalidArgument("the customer does not exist", {{"customer_id", "is not a customer"}}));
                  }
                  if (!customer->active()) {
                    return Fail(Error::InvalidArgument("the customer is deactivated", {{"customer_id", "is deactivated"}}));
                  }
                  if (customer->id == s.customer_id) {
                    return Fail(Error::InvalidArgument("the subscription is this customer's already",
                                                       {{"customer_id", "is the subscription's customer already"}}));
                  }
                  std::vector<core::SubscriptionHistoryEntry> lines;
                  lines.push_back(Line(s, "subscription.transferred", "customer_id", std::to_string(s.customer_id.value),
                                       std::to_string(customer->id.value), {}, reason, now));
                  s.customer_id = customer->id;
                  if (auto line = core::ResetSupportContact(s, *customer, "subscription.transferred", reason, {}, now)) {
                    lines.push_back(std::move(*line));
                  }
                  return lines;
                });
}

}  // namespace tierdesk::app::directory
