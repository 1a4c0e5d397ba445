#include "app/auth/auth.hpp"
#include "core/common/text.hpp"
#include "core/policy/accounts.hpp"

namespace tierdesk::app::auth {
namespace {

// Whether the actor may manage the credentials of this user (core::CheckManageCredentials).
Status CheckOwner(core::ReadTx& tx, const core::Actor& actor, UserId owner) {
  if (owner == actor.user_id) return Ok();
  auto user = tx.GetUser(owner);
  if (!user) return Fail(user.error());
  auto org = TD_TRY(tx.GetOrganization(user->organization_id));
  return core::CheckManageCredentials(actor, *user, org);
}

core::Event TokenEvent(UserId actor, const char* action, const core::TokenRecord& token, Timestamp at) {
  auto event = core::DirectoryEvent(actor, action, "user", token.user_id.value, at);
  event.before = std::to_string(token.id.value);  // which token
  return event;
}

Result<core::TokenRecord> Revoke(const AppContext& ctx, UserId actor, core::TokenRecord token, const char* action) {
  const Timestamp now = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.RevokeToken(token.id, now));
    auto event = TokenEvent(actor, action, token, now);
    return tx.AppendEvent(event);
  }));
  if (!token.revoked_at) token.revoked_at = now;
  return token;
}

}  // namespace

Result<std::vector<core::TokenRecord>> ListTokens(const AppContext& ctx, const core::Actor& actor, UserId owner) {
  return core::ReadValue<std::vector<core::TokenRecord>>(ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::TokenRecord>> {
    TD_CHECK(CheckOwner(tx, actor, owner));
    return tx.ListTokens(owner, ctx.clock.Now());
  });
}

Result<core::TokenRecord> RevokeToken(const AppContext& ctx, const core::Actor& actor, TokenId id) {
  auto token = TD_TRY(core::ReadValue<core::TokenRecord>(ctx.store, [&](core::ReadTx& tx) -> Result<core::TokenRecord> {
    auto found = TD_TRY(tx.GetToken(id));
    if (auto allowed = CheckOwner(tx, actor, found.user_id); !allowed) {
      // Someone else's token the actor may not manage is as absent as one that does not exist.
      return Fail(Error::NotFound("token"));
    }
    return found;
  }));
  return Revoke(ctx, actor.user_id, std::move(token), "token.revoked");
}

Result<std::vector<core::TokenRecord>> ListTokensOf(const AppContext& ctx, std::string_view email) {
  const std::string normalised = ToLowerAscii(TrimAscii(email));
  return core::ReadValue<std::vector<core::TokenRecord>>(ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::TokenRecord>> {
    auto found = TD_TRY(tx.FindUserByEmail(normalised));
    if (!found) return Fail(Error::NotFound("user " + normalised));
    return tx.ListTokens(found->user.id, ctx.clock.Now());
  });
}

Result<core::TokenRecord> RevokeTokenAsOperator(const AppContext& ctx, TokenId id) {
  auto token = TD_TRY(core::ReadValue<core::TokenRecord>(ctx.store, [&](core::ReadTx& tx) { return tx.GetToken(id); }));
  return Revoke(ctx, UserId{}, std::move(token), "token.revoked");
}

Result<core::TokenRecord> Logout(const AppContext& ctx, const core::Actor& actor, std::string_view bearer_token) {
  const std::string hash = ctx.tokens.HashToken(bearer_token);
  auto owner = TD_TRY(core::ReadValue<std::optional<core::TokenOwner>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindToken(hash, ctx.clock.Now()); }));
  if (!owner || owner->user.id != actor.user_id) {
    return Fail(Error::Unauthenticated("the token is unknown, expired or revoked"));
  }
  auto token = TD_TRY(core::ReadValue<core::TokenRecord>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetToken(owner->token_id); }));
  return Revoke(ctx, actor.user_id, std::move(token), "user.signed_out");
}

}  // namespace tierdesk::app::auth
