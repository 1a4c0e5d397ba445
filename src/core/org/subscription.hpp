// core/org/subscription.hpp
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/org/organization.hpp"

namespace tierdesk::core {

// A customer's Microsoft subscription. A cancelled one stays on record (tickets and history point
// at it) but covers no new technical work: see CheckSubscriptionForTicket.
enum class SubscriptionStatus { kActive, kCancelled };
std::string_view ToString(SubscriptionStatus status);
std::optional<SubscriptionStatus> ParseSubscriptionStatus(std::string_view text);

struct Subscription {
  SubscriptionId id;
  OrgId customer_id;
  std::string service;
  std::string external_id;  // Microsoft subscription id (GUID)
  std::string name;
  OrgId support_contact_id;  // the partner or the reseller
  bool new_commerce = true;
  Timestamp created_at;
  SubscriptionStatus status = SubscriptionStatus::kActive;
  std::optional<Timestamp> cancelled_at = {};
  std::int64_t version = 1;  // bumped by every change; the ETag
};

// One line of a subscription's history: who changed which field from what to what, and why
// (action: subscription.created, .updated, .cancelled, .transferred).
struct SubscriptionHistoryEntry {
  std::int64_t id = 0;
  SubscriptionId subscription_id;
  std::string action;
  std::string field;
  std::string before;
  std::string after;
  UserId actor_id;  // invalid: the command line or tierdesk itself
  std::string reason;
  Timestamp created_at;
};

// PATCH /subscriptions/{id}: what may be edited. The customer changes only by a transfer, the
// status only by cancelling.
struct SubscriptionPatch {
  std::optional<std::string> name;
  std::optional<std::string> service;
  std::optional<bool> new_commerce;
  std::optional<OrgId> support_contact_id;

  bool empty() const { return !name && !service && !new_commerce && !support_contact_id; }
};

// Shapes of a subscription's own fields (name, Microsoft id); normalises both.
void CheckSubscriptionShape(Subscription& subscription, std::vector<FieldError>& errors);

// Applies a patch's plain fields (name, new_commerce; the service and the support contact are
// the caller's to check against the store) and returns the history lines; a cancelled
// subscription is not edited (kConflict, subscription-cancelled).
Result<std::vector<SubscriptionHistoryEntry>> ApplySubscriptionPatch(Subscription& subscription,
                                                                     const SubscriptionPatch& patch);

// A ticket may point at a cancelled subscription only for billing and subscription questions (a
// final invoice, a refund, reinstating it); technical work on it is refused: kInvalidArgument,
// type subscription-cancelled, naming subscription_id.
Status CheckSubscriptionForTicket(const Subscription& subscription, bool technical);

// The one rule for a subscription's support contact when its customer changes hands (the
// subscription transferred to another customer, or the customer moved to another parent): the
// customer's parent, the partner or its reseller. Returns the history line of the change, if any
// (action as given: subscription.transferred, subscription.updated).
std::optional<SubscriptionHistoryEntry> ResetSupportContact(Subscription& subscription, const Organization& customer,
                                                            std::string action, std::string reason, UserId actor,
                                                            Timestamp now);

// What a reader outside the partner's staff sees of a subscription's history
// (GET /subscriptions/{id}); partner staff see it whole. Only the lines from the subscription's
// last transfer to its current customer onward (what happened under an earlier customer is that
// customer's); the reason of a transfer is never shown; a customer_id or support_contact_id value
// naming an organisation the reader cannot see (`sees` false) is "".
std::vector<SubscriptionHistoryEntry> HistoryForOutsider(const Subscription& subscription,
                                                         std::vector<SubscriptionHistoryEntry> history,
                                                         const std::function<bool(std::string_view org_id)>& sees);

}  // namespace tierdesk::core
