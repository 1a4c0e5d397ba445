// core/policy/accounts.hpp
#pragma once

#include "core/common/result.hpp"
#include "core/org/organization.hpp"
#include "core/policy/policy.hpp"
#include "core/user/user.hpp"

namespace tierdesk::core {

// Who may change, deactivate, delete and revoke the credentials of which users. Pure functions
// of (actor, target); the use cases in app/user and app/auth load the target and ask here.
//
// Users are managed by admins (any user of any organisation) and customer admins (the requesters
// and customer admins of their own organisation only; anyone else is kNotFound, as if it did not
// exist). Nobody grants a role above their own (RoleRank), and nobody changes their own role or
// deactivates or deletes themselves, so an installation never loses its last admin by accident.

// Roles ordered by what they may do: requester 1; customer_admin 2; agent, billing,
// provider_agent and reseller_agent 3; supervisor 4; admin 5.
int RoleRank(Role role);

// May the actor see (and so manage) this user at all? Same scope as UserScopeFor; kNotFound
// outside it.
Status CheckUserInScope(const Actor& actor, const User& target, const Organization& target_org);

// May the actor apply this (validated) patch to the target, a user of target_org?
//   - kPermissionDenied: the role may not manage users, or grants a role above its own, or a
//     customer admin sets teams (teams are the partner's);
//   - kNotFound: the target is outside what the actor may manage;
//   - kInvalidArgument: the role does not fit the organisation's kind, teams for someone who is
//     not partner staff, or the actor changes its own role or deactivates itself.
Status CheckUpdateUser(const Actor& actor, const User& target, const Organization& target_org,
                       const UserPatch& patch);

// May the actor delete the user record (only where nothing refers to it: the store decides that)?
// As for managing the user; nobody deletes themselves (kInvalidArgument).
Status CheckDeleteUser(const Actor& actor, const User& target, const Organization& target_org);

// May the actor list and revoke the tokens of `owner`? Everyone their own; an admin anyone's
// (staff members' included); a customer admin its own organisation's users'. Anyone else:
// kNotFound (an owner outside the actor's view) or kPermissionDenied (a role that manages nobody's
// tokens but its own, asking about a user it can see).
Status CheckManageCredentials(const Actor& actor, const User& owner, const Organization& owner_org);

// Can this user authenticate at all? Its own record and its organisation must both be active.
bool MaySignIn(const User& user, bool organization_active);

}  // namespace tierdesk::core
