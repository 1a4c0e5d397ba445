// The partner's vendor entitlements and competencies, and the escalation paths open to a ticket.
#include "app/ticket/ticket.hpp"
#include "app/vendor/vendor.hpp"
#include "core/common/text.hpp"
#include "core/routing/requirements.hpp"

namespace tierdesk::app::vendor {
namespace {

Status CheckName(const std::string& name) {
  if (!IsValidUtf8(name) || !HasNoControlCharacters(name, AllowNewlines::kNo)) {
    return Fail(Error::InvalidArgument("the entitlement is not valid", {{"name", "is one line of text"}}));
  }
  return Ok();
}

Status CheckCompetencyExists(core::ReadTx& tx, CompetencyId id) {
  if (!id.valid()) return Ok();
  if (auto found = tx.GetCompetency(id); !found) {
    if (found.error().code == ErrorCode::kNotFound) {
      return Fail(Error::InvalidArgument("the entitlement is not valid", {{"competency_id", "is not a competency"}}));
    }
    return Fail(found.error());
  }
  return Ok();
}

}  // namespace

Result<core::Competency> CreateCompetency(const AppContext& ctx, const core::Actor& actor, core::Competency input) {
  TD_CHECK(core::Require(actor, core::Action::kManageEntitlements));
  input.area = std::string(TrimAscii(input.area));
  TD_CHECK(core::ValidateCompetency(input));
  const Timestamp now = ctx.clock.Now();
  input.id = {};
  input.version = 1;
  input.created_at = input.updated_at = now;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertCompetency(input));
    auto event = core::DirectoryEvent(actor.user_id, "competency.created", "competency", input.id.value, now);
    return tx.AppendEvent(event);
  }));
  return input;
}

Result<core::Competency> ReplaceCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id,
                                           core::Competency input, std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kManageEntitlements));
  input.area = std::string(TrimAscii(input.area));
  TD_CHECK(core::ValidateCompetency(input));
  core::Competency competency;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    competency = TD_TRY(tx.GetCompetency(id));
    TD_CHECK(CheckVersion(expected_version, competency.version, "competency"));
    const auto loaded_version = competency.version;
    input.id = id;
    input.created_at = competency.created_at;
    input.updated_at = ctx.clock.Now();
    input.version = loaded_version + 1;
    competency = input;
    TD_CHECK(tx.UpdateCompetency(competency, loaded_version));
    auto event = core::DirectoryEvent(actor.user_id, "competency.updated", "competency", id.value, competency.updated_at);
    return tx.AppendEvent(event);
  }));
  return competency;
}

Status DeleteCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id) {
  TD_CHECK(core::Require(actor, core::Action::kManageEntitlements));
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_TRY(tx.GetCompetency(id));  // 404 before 409
    const auto references = TD_TRY(tx.CompetencyReferences(id));
    if (!references.empty()) return Fail(InUse("competency", id.value, references));
    TD_CHECK(tx.DeleteCompetency(id));
    auto event = core::DirectoryEvent(actor.user_id, "competency.deleted", "competency", id.value, ctx.clock.Now());
    return tx.AppendEvent(event);
  });
}

Result<std::vector<core::Competency>> ListCompetencies(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  return core::ReadValue<std::vector<core::Competency>>(ctx.store, [](core::ReadTx& tx) { return tx.ListCompetencies(); });
}

Result<core::Competency> GetCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  return core::ReadValue<core::Competency>(ctx.store, [&](core::ReadTx& tx) { return tx.GetCompetency(id); });
}

Result<core::Entitlement> CreateEntitlement(const AppContext& ctx, const core::Actor& actor, core::Entitlement input) {
  TD_CHECK(core::Require(actor, core::Action::kManageEntitlements));
  input.name = std::string(TrimAscii(input.name));
  if (input.categories.empty()) input.categories = core::DefaultCategories(input.kind);
  TD_CHECK(CheckName(input.name));
  TD_CHECK(core::ValidateEntitlement(input));
  const Timestamp now = ctx.clock.Now();
  input.id = {};
  input.version = 1;
  input.created_at = input.updated_at = now;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(CheckCompetencyExists(tx, input.competency_id));
    TD_CHECK(tx.InsertEntitlement(input));
    auto event = core::DirectoryEvent(actor.user_id, "entitlement.created", "entitlement", input.id.value, now);
    return tx.AppendEvent(event);
  }));
  return input;
}

Result<core::Entitlement> ReplaceEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id,
                                             core::Entitlement input, std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kManageEntitlements));
  input.name = std::string(TrimAscii(input.name));
  if (input.categories.empty()) input.categories = core::DefaultCategories(input.kind);
  TD_CHECK(CheckName(input.name));
  TD_CHECK(core::ValidateEntitlement(input));
  core::Entitlement entitlement;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    entitlement = TD_TRY(tx.GetEntitlement(id));
    TD_CHECK(CheckVersion(expected_version, entitlement.version, "entitlement"));
    TD_CHECK(CheckCompetencyExists(tx, input.competency_id));
    const auto loaded_version = entitlement.version;
    input.id = id;
    input.consumed = entitlement.consumed;
    input.created_at = entitlement.created_at;
    input.updated_at = ctx.clock.Now();
    input.version = loaded_version + 1;
    entitlement = input;
    TD_CHECK(tx.UpdateEntitlement(entitlement, loaded_version));
    auto event = core::DirectoryEvent(actor.user_id, "entitlement.updated", "entitlement", id.value, entitlement.updated_at);
    return tx.AppendEvent(event);
  }));
  return entitlement;
}

Status DeleteEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id) {
  TD_CHECK(core::Require(actor, core::Action::kManageEntitlements));
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_TRY(tx.GetEntitlement(id));  // 404 before 409
    const auto references = TD_TRY(tx.EntitlementReferences(id));
    if (!references.empty()) return Fail(InUse("entitlement", id.value, references));
    TD_CHECK(tx.DeleteEntitlement(id));
    auto event = core::DirectoryEvent(actor.user_id, "entitlement.deleted", "entitlement", id.value, ctx.clock.Now());
    return tx.AppendEvent(event);
  });
}

Result<std::vector<core::Entitlement>> ListEntitlements(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  return core::ReadValue<std::vector<core::Entitlement>>(ctx.store, [](core::ReadTx& tx) { return tx.ListEntitlements(); });
}

Result<core::Entitlement> GetEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  return core::ReadValue<core::Entitlement>(ctx.store, [&](core::ReadTx& tx) { return tx.GetEntitlement(id); });
}

Result<std::vector<core::EscalationOption>> OptionsFor(const AppContext& ctx, core::ReadTx& tx,
                                                       const core::Ticket& ticket) {
  core::EscalationTicket facts;
  facts.category = ticket.category;
  facts.service = ticket.service;
  // An on-premises product is named on the ticket (fields.deployment); services are cloud.
  const auto deployment = ticket.fields.find("deployment");
  facts.on_premises = deployment != ticket.fields.end() && deployment->second == "on_premises";
  facts.reseller_held = ticket.holder == core::Holder::kReseller;
  if (const auto service = TD_TRY(tx.FindService(ticket.service))) {
    for (auto& missing : core::MissingRequired(service->requirements, ticket.category, ticket.fields)) {
      facts.missing_fields.push_back(std::move(missing.label));
    }
  }
  const core::Day today = TD_TRY(ticket::PartnerToday(ctx, tx, TD_TRY(tx.TermsVersion())));
  const auto settings = TD_TRY(tx.GetPartnerSettings());
  const core::EscalationPreference preference{settings.escalation_order, settings.escalation_minutes_per_case};
  return core::EscalationOptions(facts, TD_TRY(tx.ListEntitlements()), TD_TRY(tx.ListCompetencies()), today,
                                 preference);
}

Result<std::vector<core::EscalationOption>> EscalationOptions(const AppContext& ctx, const core::Actor& actor,
                                                              TicketId id) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::EscalationOption>>(
      ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::EscalationOption>> {
        return OptionsFor(ctx, tx, TD_TRY(tx.GetTicket(scope, id)));
      });
}

}  // namespace tierdesk::app::vendor
