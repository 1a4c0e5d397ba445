#include "app/org/org.hpp"

namespace tierdesk::app::org {

Result<std::vector<core::Organization>> ListOrganizations(const AppContext& ctx,
                                                          const core::Actor& actor) {
  const auto scope = core::OrgScopeFor(actor);
  return core::ReadValue<std::vector<core::Organization>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListOrganizations(scope); });
}

Result<core::Organization> GetOrganization(const AppContext& ctx, const core::Actor& actor, OrgId id) {
  auto org = TD_TRY(core::ReadValue<core::Organization>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetOrganization(id); }));
  if (!core::OrgInScope(core::OrgScopeFor(actor), org)) return Fail(Error::NotFound("organization"));
  return org;
}

}  // namespace tierdesk::app::org
