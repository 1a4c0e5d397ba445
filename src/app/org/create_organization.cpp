#include "app/org/org.hpp"

namespace tierdesk::app::org {

Result<core::Organization> CreateOrganization(const AppContext& ctx, const core::Actor& actor,
                                              core::NewOrganization input) {
  TD_CHECK(core::Require(actor, core::Action::kManageOrganizations));
  TD_CHECK(core::ValidateNewOrganization(input));
  TD_CHECK(CheckTimeZoneKnown(ctx, input.time_zone));
  core::Organization org{{}, input.kind, input.name, {}, input.domains, input.tenant_id,
                         input.country, input.locale, input.time_zone, ctx.clock.Now()};
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    core::Organization parent;
    if (input.parent_id) {
      auto loaded = tx.GetOrganization(*input.parent_id);
      if (!loaded) {
        return Fail(Error::InvalidArgument("the parent organisation does not exist",
                                           {{"parent_id", "does not exist"}}));
      }
      parent = std::move(*loaded);
      if (!parent.active()) {
        return Fail(Error::InvalidArgument("the parent organisation is deactivated", {{"parent_id", "is deactivated"}}));
      }
    } else {
      auto partner = TD_TRY(tx.FindPartner());
      if (!partner) return Fail(Error::Conflict("tierdesk is not initialised; run 'tierdesk init'"));
      parent = std::move(*partner);
    }
    TD_CHECK(core::CheckParentKind(org.kind, parent.kind));
    org.parent_id = parent.id;
    TD_CHECK(tx.InsertOrganization(org));
    auto event = core::DirectoryEvent(actor.user_id, "organization.created", "organization", org.id.value, org.created_at);
    return tx.AppendEvent(event);
  }));
  return org;
}

}  // namespace tierdesk::app::org
