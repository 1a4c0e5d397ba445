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
    TD_CHECK(tx.InsertUser(created, hash));
    auto event = core::DirectoryEvent(actor.user_id, "user.created", "user", created.id.value, created.created_at);
    return tx.AppendEvent(event);
  }));
  return created;
}

}  // namespace tierdesk::app::user
