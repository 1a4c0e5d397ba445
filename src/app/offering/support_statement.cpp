#include "app/offering/statement.hpp"

#include <algorithm>

namespace tierdesk::app::offering {

Result<Statement> LoadStatement(const AppContext& ctx, core::ReadTx& tx, OrgId customer_id,
                                const ticket::ScopePreview* known) {
  Statement statement;
  auto& t = statement.terms;
  t.customer = TD_TRY(tx.GetOrganization(customer_id));
  if (t.customer.kind != core::OrgKind::kCustomer) return Fail(Error::NotFound("customer"));
  const auto partner = TD_TRY(tx.FindPartner());
  if (partner) t.partner = *partner;
  t.settings = TD_TRY(tx.GetPartnerSettings());
  // The same terms scope decisions use: the active agreement, else the default plan.
  const auto preview = known != nullptr ? *known : TD_TRY(ticket::PreviewScope(ctx, tx, customer_id, "", core::Category::kTechnical));
  t.agreement = preview.agreement;
  t.plan = preview.plan;
  if (t.plan) {
    if (t.plan->service_hours.valid()) t.service_hours = TD_TRY(tx.GetCalendar(t.plan->service_hours));
    for (const auto& channel : t.plan->channels) {
      if (channel.hours.valid() &&
          std::none_of(t.channel_calendars.begin(), t.channel_calendars.end(),
                       [&](const core::Calendar& c) { return c.id == channel.hours; })) {
        t.channel_calendars.push_back(TD_TRY(tx.GetCalendar(channel.hours)));
      }
    }
    for (const auto& service : TD_TRY(tx.ListServices())) t.service_names.emplace_back(service.code, service.name);
    if (t.plan->provider.valid()) t.provider = TD_TRY(tx.GetOrganization(t.plan->provider));
  }
  statement.version_hash = ctx.digest.Sha256Hex(core::CanonicalStatementTerms(t));
  return statement;
}

Result<TermsCache::Terms> CurrentTerms(const AppContext& ctx, core::ReadTx& tx, OrgId customer) {
  const std::int64_t version = TD_TRY(tx.TermsVersion());
  const core::Day today = TD_TRY(ticket::PartnerToday(ctx, tx, version));
  if (auto cached = ctx.terms.Find(customer, version, today)) return std::move(*cached);
  const auto preview = TD_TRY(ticket::PreviewScope(ctx, tx, customer, "", core::Category::kTechnical));
  const auto statement = TD_TRY(LoadStatement(ctx, tx, customer, &preview));
  TermsCache::Terms terms{preview.agreement, preview.plan, statement.version_hash};
  ctx.terms.Store(customer, version, today, terms);
  return terms;
}

Result<Statement> GetSupportStatement(const AppContext& ctx, const core::Actor& actor, OrgId customer) {
  std::optional<Statement> statement;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    auto org = tx.GetOrganization(customer);
    if (!org || org->kind != core::OrgKind::kCustomer || !core::OrgInScope(core::OrgScopeFor(actor), *org)) {
      return Fail(Error::NotFound("customer"));
    }
    statement = TD_TRY(LoadStatement(ctx, tx, customer));
    return Ok();
  }));
  return std::move(*statement);
}

}  // namespace tierdesk::app::offering
