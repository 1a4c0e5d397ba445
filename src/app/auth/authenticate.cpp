#include "app/auth/auth.hpp"

namespace tierdesk::app::auth {

Result<core::Actor> Authenticator::Authenticate(const AppContext& ctx, std::string_view bearer) {
  if (bearer.empty() || bearer.size() > 200) {
    return Fail(Error::Unauthenticated("a bearer token is required"));
  }
  const std::string hash = ctx.tokens.HashToken(bearer);
  const Timestamp now = ctx.clock.Now();
  auto owner = TD_TRY(core::ReadValue<std::optional<core::TokenOwner>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindToken(hash, now); }));
  if (!owner) return Fail(Error::Unauthenticated("the token is unknown, expired or revoked"));
  if (!owner->last_used_at || now - *owner->last_used_at >= kTouchEvery) {
    // Best effort: a failed write of the last use must not refuse the request.
    (void)ctx.store.Write([&](core::WriteTx& tx) { return tx.TouchToken(owner->token_id, now); });
  }
  return core::Actor{owner->user.id, owner->user.organization_id, owner->org_kind, owner->user.role};
}

}  // namespace tierdesk::app::auth
