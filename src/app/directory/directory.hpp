// app/directory/directory.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::directory {

struct NewTeam {
  std::string name;
  std::vector<UserId> members;  // partner staff
  core::Assignment assignment = core::Assignment::kManual;
  int tier = 0;                 // 0: outside the escalation ladder; 1..3
};
Result<core::Team> CreateTeam(const AppContext& ctx, const core::Actor& actor, NewTeam input);
struct TeamPatch {
  std::optional<std::string> name;
  std::optional<std::vector<UserId>> members;
  std::optional<core::Assignment> assignment;
  std::optional<int> tier;
};
Result<core::Team> UpdateTeam(const AppContext& ctx, const core::Actor& actor, TeamId id, TeamPatch patch);

// An agent's availability for automatic assignment. Agents set their own; supervisors and
// admins anyone's among the partner's staff.
struct Availability {
  std::optional<bool> away;
  std::optional<CalendarId> shift_calendar;  // invalid: clears it
};
Result<core::User> SetAvailability(const AppContext& ctx, const core::Actor& actor, UserId id, Availability input);
Result<std::vector<core::Team>> ListTeams(const AppContext& ctx, const core::Actor& actor);

Result<core::Service> CreateService(const AppContext& ctx, const core::Actor& actor,
                                    core::Service input);
// Every signed-in user may read the services: customers choose one when they open a ticket.
Result<std::vector<core::Service>> ListServices(const AppContext& ctx, const core::Actor& actor);

struct NewSubscription {
  OrgId customer_id;
  std::string service;
  std::string external_id;  // the Microsoft subscription id
  std::string name;
  std::optional<OrgId> support_contact_id;  // defaults to the customer's parent
  bool new_commerce = true;
};
Result<core::Subscription> CreateSubscription(const AppContext& ctx, const core::Actor& actor,
                                              NewSubscription input);
Result<std::vector<core::Subscription>> ListSubscriptions(const AppContext& ctx,
                                                          const core::Actor& actor);

// One subscription with its history, oldest first, for whoever sees the subscription (its
// customer's users, the customer's reseller, partner staff). Outside partner staff, a history
// line that names an organisation the reader cannot see (the customer a subscription came from)
// shows that value empty.
struct SubscriptionView {
  core::Subscription subscription;
  std::vector<core::SubscriptionHistoryEntry> history;
};
Result<SubscriptionView> GetSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id);
// Those who add subscriptions edit them (If-Match: expected_version): name, service,
// new_commerce, support_contact_id. A cancelled one is kConflict (subscription-cancelled).
Result<SubscriptionView> UpdateSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id,
                                            core::SubscriptionPatch patch, std::optional<std::int64_t> expected_version);
// Cancelling keeps the subscription on record, status cancelled from now: existing tickets keep
// pointing at it, new tickets may name it for billing and subscription questions only.
Result<SubscriptionView> CancelSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id,
                                            std::string reason, std::optional<std::int64_t> expected_version);
// Moves an active subscription to another (active) customer; its support contact becomes the new
// customer's parent (the partner or its reseller). Tickets already opened about it stay with
// the customer that opened them.
Result<SubscriptionView> TransferSubscription(const AppContext& ctx, const core::Actor& actor, SubscriptionId id,
                                              OrgId customer, std::string reason,
                                              std::optional<std::int64_t> expected_version);

}  // namespace tierdesk::app::directory
