// app/org/org.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>
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

// Whether the tz database knows the zone: kInvalidArgument naming `field` if not. Every door that
// stores a time zone (init, the CLI, POST and PATCH) asks before it writes anything.
Status CheckTimeZoneKnown(const AppContext& ctx, std::string_view name, const std::string& field = "time_zone");

// Admins change an organisation (If-Match: expected_version). Moving a customer (parent_id)
// carries its tenancy: every ticket of the customer, closed ones included, belongs to the new
// reseller (none under the partner), so the old reseller sees none of them and the new one all.
// Live tickets the old reseller held pass to the new reseller, or to the partner when the
// customer moves under the partner; an assignee from the old reseller gives way. Tickets held by
// the partner or a provider stay where they are. `active: false` deactivates (no sign-in, no new
// tickets; history and open tickets stay), `true` restores. Each change is an audit event.
Result<core::Organization> UpdateOrganization(const AppContext& ctx, const core::Actor& actor, OrgId id,
                                              core::OrganizationPatch patch,
                                              std::optional<std::int64_t> expected_version);

// Admins delete an organisation that nothing refers to; anything else is kConflict
// (in-use) naming what refers to it; the partner is never deleted.
Status DeleteOrganization(const AppContext& ctx, const core::Actor& actor, OrgId id);

}  // namespace tierdesk::app::org
