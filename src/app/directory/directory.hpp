// app/directory/directory.hpp
#pragma once

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

}  // namespace tierdesk::app::directory
