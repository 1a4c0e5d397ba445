#include "core/policy/accounts.hpp"

namespace tierdesk::core {
namespace {

// What a customer admin may touch: its own organisation's customer users.
bool ManagesAsCustomerAdmin(const Actor& actor, const User& target) {
  return actor.role == Role::kCustomerAdmin && target.organization_id == actor.org_id && IsCustomerRole(target.role);
}

// The actor manages the target (beyond seeing it): admins everyone, customer admins their own
// organisation's customer users. Assumes the target is in the actor's scope.
Status CheckManages(const Actor& actor, const User& target) {
  TD_CHECK(Require(actor, Action::kManageUsers));
  if (actor.role == Role::kCustomerAdmin && !ManagesAsCustomerAdmin(actor, target)) {
    return Fail(Error::NotFound("user"));
  }
  if (RoleRank(target.role) > RoleRank(actor.role)) {
    return Fail(Error::PermissionDenied("nobody manages a user whose role is above their own"));
  }
  return Ok();
}

}  // namespace

int RoleRank(Role role) {
  switch (role) {
    case Role::kRequester: return 1;
    case Role::kCustomerAdmin: return 2;
    case Role::kAgent:
    case Role::kBilling:
    case Role::kProviderAgent:
    case Role::kResellerAgent: return 3;
    case Role::kSupervisor: return 4;
    case Role::kAdmin: return 5;
  }
  return 0;
}

Status CheckUserInScope(const Actor& actor, const User& target, const Organization& target_org) {
  const UserScope scope = UserScopeFor(actor);
  if (scope.only_user.valid() && scope.only_user != target.id) return Fail(Error::NotFound("user"));
  if (!OrgInScope(scope.orgs, target_org) || target.organization_id != target_org.id) {
    return Fail(Error::NotFound("user"));
  }
  return Ok();
}

Status CheckUpdateUser(const Actor& actor, const User& target, const Organization& target_org,
                       const UserPatch& patch) {
  TD_CHECK(CheckUserInScope(actor, target, target_org));
  TD_CHECK(CheckManages(actor, target));
  if (patch.role) {
    if (RoleRank(*patch.role) > RoleRank(actor.role)) {
      return Fail(Error::PermissionDenied("the role " + std::string(ToString(actor.role)) + " may not grant the role " +
                                          std::string(ToString(*patch.role))));
    }
    if (!RoleFitsOrgKind(*patch.role, target_org.kind)) {
      return Fail(Error::InvalidArgument("the role " + std::string(ToString(*patch.role)) + " does not belong in a " +
                                             std::string(ToString(target_org.kind)),
                                         {{"role", "does not fit the organisation's kind"}}));
    }
    if (target.id == actor.user_id && *patch.role != target.role) {
      return Fail(Error::InvalidArgument("you cannot change your own role", {{"role", "is your own"}}));
    }
  }
  if (patch.teams) {
    if (actor.role != Role::kAdmin) return Fail(Error::PermissionDenied("only partner admins set teams"));
    const Role role = patch.role.value_or(target.role);
    if (!IsPartnerStaff(role) && !patch.teams->empty()) {
      return Fail(Error::InvalidArgument("only partner staff are members of teams",
                                         {{"teams", "must be empty for a user outside the partner's staff"}}));
    }
  }
  if (patch.active && !*patch.active && target.id == actor.user_id) {
    return Fail(Error::InvalidArgument("you cannot deactivate yourself", {{"active", "is your own account"}}));
  }
  return Ok();
}

Status CheckDeleteUser(const Actor& actor, const User& target, const Organization& target_org) {
  TD_CHECK(CheckUserInScope(actor, target, target_org));
  TD_CHECK(CheckManages(actor, target));
  if (target.id == actor.user_id) {
    return Fail(Error::InvalidArgument("you cannot delete yourself", {{"id", "is your own account"}}));
  }
  return Ok();
}

Status CheckManageCredentials(const Actor& actor, const User& owner, const Organization& owner_org) {
  if (owner.id == actor.user_id) return Ok();
  TD_CHECK(CheckUserInScope(actor, owner, owner_org));
  if (actor.role == Role::kAdmin) return Ok();
  if (ManagesAsCustomerAdmin(actor, owner)) return Ok();
  if (actor.role == Role::kCustomerAdmin) return Fail(Error::NotFound("user"));
  return Fail(Error::PermissionDenied("the role " + std::string(ToString(actor.role)) +
                                      " manages only its own tokens"));
}

bool MaySignIn(const User& user, bool organization_active) { return user.active && organization_active; }

}  // namespace tierdesk::core
