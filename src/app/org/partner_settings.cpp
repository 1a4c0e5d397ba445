#include "app/org/partner.hpp"

namespace tierdesk::app::org {

Result<core::PartnerSettings> GetPartnerSettings(const AppContext& ctx, const core::Actor& actor) {
  if (!core::IsPartnerStaff(actor.role)) return Fail(Error::PermissionDenied("only partner staff read the settings"));
  return core::ReadValue<core::PartnerSettings>(ctx.store, [](core::ReadTx& tx) { return tx.GetPartnerSettings(); });
}

Result<core::PartnerSettings> UpdatePartnerSettings(const AppContext& ctx, const core::Actor& actor,
                                                    core::PartnerSettings settings) {
  TD_CHECK(core::Require(actor, core::Action::kManagePlans));
  TD_CHECK(core::ValidatePartnerSettings(settings));
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    if (settings.default_plan.valid() && !tx.GetPlan(settings.default_plan, 0)) {
      return Fail(Error::InvalidArgument("no such plan", {{"default_plan_id", "no such plan"}}));
    }
    TD_CHECK(tx.PutPartnerSettings(settings));
    auto event = core::DirectoryEvent(actor.user_id, "partner.settings_changed", "default_plan_id",
                                      settings.default_plan.value, ctx.clock.Now());
    return tx.AppendEvent(event);
  }));
  return settings;
}

Result<SupportProfile> GetSupportProfile(const AppContext& ctx, const core::Actor&) {
  SupportProfile profile;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    const auto partner = TD_TRY(tx.FindPartner());
    if (!partner) return Fail(Error::NotFound("partner"));
    profile.name = partner->name;
    profile.settings = TD_TRY(tx.GetPartnerSettings());
    return Ok();
  }));
  return profile;
}

}  // namespace tierdesk::app::org
