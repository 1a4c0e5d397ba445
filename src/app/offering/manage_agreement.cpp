#include "app/offering/agreement.hpp"

#include <unordered_map>

namespace tierdesk::app::offering {
namespace {

Status RequireReader(const core::Actor& actor) {
  if (actor.role == core::Role::kProviderAgent) {
    return Fail(Error::PermissionDenied("providers do not read customers' agreements"));
  }
  return Ok();
}

// Whether the actor may see a customer's agreements: the customer lies in its organisation scope.
Result<bool> CustomerVisible(core::ReadTx& tx, const core::Actor& actor, OrgId customer) {
  auto org = tx.GetOrganization(customer);
  if (!org) return false;
  return core::OrgInScope(core::OrgScopeFor(actor), *org);
}

}  // namespace

Result<core::Agreement> CreateAgreement(const AppContext& ctx, const core::Actor& actor, core::Agreement input) {
  TD_CHECK(core::Require(actor, core::Action::kManagePlans));
  TD_CHECK(core::ValidateAgreement(input));
  input.created_at = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto customer = tx.GetOrganization(input.customer_id);
    if (!customer || customer->kind != core::OrgKind::kCustomer) {
      return Fail(Error::InvalidArgument("agreements are with customers", {{"customer_id", "is not a customer"}}));
    }
    auto plan = tx.GetPlan(input.plan_id, input.plan_version);
    if (!plan) {
      return Fail(Error::InvalidArgument("no such plan or plan version", {{"plan_id", "no such plan or version"}}));
    }
    input.plan_version = plan->version;
    TD_CHECK(core::CheckAgreementFits(TD_TRY(tx.ListAgreements(input.customer_id)), input));
    TD_CHECK(tx.InsertAgreement(input));
    auto event = core::DirectoryEvent(actor.user_id, "agreement.created", "agreement", input.id.value, input.created_at);
    return tx.AppendEvent(event);
  }));
  return input;
}

Result<core::Agreement> SetAgreementEnd(const AppContext& ctx, const core::Actor& actor, AgreementId id,
                                        std::optional<core::Day> end) {
  TD_CHECK(core::Require(actor, core::Action::kManagePlans));
  core::Agreement agreement;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    agreement = TD_TRY(tx.GetAgreement(id));
    const auto before = agreement.end;
    agreement.end = end;
    TD_CHECK(core::ValidateAgreement(agreement));
    TD_CHECK(core::CheckAgreementFits(TD_TRY(tx.ListAgreements(agreement.customer_id)), agreement));
    TD_CHECK(tx.UpdateAgreementEnd(id, end));
    auto event = core::DirectoryEvent(actor.user_id, "agreement.updated", "end_date", id.value, ctx.clock.Now());
    event.before = before ? core::FormatDay(*before) : "";
    event.after = end ? core::FormatDay(*end) : "";
    return tx.AppendEvent(event);
  }));
  return agreement;
}

Result<std::vector<core::Agreement>> ListAgreements(const AppContext& ctx, const core::Actor& actor,
                                                    std::optional<OrgId> customer) {
  TD_CHECK(RequireReader(actor));
  std::vector<core::Agreement> visible;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    const auto all = TD_TRY(tx.ListAgreements(customer.value_or(OrgId{})));
    std::unordered_map<OrgId, bool> decided;
    for (const auto& agreement : all) {
      auto it = decided.find(agreement.customer_id);
      if (it == decided.end()) it = decided.emplace(agreement.customer_id, TD_TRY(CustomerVisible(tx, actor, agreement.customer_id))).first;
      if (it->second) visible.push_back(agreement);
    }
    return Ok();
  }));
  return visible;
}

Result<core::Agreement> GetAgreement(const AppContext& ctx, const core::Actor& actor, AgreementId id) {
  TD_CHECK(RequireReader(actor));
  core::Agreement agreement;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    agreement = TD_TRY(tx.GetAgreement(id));
    if (!TD_TRY(CustomerVisible(tx, actor, agreement.customer_id))) return Fail(Error::NotFound("agreement"));
    return Ok();
  }));
  return agreement;
}

}  // namespace tierdesk::app::offering
