// app/directory/directory.hpp
#pragma once

#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::directory {

struct NewTeam {
  std::string name;
  std::vector<UserId> members;  // partner staff
};
Result<core::Team> CreateTeam(const AppContext& ctx, const core::Actor& actor, NewTeam input);
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

}  // namespace tierdesk::app::directory
