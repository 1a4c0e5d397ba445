#include "app/ticket/ticket.hpp"

namespace tierdesk::app::ticket {

Result<std::shared_ptr<const core::ZoneRules>> PartnerZone(const AppContext& ctx, core::ReadTx& tx,
                                                           std::int64_t terms_version) {
  auto zone_name = ctx.terms.PartnerZone(terms_version);
  if (!zone_name) {
    const auto partner = TD_TRY(tx.FindPartner());
    zone_name = partner && !partner->time_zone.empty() ? partner->time_zone : "UTC";
    ctx.terms.StorePartnerZone(terms_version, *zone_name);
  }
  return ctx.zones.Load(*zone_name);
}

Result<std::shared_ptr<const core::ZoneRules>> PartnerZone(const AppContext& ctx, core::ReadTx& tx) {
  return PartnerZone(ctx, tx, TD_TRY(tx.TermsVersion()));
}

Result<core::Day> PartnerToday(const AppContext& ctx, core::ReadTx& tx, std::int64_t terms_version) {
  const auto zone = TD_TRY(PartnerZone(ctx, tx, terms_version));
  return zone->LocalDay(std::chrono::floor<std::chrono::seconds>(ctx.clock.Now()).time_since_epoch().count());
}

Result<ScopePreview> PreviewScope(const AppContext& ctx, core::ReadTx& tx, OrgId customer, std::string_view service,
                                  core::Category category) {
  ScopePreview preview;
  const core::Day today = TD_TRY(PartnerToday(ctx, tx, TD_TRY(tx.TermsVersion())));

  preview.agreement = core::ActiveAgreement(TD_TRY(tx.ListAgreements(customer)), today);
  if (preview.agreement) {
    const auto signed_version = TD_TRY(tx.GetPlan(preview.agreement->plan_id, preview.agreement->plan_version));
    preview.plan = core::EffectivePlan(signed_version, *preview.agreement);
  } else if (const auto settings = TD_TRY(tx.GetPartnerSettings()); settings.default_plan.valid()) {
    preview.plan = TD_TRY(tx.GetPlan(settings.default_plan, 0));
  }
  preview.decision = core::DecideScope(preview.plan ? &*preview.plan : nullptr, service, category);
  return preview;
}

Result<ScopePreview> PreviewScope(const AppContext& ctx, const core::Actor& actor, OrgId customer,
                                  std::string_view service, core::Category category) {
  std::optional<ScopePreview> preview;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    auto org = tx.GetOrganization(customer);
    if (!org || !core::OrgInScope(core::OrgScopeFor(actor), *org)) return Fail(Error::NotFound("customer"));
    // What ticket creation would check first: the actor may open tickets for this customer (a
    // provider or reseller organisation is none), and the service exists.
    TD_CHECK(core::CheckCreateTicketFor(actor, *org));
    if (!core::IsServiceCode(service) || !TD_TRY(tx.FindService(service))) {
      return Fail(Error::InvalidArgument("unknown service", {{"service", "is not a known service"}}));
    }
    preview = TD_TRY(PreviewScope(ctx, tx, customer, service, category));
    return Ok();
  }));
  return std::move(*preview);
}

}  // namespace tierdesk::app::ticket
