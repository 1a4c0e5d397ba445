#include "app/user/user.hpp"

namespace tierdesk::app::user {

Result<std::vector<core::User>> ListUsers(const AppContext& ctx, const core::Actor& actor) {
  const auto scope = core::UserScopeFor(actor);
  return core::ReadValue<std::vector<core::User>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListUsers(scope); });
}

Result<core::User> GetUser(const AppContext& ctx, const core::Actor& actor, UserId id) {
  const auto scope = core::UserScopeFor(actor);
  core::User found;
  core::Organization org;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    found = TD_TRY(tx.GetUser(id));
    org = TD_TRY(tx.GetOrganization(found.organization_id));
    return Ok();
  }));
  if (!core::OrgInScope(scope.orgs, org) || (scope.only_user.valid() && scope.only_user != id)) {
    return Fail(Error::NotFound("user"));
  }
  return found;
}

}  // namespace tierdesk::app::user
