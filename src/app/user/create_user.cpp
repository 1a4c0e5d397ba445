#include <optional>

#include "app/auth/auth.hpp"
#include "app/user/user.hpp"

namespace tierdesk::app::user {
namespace detail {

Status CheckAddress(core::ReadTx& tx, const core::Actor& actor, const core::Organization& target,
                    const std::string& email) {
  core::AddressFacts facts;
  facts.any_domain = TD_TRY(tx.GetPartnerSettings()).customer_users_any_domain;
  const auto domain = std::string_view(email).substr(email.rfind('@') + 1);
  if (auto owner = TD_TRY(tx.FindOrganizationByDomain(domain))) facts.domain_owner = owner->id;
  if (auto existing = TD_TRY(tx.FindUserByEmail(email))) facts.existing_user_org = existing->user.organization_id;
  return core::CheckUserAddress(actor, target, email, facts);
}

}  // namespace detail

using detail::CheckAddress;

Result<core::User> CreateUser(const AppContext& ctx, const core::Actor& actor, core::NewUser input,
                              auth::VerificationGate* gate) {
  TD_CHECK(core::Require(actor, core::Action::kManageUsers));
  TD_CHECK(core::ValidateNewUser(input));
  auto target = TD_TRY(core::ReadValue<core::Organization>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetOrganization(input.organization_id); }));
  if (!core::OrgInScope(core::OrgScopeFor(actor), target)) {
    return Fail(Error::NotFound("organization"));
  }
  TD_CHECK(core::CheckCreateUser(actor, target, input.role));
  // Refused addresses cost no password hash; the writing transaction decides again.
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) { return CheckAddress(tx, actor, target, input.email); }));
  std::string hash;
  if (!input.password.empty()) {
    // Argon2 takes a slot like a sign-in's check, so parallel creations cannot exhaust memory.
    std::optional<auth::VerificationGate::Slot> slot;
    if (gate != nullptr) slot.emplace(TD_TRY(gate->Enter()));
    hash = TD_TRY(ctx.passwords.Hash(input.password));
  }
  core::User created{{}, target.id, input.email, input.name, input.role, true, ctx.clock.Now()};
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    // Decided in the writing transaction, so no other create slips in between.
    TD_CHECK(CheckAddress(tx, actor, target, input.email));
    TD_CHECK(tx.InsertUser(created, hash));
    auto event = core::DirectoryEvent(actor.user_id, "user.created", "user", created.id.value, created.created_at);
    return tx.AppendEvent(event);
  }));
  return created;
}

}  // namespace tierdesk::app::user
