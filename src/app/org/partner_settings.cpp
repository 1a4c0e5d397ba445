#include "app/org/partner.hpp"

#include "app/org/org.hpp"

namespace tierdesk::app::org {

Result<core::PartnerSettings> GetPartnerSettings(const AppContext& ctx, const core::Actor& actor) {
  if (!core::IsPartnerStaff(actor.role)) return Fail(Error::PermissionDenied("only partner staff read the settings"));
  return core::ReadValue<core::PartnerSettings>(ctx.store, [](core::ReadTx& tx) { return tx.GetPartnerSettings(); });
}

Result<PartnerView> GetPartnerView(const AppContext& ctx, const core::Actor& actor) {
  if (!core::IsPartnerStaff(actor.role)) return Fail(Error::PermissionDenied("only partner staff read the settings"));
  PartnerView view;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    const auto partner = TD_TRY(tx.FindPartner());
    if (!partner) return Fail(Error::NotFound("partner"));
    view.partner = *partner;
    view.settings = TD_TRY(tx.GetPartnerSettings());
    return Ok();
  }));
  return view;
}

Result<PartnerView> UpdatePartnerSettings(const AppContext& ctx, const core::Actor& actor,
                                          core::PartnerSettings settings, core::OrganizationPatch profile) {
  TD_CHECK(core::Require(actor, core::Action::kManagePlans));
  if (profile.parent_id || profile.active || profile.tenant_id) {
    return Fail(Error::InvalidArgument("the partner's parent, status and tenant id are not settings"));
  }
  TD_CHECK(core::ValidatePartnerSettings(settings));
  if (profile.time_zone) TD_CHECK(CheckTimeZoneKnown(ctx, *profile.time_zone));
  const Timestamp now = ctx.clock.Now();
  PartnerView view;
  view.settings = settings;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    if (settings.default_plan.valid() && !tx.GetPlan(settings.default_plan, 0)) {
      return Fail(Error::InvalidArgument("no such plan", {{"default_plan_id", "no such plan"}}));
    }
    auto partner = TD_TRY(tx.FindPartner());
    if (!partner) return Fail(Error::Conflict("tierdesk is not initialised; run 'tierdesk init'"));
    view.partner = std::move(*partner);
    const std::int64_t version = view.partner.version;
    const auto changes = TD_TRY(core::ApplyOrganizationPatch(view.partner, std::move(profile), now));
    if (view.partner.time_zone.empty()) {
      return Fail(Error::InvalidArgument("the partner needs a time zone", {{"time_zone", "must not be empty"}}));
    }
    TD_CHECK(tx.PutPartnerSettings(settings));
    auto event = core::DirectoryEvent(actor.user_id, "partner.settings_changed", "default_plan_id",
                                      settings.default_plan.value, now);
    TD_CHECK(tx.AppendEvent(event));
    if (changes.empty()) return Ok();
    view.partner.version = version + 1;
    TD_CHECK(tx.UpdateOrganization(view.partner, version));
    auto updated = core::DirectoryEvent(actor.user_id, "organization.updated", "organization", view.partner.id.value, now);
    for (const auto& change : changes) {
      updated.via += (updated.via.empty() ? "" : "; ") + change.field + ": " + change.before + " -> " + change.after;
    }
    return tx.AppendEvent(updated);
  }));
  return view;
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
