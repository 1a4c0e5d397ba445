#include "app/user/user.hpp"

namespace tierdesk::app::user {

Result<core::User> CreateUser(const AppContext& ctx, const core::Actor& actor, core::NewUser input) {
  TD_CHECK(core::Require(actor, core::Action::kManageUsers));
  TD_CHECK(core::ValidateNewUser(input));
  auto target = TD_TRY(core::ReadValue<core::Organization>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetOrganization(input.organization_id); }));
  if (!core::OrgInScope(core::OrgScopeFor(actor), target)) {
    return Fail(Error::NotFound("organization"));
  }
  TD_CHECK(core::CheckCreateUser(actor, target, input.role));
  std::string hash;
  if (!input.password.empty()) hash = TD_TRY(ctx.passwords.Hash(input.password));
  core::User created{{}, target.id, input.email, input.name, input.role, true, ctx.clock.Now()};
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    // Decided in the writing transaction, so no other create slips in between.
    core::AddressFacts facts;
    facts.any_domain = TD_TRY(tx.GetPartnerSettings()).customer_users_any_domain;
    const auto domain = std::string_view(input.email).substr(input.email.rfind('@') + 1);
    if (auto owner = TD_TRY(tx.FindOrganizationByDomain(domain))) facts.domain_owner = owner->id;
    if (auto existing = TD_TRY(tx.FindUserByEmail(input.email))) facts.existing_user_org = existing->user.organization_id;
    TD_CHECK(core::CheckUserAddress(actor, target, input.email, facts));
    TD_CHECK(tx.InsertUser(created, hash));
    auto event = core::DirectoryEvent(actor.user_id, "user.created", "user", created.id.value, created.created_at);
    return tx.AppendEvent(event);
  }));
  return created;
}

}  // namespace tierdesk::app::user
