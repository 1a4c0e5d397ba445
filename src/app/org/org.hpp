// app/org/org.hpp
#pragma once

#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::org {

// Admins add resellers, customers and providers; the parent defaults to the partner.
Result<core::Organization> CreateOrganization(const AppContext& ctx, const core::Actor& actor,
                                              core::NewOrganization input);
Result<std::vector<core::Organization>> ListOrganizations(const AppContext& ctx,
                                                          const core::Actor& actor);
// kNotFound for organisations outside the actor's scope.
Result<core::Organization> GetOrganization(const AppContext& ctx, const core::Actor& actor, OrgId id);

}  // namespace tierdesk::app::org
